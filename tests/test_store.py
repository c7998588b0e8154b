"""One behaviour suite for every store backend.

Backends: "memory" and "disk" (embedded Oxigraph), "loopback" (RemoteStore talking to a
SPARQL 1.1 Protocol + Graph Store endpoint served from this process on 127.0.0.1), and
"remote" (RemoteStore on RIGHTSGRAPH_TEST_SPARQL_URL, with RIGHTSGRAPH_TEST_SPARQL_UPDATE_URL
and RIGHTSGRAPH_TEST_GSP_URL; it must be a scratch dataset whose default graph is the union of
its graphs: the tests DROP ALL in it).
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import threading
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from rightsgraph.errors import (
    DocumentError,
    QueryTimeoutError,
    QueryRefusedError,
    QuerySyntaxError,
    StoreError,
    UsageError,
)
from rightsgraph.graph.store import STORE_ENV, Store, default_store_path, open_store, spool_lines
from rightsgraph.graph.store_oxigraph import OxigraphStore
from rightsgraph.graph.store_remote import RemoteStore

EX = Namespace("http://example.org/")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
G_LETTER = "http://example.org/graph/al-chn-3-2021"
G_STATUS = "http://example.org/graph/crc-status"
G_OTHER = "http://example.org/graph/other"
TRICKY = 'He said "stop" > now\nsecond line } ; DROP ALL #'

PREFIXES = """
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
LETTER_TTL = (
    PREFIXES
    + """
ex:AL-CHN-3-2021 a ex:Communication ;
    ex:date "2021-03-30"^^xsd:date ;
    ex:title "Allegation letter"@en, "Lettre d'allégation"@fr ;
    ex:cites [ ex:instrument ex:CRC ; ex:article "34" ] .
ex:tricky ex:label "He said \\"stop\\" > now\\nsecond line } ; DROP ALL #" .
"""
)
STATUS_TTL = (
    PREFIXES
    + """
ex:CHN ex:ratified [ ex:instrument ex:CRC ; ex:date "1992-03-02"^^xsd:date ] .
ex:CRC ex:title "Convention on the Rights of the Child"@en ; ex:articles 54 .
"""
)
Q_PREFIX = "PREFIX ex: <http://example.org/>\n"


def turtle(text: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=text, format="turtle")


# --- the loopback SPARQL endpoint ----------------------------------------------------


class _Endpoint(BaseHTTPRequestHandler):
    """/query (SPARQL Protocol), /update, /store (Graph Store Protocol) over one Oxigraph."""

    server: _EndpointServer

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass

    def _reply(self, status: int, body: bytes = b"", media_type: str = "text/plain") -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length", 0)))

    def _graph(self) -> ox.NamedNode:
        return ox.NamedNode(parse_qs(urlsplit(self.path).query)["graph"][0])

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        if path == "/query":
            self._query(parse_qs(self._body().decode())["query"][0])
        elif path == "/update":
            try:
                self.server.store.update(self._body().decode())
            except SyntaxError as error:
                self._reply(400, str(error).encode())
                return
            self._reply(204)
        else:
            self._reply(404)

    def _query(self, sparql: str) -> None:
        try:
            results = self.server.store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as error:
            self._reply(400, str(error).encode())
            return
        accept = self.headers.get("Accept", "")
        if isinstance(results, ox.QueryTriples):
            fmt = ox.RdfFormat.from_media_type(accept)
        else:
            fmt = ox.QueryResultsFormat.from_media_type(accept)
        if fmt is None:
            self._reply(406)
            return
        self._reply(200, results.serialize(format=fmt), fmt.media_type)

    def do_PUT(self) -> None:
        if not self.server.gsp_put:
            self._reply(405)
            return
        graph, body = self._graph(), self._body()
        media_type = self.headers.get("Content-Type", "text/turtle")
        self.server.store.remove_graph(graph)
        self.server.store.load(body, ox.RdfFormat.from_media_type(media_type), to_graph=graph)
        self._reply(204)

    def do_DELETE(self) -> None:
        graph = self._graph()
        if not self.server.store.contains_named_graph(graph):
            self._reply(404)
            return
        self.server.store.remove_graph(graph)
        self._reply(204)


