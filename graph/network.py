"""A networkx projection of the RDF graph, for exploration: typed nodes, typed sourced edges.

:func:`build_network` runs a few SPARQL SELECTs through the store's own engine and returns a
:class:`RightsNetwork` whose ``graph`` is a :class:`networkx.MultiDiGraph`:

* nodes are keyed by IRI and carry ``type`` (one of :data:`NODE_TYPES`), ``label``, ``iri``,
  ``date`` (of a letter, reply or report), ``deadline`` (of a letter), ``degree`` and
  ``importance`` (0..1, the degree on a log scale against the best-connected node);
* edges are keyed by their type (one of :data:`EDGE_TYPES`) and carry ``type``, ``date``
  (of a treaty action, else of the work stating the fact), ``dates`` (all dates seen),
  ``quote`` and ``source`` (``{"document", "reference", "start", "end"}``: the first passage
  that states the fact), ``count`` (how many passages state it).

Only provisions that something cites are nodes (the reference graph lists every article of
every instrument; uncited ones say nothing here). Every State, instrument and mandate of the
reference data is a node, connected or not, so any of them can be the centre of a view.

:class:`NetworkCache` keeps the projection in step with the store without rebuilding it on
every request (:class:`~rightsgraph.graph.store_cache.StoreCache`): any write to the store
changes its key.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from rdflib.term import Node
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES as _PREFIXES
from rightsgraph.graph.rdf_terms import (
    FOAF,
    RG,
    InvalidIdentifierError,
    communication_iri,
    company_iri,
    instrument_iri,
    state_iri,
)
from rightsgraph.graph.store import Store
from rightsgraph.graph.store_cache import StoreCache, store_fingerprint  # noqa: F401 - re-exported
from rightsgraph.loaders.reference.instruments import instrument_by_id
from rightsgraph.loaders.reference.states import find_state

from rightsgraph.errors import NotFoundError, UnknownInstrumentError

__all__ = [
    "EDGE_TYPES", "NODE_TYPES", "NetworkCache", "RightsNetwork", "build_network",
    "instrument_label", "store_fingerprint",
]

NODE_TYPES = (
    "state", "instrument", "provision", "communication", "reply", "report", "mandate",
    "company", "person",
)
EDGE_TYPES = (
    "addressed_to", "also_sent_to", "cites", "concerns", "ratified", "acceded", "signed",
    "succeeded", "accepted", "approved", "part_of", "sent_on_behalf_of", "signed_by",
    "sent_by", "based_in", "owned_by", "replies_to", "related_to", "follows_up", "reported_replied",
)
_ACTION_EDGES = {
    "ratification": "ratified", "accession": "acceded", "signature": "signed",
    "succession": "succeeded", "acceptance": "accepted", "approval": "approved",
    "consent": "ratified",  # ratification or accession, the source does not say which
}
_WORK_LINKS = {
    str(RG.addressee): "addressed_to", str(RG.addresseePerson): "addressed_to",
    str(RG.alsoSentTo): "also_sent_to", str(RG.repliedBy): "reported_replied",
    str(RG.onBehalfOf): "sent_on_behalf_of", str(RG.answersMandate): "addressed_to",
    str(RG.signedBy): "signed_by",
    str(RG.concernsCompany): "concerns", str(RG.repliesTo): "replies_to",
    str(RG.relatedCommunication): "related_to", str(RG.followsUp): "follows_up",
    str(RG.senderState): "sent_by",
}
# The mention role a fact must have to support a link (a State may be both "also sent to"
# and "replied" in one letter; each link quotes its own passage).
_LINK_ROLES = {
    str(RG.alsoSentTo): "also-sent-to", str(RG.repliedBy): "replied",
    str(RG.repliesTo): "replies-to", str(RG.relatedCommunication): "related",
    str(RG.followsUp): "follow-up",
}
_CLASS_TYPES = {
    str(RG.State): "state", str(RG.Instrument): "instrument", str(RG.Communication): "communication",
    str(RG.Reply): "reply", str(RG.Report): "report", str(RG.Mandate): "mandate",
    str(RG.Company): "company", str(FOAF.Person): "person",
}

_PASSAGE = """
    ?passage oa:hasSource ?doc ; oa:hasSelector ?qs, ?ps .
    ?qs oa:exact ?quote . ?ps oa:start ?start ; oa:end ?end .
