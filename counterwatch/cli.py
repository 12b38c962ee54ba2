"""The command line: a thin layer over the stages. `counterwatch --help` lists every command.

Commands live in counterwatch/commands/, one module each, and are discovered here.
"""
from __future__ import annotations

import importlib
import pkgutil

import click

from counterwatch import __version__, commands
from counterwatch.commands.common import EXIT_SOME_FAILED
from counterwatch.config import EXTRACTOR_VERSION


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="counterwatch", message=f"%(prog)s %(version)s ({EXTRACTOR_VERSION})")
def main() -> None:
    """Counterwatch: read documents about surveillance technology and build an evidence-backed atlas."""


for _module in pkgutil.iter_modules(commands.__path__):
    for _value in vars(importlib.import_module(f"{commands.__name__}.{_module.name}")).values():
        if isinstance(_value, click.Command) and _value.name not in main.commands:
            main.add_command(_value)

__all__ = ["main", "EXIT_SOME_FAILED"]

if __name__ == "__main__":
    main()