class _EndpointServer(ThreadingHTTPServer):
    def __init__(self, gsp_put: bool = True) -> None:
        super().__init__(("127.0.0.1", 0), _Endpoint)
        self.store = ox.Store()
        self.gsp_put = gsp_put

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def endpoint() -> Iterator[_EndpointServer]:
    server = _EndpointServer()
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def loopback_store(server: _EndpointServer, *, gsp: bool = True) -> RemoteStore:
    return RemoteStore(
        f"{server.base}/query",
        update_url=f"{server.base}/update",
        gsp_url=f"{server.base}/store" if gsp else None,
        timeout=10.0,
    )


# --- the backend fixture -------------------------------------------------------------

REMOTE_URL = os.environ.get("RIGHTSGRAPH_TEST_SPARQL_URL")
# The engine behind REMOTE_URL, for its known defects (scripts/virtuoso.sh sets "virtuoso").
REMOTE_ENGINE = os.environ.get("RIGHTSGRAPH_TEST_SPARQL_ENGINE", "")


@pytest.fixture(
    params=[
        "memory",
        "disk",
        "loopback",
        pytest.param(
            "remote",
            marks=[
                pytest.mark.remote,
                pytest.mark.skipif(
                    not REMOTE_URL,
                    reason="set RIGHTSGRAPH_TEST_SPARQL_URL to test a remote endpoint",
                ),
            ],
        ),
    ]
)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "memory":
        backend: Store = open_store(":memory:")
    elif request.param == "disk":
        backend = open_store(tmp_path / "store")
    elif request.param == "loopback":
        backend = loopback_store(request.getfixturevalue("endpoint"))
    else:
        backend = RemoteStore(
            REMOTE_URL or "",
            update_url=os.environ.get("RIGHTSGRAPH_TEST_SPARQL_UPDATE_URL"),
            gsp_url=os.environ.get("RIGHTSGRAPH_TEST_GSP_URL"),
        )
        _empty(backend)
    with backend:
        yield backend
        if request.param == "remote":
            _empty(backend)


def _empty(backend: Store) -> None:
    """DROP ALL, then drop what is left one graph at a time (Virtuoso 7.2 ignores DROP ALL)."""
    backend.update("DROP ALL")
    for graph in backend.graphs():
        backend.drop_graph(graph)


@pytest.fixture
def loaded(store: Store) -> Store:
    store.replace_graph(G_LETTER, turtle(LETTER_TTL))
    store.replace_graph(G_STATUS, turtle(STATUS_TTL))
    return store


# --- writing graphs ------------------------------------------------------------------


def test_replace_graph_twice_gives_the_same_content(store: Store) -> None:
    letter = turtle(LETTER_TTL)
    store.replace_graph(G_LETTER, letter)
    store.replace_graph(G_LETTER, letter)
    assert store.count(G_LETTER) == len(letter) == store.count()
    assert isomorphic(store.graph_triples(G_LETTER), letter)


def test_replace_graph_swaps_content_of_that_graph_only(loaded: Store) -> None:
    new = turtle(PREFIXES + 'ex:AL-CHN-3-2021 ex:date "2021-04-01"^^xsd:date .')
    loaded.replace_graph(G_LETTER, new)
    assert isomorphic(loaded.graph_triples(G_LETTER), new)
    assert isomorphic(loaded.graph_triples(G_STATUS), turtle(STATUS_TTL))


def test_replace_graph_accepts_plain_triples(store: Store) -> None:
    store.replace_graph(G_LETTER, [(EX.a, EX.p, Literal("x")), (EX.a, EX.p, EX.b)])
    assert store.count(G_LETTER) == 2


