"""The letters part of the per-State view (issue 18, decision 0012): what the obligations
answer shows of the letters addressed to a State without reading every one of them.

Per State two kinds of rows, each a count and the first items of a list in the order the
answer shows it (:class:`Counted`):

* ``rg:letterRow`` (one per State): the letters addressed to it, the
  :data:`LETTERS_KEPT` most recent first (:func:`~rightsgraph.graph.obligations_bounds.
  most_recent_first`), each ``(letter IRI, reference, date)``; their replies are read
  for the letters an answer shows.
* ``rg:citedRow`` (one per cited provision): the references of the letters to the State
  citing it, the first :data:`~rightsgraph.graph.state_view.VIEW_SOURCES` in sorted order.
* ``rg:companyRow`` (one per company based in the State): the references of the letters
  naming it, counted and cut the same way; its name is read when an answer shows it.

An item is in a list exactly when the full computation
(:func:`~rightsgraph.graph.obligations_queries.letter_entries`,
:func:`~rightsgraph.graph.obligations_queries.citations`) gives it. Those computations join
triples about a letter that different documents may state (a reply or another letter
restates a letter's type and reference, a letter report its date and addressee), so a write
is not counted from its own graph alone: :mod:`rightsgraph.graph.letter_view_write` reads,
for each letter the graph states something about, that letter's triples in every graph,
and counts the items it gives before and after the write.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from rightsgraph.graph.pages_common import STATE_PREFIX
from rightsgraph.graph.pages_paging import MAX_PER_PAGE
from rightsgraph.graph.rdf_terms import RG
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES as _PREFIXES
from rightsgraph.graph.state_view import row_literal
from rightsgraph.loaders.facts import PartialDate

if TYPE_CHECKING:  # the store modules import this one
    from rightsgraph.graph.store import Store

__all__ = [
    "LETTERS_KEPT", "CitedKey", "Counted", "Letter", "LetterRows", "cited_order", "counted_of", "letter_order",
    "letter_rows_of", "read_letter_rows", "row_lines",
]

#: Letters kept per State: the largest page the obligations answer shows.
LETTERS_KEPT = MAX_PER_PAGE
LETTER_ROW = str(RG.letterRow)
CITED_ROW = str(RG.citedRow)
COMPANY_ROW = str(RG.companyRow)

Letter = tuple[str, str | None, str | None]  # letter IRI, reference, date (ISO, any precision)
CitedKey = tuple[str, str]  # instrument, provision number


def letter_order(letter: Letter) -> tuple[Any, ...]:
    """The order of ``most_recent_first``: dated letters, the most recent first, then undated
    ones; ties by reference (then IRI, so the order is total)."""
    iri, reference, date = letter
    if date is None:
        return (1, 0, reference or "", iri)
    return (0, -PartialDate.parse(date).earliest().toordinal(), reference or "", iri)


def cited_order(reference: str) -> str:
    return reference


@dataclass(slots=True)
class Counted:
    """A list's length and its first items in the list's order."""

    count: int
    first: list[Any] = field(default_factory=list)

    def is_whole(self) -> bool:
        return self.count <= len(self.first)


def counted_of(items: Iterable[Hashable], order: Callable[[Any], Any], kept: int) -> Counted:
    unique = sorted(set(items), key=order)
    return Counted(len(unique), unique[:kept])


@dataclass(slots=True)
class LetterRows:
    """A State's letters and cited provisions as the view keeps them."""

    letters: Counted | None = None
    cited: dict[CitedKey, Counted] = field(default_factory=dict)
    companies: dict[str, Counted] = field(default_factory=dict)  # company IRI -> letters' references

    def is_empty(self) -> bool:
        return self.letters is None and not self.cited and not self.companies


def letter_rows_of(letters: Iterable[Letter], cited: Iterable[tuple[str, str, str]],
                   companies: dict[str, set[str]], kept_sources: int) -> LetterRows:
    """The rows of a State from its letters, ``(instrument, number, reference)`` citations and
    ``{company: references}``."""
    by_key: dict[CitedKey, set[str]] = {}
    for instrument, number, reference in cited:
        by_key.setdefault((instrument, number), set()).add(reference)
    listed = list(letters)
    return LetterRows(counted_of(listed, letter_order, LETTERS_KEPT) if listed else None,
                      {key: counted_of(refs, cited_order, kept_sources) for key, refs in by_key.items()},
                      {company: counted_of(refs, cited_order, kept_sources) for company, refs in companies.items() if refs})


# --- storing and reading --------------------------------------------------------------------

def row_lines(subject: str, rows: LetterRows) -> list[str]:
    """N-Triples lines of a State's letter rows in its view graph ``subject``."""
    lines = []
    if rows.letters is not None:
        data = {"count": rows.letters.count, "first": [list(letter) for letter in rows.letters.first]}
        lines.append(f"<{subject}> <{LETTER_ROW}> {_literal(data)} .")
    for (instrument, number), row in sorted(rows.cited.items()):
        data = {"instrument": instrument, "number": number, "count": row.count, "first": row.first}
        lines.append(f"<{subject}> <{CITED_ROW}> {_literal(data)} .")
    for company, row in sorted(rows.companies.items()):
        data = {"company": company, "count": row.count, "first": row.first}
        lines.append(f"<{subject}> <{COMPANY_ROW}> {_literal(data)} .")
    return lines


def _literal(data: dict[str, Any]) -> str:
    return row_literal(json.dumps(data, ensure_ascii=True, sort_keys=True))


_LETTER_ROWS = _PREFIXES + "SELECT ?row WHERE { GRAPH ?view { ?view rg:letterRow ?row } }"
_CITED_ROWS = _PREFIXES + "SELECT ?row WHERE { GRAPH ?view { ?view rg:citedRow ?row } }"
_COMPANY_ROWS = _PREFIXES + "SELECT ?row WHERE { GRAPH ?view { ?view rg:companyRow ?row } }"


def read_letter_rows(store: Store, view: URIRef) -> LetterRows:
    """The letter rows stored in the view graph ``view`` (check the view is current first)."""
    rows = LetterRows()
    for row in store.select(_LETTER_ROWS, {"view": view}):
        data = json.loads(str(row["row"]))
        rows.letters = Counted(data["count"], [tuple(letter) for letter in data["first"]])
    for row in store.select(_CITED_ROWS, {"view": view}):
        data = json.loads(str(row["row"]))
        rows.cited[(data["instrument"], data["number"])] = Counted(data["count"], list(data["first"]))
    for row in store.select(_COMPANY_ROWS, {"view": view}):
        data = json.loads(str(row["row"]))
        rows.companies[data["company"]] = Counted(data["count"], list(data["first"]))
    return rows
