"""The per-provision citation view: what the provision page's ``cited_by`` list and the
instrument page's most cited provisions read instead of every citation of a provision
(issue 18, decision 0012).

Per cited provision the view keeps one row: the number of works on its ``cited_by`` list
(letters, replies and reports with a citation of it quoted from a document with a file name,
as :data:`~rightsgraph.graph.pages_queries.CITING_WORKS_COUNT` counts them), the first
:data:`KEPT_WORKS` of them in the list's order (work date, then name, then IRI) with what a
page shows of each, and the instruments the provision is part of with its number there. A
page of the list that ends within the kept works is read from the row; later pages, and a
store without a current view, read the documents.

Where: one named graph per provision under the per-State view's prefix
(``.../graph/state-view/instrument/CRC/article/34``, :func:`provision_view_graph`), outside
the merged default graph, ``Store.graphs()`` and exports like the per-State view's graphs,
and current when the per-State view's version marker is (:func:`state_view.is_current`).
This module holds the rows and reads them; :mod:`rightsgraph.graph.citation_view_write`
keeps them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef

from rightsgraph.graph import pages_queries as q
from rightsgraph.graph.pages_paging import MAX_PER_PAGE, Paging
from rightsgraph.graph.rdf_terms import BASE, RG
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES as _PREFIXES
from rightsgraph.graph.state_view import VIEW_PREFIX, VIEW_SOURCES, is_current, row_literal, view_graph

if TYPE_CHECKING:
    from rightsgraph.graph.pages_common import Row
    from rightsgraph.graph.store import Store

__all__ = [
    "KEPT_WORKS", "ROW_GRAPHS", "CitingWork", "ProvisionRow", "cited_by_from_view", "most_cited_from_view",
    "most_cited_in_full", "provision_of_view_graph", "provision_view_graph", "read_row", "rows_of_keys",
]

#: Works kept per provision: the largest page, so the first page at any ``per_page`` is a row.
KEPT_WORKS = MAX_PER_PAGE
CITATION_ROW = str(RG.citationRow)
CITATION_SUMMARY = str(RG.citationSummary)
CITED_INSTRUMENT = str(RG.citedInstrument)

# The view's rows of the provisions of an instrument ?instrument (bound), one per provision.
_SUMMARIES_OF_INSTRUMENT = _PREFIXES + """
SELECT ?summary WHERE { GRAPH ?view { ?view rg:citedInstrument ?instrument ; rg:citationSummary ?summary . } }
"""

_ROW_OF_PROVISION = _PREFIXES + """
SELECT ?row WHERE { GRAPH ?view { ?view rg:citationRow ?row . } }
"""

# Every provision row's graph (one per cited provision: a few hundred).
ROW_GRAPHS = _PREFIXES + """
SELECT ?view WHERE { GRAPH ?view { ?view rg:citationRow ?row . } }
"""

#: ``(instrument IRI, number)``: where a provision sits (``eli:is_part_of``, ``eli:number``).
Part = tuple[str, str]


@dataclass(frozen=True, slots=True)
class CitingWork:
    """One work on a provision's ``cited_by`` list, with the keys of the list's query."""

    work: str
    kind: str  # the kind's IRI (rg:Communication, rg:Reply, rg:Report)
    reference: str | None
    symbol: str | None
    date: str | None
    file: str  # the smallest name of the documents quoting its citations of the provision

    @property
    def name(self) -> str:
        """As the list names it: reference, else symbol, else file name."""
        return next(v for v in (self.reference, self.symbol, self.file) if v is not None)

    def sort_key(self) -> tuple[str, str, str]:
        """The list's order: ``ORDER BY ?sortDate ?name STR(?work)``."""
        return (self.date or "", self.name, self.work)

    def as_row(self) -> Row:
        """The row :func:`~rightsgraph.graph.pages_lists.passages_of_works` takes."""
        row: dict[str, Any] = {"work": URIRef(self.work), "kindIri": Literal(self.kind),
                               "file": Literal(self.file), "name": Literal(self.name)}
        for key, value in (("reference", self.reference), ("symbol", self.symbol), ("workDate", self.date)):
            if value is not None:
                row[key] = Literal(value)
        return row

    def to_list(self) -> list[str | None]:
        return [self.work, self.kind, self.reference, self.symbol, self.date, self.file]

    @staticmethod
    def of_row(row: Row) -> CitingWork:
        """From a row of the list's key queries (``CITING_WORKS``, ``*_CITING_KEYS``)."""
        def text(key: str) -> str | None:
            return str(row[key]) if row.get(key) is not None else None
        return CitingWork(str(row["work"]), str(row["kindIri"]), text("reference"), text("symbol"),
                          text("workDate"), str(row["file"]))


