"""The CLI beside a running server: while `rightsgraph serve` holds an on-disk store, the
read commands read it (read-only), `ingest` either goes through the service with the write
token or fails with one line saying how; and `ingest` prints its warnings grouped by kind."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from live_servers import stop_serve_process
from test_concurrency import _free_port, _wait_until_up, rightsgraph_command

TOKEN = "serving-token"
DOCUMENTS = "SELECT (COUNT(?d) AS ?n) WHERE { ?d a <https://w3id.org/rightsgraph/ontology#Document> }"


def _run(*args: str, token: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RIGHTSGRAPH_WRITE_TOKEN"}
    if token:
        env["RIGHTSGRAPH_WRITE_TOKEN"] = token
    return subprocess.run([*rightsgraph_command(), *args], capture_output=True, text=True, timeout=300, env=env)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Iterator[tuple[str, Path]]:
    """(URL, store directory) of `rightsgraph serve` on a store holding two seeds."""
    store = tmp_path_factory.mktemp("served") / "store"
    loaded = _run("ingest", *map(str, seed_paths[:2]), "--store", str(store))
    assert loaded.returncode == 0, loaded.stderr
    port = _free_port()
    process = subprocess.Popen([*rightsgraph_command(), "serve", "--store", str(store), "--port", str(port)],
                               env={**os.environ, "RIGHTSGRAPH_WRITE_TOKEN": TOKEN},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        yield url, store
    finally:
        stop_serve_process(process)


def _documents(store: Path) -> int:
    result = _run("query", DOCUMENTS, "--store", str(store), "--format", "csv")
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split()[-1])


@pytest.mark.parametrize(
    "args",
    [
        ("query", DOCUMENTS, "--format", "csv"),
        ("info",),
        ("export", "--format", "nquads"),
    ],
)
def test_read_commands_work_on_the_served_store(served, args):
    _, store = served
    result = _run(*args, "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert "LOCK" not in result.stderr and "read-only" in result.stderr


def test_viz_works_on_the_served_store(served, tmp_path):
    _, store = served
    result = _run("viz", "CHN", "-o", str(tmp_path / "china.html"), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "china.html").stat().st_size > 1000


def test_ingest_into_the_served_store_fails_with_one_line_saying_how(served, seed_paths):
    _, store = served
    result = _run("ingest", str(seed_paths[2]), "--store", str(store))
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "--service" in lines[0] and "RIGHTSGRAPH_WRITE_TOKEN" in lines[0]
    assert "LOCK" not in result.stderr and "Traceback" not in result.stderr


def test_ingest_through_the_service_with_the_token(served, seed_paths):
    url, store = served
    before = _documents(store)
    refused = _run("ingest", str(seed_paths[3]), "--service", url, token="wrong-token")
    assert refused.returncode == 2 and "write token" in refused.stderr
    loaded = _run("ingest", str(seed_paths[3]), "--service", url, token=TOKEN)
    assert loaded.returncode == 0, loaded.stderr
    assert "1 added" in loaded.stderr
    assert _documents(store) == before + 1  # and the read-only reader sees the new document


def test_ingest_groups_warnings_by_kind_and_lists_them_with_verbose(tmp_path, shared_dir):
    table = shared_dir / "reference" / "untc" / "declarations_4-8.txt"
    grouped = _run("ingest", str(table), "--store", str(tmp_path / "a"), "--processes", "1")
    assert grouped.returncode == 0, grouped.stderr
    summary_count = int(grouped.stderr.split(" warnings;")[0].rsplit(" ", 1)[-1])
    assert summary_count > 5 and f"{summary_count} warnings of " in grouped.stderr
    kind_line = next(line for line in grouped.stderr.splitlines() if "× empty declarations block" in line)
    assert "declarations_4-8.txt" in kind_line
    verbose = _run("ingest", str(table), "--store", str(tmp_path / "b"), "--processes", "1", "--verbose")
    listed = [line for line in verbose.stderr.splitlines() if line.startswith("warning: declarations_4-8.txt: ")]
    assert len(listed) == summary_count
