"""Keeping the per-State view (:mod:`rightsgraph.graph.state_view`) up to date: the SPARQL
update text the embedded store appends to a graph's write, so that both are one transaction.

* A graph written or dropped: its treaty actions are read from its own triples (in a small
  in-memory store, before the write), then, per State they are about, the old version's
  sources are uncounted and the new version's counted and merged into the first sources.
  Only the keys whose kept sources (or smallest document name) the old version held are
  read again from the store's documents: adding a document costs its own size, not the
  State's.
* A batch of ``--bulk`` (:func:`recompute_update`): the touched States' views are computed
  again from the documents once per batch.
* A store whose view is missing or of another version (:func:`rebuild_update`): every
  State's view in one pass.

Each also returns the operations of the per-provision citation view
(:mod:`rightsgraph.graph.citation_view_write`), which the same version marker covers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from rightsgraph.graph import citation_view_write as citations
from rightsgraph.graph import letter_view as lv
from rightsgraph.graph import letter_view_write as lvw
from rightsgraph.graph import obligations_queries as q
from rightsgraph.graph import state_view as sv
from rightsgraph.graph.obligations_model import ActionRecord
from rightsgraph.graph.obligations_sources import StatusSource, status_sources
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES as _PREFIXES

if TYPE_CHECKING:
    from rightsgraph.graph.store_oxigraph import OxigraphStore

__all__ = ["rebuild_update", "recompute_update", "stale_update", "touches_view", "view_change_update"]

# The States a status source is about: those of its treaty actions and its table's listings.
_STATE_FACTS = """{ ?fact rg:state ?state ; a rg:TreatyAction . }
  UNION { ?fact rg:party ?state ; a rg:ParticipantListing . }"""
_STATES = _PREFIXES + "SELECT DISTINCT ?state WHERE { " + _STATE_FACTS + " }"
_STATES_OF_GRAPH = _PREFIXES + "SELECT DISTINCT ?state WHERE { GRAPH ?g { " + _STATE_FACTS + " } }"
_DOCUMENTS = _PREFIXES + "SELECT DISTINCT ?doc WHERE { ?doc rg:fileName ?file . }"
_LETTER_STATES = _PREFIXES + "SELECT DISTINCT ?state WHERE { ?comm rg:addressee ?state ; a rg:Communication . }"
_REFERENCES = _PREFIXES + """
SELECT DISTINCT ?reference WHERE { ?work rg:recordedIn ?doc ; a rg:Communication ; dcterms:identifier ?reference . }"""
_GRAPH_OF_DOCUMENT = _PREFIXES + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?doc rg:fileName ?file } }"
_RECORDED_IN = _PREFIXES + """
SELECT DISTINCT ?doc WHERE { ?work dcterms:identifier ?reference ; rg:recordedIn ?doc . }"""
# Graphs without any of these touch no view (treaty actions, status listings, letters).
_MARKS = ("TreatyAction", "ParticipantListing", "#Communication>", "#addressee>", "#citesProvision>",
          "#CompanyMention>", "#homeState>")
_INSTRUMENT_IDS = _PREFIXES + """
SELECT DISTINCT ?instrument ?id WHERE { ?instrument a rg:Instrument ; dcterms:identifier ?id . }"""
_IDENTIFIER = "<http://purl.org/dc/terms/identifier>"


def touches_view(ntriples: str) -> bool:
    """Whether a graph with these triples may change the view (a cheap test on the text)."""
    return _touches_states(ntriples) or citations.touches_citations(ntriples)


def _touches_states(ntriples: str) -> bool:
    return any(mark in ntriples for mark in _MARKS)


def stale_update() -> str:
    """Remove the version marker: the view is rebuilt before it is read again."""
    return f"DROP SILENT GRAPH <{sv.VIEW_PREFIX}>"


@dataclass(slots=True)
class _Rows:
    """A State's rows: treaty actions by key, status sources by instrument."""

    actions: sv.StateView = field(default_factory=dict)
    status: sv.StatusView = field(default_factory=dict)
    letters: lv.LetterRows = field(default_factory=lv.LetterRows)

    def is_empty(self) -> bool:
        return not self.actions and not self.status and self.letters.is_empty()


