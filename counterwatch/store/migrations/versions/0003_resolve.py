"""Resolution: analyst judgements, document signatures for near-duplicates, deployments.

Revision ID: 0003_resolve
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_resolve'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('judgements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('other', sa.Text(), nullable=False),
    sa.Column('by', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('document_signatures',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('minhash', sa.JSON(), nullable=False),
    sa.Column('duplicate_of', sa.Integer(), nullable=True),
    sa.Column('similarity', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['duplicate_of'], ['documents.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('document_id')
    )
    with op.batch_alter_table('document_signatures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_signatures_duplicate_of'), ['duplicate_of'], unique=False)
    op.create_table('document_bands',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('band', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('document_bands', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_bands_band'), ['band'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_bands_document_id'), ['document_id'], unique=False)
    op.create_table('deployments',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('entity', sa.Text(), nullable=False),
    sa.Column('technology', sa.String(length=40), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('place', sa.Text(), nullable=False),
    sa.Column('year_min', sa.Integer(), nullable=True),
    sa.Column('year_max', sa.Integer(), nullable=True),
    sa.Column('sources', sa.Integer(), nullable=False),
    sa.Column('facts', sa.Integer(), nullable=False),
    sa.Column('conflicts', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('deployments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deployments_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_deployments_technology'), ['technology'], unique=False)
    op.create_table('deployment_facts',
    sa.Column('fact_id', sa.Integer(), nullable=False),
    sa.Column('deployment_id', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['deployment_id'], ['deployments.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['fact_id'], ['facts.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('fact_id')
    )
    with op.batch_alter_table('deployment_facts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deployment_facts_deployment_id'), ['deployment_id'], unique=False)


def downgrade() -> None:
    op.drop_table('deployment_facts')
    op.drop_table('deployments')
    op.drop_table('document_bands')
    op.drop_table('document_signatures')
    op.drop_table('judgements')
