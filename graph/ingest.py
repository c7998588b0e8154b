"""Facts -> the store: one named graph per source document, keyed by its content hash.

Ingesting the same bytes again changes nothing (same graph IRI, already present). A changed
version of a document (same file name, new content) is written as its own graph first and
the older versions' graphs are dropped after, so a reader always sees one whole version.
The reference graph (States, instruments, provisions, mandates) is written by
:func:`ensure_reference_data` and rewritten only when its content changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from rdflib import Literal as RDFLiteral
from rdflib import Graph, URIRef

from rightsgraph.graph.rdf_document import document_ntriples
from rightsgraph.graph.rdf_reference import reference_graph
from rightsgraph.graph.rdf_terms import DCTERMS, RDF, RG, REFERENCE_GRAPH, document_graph_iri
from rightsgraph.graph.store import Store
from rightsgraph.loaders.facts import DocumentFacts

Outcome = Literal["added", "unchanged", "replaced"]
_VERSION_QUERY = """
SELECT ?version WHERE { GRAPH ?g { ?g <%s> ?version } }
""" % RG.referenceDataVersion
_SAME_NAME_QUERY = """
SELECT DISTINCT ?g ?name WHERE { GRAPH ?g { ?doc <%s> ?name } }
""" % RG.fileName


@dataclass(frozen=True, slots=True)
class IngestResult:
    source: str
    graph: str
    triples: int
    outcome: Outcome
    replaced: tuple[str, ...] = ()


def ingest_facts(store: Store, facts: DocumentFacts) -> IngestResult:
    """Write one document's graph; idempotent for identical content."""
    graph_iri = str(document_graph_iri(facts.sha256))
    if is_complete_document_graph(store, graph_iri):
        return IngestResult(facts.source, graph_iri, store.count(graph_iri), "unchanged")
    _, ntriples = document_ntriples(facts)
    store.replace_graph_ntriples(graph_iri, ntriples)
    older = _older_versions(store, facts.source, graph_iri)
    for graph in older:
        store.drop_graph(graph)
    return IngestResult(facts.source, graph_iri, ntriples.count("\n"), "replaced" if older else "added", tuple(older))


def completion_marker(graph: str) -> str:
    """The N-Triples line whose presence in ``graph`` says the graph was written whole (the
    mapper writes it into every document graph; the bulk path writes it last).

    >>> completion_marker("https://w3id.org/rightsgraph/graph/document/ab")
    '<https://w3id.org/rightsgraph/graph/document/ab> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/rightsgraph/ontology#DocumentGraph> .'
    """
    return f"<{graph}> <{RDF.type}> <{RG.DocumentGraph}> ."


def is_complete_document_graph(store: Store, graph: str) -> bool:
    """Whether ``graph`` holds its :func:`completion_marker`, which the bulk path
    (:mod:`rightsgraph.graph.ingest_batch`) writes last: a graph without it was cut short
    and is written again."""
    return store.ask(f"ASK {{ GRAPH <{graph}> {{ {completion_marker(graph)} }} }}")


def _older_versions(store: Store, source: str, current: str) -> list[str]:
    rows = store.select(_SAME_NAME_QUERY, {"name": RDFLiteral(source)})
    return [str(row["g"]) for row in rows if str(row["g"]) != current and str(row["g"]) != str(REFERENCE_GRAPH)]


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
