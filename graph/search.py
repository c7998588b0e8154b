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

:class:`SearchCache` keeps the index of the service's store: built once when the service
opens the store, then updated per document graph at each write through the service (an
upload adds the new version's passages and removes the replaced one's); the app holds it on
``app.state`` (no global state). See docs/decisions/0013-search-index.md.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rightsgraph.errors import UsageError
from rightsgraph.graph.pages_common import STATE_PREFIX
from rightsgraph.graph.rdf_terms import document_graph_iri, document_iri, parse_quote_selector_iri
from rightsgraph.graph.search_text import LANGUAGES, highlight, match_expression, parse_terms, stem_text
from rightsgraph.graph.store import Store, iri
from rightsgraph.graph.store_cache import store_fingerprint

__all__ = ["Filters", "PassageIndex", "SearchCache", "fts5_available", "search"]

MAX_LIMIT = 200

# One pattern each: the quote selectors' IRIs carry the document and the span
# (rdf_terms.quote_selector_iri), so no join over the passages is needed. A join of passage,
# selectors and document took ~18 s for the 30k passages of 1,000 letters; the scan ~1 s.
# ``{open}``/``{close}`` scope a pattern to one document graph (an update at ingest) or to
# the whole store (empty: the default graph, the merge of all graphs).
_QUOTES = """
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?selector ?quote WHERE {{ {open} ?selector oa:exact ?quote {close} }}
"""
_DOCUMENTS = """
PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
SELECT ?doc ?file ?kind WHERE {{ {open} ?doc a rg:Document ; rg:fileName ?file .
  OPTIONAL {{ ?doc rg:documentKind ?kind }} {close} }}
"""
_WORKS = """
PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?doc ?work ?kind ?reference ?symbol ?date WHERE {{ {open}
  ?work rg:recordedIn ?doc ; a ?kind .
  FILTER(?kind IN (rg:Communication, rg:Reply, rg:Report))
  OPTIONAL {{ ?work dcterms:identifier ?reference . }}
  OPTIONAL {{ ?work rg:symbol ?symbol . }}
  OPTIONAL {{ ?work dcterms:date ?date . }}
{close} }}
"""
_WORK_STATES = """
PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
SELECT DISTINCT ?doc ?state WHERE {{ {open} ?work rg:recordedIn ?doc .
  {{ ?work rg:addressee ?state }} UNION {{ ?work rg:senderState ?state }} {close} }}
"""
# The mandate's identifier is reference data (another graph), so it is read outside the scope.
_WORK_MANDATES = """
PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?doc ?mandate WHERE {{ {open} ?work rg:recordedIn ?doc ; rg:onBehalfOf ?by . {close}
  ?by dcterms:identifier ?mandate . }}
"""


def _scoped(query: str, graph: str | None) -> str:
    """``query`` over one named graph, or over the whole store when ``graph`` is None."""
    if graph is None:
        return query.format(open="", close="")
    return query.format(open=f"GRAPH {iri(graph)} {{", close="}")


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
    graph: str = field(default="", compare=False)

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


