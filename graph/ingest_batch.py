"""Many documents into the store at once: the fast path of ``rightsgraph ingest``.

:func:`rightsgraph.graph.ingest.ingest_facts` writes one document per transaction, which is
what an upload needs. Loading a corpus that way spends most of its time in the engine's
transactions. Here documents are mapped to N-Triples (:class:`MappedDocument`, small and
picklable, so worker processes can make them) and written in batches with
:meth:`~rightsgraph.graph.store.Store.add_graphs`, the store's bulk path.

The guarantees of the one-by-one path still hold:

- **Idempotent**: a document whose graph is already complete is not written again; the
  same bytes twice in one run are written once.
- **Versions**: a new version of a file (same name, other bytes) replaces the older
  versions' graphs, which are dropped only after the new one is complete.
- **Nothing half-written is trusted**: each document graph is complete once its marker
  triple (``<graph> a rg:DocumentGraph``) is in the store, and ``add_graphs`` writes every
  marker last. A graph found without its marker (the process was killed mid-batch) is
  dropped and written again; a batch that fails drops what it wrote.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rightsgraph.graph.ingest import IngestResult
from rightsgraph.graph.rdf_document import document_ntriples
from rightsgraph.graph.rdf_terms import RDF, REFERENCE_GRAPH, RG
from rightsgraph.graph.store import Store
from rightsgraph.loaders.facts import DocumentFacts

__all__ = ["BatchWriter", "MappedDocument", "completion_marker", "map_document"]

#: Lines per store write; large enough for the bulk path to pay off, small enough for memory.
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


def completion_marker(graph: str) -> str:
    """The N-Triples line whose presence in ``graph`` says the graph was written whole.

    >>> completion_marker("https://w3id.org/rightsgraph/graph/document/ab")
    '<https://w3id.org/rightsgraph/graph/document/ab> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/rightsgraph/ontology#DocumentGraph> .'
    """
    return f"<{graph}> <{RDF.type}> <{RG.DocumentGraph}> ."


class BatchWriter:
    """Writes mapped documents to ``store`` in batches; use as a context manager so the
    last batch is written (``flush``) on leaving.

    ``write`` returns the results of the documents written by that call (possibly none, while
    the batch fills); ``flush`` those of the rest. Documents already complete in the store
    come back at once as ``unchanged``.
    """

    def __init__(self, store: Store, *, batch_lines: int = DEFAULT_BATCH_LINES) -> None:
        self.store = store
        self.batch_lines = batch_lines
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
        if document.graph in self._complete:
            return [IngestResult(document.source, document.graph, document.triples, "unchanged")]
        if document.graph in self._pending:
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
        for stale in [d.graph for d in batch if d.graph in self._incomplete]:
            self.store.drop_graph(stale)  # left by a killed run: written again below
        self.store.add_graphs({d.graph: d.ntriples for d in batch}, markers={d.graph: completion_marker(d.graph) for d in batch})
        return [self._settle(document) for document in batch]

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
