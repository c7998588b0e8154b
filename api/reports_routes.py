"""Reports as citable sources (issue 17): ``GET /reports/{symbol}`` and ``GET /recommendations``.

JSON by default; an HTML page (``api/templates/reports.html``, autoescaped) with
``?format=html`` or ``Accept: text/html``. A report's symbol keeps its slashes in the path:
``/reports/A/79/122``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from rightsgraph.api.errors import ERROR_RESPONSES
from rightsgraph.api.models import RecommendationsAnswer, ReportPage
from rightsgraph.api.negotiation import wants_alternative
from rightsgraph.graph import reports

__all__ = ["router"]

router = APIRouter(tags=["reports"])
_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
)

Format = Annotated[str | None, Query(description="json (default) or html; Accept: text/html also gives HTML")]
_ITEM = {"report": "A/79/122", "id": "100(b)", "cite": "A/79/122, para. 100 (b)",
         "heading": "research and cooperation", "addressee": "states",
         "themes": [{"id": "international-cooperation", "label": "international cooperation"}],
         "text": "Strengthen international cooperation, as required under the Optional Protocol …",
         "source": {"document": "004_79e438d2674d96cf.txt", "quote": "(b) Strengthen international cooperation …",
                    "start": 90780, "end": 91190},
         "instruments": ["OPSC"], "provisions": [], "soft_law": True, "binding": False,
         "links": {"report": "/reports/A/79/122#para-100-b", "instrument_OPSC": "/instruments/OPSC"}}


def _responses(example: Any) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": "JSON (default) or an HTML page",
                  "content": {"application/json": {"example": example}, "text/html": {"example": "<!doctype html>…"}}},
            **{code: ERROR_RESPONSES[code] for code in (400, 404)}}


def _answer(request: Request, fmt: str | None, compute: Callable[[], dict[str, Any]], page: str, title: str) -> Response:
    data = compute()
    if wants_alternative(request, fmt, "html", "text/html"):
        html = _TEMPLATES.get_template("reports.html").render(page=page, data=data, title=title)
        return HTMLResponse(html)
    return JSONResponse(data)


@router.get("/reports/{symbol:path}", response_model=ReportPage, summary="A report: outline, paragraphs, recommendations, each citable",
            responses=_responses({"symbol": "A/79/122", "date": "2024-07-09", "outline": [
                {"number": "VI", "title": "Conclusion and recommendations", "level": 1}],
                "paragraphs": [{"id": "98(b)", "cite": "A/79/122, para. 98 (b)", "text": "Put in place measures …"}],
                "recommendations": [_ITEM]}))
def report(request: Request, symbol: str, format: Format = None) -> Response:  # noqa: A002
    """``symbol`` is the rest of the path ("A/79/122"); unknown: 404."""
    store = request.app.state.store
    return _answer(request, format, lambda: reports.report_page(store, symbol), "report", f"Report {symbol}")


@router.get("/recommendations", response_model=RecommendationsAnswer, summary="Recommendations of reports by addressee, theme, instrument and State (soft law)",
            responses=_responses({"facets": {"addressee": "states"}, "count": 1, "recommendations": [_ITEM]}))
def recommendations(
    request: Request,
    addressee: Annotated[str | None, Query(description="states, business, un or other")] = None,
    theme: Annotated[str | None, Query(description="a theme concept id, e.g. age-verification")] = None,
    instrument: Annotated[str | None, Query(description="an instrument id the recommendation names, e.g. OPSC")] = None,
    state: Annotated[str | None, Query(description="a State (code or name): recommendations addressed to States")] = None,
    report: Annotated[str | None, Query(description="a report symbol, e.g. A/79/122")] = None,
    format: Format = None,  # noqa: A002
) -> Response:
    store = request.app.state.store
    compute = lambda: reports.recommendations(  # noqa: E731
        store, addressee=addressee or None, theme=theme or None, instrument=instrument or None,
        state=state or None, report=report or None)
    return _answer(request, format, compute, "recommendations", "Recommendations")
