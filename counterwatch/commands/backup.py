"""`counterwatch backup FILE` and `counterwatch restore FILE`: consistent snapshots, taken while the atlas serves."""
from __future__ import annotations

from pathlib import Path

import click

from counterwatch.commands.common import DB_OPTION, open_database


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@DB_OPTION
def backup(file: Path, db: str | None) -> None:
    """Write a consistent snapshot of the database to FILE, safe while ingest, the atlas and reviewers
    use it (SQLite online backup; pg_dump for PostgreSQL)."""
    from counterwatch.store.backup import BackupError, backup as take_backup

    database = open_database(db)
    try:
        take_backup(database, file)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        database.close()
    click.echo(f"backup written to {file}")


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@DB_OPTION
def restore(file: Path, db: str | None) -> None:
    """Replace the database's contents with the backup FILE (checked first; pg_restore for PostgreSQL).
    Run `counterwatch verify` afterwards to check the restored history."""
    from counterwatch.store.backup import BackupError, restore as bring_back

    database = open_database(db)
    try:
        bring_back(database, file)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        database.close()
    click.echo(f"restored from {file}")
