"""Ingest end to end on a synthetic corpus, with ratios to the engine's own bulk load.

Each phase runs in its own process (so its peak RSS is its own), on the same generated corpus:

1. ``extract``: ``load_file`` on every document, one process (readers + extractors);
2. ``ingest``: what ``rightsgraph ingest --processes P`` does (``cli_ingest.ingest_files``):
   extraction and mapping in P workers, batches through the store's bulk path, into a fresh
   on-disk store (or ``--store URL``); end to end, reference data included;
   ``ingest-bulk``: the same with ``--bulk``;
3. ``write``, ``write-bulk``: the same documents, extracted and mapped before the clock
   starts, written with ``BatchWriter`` (atomic, bulk): the store-side ingest rate;
4. ``one-by-one``: ``ingest_facts`` per document (the upload path: one transaction each),
   skipped above ``--one-by-one-max`` documents;
5. ``engine``: the same N-Quads (made before the clock starts) bulk-loaded into a fresh
   on-disk ``pyoxigraph.Store``: the engine's limit, the baseline of the ratios;
6. ``engine-memory``: the same into an in-memory ``pyoxigraph.Store``.

Reported per phase: documents/s, triples/s, wall seconds, peak RSS of the phase's process
and of its largest worker (``getrusage``), store size on disk, and time / engine time.

    .venv/bin/python benchmarks/bench_ingest.py --communications 1000 [--processes 2] [--store URL]
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import resource
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox
from rich.console import Console

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402  (benchmarks/ is no package)

from rightsgraph.api.cli_ingest import ingest_files  # noqa: E402
from rightsgraph.graph.ingest import completion_marker, ensure_reference_data, ingest_facts  # noqa: E402
from rightsgraph.graph.ingest_batch import BatchWriter, map_document  # noqa: E402
from rightsgraph.graph.store import open_store, spool_lines  # noqa: E402
from rightsgraph.loaders.pipeline import iter_input_files, load_file  # noqa: E402


@dataclass(frozen=True, slots=True)
class PhaseResult:
    phase: str
    documents: int
    triples: int
    seconds: float
    peak_rss_mb: float
    worker_rss_mb: float
    disk_mb: float | None

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def triples_per_second(self) -> float:
        return self.triples / self.seconds if self.seconds else 0.0


@dataclass(frozen=True, slots=True)
class Job:
    corpus: Path
    work: Path
    store: str | None
    processes: int


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def _disk_mb(path: Path) -> float | None:
    if not path.exists():
        return None
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def _files(job: Job) -> list[Path]:
    return list(iter_input_files([job.corpus]))


def _result(phase: str, documents: int, triples: int, seconds: float, store_dir: Path | None) -> PhaseResult:
    disk = _disk_mb(store_dir) if store_dir is not None else None
    return PhaseResult(phase, documents, triples, seconds, _rss_mb(resource.RUSAGE_SELF),
                       _rss_mb(resource.RUSAGE_CHILDREN), disk)


def run_extract(job: Job) -> PhaseResult:
    files = _files(job)
    start = time.perf_counter()
    for path in files:
        load_file(path)
    return _result("extract", len(files), 0, time.perf_counter() - start, None)


def run_ingest(job: Job, bulk: bool = False) -> PhaseResult:
    files = _files(job)
    phase = "ingest --bulk" if bulk else "ingest"
    location = job.store or str(job.work / phase.replace(" --", "-"))
    start = time.perf_counter()
    with open_store(location) as store:
        summary = ingest_files(store, files, None, Console(quiet=True), processes=job.processes, bulk=bulk)
    seconds = time.perf_counter() - start
    assert summary.errors == 0 and summary.added == len(files), summary.line()
    return _result(phase, len(files), summary.triples, seconds, None if job.store else Path(location))


def _mapped(job: Job):  # noqa: ANN202 - list[MappedDocument]
    return [map_document(load_file(path)) for path in _files(job)]


def run_write(job: Job, bulk: bool = False) -> PhaseResult:
    documents = _mapped(job)
    phase = "write-bulk" if bulk else "write"
    location = str(job.work / phase)
    with open_store(location) as store:
        ensure_reference_data(store)
        start = time.perf_counter()
        with BatchWriter(store, bulk=bulk) as writer:
            results = list(writer.write_all(documents))
        seconds = time.perf_counter() - start
    return _result(phase, len(documents), sum(r.triples for r in results), seconds, Path(location))


def run_one_by_one(job: Job) -> PhaseResult:
    facts = [load_file(path) for path in _files(job)]
    location = str(job.work / "one-by-one-store")
    with open_store(location) as store:
        ensure_reference_data(store)
        start = time.perf_counter()
        triples = sum(ingest_facts(store, item).triples for item in facts)
        seconds = time.perf_counter() - start
    return _result("one-by-one", len(facts), triples, seconds, Path(location))


def _engine(job: Job, in_memory: bool) -> PhaseResult:
    documents = _mapped(job)
    data = "".join(spool_lines(d.graph, d.ntriples, completion_marker(d.graph)) for d in documents).encode()
    triples = data.count(b"\n")
    location = job.work / "engine-store"
    start = time.perf_counter()
    store = ox.Store() if in_memory else ox.Store(str(location))
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    if not in_memory:
        store.flush()
    seconds = time.perf_counter() - start
    phase = "engine-memory" if in_memory else "engine"
    return _result(phase, len(documents), triples, seconds, None if in_memory else location)


PHASES = {
    "extract": run_extract, "ingest": run_ingest, "ingest-bulk": lambda job: run_ingest(job, bulk=True),
    "write": run_write, "write-bulk": lambda job: run_write(job, bulk=True), "one-by-one": run_one_by_one,
    "engine": lambda job: _engine(job, False), "engine-memory": lambda job: _engine(job, True),
}


def _child(phase: str, job: Job, queue: multiprocessing.Queue) -> None:
    queue.put(asdict(PHASES[phase](job)))


def run_phase(phase: str, job: Job) -> PhaseResult:
    """One phase in a fresh process, so its peak RSS is not the previous phase's."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(phase, job, queue))
    process.start()
    result = PhaseResult(**queue.get())
    process.join()
    return result


