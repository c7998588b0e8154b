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

import html
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from rightsgraph.api.errors import ERROR_RESPONSES
from rightsgraph.api.models import (
    CommunicationPage, CompanyPage, InstrumentPage, MandatePage, ProvisionPage, SearchAnswer,
)
from rightsgraph.api.negotiation import wants_alternative
from rightsgraph.graph import pages
from rightsgraph.graph.search import MAX_LIMIT, PassageIndex, search

__all__ = ["router", "search_index_of"]

router = APIRouter(tags=["pages"])

Format = Annotated[str | None, Query(description="json (default) or html; Accept: text/html also gives HTML")]
_QUOTE = {"document": "000_b3942fa4ac1e5b1c.txt", "quote": "article 34", "start": 9120, "end": 9130}
_LINK = "/graph/view?iri=https%3A%2F%2Fw3id.org%2Frightsgraph%2Fid%2Fcommunication%2FAL-CHN-3-2021"


def _responses(example: Any, title: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI: a JSON example, an HTML example, and the error shape."""
    page = f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{title}</title></head><body>…</body></html>"
    return {200: {"description": "JSON (default) or an HTML page",
                  "content": {"application/json": {"example": example}, "text/html": {"example": page}}},
            **{code: ERROR_RESPONSES[code] for code in (400, 404)}}


def _answer(request: Request, fmt: str | None, compute: Callable[[], dict[str, Any]],
            render: Callable[[dict[str, Any]], str]) -> Response:
    wants_html = wants_alternative(request, fmt, "html", "text/html")
    data = compute()
    return HTMLResponse(render(data)) if wants_html else JSONResponse(data)


def search_index_of(request: Request) -> PassageIndex:
    """The passage index of the app's store (``app.state.search_cache``)."""
    return request.app.state.search_cache.get(request.app.state.store)


# --- routes ------------------------------------------------------------------------------------


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


@router.get("/provisions/{instrument}/{number}", response_model=ProvisionPage, summary="A provision: its text, the States bound, the letters citing it",
            responses=_responses({"instrument": "CRC", "number": "34", "label": "CRC art. 34",
                                  "texts": [{"text": "States Parties undertake to protect the child …",
                                             "source": {**_QUOTE, "document": "crc_articles.txt"}}],
                                  "states_bound": [{"iso3": "CHN", "name": "China", "since": "1992-03-02"}],
                                  "cited_by": [{"work": "AL CHN 3/2021", "passages": [_QUOTE]}]}, "CRC art. 34"))
def provision(request: Request, instrument: str, number: str, format: Format = None) -> Response:  # noqa: A002
    return _answer(request, format, lambda: pages.provision_page(request.app.state.store, instrument, number),
                   render_provision)


@router.get("/instruments/{instrument}", response_model=InstrumentPage, summary="An instrument: parties with their actions and sources, provisions cited most",
            responses=_responses({"instrument": "OPSC", "title": "Optional Protocol … sale of children …", "binding": True,
                                  "parties": [{"iso3": "CHN", "name": "China", "status": "party", "since": "2002-12-03"}],
                                  "most_cited_provisions": [{"number": "2", "label": "OPSC art. 2", "count": 1}]}, "OPSC"))
def instrument(request: Request, instrument: str, format: Format = None) -> Response:  # noqa: A002
    return _answer(request, format, lambda: pages.instrument_page(request.app.state.store, instrument),
                   render_instrument)


@router.get("/companies/{name}", response_model=CompanyPage, summary="A company: home State, owners, the passages naming it",
            responses=_responses({"company": "Omegle", "home_states": [{"iso3": "USA", "name": "United States"}],
                                  "mentioned_in": [{"work": "AL CHN 3/2021", "passages": [_QUOTE]}]}, "Omegle"))
def company(request: Request, name: str, format: Format = None) -> Response:  # noqa: A002
    """``name``: any form of the name ("Omegle.com LLC" = "Omegle"); unknown: 404."""
    return _answer(request, format, lambda: pages.company_page(request.app.state.store, name), render_company)


@router.get("/mandates/{mandate_id}", response_model=MandatePage, summary="A Special Procedures mandate: holders and the letters sent on its behalf",
            responses=_responses({"mandate": "sale-of-children", "holders": [{"name": "Mama Fatima Singhateh",
                                                                             "signed": ["AL CHN 3/2021"]}],
                                  "communications": [{"reference": "AL CHN 3/2021", "date": "2021-03-30"}]},
                                 "sale-of-children"))
def mandate(request: Request, mandate_id: str, format: Format = None) -> Response:  # noqa: A002
    return _answer(request, format, lambda: pages.mandate_page(request.app.state.store, mandate_id), render_mandate)


@router.get("/search", response_model=SearchAnswer, summary="Full-text search over every quoted passage (SQLite FTS5 syntax)",
            responses=_responses({"query": "live video", "engine": "fts5", "count": 1,
                                  "hits": [{**_QUOTE, "quote": "… via live video streaming …",
                                            "work": {"kind": "communication", "reference": "AL CHN 3/2021"}}]},
                                 "live video"))
def search_passages(request: Request, q: Annotated[str, Query(min_length=1, max_length=1000, description="FTS5 query")],
                    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20, format: Format = None) -> Response:  # noqa: A002
    """Words, ``"phrases"``, ``AND``/``OR``/``NOT``, ``prefix*``; a malformed query is a 400."""
    return _answer(request, format, lambda: search(search_index_of(request), q, limit), render_search)


# --- HTML --------------------------------------------------------------------------------------

_STYLE = ("body{font-family:serif;max-width:60em;margin:2em auto;padding:0 1em}"
          "blockquote{border-left:3px solid #999;margin:.3em 0 .3em 1em;padding-left:.6em}"
          "small{color:#555}h2{border-bottom:1px solid #ccc}")


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _a(href: str | None, text: Any) -> str:
    return f"<a href=\"{_e(href)}\">{_e(text)}</a>" if href else _e(text)


def _page(title: str, links: dict[str, str], *sections: str) -> str:
    nav = " · ".join(_a(href, name) for name, href in links.items() if name != "self")
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{_e(title)} — rightsgraph</title>"
            f"<style>{_STYLE}</style></head><body><h1>{_e(title)}</h1><p><small>{nav}</small></p>"
            + "".join(sections) + "</body></html>")