def test_replace_graph_with_nothing_drops_it(loaded: Store) -> None:
    loaded.replace_graph(G_LETTER, [])
    assert not loaded.has_graph(G_LETTER)
    assert loaded.graphs() == [G_STATUS]


def test_failed_replace_keeps_the_old_graph(loaded: Store) -> None:
    bad = [(EX.a, EX.p, Literal("x")), (Literal("not a subject"), EX.p, EX.b)]
    with pytest.raises(UsageError):
        loaded.replace_graph(G_LETTER, bad)
    assert isomorphic(loaded.graph_triples(G_LETTER), turtle(LETTER_TTL))


def test_replace_graph_ntriples_new_and_existing_graphs(loaded: Store) -> None:
    text = turtle(LETTER_TTL).serialize(format="nt")
    loaded.replace_graph_ntriples(G_OTHER, text)
    assert isomorphic(loaded.graph_triples(G_OTHER), turtle(LETTER_TTL))
    loaded.replace_graph_ntriples(G_LETTER, '<http://example.org/a> <http://example.org/p> "new" .\n')
    assert loaded.count(G_LETTER) == 1
    assert isomorphic(loaded.graph_triples(G_STATUS), turtle(STATUS_TTL))


def test_change_token_moves_with_writes_not_reads(loaded: Store) -> None:
    """Caches built from the store (search index, network) are keyed by it: regression for a
    key that listed every graph and cost ~1 s per /search at 10k letters."""
    before = loaded.change_token()
    loaded.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert loaded.change_token() == before
    loaded.replace_graph(G_OTHER, turtle(LETTER_TTL))
    after_write = loaded.change_token()
    assert after_write != before
    loaded.drop_graph(G_OTHER)
    assert loaded.change_token() != after_write


def _marker(graph: str) -> str:
    return f"<{graph}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Complete> ."


def test_bulk_add_nquads_writes_each_graph_with_its_marker(loaded: Store) -> None:
    letter = turtle(LETTER_TTL).serialize(format="nt")
    status = turtle(STATUS_TTL).serialize(format="nt")
    spool = io.BytesIO((spool_lines(G_OTHER, letter, _marker(G_OTHER))
                        + spool_lines(G_LETTER, status, _marker(G_LETTER))).encode())
    loaded.bulk_add_nquads(spool, markers={G_OTHER: _marker(G_OTHER), G_LETTER: _marker(G_LETTER)})
    expected = turtle(LETTER_TTL)
    expected.add((URIRef(G_OTHER), rdflib.RDF.type, URIRef("http://example.org/Complete")))
    assert isomorphic(loaded.graph_triples(G_OTHER), expected)
    assert loaded.ask(f"ASK {{ GRAPH <{G_LETTER}> {{ <{G_LETTER}> a <http://example.org/Complete> }} }}")
    assert isomorphic(loaded.graph_triples(G_STATUS), turtle(STATUS_TTL))


def test_a_failing_bulk_add_nquads_drops_the_graphs_it_was_writing(loaded: Store) -> None:
    good = spool_lines(G_OTHER, turtle(LETTER_TTL).serialize(format="nt"), _marker(G_OTHER))
    broken = spool_lines("http://example.org/graph/broken",
                         '<http://example.org/a> <http://example.org/p> "unterminated .\n',
                         _marker("http://example.org/graph/broken"))
    before = loaded.count()
    markers = {G_OTHER: _marker(G_OTHER), "http://example.org/graph/broken": _marker("http://example.org/graph/broken")}
    with pytest.raises(UsageError):
        loaded.bulk_add_nquads(io.BytesIO((good + broken).encode()), markers=markers)
    assert not loaded.has_graph(G_OTHER) and not loaded.has_graph("http://example.org/graph/broken")
    assert loaded.count() == before


