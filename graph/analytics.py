"""Questions the network answers: what is cited, who is written to, how things connect.

Every function takes a :class:`~rightsgraph.graph.network.RightsNetwork` and returns plain
JSON-friendly values (dicts, lists, or dataclasses with ``to_json``). Counts of citations
count *works* (letters, replies, reports) that cite a provision, not passages; ``passages``
gives the number of passages beside it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx
from rightsgraph.graph.network import RightsNetwork

from rightsgraph.errors import NotFoundError

__all__ = [
    "ACTION_EDGES", "PATH_WEIGHTS", "ExplainedPath", "Hop", "centrality", "communication_timeline",
    "communications_per_mandate", "communications_per_state", "communications_per_year",
    "communities", "company_state_network", "explained_path", "most_cited_provisions",
    "most_cited_provisions_by_state", "most_cited_provisions_by_year", "ratification_timeline",
    "summary",
]

WORK_TYPES = frozenset({"communication", "reply", "report"})
ACTION_EDGES = frozenset({"ratified", "acceded", "signed", "succeeded", "accepted", "approved"})
#: Cost of a hop in :func:`explained_path`: a letter's own facts are the best explanations;
#: a hub every State shares (a treaty) or a mention of someone else's reply explains least.
PATH_WEIGHTS: dict[str, float] = {
    "addressed_to": 1.0, "also_sent_to": 1.0, "concerns": 1.0, "based_in": 1.0, "owned_by": 1.0,
    "replies_to": 1.0, "sent_by": 1.0, "cites": 1.5, "sent_on_behalf_of": 1.5, "signed_by": 1.5,
    "related_to": 1.5, "follows_up": 1.5, "part_of": 1.5, "reported_replied": 2.0,
    **{edge: 3.0 for edge in ACTION_EDGES},
}


def _label(network: RightsNetwork, iri: str) -> str:
    return str(network.graph.nodes[iri]["label"])


def _year(date: str | None) -> str | None:
    return date[:4] if date and date[:4].isdigit() else None


# --- citations ----------------------------------------------------------------------------


def _citations(network: RightsNetwork) -> list[tuple[str, str, dict[str, Any]]]:
    """(work, provision, edge data) for every work citing a provision."""
    graph = network.graph
    return [(u, v, d) for u, v, d in network.edges_of_type("cites") if graph.nodes[v]["type"] == "provision"]


def _ranked(network: RightsNetwork, cites: list[tuple[str, str, dict[str, Any]]], limit: int) -> list[dict[str, Any]]:
    works: dict[str, set[str]] = {}
    passages: Counter[str] = Counter()
    for work, provision, data in cites:
        works.setdefault(provision, set()).add(work)
        passages[provision] += data["count"]
    ranked = sorted(works, key=lambda p: (-len(works[p]), -passages[p], _label(network, p)))
    return [
        {"provision": _label(network, p), "iri": p, "works": len(works[p]), "passages": passages[p],
         "cited_in": sorted(_label(network, w) for w in works[p])}
        for p in ranked[:limit]
    ]


def most_cited_provisions(network: RightsNetwork, limit: int = 20) -> list[dict[str, Any]]:
    """Provisions by the number of works citing them (then passages, then label)."""
    return _ranked(network, _citations(network), limit)


def _addressees(network: RightsNetwork, work: str) -> list[str]:
    graph = network.graph
    return [v for _, v, k in graph.out_edges(work, keys=True)
            if k == "addressed_to" and graph.nodes[v]["type"] == "state"]


def most_cited_provisions_by_state(network: RightsNetwork, limit: int = 10) -> dict[str, list[dict[str, Any]]]:
    """For each State written to, the provisions cited in the letters addressed to it."""
    by_state: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for work, provision, data in _citations(network):
        for state in _addressees(network, work):
            by_state.setdefault(state, []).append((work, provision, data))
    return {_label(network, s): _ranked(network, c, limit) for s, c in sorted(by_state.items())}


def most_cited_provisions_by_year(network: RightsNetwork, limit: int = 10) -> dict[str, list[dict[str, Any]]]:
    """For each year, the provisions cited in works dated that year."""
    by_year: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for work, provision, data in _citations(network):
        year = _year(network.graph.nodes[work].get("date"))
        if year:
            by_year.setdefault(year, []).append((work, provision, data))
    return {year: _ranked(network, c, limit) for year, c in sorted(by_year.items())}


# --- communications -------------------------------------------------------------------------


def _communications(network: RightsNetwork) -> list[str]:
    return network.nodes_of_type("communication")


def communications_per_state(network: RightsNetwork) -> list[dict[str, Any]]:
    """States by the letters addressed to them, with the letters they were sent a copy of."""
    graph = network.graph
    counts: dict[str, dict[str, list[str]]] = {}
    for comm in _communications(network):
        for _, target, key in graph.out_edges(comm, keys=True):
            if key in ("addressed_to", "also_sent_to") and graph.nodes[target]["type"] == "state":
                entry = counts.setdefault(target, {"addressed_to": [], "also_sent_to": []})
                entry[key].append(_label(network, comm))
    rows = [{"state": _label(network, s), "iri": s, "addressed": len(e["addressed_to"]),
             "copied": len(e["also_sent_to"]), "communications": sorted(e["addressed_to"]),
             "copies": sorted(e["also_sent_to"])} for s, e in counts.items()]
    return sorted(rows, key=lambda r: (-r["addressed"], -r["copied"], r["state"]))


def communications_per_mandate(network: RightsNetwork) -> list[dict[str, Any]]:
    """Mandates by the letters sent on their behalf."""
    graph = network.graph
    counts: dict[str, list[str]] = {}
    for comm in _communications(network):
        for _, mandate, key in graph.out_edges(comm, keys=True):
            if key == "sent_on_behalf_of":
                counts.setdefault(mandate, []).append(_label(network, comm))
    rows = [{"mandate": _label(network, m), "iri": m, "communications": len(c), "references": sorted(c)}
            for m, c in counts.items()]
    return sorted(rows, key=lambda r: (-r["communications"], r["mandate"]))


def communications_per_year(network: RightsNetwork) -> dict[str, int]:
    """``{year: letters dated that year}`` (undated letters left out)."""
    years = Counter(_year(network.graph.nodes[c].get("date")) for c in _communications(network))
    return {year: years[year] for year in sorted(y for y in years if y)}


# --- companies ------------------------------------------------------------------------------


def company_state_network(network: RightsNetwork) -> list[dict[str, Any]]:
    """Each company with its home State, owner, the works naming it and the States those
    letters were addressed or copied to."""
    graph = network.graph
    rows = []
    for company in network.nodes_of_type("company"):
        out = [(v, k) for _, v, k in graph.out_edges(company, keys=True)]
        works = [u for u, _, k in graph.in_edges(company, keys=True) if k in ("concerns", "addressed_to")
                 and graph.nodes[u]["type"] in WORK_TYPES]
        states = {v for w in works for _, v, k in graph.out_edges(w, keys=True)
                  if k in ("addressed_to", "also_sent_to") and graph.nodes[v]["type"] == "state"}
        rows.append({
            "company": _label(network, company), "iri": company,
            "based_in": sorted(_label(network, v) for v, k in out if k == "based_in"),
            "owned_by": sorted(_label(network, v) for v, k in out if k == "owned_by"),
            "works": sorted({_label(network, w) for w in works}),
            "states_written_to": sorted(_label(network, s) for s in states),
        })
    return sorted(rows, key=lambda r: (-len(r["works"]), r["company"].casefold()))


# --- paths ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hop:
    """One edge of a path, in the direction the fact states it."""

    subject: str
    subject_label: str
    type: str
    object: str
    object_label: str
    date: str | None
    quote: str | None
    source: dict[str, Any] | None

    def sentence(self) -> str:
        when = f" ({self.date})" if self.date else ""
        return f"{self.subject_label} {self.type.replace('_', ' ')} {self.object_label}{when}"


@dataclass(frozen=True)
class ExplainedPath:
    """The cheapest path between two entities (see :data:`PATH_WEIGHTS`), each hop sourced,
    and other paths of as few hops."""

    source: str
    target: str
    hops: list[Hop]
    alternatives: list[list[Hop]] = field(default_factory=list)

    @property
    def nodes(self) -> list[str]:
        if not self.hops:
            return [self.source]
        walked = [self.source]
        for hop in self.hops:
            walked.append(hop.object if hop.subject == walked[-1] else hop.subject)
        return walked

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source, "target": self.target, "nodes": self.nodes,
            "explanation": [hop.sentence() for hop in self.hops],
            "hops": [asdict(hop) for hop in self.hops],
            "alternatives": [[asdict(hop) for hop in path] for path in self.alternatives],
        }


def _path_graph(network: RightsNetwork) -> nx.Graph:
    """Undirected, one edge per pair: the cheapest fact linking them."""
    simple = nx.Graph()
    simple.add_nodes_from(network.graph.nodes)
    for u, v, key, data in network.graph.edges(keys=True, data=True):
        weight = PATH_WEIGHTS.get(key, 2.0)
        if not simple.has_edge(u, v) or weight < simple[u][v]["weight"]:
            simple.add_edge(u, v, weight=weight, fact=(u, v, key))
    return simple


def _hops(network: RightsNetwork, simple: nx.Graph, nodes: list[str]) -> list[Hop]:
    hops = []
    for a, b in itertools.pairwise(nodes):
        u, v, key = simple[a][b]["fact"]
        data = network.graph.edges[u, v, key]
        hops.append(Hop(u, _label(network, u), key, v, _label(network, v), data.get("date"),
                        data.get("quote"), data.get("source")))
    return hops


def explained_path(network: RightsNetwork, source: str, target: str, alternatives: int = 4) -> ExplainedPath:
    """The explained path between two entity IRIs; :class:`NotFoundError` when either is
    unknown or nothing connects them."""
    network.node(source)
    network.node(target)
    simple = network.derived("path-graph", _path_graph)
    try:
        best = nx.shortest_path(simple, source, target, weight="weight")
    except nx.NetworkXNoPath:
        raise NotFoundError(
            f"nothing connects {_label(network, source)} and {_label(network, target)}",
            details={"source": source, "target": target},
        ) from None
    others = []
    for path in itertools.islice(nx.all_shortest_paths(simple, source, target), alternatives + 1):
        if path != best and len(others) < alternatives:
            others.append(_hops(network, simple, path))
    return ExplainedPath(source, target, _hops(network, simple, best), others)


# --- structure ------------------------------------------------------------------------------


def _facts_graph(network: RightsNetwork) -> nx.Graph:
    """The letters' web without treaty actions and provision membership, which would make
    every treaty a hub of ~200 States and drown what the letters connect."""
    simple = nx.Graph()
    for u, v, key in network.graph.edges(keys=True):
        if key not in ACTION_EDGES and key != "part_of":
            simple.add_edge(u, v)
    return simple


def centrality(network: RightsNetwork, top: int = 15) -> list[dict[str, Any]]:
    """Nodes that bridge the letters' web most (betweenness), with their degree there."""
    simple = _facts_graph(network)
    if simple.number_of_nodes() == 0:
        return []
    scores = nx.betweenness_centrality(simple, k=min(300, simple.number_of_nodes()), seed=7)
    ranked = sorted(scores, key=lambda n: (-scores[n], _label(network, n)))[:top]
    return [{"iri": n, "label": _label(network, n), "type": network.graph.nodes[n]["type"],
             "betweenness": round(scores[n], 4), "degree": simple.degree(n)} for n in ranked]


