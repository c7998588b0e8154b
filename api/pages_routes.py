"""Entity pages and passage search (registered by ``create_app``).

Every page answers JSON by default and a server-rendered HTML page (escaped, no script, no
external resource) with ``?format=html`` or ``Accept: text/html``. Letters are addressed by
their reference in the path, slash included: ``GET /communications/AL CHN 3/2021`` (URL-encoded
``/communications/AL%20CHN%203/2021``); the rest of the path is the reference. Pages link to
each other, to ``/states/{iso3}`` and to the network view ``/graph/view?iri=...``.

The search index lives on ``app.state.search_cache`` (set by ``create_app``) and is rebuilt
only when the store changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from rightsgraph.api.errors import ERROR_RESPONSES
from rightsgraph.api.models import (
    BoundedList, CommunicationPage, CompanyPage, FrontDoor, InstrumentPage, MandatePage, ProvisionPage, SearchAnswer,
)
from rightsgraph.api.briefs import DOCX_TYPE, brief_docx, brief_html, brief_pdf
from rightsgraph.api.negotiation import wants_alternative
from rightsgraph.api.rendering import render
from rightsgraph.errors import UsageError
from rightsgraph.graph import pages
from rightsgraph.graph.brief import brief
from rightsgraph.graph.citations import Citer
from rightsgraph.graph.front import front_door
from rightsgraph.graph.obligations_view import bounded_obligations
from rightsgraph.api.paging_params import PageNumber, PerPage, Sources, SourcesPage
from rightsgraph.graph.pages_paging import DEFAULT_PER_PAGE, DEFAULT_SOURCES, Paging
from rightsgraph.graph.search import MAX_LIMIT, Filters, PassageIndex, search
from rightsgraph.loaders.reference.states import find_state

__all__ = ["parse_as_of", "router", "search_index_of"]

router = APIRouter(tags=["pages"])

Format = Annotated[str | None, Query(description="json (default) or html; Accept: text/html also gives HTML")]
_QUOTE = {"document": "000_b3942fa4ac1e5b1c.txt", "quote": "article 34", "start": 9120, "end": 9130}
_LINK = "/graph/view?iri=https%3A%2F%2Fw3id.org%2Frightsgraph%2Fid%2Fcommunication%2FAL-CHN-3-2021"


def _responses(example: Any, title: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI: a JSON example, an HTML example, and the error shape."""
    return {200: {"description": "JSON (default) or an HTML page",
                  "content": {"application/json": {"example": example},
                              "text/html": {"example": render("error.html", title=title, message="…")}}},
            **{code: ERROR_RESPONSES[code] for code in (400, 404)}}


def _answer(request: Request, fmt: str | None, compute: Callable[[], dict[str, Any]],
            render: Callable[[dict[str, Any]], str]) -> Response:
    wants_html = wants_alternative(request, fmt, "html", "text/html")
    data = compute()
    return HTMLResponse(render(data)) if wants_html else JSONResponse(data)