@pytest.mark.parametrize("text", [
    '<http://example.org/a> <http://example.org/p> "x" .\n"literal" <http://example.org/p> <http://example.org/b> .\n',
    '<http://example.org/a> <http://example.org/p> "unterminated .\n',
    '<http://example.org/a b> <http://example.org/p> "x" .\n',
])
def test_replace_graph_ntriples_refuses_bad_text_and_writes_nothing(loaded: Store, text: str) -> None:
    before = loaded.count()
    for graph in (G_OTHER, G_LETTER):  # a new graph, and one whose old content must stay
        with pytest.raises(UsageError):
            loaded.replace_graph_ntriples(graph, text)
    assert not loaded.has_graph(G_OTHER)
    assert isomorphic(loaded.graph_triples(G_LETTER), turtle(LETTER_TTL))
    assert loaded.count() == before


@pytest.mark.parametrize("graph", ["not an iri", "http://example.org/a b", "http://x/>"])
def test_invalid_graph_iri_is_a_usage_error(store: Store, graph: str) -> None:
    with pytest.raises(UsageError):
        store.replace_graph(graph, [(EX.a, EX.p, EX.b)])


def test_drop_graph(loaded: Store) -> None:
    loaded.drop_graph(G_LETTER)
    loaded.drop_graph("http://example.org/graph/never-there")
    assert not loaded.has_graph(G_LETTER)
    assert loaded.count(G_LETTER) == 0
    assert len(loaded.graph_triples(G_LETTER)) == 0
    assert loaded.count() == loaded.count(G_STATUS) == len(turtle(STATUS_TTL))


def test_graphs_lists_the_named_graphs(store: Store) -> None:
    assert store.graphs() == []
    store.replace_graph(G_STATUS, turtle(STATUS_TTL))
    store.replace_graph(G_LETTER, turtle(LETTER_TTL))
    assert store.graphs() == sorted([G_LETTER, G_STATUS])
    assert store.has_graph(G_LETTER) and not store.has_graph(EX.other)


def test_update_writes(store: Store) -> None:
    store.update(f'INSERT DATA {{ GRAPH <{G_LETTER}> {{ <{EX.a}> <{EX.p}> "SERVICE" }} }}')
    assert store.count(G_LETTER) == 1


# --- reading -------------------------------------------------------------------------


def test_default_graph_is_the_union_of_all_graphs(loaded: Store) -> None:
    rows = loaded.select(Q_PREFIX + "SELECT ?d WHERE { ?x ex:date ?d } ORDER BY ?d")
    assert [row["d"] for row in rows] == [
        Literal("1992-03-02", datatype=XSD_DATE),
        Literal("2021-03-30", datatype=XSD_DATE),
    ]


DATED_TTL = PREFIXES + """
ex:crc-chn ex:date "1992-03-02"^^xsd:date .
ex:crc-gbr ex:date "1991-12-16"^^xsd:date .
ex:opsc-chn ex:date "2002-12-03"^^xsd:date .
ex:opsc-gbr ex:date "2009-02-20"^^xsd:date .
ex:palermo-chn ex:date "2010-02-08"^^xsd:date .
ex:letter ex:date "2021-03-30"^^xsd:date .
ex:icerd-usa ex:date "1994"^^xsd:gYear .
ex:untyped ex:date "1992-03-02" .
"""
# Virtuoso 7.2.5 (Debian) compares literals of other types (an xsd:gYear, a plain string) with
# xsd:date values instead of failing the comparison, so date ranges return them: "1994"^^xsd:gYear
# falls between 1992-01-01 and 2009-02-20, and a string is above every date. The cases it gets
# wrong are marked; strict, so a fixed Virtuoso shows up as XPASS.
VIRTUOSO_DATE_DEFECT = (
    "Virtuoso 7.2.5 returns non-xsd:date literals (xsd:gYear, plain strings) for xsd:date range filters"
)


