"""What the commands share: the --db option, opening the database, the fact filters."""
from __future__ import annotations

import click

from counterwatch.config import DEFAULT_DB, load_settings
from counterwatch.model import TECHNOLOGIES

#: Exit code when some input files failed while the rest were ingested.
EXIT_SOME_FAILED = 3
#: Show a progress bar only for runs with at least this many files to process.
PROGRESS_MIN_FILES = 20

DB_OPTION = click.option("--db", "db", default=None, metavar="FILE|URL",
                         help=f"Database: an SQLite file or a postgresql:// URL "
                              f"[env COUNTERWATCH_DB; default ./{DEFAULT_DB}].")


def open_database(db: str | None):
    from counterwatch.store.database import Database, DatabaseError

    try:
        return Database(load_settings(db=db).db)
    except DatabaseError as exc:
        raise click.ClickException(str(exc)) from exc


def filter_options(func):
    for option in reversed([
        click.option("--supplier", help="Supplier name (part of it) or knowledge-base id."),
        click.option("--technology", type=click.Choice(TECHNOLOGIES), help="Technology term."),
        click.option("--country", help="ISO 3166-1 alpha-2 code of the country of deployment."),
        click.option("--year", type=int, help="Year of the fact."),
        click.option("--q", "q", help="Full-text search over documents and quotes (English and Chinese)."),
    ]):
        func = option(func)
    return func