def _first_work(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The work a document's passages show when it records several (or one with several
    identifiers): the least by its values, so every reading of the store picks the same."""
    return min(rows, key=lambda row: tuple(str(row.get(name) or "") for name in
                                          ("work", "kind", "reference", "symbol", "date")))


def read_documents(store: Store, graph: str | None = None) -> dict[str, DocumentInfo]:
    """Every document of the store (by IRI), or of one document ``graph``, with what search
    filters on."""
    works: dict[str, list[dict[str, Any]]] = {}
    for row in store.select(_scoped(_WORKS, graph)):
        works.setdefault(str(row["doc"]), []).append(row)
    states: dict[str, set[str]] = {}
    for row in store.select(_scoped(_WORK_STATES, graph)):
        if str(row["state"]).startswith(STATE_PREFIX):
            states.setdefault(str(row["doc"]), set()).add(str(row["state"])[len(STATE_PREFIX):])
    mandates: dict[str, set[str]] = {}
    for row in store.select(_scoped(_WORK_MANDATES, graph)):
        mandates.setdefault(str(row["doc"]), set()).add(str(row["mandate"]))
    documents = {}
    for row in store.select(_scoped(_DOCUMENTS, graph)):
        doc = str(row["doc"])
        work = _first_work(works[doc]) if doc in works else None
        kind = _work_of(work)["kind"] if work else _local_name(row.get("kind") or "doc-unknown").removeprefix("doc-")
        documents[doc] = DocumentInfo(str(row["file"]), kind, _work_of(work) if work else None,
                                      _year(work.get("date")) if work else None,
                                      tuple(sorted(states.get(doc, ()))), tuple(sorted(mandates.get(doc, ()))))
    return documents


def read_passages(store: Store, graph: str | None = None) -> list[Passage]:
    """Every passage of the store, or of one document ``graph`` (quoted by a selector
    rightsgraph minted), with the work its document carries."""
    documents = read_documents(store, graph)
    passages = []
    for row in store.select(_scoped(_QUOTES, graph)):
        parsed = parse_quote_selector_iri(str(row["selector"]))
        if parsed is None:
            continue
        sha, start, end = parsed
        info = documents.get(str(document_iri(sha)))
        if info is not None:
            passages.append(Passage(str(row["quote"]), info.file, start, end, info.work, info,
                                    str(document_graph_iri(sha))))
    return passages


PassageKey = tuple[str, int, int]


class PassageIndex:
    """A searchable index of passages (FTS5 when available, else an inverted stem index),
    to which a document graph's passages can be added and from which they can be removed."""

    def __init__(self, passages: Iterable[Passage], use_fts5: bool | None = None) -> None:
        self.fts5 = fts5_available() if use_fts5 is None else use_fts5
        self._lock = threading.RLock()
        self._passages: dict[int, Passage] = {}
        self._rows: dict[PassageKey, int] = {}
        self._by_graph: dict[str, set[int]] = {}
        self._next_row = 0
        self._stems: dict[str, set[int]] = {}
        if self.fts5:
            self._connection = sqlite3.connect(":memory:", check_same_thread=False)
            self._connection.execute("CREATE VIRTUAL TABLE passages USING fts5(quote, en, fr, es, "
                                     "tokenize='unicode61 remove_diacritics 2')")
        self.add(passages)

    @property
    def passages(self) -> list[Passage]:
        """The indexed passages, one per document and span, in document order."""
        with self._lock:
            return [self._passages[self._rows[key]] for key in sorted(self._rows)]

    def add(self, passages: Iterable[Passage]) -> None:
        """Index ``passages``; a span already indexed keeps its first passage."""
        with self._lock:
            fresh = []
            for passage in _unique(passages):
                if _key(passage) not in self._rows:
                    self._rows[_key(passage)] = self._next_row
                    self._passages[self._next_row] = passage
                    self._by_graph.setdefault(passage.graph, set()).add(self._next_row)
                    fresh.append((self._next_row, passage))
                    self._next_row += 1
            stems = _StemsOnce()
            if self.fts5:
                self._connection.executemany(
                    "INSERT INTO passages(rowid, quote, en, fr, es) VALUES (?, ?, ?, ?, ?)",
                    ((row, p.quote, *stems(p.quote)) for row, p in fresh))
                return
            for row, passage in fresh:
                for language, text in zip(LANGUAGES, stems(passage.quote), strict=True):
                    for stem in text.split():
                        self._stems.setdefault(f"{language}:{stem}", set()).add(row)

    def remove_graph(self, graph: str) -> int:
        """Remove every passage read from the document ``graph``; how many there were."""
        with self._lock:
            rows = sorted(self._by_graph.pop(graph, ()))
            for row in rows:
                del self._rows[_key(self._passages.pop(row))]
            if self.fts5:
                self._connection.executemany("DELETE FROM passages WHERE rowid = ?", ((row,) for row in rows))
            else:
                gone = set(rows)
                for found in self._stems.values():
                    found -= gone
            return len(rows)

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
        with self._lock:
            if operators and self.fts5:
                ranked = self._fts5_ids(f"{{quote}} : ({query})", query, cap)
            elif self.fts5:
                ranked = self._fts5_ids(match_expression(terms), query, cap)
            else:
                ranked = iter(self._stem_ids(terms))
            chosen = []
            for row in ranked:  # lazily: with filters, the ranking stops at the limit's last hit
                if self._passages[row].admits(filters):
                    chosen.append(self._passages[row])
                    if len(chosen) == limit:
                        break
        return [{**passage.to_json(), "snippet": highlight(passage.quote, terms)} for passage in chosen]

    def _fts5_ids(self, expression: str, query: str, cap: int | None) -> Iterator[int]:
        """Row ids by BM25, equal scores in document order (rowids follow the order of
        writes). Ordering by the span in SQL would read every match's stored text: 1.7× the
        time of a common word's search; here only the ties read by the caller are sorted."""
        try:
            rows = self._connection.execute(
                "SELECT rowid, rank FROM passages WHERE passages MATCH ? ORDER BY rank LIMIT ?", (expression, cap or -1)
            ).fetchall()
        except sqlite3.OperationalError as error:
            # The table is in memory and built here: only an operator query written by the
            # user can fail ("fts5: syntax error", "no such column", ...).
            raise UsageError(f"invalid search query: {error}", details={"q": query}) from None
        for _, ties in itertools.groupby(rows, key=lambda found: found[1]):
            yield from sorted((row for row, _ in ties), key=lambda row: _key(self._passages[row]))

    def _stem_ids(self, terms: list[tuple[str, ...]]) -> list[int]:
        words = [word for phrase in terms for word in phrase]
        found: set[int] = set()
        for language in LANGUAGES:
            sets = [self._stems.get(f"{language}:{stem_text(word, language)}", set()) for word in words]
            found |= set.intersection(*sets)
        return sorted(found, key=lambda row: _key(self._passages[row]))

    def close(self) -> None:
        if self.fts5:
            self._connection.close()


