"""The command line: a thin layer over the stages. `counterwatch --help` lists every command."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from counterwatch import __version__
from counterwatch.config import DEFAULT_DB, EXTRACTOR_VERSION, load_settings
from counterwatch.model import TECHNOLOGIES

#: Exit code when some input files failed while the rest were ingested.
EXIT_SOME_FAILED = 3
#: Show a progress bar only for runs with at least this many files to process.
PROGRESS_MIN_FILES = 20

DB_OPTION = click.option("--db", "db", default=None, metavar="FILE|URL",
                         help=f"Database: an SQLite file or a postgresql:// URL "
                              f"[env COUNTERWATCH_DB; default ./{DEFAULT_DB}].")


def _open(db: str | None):
    from counterwatch.store.database import Database, DatabaseError

    try:
        return Database(load_settings(db=db).db)
    except DatabaseError as exc:
        raise click.ClickException(str(exc)) from exc


def _filter_options(func):
    for option in reversed([
        click.option("--supplier", help="Supplier name (part of it) or knowledge-base id."),
        click.option("--technology", type=click.Choice(TECHNOLOGIES), help="Technology term."),
        click.option("--country", help="ISO 3166-1 alpha-2 code of the country of deployment."),
        click.option("--year", type=int, help="Year of the fact."),
        click.option("--q", "q", help="Full-text search over documents and quotes (English and Chinese)."),
    ]):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="counterwatch", message=f"%(prog)s %(version)s ({EXTRACTOR_VERSION})")
def main() -> None:
    """Counterwatch: read documents about surveillance technology and build an evidence-backed atlas."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@DB_OPTION
@click.option("--workers", type=int, default=None,
              help="Worker processes [env COUNTERWATCH_WORKERS; default: all cores].")
@click.option("--retry-failed", is_flag=True, help="Process again only the files that failed before.")
@click.option("--quiet", is_flag=True, help="No progress bar (the summary and the failures are still printed).")
def ingest(paths: tuple[Path, ...], db: str | None, workers: int | None, retry_failed: bool, quiet: bool) -> None:
    """Read files or folders (recursively) and store the facts they state.

    Formats: HTML, PDF, DOCX, plain text and e-mail (.eml). Exits with code 3 when some files failed
    (each is listed with its reason); the others are stored.
    """
    from counterwatch.batch import run_ingest

    settings = load_settings(db=db, workers=workers)
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise click.BadParameter(", ".join(map(str, missing)) + ": no such file or folder", param_hint="PATHS")
    database = _open(db)
    console = Console(stderr=True)
    progress = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]:.1f} docs/s, {task.fields[failed]} failed"),
                        TimeRemainingColumn(), console=console, transient=True,
                        disable=quiet or not console.is_terminal)
    task = None

    def on_progress(report, done, total):
        nonlocal task
        if total < PROGRESS_MIN_FILES:
            return
        if task is None:
            task = progress.add_task("ingest", total=total, rate=0.0, failed=0)
        progress.update(task, completed=done, rate=report.docs_per_second, failed=len(report.failed))

    with progress:
        report = run_ingest(database, paths, workers=settings.workers, max_bytes=settings.max_file_bytes,
                            retry_failed=retry_failed, on_progress=on_progress)
    database.close()
    if report.failed:
        for path, reason in report.failed:
            click.echo(f"skipped {path}: {reason}", err=True)
    click.echo(f"documents read: {report.read} (stored {report.stored}, unchanged {report.unchanged}, "
               f"duplicates {report.duplicates}), skipped: {len(report.failed)}, facts found: {report.facts}, "
               f"{report.seconds:.1f} s ({report.docs_per_second:.1f} docs/s)")
    if report.failed:
        sys.exit(EXIT_SOME_FAILED)


@main.command()
@DB_OPTION
@click.option("--format", "fmt", required=True,
              type=click.Choice(["eval-jsonl", "json", "csv", "geojson", "ftm"]),
              help="eval-jsonl (the evaluation format), json, csv, geojson or ftm (FollowTheMoney JSON lines).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file [default: standard output].")
@_filter_options
def export(db: str | None, fmt: str, out: Path | None, **filters) -> None:
    """Write the stored facts in an open format."""
    from counterwatch.serve.exports import EXPORTERS
    from counterwatch.store.queries import FactFilter

    database = _open(db)
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


@main.command()
@DB_OPTION
@_filter_options
@click.option("--limit", type=int, default=200, show_default=True, help="Most rows to show.")
def facts(db: str | None, limit: int, **filters) -> None:
    """Show stored facts as a table, with how many sources report each."""
    from counterwatch.serve.table import facts_table
    from counterwatch.store.queries import FactFilter

    database = _open(db)
    with database.session() as session:
        table, total = facts_table(session, FactFilter(**filters), limit)
    console = Console(width=max(Console().width, 160))
    console.print(table)
    console.print(f"{total} facts" + (f" (first {limit} shown)" if total > limit else ""))
    database.close()


if __name__ == "__main__":
    main()
