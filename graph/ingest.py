"""Facts -> the store: one named graph per source document, keyed by its content hash.

Ingesting the same bytes again changes nothing (same graph IRI, already present, derived by
this pipeline version). A changed version of a document (same file name, new content) is
written as its own graph first and the older versions' graphs are dropped after, so a reader
always sees one whole version. Every write goes through
:class:`~rightsgraph.graph.ingest_batch.BatchWriter`.
The reference graph (States, instruments, provisions, mandates) is written by
:func:`ensure_reference_data` and rewritten only when its content changes.
"""

from __future__ import annotations

import hashlib

from rdflib import Literal as RDFLiteral
from rdflib import Graph, URIRef

from rightsgraph.graph.ingest_batch import (
    BatchWriter, IngestResult, Outcome, completion_marker, is_complete_document_graph, map_document,
)
from rightsgraph.graph.rdf_reference import reference_graph
from rightsgraph.graph.rdf_terms import DCTERMS, RG, REFERENCE_GRAPH, document_graph_iri
from rightsgraph.graph.store import Store
from rightsgraph.loaders.facts import DocumentFacts

__all__ = [
    "IngestResult", "Outcome", "completion_marker", "ensure_reference_data", "ingest_facts",
    "is_complete_document_graph", "reference_data_version",
]

_VERSION_QUERY = """
SELECT ?version WHERE { GRAPH ?g { ?g <%s> ?version } }
""" % RG.referenceDataVersion


def ingest_facts(store: Store, facts: DocumentFacts) -> IngestResult:
    """Write one document's graph (an upload): the same :class:`BatchWriter` as
    ``rightsgraph ingest``, atomic, looking only at this document's graph and name.
    Idempotent for identical content derived by this pipeline version."""
    graph = str(document_graph_iri(facts.sha256))
    with BatchWriter(store, scope=(facts.source, graph)) as writer:
        if writer.is_complete(graph):
            return IngestResult(facts.source, graph, store.count(graph), "unchanged")
        return [*writer.write(map_document(facts)), *writer.flush()][0]


def reference_data_version(graph: Graph) -> str:
    """A digest of ``graph`` that is the same in every process.

    rdflib writes N-Triples in set order, which changes with Python's hash seed; hashing the
    sorted lines keeps the version stable, so a new process does not rewrite unchanged data.
    """
    lines = sorted(graph.serialize(format="nt", encoding="utf-8").splitlines())
    return hashlib.sha256(b"\n".join(lines)).hexdigest()


def ensure_reference_data(store: Store) -> bool:
    """Write the reference graph when it is missing or stale; True when it was written."""
    graph = reference_graph()
    version = reference_data_version(graph)
    rows = store.select(_VERSION_QUERY)
    if any(str(row["version"]) == version for row in rows):
        return False
    graph.add((URIRef(str(REFERENCE_GRAPH)), RG.referenceDataVersion, RDFLiteral(version)))
    graph.add((URIRef(str(REFERENCE_GRAPH)), DCTERMS.title, RDFLiteral("rightsgraph reference data")))
    store.replace_graph(str(REFERENCE_GRAPH), graph)
    return True
