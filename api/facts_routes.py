"""The pages behind the bounded obligations answer (issue 18): every source of a fact, every
letter to a State, the letters citing a provision or naming a company, every status source
(registered by ``create_app``; the logic is :mod:`rightsgraph.graph.obligations_bounds`).

Each answers one page in the bounded list shape ``{"items", "total", "page", "per_page",
"next"}``, in the order the obligations answer shows the first items in, so walking the
pages from ``page=1`` gives the whole list. Values out of range are a 400, an unknown fact
or State a 404, both in the one JSON error shape.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool

from rightsgraph.api.errors import ERROR_RESPONSES
from rightsgraph.api.models import CommunicationsPage, FactSourcesPage, ReferencesPage, StatusSourcesPage
from rightsgraph.api.paging_params import PageNumber, PerPage
from rightsgraph.graph import obligations_bounds as bounds
from rightsgraph.graph.pages_paging import DEFAULT_PER_PAGE

__all__ = ["router"]

router = APIRouter(tags=["obligations"])


_ERRORS: dict[int | str, dict[str, Any]] = {status: ERROR_RESPONSES[status] for status in (400, 404)}


async def _page(items_of: Callable[[], tuple[str, list[Any]]], page: int, per_page: int,
                link: Callable[[str, int, int], str]) -> dict[str, Any]:
    iso3, items = await run_in_threadpool(items_of)
    return bounds.page_of(items, page, per_page, lambda p: link(iso3, p, per_page))


@router.get("/facts/{fact_id}/sources", response_model=FactSourcesPage, responses=_ERRORS,
            summary="Every source of a fact, authoritative first, page by page")
async def fact_sources(request: Request, fact_id: str, page: PageNumber = 1,
                       per_page: PerPage = DEFAULT_PER_PAGE) -> dict[str, Any]:
    """``fact_id`` as the obligations answer gives it (``events[].id``): the depositary's
    documents first, then letters, replies and reports by date, then by name and offset."""
    store = request.app.state.store
    return await _page(lambda: ("", bounds.fact_sources(store, fact_id)), page, per_page,
                       lambda _, p, k: bounds.fact_sources_link(fact_id, p, k))


@router.get("/states/{state_id}/communications", response_model=CommunicationsPage, responses=_ERRORS,
            summary="Letters addressed to a State, most recent first, page by page")
async def state_communications(request: Request, state_id: str, page: PageNumber = 1,
                               per_page: PerPage = DEFAULT_PER_PAGE) -> dict[str, Any]:
    store = request.app.state.store
    return await _page(lambda: bounds.state_communications(store, state_id), page, per_page,
                       bounds.communications_link)


@router.get("/states/{state_id}/provisions/{instrument}/{number}/communications", response_model=ReferencesPage,
            responses=_ERRORS, summary="References of the letters to a State citing a provision, page by page")
async def citing_letters(request: Request, state_id: str, instrument: str, number: str, page: PageNumber = 1,
                         per_page: PerPage = DEFAULT_PER_PAGE) -> dict[str, Any]:
    store = request.app.state.store
    return await _page(lambda: bounds.citing_letters(store, state_id, instrument, number), page, per_page,
                       lambda iso3, p, k: bounds.citing_letters_link(iso3, instrument, number, p, k))


@router.get("/states/{state_id}/companies/communications", response_model=ReferencesPage, responses=_ERRORS,
            summary="References of the letters naming a company based in a State, page by page")
async def company_letters(request: Request, state_id: str,
                          company: Annotated[str, Query(description="the name the obligations answer gives")],
                          page: PageNumber = 1, per_page: PerPage = DEFAULT_PER_PAGE) -> dict[str, Any]:
    store = request.app.state.store
    return await _page(lambda: bounds.company_letters(store, state_id, company), page, per_page,
                       lambda iso3, p, k: bounds.company_letters_link(iso3, company, p, k))


@router.get("/states/{state_id}/status-sources", response_model=StatusSourcesPage, responses=_ERRORS,
            summary="The sources setting a State's status for an instrument, newest first, page by page")
async def status_sources(request: Request, state_id: str,
                         instrument: Annotated[str, Query(description="instrument id, e.g. CRC")],
                         page: PageNumber = 1, per_page: PerPage = DEFAULT_PER_PAGE) -> dict[str, Any]:
    store = request.app.state.store
    return await _page(lambda: bounds.instrument_status_sources(store, state_id, instrument), page, per_page,
                       lambda iso3, p, k: bounds.status_sources_link(iso3, instrument, p, k))
