"""Every setting and every CLI command is documented in the README (a test fails when one
is added without its documentation)."""

from __future__ import annotations

import json
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


def test_every_endpoint_has_a_summary_and_an_example() -> None:
    """The OpenAPI schema documents every endpoint with an example (outside checks read it)."""
    from rightsgraph.api.app import create_app
    from rightsgraph.graph.store import open_store

    with open_store(":memory:") as store:
        spec = create_app(store).openapi()
    undocumented = [
        f"{method.upper()} {path}"
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if not (operation.get("summary") or operation.get("description")) or '"example' not in json.dumps(operation)
    ]
    assert undocumented == []
