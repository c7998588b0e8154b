"""Crash safety of `rightsgraph ingest` on an on-disk store: SIGKILL, permissions, disk full.

A document's graph is written in one transaction, so a killed ingest leaves each graph either
whole (its triple count equals that of the same document ingested alone into a fresh store)
or absent, and running the ingest again completes the store to what a clean ingest gives.
With ``--bulk`` (not atomic) a killed ingest may leave graphs without their completion marker,
never a marked graph that is not whole, and the next run completes the store likewise.
Storage failures (a read-only store, a full disk, a store path under a file) end in one
``error:`` line and exit 1, and leave the store as it was.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from synthetic_corpus import counts_alone, synthetic
from rightsgraph.graph.ingest import ensure_reference_data, is_complete_document_graph
from rightsgraph.graph.obligations_queries import treaty_actions
from rightsgraph.graph.obligations_sources import status_sources
from rightsgraph.graph.rdf_terms import REFERENCE_GRAPH
from rightsgraph.graph.state_view import VIEW_PREFIX, read_status, read_view, rows_of, status_rows_of
from rightsgraph.graph.store import open_store
from rightsgraph.loaders.pipeline import iter_input_files


COMMUNICATIONS = 80  # about 135 documents with the replies and status tables
KILLS = 5
KILL_SEED = 4242
# Per document graph: the per-State view's graphs (internal rows, decision 0012) are left out
# here; after the kills and the rerun, assert_view_is_the_documents' checks the view.
GRAPH_COUNTS = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                f'FILTER(!STRSTARTS(STR(?g), "{VIEW_PREFIX}")) }} GROUP BY ?g')
# Root ignores file permissions; without these capabilities it obeys them like anyone else.
DROP_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def rightsgraph_command() -> list[str]:
    """The installed console script beside this interpreter (or the same entry point)."""
    script = Path(sys.executable).parent / "rightsgraph"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from rightsgraph.api.cli import app; app()"]


def ingest_command(paths: list[Path], store: Path) -> list[str]:
    return [*rightsgraph_command(), "ingest", *map(str, paths), "--store", str(store)]


def run_ingest(
    paths: list[Path], store: Path, prefix: list[str] | None = None, preexec: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*(prefix or []), *ingest_command(paths, store)],
        capture_output=True, text=True, timeout=300, preexec_fn=preexec,
    )


def graph_counts(store_dir: Path) -> dict[str, int]:
    """Triples per named graph; opening the store also shows that no lock was left behind."""
    with open_store(store_dir) as store:
        return {str(row["g"]): int(row["n"].toPython()) for row in store.select(GRAPH_COUNTS)}


def assert_one_error_line(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit 1, no traceback, and the last stderr line is one ``error:`` line naming ``words``."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: "), result.stderr
    for word in words:
        assert word in last, last
    return last


@dataclass(frozen=True)
class Clean:
    files: list[Path]
    alone: dict[str, int]  # graph IRI -> triples when ingested alone into a fresh store
    clean: dict[str, int]  # graph IRI -> triples after one uninterrupted CLI ingest
    seconds: float  # how long that uninterrupted ingest took


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    synthetic.generate(COMMUNICATIONS, seed=11, out_dir=out)
    return out


@pytest.fixture(scope="module")
def expected(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Clean:
    files = list(iter_input_files([corpus]))
    store = tmp_path_factory.mktemp("clean") / "store"
    started = time.monotonic()
    clean_run = subprocess.Popen(ingest_command([corpus], store), stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
    alone = counts_alone(files)  # meanwhile, on the other core
    _, stderr = clean_run.communicate(timeout=300)
    seconds = time.monotonic() - started
    assert clean_run.returncode == 0, stderr
    return Clean(files, alone, graph_counts(store), seconds)


def test_clean_ingest_holds_each_document_as_if_ingested_alone(expected):
    assert len(expected.files) >= 120
    assert len(expected.alone) == len(expected.files) + 1  # every document its own graph
    assert expected.clean == expected.alone


def _write_ahead_logs(store: Path) -> dict[str, int]:
    """Sizes of the store's write-ahead logs; a log RocksDB deletes between listing and
    ``stat`` is skipped (regression: that race failed a CI run with FileNotFoundError)."""
    sizes: dict[str, int] = {}
    for path in store.glob("*.log") if store.is_dir() else ():
        try:
            sizes[path.name] = path.stat().st_size
        except FileNotFoundError:
            continue
    return sizes


def wait_for_a_new_write(store: Path, process: subprocess.Popen[bytes]) -> None:
    """Until ``process`` has committed a write: a write-ahead log it created is not empty
    (checked on the files, as the store itself stays locked by the process)."""
    before = _write_ahead_logs(store)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if any(size > 0 for name, size in _write_ahead_logs(store).items() if name not in before):
            return
        time.sleep(0.005)
    pytest.fail("the ingest wrote nothing")


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def assert_exit_soon(pids: list[int]) -> None:
    """Regression: the workers of a killed ingest lived on, blocked on a pipe, for good."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        alive = [pid for pid in pids if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
        if not alive:
            return
        time.sleep(0.1)
    pytest.fail(f"worker processes outlived the killed ingest: {alive}")


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_sigkill_leaves_each_graph_whole_or_absent_and_a_rerun_completes(expected, corpus, tmp_path):
    store = tmp_path / "store"
    rng = random.Random(KILL_SEED)
    seconds_per_document = expected.seconds / len(expected.files)
    present_after_kill = []
    workers_seen = 0
    for kill in range(KILLS):
        process = subprocess.Popen(ingest_command([corpus], store), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        wait_for_a_new_write(store, process)
        # Somewhere within the next ~15 documents: mid-write or between two writes.
        delay = rng.uniform(0, 15) * seconds_per_document
        time.sleep(delay)
        assert process.poll() is None, f"kill {kill}: the ingest ended before the kill"
        workers = children(process.pid)
        workers_seen += len(workers)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
        assert_exit_soon(workers)
        counts = graph_counts(store)
        partial = {g: n for g, n in counts.items() if expected.alone.get(g) != n}
        assert not partial, f"kill {kill} {delay:.2f} s after a write left graphs not whole: {partial}"
        present_after_kill.append(len(counts))
    print(f"\n{KILLS} kills survived; graphs present after each: {present_after_kill} "
          f"of {len(expected.alone)}")
    assert workers_seen, "no kill landed while the workers ran"
    # Each run was killed after a write of its own: no committed graph is ever lost.
    assert all(before < after for before, after in zip(present_after_kill, present_after_kill[1:]))
    assert present_after_kill[-1] < len(expected.alone)  # the kills did land mid-ingest
    final = run_ingest([corpus], store)
    assert final.returncode == 0, final.stderr
    counts = graph_counts(store)
    assert counts == expected.clean
    assert sum(counts.values()) == sum(expected.clean.values())
    assert_view_is_the_documents(store)


def assert_view_is_the_documents(store_dir: Path) -> None:
    """Every State's per-State view equals the one computed from its documents."""
    with open_store(store_dir) as store:
        states = [row["state"] for row in store.select(
            "SELECT DISTINCT ?state WHERE { ?fact <https://w3id.org/rightsgraph/ontology#state> ?state }")]
        assert states
        for state in states:
            assert read_view(store, state) == rows_of(treaty_actions(store, state)), state
            assert read_status(store, state) == status_rows_of(status_sources(store, state)), state


def test_sigkill_of_a_bulk_ingest_never_leaves_a_marked_graph_partial(expected, corpus, tmp_path):
    """``--bulk`` is not atomic: a kill may leave graphs without their completion marker, but
    never a graph with its marker that is not whole; the next run completes the store."""
    store = tmp_path / "store"
    rng = random.Random(KILL_SEED)
    for kill in range(3):
        process = subprocess.Popen([*ingest_command([corpus], store), "--bulk"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 1.0) * expected.seconds)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        counts = graph_counts(store)
        with open_store(store) as opened:
            marked = [g for g in counts if g != str(REFERENCE_GRAPH) and is_complete_document_graph(opened, g)]
        assert all(counts[g] == expected.alone[g] for g in marked), f"kill {kill}"
    final = subprocess.run([*ingest_command([corpus], store), "--bulk"], capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    assert graph_counts(store) == expected.clean
    assert_view_is_the_documents(store)  # a batch cut short left it stale: rebuilt on open


def test_reference_data_is_not_rewritten_by_every_new_process(tmp_path):
    """Bug: the reference version hashed rdflib's N-Triples in set order, which follows the
    per-process hash seed, so every `rightsgraph` run and server start rewrote the reference
    graph (7,000+ triples). Two processes with different hash seeds must agree."""
    store = tmp_path / "store"
    script = ("import sys; from rightsgraph.graph.store import open_store; "
              "from rightsgraph.graph.ingest import ensure_reference_data; "
              "s = open_store(sys.argv[1]); print(ensure_reference_data(s)); s.close()")
    written = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", script, str(store)], capture_output=True,
                                text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
        written.append(result.stdout.strip())
    assert written == ["True", "False", "False"]


def test_store_under_a_file_is_one_error_line_not_a_traceback(tmp_path, seed_paths):
    """Bug: `--store FILE/store` let mkdir's FileExistsError escape as a traceback."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = run_ingest(seed_paths[:1], blocker / "store")
    assert_one_error_line(result, "cannot open the store", "a-file")


@pytest.fixture(scope="module")
def one_document_store(tmp_path_factory, seed_paths) -> Path:
    store = tmp_path_factory.mktemp("one") / "store"
    assert run_ingest(seed_paths[:1], store).returncode == 0
    return store


@pytest.fixture()
def small_store(one_document_store, tmp_path) -> Path:
    """A closed on-disk store holding the reference data and one seed document."""
    return Path(shutil.copytree(one_document_store, tmp_path / "store"))


def _set_modes(store: Path, directory: int, files: int) -> None:
    for path in store.iterdir():
        path.chmod(files)
    store.chmod(directory)


def test_read_only_store_gives_one_error_line_and_stays_usable(small_store, seed_paths):
    before = graph_counts(small_store)
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: file permissions do not apply")
        prefix = DROP_DAC
    _set_modes(small_store, 0o555, 0o444)
    try:
        result = run_ingest(seed_paths[1:3], small_store, prefix=prefix)
    finally:
        _set_modes(small_store, 0o755, 0o644)
    assert_one_error_line(result, "cannot open the store", "Permission denied")
    assert graph_counts(small_store) == before
    again = run_ingest(seed_paths[1:2], small_store)
    assert again.returncode == 0, again.stderr
    assert len(graph_counts(small_store)) == len(before) + 1


# Files may not grow past this: above what opening the store writes (its OPTIONS file is
# ~67 KB), below the write of the smallest seed's graph, so every document's write fails, as
# on a full disk (passes from 80 KB to 200 KB). At 1 MB, the limit this test first had, a seed
# whose graph got smaller (one citation node per passage) was written, and the test failed.
DISK_FULL_BYTES = 120_000


def _disk_full(limit: int) -> Callable[[], None]:
    """Files of the child may not grow past ``limit`` bytes: writes fail as on a full disk."""
    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of death
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limit_file_size


def test_disk_full_fails_each_document_in_one_line_and_leaves_the_store_usable(small_store, seed_paths):
    before = graph_counts(small_store)
    result = run_ingest(seed_paths[1:], small_store, preexec=_disk_full(DISK_FULL_BYTES))
    assert_one_error_line(result, "store failure", "File too large")
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failed) == len(seed_paths[1:])
    assert graph_counts(small_store) == before
    again = run_ingest(seed_paths[1:2], small_store)
    assert again.returncode == 0, again.stderr
    assert len(graph_counts(small_store)) == len(before) + 1
