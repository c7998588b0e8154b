"""Keeping the per-provision citation view (:mod:`rightsgraph.graph.citation_view`): the
SPARQL update operations the per-State view's writer (:mod:`rightsgraph.graph.state_view_write`)
appends to a graph's write, so the document and the rows change in one transaction.

What a graph can change on a ``cited_by`` list is the entries of the works it types or whose
citations it holds (its *touched works*). Every key of an entry is a union over graphs (the
work's types, its citations' documents) or a minimum over graphs (reference, symbol, date,
file name), so each touched work's entry is computed from what each graph says of it, with
bound queries on the work: before the write (every graph) and after it (every graph but the
written one, plus its new triples). Per provision the count moves by the works whose entry
appears or goes; the kept first works take the new entries, and the provision is read again
from the documents only when an entry that changed was among the kept works while others
were not kept. A work another document also describes (the same letter in two files, a
letter whose date a follow-up states) is exact this way too: its other graphs stay counted.

* A graph written or dropped: :func:`change_update` (its touched works: a few bound queries).
* A ``--bulk`` batch, after its load: :func:`batch_update` (the batch's works, the graphs
  outside the batch as "before"), never a provision read again from every letter unless a
  kept entry changed.
* Rebuilt: :func:`rebuild_operations`, every provision in one pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import URIRef

from rightsgraph.graph import pages_queries as q
from rightsgraph.graph.citation_view import (
    KEPT_WORKS, ROW_GRAPHS, CitingWork, Part, ProvisionRow, first_works, provision_of_view_graph,
    provision_view_graph, read_row, rows_of_keys, view_lines,
)
from rightsgraph.graph.rdf_terms import RG
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES as _PREFIXES

if TYPE_CHECKING:
    from rightsgraph.graph.store import Store
    from rightsgraph.graph.store_oxigraph import OxigraphStore

__all__ = ["batch_update", "change_update", "rebuild_operations", "touches_citations"]

# What each graph says of one work ?work (bound): the triples that decide whether and how it is
# listed (its types, reference, symbol, date), and its citations with their documents' names.
# Per graph, so that a write can tell what the store holds without the graph it replaces.
_WORK_TRIPLES_BY_GRAPH = _PREFIXES + """
SELECT DISTINCT ?g ?p ?o WHERE {
  GRAPH ?g { ?work ?p ?o . }
  FILTER(?p IN (rdf:type, dcterms:identifier, rg:symbol, dcterms:date))
}
"""

_WORK_CITATIONS_BY_GRAPH = _PREFIXES + """
SELECT DISTINCT ?g ?provision ?file WHERE {
  GRAPH ?g {
    ?fact rg:statedIn ?work ; a rg:Citation ; rg:provision ?provision ; prov:wasDerivedFrom ?passage .
    ?passage a rg:Passage ; oa:hasSource ?doc .
    ?doc rg:fileName ?file .
  }
}
"""

# The works a graph ?g (bound) may change a cited_by list of: those it types and those whose
# citations it holds.
_GRAPH_WORKS = _PREFIXES + """
SELECT DISTINCT ?work WHERE {
  GRAPH ?g { { ?work a rg:SourceWork . } UNION { ?fact a rg:Citation ; rg:statedIn ?work . } }
}
"""

_PROVISION_PARTS_BY_GRAPH = _PREFIXES + """
SELECT DISTINCT ?g ?instrument ?number WHERE {
  GRAPH ?g { ?provision eli:is_part_of ?instrument ; eli:number ?number . }
}
"""

_KINDS = frozenset(str(RG[k]) for k in ("Communication", "Reply", "Report"))
_SOURCE_WORK = str(RG.SourceWork)
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_FIELDS = {"http://purl.org/dc/terms/identifier": "references", str(RG.symbol): "symbols",
           "http://purl.org/dc/terms/date": "dates"}
_MARKS = ("/ontology#Citation>", "/ontology#SourceWork>")
_PLACES = "<http://data.europa.eu/eli/ontology#is_part_of>"  # where provisions sit: the reference data


def touches_citations(ntriples: str) -> bool:
    """Whether a graph with these triples may change a ``cited_by`` list or where a cited
    provision sits (a cheap test on the text)."""
    return any(mark in ntriples for mark in (*_MARKS, _PLACES))


@dataclass(slots=True)
class _Said:
    """What some graphs say of one work: the union of their statements."""

    source_work: bool = False
    kinds: set[str] = field(default_factory=set)
    references: set[str] = field(default_factory=set)
    symbols: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    files: dict[str, set[str]] = field(default_factory=dict)  # provision -> documents' names

    def entries(self, work: str) -> dict[str, CitingWork]:
        """The work's entry on each provision's list, as the list's query would make it."""
        if not self.source_work or not self.kinds:
            return {}
        keys = (min(self.kinds), min(self.references, default=None), min(self.symbols, default=None),
                min(self.dates, default=None))
        return {provision: CitingWork(work, *keys, min(files)) for provision, files in self.files.items() if files}


