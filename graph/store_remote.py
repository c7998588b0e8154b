"""A remote store: any SPARQL 1.1 endpoint, over the SPARQL 1.1 Protocol and, when given,
the Graph Store HTTP Protocol.

* Queries go to ``query_url`` as URL-encoded POSTs with an ``Accept`` header for the wanted
  result format; the body comes back as the server wrote it.
* :meth:`RemoteStore.replace_graph` PUTs the graph to ``gsp_url?graph=...`` (atomic on
  conforming servers); without ``gsp_url``, or when the server does not support PUT, it sends
  ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }`` as one update request.
* Without ``update_url`` (and ``gsp_url``) the store is read-only: writes raise
  :class:`~rightsgraph.errors.StoreError`.
* ``select`` bindings become a ``VALUES`` block opening the query's ``WHERE`` group, as on the
  embedded store (the same answers, and engines join it first). A trailing ``VALUES`` made
  Virtuoso 7.2 answer 500 ("No column work") when the bound variable was not projected,
  and evaluate the whole group before the join otherwise (the company page: 2.1 s instead of
  0.03 s on the seeds). A query without ``WHERE {`` gets a trailing ``VALUES`` clause.
* SELECT and ASK results are fetched as JSON and re-serialised by Oxigraph in the wanted
  format, so every server's answers come back in the standard forms. Virtuoso 7.2 needs
  this: it answers ASK as a one-column SELECT (``__ASK_RETVAL``), writes TSV headers as
  ``"d"`` instead of ``?d`` and names blank nodes ``nodeID://b1``, which are no valid
  blank node labels; its syntax errors give a line and the offending token, from which the
  column is found in the query text; it also refuses blank nodes in ``INSERT DATA``, so
  writes holding blank nodes use the equivalent ``INSERT { ... } WHERE {}``.
* The server decides what the default graph is; run it with the union of its graphs as the
  default graph (Oxigraph ``--union-default-graph``, Fuseki ``tdb2:unionDefaultGraph``) to
  match the embedded store. Exports cover the named graphs.

HTTP failures raise :class:`StoreError` with the status and an excerpt of the body; a
``400`` answer to a query or update raises :class:`QuerySyntaxError` with the position the
server reported; a timeout raises :class:`QueryTimeoutError`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import httpx
import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Node, URIRef

from rightsgraph.errors import (
    QuerySyntaxError,
    QueryTimeoutError,
    StoreError,
    UsageError,
)
from rightsgraph.graph.store import (
    DATASET_FORMATS,
    EXPORT_PREFIXES,
    RESULT_MEDIA_TYPES,
    Store,
    Triple,
    check_read_query,
    check_result_format,
    check_variable_name,
    iri,
    refuse_remote_access,
    syntax_error,
)
from rightsgraph.graph.sparql_text import tokens
from rightsgraph.graph.store_evaluate import QueryDataset
from rightsgraph.graph.store_oxigraph import (
    ntriples_lines,
    parse_dataset,
    rdflib_graph,
    replace_graphs_update,
    solution_rows,
    to_oxigraph,
    to_oxigraph_triples,
    with_leading_values,
)

# Answers meaning "this server does not do that", after which replace/drop fall back to updates.
_UNSUPPORTED = {405, 415, 501}
_VIRTUOSO_PARTIAL = "S1TAT"  # "anytime query" cut short
_EXCERPT = 500
_SOLUTION_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
_VIRTUOSO_ASK = "__ASK_RETVAL"
_VIRTUOSO_TOKEN = re.compile(r"\bat '(?P<token>[^'\n]{1,80})'")
_NOT_BNODE_LABEL = re.compile(r"[^A-Za-z0-9_]")
_WHERE_GROUP = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint at ``query_url``.

    ``auth`` is anything httpx accepts (``("user", "password")`` or an ``httpx.Auth``);
    ``timeout`` is in seconds (or an ``httpx.Timeout``). ``transport`` is for tests.
    No request is sent until a method needs one.
    """

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        gsp_url: str | None = None,
        auth: Any = None,
        *,
        timeout: float | httpx.Timeout = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url
        self.gsp_url = gsp_url
        self._client = httpx.Client(auth=auth, timeout=timeout, transport=transport)

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r}, update_url={self.update_url!r}, gsp_url={self.gsp_url!r})"

    # --- HTTP ------------------------------------------------------------------------

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._client.request(method, url, **kwargs)
        except httpx.TimeoutException as error:
            raise QueryTimeoutError(
                f"{url} did not answer in time", details={"url": url}
            ) from error
        except httpx.TransportError as error:
            raise StoreError(f"cannot reach {url}: {error}", details={"url": url}) from error

    @staticmethod
    def _check(response: httpx.Response, *, sparql: bool) -> httpx.Response:
        """Raise for a non-2xx answer; a 400 to SPARQL text is the server's syntax error.

        Virtuoso answers a query that reached its own time limit with 200 and the rows found
        so far, flagged only by an ``X-SQL-State: S1TAT`` header: a partial answer must not
        pass for a whole one, so that is a timeout too.
        """
        if response.is_success:
            if response.headers.get("x-sql-state", "").upper() == _VIRTUOSO_PARTIAL:
                raise QueryTimeoutError(
                    "the remote engine stopped at its own time limit and sent partial results",
                    details={"url": str(response.request.url), "engine_message": response.headers.get("x-sql-message", "")},
                )
            return response
        body = response.text[:_EXCERPT]
        if sparql and response.status_code == 400:
            raise syntax_error(body)
        raise StoreError(
            f"{response.request.method} {response.request.url} answered {response.status_code}: {body}",
            details={
                "url": str(response.request.url),
                "status": response.status_code,
                "body": body,
            },
        )

    def _post_query(self, sparql: str, accept: str, dataset: QueryDataset | None = None) -> bytes:
        form: dict[str, str | list[str]] = {"query": sparql}
        if dataset is not None:  # the SPARQL Protocol's own parameters (§2.1.4)
            form["default-graph-uri"] = list(dataset.default_graphs)
            form["named-graph-uri"] = list(dataset.named_graphs)
        response = self._send("POST", self.query_url, data=form, headers={"Accept": accept})
        try:
            return self._check(response, sparql=True).content
        except QuerySyntaxError as error:
            raise with_column(error, sparql) from None

    def _apply_update(self, sparql_update: str) -> None:
        if self.update_url is None:
            raise StoreError(
                f"{self.query_url} is read-only here: no update URL was given",
                details={"url": self.query_url},
            )
        response = self._send(
            "POST",
            self.update_url,
            content=sparql_update.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )
        self._check(response, sparql=True)

    def _graph_store(self, method: str, graph: str, **kwargs: Any) -> httpx.Response | None:
        """A Graph Store Protocol request, or None when there is no GSP or it lacks ``method``."""
        if self.gsp_url is None:
            return None
        response = self._send(method, self.gsp_url, params={"graph": graph}, **kwargs)
        if response.status_code in _UNSUPPORTED:
            return None
        return response

    # --- writes ----------------------------------------------------------------------

    def replace_graph(self, graph: str, triples: rdflib.Graph | Iterable[Triple]) -> None:
        iri(graph)
        converted = to_oxigraph_triples(triples)
        if not converted:
            self.drop_graph(graph)
            return
        # N-Triples is valid Turtle, and every Graph Store accepts Turtle.
        body = ntriples_lines(converted).encode("utf-8")
        response = self._graph_store(
            "PUT", graph, content=body, headers={"Content-Type": "text/turtle; charset=utf-8"}
        )
        if response is None:
            self._apply_update(insert_template(replace_graphs_update({graph: converted})))
        else:
            self._check(response, sparql=False)

    def drop_graph(self, graph: str) -> None:
        graph_iri = iri(graph)
        response = self._graph_store("DELETE", graph)
        if response is None:
            self._apply_update(f"DROP SILENT GRAPH {graph_iri}")
        elif response.status_code != 404:  # 404: the graph was not there
            self._check(response, sparql=False)

    def update(self, sparql_update: str, *, base_iri: str | None = None) -> None:
        refuse_remote_access(sparql_update)
        if base_iri is not None and _needs_base(sparql_update):
            sparql_update = f"BASE {iri(base_iri)} {sparql_update}"
        self._apply_update(sparql_update)

    def import_dataset(self, data: bytes, fmt: str) -> None:
        graphs, default = parse_dataset(data, fmt)
        if graphs or default:
            self._apply_update(insert_template(replace_graphs_update(graphs, default)))

    # --- reads -----------------------------------------------------------------------

    def query(self, sparql: str, *, result_format: str = "json", base_iri: str | None = None,
              dataset: QueryDataset | None = None) -> bytes:
        form = check_read_query(sparql)
        check_result_format(form, result_format)
        if base_iri is not None and _needs_base(sparql):
            # On the first line, so reported lines stay right (Virtuoso 7.2 refuses a
            # second BASE, so a query with its own keeps it alone).
            sparql = f"BASE {iri(base_iri)} {sparql}"
        if form in ("SELECT", "ASK"):
            solutions = self._solutions(sparql, dataset)
            return solutions.serialize(format=_SOLUTION_FORMATS[result_format]) or b""
        return self._post_query(sparql, RESULT_MEDIA_TYPES[result_format], dataset)

    def _solutions(self, sparql: str, dataset: QueryDataset | None = None) -> ox.QuerySolutions | ox.QueryBoolean:
        body = self._post_query(sparql, RESULT_MEDIA_TYPES["json"], dataset)
        try:
            return ox.parse_query_results(
                standard_json_results(body), format=ox.QueryResultsFormat.JSON
            )
        except (SyntaxError, ValueError) as error:
            raise StoreError(
                f"{self.query_url} sent unreadable results: {error}",
                details={"url": self.query_url, "body": body[:_EXCERPT].decode("utf-8", "replace")},
            ) from error

    def select(
        self, sparql: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, Node]]:
        form = check_read_query(sparql)
        if form not in ("SELECT", None):
            raise UsageError("select() needs a SELECT query")
        results = self._solutions(with_values(sparql, bindings or {}))
        if not isinstance(results, ox.QuerySolutions):
            raise UsageError("select() needs a SELECT query")
        return solution_rows(results)

    def construct(self, sparql: str) -> rdflib.Graph:
        form = check_read_query(sparql)
        if form not in ("CONSTRUCT", "DESCRIBE", None):
            raise UsageError("construct() needs a CONSTRUCT or DESCRIBE query")
        body = self._post_query(sparql, RESULT_MEDIA_TYPES["ntriples"])
        try:
            return rdflib_graph(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as error:
            raise StoreError(f"{self.query_url} sent unreadable triples: {error}") from error

    def ask(self, sparql: str) -> bool:
        form = check_read_query(sparql)
        if form not in ("ASK", None):
            raise UsageError("ask() needs an ASK query")
        answer = self._solutions(sparql)
        if not isinstance(answer, ox.QueryBoolean):
            raise StoreError(
                f"{self.query_url} sent no ASK answer", details={"url": self.query_url}
            )
        return bool(answer)

    def graphs(self) -> list[str]:
        """The named graphs holding triples, sorted; grouped rather than ``DISTINCT``, the
        same answer: Virtuoso 7.2.5 took 80 s for ``SELECT DISTINCT ?g`` over 89,000 quads
        and 0.05 s for ``GROUP BY ?g``."""
        rows = self.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return sorted(str(row["g"]) for row in rows if isinstance(row.get("g"), URIRef))

    def _quads(self) -> Iterator[ox.Quad]:
        results = self._solutions("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        for row in results:
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def export(self, fmt: str) -> bytes:
        if fmt == "turtle":
            merged = {quad.triple for quad in self._quads()}
            return ox.serialize(merged, format=ox.RdfFormat.TURTLE, prefixes=EXPORT_PREFIXES) or b""
        if fmt not in DATASET_FORMATS:
            raise UsageError(
                f"unknown export format {fmt!r}; use trig, nquads, turtle or jsonld",
                details={"format": fmt},
            )
        prefixes = EXPORT_PREFIXES if fmt == "trig" else None
        return ox.serialize(self._quads(), format=DATASET_FORMATS[fmt], prefixes=prefixes) or b""

    def close(self) -> None:
        self._client.close()


def _needs_base(sparql: str) -> bool:
    """Whether the text holds a relative IRI and declares no ``BASE`` of its own (only then
    is one sent: the text of every other query stays as written).

    >>> _needs_base("SELECT * { <a> ?p ?o }"), _needs_base("BASE <http://e/> SELECT * { <a> ?p ?o }")
    (True, False)
    >>> _needs_base("SELECT * { <http://e/a> ?p 'BASE <b>' }")
    False
    """
    found = tokens(sparql)
    if any(token.is_word("BASE") for token in found):
        return False
    return any(token.kind == "iri" and not _ABSOLUTE_IRI.match(token.text[1:]) for token in found)


def with_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """``sparql`` with ``bindings`` as a ``VALUES`` block opening its ``WHERE`` group (a
    trailing ``VALUES`` clause when it has no ``WHERE {``); terms serialised by Oxigraph.

    >>> from rdflib import URIRef
    >>> with_values("SELECT ?t WHERE { ?s ?p ?t }", {"s": URIRef("http://e/a")})
    'SELECT ?t WHERE { VALUES (?s) { (<http://e/a>) } ?s ?p ?t }'
    >>> with_values("SELECT ?t { ?s ?p ?t }", {"s": URIRef("http://e/a")})
    'SELECT ?t { ?s ?p ?t }\\nVALUES ( ?s ) { ( <http://e/a> ) }'
    """
    if not bindings:
        return sparql
    if _WHERE_GROUP.search(sparql) is None:
        return sparql + values_clause(bindings)
    terms = {}
    for name, term in bindings.items():
        check_variable_name(name)
        if isinstance(term, BNode):
            raise UsageError(f"?{name}: blank nodes cannot be bound", details={"variable": name})
        terms[ox.Variable(name)] = to_oxigraph(term, {})
    return with_leading_values(sparql, terms)


def values_clause(bindings: Mapping[str, Node]) -> str:
    """A trailing ``VALUES`` clause fixing ``bindings``, terms serialised by Oxigraph.

    >>> from rdflib import Literal
    >>> values_clause({"label": Literal('a "b" > c', lang="en")})
    '\\nVALUES ( ?label ) { ( "a \\\\"b\\\\" > c"@en ) }'
    """
    if not bindings:
        return ""
    names, terms = [], []
    for name, term in bindings.items():
        check_variable_name(name)
        if isinstance(term, BNode):
            raise UsageError(f"?{name}: blank nodes cannot be bound", details={"variable": name})
        names.append(f"?{name}")
        terms.append(str(to_oxigraph(term, {})))
    return f"\nVALUES ( {' '.join(names)} ) {{ ( {' '.join(terms)} ) }}"


def standard_json_results(body: bytes) -> bytes:
    """SPARQL JSON results with Virtuoso's deviations undone (``body`` unchanged otherwise).

    >>> standard_json_results(b'{"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": []}}')
    b'{"head": {}, "boolean": false}'
    >>> standard_json_results(b'{"head": {"vars": ["b"]}, "results": {"bindings": '
    ...     b'[{"b": {"type": "bnode", "value": "nodeID://b10"}}]}}')
    b'{"head": {"vars": ["b"]}, "results": {"bindings": [{"b": {"type": "bnode", "value": "nodeID___b10"}}]}}'
    """
    if b"__ASK_RETVAL" not in body and b"nodeID://" not in body:
        return body
    results = json.loads(body)
    bindings = results.get("results", {}).get("bindings", [])
    if results.get("head", {}).get("vars") == [_VIRTUOSO_ASK]:
        value = bindings[0].get(_VIRTUOSO_ASK, {}).get("value", "0") if bindings else "0"
        return json.dumps({"head": {}, "boolean": value not in ("0", "false")}).encode()
    for row in bindings:
        for term in row.values():
            if term.get("type") == "bnode":
                term["value"] = _NOT_BNODE_LABEL.sub("_", term["value"])
    return json.dumps(results).encode()


def with_column(error: QuerySyntaxError, sparql: str) -> QuerySyntaxError:
    """``error`` with its column, found from the token the engine quoted when it gave only
    the line (Virtuoso: "line 3: Undefined namespace prefix at 'nope' before '?d'")."""
    if error.line is None or error.column is not None:
        return error
    token = _VIRTUOSO_TOKEN.search(str(error))
    lines = sparql.splitlines()
    if token is None or not 1 <= error.line <= len(lines):
        return error
    position = lines[error.line - 1].find(token["token"])
    if position < 0:
        return error
    return QuerySyntaxError(str(error), error.line, position + 1)


def insert_template(update: str) -> str:
    """An update's ``INSERT DATA { ... }`` as ``INSERT { ... } WHERE {}`` when it holds blank
    nodes: the same triples (labels shared across the template, fresh in the store), in the
    form every server accepts blank nodes in.

    >>> insert_template("DROP SILENT GRAPH <g> ;\\nINSERT DATA {\\n_:a <p> <o> .\\n}")
    'DROP SILENT GRAPH <g> ;\\nINSERT {\\n_:a <p> <o> .\\n} WHERE {}'
    """
    head, found, data = update.partition("INSERT DATA {")
    if not found or "_:" not in data:
        return update
    return f"{head}INSERT {{{data} WHERE {{}}"
