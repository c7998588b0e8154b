"""Graph Store Protocol reads and the SPARQL editor page, on a live service over the seeds,
on each store backend."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

from rightsgraph.api.app import create_app
from rightsgraph.graph.ingest import ingest_facts
from rightsgraph.graph.rdf_terms import REFERENCE_GRAPH, document_graph_iri
from rightsgraph.graph.store import Store
from rightsgraph.loaders.pipeline import load_file

EDITOR = Path(__file__).resolve().parents[1] / "api" / "static" / "sparql_editor.html"


@pytest.fixture(scope="module")
def client(backend: Store, seed_paths: list[Path]) -> Iterator[tuple[TestClient, str]]:
    facts = load_file(seed_paths[0])
    ingest_facts(backend, facts)
    with TestClient(create_app(backend)) as test_client:
        yield test_client, str(document_graph_iri(facts.sha256))


@pytest.mark.parametrize(("accept", "rdf_format"), [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                                     ("application/ld+json", "json-ld")])
def test_a_document_graph_reads_back_in_each_format(client, accept: str, rdf_format: str) -> None:
    test_client, graph_iri = client
    response = test_client.get("/graph-store", params={"graph": graph_iri}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=response.text, format=rdf_format)
    files = {str(o) for o in graph.objects(None, None) if str(o).endswith(".txt")}
    assert files == {"000_b3942fa4ac1e5b1c.txt"}


def test_reference_graph_holds_the_states(client) -> None:
    test_client, _ = client
    response = test_client.get("/graph-store", params={"graph": str(REFERENCE_GRAPH)},
                               headers={"Accept": "application/n-triples"})
    assert "<https://w3id.org/rightsgraph/id/state/CHN>" in response.text


@pytest.mark.parametrize(
    "params",
    [{"graph": "x> } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o"}, {}, {"graph": "https://e/g", "default": ""}],
)
def test_bad_graph_store_requests_are_400_in_the_error_shape(client, params: dict[str, str]) -> None:
    test_client, _ = client
    response = test_client.get("/graph-store", params=params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "usage_error"


def test_editor_page_is_local_and_its_examples_run(client) -> None:
    test_client, _ = client
    page = test_client.get("/sparql/editor")
    assert page.status_code == 200 and "SPARQL editor" in page.text
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page.text)
    prefixes = re.search(r"const PREFIXES = `(.*?)`;", page.text, re.S).group(1)
    examples = re.findall(r'\["[^"]+", `(.*?)`\]', page.text, re.S)
    assert len(examples) >= 5
    for example in examples:
        answer = test_client.post("/sparql", content=prefixes + example,
                                  headers={"Content-Type": "application/sparql-query"})
        assert answer.status_code == 200, answer.text
        assert answer.json()["results"]["bindings"], example
