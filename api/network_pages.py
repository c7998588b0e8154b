"""The interactive network pages (HTML from ``templates/network.html``), offline: the
vis-network script and stylesheet bundled in the pyvis package are inlined, and the page's
own script is ``static/network.js``. What they draw comes from :mod:`rightsgraph.graph.views`.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from importlib import resources
from typing import Any

from rightsgraph.api.rendering import render
from rightsgraph.graph.network import RightsNetwork
from rightsgraph.graph.views import (
    NODE_STYLES, LinkMaker, entity_network, overview_network, page_url, script_json, vis_options,
)

__all__ = ["entity_view", "overview_view", "render_network_page"]


@functools.cache
def _assets() -> dict[str, str]:
    """vis-network 9.1.2 (JS, CSS) as bundled in the pyvis package, and the page's script."""
    vis = resources.files("pyvis") / "lib" / "vis-9.1.2"
    own = resources.files("rightsgraph.api") / "static"
    return {"vis_js": (vis / "vis-network.min.js").read_text("utf-8"), "vis_css": (vis / "vis-network.css").read_text("utf-8"),
            "page_js": (own / "network.js").read_text("utf-8")}


def render_network_page(page: dict[str, Any]) -> str:
    """The page of an :func:`~rightsgraph.graph.views.entity_network` or
    :func:`~rightsgraph.graph.views.overview_network` answer."""
    present = {record["group"] for record in page["nodes"]}
    legend = [(t, colour, symbol) for t, (colour, _, symbol) in NODE_STYLES.items() if t in present]
    data = {"nodes": script_json(page["nodes"]), "edges": script_json(page["edges"]),
            "clusters": script_json(page["clusters"]), "options": script_json(vis_options(page["big"]))}
    names = sorted({record["name"] for record in page["nodes"]})
    return render("network.html", title=page["heading"], page=page, legend=legend, data=data, names=names,
                  assets=_assets(), body_class="graph")


def entity_view(network: RightsNetwork, iri: str, depth: int = 1, types: Collection[str] | None = None,
                link: LinkMaker | None = page_url) -> str:
    """The HTML page of ``iri``'s neighbourhood; ``link`` makes the URL a click on a node
    opens (None: clicks do not navigate, as in a file written by ``rightsgraph viz``)."""
    return render_network_page(entity_network(network, iri, depth, types, link))


def overview_view(network: RightsNetwork, types: Collection[str] | None = None,
                  link: LinkMaker | None = page_url) -> str:
    """The whole corpus, opened aggregated (see :func:`~rightsgraph.graph.views.overview_network`)."""
    return render_network_page(overview_network(network, types, link))
