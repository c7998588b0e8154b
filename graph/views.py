"""Interactive network pages that work with no internet access.

:func:`entity_view` draws the neighbourhood of one entity (State, letter, provision,
instrument, company, ...), :func:`overview_view` the whole corpus. Nodes are coloured and
shaped by class and sized by importance; tooltips give dates and the quoted passage with its
source; a click on a node opens that entity's view (:func:`page_url`:
``/graph/view?iri=<IRI>``). Positions are computed server-side (:mod:`views_layout`) and
physics stays off, so pages with thousands of nodes draw at once.

Why not pyvis' own HTML: pyvis 0.3.2 with ``cdn_resources="in_line"`` inlines vis-network
but its template still loads Bootstrap from cdn.jsdelivr.net, and its ``add_edge`` scans every
node per call. So the node and edge records are built here, pyvis' ``Options`` gives the
vis options object, and the vis-network 9.1.2 JavaScript and CSS bundled in the pyvis package
are inlined into a small template. Every ``<`` in the data is escaped, so no text from a
document can close the script.
"""

from __future__ import annotations

import functools
import html
import json
from collections import deque
from collections.abc import Callable, Collection
from importlib import resources
from typing import Any
from urllib.parse import quote

from pyvis.options import Options
from rightsgraph.graph.network import NODE_TYPES, RightsNetwork
from rightsgraph.graph.views_layout import force_layout, large_layout

from rightsgraph.errors import UsageError

__all__ = [
    "EDGE_COLOURS", "MAX_VIEW_NODES", "NODE_STYLES", "VIEW_ROUTE", "entity_view", "neighbourhood",
    "overview_view", "page_url", "parse_types", "render_network_page",
]

VIEW_ROUTE = "/graph/view"
MAX_VIEW_NODES = 400
#: type -> (colour, vis shape, legend symbol)
NODE_STYLES: dict[str, tuple[str, str, str]] = {
    "state": ("#1f77b4", "dot", "●"),
    "instrument": ("#2ca02c", "hexagon", "⬢"),
    "provision": ("#98df8a", "dot", "•"),
    "communication": ("#d62728", "diamond", "◆"),
    "reply": ("#ff7f0e", "triangle", "▲"),
    "report": ("#9467bd", "triangleDown", "▼"),
    "mandate": ("#8c564b", "star", "★"),
    "company": ("#e377c2", "square", "■"),
    "person": ("#7f7f7f", "dot", "●"),
}
EDGE_COLOURS: dict[str, str] = {
    "addressed_to": "#d62728", "also_sent_to": "#ff9896", "cites": "#2ca02c", "concerns": "#e377c2",
    "based_in": "#17becf", "owned_by": "#17becf", "replies_to": "#ff7f0e", "sent_by": "#ff7f0e",
    "part_of": "#98df8a", "sent_on_behalf_of": "#8c564b", "signed_by": "#7f7f7f",
}
_ACTION_COLOUR = "#aec7e8"
_QUOTE_CHARS = 240

LinkMaker = Callable[[str], str]


def page_url(iri: str) -> str:
    """The page of an entity: its interactive view.

    >>> page_url("https://w3id.org/rightsgraph/id/communication/AL-CHN-3-2021")
    '/graph/view?iri=https%3A%2F%2Fw3id.org%2Frightsgraph%2Fid%2Fcommunication%2FAL-CHN-3-2021'
    """
    return f"{VIEW_ROUTE}?iri={quote(iri, safe='')}"


def parse_types(values: Collection[str] | str | None) -> frozenset[str] | None:
    """Node types from ``"state,company"`` or repeated values; None means all.
    Raises :class:`UsageError` for a type not in :data:`NODE_TYPES`.

    >>> sorted(parse_types("state, company"))
    ['company', 'state']
    """
    if values is None:
        return None
    items = [values] if isinstance(values, str) else list(values)
    types = {part.strip().lower() for item in items for part in item.split(",") if part.strip()}
    unknown = sorted(types - set(NODE_TYPES))
    if unknown:
        raise UsageError(f"unknown node type(s) {', '.join(unknown)}; use {', '.join(NODE_TYPES)}",
                         details={"types": unknown, "allowed": list(NODE_TYPES)})
    return frozenset(types) or None


# --- choosing what to draw ----------------------------------------------------------------------


def neighbourhood(network: RightsNetwork, iri: str, depth: int = 1, types: Collection[str] | None = None,
                  max_nodes: int = MAX_VIEW_NODES) -> tuple[list[str], int]:
    """The nodes within ``depth`` hops of ``iri`` (either direction), walking only through
    nodes of ``types`` (the centre always kept), at most ``max_nodes`` (nearest first, then
    most important). Returns the nodes and how many were left out."""
    if not 1 <= depth <= 3:
        raise UsageError("depth must be 1, 2 or 3", details={"depth": depth})
    network.node(iri)
    graph = network.graph
    distance = {iri: 0}
    queue = deque([iri])
    while queue:
        node = queue.popleft()
        if distance[node] == depth:
            continue
        for other in (*graph.successors(node), *graph.predecessors(node)):
            if other not in distance and (types is None or graph.nodes[other]["type"] in types):
                distance[other] = distance[node] + 1
                queue.append(other)
    ranked = sorted(distance, key=lambda n: (distance[n], -graph.nodes[n]["importance"], str(n)))
    return ranked[:max_nodes], max(0, len(ranked) - max_nodes)