@dataclass(frozen=True, slots=True)
class _Document:
    """What a graph's own triples say about each State, and its document nodes."""

    actions: dict[URIRef, list[ActionRecord]]
    status: dict[URIRef, dict[str, list[StatusSource]]]
    nodes: frozenset[Node]
    references: frozenset[Node] = frozenset()  # of the letters it records: their sources' names
    alone: OxigraphStore | None = None  # the graph's triples alone

    def states(self) -> set[URIRef]:
        return set(self.actions) | set(self.status)


def _replace_views(views: Mapping[str, _Rows], *, marker: bool = False) -> list[str]:
    """The operations replacing the view graphs of ``views`` (by party IRI)."""
    graphs = {sv.view_graph(party): (party, rows) for party, rows in views.items()}
    operations = [f"DROP SILENT GRAPH <{graph}>" for graph in graphs]
    blocks = [f"GRAPH <{graph}> {{\n" + "\n".join(sv.view_lines(graph, party, rows.actions, rows.status)
                                                 + lv.row_lines(graph, rows.letters)) + "\n}"
              for graph, (party, rows) in graphs.items() if not rows.is_empty()]
    if marker:  # this version's marker replaces any other (an older view's)
        operations.append(stale_update())
        blocks.append(f"GRAPH <{sv.VIEW_PREFIX}> {{ {sv.marker_line()} }}")
    if blocks:
        operations.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
    return operations


def _instrument_lines(store: OxigraphStore) -> str:
    """The instruments' identifiers, which a document's graph names but the reference graph
    (or another document) states."""
    return "".join(f"{ox.NamedNode(str(r['instrument']))} {_IDENTIFIER} {ox.Literal(str(r['id']))} .\n"
                   for r in store.select(_INSTRUMENT_IDS))


def document_rows(ntriples: str, instruments: str) -> _Document:
    """The treaty actions and status sources a graph's own triples state, per State (the
    queries of the full computation, run on the graph alone)."""
    from rightsgraph.graph.store_oxigraph import OxigraphStore

    if not _touches_states(ntriples):  # most graphs: nothing to read
        return _Document({}, {}, frozenset(), frozenset())
    alone = OxigraphStore(None, keep_state_view=False)
    alone.load_default_ntriples(ntriples + "\n" + instruments)
    states = [row["state"] for row in alone.select(_STATES)]
    actions = {state: found for state in states if (found := q.treaty_actions(alone, state))}
    status = {state: found for state in states if (found := status_sources(alone, state))}
    return _Document(actions, status, frozenset(row["doc"] for row in alone.select(_DOCUMENTS)),
                     frozenset(row["reference"] for row in alone.select(_REFERENCES)),
                     alone)


def view_change_update(store: OxigraphStore, graph: str, old: str | None, new: str | None) -> list[str]:
    """The update operations that bring the view from ``graph``'s ``old`` N-Triples to its
    ``new`` ones (None: absent), read before the write; empty when no State or cited
    provision is touched."""
    text = f"{old or ''}{new or ''}"
    instruments = _instrument_lines(store) if _touches_states(text) else ""
    before = document_rows(old or "", instruments)
    after = document_rows(new or "", instruments)
    copies = _copies(store, before, after, instruments)
    before, after = _net(before, after, copies), _net(after, before, copies)
    deltas = lvw.letter_delta(store, graph, before.alone, after.alone) if before.alone or after.alone else {}
    views: dict[str, _Rows] = {}
    with_actions = before.states() | after.states()
    for state in sorted(with_actions | {URIRef(s) for s in deltas}, key=str):
        if state in with_actions:
            rows = _changed(store, state, before, after)
        else:
            rows = _Rows(sv.read_rows(store, state), sv.read_status(store, state))
        rows.letters = lv.read_letter_rows(store, URIRef(sv.view_graph(str(state))))
        if str(state) in deltas:
            rows.letters = lvw.apply_delta(store, state, rows.letters, deltas[str(state)], sv.VIEW_SOURCES)
        views[str(state)] = rows
    return _replace_views(views) + citations.change_update(store, graph, old, new)