def report(results: list[PhaseResult]) -> str:
    engine = next((r for r in results if r.phase == "engine"), None)
    lines = ["| phase | documents | triples | seconds | documents/s | triples/s | peak RSS MB | "
             "largest worker RSS MB | disk MB | time / engine |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        ratio = f"{r.seconds / engine.seconds:.2f}x" if engine and r.triples and engine.seconds else "-"
        disk = f"{r.disk_mb:.0f}" if r.disk_mb is not None else "-"
        worker = f"{r.worker_rss_mb:.0f}" if r.worker_rss_mb else "-"
        lines.append(f"| {r.phase} | {r.documents} | {r.triples} | {r.seconds:.1f} | {r.documents_per_second:.1f} | "
                     f"{r.triples_per_second:,.0f} | {r.peak_rss_mb:.0f} | {worker} | {disk} | {ratio} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communications", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--processes", type=int, default=2, help="ingest worker processes")
    parser.add_argument("--store", default=None, help="ingest into this store location instead of a fresh one on disk")
    parser.add_argument("--phases", default="extract,ingest,ingest-bulk,write,write-bulk,one-by-one,engine,engine-memory")
    parser.add_argument("--one-by-one-max", type=int, default=5000, help="skip one-by-one above this many documents")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rightsgraph-bench-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        summary = synthetic.generate(args.communications, args.seed, work / "corpus")
        documents = summary.communications + summary.replies + summary.status_tables
        print(f"{platform.machine()}, {multiprocessing.cpu_count()} CPUs, Python {platform.python_version()}, "
              f"pyoxigraph {ox.__version__}; generated {summary.communications} communications, "
              f"{summary.replies} replies, {summary.status_tables} status tables "
              f"({summary.total_bytes / 2**20:.1f} MB) in {time.perf_counter() - started:.1f} s")
        job = Job(work / "corpus", work, args.store, args.processes)
        phases = [p for p in args.phases.split(",") if p != "one-by-one" or documents <= args.one_by_one_max]
        results = []
        for phase in phases:
            results.append(run_phase(phase, job))
            print(report(results[-1:]).splitlines()[-1], flush=True)
    print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
