"""The per-State view: a few rows per State that the obligations answer reads instead of
every source of every treaty action (decision 0012, issue 18 item 2).

A *key* is what a source states about a State: (instrument, action kind, stated date,
stated entry into force). Per key the view keeps the number of distinct sources, the
smallest document name among them (it decides which source's stated entry into force an
event keeps, as :func:`~rightsgraph.graph.obligations_model.merge_events` orders actions)
and the first :data:`VIEW_SOURCES` sources in the authoritative order
(:func:`~rightsgraph.graph.obligations_model.authoritative_first`). Events are merged from
the keys when the answer is made, so merging stays the one rule of the full computation.

Where it lives: one named graph per State under :data:`VIEW_PREFIX` (one ``rg:viewRow``
JSON literal per key) and a version marker in the graph :data:`VIEW_PREFIX` itself. The
embedded store keeps these graphs out of the merged default graph, of ``Store.graphs()``
and of exports (:mod:`rightsgraph.graph.store_oxigraph`), and writes them in the same
transaction as the document graph they follow. This module computes the rows; it does not
write.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import URIRef

from rightsgraph.graph.obligations_model import JOINING_KINDS, ActionRecord, Source, authoritative_first
from rightsgraph.graph.obligations_sources import StatusSource, newest_first
from rightsgraph.graph.rdf_terms import BASE, RG, STATE_VIEW_GRAPHS, instrument_iri
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES as _PREFIXES
from rightsgraph.loaders.facts import PartialDate

if TYPE_CHECKING:  # the store modules import this one
    from rightsgraph.graph.store import Store

__all__ = [
    "VIEW_PREFIX", "VIEW_SOURCES", "VIEW_VERSION", "KeyRow", "StateView", "StatusRow", "StatusView",
    "is_view_graph", "read_participants", "read_status", "read_view", "row_literal", "view_graph",
]

#: Bump when the rows' meaning or shape changes: an older view is then rebuilt in one pass.
VIEW_VERSION = "5"
#: Sources kept per key: answers asking for more (``?sources=N``) read the documents.
VIEW_SOURCES = 10
VIEW_PREFIX = STATE_VIEW_GRAPHS
VIEW_ROW = str(RG.viewRow)
STATUS_ROW = str(RG.statusRow)
PARTICIPANT = str(RG.viewParticipant)
PARTY = str(RG.viewParty)
VIEW_OF = str(RG.viewOf)
VIEW_VERSION_PREDICATE = str(RG.stateViewVersion)

Key = tuple[str, str, str, str | None]  # instrument, kind, date (ISO), stated entry into force


def is_view_graph(graph: str) -> bool:
    """Whether ``graph`` is the view's (marker or a State's rows)."""
    return graph == VIEW_PREFIX or graph.startswith(VIEW_PREFIX + "/")


def view_graph(state: str) -> str:
    """The view graph of the State (or other party) node ``state``: ``.../state-view/state/CHN``."""
    local = state[len(BASE + "id/"):] if state.startswith(BASE + "id/") else state.rsplit("/", 1)[-1]
    return f"{VIEW_PREFIX}/{local}"


@dataclass(slots=True)
class KeyRow:
    """One key's count, smallest document name and first sources."""

    count: int
    min_document: str
    sources: list[Source] = field(default_factory=list)

    def to_json(self, key: Key) -> str:
        return json.dumps({
            "key": list(key), "count": self.count, "min_document": self.min_document,
            "sources": [[s.document, s.quote, s.start, s.end, s.depositary,
                         s.document_date.iso() if s.document_date else None] for s in self.sources],
        }, ensure_ascii=False, sort_keys=True)

    @staticmethod
    def from_json(text: str) -> tuple[Key, KeyRow]:
        data = json.loads(text)
        instrument, kind, date, stated = data["key"]
        sources = [Source(d, q, start, end, depositary=dep, document_date=PartialDate.parse(day) if day else None)
                   for d, q, start, end, dep, day in data["sources"]]
        return (instrument, kind, date, stated), KeyRow(data["count"], data["min_document"], sources)


StateView = dict[Key, KeyRow]


