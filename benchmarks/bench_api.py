"""The HTTP service at scale: store build, API latency, and ratios to engine baselines.

For each size N (synthetic communications, :mod:`synthetic`):

1. **build**: generate the corpus, then ingest it as ``rightsgraph ingest --processes P
   [--bulk]`` does (:func:`rightsgraph.api.cli_ingest.ingest_files`: extraction in worker processes,
   batches through the store's bulk path, reference data included) into an on-disk store.
2. **raw engine**: ``obligations()`` runs in process on a store that records the exact SPARQL
   text of each query it sends (bound as ``Store.select`` binds); those texts are then run
   directly on pyoxigraph, solutions iterated: the engine's own time for the same work.
3. **API**: ``rightsgraph serve`` in a subprocess on 127.0.0.1; httpx requests, sequential,
   at most ``--requests`` per endpoint (and at most ``--budget`` seconds each):
   ``/states/{id}/obligations`` for several States, the communication, provision and search
   pages (JSON), ``/graph/view?iri=`` for a communication and a provision (only up to
   ``--views-max`` communications, as the first request builds the network projection), and
   ``/sparql`` for five fixed queries. One warm-up pass first (its time is "first ms"). Then VmHWM of the server process (and of its query
   workers) from ``/proc``.
4. **rdflib** (sizes up to ``--rdflib-max``): the same recorded SPARQL texts on rdflib's
   in-memory ``Dataset`` (union default graph) loaded with the same quads, in a subprocess,
   each query capped at ``--rdflib-cap`` seconds (reported as ``>cap``).

Ratios: obligations p50 / raw engine (target <= 1.5x); rdflib / obligations p50 (target
>= 100x). Numbers depend on the machine; compare the ratios. Not a test.

    .venv/bin/python benchmarks/bench_api.py --communications 1000,10000 [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import multiprocessing
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pyoxigraph as ox
from rich.console import Console

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402  (benchmarks/ is no package)

from rightsgraph.api.cli_ingest import ingest_files  # noqa: E402
from rightsgraph.graph import obligations_queries as oq  # noqa: E402
from rightsgraph.graph.rdf_terms import provision_iri, state_iri  # noqa: E402
from rightsgraph.graph.store import open_store  # noqa: E402
from rightsgraph.graph.obligations import obligations  # noqa: E402
from rightsgraph.graph.store_evaluate import evaluate  # noqa: E402
from rightsgraph.graph.store_oxigraph import OxigraphStore  # noqa: E402
from rightsgraph.loaders.pipeline import iter_input_files  # noqa: E402

STATES = ("CHN", "USA", "GBR", "DEU", "BRA", "IND", "KEN", "MEX")
RDFLIB_STATE = "CHN"
PROVISIONS = (("CRC", "34"), ("OPSC", "2"), ("UNGP", "13"), ("ICCPR", "17"))
SEARCHES = ("live video", "\"sexual exploitation\"", "platform AND moderation", "grooming*")
SERVE = Path(sys.executable).with_name("rightsgraph")
_PREFIXES = """PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def sparql_queries(state: str) -> dict[str, str]:
    """The five fixed /sparql queries."""
    bound_actions = oq._ACTIONS.replace("WHERE {", f"WHERE {{\n  VALUES ?state {{ <{state_iri(state)}> }}", 1)
    return {
        "counts per graph": "SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } "
                            "GROUP BY ?g ORDER BY DESC(?triples) LIMIT 20",
        f"obligations join ({state})": bound_actions,
        "most-cited provisions": _PREFIXES + "SELECT ?provision (COUNT(DISTINCT ?c) AS ?n) WHERE { "
                                 "?c a rg:Citation ; rg:provision ?provision } GROUP BY ?provision "
                                 "ORDER BY DESC(?n) LIMIT 10",
        "text search (REGEX on oa:exact)": _PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?p a rg:Passage ; "
                                           "oa:hasSelector ?sel . ?sel oa:exact ?quote . "
                                           "FILTER(REGEX(?quote, \"live video\", \"i\")) }",
        "date range": _PREFIXES + "SELECT ?comm ?date WHERE { ?comm a rg:Communication ; dcterms:date ?date . "
                      "FILTER(?date >= \"2020-01-01\"^^xsd:date && ?date < \"2020-07-01\"^^xsd:date) } "
                      "ORDER BY ?date LIMIT 1000",
    }


