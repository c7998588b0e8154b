"""Readers and a writer at once on a live server (`rightsgraph serve`, on-disk store).

Four reader threads send a bounded number of requests (obligations, SPARQL counts per
graph, health) while a writer uploads documents through ``POST /documents``. No request may
fail (no 5xx, no transport error) and no reader may see a torn graph: every document graph a
reader sees already holds its final number of triples (that of the document ingested alone
into a fresh store). Latencies are printed, not asserted.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from live_servers import stop_serve_process
from rightsgraph.graph.rdf_terms import STATE_VIEW_GRAPHS as VIEW_PREFIX
from synthetic_corpus import counts_alone, synthetic


TOKEN = "concurrency-token"
READERS = 4
REQUESTS_PER_READER = 100
UPLOADS = 20
# Per document graph: the per-State view's graphs (internal rows, decision 0012) change with
# every upload by design, in the same transaction; they are left out.
GRAPH_COUNTS = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                f'FILTER(!STRSTARTS(STR(?g), "{VIEW_PREFIX}")) }} GROUP BY ?g')


def rightsgraph_command() -> list[str]:
    script = Path(sys.executable).parent / "rightsgraph"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from rightsgraph.api.cli import app; app()"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile of ``values``.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 0.5)
    2.0
    """
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))]


@pytest.fixture(scope="module")
def uploads(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("corpus")
    synthetic.generate(16, seed=5, out_dir=out)
    letters = sorted((out / "communications").glob("*.txt")) + sorted((out / "replies").glob("*.txt"))
    assert len(letters) >= UPLOADS
    return letters[:UPLOADS]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Iterator[str]:
    """`rightsgraph serve` on an on-disk store holding the seeds, with a write token."""
    store = tmp_path_factory.mktemp("served") / "store"
    loaded = subprocess.run([*rightsgraph_command(), "ingest", *map(str, seed_paths), "--store", str(store)],
                            capture_output=True, text=True, timeout=300)
    assert loaded.returncode == 0, loaded.stderr
    port = _free_port()
    env = {**os.environ, "RIGHTSGRAPH_WRITE_TOKEN": TOKEN}
    process = subprocess.Popen(
        [*rightsgraph_command(), "serve", "--store", str(store), "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        warm = httpx.get(f"{url}/sparql", params={"query": GRAPH_COUNTS}, timeout=120)  # start a worker
        assert warm.status_code == 200, warm.text
        yield url
    finally:
        stop_serve_process(process)


def _wait_until_up(url: str, process: subprocess.Popen[str]) -> None:
    for _ in range(600):
        if process.poll() is not None:
            pytest.fail(f"the server exited: {process.stderr.read() if process.stderr else ''}")
        try:
            if httpx.get(f"{url}/health", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    pytest.fail("the server did not start within 60 s")


@dataclass
class Observations:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    torn: list[str] = field(default_factory=list)
    graph_sets: set[frozenset[str]] = field(default_factory=set)
    reads_done: int = 0
    lock: threading.Condition = field(default_factory=threading.Condition)

    def record(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            if kind != "upload":
                self.reads_done += 1
                self.lock.notify_all()

    def wait_for_reads(self, count: int) -> None:
        """Spread the uploads over the first half of the reads, so readers see the store grow."""
        with self.lock:
            self.lock.wait_for(lambda: self.reads_done >= count, timeout=300)

    def fail(self, message: str) -> None:
        with self.lock:
            self.failures.append(message)


READS = (
    ("obligations", "GET", "/states/CHN/obligations", None),
    ("sparql", "GET", "/sparql", {"query": GRAPH_COUNTS}),
    ("health", "GET", "/health", None),
)


def read_loop(url: str, reader: int, final: dict[str, int], seen: Observations) -> None:
    with httpx.Client(base_url=url, timeout=60) as client:
        for index in range(REQUESTS_PER_READER):
            kind, method, path, params = READS[(index + reader) % len(READS)]
            started = time.perf_counter()
            try:
                response = client.request(method, path, params=params)
            except httpx.TransportError as error:
                seen.fail(f"{kind}: transport error {error!r}")
                seen.record("failed", time.perf_counter() - started)
                continue
            seen.record(kind, time.perf_counter() - started)
            if response.status_code != 200:
                seen.fail(f"{kind}: {response.status_code} {response.text[:300]}")
            elif kind == "sparql":
                check_whole_graphs(response.json(), final, seen)


def check_whole_graphs(results: dict, final: dict[str, int], seen: Observations) -> None:
    counts = {row["g"]["value"]: int(row["n"]["value"]) for row in results["results"]["bindings"]}
    with seen.lock:
        seen.graph_sets.add(frozenset(counts))
        seen.torn.extend(f"{graph}: {n} of {final.get(graph)}" for graph, n in counts.items()
                         if final.get(graph) != n)


def write_loop(url: str, paths: list[Path], seen: Observations) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=url, timeout=120, headers=headers) as client:
        for index, path in enumerate(paths):
            seen.wait_for_reads(index * READERS * REQUESTS_PER_READER // (2 * UPLOADS))
            started = time.perf_counter()
            try:
                response = client.post("/documents", files={"file": (path.name, path.read_bytes())})
            except httpx.TransportError as error:
                seen.fail(f"upload {path.name}: transport error {error!r}")
                continue
            seen.record("upload", time.perf_counter() - started)
            if response.status_code != 200 or response.json()["outcome"] != "added":
                seen.fail(f"upload {path.name}: {response.status_code} {response.text[:300]}")


def test_readers_see_only_whole_graphs_while_a_writer_uploads(server, uploads, seed_paths):
    final = counts_alone([*seed_paths, *uploads])
    seen = Observations()
    threads = [threading.Thread(target=write_loop, args=(server, uploads, seen))]
    threads += [threading.Thread(target=read_loop, args=(server, reader, final, seen)) for reader in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(600)
        assert not thread.is_alive()
    served = sum(len(values) for values in seen.latencies.values())
    print(f"\n{served} requests served ({READERS}x{REQUESTS_PER_READER} reads, {UPLOADS} uploads); "
          f"{len(seen.graph_sets)} distinct sets of graphs seen by readers")
    for kind, values in sorted(seen.latencies.items()):
        print(f"  {kind:<12} n={len(values):<4} p50={percentile(values, 0.5) * 1000:7.1f} ms "
              f"p99={percentile(values, 0.99) * 1000:7.1f} ms")
    assert seen.failures == []
    assert seen.torn == []
    assert len(seen.graph_sets) > 1  # the readers did overlap the writer
    assert served == READERS * REQUESTS_PER_READER + UPLOADS
    response = httpx.get(f"{server}/sparql", params={"query": GRAPH_COUNTS}, timeout=60)
    after = {row["g"]["value"]: int(row["n"]["value"]) for row in response.json()["results"]["bindings"]}
    assert after == final  # every upload is there, whole, and nothing else