@dataclass(slots=True)
class StatusRow:
    """One instrument's status sources (distinct by document and listed status): their
    number and the first of them, newest first (the first known one gives the status date)."""

    count: int
    sources: list[StatusSource] = field(default_factory=list)

    def to_json(self, instrument: str) -> str:
        return json.dumps({"instrument": instrument, "count": self.count, "sources": [
            [s.document, s.as_at.iso() if s.as_at else None, s.as_at_origin, s.listed_status] for s in self.sources]},
            ensure_ascii=False, sort_keys=True)

    @staticmethod
    def from_json(text: str) -> tuple[str, StatusRow]:
        data = json.loads(text)
        sources = [StatusSource(d, PartialDate.parse(day) if day else None, origin, listed)
                   for d, day, origin, listed in data["sources"]]
        return data["instrument"], StatusRow(data["count"], sources)


StatusView = dict[str, StatusRow]


def status_rows_of(found: Mapping[str, list[StatusSource]]) -> StatusView:
    """The status rows of :func:`~rightsgraph.graph.obligations_sources.status_sources`' answer."""
    return {instrument: StatusRow(len(sources), sources[:VIEW_SOURCES]) for instrument, sources in found.items()}


def _status_identity(source: StatusSource) -> tuple[str, str | None]:
    return (source.document, source.listed_status)


def add_status(view: StatusView, found: Mapping[str, list[StatusSource]]) -> None:
    """Count a new document's status sources and merge them into the first ones."""
    for instrument, sources in found.items():
        row = view.get(instrument)
        if row is None:
            view[instrument] = StatusRow(len(sources), sources[:VIEW_SOURCES])
            continue
        merged = {_status_identity(s): s for s in row.sources} | {_status_identity(s): s for s in sources}
        view[instrument] = StatusRow(row.count + len(sources),
                                     sorted(merged.values(), key=newest_first)[:VIEW_SOURCES])


def remove_status(view: StatusView, found: Mapping[str, list[StatusSource]]) -> set[str]:
    """Uncount a removed document's status sources; the instruments to read again."""
    refill: set[str] = set()
    for instrument, sources in found.items():
        row = view.get(instrument)
        if row is None:
            refill.add(instrument)
            continue
        row.count -= len(sources)
        removed = {_status_identity(s) for s in sources}
        if row.count <= 0:
            del view[instrument]
        elif removed & {_status_identity(s) for s in row.sources}:
            refill.add(instrument)
    return refill


def key_of(record: ActionRecord) -> Key:
    stated = record.stated_entry_into_force.iso() if record.stated_entry_into_force else None
    return (record.instrument, record.kind, record.date.iso(), stated)


def rows_of(records: Iterable[ActionRecord]) -> StateView:
    """The view of a State computed from its action records (each source counted once per key)."""
    by_key: dict[Key, set[Source]] = {}
    for record in records:
        by_key.setdefault(key_of(record), set()).add(record.source)
    return {key: _row(sources) for key, sources in by_key.items()}


def _row(sources: Iterable[Source]) -> KeyRow:
    unique = sorted(set(sources), key=authoritative_first)
    return KeyRow(len(unique), min(s.document for s in unique), unique[:VIEW_SOURCES])


def add_records(view: StateView, records: Iterable[ActionRecord]) -> None:
    """Count a new document's records in ``view`` and merge its sources into the first ones."""
    for key, added in rows_of(records).items():
        row = view.get(key)
        if row is None:
            view[key] = added
            continue
        merged = sorted(set(row.sources) | set(added.sources), key=authoritative_first)
        view[key] = KeyRow(row.count + added.count, min(row.min_document, added.min_document),
                           merged[:VIEW_SOURCES])


def remove_records(view: StateView, records: Iterable[ActionRecord]) -> set[Key]:
    """Uncount a removed document's records; the keys whose kept sources or smallest
    document name it held, which must be read again from the documents."""
    refill: set[Key] = set()
    for key, removed in rows_of(records).items():
        row = view.get(key)
        if row is None:  # not counted (a view older than the document): read it again
            refill.add(key)
            continue
        row.count -= removed.count
        lost = set(row.sources) & set(removed_all(records, key))
        if row.count <= 0:
            del view[key]
        elif lost or removed.min_document == row.min_document:
            refill.add(key)
    return refill


def removed_all(records: Iterable[ActionRecord], key: Key) -> set[Source]:
    return {r.source for r in records if key_of(r) == key}


def refill(view: StateView, keys: set[Key], remaining: list[ActionRecord]) -> None:
    """Recompute ``keys`` from the State's ``remaining`` records (its documents without the
    removed one)."""
    rows = rows_of(r for r in remaining if key_of(r) in keys)
    for key in keys:
        if key in rows:
            view[key] = rows[key]
        else:
            view.pop(key, None)


