"""Full-text search over the passages of the graph (every ``oa:exact`` quote).

:class:`PassageIndex` is an SQLite FTS5 table (stdlib :mod:`sqlite3`, in memory) with one
row per passage: its quote, document file name, offsets, and the letter, reply or report the
document carries. Queries use the FTS5 syntax (words, ``"phrases"``, ``AND``/``OR``/``NOT``,
``prefix*``, ``NEAR(a b, 5)``); a malformed one raises :class:`UsageError` (400), never a 500.
When FTS5 is not compiled into SQLite, a small inverted index of lower-cased words takes its
place (every word of the query must occur; quotes, operators and ``*`` are ignored).

:class:`SearchCache` keeps one index per store, rebuilt only when the store's content
changes (:class:`~rightsgraph.graph.store_cache.StoreCache`); the app holds it on
``app.state`` (no global state).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rightsgraph.errors import UsageError
from rightsgraph.graph.store_cache import StoreCache
from rightsgraph.graph.rdf_terms import document_iri, parse_quote_selector_iri
from rightsgraph.graph.store import Store

__all__ = ["PassageIndex", "SearchCache", "fts5_available", "search"]

MAX_LIMIT = 200

# One pattern each: the quote selectors' IRIs carry the document and the span
# (rdf_terms.quote_selector_iri), so no join over the passages is needed. A join of passage,
# selectors and document took ~18 s for the 30k passages of 1,000 letters; the scan ~1 s.
_QUOTES = """
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?selector ?quote WHERE { ?selector oa:exact ?quote }
"""
_FILE_NAMES = """
PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
SELECT ?doc ?file WHERE { ?doc a rg:Document ; rg:fileName ?file }
"""

_WORKS = """
PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?doc ?work ?kind ?reference ?symbol WHERE {
  ?work rg:recordedIn ?doc ; a ?kind .
  FILTER(?kind IN (rg:Communication, rg:Reply, rg:Report))
  OPTIONAL { ?work dcterms:identifier ?reference . }
  OPTIONAL { ?work rg:symbol ?symbol . }
}
"""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Passage:
    quote: str
    document: str
    start: int
    end: int
    work: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        return {"quote": self.quote, "document": self.document, "start": self.start, "end": self.end,
                "work": self.work}


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


def _work_of(row: dict[str, Any]) -> dict[str, Any]:
    kind = str(row["kind"]).rsplit("#", 1)[-1].lower()
    name = row.get("reference") or row.get("symbol")
    return {"kind": kind, "reference": str(name) if name is not None else None, "iri": str(row["work"])}


def read_passages(store: Store) -> list[Passage]:
    """Every passage of the store (quoted by a selector rightsgraph minted) with the work its
    document carries."""
    works: dict[str, dict[str, Any]] = {}
    for row in store.select(_WORKS):
        works.setdefault(str(row["doc"]), _work_of(row))
    files = {str(row["doc"]): str(row["file"]) for row in store.select(_FILE_NAMES)}
    passages = []
    for row in store.select(_QUOTES):
        parsed = parse_quote_selector_iri(str(row["selector"]))
        if parsed is None:
            continue
        sha, start, end = parsed
        doc = str(document_iri(sha))
        if doc in files:
            passages.append(Passage(str(row["quote"]), files[doc], start, end, works.get(doc)))
    return passages


class PassageIndex:
    """A searchable index of passages (FTS5 when available, else an inverted word index)."""

    def __init__(self, passages: Iterable[Passage], use_fts5: bool | None = None) -> None:
        self.passages = _unique(passages)
        self.fts5 = fts5_available() if use_fts5 is None else use_fts5
        self._lock = threading.Lock()
        if self.fts5:
            self._connection = sqlite3.connect(":memory:", check_same_thread=False)
            self._connection.execute("CREATE VIRTUAL TABLE passages USING fts5(quote, tokenize='unicode61')")
            self._connection.executemany("INSERT INTO passages(rowid, quote) VALUES (?, ?)",
                                         ((i, p.quote) for i, p in enumerate(self.passages)))
        else:
            self._words: dict[str, set[int]] = {}
            for i, passage in enumerate(self.passages):
                for word in _WORD.findall(passage.quote.casefold()):
                    self._words.setdefault(word, set()).add(i)

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """The best ``limit`` passages for ``query`` (BM25 order with FTS5, else document order)."""
        if not query.strip():
            raise UsageError("the search query is empty", details={"q": query})
        if not 1 <= limit <= MAX_LIMIT:
            raise UsageError(f"limit must be between 1 and {MAX_LIMIT}", details={"limit": limit})
        ids = self._fts5_ids(query, limit) if self.fts5 else self._word_ids(query, limit)
        return [self.passages[i].to_json() for i in ids]

    def _fts5_ids(self, query: str, limit: int) -> list[int]:
        try:
            with self._lock:
                rows = self._connection.execute(
                    "SELECT rowid FROM passages WHERE passages MATCH ? ORDER BY rank LIMIT ?", (query, limit)
                ).fetchall()
        except sqlite3.OperationalError as error:
            # The table is in memory and built here: the query text is the only thing that can
            # fail ("fts5: syntax error", "no such column", "expected integer", ...).
            raise UsageError(f"invalid search query: {error}", details={"q": query}) from None
        return [row[0] for row in rows]

    def _word_ids(self, query: str, limit: int) -> list[int]:
        words = _WORD.findall(query.casefold())
        if not words:
            raise UsageError("the search query has no words", details={"q": query})
        found = set.intersection(*(self._words.get(word, set()) for word in words))
        return sorted(found)[:limit]

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


def search(index: PassageIndex, query: str, limit: int = 20) -> dict[str, Any]:
    """The JSON answer of ``GET /search``: the query, the engine and the hits."""
    hits = index.search(query, limit)
    return {"query": query, "engine": "fts5" if index.fts5 else "inverted-index", "count": len(hits), "hits": hits}