def _section(heading: str, items: list[str], empty: str = "none in the graph") -> str:
    body = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else f"<p><i>{_e(empty)}</i></p>"
    return f"<h2>{_e(heading)}</h2>{body}"


def _quote(source: dict[str, Any]) -> str:
    return (f"<blockquote>{_e(source['quote'])}</blockquote>"
            f"<small>{_e(source['document'])}, characters {source['start']}–{source['end']}</small>")


def _party(party: dict[str, Any]) -> str:
    links = party.get("links", {})
    return _a(links.get("obligations") or links.get("network"), party["name"])


def _facts(pairs: list[tuple[str, Any]]) -> str:
    rows = "".join(f"<tr><th align=left>{_e(k)}</th><td>{v}</td></tr>" for k, v in pairs)
    return f"<table>{rows}</table>"


def render_communication(page: dict[str, Any]) -> str:
    response = page["response"]
    addressee = page["addressee"]
    to = [_party(s) for s in addressee["states"]] + [_a(c["links"]["page"], c["name"]) for c in addressee["companies"]]
    summary = _facts([
        ("Type", _e(page["type"])), ("Date", _e(page["date"])), ("Addressee", ", ".join(to) or "unknown"),
        ("Person addressed", _e(", ".join(addressee["persons"]))),
        ("Reply due", _e(f"{response['deadline']} ({response['deadline_days']} days)" if response["deadline"] else "not stated")),
        ("Replied", "yes" if response["replied"] else "no reply in the graph"),
        ("Also sent to", ", ".join(_party(s) for s in page["also_sent_to"])),
    ])
    citations = []
    for group in page["citations"]:
        items = [f"{_a(p['links']['page'], p['label'])}" + "".join(_quote(c) for c in p["citations"])
                 for p in group["provisions"]]
        items += [_quote(c) for c in group["instrument_only"]]
        citations.append(f"<h3>{_a(group['links']['page'], group['title'])}</h3><ul>"
                         + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
    return _page(page["reference"], page["links"], summary,
                 _section(f"Mandates (from the {page['mandates_from'] or 'letter'})",
                          [_a(m["links"]["page"], m["title"] or m["mandate"]) for m in page["mandates"]]),
                 _section("Signatories", [f"{_e(s['name'])} <small>{_e(s['mandate'])}</small>" for s in page["signatories"]]),
                 _section("Replies", [f"{_e(r['date'])} from {_party(r['sender']) if r['sender'] else 'unknown'}: "
                                      + ", ".join(_e(d["file"]) for d in r["documents"]) for r in response["replies"]]),
                 _section("Letters of the same joint action", [f"{_a(s['links']['page'], s['reference'])} "
                                                               f"<small>{_e('; '.join(s['basis']))}</small>"
                                                               for s in page["joint_action"]]),
                 _section("Related letters and follow-ups", [f"{_a(r['links']['page'], r['reference'])} "
                                                             f"<small>{_e(r['role'])}, {_e(r['direction'])}</small>"
                                                             for r in page["related"]]),
                 "<h2>Cited provisions</h2>" + ("".join(citations) or "<p><i>none</i></p>"),
                 _section("Companies named", [_a(c["links"]["page"], c["name"]) + "".join(_quote(s) for s in c["sources"][:3])
                                              for c in page["companies"]]),
                 _section("Ratifications stated", [f"{_party(a['state'])} {_e(a['kind'])} of {_e(a['instrument'])} on "
                                                   f"{_e(a['date'])}{_quote(a['source'])}" for a in page["treaty_actions"]]),
                 _section("Source documents", [f"{_e(d['file'])} <small>sha256 {_e(d['sha256'])}</small>"
                                               for d in page["documents"]]))


def _works(works: list[dict[str, Any]]) -> list[str]:
    return [f"{_a(w['links'].get('page') or w['links']['network'], w['work'])} <small>{_e(w['kind'])} {_e(w['date'])}</small>"
            + "".join(_quote(s) for s in w["passages"]) for w in works]


def render_provision(page: dict[str, Any]) -> str:
    texts = "".join((f"<h3>{_e(t['heading'])}</h3>" if t["heading"] else "")
                    + f"<p style='white-space:pre-wrap'>{_e(t['text'])}</p><small>{_e(t['source']['document'])}, "
                    f"characters {t['source']['start']}–{t['source']['end']}</small>" for t in page["texts"])
    return _page(f"{page['label']} — {page['instrument_title']}", page["links"],
                 "<h2>Text</h2>" + (texts or "<p><i>no treaty text ingested</i></p>"),
                 _section("Cited by", _works(page["cited_by"])),
                 _section(f"States bound ({len(page['states_bound'])})",
                          [f"{_party(s)} <small>{_e(s['joined_by'])} {_e(s['since'])}</small>" for s in page["states_bound"]]))


def render_instrument(page: dict[str, Any]) -> str:
    summary = _facts([("Title", _e(page["title"])), ("Kind", _e(page["kind"])), ("Binding", _e(page["binding"])),
                      ("Adopted", _e(page["adopted"])), ("In force", _e(page["entry_into_force"])),
                      ("Parties", _e(page["party_count"]))])
    parties = [f"{_party(p)} <small>{_e(p['status'])}: "
               + "; ".join(f"{_e(e['kind'])} {_e(e['date'])} ({_e(', '.join(sorted({s['document'] for s in e['sources']})))})"
                           for e in p["events"]) + "</small>" for p in page["parties"]]
    cited = [f"{_a(c['links']['page'], c['label'])} <small>{c['count']}: {_e(', '.join(c['cited_by']))}</small>"
             for c in page["most_cited_provisions"]]
    return _page(page["instrument"], page["links"], summary, _section("Provisions cited most", cited),
                 _section("Participants", parties))


def render_company(page: dict[str, Any]) -> str:
    summary = _facts([("Names", _e(", ".join(page["names"]))),
                      ("Home State", ", ".join(_party(s) for s in page["home_states"]) or "not stated"),
                      ("Owned by", ", ".join(_a(o["links"]["page"], o["name"]) for o in page["owned_by"])),
                      ("Owns", ", ".join(_a(o["links"]["page"], o["name"]) for o in page["owns"]))])
    return _page(page["company"], page["links"], summary,
                 _section("Letters addressed to it", [_a(a["links"].get("page"), a["reference"]) for a in page["addressed_by"]]),
                 _section("Named in", _works(page["mentioned_in"])))


def render_mandate(page: dict[str, Any]) -> str:
    summary = _facts([("Mandate", _e(page["mandate"])), ("Holder", _e(page["holder"])),
                      ("Established", _e(page["established"]))])
    letters = [f"{_a(c['links'].get('page'), c['reference'])} <small>{_e(c['date'])} to {_e(', '.join(c['addressees']))}</small>"
               for c in page["communications"]]
    return _page(page["title"], page["links"], summary,
                 _section("Holders who signed", [f"{_e(h['name'])} <small>{_e(', '.join(h['signed']))}</small>"
                                                 for h in page["holders"]]),
                 _section("Communications on its behalf", letters),
                 _section("Replies to them", [f"{_e(r['date'])} {_a(r['links']['network'], 'network')}" for r in page["replies"]]))


def render_search(result: dict[str, Any]) -> str:
    hits = []
    for hit in result["hits"]:
        work = hit["work"] or {}
        name = work.get("reference") or hit["document"]
        href = pages.communication_url(name) if work.get("kind") == "communication" and work.get("reference") else None
        hits.append(f"{_a(href, name)} <small>{_e(work.get('kind'))}</small>{_quote(hit)}")
    form = (f"<form action='/search'><input name=q value=\"{_e(result['query'])}\">"
            "<input type=hidden name=format value=html><button>Search</button></form>")
    return _page(f"Search: {result['query']}", {}, form, _section(f"{result['count']} passages", hits, "no passage matches"))
