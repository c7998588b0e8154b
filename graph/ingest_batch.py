"""Many documents into the store: what ``rightsgraph ingest`` writes with.

Documents are mapped to N-Triples (:class:`MappedDocument`, small and picklable, so worker
processes can make them) and written by a :class:`BatchWriter`, in one of two modes:

- **atomic** (the default): each document in its own transaction
  (``Store.replace_graph_ntriples``); a reader, or a killed run, sees every document whole
  or not at all.
- **bulk** (``rightsgraph ingest --bulk``, for loading a large corpus): documents, as the
  N-Quads lines of the spool (:class:`SpooledDocument`, made by the workers so the writer only
  copies bytes), are spooled to an anonymous temporary file (gone with the process, even a
  killed one) and written in large batches through ``Store.bulk_add_nquads``, on Oxigraph
  the engine's bulk loader — several times faster, the more so the larger the batch, and
  not atomic. A batch loads in a background thread (the engine releases the GIL) while the
  next one fills, so extraction goes on during the load; at most one batch loads at a time.
  Each document graph is complete once its marker triple (``<graph> a rg:DocumentGraph``)
  is in the store, and the bulk write puts every marker last: a batch that fails drops what
  it wrote, and a graph left without its marker by a killed run is dropped and written
  again by the next run (of either mode, and by uploads).

In both modes:

- **Idempotent**: a document whose graph is already complete, and was derived by this
  version of the pipeline, is not written again; the same bytes twice in one run are written
  once. A graph an older pipeline derived (:mod:`rightsgraph.graph.derivation`) is derived
  again and replaces it (outcome ``upgraded``).
- **Versions**: a new version of a file (same name, other bytes) replaces the older versions'
  graphs, which are dropped only after the new one is complete.
"""

from __future__ import annotations

import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, Literal, NamedTuple

from rdflib import Literal as RDFLiteral
from rdflib import URIRef
from rdflib.term import Node

from rightsgraph.graph.derivation import pipeline_version
from rightsgraph.graph.rdf_document import document_nquads, document_ntriples
from rightsgraph.graph.rdf_terms import RDF, REFERENCE_GRAPH, RG, document_graph_iri
from rightsgraph.graph.store import Store, spool_lines
from rightsgraph.loaders.facts import DocumentFacts

__all__ = [
    "BatchWriter", "IngestResult", "MappedDocument", "Outcome", "SpooledDocument", "completion_marker",
    "is_complete_document_graph", "map_document", "spool_document",
]

Outcome = Literal["added", "unchanged", "replaced", "upgraded"]

#: Lines per bulk write (~1.3 GB of spool at ~330 bytes a line). Oxigraph's bulk loader
#: slows down as a store grows when it is called often: at ~6M quads, batches of 250k lines
#: cost 1.6x the CPU of one call for everything (measured in docs/benchmarks.md); its memory
#: grows with the batch (~2.5 GB at 4M lines).
DEFAULT_BATCH_LINES = 4_000_000

_DOCUMENT_GRAPHS_QUERY = f"""
SELECT ?g ?name ?complete ?version WHERE {{
  GRAPH ?g {{ ?doc <{RG.fileName}> ?name }}
  OPTIONAL {{ GRAPH ?g {{ ?g a <{RG.DocumentGraph}> BIND(true AS ?complete) }} }}
  OPTIONAL {{ GRAPH ?g {{ ?g <{RG.pipelineVersion}> ?version }} }}
}}"""


@dataclass(frozen=True, slots=True)
class IngestResult:
    source: str
    graph: str
    triples: int
    outcome: Outcome
    replaced: tuple[str, ...] = ()


def completion_marker(graph: str) -> str:
    """The N-Triples line whose presence in ``graph`` says the graph was written whole (the
    mapper writes it into every document graph; the bulk path writes it last).

    >>> completion_marker("https://w3id.org/rightsgraph/graph/document/ab")
    '<https://w3id.org/rightsgraph/graph/document/ab> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/rightsgraph/ontology#DocumentGraph> .'
    """
    return f"<{graph}> <{RDF.type}> <{RG.DocumentGraph}> ."


def is_complete_document_graph(store: Store, graph: str) -> bool:
    """Whether ``graph`` holds its :func:`completion_marker`, which the bulk path writes
    last: a graph without it was cut short and is written again."""
    return store.ask(f"ASK {{ GRAPH <{graph}> {{ {completion_marker(graph)} }} }}")


