"""The one error hierarchy of rightsgraph.

Every error a user can cause derives from :class:`RightsgraphError` and carries an HTTP
status, a stable machine-readable ``code`` and ``details``; the API renders all of them in
one JSON shape (``{"error": {"status", "code", "message", "details"}}``) and the CLI prints
one line. Anything else that escapes is a bug: a 500, logged with its traceback.
"""

from __future__ import annotations

from typing import Any


class RightsgraphError(Exception):
    """Base of every expected error."""

    status: int = 400
    code: str = "bad_request"

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = dict(details or {})

    def to_json(self) -> dict[str, Any]:
        """The one JSON error shape."""
        return {
            "error": {
                "status": self.status,
                "code": self.code,
                "message": self.message,
                "details": self.details,
            }
        }


# --- input documents -------------------------------------------------------------------


class DocumentError(RightsgraphError):
    """A document that cannot be loaded; ``details['document']`` names it."""

    status = 422
    code = "document_invalid"

    def __init__(self, document: str, reason: str, **details: Any) -> None:
        super().__init__(f"{document}: {reason}", details={"document": document, **details})
        self.document = document
        self.reason = reason


class EmptyDocumentError(DocumentError):
    code = "document_empty"


class UnreadableDocumentError(DocumentError):
    """Corrupt or truncated PDF/DOCX/HTML, undecodable bytes, NUL bytes in text."""

    code = "document_unreadable"


class UnsupportedFormatError(DocumentError):
    code = "document_format_unsupported"


class DocumentTooLargeError(DocumentError):
    status = 413
    code = "document_too_large"


class UnknownInstrumentError(RightsgraphError):
    status = 404
    code = "instrument_not_found"


class InvalidIdentifierError(RightsgraphError, ValueError):
    """An id, code, reference or hash that cannot name a graph node."""

    code = "invalid_identifier"


class UsageError(RightsgraphError):
    """Wrong arguments (maps to CLI exit code 2)."""

    code = "usage_error"


# --- lookups ---------------------------------------------------------------------------


class NotFoundError(RightsgraphError):
    status = 404
    code = "not_found"


class UnknownStateError(NotFoundError):
    code = "state_not_found"

    def __init__(self, query: str, close_matches: list[dict[str, str]] | None = None) -> None:
        super().__init__(
            f"no State matches {query!r}",
            details={"query": query, "close_matches": list(close_matches or [])},
        )


class UnknownFactError(NotFoundError):
    """A fact id (``/facts/{id}``) that names no event in the store."""

    code = "fact_not_found"

    def __init__(self, fact_id: str) -> None:
        super().__init__(f"no fact has the id {fact_id!r}", details={"id": fact_id})


# --- queries and the store -------------------------------------------------------------


class QuerySyntaxError(RightsgraphError):
    code = "sparql_syntax_error"

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message, details={"line": line, "column": column})
        self.line = line
        self.column = column


class QueryRefusedError(RightsgraphError):
    """A query form or feature the endpoint does not allow (update, SERVICE, LOAD)."""

    status = 403
    code = "query_refused"


class QueryTooLargeError(RightsgraphError):
    status = 413
    code = "query_too_large"


class QueryTimeoutError(RightsgraphError):
    status = 503
    code = "query_timeout"


class EngineDefectError(RightsgraphError):
    """A valid query the store's engine is known to answer wrongly or to crash on; the
    message names the defect (e.g. pyoxigraph 0.5.13's ORDER BY abort)."""

    status = 422
    code = "engine_defect"


class ResultTooLargeError(RightsgraphError):
    status = 413
    code = "result_too_large"


class AuthenticationError(RightsgraphError):
    status = 401
    code = "unauthorized"


class ForbiddenError(RightsgraphError):
    status = 403
    code = "forbidden"


class StoreError(RightsgraphError):
    """The store cannot be opened or written (locked, permission, disk full)."""

    status = 503
    code = "store_unavailable"


class StoreInUseError(StoreError):
    """The on-disk store is held by another process (a running ``rightsgraph serve``):
    it can be read read-only, and written only through that process. Same code as its
    parent: to a client of the error shape, the store is unavailable."""


class RendererUnavailableError(RightsgraphError):
    """A format needs a system library this machine lacks (PDF briefs need Pango)."""

    status = 503
    code = "renderer_unavailable"
