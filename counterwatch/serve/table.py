"""Facts as a readable terminal table."""
from __future__ import annotations

from rich.table import Table
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counterwatch.store.queries import FactFilter, iter_facts, source_counts
from counterwatch.store.schema import FactRow


def _amount(row: FactRow) -> str:
    if row.amount is None:
        return ""
    return f"{row.amount:,.2f} {row.currency or ''}".strip()


def facts_table(session: Session, flt: FactFilter, limit: int) -> tuple[Table, int]:
    total = session.scalar(flt.apply(session, select(func.count(FactRow.id))))
    rows = []
    for row in iter_facts(session, flt, batch=min(limit, 1000)):
        rows.append(row)
        if len(rows) >= limit:
            break
    counts = source_counts(session, [r.deployment_key for r in rows])
    table = Table(show_lines=False, header_style="bold")
    for name in ("id", "technology", "supplier", "buyer", "country", "place", "program", "year", "amount",
                 "quantity", "targets", "status", "sources", "document"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(str(r.id), r.technology, r.supplier or "", r.buyer or "", r.country or "", r.place or "",
                      r.program or "", str(r.year or ""), _amount(r),
                      f"{r.quantity:g} {r.unit or ''}".strip() if r.quantity is not None else "",
                      ", ".join(r.targets or []), r.status, str(counts.get(r.deployment_key, 1)),
                      r.document.source_id)
    return table, total or 0
