"""What the interactive network pages draw (their HTML: :mod:`rightsgraph.api.network_pages`).

:func:`entity_network` is the neighbourhood of one entity (State, letter, provision,
instrument, company, ...), :func:`overview_network` the whole corpus, which opens
aggregated: the most connected entities stand alone and the rest are grouped in clusters
by kind and State (letters to China, replies from the United Kingdom, provisions of the
CRC), each opened on demand. Nodes are coloured and
shaped by class and sized by importance; tooltips give dates and the quoted passage with its
source; a click on a node opens that entity's view (:func:`page_url`:
``/graph/view?iri=<IRI>``). Positions are computed server-side (:mod:`views_layout`) and
physics stays off, so pages with thousands of nodes draw at once.

Parallel edges (a State's "signed" and "ratified" edges to one treaty) are drawn as curves
of different roundness, so they and their labels stand apart.

Why not pyvis' own HTML: pyvis 0.3.2 with ``cdn_resources="in_line"`` inlines vis-network
but its template still loads Bootstrap from cdn.jsdelivr.net, and its ``add_edge`` scans every
node per call. So the node and edge records are built here, pyvis' ``Options`` gives the
vis options object, and the page inlines the vis-network 9.1.2 JavaScript and CSS bundled in
the pyvis package. :func:`script_json` escapes every ``<`` in the data, so no text from a
document can close the script.
"""

from __future__ import annotations

import json
import math
from collections import deque
from collections.abc import Callable, Collection
from typing import Any
from urllib.parse import quote

from pyvis.options import Options
from rightsgraph.graph.network import NODE_TYPES, RightsNetwork
from rightsgraph.graph.plain_text import strip_markdown
from rightsgraph.graph.views_layout import force_layout

from rightsgraph.errors import UsageError

