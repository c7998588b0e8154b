"""Full-text search over every passage of the graph: each paragraph of each document and
every quoted span (every ``oa:exact``).

:class:`PassageIndex` is an SQLite FTS5 table (stdlib :mod:`sqlite3`, in memory) with one
row per passage: its text unstemmed (``quote``) and stemmed for English, French and Spanish
(``en``, ``fr``, ``es``, :mod:`rightsgraph.graph.search_text`), and what the filters need:
the kind of document, its States (addressee, sender), year and mandates.

What the user types is text (:func:`~rightsgraph.graph.search_text.parse_terms`): words must
all occur, in any form the stemmer relates ("verification" finds "verifying"), text in quotes
is a phrase, "A/79/122" is the phrase of its parts, and nothing errs. With
``operators=True`` the query is FTS5 syntax over the unstemmed text (``AND``/``OR``/``NOT``,
``prefix*``, ``NEAR(a b, 5)``); a malformed one is a :class:`UsageError` (400), never a 500.
When FTS5 is not compiled into SQLite, an inverted index of stems takes its place (every
word of the query must occur; phrases and operators are ignored).

:class:`SearchCache` keeps one index per store, rebuilt only when the store's content
changes (:class:`~rightsgraph.graph.store_cache.StoreCache`); the app holds it on
``app.state`` (no global state).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rightsgraph.errors import UsageError
from rightsgraph.graph.pages_common import STATE_PREFIX
from rightsgraph.graph.rdf_terms import document_iri, parse_quote_selector_iri
from rightsgraph.graph.search_text import LANGUAGES, highlight, match_expression, parse_terms, stem_text
from rightsgraph.graph.store import Store
from rightsgraph.graph.store_cache import StoreCache

__all__ = ["Filters", "PassageIndex", "SearchCache", "fts5_available", "search"]

MAX_LIMIT = 200

# One pattern each: the quote selectors' IRIs carry the document and the span
# (rdf_terms.quote_selector_iri), so no join over the passages is needed. A join of passage,
# selectors and document took ~18 s for the 30k passages of 1,000 letters; the scan ~1 s.
_QUOTES = """
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?selector ?quote WHERE { ?selector oa:exact ?quote }
"""
_DOCUMENTS = """
PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
SELECT ?doc ?file ?kind WHERE { ?doc a rg:Document ; rg:fileName ?file . OPTIONAL { ?doc rg:documentKind ?kind } }
"""
_WORKS = """
PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?doc ?work ?kind ?reference ?symbol ?date WHERE {
  ?work rg:recordedIn ?doc ; a ?kind .
  FILTER(?kind IN (rg:Communication, rg:Reply, rg:Report))
  OPTIONAL { ?work dcterms:identifier ?reference . }
  OPTIONAL { ?work rg:symbol ?symbol . }
  OPTIONAL { ?work dcterms:date ?date . }
}
"""
_WORK_STATES = """
PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
SELECT DISTINCT ?doc ?state WHERE { ?work rg:recordedIn ?doc . { ?work rg:addressee ?state } UNION { ?work rg:senderState ?state } }
"""
_WORK_MANDATES = """
PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?doc ?mandate WHERE { ?work rg:recordedIn ?doc ; rg:onBehalfOf/dcterms:identifier ?mandate . }
"""


@dataclass(frozen=True, slots=True)
class Filters:
    """What a hit must be: of a kind (``communication``, ``reply``, ``report``,
    ``treaty_status``, ``treaty_text``), about a State (ISO alpha-3), of a year, on behalf of
    a mandate (its id). None: any."""

    kind: str | None = None
    state: str | None = None
    year: int | None = None
    mandate: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in (("kind", self.kind), ("state", self.state), ("year", self.year),
                                  ("mandate", self.mandate)) if v is not None}


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    file: str
    kind: str
    work: dict[str, Any] | None = None
    year: int | None = None
    states: tuple[str, ...] = ()
    mandates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Passage:
    quote: str
    document: str
    start: int
    end: int
    work: dict[str, Any] | None
    info: DocumentInfo | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {"quote": self.quote, "document": self.document, "start": self.start, "end": self.end,
                "work": self.work}

    def admits(self, filters: Filters) -> bool:
        info = self.info or DocumentInfo(self.document, "unknown")
        return ((filters.kind is None or info.kind == filters.kind)
                and (filters.state is None or filters.state in info.states)
                and (filters.year is None or info.year == filters.year)
                and (filters.mandate is None or filters.mandate in info.mandates))


def fts5_available() -> bool:
    """Whether this Python's SQLite has the FTS5 extension."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()
    return True


def _local_name(iri: Any) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _year(date: Any) -> int | None:
    text = str(date) if date is not None else ""
    return int(text[:4]) if text[:4].isdigit() else None


def _work_of(row: dict[str, Any]) -> dict[str, Any]:
    name = row.get("reference") or row.get("symbol")
    return {"kind": _local_name(row["kind"]).lower(), "reference": str(name) if name is not None else None,
            "iri": str(row["work"])}


def read_documents(store: Store) -> dict[str, DocumentInfo]:
    """Every document of the store (by IRI) with what search filters on."""
    works: dict[str, dict[str, Any]] = {}
    for row in store.select(_WORKS):
        works.setdefault(str(row["doc"]), row)
    states: dict[str, set[str]] = {}
    for row in store.select(_WORK_STATES):
        if str(row["state"]).startswith(STATE_PREFIX):
            states.setdefault(str(row["doc"]), set()).add(str(row["state"])[len(STATE_PREFIX):])
    mandates: dict[str, set[str]] = {}
    for row in store.select(_WORK_MANDATES):
        mandates.setdefault(str(row["doc"]), set()).add(str(row["mandate"]))
    documents = {}
    for row in store.select(_DOCUMENTS):
        doc = str(row["doc"])
        work = works.get(doc)
        kind = _work_of(work)["kind"] if work else _local_name(row.get("kind") or "doc-unknown").removeprefix("doc-")
        documents[doc] = DocumentInfo(str(row["file"]), kind, _work_of(work) if work else None,
                                      _year(work.get("date")) if work else None,
                                      tuple(sorted(states.get(doc, ()))), tuple(sorted(mandates.get(doc, ()))))
    return documents


