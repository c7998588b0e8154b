"""The /sparql worker processes of an on-disk store: a query right after a write sees it, and
no worker is restarted for it (each reopens the store on its next query); a worker that dies
is replaced."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rightsgraph.api.app import create_app
from rightsgraph.api.query_worker import ProcessQueryRunner
from rightsgraph.api.settings import Settings
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.rdf_terms import document_graph_iri
from rightsgraph.graph.store import Store, open_store
from rightsgraph.loaders.pipeline import load_file


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "store") as opened:
        ensure_reference_data(opened)
        yield opened


@pytest.fixture()
def runner(store: Store) -> Iterator[ProcessQueryRunner]:
    pool = ProcessQueryRunner(store.path, timeout=60, limit=1000, size=1)
    yield pool
    pool.close()


def _holds(runner: ProcessQueryRunner, graph: str) -> bool:
    answer = runner.run(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", "json")
    return json.loads(answer)["boolean"]


@pytest.mark.parametrize("seeds", [1, 3], ids=["one write", "three writes"])
def test_a_query_after_writes_sees_them_on_the_same_worker(store, runner, seed_paths, seeds):
    documents = [load_file(path) for path in seed_paths[:seeds]]
    graphs = [str(document_graph_iri(facts.sha256)) for facts in documents]
    assert not any(_holds(runner, graph) for graph in graphs)
    before = runner.worker_pids()
    assert len(before) == 1

    for facts, graph in zip(documents, graphs, strict=True):
        ingest_facts(store, facts)
        runner.invalidate()
        assert _holds(runner, graph)
    assert runner.worker_pids() == before


def test_a_worker_that_dies_is_replaced(store, runner, seed_paths):
    facts = load_file(seed_paths[0])
    graph = str(document_graph_iri(facts.sha256))
    _holds(runner, graph)
    (dead,) = runner.worker_pids()
    os.kill(dead, signal.SIGKILL)
    _wait_until_dead(dead)

    ingest_facts(store, facts)
    runner.invalidate()
    assert _holds(runner, graph)
    assert dead not in runner.worker_pids()


def _wait_until_dead(pid: int) -> None:
    """Until the kernel has ended ``pid`` (a zombie until its parent, the runner, reaps it)."""
    status = Path(f"/proc/{pid}/status")
    while status.exists() and "\nState:\tZ" not in status.read_text():
        os.sched_yield()


def test_an_upload_is_seen_by_the_next_sparql_query_without_restarting_workers(tmp_path, seed_paths):
    path = seed_paths[2]
    graph = str(document_graph_iri(load_file(path).sha256))
    ask = {"query": f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"}
    accept = {"accept": "application/sparql-results+json"}
    with open_store(tmp_path / "served") as store, \
            TestClient(create_app(store, Settings(write_token="t", query_workers=1))) as client:
        assert client.get("/sparql", params=ask, headers=accept).json()["boolean"] is False
        before = client.app.state.query_runner.worker_pids()

        upload = client.post("/documents", files={"file": (path.name, path.read_bytes())},
                             headers={"Authorization": "Bearer t"})
        assert upload.status_code == 200, upload.text
        assert client.get("/sparql", params=ask, headers=accept).json()["boolean"] is True
        assert client.app.state.query_runner.worker_pids() == before
