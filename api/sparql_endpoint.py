"""``GET|POST /sparql``: the SPARQL 1.1 Protocol, read-only without credentials.

* Queries: ``GET ?query=``, ``POST`` form ``query=``, ``POST`` ``application/sparql-query``.
  Without a dataset the default graph is the union of all named graphs and ``GRAPH`` reaches
  each one. ``default-graph-uri`` / ``named-graph-uri`` (any number of each, in the URL or
  the form) give the dataset and override the query's ``FROM`` / ``FROM NAMED``, which are
  honoured otherwise: a query over one document's graph sees only that graph.
* Relative IRIs in a query resolve against the endpoint's own URL (unless it says ``BASE``).
* Results by ``Accept``: SELECT/ASK as ``application/sparql-results+json`` (default),
  ``application/sparql-results+xml``, ``text/csv``, ``text/tab-separated-values``;
  CONSTRUCT/DESCRIBE as ``text/turtle`` (default), ``application/n-triples``,
  ``application/ld+json``, ``application/rdf+xml``.
* Updates (``update=``, ``application/sparql-update``) need ``Authorization: Bearer <token>``:
  none sent -> 401, a wrong one -> 403, and with no token configured every update is refused
  (403). ``SERVICE`` and ``LOAD`` are refused (403) before anything runs.
* Each query runs in a worker that is killed after ``RIGHTSGRAPH_QUERY_TIMEOUT`` (503
  ``query_timeout``); more than ``RIGHTSGRAPH_RESULT_LIMIT`` results is 413
  ``result_too_large`` (never silently truncated).
* ``GET /sparql`` without a query gives the SPARQL service description (Turtle).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from rightsgraph.api.errors import ERROR_RESPONSES
from rightsgraph.api.negotiation import negotiate_format
from rightsgraph.api.settings import Settings
from rightsgraph.errors import AuthenticationError, ForbiddenError, QueryRefusedError, UsageError
from rightsgraph.graph.store import RESULT_MEDIA_TYPES, query_form, refuse_remote_access
from rightsgraph.graph.store_evaluate import QueryDataset

__all__ = ["negotiate_format", "router", "check_write_access"]

router = APIRouter()

def check_write_access(request: Request, settings: Settings) -> None:
    """Let a write through only with the configured bearer token."""
    if not settings.write_token:
        raise ForbiddenError("writes are disabled on this service (no write token configured)")
    header = request.headers.get("authorization", "")
    if not header:
        raise AuthenticationError("this request needs 'Authorization: Bearer <token>'")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), settings.write_token.encode()):
        raise ForbiddenError("the bearer token is not valid for writes")


@dataclass
class _Operation:
    query: str | None = None
    update: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)

    def dataset(self) -> QueryDataset | None:
        return QueryDataset.from_protocol(self.default_graphs, self.named_graphs)


async def _read_operation(request: Request) -> _Operation:
    """The query or update and the protocol's dataset, from the URL, a form or a direct body."""
    params = request.query_params
    operation = _Operation(params.get("query"), params.get("update"),
                           params.getlist("default-graph-uri"), params.getlist("named-graph-uri"))
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        text = body.decode("utf-8", errors="replace")
        if content_type == "application/sparql-query":
            operation.query = text
        elif content_type == "application/sparql-update":
            operation.update = text
        elif content_type == "application/x-www-form-urlencoded":
            form = parse_qs(text, keep_blank_values=True)
            operation.query = form.get("query", [operation.query])[0]
            operation.update = form.get("update", [operation.update])[0]
            operation.default_graphs += form.get("default-graph-uri", [])
            operation.named_graphs += form.get("named-graph-uri", [])
        elif body:
            raise UsageError(
                f"unsupported content type {content_type!r}; use a form, application/sparql-query "
                "or application/sparql-update",
                details={"content_type": content_type},
            )
    return operation


def endpoint_url(request: Request) -> str:
    """The endpoint's own URL, without the query string: the base IRI of queries."""
    return str(request.url.replace(query="", fragment=""))


_SPARQL_RESPONSES = {
        200: {
            "description": "Query results in the negotiated format; without a query, the service description",
            "content": {
                "application/sparql-results+json": {
                    "example": {"head": {"vars": ["s"]}, "results": {"bindings": [
                        {"s": {"type": "uri", "value": "https://rightsgraph.org/id/state/CHN"}}]}}
                },
                "text/turtle": {"example": "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> ."},
            },
        },
        **{status: ERROR_RESPONSES[status] for status in (400, 401, 403, 413, 503)},
}
_SUMMARY = "SPARQL 1.1 Protocol endpoint (read-only without a token)"


@router.get("/sparql", summary=_SUMMARY, operation_id="sparql_get", responses=_SPARQL_RESPONSES, response_class=Response)
@router.post("/sparql", summary=_SUMMARY, operation_id="sparql_post", responses=_SPARQL_RESPONSES, response_class=Response)
async def sparql(request: Request) -> Response:
    """Run a SPARQL query (``query``) or, with the write token, an update (``update``).

    Parameters: ``query`` or ``update`` (URL or form), or the body with content type
    ``application/sparql-query`` / ``application/sparql-update``. ``default-graph-uri`` and
    ``named-graph-uri`` give the dataset (by default: every graph, their union as the
    default graph).
    """
    settings: Settings = request.app.state.settings
    operation = await _read_operation(request)
    query, update = operation.query, operation.update
    if update is not None or (query is not None and query_form(query) == "UPDATE"):
        check_write_access(request, settings)
        if update is None:
            raise QueryRefusedError("send updates as 'update', not as 'query'")
        return await _run_update(request, update)
    if query is None or not query.strip():
        return _service_description(request)
    form = query_form(query)
    result_format = negotiate_format(request.headers.get("accept"), form)
    await run_in_threadpool(refuse_remote_access, query)  # linear, but not free on a large body
    runner = request.app.state.query_runner
    data = await run_in_threadpool(
        lambda: runner.run(query, result_format, base_iri=endpoint_url(request), dataset=operation.dataset())
    )
    return Response(content=data, media_type=RESULT_MEDIA_TYPES[result_format])


async def _run_update(request: Request, update: str) -> Response:
    await run_in_threadpool(refuse_remote_access, update)
    store = request.app.state.store
    await run_in_threadpool(lambda: store.update(update, base_iri=endpoint_url(request)))
    request.app.state.query_runner.invalidate()
    request.app.state.search_cache.store_changed()
    return Response(status_code=204)


_FORMATS = "http://www.w3.org/ns/formats/"


def _service_description(request: Request) -> Response:
    endpoint = endpoint_url(request)
    void = str(request.url_for("void"))
    formats = " , ".join(
        f"<{_FORMATS}{name}>"
        for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                     "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")
    )
    text = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix void: <http://rdfs.org/ns/void#> .

[] a sd:Service ;
   rdfs:label "rightsgraph SPARQL endpoint (read-only)" ;
   sd:endpoint <{endpoint}> ;
   sd:supportedLanguage sd:SPARQL11Query ;
   sd:feature sd:UnionDefaultGraph ;
   sd:resultFormat {formats} ;
   sd:defaultDataset <{void}#dataset> ;
   rdfs:seeAlso <{void}> .

<{void}#dataset> a sd:Dataset , void:Dataset ;
   sd:defaultGraph [ a sd:Graph ; rdfs:comment "the RDF merge of all named graphs" ] .
"""
    return Response(content=text, media_type="text/turtle")