@dataclass(slots=True)
class _ByGraph:
    """What each graph says of one work (as read by bound queries on it)."""

    triples: list[tuple[str, str, str]] = field(default_factory=list)  # graph, predicate, object
    citations: list[tuple[str, str, str]] = field(default_factory=list)  # graph, provision, file

    def without(self, *graphs: str) -> _ByGraph:
        """What the other graphs say."""
        left = set(graphs)
        return _ByGraph([t for t in self.triples if t[0] not in left], [c for c in self.citations if c[0] not in left])

    def entries(self, work: URIRef) -> dict[str, CitingWork]:
        """The work's entry on each provision's list from what these graphs say together."""
        said = _Said()
        for _, predicate, value in self.triples:
            if predicate == _TYPE:
                said.source_work |= value == _SOURCE_WORK
                if value in _KINDS:
                    said.kinds.add(value)
            elif predicate in _FIELDS:
                getattr(said, _FIELDS[predicate]).add(value)
        for _, provision, file in self.citations:
            said.files.setdefault(provision, set()).add(file)
        return said.entries(str(work))


def _by_graph(store: Store, work: URIRef) -> _ByGraph:
    found = _ByGraph()
    for row in store.select(_WORK_TRIPLES_BY_GRAPH, {"work": work}):
        found.triples.append((str(row["g"]), str(row["p"]), str(row["o"])))
    for row in store.select(_WORK_CITATIONS_BY_GRAPH, {"work": work}):
        found.citations.append((str(row["g"]), str(row["provision"]), str(row["file"])))
    return found


def _graph_works(store: Store, graph: str) -> set[URIRef]:
    return {row["work"] for row in store.select(_GRAPH_WORKS, {"g": URIRef(graph)})}


@dataclass(frozen=True, slots=True)
class _Change:
    """Touched works' entries per provision before and after a write."""

    before: dict[str, dict[str, CitingWork]]  # provision -> work -> entry
    after: dict[str, dict[str, CitingWork]]

    @staticmethod
    def of(entries: Iterable[tuple[str, dict[str, CitingWork], dict[str, CitingWork]]]) -> _Change:
        change = _Change({}, {})
        for work, before, after in entries:
            for provision, entry in before.items():
                change.before.setdefault(provision, {})[work] = entry
            for provision, entry in after.items():
                change.after.setdefault(provision, {})[work] = entry
        return change

    def provisions(self) -> set[str]:
        return set(self.before) | set(self.after)


def _updated_row(store: Store, provision: str, row: ProvisionRow, before: Mapping[str, CitingWork],
                 after: Mapping[str, CitingWork]) -> ProvisionRow | None:
    """The provision's row once the touched works' entries go from ``before`` to ``after``
    (None: unchanged). The kept works stay exact: entries that changed leave them, new ones
    join them, and when a kept one left while others were not kept, the first works are read
    again from the store (the other works' entries are the same before and after the write)."""
    changed = {w for w in set(before) | set(after) if before.get(w) != after.get(w)}
    if not changed:
        return None
    count = row.count - sum(w in before for w in changed) + sum(w in after for w in changed)
    lost = any(w.work in changed for w in row.works)
    if lost and row.count > len(row.works):
        keys = store.select(q.CITING_WORKS % f"LIMIT {KEPT_WORKS + len(changed)}", {"provision": URIRef(provision)})
        kept = [CitingWork.of_row(k) for k in keys]
    else:
        kept = row.works
    works = first_works([w for w in kept if w.work not in changed] + [after[w] for w in changed if w in after])
    return ProvisionRow(count, works, row.parts)


def _parts(store: Store, provision: str, graph: str | None = None, scratch: Store | None = None) -> list[Part]:
    """Where the provision sits once ``graph`` holds the ``scratch``'s triples (None: as the
    store is)."""
    found = {(str(r["instrument"]), str(r["number"]))
             for r in store.select(_PROVISION_PARTS_BY_GRAPH, {"provision": URIRef(provision)}) if str(r["g"]) != graph}
    if scratch is not None:
        found |= {(str(r["instrument"]), str(r["number"]))
                  for r in scratch.select(_PROVISION_PARTS_BY_GRAPH, {"provision": URIRef(provision)})}
    return sorted(found)


