"""``rightsgraph ingest --service URL``: load files through a running service (``POST
/documents`` with the write token), for a store that ``rightsgraph serve`` holds.

The token is read from ``$RIGHTSGRAPH_WRITE_TOKEN`` (never from the command line, where other
users could see it in the process list). Each file is one request; the service writes it
in one transaction, as ``rightsgraph ingest`` does.
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
from rich.console import Console

from rightsgraph.api.cli_ingest import IngestSummary
from rightsgraph.errors import StoreError, UsageError

__all__ = ["TOKEN_ENV", "ingest_through_service", "served_store_hint"]

TOKEN_ENV = "RIGHTSGRAPH_WRITE_TOKEN"
_TIMEOUT = httpx.Timeout(120.0, connect=5.0)


def served_store_hint(path: str) -> str:
    """The one line ``ingest`` prints when the store is held by a running server."""
    return (f"the store at {path} is in use by a running server; ingest through it with "
            f"`rightsgraph ingest --service http://HOST:PORT FILES` and ${TOKEN_ENV} set to its write token "
            f"(or stop the server)")


def _token() -> str:
    token = os.environ.get(TOKEN_ENV)
    if not token:
        raise UsageError(f"--service needs ${TOKEN_ENV}: the write token the server was started with")
    return token


def ingest_through_service(url: str, files: list[Path], instrument: str | None, console: Console) -> IngestSummary:
    """POST each file to ``url``/documents; a file the service rejects is counted and
    reported, the others still load. A refused token or an unreachable service stops the run."""
    summary = IngestSummary(documents=len(files))
    headers = {"Authorization": f"Bearer {_token()}"}
    with httpx.Client(base_url=url.rstrip("/"), headers=headers, timeout=_TIMEOUT) as client:
        for path in files:
            params = {"filename": path.name, **({"instrument": instrument} if instrument else {})}
            try:
                response = client.post("/documents", params=params, content=path.read_bytes())
            except httpx.HTTPError as error:
                raise StoreError(f"cannot reach the service at {url}: {error}", details={"url": url}) from None
            except OSError as error:
                summary.errors += 1
                console.print(f"[red]failed:[/red] {path}: {error.strerror}", highlight=False, soft_wrap=True)
                continue
            _count(summary, path, response, console)
    return summary


def _count(summary: IngestSummary, path: Path, response: httpx.Response, console: Console) -> None:
    if response.status_code in (401, 403):
        raise UsageError(f"the service refused the write token (HTTP {response.status_code}): "
                         f"set ${TOKEN_ENV} to the token the server was started with")
    body = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
    if response.status_code != 200:
        summary.errors += 1
        message = (body.get("error") or {}).get("message") or response.text[:200]
        console.print(f"[red]failed:[/red] {path}: {message}", highlight=False, soft_wrap=True)
        return
    outcome = body["outcome"]
    setattr(summary, outcome, getattr(summary, outcome) + 1)
    summary.triples += body["triples"] if outcome != "unchanged" else 0
    summary.warnings += len(body["warnings"])
    summary.warning_messages.extend((path.name, message) for message in body["warnings"])
