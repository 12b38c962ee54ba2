"""The store. Modules that add tables are imported here so that Base.metadata always holds every table
the migrations create (tests/test_store.py compares the two)."""
from counterwatch.store import accounts, deployments, integrity, judgements, reviews  # noqa: F401  (tables, listeners)
from counterwatch.store import fact_targets  # noqa: F401  (table)
