"""Integrity: a text hash per document and the hash chain over history rows (counterwatch.store.integrity).

Revision ID: 0004_integrity
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_integrity'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_hashes',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('text_sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id')
    )
    op.create_table('integrity_chain',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('row_hash', sa.String(length=64), nullable=False),
    sa.Column('chain_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('integrity_chain', schema=None) as batch_op:
        batch_op.create_index('ix_integrity_chain_row', ['table_name', 'row_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('integrity_chain', schema=None) as batch_op:
        batch_op.drop_index('ix_integrity_chain_row')
    op.drop_table('integrity_chain')
    op.drop_table('document_hashes')
