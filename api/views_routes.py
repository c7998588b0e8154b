"""Exploration pages and analytics of the service (registered by ``create_app``).

HTML pages work with no internet access (everything inlined). Entity pages are
``GET /graph/view?iri=...`` (:func:`rightsgraph.graph.views.page_url`): a click on a node
opens the clicked entity's page. The network projection comes from the app's
:class:`~rightsgraph.graph.network.NetworkCache` (``app.state.network_cache``, set by
``create_app``), rebuilt only when the store changes. Nothing from a request goes into SPARQL:
entities are looked up in the projection.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from rightsgraph.api.errors import ERROR_RESPONSES
from rightsgraph.errors import NotFoundError, UsageError
from rightsgraph.graph import analytics
from rightsgraph.graph.network import RightsNetwork
from rightsgraph.graph.rdf_terms import instrument_iri, state_iri
from rightsgraph.api.network_pages import entity_view, overview_view
from rightsgraph.graph.views import parse_types
from rightsgraph.api.chart_pages import (
    analytics_page,
    communications_timeline_page,
    ratification_timeline_page,
)
from rightsgraph.loaders.reference.instruments import instrument_by_id
from rightsgraph.loaders.reference.states import find_state

__all__ = ["network_of", "router"]

router = APIRouter(tags=["exploration"])


def _html(example: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses of an HTML page: an example of the page, and the error shape."""
    return {200: {"content": {"text/html": {"example": example}}},
            **{code: ERROR_RESPONSES[code] for code in (400, 404)}}


def _json(example: Any) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses of a JSON endpoint: an example answer, and the error shape."""
    return {200: {"content": {"application/json": {"example": example}}},
            **{code: ERROR_RESPONSES[code] for code in (400, 404)}}


_NETWORK_PAGE = "<!doctype html><html><head><title>China — rightsgraph</title>…</head><body><div id=\"network\"></div>…</body></html>"
_CHART_PAGE = "<!doctype html><html><body><svg role=\"img\">…</svg></body></html>"
_PROVISION = {"provision": "https://w3id.org/rightsgraph/id/instrument/CRC/article/34", "label": "CRC art. 34",
              "count": 2, "documents": ["AL CHN 3/2021", "A/79/122"]}

Depth = Annotated[int, Query(ge=1, le=3, description="hops from the centre (1..3)")]
Types = Annotated[list[str] | None, Query(description="node types to keep (repeat or comma-separate): "
                                          "state, instrument, provision, communication, reply, report, "
                                          "mandate, company, person")]


def network_of(request: Request) -> RightsNetwork:
    """The current projection of the app's store (``app.state.network_cache``)."""
    return request.app.state.network_cache.get(request.app.state.store)


def _today(as_of: str | None) -> dt.date:
    if not as_of:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(as_of)
    except ValueError:
        raise UsageError(f"as_of must be a date YYYY-MM-DD, not {as_of!r}", details={"as_of": as_of}) from None


# --- networks -------------------------------------------------------------------------------


@router.get("/states/{state_id}/graph", response_class=HTMLResponse, responses=_html(_NETWORK_PAGE),
            summary="Interactive network centred on a State (works offline)")
def state_graph(request: Request, state_id: str, depth: Depth = 1, types: Types = None) -> HTMLResponse:
    """``state_id``: ISO alpha-3 or alpha-2 code or a name; unknown: 404 ``state_not_found``."""
    state = find_state(state_id)
    node_types = parse_types(types)
    network = network_of(request)
    return HTMLResponse(entity_view(network, str(state_iri(state.iso3)), depth, node_types))


@router.get("/graph/view", response_class=HTMLResponse, responses=_html(_NETWORK_PAGE), summary="Interactive network around any entity")
def graph_view(request: Request, iri: Annotated[str, Query(min_length=1, max_length=2000)],
               depth: Depth = 1, types: Types = None) -> HTMLResponse:
    """``iri``: an entity IRI, or a reference ("AL CHN 3/2021"), State, instrument id or company name."""
    node_types = parse_types(types)
    network = network_of(request)
    return HTMLResponse(entity_view(network, network.resolve(iri), depth, node_types))


@router.get("/graph/overview", response_class=HTMLResponse, responses=_html(_NETWORK_PAGE), summary="The whole corpus as one network")
def graph_overview(request: Request, types: Types = None) -> HTMLResponse:
    return HTMLResponse(overview_view(network_of(request), parse_types(types)))


