"""`counterwatch user add`: analyst accounts for the atlas's review."""
from __future__ import annotations

import sys

import click

from counterwatch.commands.common import DB_OPTION, open_database
from counterwatch.store.accounts import MIN_PASSWORD_CHARS, ROLES


@click.group()
def user() -> None:
    """Manage analyst accounts (reviewers and admins) of the web atlas."""


def _add_command() -> click.Command:
    """Built in a function: cli.py adds every module-level command at the top level, and `add` belongs
    under `user`."""

    @click.command("add")
    @click.argument("name")
    @DB_OPTION
    @click.option("--role", type=click.Choice(ROLES), default="reviewer", show_default=True,
                  help="reviewer: confirms, rejects and corrects facts; admin: also sees the account list.")
    @click.option("--password-stdin", is_flag=True,
                  help=f"Read the password from the first line of standard input instead of prompting "
                       f"(at least {MIN_PASSWORD_CHARS} characters).")
    def add(name: str, db: str | None, role: str, password_stdin: bool) -> None:
        """Add an analyst account NAME; the password is prompted for (twice) unless --password-stdin."""
        from counterwatch.store.accounts import AccountError, add_user

        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        database = open_database(db)
        try:
            with database.session() as session:
                add_user(session, name, role, password)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from exc
        finally:
            database.close()
        click.echo(f"added {role} {name}", err=True)

    return add


user.add_command(_add_command())
