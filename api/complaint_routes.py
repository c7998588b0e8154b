"""``GET /states/{id}/complaint-routes``: who can complain about a State, to which committee,
since when (registered by ``create_app``; the logic is :mod:`rightsgraph.graph.complaint_routes`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from rightsgraph.api.errors import ERROR_RESPONSES
from rightsgraph.api.paging_params import Sources
from rightsgraph.api.models import ComplaintRoutesAnswer
from rightsgraph.graph.pages_paging import DEFAULT_SOURCES
from rightsgraph.graph.obligations_view import bounded_obligations

__all__ = ["router"]

router = APIRouter(tags=["obligations"])

_EXAMPLE: dict[str, Any] = {
    "state": {"iso3": "KOR", "name": "Republic of Korea"},
    "as_of": "2014-01-01",
    "routes": [
        {"route": "ICERD art. 14", "instrument": "ICERD", "article": "14",
         "committee": "Committee on the Elimination of Racial Discrimination", "complainant": "individual",
         "status": "open", "since": None, "until": None,
         "sources": [{"document": "declarations_4-2.txt", "quote": "The Government of the Republic of Korea "
                      "recognizes the competence of the Committee ...", "start": 40312, "end": 40651}],
         "note": "open from the deposit of the declaration; the loaded source does not date it",
         "sources_total": 1, "source_facts": []},
        {"route": "OPIC", "instrument": "OPIC", "article": None,
         "committee": "Committee on the Rights of the Child", "complainant": "individual",
         "status": "unknown", "since": None, "until": None, "sources": [],
         "note": "no loaded source records the State's participation in the protocol",
         "sources_total": 0, "source_facts": []},
    ],
}


@router.get(
    "/states/{state_id}/complaint-routes",
    response_model=ComplaintRoutesAnswer,
    summary="Complaint routes open against a State (communications protocols, optional clauses)",
    responses={200: {"content": {"application/json": {"example": _EXAMPLE}}},
               400: ERROR_RESPONSES[400], 404: ERROR_RESPONSES[404]},
)
async def state_complaint_routes(
    request: Request,
    state_id: str,
    as_of: Annotated[str | None, Query(description="YYYY-MM-DD: routes open on that day")] = None,
    sources: Sources = DEFAULT_SOURCES,
) -> JSONResponse:
    """Each route with ``status`` (open, not-yet-open, uncertain, closed, not-open, unknown),
    ``since``/``until`` and the sources; ``unknown`` when no loaded source says."""
    from rightsgraph.api.app import parse_as_of  # the app module registers this router

    date = parse_as_of(as_of)
    result = await run_in_threadpool(bounded_obligations, request.app.state.store, state_id, date, sources)
    return JSONResponse({"state": result["state"], "as_of": result["as_of"], "routes": result["complaint_routes"]})