@pytest.mark.parametrize(
    ("condition", "expected", "virtuoso_defect"),
    [
        ('?d >= "1992-01-01"^^xsd:date && ?d < "2009-02-20"^^xsd:date', {"crc-chn", "opsc-chn"}, True),
        ('?d > "1991-12-16"^^xsd:date && ?d <= "2010-02-08"^^xsd:date', {"crc-chn", "opsc-chn", "opsc-gbr", "palermo-chn"}, True),
        ('?d < "1992-03-02"^^xsd:date', {"crc-gbr"}, False),
        ('?d = "1992-03-02"^^xsd:date', {"crc-chn"}, False),
        ('?d >= "2021-03-30"^^xsd:date', {"letter"}, True),
        ('?d > "2000-01-01"^^xsd:date', {"opsc-chn", "opsc-gbr", "palermo-chn", "letter"}, True),
    ],
)
def test_date_range_filter_returns_exactly_the_rows_in_range(
    store: Store, request: pytest.FixtureRequest, condition: str, expected: set[str], virtuoso_defect: bool
) -> None:
    """Entry-into-force and "in force on D" questions rest on xsd:date comparisons; values
    of other types (a year-only date, an untyped string) are never in a date range."""
    if virtuoso_defect and request.node.callspec.params["store"] == "remote" and REMOTE_ENGINE == "virtuoso":
        request.applymarker(pytest.mark.xfail(strict=True, reason=VIRTUOSO_DATE_DEFECT))
    store.replace_graph(G_STATUS, turtle(DATED_TTL))
    rows = store.select(
        Q_PREFIX + "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
        f"SELECT ?x WHERE {{ ?x ex:date ?d FILTER({condition}) }}"
    )
    assert sorted(str(row["x"]).removeprefix(str(EX)) for row in rows) == sorted(expected)


def test_graph_clause_reads_one_graph(loaded: Store) -> None:
    rows = loaded.select(Q_PREFIX + "SELECT ?g ?d WHERE { GRAPH ?g { ?x ex:date ?d } }")
    assert {(str(row["g"]), str(row["d"])) for row in rows} == {
        (G_LETTER, "2021-03-30"),
        (G_STATUS, "1992-03-02"),
    }
    assert loaded.ask(Q_PREFIX + f"ASK {{ GRAPH <{G_STATUS}> {{ ex:CRC ex:title ?t }} }}")
    assert not loaded.ask(Q_PREFIX + f"ASK {{ GRAPH <{G_LETTER}> {{ ex:CRC ex:title ?t }} }}")


def test_select_keeps_datatypes_languages_and_leaves_out_unbound(loaded: Store) -> None:
    rows = loaded.select(
        Q_PREFIX + "SELECT ?t ?n WHERE { ex:AL-CHN-3-2021 ex:title ?t OPTIONAL { ?t ex:none ?n } }"
    )
    assert {row["t"] for row in rows} == {
        Literal("Allegation letter", lang="en"),
        Literal("Lettre d'allégation", lang="fr"),
    }
    assert all("n" not in row for row in rows)
    (count,) = loaded.select(Q_PREFIX + "SELECT ?n WHERE { ex:CRC ex:articles ?n }")
    assert count["n"] == Literal(54) and count["n"].datatype == XSD_INTEGER


def test_construct_returns_a_graph(loaded: Store) -> None:
    graph = loaded.construct(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G_STATUS}> {{ ?s ?p ?o }} }}"
    )
    assert isomorphic(graph, turtle(STATUS_TTL))