# --- records for vis-network ----------------------------------------------------------------------


def _short(text: str | None, limit: int = _QUOTE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _source_line(source: dict[str, Any] | None) -> str:
    if not source:
        return "(no passage recorded)"
    where = source.get("reference") or source.get("document")
    return f"— {where}, characters {source['start']}–{source['end']} of {source['document']}"


def _node_title(data: dict[str, Any]) -> str:
    lines = [str(data.get("title") or data["label"]), f"{data['type']} · {data['iri']}"]
    if data.get("date"):
        lines.append(f"date: {data['date']}")
    if data.get("deadline"):
        lines.append(f"reply due: {data['deadline']}")
    lines.append(f"connections: {data.get('degree', 0)}")
    return "\n".join(lines)


def _edge_title(network: RightsNetwork, u: str, v: str, data: dict[str, Any]) -> str:
    graph = network.graph
    lines = [f"{graph.nodes[u]['label']} — {data['type'].replace('_', ' ')} → {graph.nodes[v]['label']}"]
    if data.get("dates"):
        lines.append("date: " + ", ".join(data["dates"][:5]))
    if data.get("quote"):
        lines.append(f"“{_short(data['quote'])}”")
    lines.append(_source_line(data.get("source")))
    if data.get("count", 1) > 1:
        lines.append(f"stated in {data['count']} passages")
    return "\n".join(lines)


def _node_record(data: dict[str, Any], pos: tuple[float, float], link: LinkMaker | None,
                 *, centre: bool = False, show_label: bool = True) -> dict[str, Any]:
    colour, shape, _ = NODE_STYLES[data["type"]]
    importance = float(data.get("importance", 0.0))
    record: dict[str, Any] = {
        "id": data["iri"], "label": _short(str(data["label"]), 40) if show_label else "",
        "title": _node_title(data), "group": data["type"], "shape": shape,
        "color": colour, "size": round(8 + 28 * importance + (10 if centre else 0), 1),
        "x": round(pos[0], 1), "y": round(pos[1], 1), "physics": False,
    }
    if centre:
        record["borderWidth"] = 4
        record["font"] = {"size": 18, "bold": True}
    if link is not None:
        record["url"] = link(data["iri"])
    return record


def _edge_records(network: RightsNetwork, nodes: Collection[str], *, titles: bool = True) -> list[dict[str, Any]]:
    keep = set(nodes)
    records = []
    for u, v, key, data in network.graph.edges(keys=True, data=True):
        if u in keep and v in keep:
            record: dict[str, Any] = {"from": u, "to": v, "arrows": "to",
                                      "color": EDGE_COLOURS.get(key, _ACTION_COLOUR)}
            if titles:
                record["title"] = _edge_title(network, u, v, data)
                record["label"] = key.replace("_", " ") if len(keep) <= 60 else ""
            records.append(record)
    return records


def _options(*, big: bool) -> dict[str, Any]:
    """pyvis' option object with physics off, as vis-network reads it."""
    options = Options(layout=None)
    options.physics.enabled = False
    options.interaction.hover = not big
    options.interaction.hideEdgesOnDrag = big
    options.interaction.tooltipDelay = 150
    options.edges.smooth = False
    result = json.loads(options.to_json())
    result["layout"] = {"improvedLayout": False}
    result["edges"] = {"smooth": False, "font": {"size": 9, "align": "middle"},
                       "arrows": {"to": {"scaleFactor": 0.5}}, "width": 1}
    result["nodes"] = {"font": {"size": 12}}
    return result


# --- pages ------------------------------------------------------------------------------------------


def entity_view(network: RightsNetwork, iri: str, depth: int = 1, types: Collection[str] | None = None,
                link: LinkMaker | None = page_url) -> str:
    """The HTML page of ``iri``'s neighbourhood (see :func:`neighbourhood`); ``link`` makes
    the URL a click on a node opens (None: clicks do not navigate)."""
    nodes, left_out = neighbourhood(network, iri, depth, types)
    graph = network.graph
    edges = [(u, v) for u, v in graph.subgraph(nodes).edges()]
    positions = force_layout(nodes, edges, fixed={iri: (0.0, 0.0)}, iterations=80 if len(nodes) < 150 else 40,
                             scale=120 * max(len(nodes), 4) ** 0.5)
    records = [_node_record(graph.nodes[n], positions[n], link, centre=n == iri) for n in nodes]
    centre = graph.nodes[iri]
    heading = f"{centre['label']} — {centre['type']}, {depth} hop{'s' if depth > 1 else ''}"
    notes = [f"{len(nodes)} nodes, {len(_edge_records(network, nodes, titles=False))} edges"]
    if types:
        notes.append("types: " + ", ".join(sorted(types)))
    if left_out:
        notes.append(f"{left_out} more nodes not drawn (the nearest and most connected are)")
    return render_network_page(heading, records, _edge_records(network, nodes), notes=notes,
                               big=False, form=_filter_form(iri, depth, types) if link else "")


def overview_view(network: RightsNetwork, types: Collection[str] | None = None,
                  link: LinkMaker | None = page_url, label_limit: int = 150) -> str:
    """The whole corpus (optionally only nodes of ``types``), laid out server-side once per
    network; only the ``label_limit`` most important nodes carry a visible label."""
    graph = network.graph
    nodes = [n for n, d in graph.nodes(data=True) if types is None or d["type"] in types]
    key = "overview-layout:" + (",".join(sorted(types)) if types is not None else "*")
    positions = network.derived(key, lambda net: large_layout(net.graph.subgraph(nodes), scale=60 * len(nodes) ** 0.5))
    labelled = set(sorted(nodes, key=lambda n: (-graph.nodes[n]["importance"], str(n)))[:label_limit])
    records = [_node_record(graph.nodes[n], positions[n], link, show_label=n in labelled) for n in nodes]
    big = len(nodes) > 1000
    edges = _edge_records(network, nodes, titles=not big)
    notes = [f"{len(nodes)} nodes, {len(edges)} edges; labels on the {min(label_limit, len(nodes))} most connected"]
    return render_network_page("Overview of the corpus", records, edges, notes=notes, big=big)


def _filter_form(iri: str, depth: int, types: Collection[str] | None) -> str:
    boxes = "".join(
        f"<label><input type=checkbox name=types value={t}{' checked' if types is None or t in types else ''}>{t}</label> "
        for t in NODE_TYPES
    )
    depths = "".join(f"<option{' selected' if d == depth else ''}>{d}</option>" for d in (1, 2, 3))
    return (f"<form method=get action='{VIEW_ROUTE}'><input type=hidden name=iri value=\"{html.escape(iri)}\">"
            f"depth <select name=depth>{depths}</select> {boxes}<button>redraw</button></form>")


@functools.cache
def _vis_assets() -> tuple[str, str]:
    """vis-network 9.1.2 (JS, CSS) as bundled in the pyvis package."""
    folder = resources.files("pyvis") / "lib" / "vis-9.1.2"
    return ((folder / "vis-network.min.js").read_text("utf-8"), (folder / "vis-network.css").read_text("utf-8"))


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element."""
    return (json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _legend(records: list[dict[str, Any]]) -> str:
    present = {r["group"] for r in records}
    items = "".join(
        f"<span><b style='color:{colour}'>{symbol}</b> {node_type}</span>"
        for node_type, (colour, _, symbol) in NODE_STYLES.items() if node_type in present
    )
    return f"<div id=legend>{items}<span class=hint>size: connections · click a node to open it</span></div>"


_PAGE_CSS = """
html,body{margin:0;height:100%;font:14px system-ui,sans-serif;background:#fff}
header{padding:6px 12px;border-bottom:1px solid #ddd}
header h1{font-size:17px;margin:0 0 4px}
header p{margin:2px 0;color:#555}
header form{margin:4px 0;font-size:12px}
#legend span{margin-right:12px;white-space:nowrap}
#legend .hint{color:#888}
#network{position:absolute;top:var(--top,110px);bottom:0;left:0;right:0}
div.vis-tooltip{white-space:pre-wrap;max-width:460px;font:12px system-ui,sans-serif}
"""

_PAGE_SCRIPT = """
(function () {
  var nodes = new vis.DataSet(%(nodes)s);
  var edges = new vis.DataSet(%(edges)s);
  var container = document.getElementById("network");
  container.style.setProperty("top", document.querySelector("header").offsetHeight + "px");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, %(options)s);
  window.network = network;
  window.rgNodes = nodes;
  network.once("afterDrawing", function () {
    document.documentElement.setAttribute("data-drawn", String(performance.now()));
  });
  network.on("click", function (params) {
    if (params.nodes.length !== 1) { return; }
    var node = nodes.get(params.nodes[0]);
    if (node && node.url) { window.location.href = node.url; }
  });
})();
"""


def render_network_page(heading: str, nodes: list[dict[str, Any]], edges: list[dict[str, Any]], *,
                        notes: list[str] = (), big: bool = False, form: str = "") -> str:  # type: ignore[assignment]
    """A complete, self-contained HTML page drawing ``nodes`` and ``edges`` (vis records)."""
    js, css = _vis_assets()
    script = _PAGE_SCRIPT % {"nodes": _script_json(nodes), "edges": _script_json(edges),
                             "options": _script_json(_options(big=big))}
    note_html = "".join(f"<p>{html.escape(note)}</p>" for note in notes)
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{html.escape(heading)}</title><style>{css}{_PAGE_CSS}</style>"
        f"<script>{js}</script></head><body><header><h1>{html.escape(heading)}</h1>{note_html}"
        f"{form}{_legend(nodes)}</header><div id=network></div><script>{script}</script></body></html>"
    )
