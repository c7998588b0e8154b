"""The HTTP service: ``create_app(store, settings)`` builds it; nothing global.

The store, the settings and the query runner live on ``app.state``. On startup the reference
data (States, instruments, provisions, mandates) is written when missing or stale. Every error
answer has the one JSON shape of :mod:`rightsgraph.api.errors`.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rightsgraph.api.errors import ERROR_RESPONSES, RequestTooLargeError, install_error_handlers
from rightsgraph.api.graph_store import router as graph_store_router
from rightsgraph.api.head import HeadAsGet
from rightsgraph.api.linked_data_routes import router as linked_data_router
from rightsgraph.api.models import DocumentUpload, Health, ObligationsAnswer
from rightsgraph.api.negotiation import wants_alternative
from rightsgraph.api.complaint_routes import router as complaint_routes_router
from rightsgraph.api.paging_params import PerPage, Sources
from rightsgraph.api.facts_routes import router as facts_router
from rightsgraph.api.pages_routes import parse_as_of
from rightsgraph.api.pages_routes import router as pages_router
from rightsgraph.api.reports_routes import router as reports_router
from rightsgraph.api.query_worker import query_runner_for
from rightsgraph.api.settings import Settings
from rightsgraph.api.sparql_endpoint import check_write_access
from rightsgraph.api.sparql_endpoint import router as sparql_router
from rightsgraph.api.views_routes import router as views_router
from rightsgraph.errors import UsageError
from rightsgraph.graph.derivation import stale_graph_count
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.network import NetworkCache
from rightsgraph.graph.obligations import render_obligations_markdown
from rightsgraph.graph.obligations_bounds import bound_obligations
from rightsgraph.graph.pages_paging import DEFAULT_PER_PAGE, DEFAULT_SOURCES
from rightsgraph.graph.obligations_view import bounded_obligations
from rightsgraph.graph.search import SearchCache
from rightsgraph.graph.store_cache import StoreCache
from rightsgraph.graph.store import Store
from rightsgraph.loaders.pipeline import load_bytes

__all__ = ["create_app"]

OBLIGATIONS_EXAMPLE: dict[str, Any] = bound_obligations({  # the full answer as the route bounds it
    "state": {"iso3": "CHN", "name": "China"},
    "as_of": "2021-03-30",
    "groups": [{"id": "bound", "title": "Bound: party, in force for the State",
                "note": "The State is a party and the instrument is in force for it on the date asked.",
                "instruments": ["CRC"]}],
    "obligations": [
        {
            "instrument": "CRC",
            "title": "Convention on the Rights of the Child",
            "binds_state": True,
            "binding": True,
            "hard_law": True,
            "group": "bound",
            "status": "party",
            "events": [{"kind": "ratification", "date": "1992-03-02",
                        "sources": [{"document": "AL CHN 3/2021", "quote": "ratified ... on 2 March 1992",
                                     "start": 10412, "end": 10470}]}],
            "entry_into_force": "1992-04-01",
            "entry_into_force_rule": "art. 49(2): thirtieth day after deposit",
            "entry_into_force_bounds": None,
            "status_as_at": "2021-03-30",
            "status_as_at_source": "AL CHN 3/2021",
            "status_sources": [{"document": "AL CHN 3/2021", "as_at": "2021-03-30", "as_at_origin": "document date",
                                "listed_status": None},
                               {"document": "treaties_4-11.csv", "as_at": "2014-10-26",
                                "as_at_origin": "ingest-option", "listed_status": None}],
            "warnings": [],
            "reservations": [],
            "territories": [],
            "cited_provisions": [{"provision": "34", "communications": ["AL CHN 3/2021"]}],
            "ends": [],
            "conflicts": [],
        }
    ],
    "complaint_routes": [],
    "companies": [{"name": "TikTok", "communications": ["AL CHN 3/2021"]}],
    "communications": [{"reference": "AL CHN 3/2021", "date": "2021-03-30", "replies": []}],
})


def create_app(store: Store, settings: Settings | None = None) -> FastAPI:
    """The service over ``store`` (which the caller opens and closes)."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if await run_in_threadpool(ensure_reference_data, store):
            app.state.query_runner.invalidate()
        # Built once, in the background: searches wait for it, no other request does. The
        # store outlives the app, so shutting down waits for a build still reading it.
        index_build = threading.Thread(target=app.state.search_cache.get, args=(store,), daemon=True,
                                       name="search-index")
        index_build.start()
        yield
        index_build.join()
        app.state.query_runner.close()

    app = FastAPI(
        title="rightsgraph",
        summary="A sourced knowledge graph of UN human-rights law on the online sexual exploitation of children",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.query_runner = query_runner_for(
        store, settings.query_timeout, settings.result_limit, settings.query_workers
    )
    app.state.network_cache = NetworkCache()
    app.state.search_cache = SearchCache()
    # Listing the graphs checks each is non-empty (~85 µs a graph on disk: ~7 s at 80k
    # graphs), too slow for every liveness probe; the count changes only with the store.
    app.state.graph_count_cache = StoreCache(lambda opened: (len(opened.graphs()), stale_graph_count(opened)))
    install_error_handlers(app)
    app.add_middleware(BodyLimit, max_body=settings.max_body)
    app.add_middleware(HeadAsGet)
    app.include_router(graph_store_router)  # before /sparql: /sparql/editor is more specific
    app.include_router(sparql_router)
    app.include_router(views_router)
    app.include_router(pages_router)
    app.include_router(reports_router)
    app.include_router(complaint_routes_router)
    app.include_router(facts_router)
    app.include_router(linked_data_router)
    _add_routes(app)
    return app


class BodyLimit:
    """Refuse request bodies over ``max_body`` bytes (413 ``request_too_large``)."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            response = JSONResponse(self._error().to_json(), status_code=413)
            await response(scope, receive, send)
            return
        await self.app(scope, self._counting(receive), send)

    def _error(self) -> RequestTooLargeError:
        return RequestTooLargeError(
            f"the request body is larger than {self.max_body} bytes", details={"limit": self.max_body}
        )

    def _counting(self, receive: Receive) -> Callable[[], Awaitable[Message]]:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise self._error()
            return message

        return counted


def _add_routes(app: FastAPI) -> None:
    @app.get("/health", response_model=Health, response_model_exclude_none=True,
             summary="Liveness, store size and stale document graphs",
             responses={200: {"content": {"application/json": {"example": {
                 "status": "ok", "graphs": 7, "stale_graphs": 0}}}}})
    async def health(request: Request) -> dict[str, Any]:
        """``stale_graphs``: document graphs an older version of the pipeline derived (their
        facts may miss what this version extracts); ``rightsgraph upgrade`` derives them again."""
        cache: StoreCache[tuple[int, int]] = request.app.state.graph_count_cache
        graphs, stale = await run_in_threadpool(cache.get, request.app.state.store)
        answer: dict[str, Any] = {"status": "ok", "graphs": graphs, "stale_graphs": stale}
        if stale:
            answer["warning"] = f"{stale} document graphs are stale: run `rightsgraph upgrade`"
        return answer

    @app.get(
        "/states/{state_id}/obligations",
        response_model=ObligationsAnswer,
        summary="Treaty obligations of a State, every fact with its first sources and their count",
        responses={
            200: {"description": "The obligations (JSON), or the printable brief with ?format=md",
                  "content": {"application/json": {"example": OBLIGATIONS_EXAMPLE},
                              "text/markdown": {"example": "# Obligations of China\n..."}}},
            **{status: ERROR_RESPONSES[status] for status in (400, 404)},
        },
    )
    async def state_obligations(
        request: Request,
        state_id: str,
        as_of: Annotated[str | None, Query(description="YYYY-MM-DD: status on that day")] = None,
        format: Annotated[str | None, Query(description="json (default) or md")] = None,  # noqa: A002
        sources: Sources = DEFAULT_SOURCES,
        per_page: PerPage = DEFAULT_PER_PAGE,
    ) -> Response:
        """``state_id`` is an ISO alpha-3 or alpha-2 code or a name. With ``as_of``, an
        instrument not yet in force for the State on that day is not ``party``. Each list
        that grows with the corpus shows its first ``sources`` items (the State's letters:
        ``per_page``, most recent first), its total and a link to the rest."""
        date = parse_as_of(as_of)
        markdown = wants_alternative(request, format, "md", "text/markdown")
        result = await run_in_threadpool(bounded_obligations, request.app.state.store, state_id, date, sources, per_page)
        if markdown:
            return Response(render_obligations_markdown(result), media_type="text/markdown; charset=utf-8")
        return JSONResponse(result)

    @app.post(
        "/documents",
        response_model=DocumentUpload,
        summary="Ingest a document (needs the write token)",
        responses={
            200: {"content": {"application/json": {"example": {
                "source": "al_chn_3_2021.txt", "graph": "https://rightsgraph.org/graph/document/ab12...",
                "triples": 412, "outcome": "added", "replaced": [], "warnings": []}}}},
            **{status: ERROR_RESPONSES[status] for status in (400, 401, 403, 413, 422)},
        },
    )
    async def post_document(
        request: Request,
        filename: Annotated[str | None, Query(description="name of a raw-body upload")] = None,
        instrument: Annotated[str | None, Query(description="instrument id of a status table, e.g. OPSC")] = None,
    ) -> dict[str, Any]:
        """Multipart upload (field ``file``) or the raw body with ``?filename=``; the same
        pipeline as ``rightsgraph ingest``."""
        check_write_access(request, request.app.state.settings)
        data, name = await _uploaded(request, filename)
        store: Store = request.app.state.store
        facts = await run_in_threadpool(lambda: load_bytes(data, name, instrument=instrument))
        result = await run_in_threadpool(ingest_facts, store, facts)
        request.app.state.query_runner.invalidate()
        await run_in_threadpool(request.app.state.search_cache.graphs_written, store, [result.graph, *result.replaced])
        return {
            "source": result.source, "graph": result.graph, "triples": result.triples,
            "outcome": result.outcome, "replaced": list(result.replaced),
            "warnings": [warning.message for warning in facts.warnings],
        }


async def _uploaded(request: Request, filename: str | None) -> tuple[bytes, str]:
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise UsageError("the multipart upload needs a 'file' field")
        return await upload.read(), filename or upload.filename or "upload"
    if not filename:
        raise UsageError("a raw-body upload needs ?filename=NAME (its extension picks the reader)")
    return await request.body(), filename