def read_passages(store: Store) -> list[Passage]:
    """Every passage of the store (quoted by a selector rightsgraph minted) with the work its
    document carries."""
    documents = read_documents(store)
    passages = []
    for row in store.select(_QUOTES):
        parsed = parse_quote_selector_iri(str(row["selector"]))
        if parsed is None:
            continue
        sha, start, end = parsed
        info = documents.get(str(document_iri(sha)))
        if info is not None:
            passages.append(Passage(str(row["quote"]), info.file, start, end, info.work, info))
    return passages


class PassageIndex:
    """A searchable index of passages (FTS5 when available, else an inverted stem index)."""

    def __init__(self, passages: Iterable[Passage], use_fts5: bool | None = None) -> None:
        self.passages = _unique(passages)
        self.fts5 = fts5_available() if use_fts5 is None else use_fts5
        self._lock = threading.Lock()
        if self.fts5:
            self._connection = sqlite3.connect(":memory:", check_same_thread=False)
            self._connection.execute("CREATE VIRTUAL TABLE passages USING fts5(quote, en, fr, es, "
                                     "tokenize='unicode61 remove_diacritics 2')")
            self._connection.executemany(
                "INSERT INTO passages(rowid, quote, en, fr, es) VALUES (?, ?, ?, ?, ?)",
                ((i, p.quote, *(stem_text(p.quote, language) for language in LANGUAGES))
                 for i, p in enumerate(self.passages)))
        else:
            self._stems: dict[str, set[int]] = {}
            for i, passage in enumerate(self.passages):
                for language in LANGUAGES:
                    for stem in stem_text(passage.quote, language).split():
                        self._stems.setdefault(f"{language}:{stem}", set()).add(i)

    def search(self, query: str, limit: int = 20, filters: Filters | None = None,
               operators: bool = False) -> list[dict[str, Any]]:
        """The best ``limit`` passages for ``query`` that pass ``filters`` (BM25 order with
        FTS5, else document order), each with a highlighted ``snippet``."""
        if not query.strip():
            raise UsageError("the search query is empty", details={"q": query})
        if not 1 <= limit <= MAX_LIMIT:
            raise UsageError(f"limit must be between 1 and {MAX_LIMIT}", details={"limit": limit})
        filters = filters or Filters()
        terms = parse_terms(query)
        if not terms:  # punctuation only: nothing to look for, which is not an error
            return []
        # Filters are applied to the ranked rows, so without any the engine stops at ``limit``.
        cap = None if filters.to_json() else limit
        if operators and self.fts5:
            ranked = self._fts5_ids(f"{{quote}} : ({query})", query, cap)
        elif self.fts5:
            ranked = self._fts5_ids(match_expression(terms), query, cap)
        else:
            ranked = self._stem_ids(terms)
        hits = []
        for i in ranked:
            passage = self.passages[i]
            if passage.admits(filters):
                hits.append({**passage.to_json(), "snippet": highlight(passage.quote, terms)})
                if len(hits) == limit:
                    break
        return hits

    def _fts5_ids(self, expression: str, query: str, cap: int | None) -> list[int]:
        try:
            with self._lock:
                rows = self._connection.execute(
                    "SELECT rowid FROM passages WHERE passages MATCH ? ORDER BY rank LIMIT ?", (expression, cap or -1)
                ).fetchall()
        except sqlite3.OperationalError as error:
            # The table is in memory and built here: only an operator query written by the
            # user can fail ("fts5: syntax error", "no such column", ...).
            raise UsageError(f"invalid search query: {error}", details={"q": query}) from None
        return [row[0] for row in rows]

    def _stem_ids(self, terms: list[tuple[str, ...]]) -> list[int]:
        words = [word for phrase in terms for word in phrase]
        found: set[int] = set()
        for language in LANGUAGES:
            sets = [self._stems.get(f"{language}:{stem_text(word, language)}", set()) for word in words]
            found |= set.intersection(*sets)
        return sorted(found)

    def close(self) -> None:
        if self.fts5:
            self._connection.close()


def _unique(passages: Iterable[Passage]) -> list[Passage]:
    """One entry per passage (document and span), in document order."""
    seen: dict[tuple[str, int, int], Passage] = {}
    for passage in passages:
        seen.setdefault((passage.document, passage.start, passage.end), passage)
    return [seen[key] for key in sorted(seen)]


def build_index(store: Store, use_fts5: bool | None = None) -> PassageIndex:
    return PassageIndex(read_passages(store), use_fts5)


class SearchCache(StoreCache[PassageIndex]):
    """The passage index of one store, rebuilt only when the store's content changes.

    Held by the app (``app.state.search_cache``).
    """

    def __init__(self) -> None:
        super().__init__(build_index)


def search(index: PassageIndex, query: str, limit: int = 20, filters: Filters | None = None,
           operators: bool = False) -> dict[str, Any]:
    """The JSON answer of ``GET /search``: the query, the filters, the engine and the hits."""
    hits = index.search(query, limit, filters, operators)
    return {"query": query, "filters": (filters or Filters()).to_json(), "operators": operators,
            "engine": "fts5" if index.fts5 else "inverted-index", "count": len(hits), "hits": hits}
