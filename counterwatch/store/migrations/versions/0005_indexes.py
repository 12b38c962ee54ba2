"""Indexes for the atlas's filters and facets, and fact_targets (counterwatch.store.fact_targets),
filled from the facts already stored.

Revision ID: 0005_indexes
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_indexes'
down_revision = '0001'
branch_labels = None
depends_on = None

#: facts index name -> its columns.
FACT_INDEXES = {
    'ix_facts_buyer': ['buyer'], 'ix_facts_buyer_id': ['buyer_id'], 'ix_facts_program': ['program'],
    'ix_facts_place': ['place'], 'ix_facts_status': ['status'], 'ix_facts_created_at': ['created_at'],
    'ix_facts_country_technology_year': ['country', 'technology', 'year'],
}
BACKFILL = {
    'sqlite': "INSERT OR IGNORE INTO fact_targets (fact_id, target) SELECT DISTINCT facts.id, t.value "
              "FROM facts, json_each(facts.targets) AS t WHERE t.value IS NOT NULL AND t.value != ''",
    'postgresql': "INSERT INTO fact_targets (fact_id, target) SELECT DISTINCT facts.id, t.value "
                  "FROM facts, json_array_elements_text(facts.targets) AS t(value) "
                  "WHERE t.value IS NOT NULL AND t.value != '' ON CONFLICT DO NOTHING",
}


def upgrade() -> None:
    with op.batch_alter_table('facts', schema=None) as batch_op:
        for name, columns in FACT_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
    op.create_table('fact_targets',
    sa.Column('fact_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['fact_id'], ['facts.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('fact_id', 'target')
    )
    with op.batch_alter_table('fact_targets', schema=None) as batch_op:
        batch_op.create_index('ix_fact_targets_target', ['target'], unique=False)
    backfill = BACKFILL.get(op.get_bind().dialect.name)
    if backfill:
        op.execute(backfill)


def downgrade() -> None:
    with op.batch_alter_table('fact_targets', schema=None) as batch_op:
        batch_op.drop_index('ix_fact_targets_target')
    op.drop_table('fact_targets')
    with op.batch_alter_table('facts', schema=None) as batch_op:
        for name in FACT_INDEXES:
            batch_op.drop_index(name)
