"""The query parameters of every bounded answer (issue 18), declared once for all routes:
``?page=`` (1-based), ``?per_page=`` (items per page) and ``?sources=`` (sources shown per
fact or item, authoritative first). Their ranges are :mod:`rightsgraph.graph.pages_paging`'s;
a value outside them is a 400 in the one JSON error shape."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from rightsgraph.graph.pages_paging import MAX_PAGE, MAX_PER_PAGE, MAX_SOURCES

__all__ = ["PageNumber", "PerPage", "Sources", "SourcesPage"]

PageNumber = Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page of the list")]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="items per page (default 20, max 200)")]
Sources = Annotated[int, Query(ge=0, le=MAX_SOURCES, description="sources shown per fact or item, authoritative first "
                                                                  "(default 3, max 100)")]
SourcesPage = Annotated[int, Query(ge=1, le=MAX_PAGE, description="page of each item's sources")]
