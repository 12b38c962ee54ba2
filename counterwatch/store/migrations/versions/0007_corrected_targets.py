"""Corrected targets leave the atlas counts with their fact (counterwatch.store.summary, fact_targets).

A reviewed fact's corrected targets are in fact_targets, not in the fact's JSON, which 0006's delete
trigger logs. This trigger runs first, before the cascade removes fact_targets' rows, and logs the fact
with its stored terms in (+1) and with its fact_targets terms out (-1): with 0006's entry (stored terms
out) the counts lose what they counted. Nothing is logged for an unreviewed fact.

Revision ID: 0007_corrected_targets
Revises: 0006_atlas
"""
from alembic import op

revision = '0007_corrected_targets'
down_revision = '0006_atlas'
branch_labels = None
depends_on = None

COLUMNS = ('technology, supplier, supplier_id, buyer, buyer_id, country, place, program, year, status, '
           'latitude, longitude')
#: The stored terms and the fact_targets terms as JSON text, per dialect.
STORED = {'postgresql': "OLD.targets::text", 'sqlite': "OLD.targets"}
LISTED = {'postgresql': "(SELECT coalesce(json_agg(target ORDER BY target), '[]'::json)::text FROM fact_targets "
                        "WHERE fact_id = OLD.id)",
          'sqlite': "(SELECT json_group_array(target) FROM fact_targets WHERE fact_id = OLD.id)"}


def _body(dialect: str) -> str:
    stored, listed = STORED.get(dialect, STORED['sqlite']), LISTED.get(dialect, LISTED['sqlite'])
    return "".join(f"INSERT INTO atlas_changes (sign, fact_id, targets, {COLUMNS}) "
                   f"SELECT {sign}, fact_id, {terms}, {COLUMNS} FROM fact_current WHERE fact_id = OLD.id; "
                   for sign, terms in ((1, stored), (-1, listed)))


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'postgresql':
        op.execute("CREATE FUNCTION corrected_targets_deleted() RETURNS trigger AS $$ BEGIN "
                   f"{_body(dialect)} RETURN OLD; END $$ LANGUAGE plpgsql")
        op.execute("CREATE TRIGGER corrected_targets_deleted BEFORE DELETE ON facts "
                   "FOR EACH ROW EXECUTE FUNCTION corrected_targets_deleted()")
    else:
        op.execute(f"CREATE TRIGGER corrected_targets_deleted BEFORE DELETE ON facts BEGIN {_body(dialect)} END")


def downgrade() -> None:
    op.execute("DROP TRIGGER corrected_targets_deleted" + (" ON facts" if op.get_bind().dialect.name == 'postgresql'
                                                          else ""))
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP FUNCTION corrected_targets_deleted()")
