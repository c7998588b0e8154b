"""``HEAD`` answered wherever ``GET`` is.

FastAPI registers a ``@router.get`` route for ``GET`` only (a bare ``HEAD`` is a 405), and
Starlette adds ``HEAD`` only to its own plain routes. This middleware runs a ``HEAD``
request as the ``GET`` it mirrors and sends the status and headers (``Content-Length`` of
the body that ``GET`` would send) without the body, as RFC 9110 section 9.3.2 asks.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HeadAsGet"]


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