"""
_NODES = _PREFIXES + """
SELECT ?node ?class (SAMPLE(?l) AS ?label) (SAMPLE(?n) AS ?name) (SAMPLE(?i) AS ?ident)
       (SAMPLE(?sy) AS ?symbol) (SAMPLE(?d) AS ?date) (SAMPLE(?dl) AS ?deadline) WHERE {
  VALUES ?class { rg:State rg:Instrument rg:Communication rg:Reply rg:Report rg:Mandate
                  rg:Company foaf:Person }
  ?node a ?class .
  OPTIONAL { ?node skos:prefLabel ?l . FILTER(LANG(?l) = "en") }
  OPTIONAL { ?node rdfs:label ?l }
  OPTIONAL { ?node foaf:name ?n }
  OPTIONAL { ?node dcterms:identifier ?i }
  OPTIONAL { ?node rg:symbol ?sy }
  OPTIONAL { ?node dcterms:date ?d }
  OPTIONAL { ?node rg:responseDeadline ?dl }
} GROUP BY ?node ?class
"""
_PROVISIONS = _PREFIXES + """
SELECT DISTINCT ?provision ?instrument ?label ?number WHERE {
  ?work rg:citesProvision ?provision .
  ?provision eli:is_part_of ?instrument .
  OPTIONAL { ?provision rdfs:label ?label }
  OPTIONAL { ?provision eli:number ?number }
}
"""
_DOCUMENTS = _PREFIXES + """
SELECT DISTINCT ?doc ?file ?ref ?symbol WHERE {
  ?doc a rg:Document ; rg:fileName ?file .
  OPTIONAL { ?work rg:recordedIn ?doc . OPTIONAL { ?work dcterms:identifier ?ref } OPTIONAL { ?work rg:symbol ?symbol } }
}
"""
_WORK_EDGES = _PREFIXES + """
SELECT DISTINCT ?s ?p ?o ?role ?doc ?quote ?start ?end WHERE {
  VALUES ?p { rg:addressee rg:addresseePerson rg:alsoSentTo rg:repliedBy rg:onBehalfOf rg:answersMandate rg:signedBy
              rg:concernsCompany rg:repliesTo rg:relatedCommunication rg:followsUp rg:senderState }
  ?s ?p ?o .
  OPTIONAL {
    { ?fact rg:attributeSubject ?s ; rg:attributePredicate ?p ; rg:attributeObject ?o . }
    UNION
    { VALUES (?mention ?slot) { (rg:StateMention rg:state) (rg:MandateMention rg:mandate)
        (rg:SignatoryMention rg:person) (rg:CompanyMention rg:company)
        (rg:CommunicationMention rg:communication) }
      ?fact a ?mention ; rg:statedIn ?s ; ?slot ?o . OPTIONAL { ?fact rg:mentionRole ?role } }
    ?fact prov:wasDerivedFrom ?passage .
    """ + _PASSAGE + """
  }
}
"""
# An OPTIONAL between required patterns splits the basic graph pattern and Oxigraph then
# evaluates the passage patterns over the whole store (281 s at 100 letters): it goes last.
_CITATIONS = _PREFIXES + """
SELECT DISTINCT ?work ?instrument ?provision ?doc ?quote ?start ?end WHERE {
  ?fact a rg:Citation ; rg:statedIn ?work ; rg:instrument ?instrument ; prov:wasDerivedFrom ?passage .
  """ + _PASSAGE + """
  OPTIONAL { ?fact rg:provision ?provision }
}
"""
_ACTIONS = _PREFIXES + """
SELECT DISTINCT ?state ?instrument ?type ?date ?doc ?quote ?start ?end WHERE {
  ?fact a rg:TreatyAction ; rg:state ?state ; rg:instrument ?instrument ; rg:actionType ?type ;
        dcterms:date ?date ; prov:wasDerivedFrom ?passage .
  """ + _PASSAGE + """
}
"""
_COMPANY_EDGES = _PREFIXES + """
SELECT DISTINCT ?s ?p ?o ?doc ?quote ?start ?end WHERE {
  VALUES ?p { rg:homeState rg:ownedBy }
  GRAPH ?g {
    ?s ?p ?o .
    OPTIONAL { ?fact rg:company ?s ; prov:wasDerivedFrom ?passage . """ + _PASSAGE + """ }
  }
}
"""


@dataclass
class RightsNetwork:
    """The projection: ``graph`` (MultiDiGraph keyed by IRI)."""

    graph: nx.MultiDiGraph
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def __contains__(self, iri: object) -> bool:
        return str(iri) in self.graph

    def node(self, iri: str) -> dict[str, Any]:
        """The attributes of the node ``iri``; :class:`NotFoundError` when it is not there."""
        if iri not in self.graph:
            raise NotFoundError(f"no entity {iri!r} in the graph", details={"iri": iri})
        return self.graph.nodes[iri]

    def nodes_of_type(self, node_type: str) -> list[str]:
        return sorted(n for n, data in self.graph.nodes(data=True) if data["type"] == node_type)

    def edges_of_type(self, edge_type: str) -> list[tuple[str, str, dict[str, Any]]]:
        return [(u, v, d) for u, v, k, d in self.graph.edges(keys=True, data=True) if k == edge_type]

    def counts(self) -> dict[str, dict[str, int]]:
        """``{"nodes": {type: n}, "edges": {type: n}}`` (types with none left out)."""
        nodes: dict[str, int] = {}
        for _, data in self.graph.nodes(data=True):
            nodes[data["type"]] = nodes.get(data["type"], 0) + 1
        edges: dict[str, int] = {}
        for _, _, key in self.graph.edges(keys=True):
            edges[key] = edges.get(key, 0) + 1
        return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}

    def derived(self, name: str, compute: Callable[[RightsNetwork], Any]) -> Any:
        """``compute(self)`` done once per network (layouts, path graphs) and kept as ``name``.

        The network is rebuilt, not changed, when the store changes, so this never goes stale.
        """
        with self._lock:
            if name not in self._derived:
                self._derived[name] = compute(self)
            return self._derived[name]

    def resolve(self, text: str) -> str:
        """The IRI of the entity ``text`` names: an IRI in the graph, a communication
        reference ("AL CHN 3/2021"), a State name or code, an instrument id, a company name,
        or any node label (case-insensitive). Raises :class:`NotFoundError`."""
        query = text.strip()
        for candidate in _candidate_iris(query):
            if candidate in self.graph:
                return candidate
        folded = query.casefold()
        for iri, data in self.graph.nodes(data=True):
            if str(data.get("label", "")).casefold() == folded:
                return iri
        raise NotFoundError(f"no entity matches {text!r}", details={"query": text})


def _candidate_iris(query: str) -> Iterable[str]:
    if query.startswith(("http://", "https://")):
        yield query
    try:
        yield str(communication_iri(query))
        yield str(instrument_iri(query))
    except InvalidIdentifierError:
        pass
    try:
        yield str(instrument_iri(instrument_by_id(query).id))
    except UnknownInstrumentError:
        pass
    if len(query) in (2, 3) or " " in query or query.isalpha():
        try:
            yield str(state_iri(find_state(query).iso3))
        except NotFoundError:
            pass
    yield str(company_iri(query))


# --- building ------------------------------------------------------------------------------


def build_network(store: Store) -> RightsNetwork:
    """Project the store (see the module docstring)."""
    builder = _Builder(store)
    builder.nodes()
    builder.provisions()
    builder.work_edges()
    builder.citations()
    builder.actions()
    builder.company_edges()
    builder.finish()
    return RightsNetwork(builder.graph)


class _Builder:
    """Fills one MultiDiGraph; one instance per build."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.graph = nx.MultiDiGraph()
        self.documents = self._documents()
        self.sender: dict[str, str] = {}

    def _documents(self) -> dict[str, dict[str, str | None]]:
        documents: dict[str, dict[str, str | None]] = {}
        for row in self.store.select(_DOCUMENTS):
            entry = documents.setdefault(str(row["doc"]), {"file": str(row["file"]), "reference": None})
            reference = row.get("ref") or row.get("symbol")
            if reference is not None and entry["reference"] is None:
                entry["reference"] = str(reference)
        return documents

    def _source(self, row: dict[str, Node]) -> dict[str, Any] | None:
        if row.get("quote") is None:
            return None
        document = self.documents.get(str(row["doc"]), {"file": str(row["doc"]), "reference": None})
        return {"document": document["file"], "reference": document["reference"],
                "start": int(row["start"].toPython()), "end": int(row["end"].toPython())}

    def nodes(self) -> None:
        for row in self.store.select(_NODES):
            node_type = _CLASS_TYPES[str(row["class"])]
            iri = str(row["node"])
            if iri in self.graph and node_type == "report" and self.graph.nodes[iri]["type"] != "report":
                continue
            label = _node_label(node_type, row, iri)
            self.graph.add_node(
                iri, iri=iri, type=node_type, label=label, title=_text(row.get("label")) or label,
                date=_text(row.get("date")), deadline=_text(row.get("deadline")),
            )

    def provisions(self) -> None:
        for row in self.store.select(_PROVISIONS):
            iri, instrument = str(row["provision"]), str(row["instrument"])
            label = _text(row.get("label")) or f"{_last(instrument)} {_text(row.get('number')) or _last(iri)}"
            self.graph.add_node(iri, iri=iri, type="provision", label=label, title=label, date=None, deadline=None,
                                instrument=instrument)
            self._edge(iri, instrument, "part_of", None, None, None)

    def work_edges(self) -> None:
        for row in self.store.select(_WORK_EDGES):
            predicate = str(row["p"])
            expected_role = _LINK_ROLES.get(predicate)
            role = str(row["role"]).rsplit("mention-", 1)[-1] if row.get("role") is not None else None
            source = self._source(row)
            if role is not None and expected_role is not None and role != expected_role:
                source = None
            subject, obj = str(row["s"]), str(row["o"])
            if predicate == str(RG.senderState):
                self.sender[subject] = obj
            date = self.graph.nodes[subject].get("date") if subject in self.graph else None
            self._edge(subject, obj, self._link_type(subject, predicate), date, _text(row.get("quote")), source)

    def _link_type(self, subject: str, predicate: str) -> str:
        """A reply naming mandates is written to them, not on their behalf."""
        is_reply = subject in self.graph and self.graph.nodes[subject]["type"] == "reply"
        if is_reply and predicate == str(RG.onBehalfOf):
            return "addressed_to"
        return _WORK_LINKS[predicate]

    def citations(self) -> None:
        for row in self.store.select(_CITATIONS):
            work = str(row["work"])
            target = str(row["provision"]) if row.get("provision") is not None else str(row["instrument"])
            date = self.graph.nodes[work].get("date") if work in self.graph else None
            self._edge(work, target, "cites", date, _text(row.get("quote")), self._source(row))

    def actions(self) -> None:
        for row in self.store.select(_ACTIONS):
            kind = str(row["type"]).rsplit("action-", 1)[-1]
            self._edge(str(row["state"]), str(row["instrument"]), _ACTION_EDGES.get(kind, "ratified"),
                       str(row["date"]), _text(row.get("quote")), self._source(row))

    def company_edges(self) -> None:
        for row in self.store.select(_COMPANY_EDGES):
            edge_type = "based_in" if str(row["p"]) == str(RG.homeState) else "owned_by"
            self._edge(str(row["s"]), str(row["o"]), edge_type, None, _text(row.get("quote")), self._source(row))

    def _edge(self, u: str, v: str, edge_type: str, date: str | None, quote: str | None,
              source: dict[str, Any] | None) -> None:
        """Add or merge the edge ``(u, v, edge_type)``: the earliest date first, the first
        quote kept, every distinct passage counted."""
        if u not in self.graph or v not in self.graph:
            return
        data = self.graph.get_edge_data(u, v, edge_type)
        if data is None:
            self.graph.add_edge(u, v, key=edge_type, type=edge_type, date=None, dates=[], quote=None,
                                source=None, count=0, _passages=set())
            data = self.graph.get_edge_data(u, v, edge_type)
        if date and date not in data["dates"]:
            data["dates"] = sorted([*data["dates"], date])
            data["date"] = data["dates"][0]
        if source is not None:
            key = (source["document"], source["start"], source["end"])
            if key not in data["_passages"]:
                data["_passages"].add(key)
                data["count"] += 1
                if data["quote"] is None or (source["reference"] and not (data["source"] or {}).get("reference")):
                    data["quote"], data["source"] = quote, source

    def finish(self) -> None:
        for _, _, data in self.graph.edges(data=True):
            data.pop("_passages", None)
            data["count"] = max(data["count"], 1)
        self._label_replies()
        degrees = dict(self.graph.degree())
        top = max(degrees.values(), default=0)
        for iri, degree in degrees.items():
            self.graph.nodes[iri]["degree"] = degree
            self.graph.nodes[iri]["importance"] = round(math.log1p(degree) / math.log1p(top), 4) if top else 0.0

    def _label_replies(self) -> None:
        """A reply has no reference of its own: name it after its sender and what it answers."""
        for iri in [n for n, d in self.graph.nodes(data=True) if d["type"] == "reply"]:
            answered = [self.graph.nodes[v]["label"] for _, v, k in self.graph.out_edges(iri, keys=True)
                        if k == "replies_to"]
            sender = self.sender.get(iri)
            who = self.graph.nodes[sender]["label"] if sender in self.graph else None
            parts = ["Reply"] + ([f"of {who}"] if who else []) + ([f"to {answered[0]}"] if answered else [])
            self.graph.nodes[iri]["label"] = " ".join(parts)


def _text(value: Node | None) -> str | None:
    return str(value) if value is not None else None


def _last(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _node_label(node_type: str, row: dict[str, Node], iri: str) -> str:
    if node_type == "communication":
        return _text(row.get("ident")) or _last(iri)
    if node_type == "report":
        return _text(row.get("symbol")) or _text(row.get("label")) or _last(iri)
    if node_type == "person":
        return _text(row.get("name")) or _last(iri)
    if node_type == "instrument":
        return _text(row.get("ident")) or _last(iri)
    return _text(row.get("label")) or _text(row.get("ident")) or _last(iri)


# --- the cache -------------------------------------------------------------------------------


class NetworkCache(StoreCache[RightsNetwork]):
    """The projection of one store, rebuilt only when the store's content changes.

    Held by the app (``app.state.network_cache``).
    """

    def __init__(self) -> None:
        super().__init__(build_network)


def instrument_label(network: RightsNetwork, iri: str) -> str:
    """The short label (the id) of an instrument node, or the IRI's last segment."""
    return str(network.graph.nodes[iri]["label"]) if iri in network.graph else _last(iri)

