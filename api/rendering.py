"""The one way the service writes HTML: :func:`render` fills a Jinja2 template of
``api/templates/`` (every page extends ``base.html``), with autoescaping on, so no text
from a document can become markup.

>>> "<b>" in render("error.html", title="x", message="<b>")
False
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from rightsgraph.graph.plain_text import strip_markdown

__all__ = ["render", "stylesheets"]


@functools.cache
def _environment() -> Environment:
    """Built once: the templates are package data and never change while running."""
    environment = Environment(
        loader=PackageLoader("rightsgraph.api", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["or_unknown"] = _or_unknown
    environment.filters["plain"] = strip_markdown  # sources carry Markdown; pages show text
    return environment


def _or_unknown(value: Any, unknown: str = "not stated") -> Any:
    """Unknown stays unknown and says so."""
    return unknown if value is None or value == "" or value == [] else value


@functools.cache
def stylesheets() -> dict[str, str]:
    """The screen and print stylesheets of ``api/static/``, inlined by ``base.html`` so a
    saved or offline page keeps its look."""
    folder = resources.files("rightsgraph.api") / "static"
    return {"screen": (folder / "site.css").read_text("utf-8"), "print": (folder / "print.css").read_text("utf-8")}


def render(template: str, **context: Any) -> str:
    """The page ``template`` (a file name under ``api/templates/``) filled with ``context``."""
    context.setdefault("stylesheets", stylesheets())
    return _environment().get_template(template).render(**context)
