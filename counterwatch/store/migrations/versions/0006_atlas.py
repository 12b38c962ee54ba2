"""The atlas's summary (counterwatch.store.summary): counts kept at write time, their change log and the
triggers that fill it, the version the aggregate cache is keyed by, and each reviewed fact's effective
values, filled from the facts and review events already stored.

Revision ID: 0006_atlas
Revises: 0005_indexes
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_atlas'
down_revision = '0005_indexes'
branch_labels = None
# review_events (backfill of fact_current) comes from 0002_review.
depends_on = ('0002_review',)

FIELDS = ('technology', 'supplier', 'supplier_id', 'buyer', 'buyer_id', 'country', 'place', 'program', 'year',
          'status', 'latitude', 'longitude')
COLUMNS = ', '.join(FIELDS)
#: The trigger bodies, the same statements on SQLite and PostgreSQL. A deleted fact leaves the counts with
#: its effective values: fact_current's when it was reviewed.
#: The targets' JSON as text (SQLite stores JSON as text; PostgreSQL's json casts to it).
TARGETS = {'postgresql': "{row}.targets::text", 'sqlite': "{row}.targets"}


def _trigger_sql(dialect: str) -> dict[str, tuple[str, str]]:
    new, old = (TARGETS.get(dialect, TARGETS['sqlite']).format(row=row) for row in ('NEW', 'OLD'))
    on_insert = (f"INSERT INTO atlas_changes (sign, fact_id, targets, {COLUMNS}) "
                 f"VALUES (1, NEW.id, {new}, {', '.join('NEW.' + f for f in FIELDS)});")
    on_delete = (f"INSERT INTO atlas_changes (sign, fact_id, targets, {COLUMNS}) "
                 f"SELECT -1, OLD.id, {old}, {', '.join('OLD.' + f for f in FIELDS)} "
                 "WHERE NOT EXISTS (SELECT 1 FROM fact_current WHERE fact_id = OLD.id); "
                 f"INSERT INTO atlas_changes (sign, fact_id, targets, {COLUMNS}) "
                 f"SELECT -1, fact_id, {old}, {COLUMNS} FROM fact_current WHERE fact_id = OLD.id;")
    return {'facts': (on_insert, on_delete)}


def _create_triggers(dialect: str) -> None:
    for table, (on_insert, on_delete) in _trigger_sql(dialect).items():
        if dialect == 'postgresql':
            op.execute(f"CREATE FUNCTION atlas_{table}_changed() RETURNS trigger AS $$ BEGIN "
                       f"IF TG_OP = 'INSERT' THEN {on_insert} RETURN NEW; ELSE {on_delete} RETURN OLD; END IF; "
                       "END $$ LANGUAGE plpgsql")
            op.execute(f"CREATE TRIGGER atlas_{table}_changed AFTER INSERT OR DELETE ON {table} "
                       f"FOR EACH ROW EXECUTE FUNCTION atlas_{table}_changed()")
        else:
            op.execute(f"CREATE TRIGGER atlas_{table}_inserted AFTER INSERT ON {table} BEGIN {on_insert} END")
            op.execute(f"CREATE TRIGGER atlas_{table}_deleted AFTER DELETE ON {table} BEGIN {on_delete} END")


def _backfill() -> None:
    from sqlalchemy.orm import Session

    from counterwatch.store import reviews, summary

    connection = op.get_bind()
    session = Session(bind=connection)
    for fact_id in session.scalars(sa.select(reviews.ReviewEventRow.fact_id).distinct()
                                   .where(reviews.ReviewEventRow.fact_id.is_not(None))):
        reviews.refresh_current(session, fact_id)
    session.flush()
    summary.rebuild(connection)


def _value_columns() -> list[sa.Column]:
    """The fact values kept both in the change log and in a reviewed fact's current values."""
    return [sa.Column('technology', sa.String(length=40), nullable=True),
            sa.Column('supplier', sa.Text(), nullable=True),
            sa.Column('supplier_id', sa.String(length=100), nullable=True),
            sa.Column('buyer', sa.Text(), nullable=True),
            sa.Column('buyer_id', sa.String(length=100), nullable=True),
            sa.Column('country', sa.String(length=2), nullable=True),
            sa.Column('place', sa.Text(), nullable=True),
            sa.Column('program', sa.Text(), nullable=True),
            sa.Column('year', sa.Integer(), nullable=True),
            sa.Column('status', sa.String(length=20), nullable=True),
            sa.Column('latitude', sa.Float(), nullable=True),
            sa.Column('longitude', sa.Float(), nullable=True)]


def upgrade() -> None:
    op.create_table('atlas_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sign', sa.Integer(), nullable=False),
    sa.Column('fact_id', sa.Integer(), nullable=False),
    sa.Column('targets', sa.Text(), nullable=True),
    *_value_columns(),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('atlas_counts',
    sa.Column('dims', sa.String(length=40), nullable=False),
    sa.Column('a', sa.Text(), nullable=False),
    sa.Column('b', sa.Text(), nullable=False),
    sa.Column('c', sa.Text(), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('located', sa.Integer(), nullable=False),
    sa.Column('lat_sum', sa.Float(), nullable=False),
    sa.Column('lon_sum', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('dims', 'a', 'b', 'c')
    )
    with op.batch_alter_table('atlas_counts', schema=None) as batch_op:
        batch_op.create_index('ix_atlas_counts_dims_n', ['dims', 'n'], unique=False)
    op.create_table('atlas_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('fact_current',
    sa.Column('fact_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    *_value_columns(),
    sa.PrimaryKeyConstraint('fact_id')
    )
    with op.batch_alter_table('fact_current', schema=None) as batch_op:
        for name in ('state',) + FIELDS[:10]:
            batch_op.create_index(f'ix_fact_current_{name}', [name], unique=False)
    _create_triggers(op.get_bind().dialect.name)
    _backfill()


def downgrade() -> None:
    for table in _trigger_sql(op.get_bind().dialect.name):
        if op.get_bind().dialect.name == 'postgresql':
            op.execute(f"DROP TRIGGER atlas_{table}_changed ON {table}")
            op.execute(f"DROP FUNCTION atlas_{table}_changed()")
        else:
            op.execute(f"DROP TRIGGER atlas_{table}_inserted")
            op.execute(f"DROP TRIGGER atlas_{table}_deleted")
    with op.batch_alter_table('fact_current', schema=None) as batch_op:
        for name in ('state',) + FIELDS[:10]:
            batch_op.drop_index(f'ix_fact_current_{name}')
    op.drop_table('fact_current')
    op.drop_table('atlas_state')
    with op.batch_alter_table('atlas_counts', schema=None) as batch_op:
        batch_op.drop_index('ix_atlas_counts_dims_n')
    op.drop_table('atlas_counts')
    op.drop_table('atlas_changes')
