"""`counterwatch ingest`: files and folders in, facts stored."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from counterwatch.commands.common import DB_OPTION, EXIT_SOME_FAILED, PROGRESS_MIN_FILES, open_database
from counterwatch.config import load_settings
from counterwatch.engines import ENGINE_NAMES


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@DB_OPTION
@click.option("--workers", type=int, default=None,
              help="Worker processes [env COUNTERWATCH_WORKERS; default: all cores].")
@click.option("--retry-failed", is_flag=True, help="Process again only the files that failed before.")
@click.option("--quiet", is_flag=True, help="No progress bar (the summary and the failures are still printed).")
@click.option("--engine", type=click.Choice(ENGINE_NAMES), default="local", show_default=True,
              help="Where files are read and extracted: worker processes on this machine (local) or a Dask "
                   "cluster (dask; every worker must see the files at the same paths).")
@click.option("--address", metavar="tcp://HOST:PORT", default=None,
              help="Dask scheduler to use with --engine dask (default: a local cluster of --workers processes).")
def ingest(paths: tuple[Path, ...], db: str | None, workers: int | None, retry_failed: bool, quiet: bool,
           engine: str, address: str | None) -> None:
    """Read files or folders (recursively) and store the facts they state.

    Formats: HTML, PDF, DOCX, plain text and e-mail (.eml). Exits with code 3 when some files failed
    (each is listed with its reason); the others are stored.
    """
    from counterwatch.batch import run_ingest

    settings = load_settings(db=db, workers=workers)
    if address and engine != "dask":
        raise click.BadParameter("--address needs --engine dask", param_hint="--address")
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise click.BadParameter(", ".join(map(str, missing)) + ": no such file or folder", param_hint="PATHS")
    database = open_database(db)
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
                            retry_failed=retry_failed, on_progress=on_progress, engine=engine, address=address)
    database.close()
    if report.failed:
        for path, reason in report.failed:
            click.echo(f"skipped {path}: {reason}", err=True)
    click.echo(f"documents read: {report.read} (stored {report.stored}, unchanged {report.unchanged}, "
               f"duplicates {report.duplicates}), skipped: {len(report.failed)}, facts found: {report.facts}, "
               f"{report.seconds:.1f} s ({report.docs_per_second:.1f} docs/s)")
    if report.failed:
        sys.exit(EXIT_SOME_FAILED)