def without(records: list[ActionRecord], removed: Iterable[ActionRecord]) -> list[ActionRecord]:
    """``records`` less one occurrence of each removed record (a source two documents give
    stays while the other holds it)."""
    left = Counter(removed)
    kept = []
    for record in records:
        if left[record] > 0:
            left[record] -= 1
        else:
            kept.append(record)
    return kept


# --- reading ---------------------------------------------------------------------------

_VERSION = _PREFIXES + "SELECT ?version WHERE { GRAPH ?marker { ?marker rg:stateViewVersion ?version } }"
_ROWS = _PREFIXES + "SELECT ?row WHERE { GRAPH ?view { ?view rg:viewRow ?row } }"
_STATUS_ROWS = _PREFIXES + "SELECT ?row WHERE { GRAPH ?view { ?view rg:statusRow ?row } }"


def is_current(store: Store) -> bool:
    """Whether the store holds a view this code built (its version marker)."""
    if not getattr(store, "keeps_state_view", False):
        return False
    rows = store.select(_VERSION, {"marker": URIRef(VIEW_PREFIX)})
    return [str(r["version"]) for r in rows] == [VIEW_VERSION]


_PARTICIPANTS = _PREFIXES + """
SELECT DISTINCT ?party ?label WHERE {
  GRAPH ?view { ?view ?participation ?instrument ; rg:viewOf ?party . }
  OPTIONAL { ?party rdfs:label ?label . }
}
"""


def read_participants(store: Store, instrument: URIRef, joined_only: bool = False) -> dict[str, str | None]:
    """``{party IRI: label}`` of the parties (``joined_only``) or participants of
    ``instrument`` as the current view lists them (read :func:`is_current` first)."""
    predicate = URIRef(PARTY if joined_only else PARTICIPANT)
    rows = store.select(_PARTICIPANTS, {"instrument": instrument, "participation": predicate})
    found: dict[str, str | None] = {}
    for row in rows:
        label = row.get("label")
        if found.get(str(row["party"])) is None:
            found[str(row["party"])] = str(label) if label is not None else None
    return found


def read_view(store: Store, state: URIRef) -> StateView | None:
    """The State's view rows, or None when the store keeps no current view."""
    if not is_current(store):
        return None
    return read_rows(store, state)


def read_rows(store: Store, state: URIRef) -> StateView:
    """The State's action rows as stored (current or not)."""
    rows = store.select(_ROWS, {"view": URIRef(view_graph(str(state)))})
    return dict(KeyRow.from_json(str(r["row"])) for r in rows)


def read_status(store: Store, state: URIRef) -> StatusView:
    """The State's status rows as stored (read :func:`read_view` first: it checks the version)."""
    rows = store.select(_STATUS_ROWS, {"view": URIRef(view_graph(str(state)))})
    return dict(StatusRow.from_json(str(r["row"])) for r in rows)


def view_lines(graph: str, party: str, view: Mapping[Key, KeyRow], status: Mapping[str, StatusRow]) -> list[str]:
    """N-Triples lines of the view graph of ``party``: its rows, the party it is the view of
    (``rg:viewOf``) and one triple per instrument it took an action on
    (``rg:viewParticipant``) or joined (``rg:viewParty``), which the instrument and provision
    pages read to list an instrument's participants. Every subject is the view graph: the
    rows say nothing about the party itself (its Linked Data description stays the documents')."""
    subject = f"<{graph}>"
    actions = [f"{subject} <{VIEW_ROW}> {row_literal(row.to_json(key))} ." for key, row in sorted(
        view.items(), key=lambda item: tuple(v or "" for v in item[0]))]
    participation = [f"{subject} <{predicate}> <{instrument_iri(instrument)}> ."
                     for instrument, predicate in sorted(_participation(view))]
    if participation:
        participation.append(f"{subject} <{VIEW_OF}> <{party}> .")
    return actions + participation + [f"{subject} <{STATUS_ROW}> {row_literal(row.to_json(instrument))} ."
                                      for instrument, row in sorted(status.items())]


def _participation(view: Mapping[Key, KeyRow]) -> set[tuple[str, str]]:
    found = {(instrument, PARTICIPANT) for instrument, _, _, _ in view}
    return found | {(instrument, PARTY) for instrument, kind, _, _ in view if kind in JOINING_KINDS}


def marker_line() -> str:
    return f"<{VIEW_PREFIX}> <{VIEW_VERSION_PREDICATE}> \"{VIEW_VERSION}\" ."


def row_literal(text: str) -> str:
    """``text`` as an N-Triples string literal (a view row's JSON)."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))
    return f'"{escaped}"'
