"""`counterwatch facts`: a terminal table of stored facts."""
from __future__ import annotations

import click
from rich.console import Console

from counterwatch.commands.common import DB_OPTION, filter_options, open_database


@click.command()
@DB_OPTION
@filter_options
@click.option("--limit", type=int, default=200, show_default=True, help="Most rows to show.")
def facts(db: str | None, limit: int, **filters) -> None:
    """Show stored facts as a table, with how many sources report each."""
    from counterwatch.serve.table import facts_table
    from counterwatch.store.queries import FactFilter

    database = open_database(db)
    with database.session() as session:
        table, total = facts_table(session, FactFilter(**filters), limit)
    console = Console(width=max(Console().width, 160))
    console.print(table)
    console.print(f"{total} facts" + (f" (first {limit} shown)" if total > limit else ""))
    database.close()