__all__ = [
    "EDGE_COLOURS", "MAX_VIEW_NODES", "NODE_STYLES", "VIEW_ROUTE", "entity_network", "neighbourhood",
    "overview_network", "page_url", "parse_types", "script_json", "vis_options",
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
        lines.append(f"“{_short(strip_markdown(data['quote']))}”")
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
        "name": str(data["label"]),
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
    drawn: dict[frozenset[str], int] = {}
    for u, v, key, data in network.graph.edges(keys=True, data=True):
        if u in keep and v in keep:
            record: dict[str, Any] = {"from": u, "to": v, "arrows": "to",
                                      "color": EDGE_COLOURS.get(key, _ACTION_COLOUR)}
            pair = frozenset((u, v))
            drawn[pair] = drawn.get(pair, 0) + 1
            if drawn[pair] > 1:  # a second edge between the same two nodes curves away from the first
                record["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.25 * (drawn[pair] - 1), 2)}
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
    result["edges"] = {"smooth": False, "font": {"size": 11, "align": "middle", "strokeWidth": 4, "strokeColor": "#ffffff"},
                       "arrows": {"to": {"scaleFactor": 0.5}}, "width": 1}
    result["nodes"] = {"font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}}
    return result


# --- what a page draws --------------------------------------------------------------------------


def entity_network(network: RightsNetwork, iri: str, depth: int = 1, types: Collection[str] | None = None,
                   link: LinkMaker | None = page_url) -> dict[str, Any]:
    """What the page of ``iri``'s neighbourhood draws (see :func:`neighbourhood`): ``heading``,
    ``nodes``, ``edges``, ``clusters`` (none), ``notes``, ``big`` and the ``filters`` of its
    form (None when ``link`` is None: a file written offline has no server to ask)."""
    nodes, left_out = neighbourhood(network, iri, depth, types)
    graph = network.graph
    edges = [(u, v) for u, v in graph.subgraph(nodes).edges()]
    positions = force_layout(nodes, edges, fixed={iri: (0.0, 0.0)}, iterations=80 if len(nodes) < 150 else 40,
                             scale=120 * max(len(nodes), 4) ** 0.5)
    records = [_node_record(graph.nodes[n], positions[n], link, centre=n == iri) for n in nodes]
    centre = graph.nodes[iri]
    heading = f"{centre['label']} — {centre['type']}, {depth} hop{'s' if depth > 1 else ''}"
    edge_records = _edge_records(network, nodes)
    notes = [f"{len(nodes)} nodes, {len(edge_records)} edges"]
    if types:
        notes.append("types: " + ", ".join(sorted(types)))
    if left_out:
        notes.append(f"{left_out} more nodes not drawn (the nearest and most connected are)")
    filters = {"action": VIEW_ROUTE, "iri": iri, "depth": depth, "types": _checked(types)} if link else None
    return {"heading": heading, "nodes": records, "edges": edge_records, "clusters": [], "notes": notes,
            "big": False, "filters": filters}


def _checked(types: Collection[str] | None) -> list[tuple[str, bool]]:
    return [(t, types is None or t in types) for t in NODE_TYPES]


def overview_network(network: RightsNetwork, types: Collection[str] | None = None,
                     link: LinkMaker | None = page_url, top: int = 30) -> dict[str, Any]:
    """The whole corpus (optionally only nodes of ``types``), laid out server-side once per
    network. The ``top`` most connected nodes stand alone with their labels; the others carry
    a ``cluster`` key (kind and State) and ``clusters`` describes each group of two or more."""
    graph = network.graph
    nodes = [n for n, d in graph.nodes(data=True) if types is None or d["type"] in types]
    standing = set(sorted(nodes, key=lambda n: (-graph.degree(n), str(n)))[:top])
    groups: dict[str, list[str]] = {}
    for n in nodes:
        if n not in standing:
            groups.setdefault(_cluster_key(network, n), []).append(n)
    clustered = {n: k for k, members in groups.items() if len(members) > 1 for n in members}
    key = f"overview-layout:{top}:" + (",".join(sorted(types)) if types is not None else "*")
    positions = network.derived(key, lambda net: _aggregated_layout(net, nodes, clustered))
    records = []
    for n in nodes:
        record = _node_record(graph.nodes[n], positions[n], link)
        if n in clustered:
            record["cluster"] = clustered[n]
        records.append(record)
    big = len(nodes) > 1000
    edges = _edge_records(network, nodes, titles=not big)
    clusters = [_cluster_record(network, k, members, positions) for k, members in sorted(groups.items()) if len(members) > 1]
    notes = [f"{len(nodes)} nodes, {len(edges)} edges: the {len(standing)} most connected stand alone, "
             f"the rest in {len(clusters)} groups by kind and State (click a group to open it)"]
    filters = {"action": "/graph/overview", "iri": None, "depth": None, "types": _checked(types)} if link else None
    return {"heading": "Overview of the corpus", "nodes": records, "edges": edges, "clusters": clusters,
            "notes": notes, "big": big, "filters": filters}


def _aggregated_layout(network: RightsNetwork, nodes: list[str], clustered: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Positions for the aggregated view: the standing nodes and one point per group are laid
    out together (few nodes: readable at once); a group's members sit on a small spiral
    around its point, so a group opens where it was."""
    represent = {n: clustered.get(n, n) for n in nodes}
    points = sorted(set(represent.values()))
    links = {(represent[u], represent[v]) for u, v in network.graph.subgraph(nodes).edges() if represent[u] != represent[v]}
    centres = force_layout(points, sorted(links), iterations=120, scale=140 * max(len(points), 4) ** 0.5)
    positions: dict[str, tuple[float, float]] = {}
    placed: dict[str, int] = {}
    for n in sorted(nodes, key=lambda n: (-network.graph.degree(n), str(n))):
        cx, cy = centres[represent[n]]
        if n not in clustered:
            positions[n] = (cx, cy)
            continue
        i = placed[clustered[n]] = placed.get(clustered[n], 0) + 1
        radius, angle = 45 * i ** 0.5, i * 2.39996  # the golden angle: an even sunflower spiral
        positions[n] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    return positions


#: The edge that places a node with a State (or a provision with its instrument) in the overview.
_ANCHOR_EDGES = {"communication": "addressed_to", "reply": "sent_by", "company": "based_in", "provision": "part_of"}


def _cluster_key(network: RightsNetwork, node: str) -> str:
    """``type`` or ``type|anchor IRI`` (letters by addressee, replies by sender, companies by
    home State, provisions by instrument)."""
    node_type = network.graph.nodes[node]["type"]
    edge = _ANCHOR_EDGES.get(node_type)
    anchors = sorted(v for _, v, k in network.graph.out_edges(node, keys=True) if k == edge) if edge else []
    return f"{node_type}|{anchors[0]}" if anchors else node_type


_PLURALS = {"communication": "letters", "reply": "replies", "company": "companies", "provision": "provisions",
            "person": "people", "state": "States", "instrument": "instruments", "report": "reports", "mandate": "mandates"}
_ANCHOR_WORDS = {"communication": "to", "reply": "from", "company": "based in", "provision": "of"}


def _cluster_record(network: RightsNetwork, key: str, members: list[str],
                    positions: dict[str, tuple[float, float]]) -> dict[str, Any]:
    node_type, _, anchor = key.partition("|")
    colour, shape, _ = NODE_STYLES[node_type]
    words = _PLURALS.get(node_type, node_type + "s")
    place = f" {_ANCHOR_WORDS[node_type]} {network.graph.nodes[anchor]['label']}" if anchor else ""
    names = sorted(str(network.graph.nodes[m]["label"]) for m in members)
    x = sum(positions[m][0] for m in members) / len(members)
    y = sum(positions[m][1] for m in members) / len(members)
    return {"key": key, "label": f"{len(members)} {words}{place}", "shape": shape, "color": colour,
            "x": round(x, 1), "y": round(y, 1),
            "size": round(12 + 4 * len(members) ** 0.5, 1),
            "title": f"{len(members)} {words}{place} (click to open):\n" + "\n".join(names[:12])
                     + ("\n…" if len(names) > 12 else "")}


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element."""
    return (json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def vis_options(big: bool) -> dict[str, Any]:
    """The vis-network options of a page (physics off: positions come from the server)."""
    return _options(big=big)