@pytest.mark.parametrize(
    ("sparql", "bindings", "expected"),
    [
        ("SELECT ?s ?label WHERE { ?s ex:label ?label }", {"label": Literal(TRICKY)}, {EX.tricky}),
        ("SELECT * WHERE { ?s ex:label ?label }", {"label": Literal('" } ; DROP ALL ; #')}, set()),
        (
            "SELECT ?s ?label WHERE { ?s ex:label ?label }",
            {"label": Literal(TRICKY, lang="en")},
            set(),
        ),
        (
            "SELECT ?t ?s WHERE { ?s ex:title ?t }",
            {"s": EX.CRC},
            {Literal("Convention on the Rights of the Child", lang="en")},
        ),
        (
            "SELECT ?s ?d WHERE { ?s ex:date ?d }",
            {"d": Literal("2021-03-30", datatype=XSD_DATE)},
            {EX["AL-CHN-3-2021"]},
        ),
        ("SELECT ?s ?d WHERE { ?s ex:date ?d }", {"d": Literal("2021-03-30")}, set()),
    ],
)
def test_select_bindings_are_values_not_sparql(
    loaded: Store,
    sparql: str,
    bindings: dict[str, rdflib.term.Node],
    expected: set[rdflib.term.Node],
) -> None:
    before = loaded.count()
    rows = loaded.select(Q_PREFIX + sparql, bindings)
    assert {next(iter(row.values())) for row in rows} == expected
    assert loaded.count() == before


@pytest.mark.parametrize(
    "bindings",
    [
        {"s": URIRef("http://x/> } ; DROP ALL ; <http://y/")},
        {"s": rdflib.BNode()},
        {"s; DROP ALL": EX.a},
    ],
)
def test_bindings_that_are_no_safe_value_are_refused(loaded: Store, bindings: dict) -> None:
    with pytest.raises(UsageError):
        loaded.select("SELECT ?s WHERE { ?s ?p ?o }", bindings)
    assert loaded.has_graph(G_LETTER)


def _json_rows(data: bytes) -> int:
    return len(json.loads(data)["results"]["bindings"])


def _xml_rows(data: bytes) -> int:
    return len(
        ElementTree.fromstring(data).findall(".//{http://www.w3.org/2005/sparql-results#}result")
    )


def _csv_rows(data: bytes) -> int:
    header, *rows = csv.reader(io.StringIO(data.decode()))
    assert header == ["d"]
    return len(rows)


def _tsv_rows(data: bytes) -> int:
    header, *rows = data.decode().splitlines()
    assert header == "?d"
    return len(rows)


DATES = "SELECT ?d WHERE { ?x ex:date ?d }"


@pytest.mark.parametrize(
    ("fmt", "count_rows"),
    [("json", _json_rows), ("xml", _xml_rows), ("csv", _csv_rows), ("tsv", _tsv_rows)],
)
def test_select_result_formats_parse(loaded: Store, fmt: str, count_rows) -> None:
    assert count_rows(loaded.query(Q_PREFIX + DATES, result_format=fmt)) == 2


def test_ask_result_formats_parse(loaded: Store) -> None:
    assert json.loads(loaded.query("ASK { ?s ?p ?o }"))["boolean"] is True
    answer = ElementTree.fromstring(loaded.query("ASK { ?s ?p ?o }", result_format="xml"))
    assert answer.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"),
    [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml")],
)
def test_construct_result_formats_parse(loaded: Store, fmt: str, rdflib_format: str) -> None:
    sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G_STATUS}> {{ ?s ?p ?o }} }}"
    data = loaded.query(sparql, result_format=fmt)
    # The whole body in the message: this failed once on Virtuoso's JSON-LD in a CI run and
    # passed in every rerun; pytest's own report cut the body short.
    assert isomorphic(rdflib.Graph().parse(data=data, format=rdflib_format), turtle(STATUS_TTL)), data.decode()


@pytest.mark.parametrize(
    ("sparql", "fmt"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "turtle"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "csv"),
        ("ASK {}", "yaml"),
    ],
)
def test_result_format_must_fit_the_query(store: Store, sparql: str, fmt: str) -> None:
    with pytest.raises(UsageError):
        store.query(sparql, result_format=fmt)


# --- errors and refusals -------------------------------------------------------------