# --- 1. build -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Build:
    communications: int
    documents: int
    failed: int
    quads: int
    generate_s: float
    ingest_s: float
    disk_mb: float
    peak_rss_mb: float
    communication_refs: tuple[str, ...]

    @property
    def total_s(self) -> float:
        return self.generate_s + self.ingest_s


def _ingest_child(corpus: str, store: str, processes: int, bulk: bool, conn: Connection) -> None:
    files = list(iter_input_files([Path(corpus)]))
    with open_store(store) as opened:
        summary = ingest_files(opened, files, None, Console(quiet=True), processes=processes, bulk=bulk)
    conn.send((summary.added, summary.errors, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def build_store(n: int, seed: int, work: Path, processes: int, bulk: bool) -> Build:
    """Generate the corpus, then ``rightsgraph ingest --processes`` it (in a child process,
    so that its peak RSS is its own), reference data included."""
    started = time.perf_counter()
    summary = synthetic.generate(n, seed, work / "corpus")
    generated = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_ingest_child, args=(str(work / "corpus"), str(work / "store"), processes, bulk, child))
    process.start()
    added, failed, peak = parent.recv()
    process.join()
    ingested = time.perf_counter()
    engine = ox.Store.read_only(str(work / "store"))
    quads = len(engine)
    del engine
    references = tuple(itertools.islice((p.reference for p in summary.documents if p.reference
                                         and p.kind == "communication" and p.addressee and p.addressee[0] == "state"), 8))
    disk = sum(p.stat().st_size for p in (work / "store").rglob("*") if p.is_file()) / 2**20
    return Build(n, added, failed, quads, generated - started, ingested - generated, disk, peak, references)


_ADDRESSED_LETTERS = _PREFIXES + """SELECT DISTINCT ?id WHERE {
  ?letter a rg:Communication ; dcterms:identifier ?id ; rg:addressee ?state . ?state a rg:State .
} ORDER BY ?id LIMIT 8"""


def existing_build(n: int, store_dir: Path) -> Build:
    """A store built before (e.g. by the end-to-end ingest run): its size and some letters."""
    engine = ox.Store.read_only(str(store_dir))
    quads = len(engine)
    graphs = sum(1 for _ in engine.named_graphs())
    references = tuple(s["id"].value for s in engine.query(_ADDRESSED_LETTERS, use_default_graph_as_union=True))
    del engine
    disk = sum(p.stat().st_size for p in store_dir.rglob("*") if p.is_file()) / 2**20
    return Build(n, graphs - 1, 0, quads, 0.0, 0.0, disk, 0.0, references)


# --- 2. the raw engine ------------------------------------------------------------------------


class _RecordingStore(OxigraphStore):
    """The embedded store, noting the exact SPARQL text of every query it runs."""

    def __init__(self, path: Path) -> None:
        self.queries: list[str] = []  # opening may already query (the per-State view's version)
        super().__init__(path)
        self.queries.clear()

    def _evaluate(self, sparql: str, **options: Any) -> Any:
        self.queries.append(sparql)
        return super()._evaluate(sparql, **options)


def recorded_obligations(store_path: Path, repeats: int, states: tuple[str, ...] = STATES) -> dict[str, Any]:
    """Each State's obligations computed in-process (library time: engine + Python), and the
    SPARQL texts that took, bound exactly as the service binds them."""
    queries: dict[str, list[str]] = {}
    library: dict[str, float] = {}
    with _RecordingStore(store_path) as store:
        for state in states:
            times = []
            for _ in range(repeats):
                store.queries.clear()
                start = time.perf_counter()
                obligations(store, state)
                times.append(time.perf_counter() - start)
            library[state] = statistics.median(times)
            queries[state] = list(store.queries)
    return {"queries": queries, "library_s": library}


def _run_raw(engine: ox.Store, sparql: str) -> int:
    """Run ``sparql`` on the engine as the service evaluates it (the default graph is the
    stored merge, decision 0009; an ORDER BY the engine cannot be trusted with is ordered in
    Python) and read every value; the number of values read."""
    results = evaluate(engine, sparql)
    if isinstance(results, ox.QueryBoolean):
        return 1
    return sum(1 for row in results for _ in row)


def raw_obligations(store_path: Path, queries: dict[str, list[str]], repeats: int) -> dict[str, Any]:
    """Median over ``repeats`` of running every recorded query of a State directly on
    pyoxigraph (solutions iterated, every value read): the engine's own time."""
    engine = ox.Store.read_only(str(store_path))
    per_state: dict[str, float] = {}
    for state, texts in queries.items():
        totals = []
        for _ in range(repeats):
            start = time.perf_counter()
            for sparql in texts:
                _run_raw(engine, sparql)
            totals.append(time.perf_counter() - start)
        per_state[state] = statistics.median(totals)
    del engine
    return {"median_s": statistics.median(per_state.values()), "per_state_s": per_state,
            "queries_per_state": {state: len(texts) for state, texts in queries.items()}}


# --- 3. the API -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(store_path: Path, port: int, timeout: float, write_token: str | None = None) -> subprocess.Popen[bytes]:
    """``rightsgraph serve`` on ``store_path``, once it answers; uploads only with ``write_token``."""
    env = {**os.environ, "RIGHTSGRAPH_QUERY_TIMEOUT": str(timeout)}
    env.pop("RIGHTSGRAPH_WRITE_TOKEN", None)
    if write_token:
        env["RIGHTSGRAPH_WRITE_TOKEN"] = write_token
    process = subprocess.Popen([str(SERVE), "serve", "--store", str(store_path), "--host", "127.0.0.1",
                                "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("server did not start within 120 s")


@dataclass
class Latency:
    endpoint: str
    times: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    first_s: float | None = None

    def quantile(self, q: float) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def measure(client: httpx.Client, endpoint: str, urls: list[tuple[str, dict[str, str]]],
            requests: int, budget: float) -> Latency:
    """First request timed apart; then up to ``requests`` (or ``budget`` s) cycling ``urls``."""
    result = Latency(endpoint)
    cycle = itertools.cycle(urls)

    def one() -> float:
        url, headers = next(cycle)
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        took = time.perf_counter() - start
        result.statuses[response.status_code] = result.statuses.get(response.status_code, 0) + 1
        return took

    result.first_s = one()
    for _ in range(len(urls) - 1):  # every URL once before the clock (e.g. caches per State)
        one()
    started = time.monotonic()
    while len(result.times) < requests and (time.monotonic() - started < budget or len(result.times) < 3):
        result.times.append(one())
    return result


def api_latencies(
    port: int, references: tuple[str, ...], requests: int, budget: float, views: bool, states: tuple[str, ...] = STATES,
) -> list[Latency]:
    base = f"http://127.0.0.1:{port}"
    json_accept = {"accept": "application/json"}
    sparql_accept = {"accept": "application/sparql-results+json"}
    reference = references[0]
    plan: list[tuple[str, list[tuple[str, dict[str, str]]]]] = [
        (f"/states/{{id}}/obligations ({len(states)} States)",
         [(f"{base}/states/{s}/obligations", json_accept) for s in states]),
        (f"/communications/{{reference}} ({len(references)} letters)",
         [(f"{base}/communications/{quote(r, safe='')}", json_accept) for r in references]),
        (f"/provisions/{{instrument}}/{{number}} ({len(PROVISIONS)} provisions)",
         [(f"{base}/provisions/{i}/{n}", json_accept) for i, n in PROVISIONS]),
        (f"/search?q= ({len(SEARCHES)} queries; the first waits for the index the server builds at start)",
         [(f"{base}/search?q={quote(q, safe='')}", json_accept) for q in SEARCHES]),
        (f"/graph/view?iri= communication {reference}",
         [(f"{base}/graph/view?iri={quote(reference, safe='')}", {})]),
        ("/graph/view?iri= provision CRC art. 34",
         [(f"{base}/graph/view?iri={quote(str(provision_iri('CRC', '34')), safe='')}", {})]),
    ]
    if not views:  # the first /graph/view builds the network projection (minutes, see --views-max)
        plan = plan[:4]
    plan += [(f"/sparql {name}", [(f"{base}/sparql?query={quote(sparql, safe='')}", sparql_accept)])
             for name, sparql in sparql_queries(states[0]).items()]
    with httpx.Client(timeout=600) as client:
        return [measure(client, name, urls, requests, budget) for name, urls in plan]


def _status_kb(pid: int) -> dict[str, int]:
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            found[key] = int(value.split()[0])
    return found


def _children(pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(c) for c in (task / "children").read_text().split()]
    return children


def memory(pid: int) -> dict[str, float]:
    server = _status_kb(pid)
    workers = [_status_kb(child) for child in _children(pid)]
    return {"server_hwm_mb": server["VmHWM"] / 1024, "server_rss_mb": server["VmRSS"] / 1024,
            "workers": len(workers), "workers_hwm_mb": sum(w["VmHWM"] for w in workers) / 1024}


# --- 4. rdflib ----------------------------------------------------------------------------------


def _rdflib_child(nquads: str, queries: list[str], conn: Connection) -> None:
    import rdflib

    start = time.perf_counter()
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")
    conn.send(("loaded", time.perf_counter() - start, len(dataset)))
    for index, sparql in enumerate(queries):
        start = time.perf_counter()
        rows = len(list(dataset.query(sparql)))
        conn.send(("query", index, time.perf_counter() - start, rows))


def rdflib_obligations(nquads: Path, state: str, queries: list[str], cap: float, load_cap: float) -> dict[str, Any]:
    """Load time, then the State's recorded obligations queries on rdflib's in-memory
    Dataset, in a subprocess; stops at the first query over ``cap`` (reported as None)."""
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_rdflib_child, args=(str(nquads), queries, child))
    process.start()
    child.close()
    out: dict[str, Any] = {"state": state, "cap_s": cap, "queries": {}, "total_queries": len(queries)}
    try:
        if not parent.poll(load_cap):
            out["load_s"] = None
            return out
        _, out["load_s"], out["quads"] = parent.recv()
        for index in range(len(queries)):
            if not parent.poll(cap):
                out["queries"][index] = None
                break
            _, got, seconds, rows = parent.recv()
            out["queries"][got] = seconds
    finally:
        process.kill()
        process.join()
    return out


# --- the run ----------------------------------------------------------------------------------


def run_size(n: int, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    log = _logger(n)
    states = tuple(args.states.split(","))
    if args.existing_store:
        store_dir = args.existing_store
        build = existing_build(n, store_dir)
    else:
        store_dir = work / "store"
        build = build_store(n, args.seed, work, args.processes, args.build_mode == "bulk")
    log(f"built: {build.quads} quads in {build.total_s:.1f} s")
    recorded = recorded_obligations(store_dir, args.raw_repeats, states)
    raw = raw_obligations(store_dir, recorded["queries"], args.raw_repeats)
    log(f"raw engine: {raw['median_s'] * 1000:.1f} ms")
    nquads = None
    if n <= args.rdflib_max:
        nquads = work / "dump.nq"
        engine = ox.Store.read_only(str(store_dir))
        engine.dump(output=str(nquads), format=ox.RdfFormat.N_QUADS)
        del engine
    port = _free_port()
    server = start_server(store_dir, port, args.query_timeout)
    try:
        latencies = api_latencies(port, build.communication_refs, args.requests, args.budget,
                                  n <= args.views_max, states)
        mem = memory(server.pid)
    finally:
        server.terminate()
        server.wait(30)
    log("API measured")
    rdflib_result = rdflib_obligations(nquads, RDFLIB_STATE, recorded["queries"][RDFLIB_STATE], args.rdflib_cap,
                                       args.rdflib_load_cap) if nquads else None
    if rdflib_result:
        log("rdflib measured")
    return {"build": build, "recorded": recorded, "raw": raw, "latencies": latencies, "memory": mem,
            "rdflib": rdflib_result}


def _logger(n: int) -> Callable[[str], None]:
    started = time.perf_counter()
    return lambda message: print(f"[{n} communications, {time.perf_counter() - started:6.1f} s] {message}",
                                 file=sys.stderr, flush=True)


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.1f}"


def report(results: dict[int, dict[str, Any]], args: argparse.Namespace) -> str:
    """The results as Markdown tables."""
    lines = [f"- date: {dt.date.today().isoformat()}; machine: {platform.machine()}, {os.cpu_count()} cores "
             f"(shared), Python {platform.python_version()}, pyoxigraph {ox.__version__}, {platform.platform()}",
             f"- command: `.venv/bin/python benchmarks/bench_api.py {' '.join(sys.argv[1:])}`",
             f"- store built by `rightsgraph ingest --processes {args.processes}"
             f"{' --bulk' if args.build_mode == 'bulk' else ''}` (`api/cli_ingest.ingest_files`, in a child "
             "process; reference data included), end to end from the generated files", "",
             "### Build", "",
             "| communications | documents | failed | quads | generate s | ingest s | documents/s | quads/s | ingest peak RSS MB | disk MB |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, r in results.items():
        b: Build = r["build"]
        if not b.ingest_s:  # --existing-store: built elsewhere
            lines.append(f"| {n} | {b.documents} | - | {b.quads} | - | - | - | - | - | {b.disk_mb:.0f} |")
            continue
        lines.append(f"| {n} | {b.documents} | {b.failed} | {b.quads} | {b.generate_s:.1f} | {b.ingest_s:.1f} | "
                     f"{b.documents / b.ingest_s:.1f} | {b.quads / b.ingest_s:,.0f} | {b.peak_rss_mb:.0f} | {b.disk_mb:.0f} |")
    lines += ["", f"### API latency (sequential httpx against `rightsgraph serve`, ≤ {args.requests} requests or "
              f"{args.budget:.0f} s per endpoint after one warm-up pass; /sparql timeout {args.query_timeout:.0f} s)", "",
              "| communications | endpoint | n | first ms | p50 ms | p95 ms | statuses |", "|---:|---|---:|---:|---:|---:|---|"]
    for n, r in results.items():
        for lat in r["latencies"]:
            statuses = ", ".join(f"{k}×{v}" for k, v in sorted(lat.statuses.items()))
            lines.append(f"| {n} | {lat.endpoint} | {len(lat.times)} | {_ms(lat.first_s)} | {_ms(lat.quantile(0.5))} | "
                         f"{_ms(lat.quantile(0.95))} | {statuses} |")
    lines += ["", "### Obligations against baselines", "",
              "| communications | obligations p50 ms | raw pyoxigraph ms | p50 / raw (target ≤ 1.5×) | "
              f"rdflib ms ({RDFLIB_STATE}) | rdflib / p50 (target ≥ 100×) |", "|---:|---:|---:|---:|---:|---:|"]
    for n, r in results.items():
        p50 = r["latencies"][0].quantile(0.5)
        raw = r["raw"]["median_s"]
        rdf, rdf_text = _rdflib_total(r["rdflib"])
        ratio = "-" if rdf is None else (">" if rdf_text.startswith(">") else "") + f"{rdf / p50:.0f}×"
        lines.append(f"| {n} | {_ms(p50)} | {_ms(raw)} | {p50 / raw:.2f}× | {rdf_text} | {ratio} |")
    lines += ["", "Per State (median ms): raw pyoxigraph running the recorded SPARQL / `obligations()` in "
              "process (engine + Python) / number of queries:"]
    for n, r in results.items():
        raw, library = r["raw"], r["recorded"]["library_s"]
        lines.append(f"- {n}: " + ", ".join(
            f"{state} {raw['per_state_s'][state] * 1000:.0f} / {library[state] * 1000:.0f} / "
            f"{raw['queries_per_state'][state]}" for state in raw["per_state_s"]))
    for n, r in results.items():
        if r["rdflib"]:
            rd = r["rdflib"]
            per = ", ".join(f"q{k + 1} {'>' + str(int(rd['cap_s'])) + ' s' if v is None else f'{v:.2f} s'}"
                            for k, v in rd["queries"].items())
            per += f" (of {rd['total_queries']} queries)"
            lines.append(f"rdflib at {n} ({rd.get('quads')} quads loaded in {rd['load_s']:.0f} s): {per}")
    lines += ["", "### Memory of the server after the latency run (/proc VmHWM)", "",
              "| communications | quads | server VmHWM MB | server VmRSS MB | query workers | workers' VmHWM MB (sum) |",
              "|---:|---:|---:|---:|---:|---:|"]
    for n, r in results.items():
        m = r["memory"]
        lines.append(f"| {n} | {r['build'].quads} | {m['server_hwm_mb']:.0f} | {m['server_rss_mb']:.0f} | "
                     f"{m['workers']} | {m['workers_hwm_mb']:.0f} |")
    return "\n".join(lines) + "\n"


def _rdflib_total(result: dict[str, Any] | None) -> tuple[float | None, str]:
    if not result or result.get("load_s") is None:
        return None, "-"
    times = list(result["queries"].values())
    total = sum(t for t in times if t is not None)
    if any(t is None for t in times) or len(times) < result["total_queries"]:
        total = max(total, result["cap_s"])
        return total, f">{total * 1000:.0f}"
    return total, f"{total * 1000:.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communications", default="1000,10000", help="comma-separated sizes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--processes", type=int, default=2, help="extraction processes")
    parser.add_argument("--build-mode", choices=("bulk", "atomic"), default="bulk",
                        help="rightsgraph ingest --bulk, or its default one transaction per document")
    parser.add_argument("--requests", type=int, default=200, help="most requests per endpoint")
    parser.add_argument("--budget", type=float, default=30.0, help="most seconds per endpoint")
    parser.add_argument("--raw-repeats", type=int, default=5)
    parser.add_argument("--query-timeout", type=float, default=60.0, help="the server's /sparql timeout")
    parser.add_argument("--rdflib-max", type=int, default=1000, help="largest size rdflib is measured at")
    parser.add_argument("--rdflib-cap", type=float, default=120.0, help="seconds per rdflib query")
    parser.add_argument("--rdflib-load-cap", type=float, default=600.0)
    parser.add_argument("--views-max", type=int, default=0,
                        help="largest size /graph/view is measured at (its first request builds the network "
                             "projection, 281 s at 100 communications)")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw results here")
    parser.add_argument("--states", default=",".join(STATES), help="comma-separated ISO codes measured")
    parser.add_argument("--existing-store", type=Path, default=None,
                        help="measure this on-disk store (built by `rightsgraph ingest` of a synthetic corpus of "
                             "--communications letters) instead of building one")
    args = parser.parse_args(argv)
    results: dict[int, dict[str, Any]] = {}
    for n in (int(x) for x in args.communications.split(",")):
        with tempfile.TemporaryDirectory(prefix=f"rightsgraph-bench-api-{n}-") as tmp:
            results[n] = run_size(n, args, Path(tmp))
    text = report(results, args)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(results, default=lambda o: o.__dict__ if hasattr(o, "__dict__") else
                                        {k: getattr(o, k) for k in o.__slots__}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
