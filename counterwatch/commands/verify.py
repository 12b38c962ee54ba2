"""`counterwatch verify`: check that no stored text, quote or history row was altered outside the application."""
from __future__ import annotations

import sys

import click

import counterwatch.store.integrity  # noqa: F401  - loaded with the CLI: every command's writes are sealed
from counterwatch.commands.common import DB_OPTION, open_database

#: Exit code when verification found a problem.
EXIT_TAMPERED = 4
#: Problems printed at most (the count is always printed).
SHOW_PROBLEMS = 50


@click.command()
@DB_OPTION
@click.option("--head", "expected_head", metavar="HASH",
              help="The chain head noted from an earlier run: fail unless the history still ends there or "
                   "continues from it (catches a history rewritten as a whole).")
@click.option("--seal-unsealed", is_flag=True,
              help="Before checking, seal once the rows written before the database had a history "
                   "(made before migration 0004_integrity): an administrator's decision that trusts those "
                   "rows as they are now. Rows already sealed, altered or newer than the history are "
                   "never sealed.")
def verify(db: str | None, expected_head: str | None, seal_unsealed: bool) -> None:
    """Check every document's text against its hash, every quote against its document's text and the
    hash chain over facts, evidence and review events. Exits with code 4 when anything was altered."""
    from counterwatch.store.integrity import chain_contains, seal_unsealed as run_seal, verify as run_verify

    database = open_database(db)
    if seal_unsealed:
        with database.session() as session:  # sealed on commit, in this transaction
            sealed = run_seal(session)
        if sealed.refused:
            click.echo(f"sealed nothing: {sealed.refused}", err=True)
        else:
            counts = ", ".join(f"{name} {n}" for name, n in sealed.sealed.items() if n) or "none"
            click.echo(f"sealed {sum(sealed.sealed.values())} rows written before the history ({counts}); "
                       f"left unsealed (newer than the history): {sealed.left}")
    with database.session() as session:
        report = run_verify(session)
        if expected_head and not chain_contains(session, expected_head):
            report.problems.append(f"history does not contain the noted head {expected_head}: it was rewritten")
    database.close()
    for problem in report.problems[:SHOW_PROBLEMS]:
        click.echo(f"ALTERED {problem}", err=True)
    if len(report.problems) > SHOW_PROBLEMS:
        click.echo(f"... and {len(report.problems) - SHOW_PROBLEMS} more", err=True)
    click.echo(f"documents: {report.documents}, quotes: {report.quotes}, history entries: {report.chain_entries}, "
               f"problems: {len(report.problems)}, head: {report.head}")
    if report.problems:
        sys.exit(EXIT_TAMPERED)
