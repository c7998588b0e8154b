"""Linked Data on a live service over the seeds (issue 19, items 5 and 6): every
``https://w3id.org/rightsgraph/id/...`` IRI dereferences as ``/id/...`` for a client that
knows nothing of the project, and the dataset describes itself in VoID/DCAT."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SKOS

from live_servers import serve_in_thread
from rightsgraph.api.app import create_app
from rightsgraph.api.cli_store import print_info
from rightsgraph.api.settings import Settings
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.pages_queries import EXACT_MATCHES
from rightsgraph.graph.rdf_terms import REFERENCE_GRAPH, communication_iri, document_iri, instrument_iri, state_iri
from rightsgraph.graph.store import Store, open_store
from rightsgraph.loaders.pipeline import load_file
from rightsgraph.loaders.reference.wikidata import INSTRUMENT_QIDS, UNVERIFIED_INSTRUMENTS, WIKIDATA_ENTITY

VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
CHINA = str(state_iri("CHN"))



@pytest.fixture(scope="module")
def seeded(seed_paths: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, list]]:
    store = open_store(str(tmp_path_factory.mktemp("store") / "db"))
    ensure_reference_data(store)
    facts = [load_file(path) for path in seed_paths]
    for document in facts:
        ingest_facts(store, document)
    yield store, facts
    store.close()


@pytest.fixture(scope="module")
def server(seeded) -> Iterator[str]:
    store, _ = seeded
    with serve_in_thread(create_app(store, Settings(query_workers=1))) as url:
        yield url


def test_rdflib_knowing_nothing_of_the_project_gets_rdf_about_china(server):
    graph = Graph().parse(f"{server}/id/state/CHN")
    labels = {str(label) for label in graph.objects(URIRef(CHINA), RDFS.label)}
    assert "China" in labels


@pytest.mark.parametrize(("accept", "rdf_format"), [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt"),
])
def test_each_rdf_format_describes_the_state(server, accept, rdf_format):
    response = httpx.get(f"{server}/id/state/CHN", headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    assert "Accept" in response.headers["vary"]
    graph = Graph().parse(data=response.text, format=rdf_format)
    assert (URIRef(CHINA), None, None) in graph


def test_every_statement_has_its_provenance(server):
    graph = Graph().parse(f"{server}/id/state/CHN")
    statements = set(graph.predicate_objects(URIRef(CHINA)))
    reified = {(graph.value(node, RDF.predicate), graph.value(node, RDF.object))
               for node in graph.subjects(RDF.type, RDF.Statement)
               if graph.value(node, PROV.wasDerivedFrom) is not None}
    assert statements and statements == reified
    assert set(graph.objects(None, DCTERMS.isPartOf)) == {REFERENCE_GRAPH}


def test_a_letters_statements_point_to_its_source_document(server, seeded):
    _, facts = seeded
    letter = next(document for document in facts if document.kind == "communication" and document.reference)
    path = str(communication_iri(letter.reference)).split("/id/", 1)[1]
    graph = Graph().parse(f"{server}/id/{path}")
    sources = set(graph.objects(None, PROV.wasDerivedFrom))
    assert document_iri(letter.sha256) in sources


def test_a_browser_is_sent_to_the_entity_page(server):
    response = httpx.get(f"{server}/id/state/CHN", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 303
    assert response.headers["location"] == "/states/CHN"
    assert httpx.get(server + response.headers["location"]).status_code == 200


def test_the_store_states_an_instruments_wikidata_item(seeded):
    store, _ = seeded
    rows = store.select(EXACT_MATCHES, {"entity": instrument_iri("ICCPR")})
    assert [str(row["match"]) for row in rows] == [WIKIDATA_ENTITY + INSTRUMENT_QIDS["ICCPR"]]


def test_an_instruments_description_links_its_wikidata_item_with_provenance(server):
    response = httpx.get(f"{server}/id/instrument/ICCPR", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    item = URIRef("http://www.wikidata.org/entity/Q392119")
    assert (instrument_iri("ICCPR"), SKOS.exactMatch, item) in graph
    reified = [node for node in graph.subjects(RDF.object, item)
               if graph.value(node, RDF.predicate) == SKOS.exactMatch]
    assert [graph.value(node, DCTERMS.isPartOf) for node in reified] == [REFERENCE_GRAPH]


def test_an_unverified_instrument_is_described_without_a_wikidata_item(server):
    instrument = UNVERIFIED_INSTRUMENTS[0]
    graph = Graph().parse(data=httpx.get(f"{server}/id/instrument/{instrument}", headers={"Accept": "text/turtle"}).text,
                          format="turtle")
    assert (instrument_iri(instrument), None, None) in graph
    assert not any(str(match).startswith(WIKIDATA_ENTITY)
                   for match in graph.objects(instrument_iri(instrument), SKOS.exactMatch))


def test_an_iri_the_store_knows_nothing_of_is_404(server):
    response = httpx.get(f"{server}/id/state/XXX", headers={"Accept": "text/turtle"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


# --- VoID -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def void(server) -> tuple[Graph, URIRef]:
    response = httpx.get(f"{server}/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    return graph, URIRef(f"{server}/.well-known/void#dataset")


def test_void_triples_match_rightsgraph_info(void, seeded, capsys):
    graph, dataset = void
    store, _ = seeded
    print_info(store)
    total = int(re.search(r"total: (\d+) triples", capsys.readouterr().out).group(1))
    assert graph.value(dataset, VOID.triples) == Literal(total)


def test_void_names_endpoint_dump_licence_vocabularies_and_kinds(void, server, seeded):
    graph, dataset = void
    _, facts = seeded
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef(f"{server}/sparql")
    dump = graph.value(dataset, VOID.dataDump)
    assert httpx.get(str(dump)).status_code == 200
    assert graph.value(dataset, DCTERMS.license) is not None
    assert URIRef("http://www.w3.org/ns/prov#") in set(graph.objects(dataset, VOID.vocabulary))
    per_kind = [int(graph.value(subset, VOID.documents)) for subset in graph.objects(dataset, VOID.subset)
                if (subset, DCTERMS.type, None) in graph]
    assert sum(per_kind) == len(facts) and len(per_kind) >= 2


def test_the_service_description_links_the_void(server):
    response = httpx.get(f"{server}/sparql")
    graph = Graph().parse(data=response.text, format="turtle")
    assert URIRef(f"{server}/.well-known/void") in set(graph.objects(None, RDFS.seeAlso))
    assert (None, SD.defaultDataset, URIRef(f"{server}/.well-known/void#dataset")) in graph


def test_void_says_when_the_on_disk_store_changed(void):
    graph, dataset = void
    modified = graph.value(dataset, DCTERMS.modified)
    assert modified is not None and modified.datatype == URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
    assert modified.toPython().tzinfo is not None


def test_void_of_a_store_not_on_disk_says_the_date_is_unknown():
    from rightsgraph.graph.void import void_description

    with open_store(":memory:") as store:
        graph = void_description(store, "http://example.org")
    dataset = URIRef("http://example.org/.well-known/void#dataset")
    assert graph.value(dataset, DCTERMS.modified) is None
    assert "unknown" in str(graph.value(dataset, RDFS.comment))