@dataclass(frozen=True, slots=True)
class SpooledDocument:
    """One document as the lines of the bulk spool: UTF-8 N-Quads named with its graph,
    without its completion marker (``triples`` counts the marker, written after the load)."""

    source: str
    graph: str
    nquads: bytes
    triples: int
    warnings: int
    warning_messages: tuple[str, ...] = ()  # what ``rightsgraph ingest`` shows, grouped


@dataclass(frozen=True, slots=True)
class MappedDocument:
    """One document ready for the store: its graph as N-Triples, and what to report."""

    source: str
    graph: str
    ntriples: str
    warnings: int
    warning_messages: tuple[str, ...] = ()  # what ``rightsgraph ingest`` shows, grouped

    @property
    def triples(self) -> int:
        return self.ntriples.count("\n")

    def spooled(self) -> SpooledDocument:
        """The same document as the bulk path spools it."""
        lines = spool_lines(self.graph, self.ntriples, completion_marker(self.graph))
        return SpooledDocument(self.source, self.graph, lines.encode("utf-8"), self.triples, self.warnings,
                               self.warning_messages)


class _Written(NamedTuple):
    source: str
    graph: str
    triples: int


def map_document(facts: DocumentFacts) -> MappedDocument:
    """Map extracted facts to their graph (raises what ``document_ntriples`` raises)."""
    graph, ntriples = document_ntriples(facts)
    return MappedDocument(facts.source, str(graph), ntriples, len(facts.warnings), _messages(facts))


def spool_document(facts: DocumentFacts) -> SpooledDocument:
    """``map_document(facts).spooled()``, written straight as spool lines (what bulk workers do)."""
    graph = document_graph_iri(facts.sha256)
    graph, nquads, triples = document_nquads(facts, completion_marker(str(graph)))
    return SpooledDocument(facts.source, str(graph), nquads.encode("utf-8"), triples, len(facts.warnings),
                           _messages(facts))


def _messages(facts: DocumentFacts) -> tuple[str, ...]:
    return tuple(warning.message for warning in facts.warnings)


class _BackgroundLoad:
    """One bulk batch written by a thread of its own; :meth:`join` waits for it and raises
    what the write raised (``bulk_add_nquads`` has already dropped the batch's graphs)."""

    def __init__(self, store: Store, spool: BinaryIO, batch: list[_Written]) -> None:
        self.batch = batch
        self.graphs = frozenset(document.graph for document in batch)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(store, spool), name="rightsgraph-bulk-load")
        self._thread.start()

    def _run(self, store: Store, spool: BinaryIO) -> None:
        try:
            spool.seek(0)
            store.bulk_add_nquads(spool, markers={d.graph: completion_marker(d.graph) for d in self.batch})
        except BaseException as error:  # noqa: BLE001 - handed to the writer's thread, raised there
            self._error = error
        finally:
            spool.close()

    def wait(self) -> None:
        self._thread.join()

    def join(self) -> list[_Written]:
        self.wait()
        if self._error is not None:
            raise self._error
        return self.batch


