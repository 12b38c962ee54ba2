"""`counterwatch export`: stored facts out in an open format."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from counterwatch.commands.common import DB_OPTION, filter_options, open_database


@click.command()
@DB_OPTION
@click.option("--format", "fmt", required=True,
              type=click.Choice(["eval-jsonl", "json", "csv", "geojson", "ftm"]),
              help="eval-jsonl (the evaluation format), json, csv, geojson or ftm (FollowTheMoney JSON lines).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file [default: standard output].")
@filter_options
def export(db: str | None, fmt: str, out: Path | None, **filters) -> None:
    """Write the stored facts in an open format."""
    from counterwatch.serve.exports import EXPORTERS
    from counterwatch.store.queries import FactFilter

    database = open_database(db)
    flt = FactFilter(**filters)
    if out is None:
        with database.session() as session:
            count = EXPORTERS[fmt](session, sys.stdout, flt)
    else:
        tmp = out.with_name(out.name + ".part")
        with database.session() as session, tmp.open("w", encoding="utf-8", newline="") as handle:
            count = EXPORTERS[fmt](session, handle, flt)
        tmp.replace(out)
        click.echo(f"wrote {count} records to {out}", err=True)
    database.close()