class _StemsOnce:
    """A text's stems in each language, computed once per text: letters repeat whole
    passages (mandate titles, closing formulas), five times over in the synthetic corpus."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[str, ...]] = {}

    def __call__(self, text: str) -> tuple[str, ...]:
        if text not in self._known:
            self._known[text] = tuple(stem_text(text, language) for language in LANGUAGES)
        return self._known[text]


def _key(passage: Passage) -> PassageKey:
    return passage.document, passage.start, passage.end


def _unique(passages: Iterable[Passage]) -> list[Passage]:
    """One entry per passage (document and span), in document order."""
    seen: dict[PassageKey, Passage] = {}
    for passage in passages:
        seen.setdefault(_key(passage), passage)
    return [seen[key] for key in sorted(seen)]


def build_index(store: Store, use_fts5: bool | None = None) -> PassageIndex:
    """The index of every passage of ``store``, read in one scan."""
    return PassageIndex(read_passages(store), use_fts5)


class SearchCache:
    """The passage index of the service's store: built once, then kept up to date per
    document graph as the service writes them (:meth:`graphs_written`), so no search after
    an upload waits for a rebuild (docs/decisions/0013-search-index.md).

    A change the cache is told of only as "something changed" (:meth:`store_changed`, a
    SPARQL Update) or not at all (another store) makes the next :meth:`get` build the index
    again: :func:`~rightsgraph.graph.store_cache.store_fingerprint` tells the latter.
    Held by the app (``app.state.search_cache``); safe to share between request threads.
    """

    def __init__(self, use_fts5: bool | None = None) -> None:
        self._use_fts5 = use_fts5
        self._lock = threading.Lock()
        self._index: PassageIndex | None = None
        self._fingerprint: tuple[object, ...] | None = None
        self.builds = 0

    def get(self, store: Store) -> PassageIndex:
        """The index, built from the whole store only when it is not known to be current."""
        fingerprint = store_fingerprint(store)
        with self._lock:
            if self._index is None or self._fingerprint != fingerprint:
                self._index = build_index(store, self._use_fts5)
                self._fingerprint = fingerprint
                self.builds += 1
            return self._index

    def graphs_written(self, store: Store, graphs: Iterable[str]) -> None:
        """Document ``graphs`` were added, replaced, upgraded or dropped: index what each
        now holds instead of what it held. Before the first build this does nothing (the
        build reads them)."""
        with self._lock:
            if self._index is None:
                return
            graphs = list(graphs)
            # All removed before any is read again: a new version of a document shares spans
            # (same file name, same offsets) with the version it replaces.
            for graph in graphs:
                self._index.remove_graph(graph)
            for graph in graphs:
                self._index.add(read_passages(store, graph))
            if self._fingerprint is not None:
                self._fingerprint = store_fingerprint(store)

    def store_changed(self) -> None:
        """The store changed in ways not named by graph (a SPARQL Update): the next
        :meth:`get` builds the index again."""
        with self._lock:
            self._fingerprint = None


def search(index: PassageIndex, query: str, limit: int = 20, filters: Filters | None = None,
           operators: bool = False) -> dict[str, Any]:
    """The JSON answer of ``GET /search``: the query, the filters, the engine and the hits."""
    hits = index.search(query, limit, filters, operators)
    return {"query": query, "filters": (filters or Filters()).to_json(), "operators": operators,
            "engine": "fts5" if index.fts5 else "inverted-index", "count": len(hits), "hits": hits}
