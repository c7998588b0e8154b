"""Which representation a request asks for: ``?format=`` first, else the ``Accept`` header."""

from __future__ import annotations

from fastapi import Request

from rightsgraph.errors import UsageError

__all__ = ["wants_alternative"]


def wants_alternative(request: Request, fmt: str | None, alternative: str, media_type: str) -> bool:
    """True for the ``alternative`` format (e.g. ``html``) over the default JSON:
    ``?format=`` must be ``json`` or ``alternative``; without it, ``media_type`` in ``Accept``
    decides. Any other format is a :class:`UsageError` (400)."""
    if fmt is not None:
        if fmt not in ("json", alternative):
            raise UsageError(f"format must be json or {alternative}, not {fmt!r}", details={"format": fmt})
        return fmt == alternative
    return media_type in request.headers.get("accept", "")
