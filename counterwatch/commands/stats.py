"""`counterwatch stats`: spend, budgets and notice counts grouped by year, province, technology or
supplier, with an optional trend chart."""
from __future__ import annotations

from pathlib import Path

import click

from counterwatch.commands.common import DB_OPTION, filter_options, open_database


def _dimensions(value: str) -> list[str]:
    from counterwatch.serve.stats import DIMENSIONS

    dims = [d.strip() for d in value.split(",") if d.strip()]
    bad = [d for d in dims if d not in DIMENSIONS]
    if bad or not dims:
        raise click.BadParameter(f"choose from {', '.join(DIMENSIONS)} (comma-separated), not {value!r}")
    return dims


@click.command()
@DB_OPTION
@filter_options
@click.option("--by", "by", default="year", show_default=True, metavar="DIM[,DIM...]",
              help="Group by these dimensions, comma-separated: year, province, technology, supplier, status, "
                   "country.")
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE.png|svg",
              help="Also draw a chart: the first dimension on the x axis, one series per value of the second.")
@click.option("--measure", type=click.Choice(("spent", "budget", "notices")), default="spent", show_default=True,
              help="What the chart plots: awarded/contracted spend, budgets, or notice counts.")
def stats(db: str | None, by: str, chart: Path | None, measure: str, **filters) -> None:
    """Spend (awarded amounts and budgets, kept apart) and notice counts per group of facts."""
    from rich.console import Console
    from rich.table import Table

    from counterwatch.serve.stats import group_facts, money
    from counterwatch.store.queries import FactFilter, iter_facts

    dims = _dimensions(by)
    if chart is not None and chart.suffix.lower() not in (".png", ".svg"):
        raise click.BadParameter("the chart file must end in .png or .svg", param_hint="--chart")
    database = open_database(db)
    with database.session() as session:
        groups = group_facts(iter_facts(session, FactFilter(**filters)), dims)
    database.close()
    table = Table(*dims, "notices", "facts", "awarded", "budgets")
    for g in groups:
        table.add_row(*("—" if v is None else str(v) for v in g.key), str(g.notices), str(g.facts),
                      money(g.spent), money(g.budget))
    Console(width=max(Console().width, 140)).print(table)
    click.echo(f"{len(groups)} groups, {sum(g.facts for g in groups)} facts")
    if chart is not None:
        from counterwatch.serve.stats_chart import draw_chart

        click.echo(f"chart written to {draw_chart(groups, dims, measure, chart)}")
