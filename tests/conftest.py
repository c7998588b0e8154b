"""Shared fixtures: where ../shared lives, the seeds' extraction, and the store backends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import BACKENDS, open_backend

from rdflib import Graph

from rightsgraph.graph.store import Store
from rightsgraph.ontology import ontology_graph, shapes_graph

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seed_paths(shared_dir: Path) -> list[Path]:
    return sorted((shared_dir / "corpus" / "seeds").glob("*.txt"))


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """An empty store on each backend of tests/backends.py ("embedded", "virtuoso"), per module."""
    yield from open_backend(request.param, request, tmp_path_factory)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    """The whole ontology: rightsgraph.ttl, the reports and themes modules, the registry's terms
    (module-scoped: a test that registers a kind sees it in a fresh module)."""
    return ontology_graph()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return shapes_graph()