def parse_as_of(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` or None; anything else is a 400."""
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"as_of must be a date YYYY-MM-DD, not {value!r}", details={"as_of": value}) from None


def search_index_of(request: Request) -> PassageIndex:
    """The passage index of the app's store (``app.state.search_cache``)."""
    return request.app.state.search_cache.get(request.app.state.store)


# --- routes ------------------------------------------------------------------------------------


@router.get("/", response_model=FrontDoor, summary="The front door: search, State picker, instruments, recent letters, counts, data currency",
            responses={200: {"description": "An HTML page (JSON with ?format=json)",
                             "content": {"text/html": {"example": "<!doctype html>…"},
                                         "application/json": {"example": {"counts": {"communications": 4}}}}}})
def home(request: Request, format: Annotated[str | None, Query(description="html (default) or json")] = None) -> Response:  # noqa: A002
    data = front_door(request.app.state.store)
    if format == "json":
        return JSONResponse(data)
    if format not in (None, "", "html"):
        raise UsageError(f"format must be html or json, not {format!r}", details={"format": format})
    return HTMLResponse(render("home.html", title="rightsgraph", heading="rightsgraph: the lawyer's workbench", front=data))


@router.get("/states", summary="The State picker: any name or code, redirected to the State's brief",
            status_code=303, responses={303: {"description": "See /states/{iso3}"}, 404: ERROR_RESPONSES[404]})
def pick_state(q: Annotated[str, Query(min_length=1, max_length=200, description="a State's name or ISO code")]) -> Response:
    """Unknown names are a 404 ``state_not_found`` listing close matches."""
    return RedirectResponse(pages.state_url(find_state(q).iso3), status_code=303)


_BRIEF_FORMATS = ("html", "pdf", "docx")


@router.get("/states/{state_id}", response_class=HTMLResponse, summary="The State's brief: HTML page, PDF or DOCX with footnoted sources",
            responses={200: {"description": "HTML (default), PDF (?format=pdf) or DOCX (?format=docx)",
                             "content": {"text/html": {"example": "<!doctype html>…"}, "application/pdf": {},
                                         DOCX_TYPE: {}}},
                       **{code: ERROR_RESPONSES[code] for code in (400, 404)}})
def state_page(request: Request, state_id: str, as_of: str | None = None,
               format: Annotated[str | None, Query(description="html (default), pdf or docx")] = None) -> Response:  # noqa: A002
    """``state_id``: ISO alpha-3 or alpha-2 code or any name; ``as_of``: YYYY-MM-DD."""
    fmt = format or "html"
    if fmt not in _BRIEF_FORMATS:
        raise UsageError(f"format must be one of {', '.join(_BRIEF_FORMATS)}, not {fmt!r}", details={"format": fmt})
    store = request.app.state.store
    result = bounded_obligations(store, state_id, parse_as_of(as_of))  # the per-State view when current
    data = brief(result, Citer(store).cite)
    name = f"obligations-{result['state']['iso3']}" + (f"-{result['as_of']}" if result["as_of"] else "")
    if fmt == "pdf":
        return _download(brief_pdf(data), "application/pdf", f"{name}.pdf")
    if fmt == "docx":
        return _download(brief_docx(data), DOCX_TYPE, f"{name}.docx")
    return HTMLResponse(brief_html(data, _brief_links(result)))


def _brief_links(result: dict[str, Any]) -> list[tuple[str, str]]:
    iso3 = result["state"]["iso3"]
    query = f"&as_of={result['as_of']}" if result["as_of"] else ""
    return [("PDF", f"/states/{iso3}?format=pdf{query}"), ("Word (DOCX)", f"/states/{iso3}?format=docx{query}"),
            ("JSON", f"/states/{iso3}/obligations?format=json{query}"), ("Network", f"/states/{iso3}/graph")]


def _download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})



@router.get("/communications/{reference:path}", response_model=CommunicationPage, summary="A letter: addressee, mandates, reply, citations, companies, sources",
            responses=_responses({"reference": "AL CHN 3/2021", "type": "AL", "date": "2021-03-30",
                                  "response": {"deadline_days": 60, "deadline": "2021-05-29", "replied": False, "replies": []},
                                  "citations": [{"instrument": "CRC", "provisions": [
                                      {"number": "34", "label": "CRC art. 34", "citations": [_QUOTE]}]}],
                                  "links": {"network": _LINK}}, "AL CHN 3/2021"))
def communication(request: Request, reference: str, format: Format = None) -> Response:  # noqa: A002
    """``reference`` is the whole rest of the path ("AL CHN 3/2021"); unknown: 404."""
    return _answer(request, format, lambda: pages.communication_page(request.app.state.store, reference),
                   render_communication)


# Bounded lists (issue 18): a page embeds the first ``per_page`` items of each list with its
# total and a link to the list's own route, which pages it (``?page=``).



def _list_answer(request: Request, fmt: str | None, kind: str, key: tuple[str, ...], name: str, paging: Paging,
                 item: str | None) -> Response:
    return _answer(request, fmt, lambda: pages.entity_list(request.app.state.store, kind, key, name, paging, item),
                   lambda data: render_list(kind, key, name, data))


@router.get("/provisions/{instrument}/{number}", response_model=ProvisionPage, summary="A provision: its text, the States bound, the letters citing it",
            responses=_responses({"instrument": "CRC", "number": "34", "label": "CRC art. 34",
                                  "texts": [{"text": "States Parties undertake to protect the child …",
                                             "source": {**_QUOTE, "document": "crc_articles.txt"}}],
                                  "states_bound": [{"iso3": "CHN", "name": "China", "since": "1992-03-02"}],
                                  "states_bound_total": 196, "states_bound_next": "/provisions/CRC/34/states_bound?page=2",
                                  "cited_by": [{"work": "AL CHN 3/2021", "passages": [_QUOTE], "passages_total": 1,
                                                "passages_next": None}]}, "CRC art. 34"))
def provision(request: Request, instrument: str, number: str, per_page: PerPage = DEFAULT_PER_PAGE,
              sources: Sources = DEFAULT_SOURCES, format: Format = None) -> Response:  # noqa: A002
    paging = Paging(per_page=per_page, sources=sources)
    return _answer(request, format, lambda: pages.provision_page(request.app.state.store, instrument, number, paging),
                   render_provision)


@router.get("/provisions/{instrument}/{number}/{list_name}", response_model=BoundedList,
            summary="One page of a provision page's list: states_bound, cited_by, reservations or recommendations",
            responses=_responses({"items": [], "total": 196, "page": 2, "per_page": 20,
                                  "next": "/provisions/CRC/34/states_bound?page=3"}, "CRC art. 34: States bound"))
def provision_list(request: Request, instrument: str, number: str, list_name: str, page: PageNumber = 1,
                   per_page: PerPage = DEFAULT_PER_PAGE, sources: Sources = DEFAULT_SOURCES,
                   sources_page: SourcesPage = 1, party: str | None = None, work: str | None = None,
                   format: Format = None) -> Response:  # noqa: A002
    """``party`` (ISO3) or ``work`` (reference, symbol or file name) narrows the list to one item."""
    paging = Paging(page, per_page, sources, sources_page)
    return _list_answer(request, format, "provision", (instrument, number), list_name, paging, party or work)


@router.get("/instruments/{instrument}", response_model=InstrumentPage, summary="An instrument: parties with their actions and sources, provisions cited most",
            responses=_responses({"instrument": "OPSC", "title": "Optional Protocol … sale of children …", "binding": True,
                                  "parties": [{"iso3": "CHN", "name": "China", "status": "party", "since": "2002-12-03"}],
                                  "parties_total": 178, "parties_next": "/instruments/OPSC/parties?page=2",
                                  "most_cited_provisions": [{"number": "2", "label": "OPSC art. 2", "count": 1}]}, "OPSC"))
def instrument(request: Request, instrument: str, per_page: PerPage = DEFAULT_PER_PAGE,
               sources: Sources = DEFAULT_SOURCES, format: Format = None) -> Response:  # noqa: A002
    paging = Paging(per_page=per_page, sources=sources)
    return _answer(request, format, lambda: pages.instrument_page(request.app.state.store, instrument, paging),
                   render_instrument)


@router.get("/instruments/{instrument}/{list_name}", response_model=BoundedList,
            summary="One page of an instrument page's list: parties, reservations or recommendations",
            responses=_responses({"items": [], "total": 196, "page": 2, "per_page": 20,
                                  "next": "/instruments/CRC/parties?page=3"}, "CRC: parties"))
def instrument_list(request: Request, instrument: str, list_name: str, page: PageNumber = 1,
                    per_page: PerPage = DEFAULT_PER_PAGE, sources: Sources = DEFAULT_SOURCES,
                    sources_page: SourcesPage = 1, party: str | None = None,
                    format: Format = None) -> Response:  # noqa: A002
    """``party`` (ISO3) narrows ``parties`` to one State, so its sources can be paged."""
    paging = Paging(page, per_page, sources, sources_page)
    return _list_answer(request, format, "instrument", (instrument,), list_name, paging, party)


@router.get("/companies/{name}", response_model=CompanyPage, summary="A company: home State, owners, the passages naming it",
            responses=_responses({"company": "Omegle", "home_states": [{"iso3": "USA", "name": "United States"}],
                                  "mentioned_in": [{"work": "AL CHN 3/2021", "passages": [_QUOTE]}],
                                  "mentioned_in_total": 2, "mentioned_in_next": None}, "Omegle"))
def company(request: Request, name: str, per_page: PerPage = DEFAULT_PER_PAGE, sources: Sources = DEFAULT_SOURCES,
            format: Format = None) -> Response:  # noqa: A002
    """``name``: any form of the name ("Omegle.com LLC" = "Omegle"); unknown: 404."""
    paging = Paging(per_page=per_page, sources=sources)
    return _answer(request, format, lambda: pages.company_page(request.app.state.store, name, paging), render_company)


@router.get("/companies/{name}/{list_name}", response_model=BoundedList,
            summary="One page of a company page's list: mentioned_in, addressed_by or recommendations_to_business",
            responses=_responses({"items": [], "total": 2, "page": 1, "per_page": 20, "next": None}, "Omegle: mentioned in"))
def company_list(request: Request, name: str, list_name: str, page: PageNumber = 1,
                 per_page: PerPage = DEFAULT_PER_PAGE, sources: Sources = DEFAULT_SOURCES,
                 sources_page: SourcesPage = 1, work: str | None = None,
                 format: Format = None) -> Response:  # noqa: A002
    paging = Paging(page, per_page, sources, sources_page)
    return _list_answer(request, format, "company", (name,), list_name, paging, work)


@router.get("/mandates/{mandate_id}", response_model=MandatePage, summary="A Special Procedures mandate: holders and the letters sent on its behalf",
            responses=_responses({"mandate": "sale-of-children", "holders": [{"name": "Mama Fatima Singhateh",
                                                                             "signed": ["AL CHN 3/2021"]}],
                                  "communications": [{"reference": "AL CHN 3/2021", "date": "2021-03-30"}],
                                  "communications_total": 1, "communications_next": None},
                                 "sale-of-children"))
def mandate(request: Request, mandate_id: str, per_page: PerPage = DEFAULT_PER_PAGE,
            sources: Sources = DEFAULT_SOURCES, format: Format = None) -> Response:  # noqa: A002
    paging = Paging(per_page=per_page, sources=sources)
    return _answer(request, format, lambda: pages.mandate_page(request.app.state.store, mandate_id, paging),
                   render_mandate)


@router.get("/mandates/{mandate_id}/{list_name}", response_model=BoundedList,
            summary="One page of a mandate page's list: holders, communications or replies",
            responses=_responses({"items": [], "total": 12, "page": 1, "per_page": 20, "next": None},
                                 "sale-of-children: communications"))
def mandate_list(request: Request, mandate_id: str, list_name: str, page: PageNumber = 1,
                 per_page: PerPage = DEFAULT_PER_PAGE, sources: Sources = DEFAULT_SOURCES,
                 sources_page: SourcesPage = 1, holder: str | None = None,
                 format: Format = None) -> Response:  # noqa: A002
    paging = Paging(page, per_page, sources, sources_page)
    return _list_answer(request, format, "mandate", (mandate_id,), list_name, paging, holder)


@router.get("/search", response_model=SearchAnswer, summary="Full-text search over every passage of every document",
            responses=_responses({"query": "live video", "filters": {}, "operators": False, "engine": "fts5", "count": 1,
                                  "hits": [{**_QUOTE, "quote": "… via live video streaming …",
                                            "work": {"kind": "communication", "reference": "AL CHN 3/2021"},
                                            "snippet": [{"text": "… via ", "mark": False}, {"text": "live", "mark": True},
                                                        {"text": " ", "mark": False}, {"text": "video", "mark": True},
                                                        {"text": " streaming …", "mark": False}]}]},
                                 "live video"))
def search_passages(request: Request, q: Annotated[str, Query(min_length=1, max_length=1000,
                                                              description='words (all must occur, any form: "verify" finds "verification"), '
                                                                          '"a phrase" in quotes; text, never syntax')],
                    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
                    kind: Annotated[str | None, Query(description="communication, reply, report, treaty_status, treaty_text")] = None,
                    state: Annotated[str | None, Query(description="a State the document is addressed to or sent by (code or name)")] = None,
                    year: Annotated[int | None, Query(ge=1900, le=2100, description="year of the letter, reply or report")] = None,
                    mandate: Annotated[str | None, Query(description="mandate id, e.g. sale-of-children")] = None,
                    operators: Annotated[bool, Query(description="read q as SQLite FTS5 syntax: AND, OR, NOT, prefix*, NEAR()")] = False,
                    format: Format = None) -> Response:  # noqa: A002
    """Every paragraph of every document, stemmed for English, French and Spanish; hits
    carry a highlighted ``snippet``. Only ``operators=true`` can make a malformed query (400)."""
    filters = Filters(kind or None, find_state(state).iso3 if state else None, year, mandate or None)
    return _answer(request, format, lambda: search(search_index_of(request), q, limit, filters, operators), render_search)


# --- HTML --------------------------------------------------------------------------------------


def render_communication(page: dict[str, Any]) -> str:
    return render("communication.html", title=page["reference"], page=page)


def render_provision(page: dict[str, Any]) -> str:
    return render("provision.html", title=f"{page['label']} — {page['instrument_title']}", page=page)


def render_instrument(page: dict[str, Any]) -> str:
    return render("instrument.html", title=page["instrument"], heading=f"{page['instrument']} — {page['title']}", page=page)


def render_company(page: dict[str, Any]) -> str:
    return render("company.html", title=page["company"], page=page)


def render_mandate(page: dict[str, Any]) -> str:
    return render("mandate.html", title=page["title"], page=page)


_LIST_TITLES = {"states_bound": "States bound", "cited_by": "Cited by", "recommendations": "Report recommendations",
                "parties": "Participants", "reservations": "Reservations, declarations and objections", "mentioned_in": "Passages naming it", "addressed_by": "Letters addressed to it",
                "recommendations_to_business": "Recommendations to business", "holders": "Mandate holders",
                "communications": "Communications", "replies": "Replies"}


def render_list(kind: str, key: tuple[str, ...], name: str, data: dict[str, Any]) -> str:
    subject = " ".join(key) if kind != "provision" else pages.provision_label(*key)
    title = f"{subject}: {_LIST_TITLES.get(name, name)}"
    return render("list.html", title=title, name=name, result=data)


def render_search(result: dict[str, Any]) -> str:
    for hit in result["hits"]:
        work = hit["work"] or {}
        is_letter = work.get("kind") == "communication" and work.get("reference")
        hit["href"] = pages.communication_url(work["reference"]) if is_letter else None
    title = f"Search: {result['query']}" if result["query"] else "Search"
    return render("search.html", title=title, result=result)
