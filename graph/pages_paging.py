"""Bounded lists for the entity pages (issue 18): a page of a list with its total and the
URL of the next page, and the first sources of an item with their total.

Conventions shared with the obligations view: ``page`` is 1-based, ``per_page`` 1..200
(default 20), ``sources`` 0..100 sources shown per item (default 3), ``sources_page`` pages
one item's sources. Out-of-range values raise :class:`~rightsgraph.errors.UsageError` (400).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar
from urllib.parse import urlencode

from rightsgraph.errors import UsageError

__all__ = [
    "DEFAULT_PER_PAGE", "DEFAULT_SOURCES", "MAX_PAGE", "MAX_PER_PAGE", "MAX_SOURCES", "Paging",
    "bounded_list", "bounded_sources", "list_fields", "with_query",
]

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 200
DEFAULT_SOURCES = 3
MAX_SOURCES = 100
MAX_PAGE = 1_000_000

T = TypeVar("T")


def _check(name: str, value: int, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise UsageError(f"{name} must be an integer from {low} to {high}, not {value!r}",
                         details={name: value, "min": low, "max": high})


@dataclass(frozen=True)
class Paging:
    """Which part of the page's lists and of each item's sources to show.

    >>> Paging(page=2, per_page=5).offset
    5
    >>> Paging(per_page=0)
    Traceback (most recent call last):
    rightsgraph.errors.UsageError: per_page must be an integer from 1 to 200, not 0
    """

    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    sources: int = DEFAULT_SOURCES
    sources_page: int = 1

    def __post_init__(self) -> None:
        _check("page", self.page, 1, MAX_PAGE)
        _check("per_page", self.per_page, 1, MAX_PER_PAGE)
        _check("sources", self.sources, 0, MAX_SOURCES)
        _check("sources_page", self.sources_page, 1, MAX_PAGE)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def first_page(self) -> Paging:
        """The same sizes, page 1 (what an entity page embeds of each list)."""
        return replace(self, page=1, sources_page=1)

    def query(self, **extra: Any) -> dict[str, Any]:
        """The query parameters that ask for this paging again (defaults left out)."""
        params: dict[str, Any] = {"page": self.page, "per_page": self.per_page, "sources": self.sources}
        defaults = {"page": 1, "per_page": DEFAULT_PER_PAGE, "sources": DEFAULT_SOURCES}
        shown = {k: v for k, v in params.items() if v != defaults[k]}
        return {**shown, **{k: v for k, v in extra.items() if v is not None}}


def with_query(path: str, params: Mapping[str, Any]) -> str:
    """``path`` with ``params`` as its query string (none: the bare path).

    >>> with_query("/instruments/CRC/parties", {"page": 2})
    '/instruments/CRC/parties?page=2'
    """
    return f"{path}?{urlencode(params)}" if params else path


def _next_url(list_url: str, paging: Paging, total: int, **extra: Any) -> str | None:
    if paging.page * paging.per_page >= total:
        return None
    return with_query(list_url, replace(paging, page=paging.page + 1).query(**extra))


def bounded_list(items: list[Any], total: int, paging: Paging, list_url: str, **extra: Any) -> dict[str, Any]:
    """A list route's answer: ``{"items", "total", "page", "per_page", "next"}``."""
    return {"items": items, "total": total, "page": paging.page, "per_page": paging.per_page,
            "next": _next_url(list_url, paging, total, **extra)}


def list_fields(name: str, items: list[Any], total: int, paging: Paging, list_url: str) -> dict[str, Any]:
    """How an entity page embeds the first page of a list: ``name`` (the items, the field
    it always had), ``name_total`` and ``name_next`` (the list route's page 2, or None)."""
    first = paging.first_page()
    return {name: items, f"{name}_total": total, f"{name}_next": _next_url(list_url, first, total)}


def bounded_sources(ordered: Sequence[T], paging: Paging, item_url: str, name: str = "sources",
                    total: int | None = None) -> dict[str, Any]:
    """An item's sources (already in :func:`~rightsgraph.graph.source_order.source_order_key`
    order) cut to ``paging.sources``: ``{name: [...], name_total, name_next}``; ``name_next``
    asks ``item_url`` (the list route narrowed to this item) for the next sources. ``total``:
    the number of sources when ``ordered`` holds only the first of them (at least the page's)."""
    total = len(ordered) if total is None else total
    start = (paging.sources_page - 1) * paging.sources
    shown = list(ordered[start:start + paging.sources])
    more = start + paging.sources < total and paging.sources > 0
    next_url = None
    if more:
        params = {"sources": paging.sources, "sources_page": paging.sources_page + 1}
        separator = "&" if "?" in item_url else "?"
        next_url = f"{item_url}{separator}{urlencode(params)}"
    return {name: shown, f"{name}_total": total, f"{name}_next": next_url}
