"""Many documents into the store: what ``rightsgraph ingest`` writes with.

Documents are mapped to N-Triples (:class:`MappedDocument`, small and picklable, so worker
processes can make them) and written by a :class:`BatchWriter`, in one of two modes:

- **atomic** (the default): each document in its own transaction
  (``Store.replace_graph_ntriples``); a reader, or a killed run, sees every document whole
  or not at all.
- **bulk** (``rightsgraph ingest --bulk``, for loading a large corpus): batches of documents
  through ``Store.bulk_add_graphs``, on Oxigraph the engine's bulk loader — several times
  faster, and not atomic. Each document graph is complete once its marker triple
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

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rightsgraph.graph.ingest import IngestResult, completion_marker
from rightsgraph.graph.rdf_document import document_ntriples
from rightsgraph.graph.rdf_terms import REFERENCE_GRAPH, RG
from rightsgraph.graph.store import Store
from rightsgraph.loaders.facts import DocumentFacts

__all__ = ["BatchWriter", "MappedDocument", "map_document"]

#: Lines per bulk write; large enough for the bulk loader to pay off, small enough for memory.
DEFAULT_BATCH_LINES = 250_000

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
        self.batch_lines = batch_lines if bulk else 0  # atomic: each document at once
        self._pending: dict[str, MappedDocument] = {}
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
        self._pending[document.graph] = document
        self._pending_lines += document.triples
        return self.flush() if self._pending_lines >= self.batch_lines else []

    def write_all(self, documents: Iterable[MappedDocument]) -> Iterator[IngestResult]:
        for document in documents:
            yield from self.write(document)
        yield from self.flush()

    def flush(self) -> list[IngestResult]:
        """Write the pending documents, then drop their older versions."""
        batch, self._pending, self._pending_lines = list(self._pending.values()), {}, 0
        if not batch:
            return []
        if self.bulk:
            for stale in [d.graph for d in batch if d.graph in self._incomplete]:
                self.store.drop_graph(stale)  # left by a killed bulk run: written again below
            self.store.bulk_add_graphs({d.graph: d.ntriples for d in batch},
                                       markers={d.graph: completion_marker(d.graph) for d in batch})
            return [self._settle(document) for document in batch]
        results = []
        for document in batch:
            self.store.replace_graph_ntriples(document.graph, document.ntriples)
            results.append(self._settle(document))
        return results

    def _settle(self, document: MappedDocument) -> IngestResult:
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

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, traceback: object) -> None:
        if exc_type is None:
            self.flush()
