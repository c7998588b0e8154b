"""Issue 18's table: what the lawyers' pages cost as the corpus grows, in one run.

For each size (existing stores by ``--stores 1000=DIR,10000=DIR,...``; a size without a store
is built as :mod:`bench_api` builds one):

1. **a working copy** of the store (``cp -r``): the server opens its store for writing and
   this run uploads documents, so a store given is never written.
2. **recorded queries**: each page is requested once in process (the app on a store that
   records the SPARQL text of every query, :class:`bench_api._RecordingStore`), then those
   texts run on raw pyoxigraph (read-only handle, the service's own evaluation: the engine,
   plus the ordering the service applies): warm-up, then the median of ``--repeats``.
3. **the service** (``rightsgraph serve`` in a subprocess, httpx, sequential): the first
   search waits for the search index the server builds when it opens the store (reported);
   then each page: one warm-up request, the median of ``--repeats`` and the answer size;
   ``/states/{id}/obligations`` p50 over several States (:func:`bench_api.measure`); then
   ``--uploads`` rounds of: upload one synthetic (fictional) letter, run the searches, and
   one ``/sparql`` query: search and SPARQL p50/p99 *after an ingest*.

Growth ratios are to the smallest size. Numbers depend on the machine (2 shared cores):
compare the ratios. Not a test.

    .venv/bin/python benchmarks/bench_pages.py \\
        --stores 1000=/work/bench/store-1000,10000=/work/bench/store-10000,50000=/work/bench/store-50000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx
import pyoxigraph as ox
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_api  # noqa: E402  (benchmarks/ is no package)
import synthetic  # noqa: E402

from rightsgraph.api.app import create_app  # noqa: E402
from rightsgraph.api.settings import Settings  # noqa: E402

PAGES = (
    "/states/CHN/obligations?as_of=2021-03-30",
    "/states/KEN/obligations?as_of=2015-06-01",
    "/provisions/CRC/34",
    "/instruments/OPSC",
)
JSON = {"accept": "application/json"}
AFTER_WRITE_SPARQL = ("PREFIX rg: <https://w3id.org/rightsgraph/ontology#> "
                      "SELECT (COUNT(*) AS ?n) WHERE { ?letter a rg:Communication }")


@dataclass
class PageResult:
    """One page at one size: the service's median and answer size, raw pyoxigraph's median."""

    median_s: float
    size_bytes: int
    status: int
    raw_median_s: float
    raw_queries: int


@dataclass
class SizeResult:
    communications: int
    quads: int
    index_ready_s: float
    pages: dict[str, PageResult]
    obligations_p50_s: float
    search_after_ingest_s: list[float] = field(default_factory=list)
    search_by_query_s: dict[str, list[float]] = field(default_factory=dict)
    first_search_after_ingest_s: list[float] = field(default_factory=list)
    sparql_after_ingest_s: list[float] = field(default_factory=list)
    upload_s: list[float] = field(default_factory=list)


def parse_stores(text: str) -> dict[int, Path | None]:
    """``1000=DIR,10000=DIR`` (or bare sizes, built here) as {size: store or None}.

    >>> parse_stores("1000=/tmp/a,10000")
    {1000: PosixPath('/tmp/a'), 10000: None}
    """
    stores: dict[int, Path | None] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        size, _, path = item.partition("=")
        stores[int(size)] = Path(path) if path else None
    return stores


def quantile(times: list[float], q: float) -> float:
    return bench_api.Latency("", times).quantile(q)


# --- recorded queries on raw pyoxigraph ------------------------------------------------------


def record_page_queries(store_dir: Path) -> dict[str, list[str]]:
    """The SPARQL texts each page sends, exactly as bound, from one in-process request (the
    app without its start-up, so no search index is built here)."""
    recorded: dict[str, list[str]] = {}
    with bench_api._RecordingStore(store_dir) as store:
        client = TestClient(create_app(store, Settings()))
        for page in PAGES:
            store.queries.clear()
            response = client.get(page, headers=JSON)
            if response.status_code != 200:
                raise RuntimeError(f"{page}: HTTP {response.status_code}: {response.text[:300]}")
            recorded[page] = list(store.queries)
    return recorded


def raw_page_times(store_dir: Path, recorded: dict[str, list[str]], repeats: int) -> dict[str, float]:
    """Per page, the median over ``repeats`` (after a warm-up) of running its recorded
    queries on a read-only pyoxigraph handle."""
    engine = ox.Store.read_only(str(store_dir))
    medians = {}
    for page, texts in recorded.items():
        times = []
        for _ in range(repeats + 1):
            start = time.perf_counter()
            for sparql in texts:
                bench_api._run_raw(engine, sparql)
            times.append(time.perf_counter() - start)
        medians[page] = statistics.median(times[1:])
    del engine
    return medians


# --- the service -------------------------------------------------------------------------------


def timed_get(client: httpx.Client, url: str, headers: dict[str, str] | None = None) -> tuple[float, httpx.Response]:
    start = time.perf_counter()
    response = client.get(url, headers=headers or JSON)
    return time.perf_counter() - start, response


def page_timings(client: httpx.Client, base: str, repeats: int) -> dict[str, tuple[float, int, int]]:
    """Per page: (median of ``repeats`` after one warm-up, answer bytes, HTTP status)."""
    measured = {}
    for page in PAGES:
        timed_get(client, base + page)
        runs = [timed_get(client, base + page) for _ in range(repeats)]
        last = runs[-1][1]
        measured[page] = (statistics.median(took for took, _ in runs), len(last.content), last.status_code)
    return measured


def upload_letters(count: int, seed: int, out: Path) -> list[Path]:
    """``count`` synthetic letters (fictional, marked so in their text) not in the stores
    measured (another seed, references numbered from 9001: new letters, not other versions of
    letters the store holds), to upload one by one."""
    synthetic.generate(count, seed, out, first_number=9001)
    return sorted((out / "communications").glob("*.txt"))[:count]


def after_ingest(client: httpx.Client, base: str, token: str, letters: list[Path], result: SizeResult) -> None:
    """Each round: upload one letter, then every search of :data:`bench_api.SEARCHES` and one
    ``/sparql`` query, timed."""
    auth = {"Authorization": f"Bearer {token}"}
    searches = [f"{base}/search?q={quote(q, safe='')}" for q in bench_api.SEARCHES]
    sparql = f"{base}/sparql?query={quote(AFTER_WRITE_SPARQL, safe='')}"
    timed_get(client, sparql, {"accept": "application/sparql-results+json"})  # the pool's first workers start
    for index, letter in enumerate(letters):
        start = time.perf_counter()
        response = client.post(f"{base}/documents", params={"filename": f"bench-upload-{index}-{letter.name}"},
                               content=letter.read_bytes(), headers=auth)
        result.upload_s.append(time.perf_counter() - start)
        response.raise_for_status()
        times = [timed_get(client, url)[0] for url in searches]
        result.first_search_after_ingest_s.append(times[0])
        result.search_after_ingest_s += times
        for query, took in zip(bench_api.SEARCHES, times, strict=True):
            result.search_by_query_s.setdefault(query, []).append(took)
        result.sparql_after_ingest_s.append(timed_get(client, sparql, {"accept": "application/sparql-results+json"})[0])


def serve_and_measure(store_dir: Path, n: int, quads: int, args: argparse.Namespace, work: Path) -> SizeResult:
    token = secrets.token_hex(16)
    port = bench_api._free_port()
    server = bench_api.start_server(store_dir, port, args.query_timeout, write_token=token)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(timeout=1800) as client:
            index_ready, _ = timed_get(client, f"{base}/search?q=children")
            pages = page_timings(client, base, args.repeats)
            states = [(f"{base}/states/{state}/obligations", JSON) for state in bench_api.STATES]
            obligations = bench_api.measure(client, "obligations", states, args.requests, args.budget)
            result = SizeResult(n, quads, index_ready, {}, obligations.quantile(0.5))
            result.pages = {page: PageResult(*measured, 0.0, 0) for page, measured in pages.items()}
            after_ingest(client, base, token, upload_letters(args.uploads, args.seed + 1000, work / "uploads"), result)
    finally:
        server.terminate()
        server.wait(60)
    return result


# --- the run -----------------------------------------------------------------------------------


def run_size(n: int, given: Path | None, args: argparse.Namespace, work: Path) -> SizeResult:
    log = bench_api._logger(n)
    store_dir = work / "store"
    if given is None:
        build = bench_api.build_store(n, args.seed, work, args.processes, bulk=True)
    else:
        shutil.copytree(given, store_dir)
        build = bench_api.existing_build(n, store_dir)
    log(f"store ready: {build.quads} quads")
    recorded = record_page_queries(store_dir)
    raw = raw_page_times(store_dir, recorded, args.repeats)
    log("raw pyoxigraph measured")
    result = serve_and_measure(store_dir, n, build.quads, args, work)
    for page, page_result in result.pages.items():
        page_result.raw_median_s, page_result.raw_queries = raw[page], len(recorded[page])
    log("service measured")
    return result


def _ratio(value: float, base: float) -> str:
    return f"×{value / base:.1f}" if base else "-"


def report(results: dict[int, SizeResult], argv: list[str]) -> str:
    """Issue 18's table, with growth ratios to the smallest size, as Markdown."""
    sizes = sorted(results)
    base = sizes[0]
    ratio_heads = [f"×{n // 1000}k/{base // 1000}k" if base >= 1000 else f"×{n}/{base}" for n in sizes[1:]]
    head = ["row", *(f"{n:,}" for n in sizes), *ratio_heads]

    def row(label: str, values: list[float], fmt: str = "{:.0f} ms", scale: float = 1000) -> str:
        cells = [fmt.format(v * scale) for v in values] + [_ratio(v, values[0]) for v in values[1:]]
        return "| " + " | ".join([label, *cells]) + " |"

    lines = [f"- date: {dt.date.today().isoformat()}; {platform.machine()}, {os.cpu_count()} cores (shared), "
             f"Python {platform.python_version()}, pyoxigraph {ox.__version__}",
             f"- command: `.venv/bin/python benchmarks/bench_pages.py {' '.join(argv)}`", "",
             "| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for page in PAGES:
        lines.append(row(f"{page} (median)", [results[n].pages[page].median_s for n in sizes]))
        lines.append(row(f"{page} answer size", [results[n].pages[page].size_bytes for n in sizes], "{:,.0f} KB", 1 / 1024))
    for page in PAGES:
        queries = "/".join(str(results[n].pages[page].raw_queries) for n in sizes)
        lines.append(row(f"raw pyoxigraph: {page} ({queries} queries)", [results[n].pages[page].raw_median_s for n in sizes]))
    lines.append(row(f"obligations p50 ({len(bench_api.STATES)} States)", [results[n].obligations_p50_s for n in sizes]))
    lines.append(row("search p50 after an ingest", [quantile(results[n].search_after_ingest_s, 0.5) for n in sizes]))
    lines.append(row("search p99 after an ingest", [quantile(results[n].search_after_ingest_s, 0.99) for n in sizes]))
    lines.append(row("first search after an ingest (max)", [max(results[n].first_search_after_ingest_s) for n in sizes]))
    lines.append(row("/sparql p50 after an ingest", [quantile(results[n].sparql_after_ingest_s, 0.5) for n in sizes]))
    lines.append(row("/sparql p99 after an ingest", [quantile(results[n].sparql_after_ingest_s, 0.99) for n in sizes]))
    lines.append(row("upload p50", [quantile(results[n].upload_s, 0.5) for n in sizes]))
    lines.append(row("search index ready after server start", [results[n].index_ready_s for n in sizes], "{:.1f} s", 1))
    lines += ["", "Search after an ingest, per query, p50 ms / p99 ms (p99/p50; target ≤ 2×):"]
    for n in sizes:
        per_query = results[n].search_by_query_s
        lines.append(f"- {n:,}: " + "; ".join(
            f"`{q}` {quantile(t, 0.5) * 1000:.0f} / {quantile(t, 0.99) * 1000:.0f} ({quantile(t, 0.99) / quantile(t, 0.5):.1f}×)"
            for q, t in per_query.items()))
    statuses = {f"{n}: {page}": results[n].pages[page].status for n in sizes for page in PAGES
                if results[n].pages[page].status != 200}
    if statuses:
        lines += ["", f"Pages not answered 200: {statuses}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", required=True,
                        help="SIZE=DIR,... existing stores (copied, never written); a bare SIZE is built here")
    parser.add_argument("--seed", type=int, default=7, help="synthetic corpus seed (uploads use seed + 1000)")
    parser.add_argument("--processes", type=int, default=2, help="extraction processes for a store built here")
    parser.add_argument("--repeats", type=int, default=7, help="timed requests per page after one warm-up")
    parser.add_argument("--requests", type=int, default=30, help="most obligations requests for its p50")
    parser.add_argument("--budget", type=float, default=60.0, help="most seconds for the obligations p50")
    parser.add_argument("--uploads", type=int, default=10, help="upload-then-search rounds")
    parser.add_argument("--query-timeout", type=float, default=60.0, help="the server's /sparql timeout")
    parser.add_argument("--work", type=Path, default=None, help="where the working copies go (default: $TMPDIR)")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw results here")
    args = parser.parse_args(argv)
    results: dict[int, SizeResult] = {}
    for n, given in sorted(parse_stores(args.stores).items()):
        with tempfile.TemporaryDirectory(prefix=f"rightsgraph-bench-pages-{n}-", dir=args.work) as tmp:
            results[n] = run_size(n, given, args, Path(tmp))
    text = report(results, argv)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({n: asdict(r) for n, r in results.items()}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
