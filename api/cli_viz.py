"""``rightsgraph viz ENTITY -o file.html``: the interactive network of one entity, offline.

ENTITY is a State name or code, a communication reference ("AL CHN 3/2021"), an instrument
id, a company name or an IRI. The file is the page ``GET /graph/view`` serves, with every
script inlined; since a file has no server behind it, a click on a node does not navigate.

Register in ``cli.py``::

    from rightsgraph.api.cli_viz import viz_command
    app.command("viz")(viz_command)
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rightsgraph.api import cli_store
from rightsgraph.graph.ingest import ensure_reference_data
from rightsgraph.graph.network import build_network
from rightsgraph.api.network_pages import entity_view

from rightsgraph.errors import RightsgraphError, UsageError

__all__ = ["viz", "viz_command"]


def viz(entity: str, output: Path, store: str | None, depth: int = 1) -> Path:
    """Write the network page of ``entity`` to ``output``; returns ``output``.

    Raises :class:`~rightsgraph.errors.NotFoundError` for an entity the graph does not hold
    and :class:`UsageError` for a depth outside 1..3.
    """
    if not 1 <= depth <= 3:
        raise UsageError("--depth must be 1, 2 or 3", details={"depth": depth})
    with cli_store.open_cli_store(store, read_only_if_in_use=True) as opened:
        if not getattr(opened, "read_only", False):  # a served store has its reference data
            ensure_reference_data(opened)
        network = build_network(opened)
    page = entity_view(network, network.resolve(entity), depth, None, link=None)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    return output


def viz_command(
    entity: Annotated[str, typer.Argument(help="State, reference (\"AL CHN 3/2021\"), instrument id, company or IRI.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path("graph.html"),
    store: Annotated[str | None, typer.Option("--store", help="Store directory (default: $RIGHTSGRAPH_STORE or the user data directory).")] = None,
    depth: Annotated[int, typer.Option("--depth", min=1, max=3, help="Hops from the entity (1..3).")] = 1,
) -> None:
    """Write an interactive network of ENTITY to an HTML file that works offline."""
    try:
        written = viz(entity, output, store, depth)
    except RightsgraphError as error:
        typer.echo(f"error: {error.message}", err=True)
        raise typer.Exit(2 if isinstance(error, UsageError) else 1) from None
    typer.echo(str(written))
