"""A live server (uvicorn in a thread) on each store backend: SPARQL clients, refusals, timeouts.

The embedded backend is on disk here, so /sparql queries run in killable worker processes."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from live_servers import serve_in_thread
from error_shape import assert_error
from rightsgraph.api.app import create_app
from rightsgraph.api.settings import Settings
from rightsgraph.graph.ingest import ingest_facts
from rightsgraph.graph.store import Store
from rightsgraph.loaders.pipeline import load_file

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CROSS_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
INSERT = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> 1 } }"



EMBEDDED_ON_DISK = True


@pytest.fixture(scope="module")
def server(backend: Store, seed_paths: list[Path]) -> Iterator[str]:
    store = backend
    for path in seed_paths[:2]:
        ingest_facts(store, load_file(path))
    settings = Settings(write_token="right", query_timeout=3)
    with serve_in_thread(create_app(store, settings)) as url:
        yield url


def _count(url: str) -> int:
    response = httpx.get(f"{url}/sparql", params={"query": COUNT}, timeout=30)
    return int(response.json()["results"]["bindings"][0]["n"]["value"])




@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_every_results_format(server, fmt):
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery("SELECT ?s WHERE { ?s a <https://w3id.org/rightsgraph/ontology#State> } LIMIT 3")
    client.setReturnFormat(fmt)
    result = client.query().convert()
    if fmt == JSON:
        assert len(result["results"]["bindings"]) == 3
    elif fmt == XML:
        assert len(result.getElementsByTagName("result")) == 3
    else:
        assert len(result.decode().strip().splitlines()) == 4


@pytest.mark.parametrize("accept", ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"])
def test_construct_in_every_graph_format(server, accept):
    # DISTINCT: a remote engine's default graph may hold a triple once per graph (Virtuoso
    # does), and five solutions with a repeat make four triples.
    query = "CONSTRUCT { ?s a ?c } WHERE { { SELECT DISTINCT ?s ?c { ?s a ?c } LIMIT 5 } }"
    response = httpx.post(f"{server}/sparql", content=query, timeout=30,
                          headers={"Content-Type": "application/sparql-query", "Accept": accept})
    fmt = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
           "application/rdf+xml": "xml"}[accept]
    assert response.headers["content-type"].startswith(accept)
    assert len(rdflib.Graph().parse(data=response.content, format=fmt)) == 5


def test_rdflib_sparqlstore(server):
    graph = rdflib.Graph(SPARQLStore(f"{server}/sparql"))
    rows = list(graph.query("SELECT ?s WHERE { ?s a <https://w3id.org/rightsgraph/ontology#Communication> }"))
    assert rows


def test_update_without_token_changes_nothing(server):
    before = _count(server)
    assert_error(httpx.post(f"{server}/sparql", data={"update": INSERT}), 401, "unauthorized")
    assert_error(httpx.post(f"{server}/sparql", data={"update": INSERT}, headers={"Authorization": "Bearer wrong"}),
                 403, "forbidden")
    client = SPARQLWrapper(f"{server}/sparql")
    client.setMethod("POST")
    client.setQuery(INSERT)
    with pytest.raises(SPARQLWrapperException):
        client.query()
    assert _count(server) == before


def test_service_opens_no_connection(server):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(1)
    port = listener.getsockname()[1]
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    assert_error(httpx.get(f"{server}/sparql", params={"query": query}), 403, "query_refused")
    with pytest.raises(socket.timeout):
        listener.accept()
    listener.close()


def test_syntax_error_gives_line_and_column(server):
    response = httpx.get(f"{server}/sparql", params={"query": "SELECT * WHERE {\n ?s ?p }"})
    assert_error(response, 400, "sparql_syntax_error")
    assert response.json()["error"]["details"]["line"] == 2


def test_runaway_queries_are_stopped_and_the_server_goes_on(server):
    response = httpx.get(f"{server}/sparql", params={"query": CROSS}, timeout=60)
    assert response.json()["error"]["code"] in ("result_too_large", "query_timeout")
    assert_error(httpx.get(f"{server}/sparql", params={"query": CROSS_COUNT}, timeout=60), 503, "query_timeout")
    assert _count(server) > 1000


def test_service_description(server):
    response = httpx.get(f"{server}/sparql")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, sd.supportedLanguage, sd.SPARQL11Query) in graph


def test_health(server):
    assert json.loads(httpx.get(f"{server}/health").text)["status"] == "ok"
