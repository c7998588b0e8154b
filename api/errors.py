"""One JSON error shape for every 4xx/5xx answer of the service.

``{"error": {"status", "code", "message", "details"}}`` — the shape of
:meth:`rightsgraph.errors.RightsgraphError.to_json`. Expected errors keep their status and
code; request validation errors become 400 ``invalid_request``; unknown routes 404
``not_found``; anything else is a bug: its traceback is logged and the answer is a 500
``internal_error`` that reveals nothing of it.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from rightsgraph.errors import RightsgraphError

__all__ = ["ERROR_RESPONSES", "RequestTooLargeError", "error_body", "install_error_handlers"]

log = logging.getLogger("rightsgraph.api")


class RequestTooLargeError(RightsgraphError):
    """A request body over ``RIGHTSGRAPH_MAX_BODY``."""

    status = 413
    code = "request_too_large"


def error_body(status: int, code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    """The one error shape as a dict."""
    return {"error": {"status": status, "code": code, "message": message, "details": details or {}}}


def error_response(error: RightsgraphError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
    return JSONResponse(error.to_json(), status_code=error.status, headers=headers)


async def _expected(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RightsgraphError)
    return error_response(error)


async def _validation(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = [
        {"location": [str(part) for part in item.get("loc", ())], "message": item.get("msg", "")}
        for item in error.errors()
    ]
    body = error_body(400, "invalid_request", "the request is not valid", {"problems": problems})
    return JSONResponse(body, status_code=400)


async def _http(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    codes = {404: "not_found", 405: "method_not_allowed", 406: "not_acceptable"}
    code = codes.get(error.status_code, "http_error")
    message = "no such resource" if error.status_code == 404 else str(error.detail)
    return JSONResponse(error_body(error.status_code, code, message), status_code=error.status_code,
                        headers=getattr(error, "headers", None))


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    body = error_body(500, "internal_error", "an unexpected error occurred; it has been logged")
    return JSONResponse(body, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RightsgraphError, _expected)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)


def _example(status: int, code: str, message: str, details: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"example": error_body(status, code, message, details)}}}


#: OpenAPI descriptions of the error answers, for ``responses=`` of the routes.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "Invalid request (bad parameter, SPARQL syntax error)",
          **_example(400, "sparql_syntax_error", "SPARQL syntax error at line 1, column 10: ...",
                     {"line": 1, "column": 10})},
    401: {"description": "A write without credentials",
          **_example(401, "unauthorized", "this request needs a bearer token", {})},
    403: {"description": "Refused: wrong token, writes disabled, SERVICE or LOAD",
          **_example(403, "query_refused", "SERVICE is not allowed: queries never leave this store",
                     {"keyword": "SERVICE"})},
    404: {"description": "Unknown State or resource",
          **_example(404, "state_not_found", "no State matches 'Chna'",
                     {"query": "Chna", "close_matches": [{"iso3": "CHN", "name": "China"}]})},
    413: {"description": "Request body or result too large",
          **_example(413, "result_too_large", "the query gives more than 10000 results", {"limit": 10000})},
    422: {"description": "A document that cannot be loaded",
          **_example(422, "document_empty", "empty.txt: the document is empty", {"document": "empty.txt"})},
    500: {"description": "A bug (logged)",
          **_example(500, "internal_error", "an unexpected error occurred; it has been logged", {})},
    503: {"description": "Query timeout or store unavailable",
          **_example(503, "query_timeout", "the query ran longer than 10 s and was stopped", {"timeout": 10})},
}
