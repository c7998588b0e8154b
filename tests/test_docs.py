"""Every setting and every CLI command is documented in the README (a test fails when one
is added without its documentation)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rightsgraph.api.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _settings_in_code() -> set[str]:
    found: set[str] = set()
    for folder in ("api", "graph", "loaders", "rightsgraph"):
        for path in (ROOT / folder).rglob("*.py"):
            found |= set(re.findall(r"RIGHTSGRAPH_[A-Z_]+", path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("variable", sorted(_settings_in_code()))
def test_setting_is_documented(variable: str) -> None:
    assert f"`{variable}`" in README


@pytest.mark.parametrize("command", sorted(c.name or c.callback.__name__ for c in app.registered_commands))
def test_command_is_documented(command: str) -> None:
    assert f"`rightsgraph {command}" in README


def test_first_screen_has_the_two_commands() -> None:
    first_screen = "\n".join(README.splitlines()[:25])
    assert "rightsgraph serve" in first_screen
    assert "python -m pytest" in first_screen
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/python -m pytest" in ci
