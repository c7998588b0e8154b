"""The store backends the API tests run on: one suite, every backend.

* ``embedded``: Oxigraph in this process, in memory (or on disk for a module that sets
  ``EMBEDDED_ON_DISK = True``: a live server whose /sparql queries run in killable worker
  processes needs a store on disk).
* ``virtuoso``: a :class:`~rightsgraph.graph.store_remote.RemoteStore` opened with
  ``open_store`` on RIGHTSGRAPH_TEST_SPARQL_URL (with RIGHTSGRAPH_TEST_SPARQL_UPDATE_URL and
  RIGHTSGRAPH_TEST_GSP_URL), as ``scripts/virtuoso.sh start`` prints them. The dataset is
  scratch: it is emptied before and after every module that uses it. Skipped with the reason
  when the variable is unset.

The fixture is module-scoped, so a module loads its data once per backend. None of the API
tests meets Virtuoso 7.2.5's date-range defect (tests/test_store.py marks it), so none is
marked here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest

from rightsgraph.graph.store import Store, open_store

REMOTE_URL_ENV = "RIGHTSGRAPH_TEST_SPARQL_URL"
REMOTE_URL = os.environ.get(REMOTE_URL_ENV)
BACKENDS = [
    "embedded",
    pytest.param(
        "virtuoso",
        marks=[
            pytest.mark.remote,
            pytest.mark.skipif(
                not REMOTE_URL,
                reason=f"set {REMOTE_URL_ENV} (scripts/virtuoso.sh start DIR prints it) to run on Virtuoso",
            ),
        ],
    ),
]


def remote_store(*, transport: httpx.BaseTransport | None = None) -> Store:
    """The scratch remote store, as a user opens it (``open_store`` on the query URL)."""
    options: dict[str, object] = {
        "update_url": os.environ.get("RIGHTSGRAPH_TEST_SPARQL_UPDATE_URL"),
        "gsp_url": os.environ.get("RIGHTSGRAPH_TEST_GSP_URL"),
        "timeout": 120.0,
    }
    if transport is not None:
        options["transport"] = transport
    return open_store(REMOTE_URL or "", **options)


def empty(store: Store) -> None:
    """DROP ALL, then drop what is left one graph at a time (Virtuoso 7.2 ignores DROP ALL)."""
    store.update("DROP ALL")
    for graph in store.graphs():
        store.drop_graph(graph)


def open_backend(name: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Open the backend ``name`` empty, yield it, and empty (remote) and close it after."""
    if name == "virtuoso":
        store = remote_store()
        empty(store)
        with store:
            yield store
            empty(store)
        return
    location = ":memory:"
    if getattr(request.module, "EMBEDDED_ON_DISK", False):
        location = str(tmp_path_factory.mktemp("store") / "db")
    with open_store(location) as store:
        yield store


__all__ = [
    "BACKENDS",
    "REMOTE_URL",
    "empty",
    "open_backend",
    "remote_store",
]



def memory_store_with(paths: list) -> Store:  # list[Path]: files or folders
    """A new in-memory store holding the reference data and every file of ``paths``."""
    from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
    from rightsgraph.loaders.pipeline import iter_input_files, load_file

    store = open_store(":memory:")
    ensure_reference_data(store)
    for path in iter_input_files(paths):
        ingest_facts(store, load_file(path))
    return store
