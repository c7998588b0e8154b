"""Many documents into the store: what ``rightsgraph ingest`` writes with.

Documents are mapped to N-Triples (:class:`MappedDocument`, small and picklable, so worker
processes can make them) and written by a :class:`BatchWriter`, in one of two modes:

- **atomic** (the default): each document in its own transaction
  (``Store.replace_graph_ntriples``); a reader, or a killed run, sees every document whole
  or not at all.
- **bulk** (``rightsgraph ingest --bulk``, for loading a large corpus): documents are
  spooled as N-Quads to an anonymous temporary file (gone with the process, even a killed
  one) and written in large batches through ``Store.bulk_add_nquads``, on Oxigraph the
  engine's bulk loader — several times faster, the more so the larger the batch, and not
  atomic. Each document graph is complete once its marker triple
  (``<graph> a rg:DocumentGraph``) is in the store, and the bulk write puts every marker
  last: a batch that fails drops what it wrote, and a graph left without its marker by a
  killed run is dropped and written again by the next run (of either mode, and by uploads).

In both modes:

- **Idempotent**: a document whose graph is already complete is not written again; the same
  bytes twice in one run are written once.
- **Versions**: a new version of a file (same name, other bytes) replaces the older versions'
  graphs, which are dropped only after the new one is complete.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, NamedTuple

from rightsgraph.graph.ingest import IngestResult, completion_marker
from rightsgraph.graph.rdf_document import document_ntriples
from rightsgraph.graph.rdf_terms import REFERENCE_GRAPH, RG
from rightsgraph.graph.store import Store, spool_lines
from rightsgraph.loaders.facts import DocumentFacts

__all__ = ["BatchWriter", "MappedDocument", "map_document"]

#: Lines per bulk write (~1.3 GB of spool at ~330 bytes a line). Oxigraph's bulk loader
#: slows down as a store grows when it is called often: at ~6M quads, batches of 250k lines
#: cost 1.6x the CPU of one call for everything (measured in docs/benchmarks.md); its memory
#: grows with the batch (~1 GB at 4M lines).
DEFAULT_BATCH_LINES = 4_000_000

_DOCUMENT_GRAPHS_QUERY = f"""
SELECT ?g ?name ?complete WHERE {{
  GRAPH ?g {{ ?doc <{RG.fileName}> ?name }}
  OPTIONAL {{ GRAPH ?g {{ ?g a <{RG.DocumentGraph}> BIND(true AS ?complete) }} }}
}}"""


@dataclass(frozen=True, slots=True)
class MappedDocument:
    """One document ready for the store: its graph as N-Triples, and what to report."""

    source: str
    graph: str
    ntriples: str
    warnings: int

    @property
    def triples(self) -> int:
        return self.ntriples.count("\n")


class _Written(NamedTuple):
    source: str
    graph: str
    triples: int


def map_document(facts: DocumentFacts) -> MappedDocument:
    """Map extracted facts to their graph (raises what ``document_ntriples`` raises)."""
    graph, ntriples = document_ntriples(facts)
    return MappedDocument(facts.source, str(graph), ntriples, len(facts.warnings))


class BatchWriter:
    """Writes mapped documents to ``store``, atomically one by one or in ``bulk`` batches (see
    the module docstring); use as a context manager so the last batch is written (``flush``)
    on leaving.

    ``write`` returns the results of the documents written by that call (possibly none, while
    the batch fills); ``flush`` those of the rest. Documents already complete in the store
    come back at once as ``unchanged``.
    """

    def __init__(self, store: Store, *, bulk: bool = False, batch_lines: int = DEFAULT_BATCH_LINES) -> None:
        self.store = store
        self.bulk = bulk
        self.batch_lines = batch_lines
        self._spool: BinaryIO | None = None
        self._pending: dict[str, _Written] = {}
        self._pending_lines = 0
        self._complete: set[str] = set()
        self._incomplete: set[str] = set()
        self._graphs_by_name: dict[str, set[str]] = defaultdict(set)
        self._load_state()

    def _load_state(self) -> None:
        for row in self.store.select(_DOCUMENT_GRAPHS_QUERY):
            graph = str(row["g"])
            if graph == str(REFERENCE_GRAPH):
                continue
            self._graphs_by_name[str(row["name"])].add(graph)
            (self._complete if "complete" in row else self._incomplete).add(graph)

    def is_complete(self, graph: str) -> bool:
        """Whether ``graph`` is in the store whole (or written by this writer)."""
        return graph in self._complete

    def write(self, document: MappedDocument) -> list[IngestResult]:
        if document.graph in self._complete or document.graph in self._pending:
            return [IngestResult(document.source, document.graph, document.triples, "unchanged")]
        written = _Written(document.source, document.graph, document.triples)
        if not self.bulk:
            self.store.replace_graph_ntriples(document.graph, document.ntriples)
            return [self._settle(written)]
        if self._spool is None:
            self._spool = tempfile.TemporaryFile()
        lines = spool_lines(document.graph, document.ntriples, completion_marker(document.graph))
        self._spool.write(lines.encode("utf-8"))
        self._pending[document.graph] = written
        self._pending_lines += written.triples
        return self.flush() if self._pending_lines >= self.batch_lines else []

    def write_all(self, documents: Iterable[MappedDocument]) -> Iterator[IngestResult]:
        for document in documents:
            yield from self.write(document)
        yield from self.flush()

    def flush(self) -> list[IngestResult]:
        """Write the spooled documents, then drop their older versions."""
        batch, self._pending, self._pending_lines = list(self._pending.values()), {}, 0
        if not batch or self._spool is None:
            return []
        for stale in [d.graph for d in batch if d.graph in self._incomplete]:
            self.store.drop_graph(stale)  # left by a killed bulk run: written again below
        try:
            self._spool.seek(0)
            self.store.bulk_add_nquads(self._spool, markers={d.graph: completion_marker(d.graph) for d in batch})
        finally:
            self._spool.seek(0)
            self._spool.truncate()
        return [self._settle(document) for document in batch]

    def _settle(self, document: _Written) -> IngestResult:
        self._complete.add(document.graph)
        self._incomplete.discard(document.graph)
        versions = self._graphs_by_name[document.source]
        older = tuple(sorted(versions - {document.graph}))
        for graph in older:
            self.store.drop_graph(graph)
            self._complete.discard(graph)
        versions.clear()
        versions.add(document.graph)
        outcome = "replaced" if older else "added"
        return IngestResult(document.source, document.graph, document.triples, outcome, older)

    def close(self) -> None:
        """Drop the spool (what is still in it is not written; ``flush`` first)."""
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, traceback: object) -> None:
        try:
            if exc_type is None:
                self.flush()
        finally:
            self.close()