class BatchWriter:
    """Writes mapped documents to ``store``, atomically one by one or in ``bulk`` batches (see
    the module docstring); use as a context manager so the last batch is written (``flush``)
    on leaving.

    ``write`` returns the results of the documents settled by that call (possibly none, while
    a batch fills or loads); ``flush`` those of the rest. Documents already complete in the
    store come back at once as ``unchanged``.
    """

    def __init__(
        self, store: Store, *, bulk: bool = False, batch_lines: int = DEFAULT_BATCH_LINES,
        scope: tuple[str, str] | None = None,
    ) -> None:
        self.store = store
        self.bulk = bulk
        self.batch_lines = batch_lines
        self._spool: BinaryIO | None = None
        self._pending: dict[str, _Written] = {}
        self._pending_lines = 0
        self._loading: _BackgroundLoad | None = None
        self._complete: set[str] = set()
        self._incomplete: set[str] = set()
        self._stale: set[str] = set()  # complete, but derived by another pipeline version
        self._graphs_by_name: dict[str, set[str]] = defaultdict(set)
        self._load_state(scope)

    def _document_graph_rows(self, scope: tuple[str, str] | None) -> list[dict[str, Node]]:
        """Every document graph; with a ``scope`` (file name, graph) only the graphs of that
        name and that graph itself (one upload need not list the whole store)."""
        if scope is None:
            return self.store.select(_DOCUMENT_GRAPHS_QUERY)
        name, graph = scope
        return (self.store.select(_DOCUMENT_GRAPHS_QUERY, {"name": RDFLiteral(name)})
                + self.store.select(_DOCUMENT_GRAPHS_QUERY, {"g": URIRef(graph)}))

    def _load_state(self, scope: tuple[str, str] | None) -> None:
        current = pipeline_version()
        for row in self._document_graph_rows(scope):
            graph = str(row["g"])
            if graph == str(REFERENCE_GRAPH):
                continue
            self._graphs_by_name[str(row["name"])].add(graph)
            if "complete" not in row:
                self._incomplete.add(graph)
            elif str(row.get("version")) != current:
                self._stale.add(graph)
            else:
                self._complete.add(graph)

    def is_complete(self, graph: str) -> bool:
        """Whether ``graph`` is in the store whole and current (or written by this writer)."""
        return graph in self._complete

    def _is_known(self, graph: str) -> bool:
        return (graph in self._complete or graph in self._pending
                or (self._loading is not None and graph in self._loading.graphs))

    def write(self, document: MappedDocument | SpooledDocument) -> list[IngestResult]:
        if self._is_known(document.graph):
            return [IngestResult(document.source, document.graph, document.triples, "unchanged")]
        written = _Written(document.source, document.graph, document.triples)
        if not self.bulk:
            if not isinstance(document, MappedDocument):
                raise TypeError("an atomic BatchWriter writes MappedDocument (N-Triples), not spool lines")
            self.store.replace_graph_ntriples(document.graph, document.ntriples)
            return [self._settle(written)]
        spooled = document.spooled() if isinstance(document, MappedDocument) else document
        if self._spool is None:
            self._spool = tempfile.TemporaryFile()
        self._spool.write(spooled.nquads)
        self._pending[document.graph] = written
        self._pending_lines += written.triples
        return self._start_load() if self._pending_lines >= self.batch_lines else []

    def write_all(self, documents: Iterable[MappedDocument | SpooledDocument]) -> Iterator[IngestResult]:
        for document in documents:
            yield from self.write(document)
        yield from self.flush()

    def flush(self) -> list[IngestResult]:
        """Write the spooled documents and wait for every load, then drop older versions."""
        results = self._start_load()
        return results + self._finish_load()

    def _start_load(self) -> list[IngestResult]:
        """Settle the batch loading now (waiting for it), then start loading the pending one."""
        results = self._finish_load()
        batch, self._pending, self._pending_lines = list(self._pending.values()), {}, 0
        spool, self._spool = self._spool, None
        if not batch or spool is None:
            return results
        for stale in [d.graph for d in batch if d.graph in self._incomplete or d.graph in self._stale]:
            self.store.drop_graph(stale)  # left by a killed bulk run, or derived by an older pipeline
        self._loading = _BackgroundLoad(self.store, spool, batch)
        return results

    def _finish_load(self) -> list[IngestResult]:
        loading, self._loading = self._loading, None
        if loading is None:
            return []
        return [self._settle(document) for document in loading.join()]

    def _settle(self, document: _Written) -> IngestResult:
        upgraded = document.graph in self._stale
        self._complete.add(document.graph)
        self._incomplete.discard(document.graph)
        self._stale.discard(document.graph)
        versions = self._graphs_by_name[document.source]
        older = tuple(sorted(versions - {document.graph}))
        for graph in older:
            self.store.drop_graph(graph)
            self._complete.discard(graph)
        versions.clear()
        versions.add(document.graph)
        outcome = "replaced" if older else "upgraded" if upgraded else "added"
        return IngestResult(document.source, document.graph, document.triples, outcome, older)

    def close(self) -> None:
        """Wait for a load still running (the store must outlive it) and drop the spool; what
        is still spooled is not written (``flush`` first). After a failure this is all that
        runs: a load's own error is then not raised, the first one is what the caller sees."""
        loading, self._loading = self._loading, None
        if loading is not None:
            loading.wait()
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