def communities(network: RightsNetwork, min_size: int = 3) -> list[dict[str, Any]]:
    """Groups of the letters' web that hang together (greedy modularity), largest first,
    each named after its best-connected member and listing the works in it."""
    simple = _facts_graph(network)
    if simple.number_of_edges() == 0:
        return []
    groups = nx.community.greedy_modularity_communities(simple)
    result = []
    for group in groups:
        if len(group) < min_size:
            continue
        members = sorted(group, key=lambda n: (-simple.degree(n), _label(network, n)))
        types = Counter(network.graph.nodes[n]["type"] for n in group)
        result.append({
            "name": _label(network, members[0]), "size": len(group), "types": dict(sorted(types.items())),
            "works": sorted(_label(network, n) for n in group if network.graph.nodes[n]["type"] in WORK_TYPES),
            "members": [_label(network, n) for n in members[:25]],
        })
    return sorted(result, key=lambda c: (-c["size"], c["name"]))


# --- timelines ------------------------------------------------------------------------------


def communication_timeline(network: RightsNetwork, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Each letter with its date, deadline, addressees, replies (those a later work reports
    too, undated, with ``reported_in``), and ``overdue`` (the deadline has passed and no reply
    to it is in the graph) or ``late`` (every dated reply after it)."""
    today = today or dt.date.today()
    graph = network.graph
    rows = []
    for comm in _communications(network):
        data = graph.nodes[comm]
        replies = [{"iri": r, "label": _label(network, r), "date": graph.nodes[r].get("date")}
                   for r, _, k in graph.in_edges(comm, keys=True) if k == "replies_to"]
        replies += _reported_replies(network, comm, today)
        deadline, deadline_from = data.get("deadline"), None
        if deadline is None:
            deadline, deadline_from = _joint_action_deadline(network, comm)
        passed = deadline is not None and dt.date.fromisoformat(deadline) < today
        dated = [r for r in replies if r["date"] is not None]
        late = bool(dated) and deadline is not None and all(r["date"] > deadline for r in dated)
        rows.append({
            "iri": comm, "reference": data["label"], "date": data.get("date"), "deadline": deadline,
            "deadline_from": deadline_from,
            "addressees": sorted(_label(network, s) for s in _addressees_any(network, comm)),
            "replies": sorted(replies, key=lambda r: r["date"] or ""),
            "overdue": passed and not replies, "late": late,
        })
    return sorted(rows, key=lambda r: (r["date"] or "9999", r["reference"]))


def _mandates_of(network: RightsNetwork, work: str) -> set[str]:
    return {v for _, v, k in network.graph.out_edges(work, keys=True) if k == "sent_on_behalf_of"}


def _joint_action_deadline(network: RightsNetwork, comm: str) -> tuple[str | None, str | None]:
    """For a letter that states no deadline (known from its reply or a follow-up): the
    deadline of a letter of the same date and mandates (or whose mandates one of the two does
    not state), with that letter's label; the deadline runs from the shared date."""
    graph = network.graph
    date, mine = graph.nodes[comm].get("date"), _mandates_of(network, comm)
    if not date:
        return None, None
    for other in sorted(graph.nodes):
        data = graph.nodes[other]
        if other == comm or data.get("type") != "communication" or data.get("date") != date:
            continue
        theirs = _mandates_of(network, other)
        if data.get("deadline") and (not mine or not theirs or mine == theirs):
            return data["deadline"], _label(network, other)
    return None, None


def _reported_replies(network: RightsNetwork, comm: str, today: dt.date) -> list[dict[str, Any]]:
    """Replies of the letter's addressee that a later work dated by ``today`` reports ("we
    have received replies from the Governments of ...") on the matter of this letter or a
    letter of the same date that the work refers back to; undated (the report gives no reply
    date, only that it came by the report's own date)."""
    graph = network.graph
    date = graph.nodes[comm].get("date")
    matters = {comm} | {n for n in graph.nodes if date and graph.nodes[n].get("type") == "communication"
                        and graph.nodes[n].get("date") == date}
    found = []
    for state in _addressees_any(network, comm):
        for work, _, kind in graph.in_edges(state, keys=True):
            reported_on = graph.nodes[work].get("date")
            if kind != "reported_replied" or work == comm or not reported_on or reported_on[:10] > today.isoformat():
                continue
            named = {v for _, v, k in graph.out_edges(work, keys=True) if k in ("related_to", "follows_up")}
            if named & matters:
                found.append({"iri": work, "label": f"reported in {_label(network, work)}", "date": None,
                              "reported_in": _label(network, work)})
    return found


def _addressees_any(network: RightsNetwork, work: str) -> list[str]:
    return [v for _, v, k in network.graph.out_edges(work, keys=True) if k == "addressed_to"]


def ratification_timeline(network: RightsNetwork, instrument: str) -> list[dict[str, Any]]:
    """Every dated treaty action on ``instrument`` (an IRI), in date order."""
    node = network.node(instrument)
    if node["type"] != "instrument":
        raise NotFoundError(f"{instrument!r} is not an instrument", details={"iri": instrument})
    rows = [
        {"state": _label(network, u), "iri": u, "action": k, "date": d["date"], "quote": d.get("quote"),
         "source": d.get("source")}
        for u, _, k, d in network.graph.in_edges(instrument, keys=True, data=True)
        if k in ACTION_EDGES and d.get("date")
    ]
    return sorted(rows, key=lambda r: (r["date"], r["state"], r["action"]))


def summary(network: RightsNetwork) -> dict[str, Any]:
    """Everything above in one JSON object (the ``/analytics`` page reads it)."""
    return {
        "counts": network.counts(),
        "most_cited_provisions": most_cited_provisions(network, 15),
        "communications_per_state": communications_per_state(network),
        "communications_per_mandate": communications_per_mandate(network),
        "communications_per_year": communications_per_year(network),
        "company_state_network": company_state_network(network),
        "centrality": centrality(network),
        "communities": communities(network),
    }