def _rows(store: Store, change: _Change, parts: Callable[[str], list[Part]]) -> dict[str, ProvisionRow | None]:
    """The rows of the provisions whose list the change alters (None: no work cites it now)."""
    rows: dict[str, ProvisionRow | None] = {}
    for provision in sorted(change.provisions()):
        row = read_row(store, provision) or ProvisionRow(0, [], [])
        updated = _updated_row(store, provision, row, change.before.get(provision, {}), change.after.get(provision, {}))
        if updated is not None:
            updated.parts = updated.parts or parts(provision)
            rows[provision] = updated if updated.count > 0 else None
    return rows


def _placed_rows(store: Store, rows: dict[str, ProvisionRow | None], provisions: Iterable[str],
                 parts: Callable[[str], list[Part]]) -> dict[str, ProvisionRow | None]:
    """``rows`` and the rows of ``provisions`` (those of the view, when a write may change
    where provisions sit: the reference data rewritten) whose instruments and number change."""
    placed = dict(rows)
    for provision in provisions:
        row = placed[provision] if provision in placed else read_row(store, provision)
        if row is not None and row.parts != (now := parts(provision)):
            placed[provision] = ProvisionRow(row.count, row.works, now)
    return placed


def _replace(rows: Mapping[str, ProvisionRow | None]) -> list[str]:
    operations = [f"DROP SILENT GRAPH <{provision_view_graph(p)}>" for p in rows]
    blocks = [f"GRAPH <{provision_view_graph(p)}> {{\n" + "\n".join(view_lines(p, row)) + "\n}"
              for p, row in rows.items() if row is not None]
    if blocks:
        operations.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
    return operations


def _scratch(graph: str, ntriples: str) -> OxigraphStore:
    """The graph's new triples alone, under its name, in a store in memory."""
    from rightsgraph.graph.store_oxigraph import OxigraphStore

    alone = OxigraphStore(None, keep_state_view=False)
    alone.replace_graph_ntriples(graph, ntriples)
    return alone


def change_update(store: OxigraphStore, graph: str, old: str | None, new: str | None) -> list[str]:
    """The operations that bring the view from ``graph``'s ``old`` N-Triples (in the store)
    to its ``new`` ones (None: dropped), read before the write; empty when no list changes."""
    text = f"{old or ''}{new or ''}"
    rows_to_place = store.select(ROW_GRAPHS) if _PLACES in text else []
    placed = [provision_of_view_graph(str(r["view"])) for r in rows_to_place]
    if not placed and not any(mark in text for mark in _MARKS):
        return []
    scratch = _scratch(graph, new) if new else None
    works = _graph_works(store, graph) if old else set()
    if scratch is not None:
        works |= _graph_works(scratch, graph)
    entries = []
    for work in sorted(works):
        held = _by_graph(store, work)  # the old version among the graphs
        written = _by_graph(scratch, work) if scratch is not None else _ByGraph()
        others = held.without(graph)
        after = _ByGraph(others.triples + written.triples, others.citations + written.citations)
        entries.append((str(work), held.entries(work), after.entries(work)))

    def parts(provision: str) -> list[Part]:
        return _parts(store, provision, graph, scratch)

    rows = _rows(store, _Change.of(entries), parts)
    return _replace(_placed_rows(store, rows, placed, parts))


def batch_update(store: OxigraphStore, graphs: Iterable[str]) -> list[str]:
    """The operations that count a ``--bulk`` batch's ``graphs``, read after their load (the
    view as it was before it): the graphs outside the batch are the "before"."""
    batch = set(graphs)
    works: set[URIRef] = set()
    for graph in sorted(batch):
        works |= _graph_works(store, graph)
    entries = []
    for work in sorted(works):
        held = _by_graph(store, work)
        entries.append((str(work), held.without(*batch).entries(work), held.entries(work)))
    return _replace(_rows(store, _Change.of(entries), lambda provision: _parts(store, provision)))


def rebuild_operations(store: Store) -> list[str]:
    """Every provision's row from the documents in one pass (the old rows already dropped)."""
    parts: dict[str, list[Part]] = {}
    for row in store.select(q.PROVISION_PARTS):
        parts.setdefault(str(row["provision"]), []).append((str(row["instrument"]), str(row["number"])))
    rows = rows_of_keys(store.select(q.ALL_CITING_KEYS), parts)
    return _replace(dict(sorted(rows.items())))
