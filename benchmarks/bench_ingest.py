"""Ingest end to end on a synthetic corpus, with ratios to a raw Oxigraph bulk load.

Each phase runs in its own process (so its peak RSS is its own):

1. ``extract``: ``load_file`` on every generated document (readers + extractors);
2. ``ingest``: ``ensure_reference_data`` (timed apart), then extract and ``ingest_facts`` per
   document into a fresh store (embedded on disk by default, or ``--store http://...``);
3. ``baseline``: the same document graphs (built before the clock starts) bulk-loaded into a
   fresh on-disk ``pyoxigraph.Store`` with ``bulk_extend`` — no atomic replace, no checks.

Reported per phase: documents/s, triples/s, wall seconds, peak RSS
(``resource.getrusage``) and store size on disk; ingest is also given as a ratio to the
baseline measured in the same run. Numbers depend on the machine; compare the ratios.

    .venv/bin/python benchmarks/bench_ingest.py --communications 1000 [--seed 7] [--store URL]
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402  (benchmarks/ is no package)

from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts  # noqa: E402
from rightsgraph.graph.rdf_document import document_graph  # noqa: E402
from rightsgraph.graph.rdf_terms import document_graph_iri  # noqa: E402
from rightsgraph.graph.store import open_store  # noqa: E402
from rightsgraph.graph.store_oxigraph import to_oxigraph_triples  # noqa: E402
from rightsgraph.loaders.pipeline import iter_input_files, load_file  # noqa: E402


@dataclass(frozen=True, slots=True)
class PhaseResult:
    phase: str
    documents: int
    triples: int
    seconds: float
    peak_rss_mb: float
    disk_mb: float | None
    setup_seconds: float = 0.0  # ingest: writing the reference graph, before the clock

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def triples_per_second(self) -> float:
        return self.triples / self.seconds if self.seconds else 0.0


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _disk_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def _files(corpus: Path) -> list[Path]:
    return list(iter_input_files([corpus]))


def run_extract(corpus: Path, _work: Path, _store: str | None) -> PhaseResult:
    files = _files(corpus)
    start = time.perf_counter()
    for path in files:
        load_file(path)
    return PhaseResult("extract", len(files), 0, time.perf_counter() - start, _peak_rss_mb(), None)


def run_ingest(corpus: Path, work: Path, store_location: str | None) -> PhaseResult:
    files = _files(corpus)
    location = store_location or str(work / "ingest-store")
    triples = 0
    with open_store(location) as store:
        setup = time.perf_counter()
        ensure_reference_data(store)
        start = time.perf_counter()
        setup = start - setup
        for path in files:
            triples += ingest_facts(store, load_file(path)).triples
    seconds = time.perf_counter() - start
    disk = _disk_mb(work / "ingest-store") if store_location is None else None
    return PhaseResult("ingest", len(files), triples, seconds, _peak_rss_mb(), disk, setup)


def run_baseline(corpus: Path, work: Path, _store: str | None) -> PhaseResult:
    files = _files(corpus)
    quads: list[ox.Quad] = []
    for path in files:
        facts = load_file(path)
        graph = ox.NamedNode(str(document_graph_iri(facts.sha256)))
        quads.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in to_oxigraph_triples(document_graph(facts)))
    start = time.perf_counter()
    store = ox.Store(str(work / "baseline-store"))
    store.bulk_extend(quads)
    store.flush()
    seconds = time.perf_counter() - start
    del store
    return PhaseResult("baseline", len(files), len(quads), seconds, _peak_rss_mb(), _disk_mb(work / "baseline-store"))


PHASES = {"extract": run_extract, "ingest": run_ingest, "baseline": run_baseline}


def _child(phase: str, corpus: Path, work: Path, store: str | None, queue: multiprocessing.Queue) -> None:
    queue.put(asdict(PHASES[phase](corpus, work, store)))


def run_phase(phase: str, corpus: Path, work: Path, store: str | None) -> PhaseResult:
    """One phase in a fresh process, so its peak RSS is not the previous phase's."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(phase, corpus, work, store, queue))
    process.start()
    result = PhaseResult(**queue.get())
    process.join()
    return result


def report(results: list[PhaseResult], baseline: PhaseResult) -> str:
    lines = [f"{'phase':9} {'docs':>7} {'triples':>10} {'seconds':>8} {'docs/s':>8} {'triples/s':>10} "
             f"{'peak RSS MB':>11} {'disk MB':>8} {'time vs baseline':>16}"]
    for r in results:
        ratio = f"{r.seconds / baseline.seconds:.1f}x" if r.triples and baseline.seconds else "-"
        disk = f"{r.disk_mb:.1f}" if r.disk_mb is not None else "-"
        lines.append(f"{r.phase:9} {r.documents:>7} {r.triples:>10} {r.seconds:>8.2f} {r.documents_per_second:>8.1f} "
                     f"{r.triples_per_second:>10.0f} {r.peak_rss_mb:>11.0f} {disk:>8} {ratio:>16}")
    lines += [f"({r.phase}: reference data written first in {r.setup_seconds:.2f} s, not counted)"
              for r in results if r.setup_seconds]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communications", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store", default=None, help="ingest into this store location instead of a fresh one on disk")
    parser.add_argument("--phases", default="extract,ingest,baseline")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rightsgraph-bench-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        summary = synthetic.generate(args.communications, args.seed, work / "corpus")
        print(f"generated {summary.communications} communications, {summary.replies} replies, "
              f"{summary.status_tables} status tables ({summary.total_bytes / 2**20:.1f} MB) "
              f"in {time.perf_counter() - started:.1f} s")
        results = [run_phase(phase, work / "corpus", work, args.store) for phase in args.phases.split(",")]
    baseline = next((r for r in results if r.phase == "baseline"), results[-1])
    print(report(results, baseline))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
