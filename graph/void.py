"""The dataset described in VoID and DCAT (``/.well-known/void``).

* ``void:triples``: the triples of all named graphs together, the total ``rightsgraph info``
  prints (a triple stated by two documents counts in each; the merged default graph, each
  triple once, is the subset ``#merge``).
* One subset per document kind (``rg:documentKind`` of each graph's document, the reference
  data its own), with ``void:documents`` its number of named graphs and ``void:triples``.
* ``void:vocabulary`` the vocabularies the data uses (decision 0002), ``dcterms:license``,
  ``void:sparqlEndpoint``, ``void:dataDump`` and a DCAT distribution (``/export``, N-Quads),
  ``void:uriSpace`` the IRIs that dereference on the service.
* ``dcterms:modified``: when the on-disk store last changed (its newest data file); a store that
  is not on disk has no such date, and the description says it is unknown rather than
  inventing one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, PROV, SKOS, TIME

from rightsgraph.graph.rdf_terms import BASE, REFERENCE_GRAPH, RG, bind_prefixes
from rightsgraph.graph.store import Store

__all__ = ["VOCABULARIES", "void_description"]

VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
ELI = "http://data.europa.eu/eli/ontology#"
OA = "http://www.w3.org/ns/oa#"
#: The vocabularies the data uses (docs/decisions/0002-vocabularies-and-iris.md).
VOCABULARIES = (str(RG), ELI, str(PROV), OA, str(ORG), str(FOAF), str(SKOS), str(TIME), str(DCTERMS))
LICENCE = URIRef("https://opensource.org/license/mit")

_GRAPHS_PER_KIND = """SELECT ?kind (COUNT(DISTINCT ?g) AS ?graphs) WHERE {
  GRAPH ?g { ?g a <https://w3id.org/rightsgraph/ontology#DocumentGraph> ;
                <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc .
             ?doc <https://w3id.org/rightsgraph/ontology#documentKind> ?kind }
} GROUP BY ?kind"""
_TRIPLES_PER_KIND = """SELECT ?kind (COUNT(*) AS ?triples) WHERE {
  GRAPH ?g { ?g a <https://w3id.org/rightsgraph/ontology#DocumentGraph> ;
                <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc .
             ?doc <https://w3id.org/rightsgraph/ontology#documentKind> ?kind }
  GRAPH ?g { ?s ?p ?o }
} GROUP BY ?kind"""
_MERGED_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def void_description(store: Store, service: str) -> Graph:
    """The VoID/DCAT description of ``store`` served at ``service`` (its base URL)."""
    graph = Graph()
    bind_prefixes(graph)
    graph.bind("void", VOID)
    graph.bind("dcat", DCAT)
    dataset = URIRef(f"{service}/.well-known/void#dataset")
    for kind in (VOID.Dataset, DCAT.Dataset):
        graph.add((dataset, RDF.type, kind))
    graph.add((dataset, DCTERMS.title, Literal("rightsgraph", lang="en")))
    graph.add((dataset, DCTERMS.description, Literal(
        "UN human-rights law on the online sexual exploitation of children: Special Procedures "
        "communications, replies, reports and UN Treaty Collection tables as RDF, every fact "
        "with the passage it comes from; one named graph per source document.", lang="en")))
    graph.add((dataset, DCTERMS.license, LICENCE))
    graph.add((dataset, VOID.triples, Literal(store.count(), datatype=XSD.integer)))
    graph.add((dataset, VOID.documents, Literal(len(store.graphs()), datatype=XSD.integer)))
    graph.add((dataset, VOID.uriSpace, Literal(BASE + "id/")))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(f"{service}/sparql")))
    for vocabulary in VOCABULARIES:
        graph.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    _add_dump(graph, dataset, service)
    _add_modified(graph, dataset, store)
    _add_subsets(graph, dataset, store, service)
    return graph


def _add_dump(graph: Graph, dataset: URIRef, service: str) -> None:
    dump = URIRef(f"{service}/export?format=nquads")
    graph.add((dataset, VOID.dataDump, dump))
    distribution = URIRef(f"{service}/.well-known/void#nquads")
    graph.add((dataset, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCAT.downloadURL, dump))
    graph.add((distribution, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/application/n-quads")))
    endpoint = URIRef(f"{service}/.well-known/void#sparql")
    graph.add((endpoint, RDF.type, DCAT.DataService))
    graph.add((endpoint, DCAT.endpointURL, URIRef(f"{service}/sparql")))
    graph.add((endpoint, DCAT.servesDataset, dataset))
    graph.add((endpoint, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))


def _data_files(store: Store) -> list[Path]:
    """The on-disk store's data files: RocksDB tables (``*.sst``) and write-ahead logs that
    hold writes (``NNNNNN.log``, not empty). Opening a store rewrites its other files (LOG,
    OPTIONS, MANIFEST), so their times say when it was opened, not when it changed."""
    path = getattr(store, "path", None)
    if not isinstance(path, Path) or not path.is_dir():
        return []
    return [item for item in path.iterdir() if item.is_file() and (
        item.suffix == ".sst" or (item.suffix == ".log" and item.stem.isdigit() and item.stat().st_size > 0))]


def _add_modified(graph: Graph, dataset: URIRef, store: Store) -> None:
    files = _data_files(store)
    if not files:
        graph.add((dataset, RDFS.comment, Literal("last modified: unknown (the store is not on disk)", lang="en")))
        return
    newest = max(item.stat().st_mtime for item in files)
    moment = dt.datetime.fromtimestamp(newest, tz=dt.timezone.utc).replace(microsecond=0)
    graph.add((dataset, DCTERMS.modified, Literal(moment.isoformat(), datatype=XSD.dateTime)))


def _add_subsets(graph: Graph, dataset: URIRef, store: Store, service: str) -> None:
    """A subset per document kind, one for the reference data and one for the merge."""
    triples = {str(row["kind"]): int(row["triples"]) for row in store.select(_TRIPLES_PER_KIND)}
    for row in store.select(_GRAPHS_PER_KIND):
        kind = str(row["kind"])
        subset = URIRef(f"{service}/.well-known/void#kind-{kind.rsplit('#', 1)[-1]}")
        _subset(graph, dataset, subset, triples.get(kind, 0), int(row["graphs"]))
        graph.add((subset, DCTERMS.type, URIRef(kind)))
    if store.has_graph(str(REFERENCE_GRAPH)):
        reference = URIRef(f"{service}/.well-known/void#reference")
        _subset(graph, dataset, reference, store.count(str(REFERENCE_GRAPH)), 1)
        graph.add((reference, SD.name, REFERENCE_GRAPH))
    merge = URIRef(f"{service}/.well-known/void#merge")
    merged = store.select(_MERGED_TRIPLES)
    _subset(graph, dataset, merge, int(merged[0]["n"]) if merged else 0, None)
    graph.add((merge, RDFS.comment, Literal("the default graph: the merge of all named graphs, each triple once", lang="en")))


def _subset(graph: Graph, dataset: URIRef, subset: URIRef, triples: int, documents: int | None) -> None:
    graph.add((dataset, VOID.subset, subset))
    graph.add((subset, RDF.type, VOID.Dataset))
    graph.add((subset, VOID.triples, Literal(triples, datatype=XSD.integer)))
    if documents is not None:
        graph.add((subset, VOID.documents, Literal(documents, datatype=XSD.integer)))
