"""Values built from a whole store (the network projection, the search index), kept until the
store's content changes.

A value is keyed by :func:`store_fingerprint`: the store's
:meth:`~rightsgraph.graph.store.Store.change_token` and the reference data version. The app
holds one :class:`StoreCache` per kind of value on ``app.state`` (no global state).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES
from rightsgraph.graph.store import Store

__all__ = ["StoreCache", "store_fingerprint"]

T = TypeVar("T")

_VERSION = SPARQL_PREFIXES + "SELECT ?version WHERE { ?g rg:referenceDataVersion ?version }"


def store_fingerprint(store: Store) -> tuple[object, ...]:
    """A cheap key that changes whenever the store's content does: the store's
    :meth:`~rightsgraph.graph.store.Store.change_token` and the reference data version."""
    versions = sorted(str(row["version"]) for row in store.select(_VERSION))
    return (*store.change_token(), *versions)


class StoreCache(Generic[T]):
    """``build(store)``, rebuilt only when :func:`store_fingerprint` changes; safe to share
    between request threads (a value handed out is never closed: a thread may still read it)."""

    def __init__(self, build: Callable[[Store], T]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._value: T | None = None
        self._fingerprint: tuple[object, ...] | None = None
        self.builds = 0

    def get(self, store: Store) -> T:
        fingerprint = store_fingerprint(store)
        with self._lock:
            if self._value is None or self._fingerprint != fingerprint:
                self._value = self._build(store)
                self._fingerprint = fingerprint
                self.builds += 1
            return self._value