def test_syntax_error_reports_line_and_column(store: Store) -> None:
    sparql = Q_PREFIX + "SELECT ?s WHERE {\n  ?s nope:date ?d .\n}"
    with pytest.raises(QuerySyntaxError) as caught:
        store.query(sparql)
    assert caught.value.line == 3
    assert caught.value.column is not None and 1 <= caught.value.column <= 20
    assert caught.value.details == {"line": 3, "column": caught.value.column}


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local port that records whether anything connected to it."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.setblocking(False)
        yield server


def _nobody_connected(listener: socket.socket) -> bool:
    try:
        connection, _ = listener.accept()
    except BlockingIOError:
        return True
    connection.close()
    return False


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "select * where {{ ?s ?p ?o . service silent <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o.SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        "# a comment\nASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        "LOAD <{url}>",
        "INSERT DATA {{ <http://example.org/a> <http://example.org/p> 1 }}",
    ],
)
def test_service_load_and_updates_are_refused_without_any_connection(
    loaded: Store, listener: socket.socket, template: str
) -> None:
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    with pytest.raises(QueryRefusedError):
        loaded.query(template.format(url=url))
    assert _nobody_connected(listener)
    assert loaded.count() == len(turtle(LETTER_TTL)) + len(turtle(STATUS_TTL))


@pytest.mark.parametrize(
    "sparql",
    [
        "LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <http://example.org/g>",
        "INSERT { GRAPH <http://example.org/g> { ?s ?p ?o } }\n"
        "WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    ],
)
def test_updates_cannot_reach_out_either(store: Store, sparql: str) -> None:
    with pytest.raises(QueryRefusedError):
        store.update(sparql)


@pytest.mark.parametrize(
    "sparql",
    [
        'SELECT ?s WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }" }',
        "SELECT ?s WHERE { ?s ?p '''LOAD <http://127.0.0.1:9/>''' }",
        "PREFIX service: <http://example.org/service#>\nSELECT ?service WHERE { ?service service:load ?o }",
        "# SERVICE <http://127.0.0.1:9/> { }\nSELECT ?s WHERE { ?s <http://example.org/SERVICE> ?o }",
    ],
)
def test_service_as_a_word_in_data_is_not_refused(loaded: Store, sparql: str) -> None:
    assert loaded.select(sparql) == []


# --- export and import ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_export_then_import_into_an_empty_store_is_isomorphic(loaded: Store, fmt: str) -> None:
    before = {graph: loaded.graph_triples(graph) for graph in loaded.graphs()}
    data = loaded.export(fmt)
    for graph in before:
        loaded.drop_graph(graph)
    assert loaded.count() == 0
    loaded.import_dataset(data, fmt)
    loaded.import_dataset(data, fmt)  # importing again replaces the same graphs
    assert loaded.graphs() == sorted(before)
    for graph, triples in before.items():
        assert isomorphic(loaded.graph_triples(graph), triples), graph


def test_turtle_export_is_the_merge_of_all_graphs(loaded: Store) -> None:
    merged = turtle(LETTER_TTL) + turtle(STATUS_TTL)
    assert isomorphic(rdflib.Graph().parse(data=loaded.export("turtle"), format="turtle"), merged)


def test_unknown_export_format_and_bad_import_data(loaded: Store) -> None:
    with pytest.raises(UsageError):
        loaded.export("csv")
    with pytest.raises(DocumentError):
        loaded.import_dataset(b"<http://example.org/a> <http://example.org/p> .", "nquads")
    assert loaded.has_graph(G_LETTER)


# --- the embedded store on disk ------------------------------------------------------


def test_disk_store_persists_across_close_and_reopen(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as first:
        first.replace_graph(G_LETTER, turtle(LETTER_TTL))
    with open_store(str(tmp_path / "store")) as second:
        assert isomorphic(second.graph_triples(G_LETTER), turtle(LETTER_TTL))


def test_a_second_handle_on_a_locked_store_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with open_store(path), pytest.raises(StoreError) as caught:
        open_store(path)
    assert caught.value.details["path"] == str(path)


def test_another_process_on_a_locked_store_gets_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "store"
    script = (
        "import sys\n"
        "from rightsgraph.errors import StoreError\n"
        "from rightsgraph.graph.store import open_store\n"
        "try:\n    open_store(sys.argv[1])\n"
        "except StoreError as error:\n    print(error.code, error.details['path'])\n"
    )
    with open_store(path):
        result = subprocess.run(
            [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60
        )
    assert result.stdout.split() == ["store_unavailable", str(path)], result.stderr


def test_a_file_where_the_store_should_be_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "store").write_text("not a database")
    with pytest.raises(StoreError):
        open_store(tmp_path / "store")


# --- choosing a backend --------------------------------------------------------------


def test_store_location_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "from-env"))
    with open_store() as store:
        assert isinstance(store, OxigraphStore) and store.path == tmp_path / "from-env"


