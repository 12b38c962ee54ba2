"""README.md documents every command, every option and every environment variable; --help is complete."""
from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from counterwatch.cli import main
from counterwatch.config import ENVIRONMENT

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands():
    return sorted(main.commands.items())


@pytest.mark.parametrize("name,command", _commands())
def test_every_command_and_option_is_in_the_readme(name, command):
    assert f"counterwatch {name}" in README, f"README.md does not document `counterwatch {name}`"
    for param in command.params:
        if isinstance(param, click.Option):
            assert any(opt in README for opt in param.opts), f"README.md lacks {param.opts} of {name}"


@pytest.mark.parametrize("name,command", _commands())
def test_every_option_has_help(name, command):
    assert command.help, f"{name} has no help text"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts} has no help text"
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0 and name in result.output


@pytest.mark.parametrize("variable", sorted(ENVIRONMENT))
def test_every_environment_variable_is_documented(variable):
    assert variable in README


def test_readme_gives_the_two_commands():
    assert "scripts/demo.sh" in README and "scripts/test.sh" in README
    assert "Apache-2.0" in README
