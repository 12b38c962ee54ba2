"""`counterwatch backup FILE` and `counterwatch restore FILE`: consistent snapshots, taken while the atlas serves."""
from __future__ import annotations

from pathlib import Path

import click

from counterwatch.commands.common import DB_OPTION, open_database


def _run(action: str, db: str | None, file: Path) -> None:
    """Open the database, run store.backup's ``action`` on FILE, and turn its errors into messages."""
    from counterwatch.store import backup as snapshots

    database = open_database(db)
    try:
        getattr(snapshots, action)(database, file)
    except snapshots.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        database.close()


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@DB_OPTION
def backup(file: Path, db: str | None) -> None:
    """Write a consistent snapshot of the database to FILE, safe while ingest, the atlas and reviewers
    use it (SQLite online backup; pg_dump for PostgreSQL)."""
    _run("backup", db, file)
    click.echo(f"backup written to {file}")


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@DB_OPTION
def restore(file: Path, db: str | None) -> None:
    """Replace the database's contents with the backup FILE (checked first; pg_restore for PostgreSQL).
    Run `counterwatch verify` afterwards to check the restored history."""
    _run("restore", db, file)
    click.echo(f"restored from {file}")
