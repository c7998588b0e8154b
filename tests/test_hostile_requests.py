"""Hostile requests: generated from the OpenAPI schema (schemathesis) and table-driven.

No request may make the service answer 500, every error answer has the one JSON shape with
the expected ``code``, no query text makes the server open a connection or crash its parser,
and refused writes leave the store unchanged.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from schemathesis import GenerationMode
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable

from error_shape import assert_error, assert_error_shape
from rightsgraph.api.app import create_app
from rightsgraph.api.settings import Settings
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.store import Store, open_store
from rightsgraph.loaders.pipeline import load_file

TOKEN = "hostile-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MAX_BODY = 64 * 1024
RESULT_LIMIT = 5_000
EXAMPLES_PER_OPERATION = 40
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
STATES = "SELECT ?s WHERE { ?s a <https://w3id.org/rightsgraph/ontology#State> }"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Iterator[Store]:
    opened = open_store(tmp_path_factory.mktemp("hostile") / "store")
    ensure_reference_data(opened)
    for path in seed_paths:
        ingest_facts(opened, load_file(path))
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def app(store: Store) -> FastAPI:
    settings_ = Settings(write_token=TOKEN, query_timeout=20, result_limit=RESULT_LIMIT, max_body=MAX_BODY)
    return create_app(store, settings_)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client




def triple_count(client: TestClient) -> int:
    response = client.get("/sparql", params={"query": COUNT})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


# --- generated from the OpenAPI schema -----------------------------------------------


def operations(app: FastAPI) -> list[schemathesis.APIOperation]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_generated_requests_never_give_500_and_errors_have_one_shape(app, client, mode):
    """Every operation of /openapi.json, with schema-conforming and schema-violating
    parameters and bodies (the token sent, so writes get past authentication)."""
    tried: dict[str, int] = {}
    for operation in operations(app):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink])
        def call(case: schemathesis.Case) -> None:
            response = case.call(headers=AUTH)
            tried[operation.label] = tried.get(operation.label, 0) + 1
            assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:500]}"
            if response.status_code >= 400:
                assert_error_shape(response.status_code, response.json())

        try:
            call()
        except Unsatisfiable:  # an operation without parameters has nothing to make invalid
            assert mode is GenerationMode.NEGATIVE, operation.label
    print(f"\nschemathesis ({mode.value}): {sum(tried.values())} examples over {len(tried)} operations, no 500")
    assert len(tried) >= 10


# --- bodies over RIGHTSGRAPH_MAX_BODY ------------------------------------------------


def _chunks(size: int) -> Iterator[bytes]:
    for _ in range(size // 4096 + 1):
        yield b"#" * 4096


@pytest.mark.parametrize(
    ("path", "headers", "params"),
    [
        ("/sparql", {"Content-Type": "application/sparql-query"}, None),
        ("/sparql", {"Content-Type": "application/x-www-form-urlencoded"}, None),
        ("/documents", AUTH, {"filename": "big.txt"}),
    ],
)
@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_bodies_over_the_limit_are_413(client, path, headers, params, chunked):
    body = _chunks(MAX_BODY * 2) if chunked else b"#" * (MAX_BODY + 1)
    response = client.post(path, content=body, headers=headers, params=params)
    error = assert_error(response, 413, "request_too_large")
    assert error["details"]["limit"] == MAX_BODY
    assert client.get("/health").json()["status"] == "ok"


# --- query texts that attack the parser or the result size ----------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE " + "{" * 2000 + " ?s ?p ?o " + "}" * 2000,
        "SELECT * WHERE { FILTER(" + "(" * 2000 + "1" + ")" * 2000 + ") }",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o IN (" + "[" * 2000 + ")) }",
        "SELECT * WHERE " + "{" * 20_000,
        # brackets hidden from a scanner that always reads <...> as an IRI
        "SELECT * WHERE { ?a ?b ?c FILTER(?a<" + "(" * 3000 + "1" + ")" * 3000 + ">2) }",
        # the same nesting written with codepoint escapes
        "SELECT * WHERE " + "\\u007B" * 3000 + " ?s ?p ?o " + "\\u007D" * 3000,
    ],
    ids=["braces", "parentheses", "brackets", "unclosed", "inside-iri-like", "escaped"],
)
def test_deep_nesting_is_refused_before_the_parser_and_the_server_goes_on(client, query):
    """Bug: 2,500+ nested groups overflowed Oxigraph's parser stack: a segfault that killed
    the query worker (503) or, on a store that is not on disk, the whole server."""
    response = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    error = assert_error(response, 403, "query_refused")
    assert error["details"]["depth"] > error["details"]["limit"]
    assert client.get("/sparql", params={"query": "ASK { { { ?s ?p ?o } } }"}).json()["boolean"] is True


def state_count(client: TestClient) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/rightsgraph/ontology#State> }"
    return int(client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]["n"]["value"])


def test_moderate_nesting_still_runs(client):
    query = "SELECT * WHERE " + "{" * 50 + " ?s a <https://w3id.org/rightsgraph/ontology#State> " + "}" * 50
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text
    assert len(response.json()["results"]["bindings"]) == state_count(client) > 150


@pytest.mark.parametrize(
    ("query", "status", "code", "rows"),
    [
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 999999999999", 413, "result_too_large", None),
        (STATES + " LIMIT 999999999999", 200, None, "all"),
        (STATES + " OFFSET 999999999999 LIMIT 999999999999", 200, None, 0),
        (STATES + " LIMIT 99999999999999999999999999", 400, "sparql_syntax_error", None),
        ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 999999999999", 413, "result_too_large", None),
    ],
    ids=["all-triples", "states", "offset", "limit-overflows", "cross-product"],
)
def test_huge_limit_is_bounded_by_the_result_limit(client, query, status, code, rows):
    response = client.get("/sparql", params={"query": query})
    if code is None:
        assert response.status_code == status, response.text[:500]
        expected = state_count(client) if rows == "all" else rows
        assert len(response.json()["results"]["bindings"]) == expected
    else:
        error = assert_error(response, status, code)
        if code == "result_too_large":
            assert error["details"]["limit"] == RESULT_LIMIT


# --- SERVICE and LOAD: no connection, ever ----------------------------------------------


@pytest.fixture()
def listener() -> Iterator[socket.socket]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    yield sock
    sock.close()


def _no_connection_received(sock: socket.socket) -> bool:
    try:
        connection, _ = sock.accept()
    except BlockingIOError:
        return True
    connection.close()
    return False


SSRF_QUERIES = [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ sErViCe <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\U00000053\\u0045RVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE#comment\n<{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?x ?y ?z .SERVICE# a comment \n  <{url}>#another\n{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "PREFIX e: <{url}>\nSELECT * WHERE {{ SERVICE e: {{ ?s ?p ?o }} }}",
    # <'> read as an IRI hides the rest of the line in a string; the engine reads less-than
    "SELECT * WHERE {{ BIND(1 AS ?a) BIND(?a<'>x' AS ?b) SERVICE <{url}> {{ ?s ?p ?o }} }} #'",
    "SELECT * WHERE {{ BIND(1 AS ?a) BIND(?a<'''>x''' AS ?b) SERVICE <{url}> {{ ?s ?p ?o }} }} #'''",
]


@pytest.mark.parametrize("template", SSRF_QUERIES, ids=range(len(SSRF_QUERIES)))
@pytest.mark.parametrize("method", ["GET", "POST-form", "POST-query"])
def test_service_is_refused_and_opens_no_connection(client, listener, template, method):
    """Bug (the last two cases): the SERVICE guard read ``<'>`` as an IRI, so a string the
    engine does not see hid ``SERVICE`` and the query connected to the listener."""
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    query = template.format(url=url)
    if method == "GET":
        response = client.get("/sparql", params={"query": query})
    elif method == "POST-form":
        response = client.post("/sparql", data={"query": query})
    else:
        response = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert_error(response, 403, "query_refused")
    assert _no_connection_received(listener)


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <file:///etc/passwd>",
        "load <file:///etc/passwd> INTO GRAPH <http://example.org/g>",
        "LOAD SILENT <{url}>",
        "\\u004COAD <file:///etc/passwd>",
        "LOAD#c\n<{url}>",
        "INSERT {{ GRAPH <http://example.org/g> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ],
)
def test_load_is_refused_even_with_the_token(client, listener, update):
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    before = triple_count(client)
    response = client.post("/sparql", data={"update": update.format(url=url)}, headers=AUTH)
    assert_error(response, 403, "query_refused")
    assert _no_connection_received(listener)
    assert triple_count(client) == before


def test_load_sent_as_a_query_is_refused(client):
    assert_error(client.get("/sparql", params={"query": "LOAD <file:///etc/passwd>"}), 401, "unauthorized")
    assert_error(client.get("/sparql", params={"query": "LOAD <file:///etc/passwd>"}, headers=AUTH),
                 403, "query_refused")


def test_service_as_a_word_in_data_is_still_allowed(client):
    query = ('PREFIX service: <http://example.org/service#>\nSELECT ?load WHERE { '
             'BIND("SERVICE <http://x/>" AS ?load) FILTER(?load != <http://example.org/load/service>) }')
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text


# --- injection through the path and the query string ------------------------------------


STATE_INJECTIONS = {
    "quote-gt-brace": "Ch%22%3E%7D%20ina", "apostrophe": "Chi'na", "newline": "Ch%0Aina", "only-newline": "%0A",
    "sparql": "%22%20%7D%20SELECT%20*%20%7B", "iri-close": "Chin%3E%20.%20%7D%20%3C",
    "cjk": "%E4%B8%AD%E5%9B%BD%E5%9B%BD", "rtl": "%E2%80%AEanihC", "escape": "Ch%5Cu0022ina", "percent": "%25",
    "nul": "%00", "long": "x" * 2000, "backslash": "%5C", "bidi-iso": "%E2%81%A6CHN%E2%81%A9x",
}


@pytest.mark.parametrize("state", STATE_INJECTIONS.values(), ids=STATE_INJECTIONS.keys())
@pytest.mark.parametrize("suffix", ["/obligations", ""])
def test_state_names_are_data_never_code(client, state, suffix):
    response = client.get(f"/states/{state}{suffix}")
    error = assert_error(response, 404, "state_not_found")
    assert isinstance(error["details"]["close_matches"], list)


def test_a_slash_in_the_state_is_no_route(client):
    assert_error(client.get("/states/..%2F..%2Fetc%2Fpasswd/obligations"), 404, "not_found")


def test_punctuation_around_a_name_still_finds_the_state(client):
    response = client.get("/states/China%3E%20.%20%7D/obligations")
    assert response.status_code == 200 and response.json()["state"]["iso3"] == "CHN"


def test_close_matches_survive_the_injection(client):
    error = assert_error(client.get("/states/Ch%22%3E%7D%20ina/obligations"), 404, "state_not_found")
    assert error["details"]["query"] == 'Ch">} ina'
    assert "CHN" in {match["iso3"] for match in error["details"]["close_matches"]}


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"as_of": "2021-13-45"}, "usage_error"),
        ({"as_of": "2021-02-30"}, "usage_error"),
        ({"as_of": "2021-03-30T00:00:00"}, "usage_error"),
        ({"as_of": "2021-03-30\n} SELECT"}, "usage_error"),
        ({"as_of": "99999-01-01"}, "usage_error"),
        ({"format": "xml"}, "usage_error"),
        ({"format": "md\"><script>"}, "usage_error"),
    ],
)
def test_bad_query_parameters_are_400(client, params, code):
    assert_error(client.get("/states/CHN/obligations", params=params), 400, code)


# --- writes without the right token -------------------------------------------------------

INSERT = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> 1 } }"
DROP = "DROP ALL"


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "unauthorized"),
        ({"Authorization": "Bearer wrong"}, 403, "forbidden"),
        ({"Authorization": f"Basic {TOKEN}"}, 403, "forbidden"),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403, "forbidden"),
        ({"Authorization": "Bearer"}, 403, "forbidden"),
        ({"Authorization": f"Bearer {TOKEN[:-1]}"}, 403, "forbidden"),
    ],
    ids=["none", "wrong", "basic", "longer", "empty", "prefix"],
)
@pytest.mark.parametrize(
    "request_kind", ["update-form", "update-body", "update-as-query", "drop", "document"],
)
def test_writes_without_the_token_change_nothing(client, seed_paths, headers, status, code, request_kind):
    before = triple_count(client)
    if request_kind == "update-form":
        response = client.post("/sparql", data={"update": INSERT}, headers=headers)
    elif request_kind == "update-body":
        response = client.post("/sparql", content=INSERT,
                               headers={**headers, "Content-Type": "application/sparql-update"})
    elif request_kind == "update-as-query":
        response = client.get("/sparql", params={"query": INSERT}, headers=headers)
    elif request_kind == "drop":
        response = client.post("/sparql", data={"update": DROP}, headers=headers)
    else:
        path = seed_paths[0]
        response = client.post("/documents", files={"file": ("new-" + path.name, path.read_bytes() + b"\nx")},
                               headers=headers)
    assert_error(response, status, code)
    assert triple_count(client) == before


def test_with_writes_disabled_every_write_is_forbidden(store):
    with TestClient(create_app(store, Settings(max_body=MAX_BODY)), raise_server_exceptions=False) as plain:
        before = triple_count(plain)
        assert_error(plain.post("/sparql", data={"update": DROP}, headers=AUTH), 403, "forbidden")
        assert_error(plain.post("/documents", params={"filename": "x.txt"}, content=b"text", headers=AUTH),
                     403, "forbidden")
        assert triple_count(plain) == before


def test_bug_query_text_over_the_limit_is_refused_before_scanning() -> None:
    """The keyword scan costs ~2 s per MB of query text: huge query text is refused first,
    even when the request body limit would let it through."""
    from rightsgraph.graph.store import MAX_QUERY_CHARS

    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * MAX_QUERY_CHARS
    with open_store(":memory:") as store, TestClient(create_app(store, Settings(max_body=10 * MAX_QUERY_CHARS))) as big:
        response = big.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "query_too_large"
