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
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import URIRef

from rightsgraph.graph import obligations_queries as q
from rightsgraph.graph import state_view as sv
from rightsgraph.graph.obligations_model import ActionRecord
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES as _PREFIXES

if TYPE_CHECKING:
    from rightsgraph.graph.store_oxigraph import OxigraphStore

__all__ = ["rebuild_update", "recompute_update", "stale_update", "view_change_update"]

_STATES = _PREFIXES + "SELECT DISTINCT ?state WHERE { ?fact rg:state ?state ; a rg:TreatyAction . }"
_STATES_OF_GRAPH = _PREFIXES + """
SELECT DISTINCT ?state WHERE { GRAPH ?g { ?fact rg:state ?state ; a rg:TreatyAction . } }"""
_INSTRUMENT_IDS = _PREFIXES + """
SELECT DISTINCT ?instrument ?id WHERE { ?instrument a rg:Instrument ; dcterms:identifier ?id . }"""
_IDENTIFIER = "<http://purl.org/dc/terms/identifier>"


def stale_update() -> str:
    """Remove the version marker: the view is rebuilt before it is read again."""
    return f"DROP SILENT GRAPH <{sv.VIEW_PREFIX}>"


def _replace_views(views: Mapping[str, sv.StateView], *, marker: bool = False) -> list[str]:
    operations = [f"DROP SILENT GRAPH <{graph}>" for graph in views]
    blocks = [f"GRAPH <{graph}> {{\n" + "\n".join(sv.view_lines(graph, view)) + "\n}"
              for graph, view in views.items() if view]
    if marker:
        blocks.append(f"GRAPH <{sv.VIEW_PREFIX}> {{ {sv.marker_line()} }}")
    if blocks:
        operations.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
    return operations


def _read_rows(store: OxigraphStore, state: URIRef) -> sv.StateView:
    rows = store.select(sv._ROWS, {"view": URIRef(sv.view_graph(str(state)))})
    return dict(sv.KeyRow.from_json(str(r["row"])) for r in rows)


def _instrument_lines(store: OxigraphStore) -> str:
    """The instruments' identifiers, which a document's graph names but the reference graph
    (or another document) states."""
    return "".join(f"{ox.NamedNode(str(r['instrument']))} {_IDENTIFIER} {ox.Literal(str(r['id']))} .\n"
                   for r in store.select(_INSTRUMENT_IDS))


def document_records(ntriples: str, instruments: str) -> dict[URIRef, list[ActionRecord]]:
    """The treaty actions a graph's own triples state, per State (the queries of the full
    computation, run on the graph alone)."""
    from rightsgraph.graph.store_oxigraph import OxigraphStore

    if "TreatyAction" not in ntriples:  # most graphs: nothing to read
        return {}
    alone = OxigraphStore(None, keep_state_view=False)
    alone.load_default_ntriples(ntriples + "\n" + instruments)
    return {row["state"]: q.treaty_actions(alone, row["state"]) for row in alone.select(_STATES)}


def view_change_update(store: OxigraphStore, old: str | None, new: str | None) -> list[str]:
    """The update operations that bring the view from a graph's ``old`` N-Triples to its
    ``new`` ones (None: absent), read before the write; empty when no State is touched."""
    instruments = _instrument_lines(store) if "TreatyAction" in f"{old or ''}{new or ''}" else ""
    before = document_records(old or "", instruments)
    after = document_records(new or "", instruments)
    views: dict[str, sv.StateView] = {}
    for state in sorted(set(before) | set(after)):
        views[sv.view_graph(str(state))] = _changed(store, state, before.get(state, []), after.get(state, []))
    return _replace_views(views)


def _changed(store: OxigraphStore, state: URIRef, removed: list[ActionRecord],
             added: list[ActionRecord]) -> sv.StateView:
    view = _read_rows(store, state)
    keys = sv.remove_records(view, removed) if removed else set()
    if keys:
        sv.refill(view, keys, sv.without(q.treaty_actions(store, state), removed))
    sv.add_records(view, added)
    return view


def _computed(store: OxigraphStore, states: Iterable[URIRef]) -> dict[str, sv.StateView]:
    return {sv.view_graph(str(state)): sv.rows_of(q.treaty_actions(store, state)) for state in states}


def recompute_update(store: OxigraphStore, graphs: Iterable[str]) -> list[str]:
    """The views of the States ``graphs`` hold actions on, computed again, and the marker."""
    states: set[URIRef] = set()
    for graph in graphs:
        states.update(row["state"] for row in store.select(_STATES_OF_GRAPH, {"g": URIRef(graph)}))
    return _replace_views(_computed(store, sorted(states)), marker=True)


def rebuild_update(store: OxigraphStore) -> list[str]:
    """Every State's view from the documents, the old view graphs dropped, and the marker."""
    old = [graph for graph in store.view_graphs() if graph != sv.VIEW_PREFIX]
    states = sorted(row["state"] for row in store.select(_STATES))
    views = _computed(store, states)
    drops = [f"DROP SILENT GRAPH <{graph}>" for graph in old if graph not in views]
    return drops + _replace_views(views, marker=True)