def test_default_store_is_in_the_user_data_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(STORE_ENV, raising=False)
    assert default_store_path().parts[-2:] == ("rightsgraph", "store")


def test_remote_location_carries_the_write_urls() -> None:
    with open_store("https://sparql.example.org/ds/query#update=update&gsp=data") as store:
        assert isinstance(store, RemoteStore)
        assert (store.query_url, store.update_url, store.gsp_url) == (
            "https://sparql.example.org/ds/query",
            "https://sparql.example.org/ds/update",
            "https://sparql.example.org/ds/data",
        )


# --- the remote client's own paths ---------------------------------------------------


def test_remote_without_graph_store_replaces_with_one_update(endpoint: _EndpointServer) -> None:
    endpoint.gsp_put = False
    for store in (loopback_store(endpoint, gsp=False), loopback_store(endpoint)):
        with store:
            store.replace_graph(G_LETTER, turtle(LETTER_TTL))
            store.replace_graph(G_LETTER, turtle(LETTER_TTL))
            assert store.count(G_LETTER) == len(turtle(LETTER_TTL))
            store.drop_graph(G_LETTER)
            assert store.graphs() == []


def test_remote_without_update_url_is_read_only(endpoint: _EndpointServer) -> None:
    with RemoteStore(f"{endpoint.base}/query") as store, pytest.raises(StoreError):
        store.replace_graph(G_LETTER, turtle(LETTER_TTL))


@pytest.mark.parametrize("status", [401, 500, 503])
def test_remote_http_errors_are_store_errors_with_status_and_body(status: int) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, text="endpoint is down"))
    with (
        RemoteStore("http://sparql.invalid/query", transport=transport) as store,
        pytest.raises(StoreError) as caught,
    ):
        store.select("SELECT * WHERE { ?s ?p ?o }")
    assert caught.value.details["status"] == status
    assert "endpoint is down" in caught.value.details["body"]


def test_remote_partial_answer_at_the_engines_time_limit_is_a_timeout() -> None:
    """Virtuoso's "anytime" answer: status 200, some rows, and X-SQL-State S1TAT."""
    body = {"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "http://x/1"}}]}}
    transport = httpx.MockTransport(lambda request: httpx.Response(
        200, json=body, headers={"Content-Type": "application/sparql-results+json", "X-SQL-State": "S1TAT",
                                 "X-SQL-Message": "RC...: Returning incomplete results, query interrupted"}))
    with RemoteStore("http://sparql.invalid/query", transport=transport) as store, pytest.raises(QueryTimeoutError):
        store.select("SELECT * WHERE { ?s ?p ?o }")


def test_remote_unreachable_is_a_store_error(listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    listener.close()  # nothing listens there any more
    with RemoteStore(f"http://127.0.0.1:{port}/query") as store, pytest.raises(StoreError):
        store.ask("ASK {}")