# --- analytics --------------------------------------------------------------------------------


@router.get("/analytics", response_class=HTMLResponse, responses=_html(_CHART_PAGE), summary="Analytics as an HTML page")
def analytics_html(request: Request) -> HTMLResponse:
    return HTMLResponse(analytics_page(network_of(request)))


@router.get("/analytics/summary", responses=_json({"most_cited_provisions": [_PROVISION]}), summary="All analytics in one JSON object")
def analytics_summary(request: Request) -> dict[str, Any]:
    return analytics.summary(network_of(request))


@router.get("/analytics/provisions", responses=_json([_PROVISION]), summary="Most cited provisions: overall, per State or per year")
def analytics_provisions(request: Request, by: Annotated[str | None, Query(pattern="^(state|year)$")] = None,
                         limit: Annotated[int, Query(ge=1, le=500)] = 20) -> Any:
    network = network_of(request)
    if by == "state":
        return analytics.most_cited_provisions_by_state(network, limit)
    if by == "year":
        return analytics.most_cited_provisions_by_year(network, limit)
    return analytics.most_cited_provisions(network, limit)


@router.get("/analytics/communications", responses=_json({"per_state": {"CHN": 1}, "per_year": {"2021": 2}}), summary="Communications per State, mandate and year")
def analytics_communications(request: Request) -> dict[str, Any]:
    network = network_of(request)
    return {"per_state": analytics.communications_per_state(network),
            "per_mandate": analytics.communications_per_mandate(network),
            "per_year": analytics.communications_per_year(network)}


@router.get("/analytics/companies", responses=_json([{"company": "TikTok", "home_state": "CHN", "communications": ["AL CHN 3/2021"]}]), summary="Companies with their home States and the letters naming them")
def analytics_companies(request: Request) -> list[dict[str, Any]]:
    return analytics.company_state_network(network_of(request))


@router.get("/analytics/path", responses=_json({"source": "TikTok", "target": "United Kingdom", "hops": [{"from": "TikTok", "to": "AL CHN 3/2021", "quote": "Tiktok, a company based in China"}]}), summary="The explained path between two entities")
def analytics_path(request: Request, source: Annotated[str, Query(min_length=1, max_length=2000)],
                   target: Annotated[str, Query(min_length=1, max_length=2000)]) -> dict[str, Any]:
    """``source`` and ``target``: IRIs, references, State names or codes, instrument ids,
    company names. Each hop quotes the passage that states it."""
    network = network_of(request)
    return analytics.explained_path(network, network.resolve(source), network.resolve(target)).to_json()


@router.get("/analytics/centrality", responses=_json([{"entity": "AL CHN 3/2021", "betweenness": 0.21}]), summary="Entities bridging the letters' web")
def analytics_centrality(request: Request, top: Annotated[int, Query(ge=1, le=200)] = 15) -> list[dict[str, Any]]:
    return analytics.centrality(network_of(request), top)


@router.get("/analytics/communities", responses=_json([{"community": 0, "members": ["AL CHN 3/2021", "China", "TikTok"]}]), summary="Groups of the letters' web")
def analytics_communities(request: Request) -> list[dict[str, Any]]:
    return analytics.communities(network_of(request))


# --- timelines ----------------------------------------------------------------------------------


@router.get("/timeline/communications", response_class=HTMLResponse, responses=_html(_CHART_PAGE),
            summary="Timeline of communications and replies, overdue replies marked")
def timeline_communications(request: Request, as_of: Annotated[str | None, Query()] = None) -> HTMLResponse:
    return HTMLResponse(communications_timeline_page(network_of(request), _today(as_of)))


@router.get("/timeline/ratifications/{instrument}", response_class=HTMLResponse, responses=_html(_CHART_PAGE),
            summary="Ratification timeline of an instrument")
def timeline_ratifications(request: Request, instrument: str) -> HTMLResponse:
    """``instrument``: an instrument id or name (``OPSC``, ``CRC``); unknown: 404."""
    iri = str(instrument_iri(instrument_by_id(instrument).id))
    network = network_of(request)
    if iri not in network:
        raise NotFoundError(f"no instrument {instrument!r} in the graph", details={"instrument": instrument})
    return HTMLResponse(ratification_timeline_page(network, iri))
