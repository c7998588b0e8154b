"""Linked Data: every ``https://w3id.org/rightsgraph/id/...`` IRI dereferences on the service.

* ``GET /id/{path}`` with ``Accept: text/turtle`` (the default), ``application/ld+json``,
  ``application/n-triples`` or ``application/rdf+xml``: the IRI's concise bounded
  description, each statement with its provenance (:mod:`rightsgraph.graph.describe`); 404
  when the store says nothing about it. With ``Accept`` preferring ``text/html``: a 303 to
  the entity's page (the State, letter, instrument, provision, company or mandate page; the
  network view for anything else).
* ``GET /.well-known/void``: the dataset's VoID and DCAT description
  (:mod:`rightsgraph.graph.void`), in the same RDF formats; ``GET /export`` the data dump.

A w3id.org redirect (README, "Linked Data") sends ``/rightsgraph/id/...`` to a deployment's
``/id/...``.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS
from starlette.concurrency import run_in_threadpool

from rightsgraph.api.errors import ERROR_RESPONSES
from rightsgraph.api.negotiation import rdf_format_or_html
from rightsgraph.errors import NotFoundError, UsageError
from rightsgraph.graph.describe import ID_BASE, Description, describe
from rightsgraph.graph.void import void_description

__all__ = ["entity_page", "router"]

router = APIRouter(tags=["linked data"])

#: rdflib serialiser and media type of each RDF format name of /sparql.
_SERIALISERS = {
    "turtle": ("turtle", "text/turtle"),
    "ntriples": ("nt", "application/n-triples"),
    "jsonld": ("json-ld", "application/ld+json"),
    "rdfxml": ("xml", "application/rdf+xml"),
}
_TURTLE_EXAMPLE = "<https://w3id.org/rightsgraph/id/state/CHN> a rg:State ; rdfs:label \"China\"@en ."


def rdf_response(graph: Graph, result_format: str) -> Response:
    serialiser, media_type = _SERIALISERS[result_format]
    data = graph.serialize(format=serialiser, encoding="utf-8")
    return Response(content=data, media_type=media_type, headers={"Vary": "Accept"})


def entity_page(description: Description) -> str:
    """The service path of the page about the described entity.

    >>> entity_page(Description(URIRef(ID_BASE + "state/CHN"), Graph()))
    '/states/CHN'
    >>> entity_page(Description(URIRef(ID_BASE + "instrument/CRC/article/34"), Graph()))
    '/provisions/CRC/34?format=html'
    """
    parts = str(description.subject)[len(ID_BASE):].split("/")
    kind = parts[0]
    if kind == "state" and len(parts) == 2:
        return f"/states/{quote(parts[1])}"
    if kind == "instrument" and len(parts) == 2:
        return f"/instruments/{quote(parts[1])}?format=html"
    if kind == "instrument" and len(parts) == 4:
        return f"/provisions/{quote(parts[1])}/{quote(parts[3])}?format=html"
    if kind == "mandate" and len(parts) == 2:
        return f"/mandates/{quote(parts[1])}?format=html"
    if kind == "company" and len(parts) == 2:
        return f"/companies/{quote(parts[1])}?format=html"
    reference = description.graph.value(description.subject, DCTERMS.identifier)
    if kind == "communication" and reference is not None:
        return f"/communications/{quote(str(reference), safe='/')}?format=html"
    return f"/graph/view?iri={quote(str(description.subject), safe='')}"


_RDF_RESPONSES = {
    200: {"description": "RDF in the negotiated format",
          "content": {"text/turtle": {"example": _TURTLE_EXAMPLE}, "application/ld+json": {}, "application/n-triples": {}}},
    303: {"description": "Accept: text/html: the entity's page"},
    **{status: ERROR_RESPONSES[status] for status in (400, 404)},
}


@router.get("/id/{path:path}", summary="Dereference a rightsgraph IRI: its description, or its page",
            responses=_RDF_RESPONSES, response_class=Response)
async def dereference(request: Request, path: str) -> Response:
    """``https://w3id.org/rightsgraph/id/{path}``: RDF by ``Accept``, or a 303 to its page."""
    wanted = rdf_format_or_html(request.headers.get("accept"))
    subject = ID_BASE + path
    description = await run_in_threadpool(describe, request.app.state.store, subject)
    if not description.found:
        raise NotFoundError(f"nothing is known about {subject}", details={"iri": subject})
    if wanted == "html":
        return RedirectResponse(entity_page(description), status_code=303, headers={"Vary": "Accept"})
    return rdf_response(description.graph, wanted)


@router.get("/.well-known/void", summary="VoID and DCAT description of the dataset", responses=_RDF_RESPONSES,
            response_class=Response)
async def void(request: Request) -> Response:
    """Triples, named graphs per document kind, vocabularies, licence, the SPARQL endpoint,
    the data dump, last modified."""
    wanted = rdf_format_or_html(request.headers.get("accept"))
    service = str(request.base_url).rstrip("/")
    graph = await run_in_threadpool(void_description, request.app.state.store, service)
    return rdf_response(graph, "turtle" if wanted == "html" else wanted)


_EXPORT_TYPES = {"nquads": "application/n-quads", "trig": "application/trig"}
_NQUADS_EXAMPLE = ("<https://w3id.org/rightsgraph/id/state/CHN> <http://www.w3.org/2000/01/rdf-schema#label> "
                   "\"China\"@en <https://w3id.org/rightsgraph/graph/reference> .")


@router.get("/export", summary="The whole dataset with its named graphs (the VoID data dump)", response_class=Response,
            responses={200: {"content": {"application/n-quads": {"example": _NQUADS_EXAMPLE},
                                         "application/trig": {"example": "GRAPH <https://w3id.org/rightsgraph/graph/reference> { ... }"}}},
                       400: ERROR_RESPONSES[400]})
async def export(request: Request, format: str = "nquads") -> Response:  # noqa: A002
    """``format``: ``nquads`` (default) or ``trig``; what ``rightsgraph export`` writes."""
    if format not in _EXPORT_TYPES:
        raise UsageError(f"format must be nquads or trig, not {format!r}", details={"format": format})
    data = await run_in_threadpool(request.app.state.store.export, format)
    return Response(content=data, media_type=_EXPORT_TYPES[format])