def _copies(store: OxigraphStore, before: _Document, after: _Document, instruments: str) -> _Document:
    """What the other documents recording a letter this graph records say (the same letter
    under another file name, or the old version of a replaced one): their sources have the
    same names and may be the very sources of this graph, which the full computation counts
    once. Read from those documents' graphs alone: a write costs its letter's copies, not its
    State's sources."""
    own = before.nodes | after.nodes
    documents = {row["doc"] for reference in before.references | after.references
                 for row in store.select(_RECORDED_IN, {"reference": reference}) if row["doc"] not in own}
    graphs = sorted({str(row["g"]) for document in documents
                     for row in store.select(_GRAPH_OF_DOCUMENT, {"doc": document})})
    return document_rows("\n".join(store.graph_ntriples(graph) for graph in graphs), instruments)


def _net(document: _Document, other: _Document, copies: _Document) -> _Document:
    """``document``'s treaty actions and status sources that neither the ``other`` version
    of the graph nor the ``copies`` give: the ones a write really removes (old version) or
    adds (new version)."""
    actions: dict[URIRef, list[ActionRecord]] = {}
    for state, records in document.actions.items():
        given = {(sv.key_of(r), r.source) for r in [*other.actions.get(state, []),
                                                    *copies.actions.get(state, [])]}
        if kept := [r for r in records if (sv.key_of(r), r.source) not in given]:
            actions[state] = kept
    status: dict[URIRef, dict[str, list[StatusSource]]] = {}
    for state, by_instrument in document.status.items():
        for instrument, sources in by_instrument.items():
            given = {(s.document, s.listed_status) for s in [
                *other.status.get(state, {}).get(instrument, []),
                *copies.status.get(state, {}).get(instrument, [])]}
            if kept_sources := [s for s in sources if (s.document, s.listed_status) not in given]:
                status.setdefault(state, {})[instrument] = kept_sources
    return replace(document, actions=actions, status=status)


def _changed(store: OxigraphStore, state: URIRef, before: _Document, after: _Document) -> _Rows:
    rows = _Rows(sv.read_rows(store, state), sv.read_status(store, state))
    removed = before.actions.get(state, [])
    keys = sv.remove_records(rows.actions, removed) if removed else set()
    if keys:
        sv.refill(rows.actions, keys, sv.without(q.treaty_actions(store, state), removed))
    sv.add_records(rows.actions, after.actions.get(state, []))
    instruments = sv.remove_status(rows.status, before.status.get(state, {}))
    if instruments:
        remaining = status_sources(store, state, exclude=before.nodes)
        for instrument in instruments:
            rows.status.pop(instrument, None)
            rows.status.update(sv.status_rows_of({i: remaining[i] for i in [instrument] if i in remaining}))
    sv.add_status(rows.status, after.status.get(state, {}))
    return rows


def _computed(store: OxigraphStore, states: Iterable[URIRef]) -> dict[str, _Rows]:
    return {str(state): _Rows(sv.rows_of(q.treaty_actions(store, state)),
                              sv.status_rows_of(status_sources(store, state)),
                              lvw.full_rows(store, state, sv.VIEW_SOURCES))
            for state in states}


def recompute_update(store: OxigraphStore, graphs: Iterable[str]) -> list[str]:
    """The views of the States ``graphs`` hold actions on, computed again, and the marker."""
    batch = sorted(graphs)
    states: set[URIRef] = set()
    for graph in batch:
        states.update(row["state"] for row in store.select(_STATES_OF_GRAPH, {"g": URIRef(graph)}))
        for query in (lvw.STATES_OF_TOUCHED, lvw.STATES_OF_COMPANIES):
            states.update(row["state"] for row in store.select(query, {"g": URIRef(graph)})
                          if str(row["state"]).startswith(lv.STATE_PREFIX))
    return citations.batch_update(store, batch) + _replace_views(_computed(store, sorted(states)), marker=True)


def rebuild_update(store: OxigraphStore) -> list[str]:
    """Every State's view from the documents, the old view graphs dropped, and the marker."""
    old = [graph for graph in store.view_graphs() if graph != sv.VIEW_PREFIX]
    states = sorted({row["state"] for row in store.select(_STATES)}
                    | {row["state"] for row in store.select(_LETTER_STATES) if str(row["state"]).startswith(lv.STATE_PREFIX)})
    views = _computed(store, states)
    kept = {sv.view_graph(party) for party in views}
    drops = [f"DROP SILENT GRAPH <{graph}>" for graph in old if graph not in kept]
    return drops + citations.rebuild_operations(store) + _replace_views(views, marker=True)