@dataclass(slots=True)
class ProvisionRow:
    """A provision's row: how many works cite it, the first of them, where it sits."""

    count: int
    works: list[CitingWork] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps({"count": self.count, "works": [w.to_list() for w in self.works],
                           "parts": [list(p) for p in self.parts]}, ensure_ascii=False, sort_keys=True)

    @staticmethod
    def from_json(text: str) -> ProvisionRow:
        data = json.loads(text)
        return ProvisionRow(data["count"], [CitingWork(*w) for w in data["works"]],
                            [(i, n) for i, n in data["parts"]])

    def summary_json(self) -> str:
        """The compact row the instrument page reads: count, first names, where it sits."""
        return json.dumps({"count": self.count, "names": [w.name for w in self.works[:VIEW_SOURCES]],
                           "parts": [list(p) for p in self.parts]}, ensure_ascii=False, sort_keys=True)


def first_works(works: Iterable[CitingWork]) -> list[CitingWork]:
    """The first :data:`KEPT_WORKS` in the list's order."""
    return sorted(works, key=CitingWork.sort_key)[:KEPT_WORKS]


def rows_of_keys(keys: Iterable[Row], parts: Mapping[str, list[Part]]) -> dict[str, ProvisionRow]:
    """Each provision's row from the rows of ``ALL_CITING_KEYS`` (one per provision and work)."""
    by_provision: dict[str, list[CitingWork]] = {}
    for key in keys:
        by_provision.setdefault(str(key["provision"]), []).append(CitingWork.of_row(key))
    return {provision: ProvisionRow(len(works), first_works(works), sorted(parts.get(provision, [])))
            for provision, works in by_provision.items()}


def provision_view_graph(provision: str) -> str:
    """``.../id/instrument/CRC/article/34`` -> ``.../graph/state-view/instrument/CRC/article/34``."""
    return view_graph(provision)


def provision_of_view_graph(graph: str) -> str:
    """The inverse of :func:`provision_view_graph`."""
    return f"{BASE}id/{graph[len(VIEW_PREFIX) + 1:]}"


def view_lines(provision: str, row: ProvisionRow) -> list[str]:
    """N-Triples lines of a provision's view graph."""
    subject = f"<{provision_view_graph(provision)}>"
    lines = [f"{subject} <{CITATION_ROW}> {row_literal(row.to_json())} .",
             f"{subject} <{CITATION_SUMMARY}> {row_literal(row.summary_json())} ."]
    instruments = sorted({instrument for instrument, _ in row.parts})
    return lines + [f"{subject} <{CITED_INSTRUMENT}> <{instrument}> ." for instrument in instruments]


# --- reading ------------------------------------------------------------------------------------


def read_row(store: Store, provision: str) -> ProvisionRow | None:
    """The provision's row as stored (None: no work cites it, or no view)."""
    rows = store.select(_ROW_OF_PROVISION, {"view": URIRef(provision_view_graph(provision))})
    return ProvisionRow.from_json(str(rows[0]["row"])) if rows else None


def cited_by_from_view(store: Store, provision: URIRef, paging: Paging) -> tuple[list[Row], int] | None:
    """One page of the provision's ``cited_by`` keys and their number from the view, or None
    when the view cannot give it (no current view, a page beyond the kept works)."""
    if paging.offset + paging.per_page > KEPT_WORKS or not is_current(store):
        return None
    row = read_row(store, str(provision)) or ProvisionRow(0)
    return [w.as_row() for w in row.works[paging.offset:paging.offset + paging.per_page]], row.count


#: A most cited provision: ``(number, count, first names in the cited_by list's order)``.
Cited = tuple[str, int, list[str]]


def most_cited_from_view(store: Store, instrument: URIRef, sources: int) -> list[Cited] | None:
    """The instrument's cited provisions from the view's compact rows (one bound query), or
    None when the view cannot give them (no current view, more names than it keeps)."""
    if sources > VIEW_SOURCES or not is_current(store):
        return None
    cited = []
    for row in store.select(_SUMMARIES_OF_INSTRUMENT, {"instrument": instrument}):
        data = json.loads(str(row["summary"]))
        cited.extend((number, data["count"], data["names"]) for i, number in data["parts"] if i == str(instrument))
    return cited


def most_cited_in_full(store: Store, instrument: URIRef) -> list[Cited]:
    """The same from every citation of the instrument's provisions."""
    by_provision: dict[tuple[str, str], list[CitingWork]] = {}
    for key in store.select(q.INSTRUMENT_CITING_KEYS, {"instrument": instrument}):
        by_provision.setdefault((str(key["provision"]), str(key["number"])), []).append(CitingWork.of_row(key))
    return [(number, len(works), [w.name for w in first_works(works)])
            for (_, number), works in by_provision.items()]
