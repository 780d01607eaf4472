"""The docs cover every setting and every command, as Datasette's own tests insist."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from dateline import conf
from dateline.cli import cli

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _read(name: str) -> str:
    path = DOCS / name
    assert path.exists(), f"docs/{name} is missing"
    return path.read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "dateline") -> list[str]:
    names = []
    for name, command in sorted(group.commands.items()):
        if command.hidden:
            continue
        names.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            names.extend(_commands(command, f"{prefix} {name}"))
    return names


@pytest.mark.parametrize("name", [s.env_name for s in conf.SETTINGS])
def test_setting_is_documented(name):
    """Each DATELINE_* setting in dateline.conf.SETTINGS is named in docs/settings.md."""
    assert re.search(rf"\b{re.escape(name)}\b", _read("settings.md")), f"{name} is not documented in docs/settings.md"


@pytest.mark.parametrize("command", _commands(cli))
def test_command_is_documented(command):
    """Each command of the `dateline` CLI is named in docs/cli.md."""
    pattern = r"\s+".join(re.escape(word) for word in command.split())
    assert re.search(rf"{pattern}(?![\w-])", _read("cli.md")), f"`{command}` is not documented in docs/cli.md"
