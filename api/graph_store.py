"""Graph Store Protocol reads and the SPARQL editor page.

* ``GET /graph-store?graph=IRI`` returns one named graph, ``GET /graph-store?default`` the
  default graph (the merge of all graphs), as Turtle (default), N-Triples, JSON-LD or RDF/XML
  by ``Accept``. Reads go through the same killable query worker as ``/sparql``, so the
  timeout and result limit hold. Writes to the Graph Store are not offered over HTTP: use
  ``POST /documents`` (which keeps provenance) or SPARQL Update with the write token.
* ``GET /sparql/editor`` is a SPARQL editor with example queries for the lawyers' questions,
  served from a local file (no CDN); it posts to ``/sparql``.
"""

from __future__ import annotations

from importlib import resources
from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from rightsgraph.api.errors import ERROR_RESPONSES
from rightsgraph.api.sparql_endpoint import negotiate_format
from rightsgraph.errors import UsageError
from rightsgraph.graph.store import RESULT_MEDIA_TYPES

__all__ = ["router"]

router = APIRouter(tags=["sparql"])

_GRAPH_EXAMPLE = "<https://w3id.org/rightsgraph/id/state/CHN> a <https://w3id.org/rightsgraph/ontology#State> ."


def graph_read_query(graph: str | None) -> str:
    """The CONSTRUCT that reads one named graph (``graph``) or the default graph (None).

    >>> graph_read_query("https://w3id.org/rightsgraph/graph/reference")
    'CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/rightsgraph/graph/reference> { ?s ?p ?o } }'
    >>> graph_read_query("x> } SERVICE <http://evil/")
    Traceback (most recent call last):
    rightsgraph.errors.UsageError: not an absolute IRI: 'x> } SERVICE <http://evil/'
    """
    if graph is None:
        return "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    try:
        iri = ox.NamedNode(graph)  # validates: an IRI holds no '>', spaces or quotes
    except ValueError:
        raise UsageError(f"not an absolute IRI: {graph!r}", details={"graph": graph}) from None
    return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} }}"


@router.get(
    "/graph-store",
    response_class=Response,
    summary="Graph Store Protocol read: one named graph, or the default graph",
    responses={
        200: {"content": {"text/turtle": {"example": _GRAPH_EXAMPLE}}},
        **{status: ERROR_RESPONSES[status] for status in (400, 413, 503)},
    },
)
async def graph_store_read(
    request: Request,
    graph: Annotated[str | None, Query(description="IRI of a named graph", examples=["https://w3id.org/rightsgraph/graph/reference"])] = None,
    default: Annotated[str | None, Query(description="present: the default graph (the merge of all graphs)")] = None,
) -> Response:
    if (graph is None) == (default is None):
        raise UsageError("give exactly one of 'graph=IRI' or 'default'")
    query = graph_read_query(graph)
    result_format = negotiate_format(request.headers.get("accept"), "CONSTRUCT")
    data = await run_in_threadpool(request.app.state.query_runner.run, query, result_format)
    return Response(content=data, media_type=RESULT_MEDIA_TYPES[result_format])


@router.get(
    "/sparql/editor",
    response_class=HTMLResponse,
    summary="SPARQL editor with example queries (works offline)",
    responses={200: {"content": {"text/html": {"example": "<!doctype html><title>rightsgraph SPARQL</title>…"}}}},
)
def sparql_editor() -> HTMLResponse:
    page = resources.files("rightsgraph.api").joinpath("static/sparql_editor.html").read_text(encoding="utf-8")
    return HTMLResponse(page)
