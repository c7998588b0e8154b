"""The same data and queries on the embedded store and on Virtuoso: load time, latency, and
whether both engines give the same rows.

For each size N (synthetic communications, :mod:`synthetic`):

1. **build**: generate the corpus and ingest it (:func:`bench_api.build_store`) into a source
   store; its quads, grouped by named graph, are the data both engines get.
2. **load**: graph by graph through ``Store.replace_graph_ntriples`` into (a) a fresh on-disk
   embedded store (pyoxigraph) and (b) Virtuoso, a :class:`RemoteStore` whose writes are
   Graph Store Protocol PUTs (one per graph); the Virtuoso dataset is emptied first.
3. **queries**, each ``--repeats`` times on both stores, in the same run:
   ``obligations(store, State)`` for several States (the API's view, JSON compared whole),
   the obligations queries with ``?state`` bound (``Store.select``), and the fixed /sparql
   queries of :func:`bench_api.sparql_queries` (``Store.query``, JSON results; the top-10
   query gets a tie-breaking ORDER BY key, so that both engines must give the same ten).
   Rows are compared as multisets (blank node labels ignored); a difference is a mismatch.

Latency is reported as p50/p95 and as the ratio Virtuoso / embedded. Not a test; numbers
depend on the machine, compare the ratios.

    DIR=$(mktemp -d); eval "$(scripts/virtuoso.sh start $DIR)"
    .venv/bin/python benchmarks/bench_remote.py --communications 100,1000
    scripts/virtuoso.sh stop $DIR

The Virtuoso URLs come from RIGHTSGRAPH_TEST_SPARQL_URL, RIGHTSGRAPH_TEST_SPARQL_UPDATE_URL and
RIGHTSGRAPH_TEST_GSP_URL (as ``scripts/virtuoso.sh start`` prints them). Its dataset is scratch:
the benchmark drops every graph in it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_api  # noqa: E402  (benchmarks/ is no package)

from rightsgraph.graph.obligations import obligations  # noqa: E402
from rightsgraph.graph.rdf_terms import state_iri  # noqa: E402
from rightsgraph.graph.store import Store, open_store  # noqa: E402

STATES = bench_api.STATES[:5]
AS_OF = dt.date(2009, 12, 31)
Rows = Counter[tuple[tuple[str, str], ...]]


@dataclass
class Measured:
    """One query on both engines: times in seconds and whether their answers agreed."""

    name: str
    times: dict[str, list[float]] = field(default_factory=lambda: {"embedded": [], "virtuoso": []})
    rows: dict[str, int] = field(default_factory=dict)
    mismatch: str | None = None

    def quantile(self, engine: str, q: float) -> float:
        ordered = sorted(self.times[engine])
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# --- data -------------------------------------------------------------------------------------


def graphs_of(store_path: Path) -> dict[str, str]:
    """The source store's named graphs as N-Triples documents."""
    engine = ox.Store.read_only(str(store_path))
    lines: dict[str, list[str]] = defaultdict(list)
    for quad in engine:
        if isinstance(quad.graph_name, ox.NamedNode):
            lines[quad.graph_name.value].append(f"{quad.triple} .")
    del engine
    return {graph: "\n".join(text) + "\n" for graph, text in lines.items()}


def remote() -> Store:
    url = os.environ.get("RIGHTSGRAPH_TEST_SPARQL_URL")
    if not url:
        sys.exit("set RIGHTSGRAPH_TEST_SPARQL_URL (scripts/virtuoso.sh start DIR prints it)")
    return open_store(url, update_url=os.environ.get("RIGHTSGRAPH_TEST_SPARQL_UPDATE_URL"),
                      gsp_url=os.environ.get("RIGHTSGRAPH_TEST_GSP_URL"), timeout=600.0)


def empty(store: Store) -> None:
    store.update("DROP ALL")  # Virtuoso 7.2 ignores it: drop graph by graph too
    for graph in store.graphs():
        store.drop_graph(graph)


def load(store: Store, graphs: dict[str, str]) -> float:
    start = time.perf_counter()
    for graph, ntriples in graphs.items():
        store.replace_graph_ntriples(graph, ntriples)
    return time.perf_counter() - start


# --- answers ----------------------------------------------------------------------------------


def _term(value: Any) -> str:
    text = value.n3() if hasattr(value, "n3") else str(value)
    return "_:b" if text.startswith("_:") else text


def row_multiset(rows: list[dict[str, Any]]) -> Rows:
    return Counter(tuple(sorted((name, _term(term)) for name, term in row.items())) for row in rows)


def json_rows(body: bytes) -> Rows:
    bindings = json.loads(body)["results"]["bindings"]
    return Counter(
        tuple(sorted((name, "_:b" if term["type"] == "bnode" else json.dumps(
            [term["value"], term.get("datatype"), term.get("xml:lang")])) for name, term in row.items()))
        for row in bindings)


def plan() -> list[tuple[str, Callable[[Store], Any]]]:
    """(name, call) pairs; each call's answer is compared across engines."""
    calls: list[tuple[str, Callable[[Store], Any]]] = []
    for state in STATES:
        calls.append((f"obligations({state})",
                      lambda s, state=state: json.dumps(obligations(s, state), sort_keys=True)))
    for name, sparql, bound in bench_api.OBLIGATION_QUERIES:
        binding = {"state": state_iri(STATES[0])} if bound else None
        calls.append((f"select {name}" + (f" ({STATES[0]})" if bound else ""),
                      lambda s, q=sparql, b=binding: row_multiset(s.select(q, b))))
    calls.append((f"obligations({STATES[0]}, as_of={AS_OF})",
                  lambda s: json.dumps(obligations(s, STATES[0], AS_OF), sort_keys=True)))
    for name, sparql in bench_api.sparql_queries(STATES[0]).items():
        # ties at the LIMIT would let engines pick different rows, both correct
        sparql = sparql.replace("ORDER BY DESC(?n) LIMIT", "ORDER BY DESC(?n) ?provision LIMIT")
        calls.append((f"/sparql {name}", lambda s, q=sparql: json_rows(s.query(q, result_format="json"))))
    return calls


def _size(answer: Any) -> int:
    return sum(answer.values()) if isinstance(answer, Counter) else len(json.loads(answer)["obligations"])


def _difference(embedded: Any, virtuoso: Any) -> str:
    if isinstance(embedded, Counter):
        only_e, only_v = embedded - virtuoso, virtuoso - embedded
        sample = next(iter(only_v or only_e))
        return (f"{sum(only_e.values())} rows only embedded, {sum(only_v.values())} only Virtuoso; "
                f"e.g. {'Virtuoso' if only_v else 'embedded'}: {dict(sample)}")
    e, v = json.loads(embedded), json.loads(virtuoso)
    keys = [k for k in e if e.get(k) != v.get(k)]
    return f"JSON differs in {keys}"


def measure(stores: dict[str, Store], repeats: int) -> list[Measured]:
    results = []
    for name, call in plan():
        measured = Measured(name)
        answers = {}
        for engine, store in stores.items():
            answers[engine] = call(store)  # warm-up, and the answer compared
            for _ in range(repeats):
                start = time.perf_counter()
                call(store)
                measured.times[engine].append(time.perf_counter() - start)
            measured.rows[engine] = _size(answers[engine])
        if answers["embedded"] != answers["virtuoso"]:
            measured.mismatch = _difference(answers["embedded"], answers["virtuoso"])
        results.append(measured)
    return results


def run_size(n: int, args: argparse.Namespace, work: Path, virtuoso: Store) -> dict[str, Any]:
    print(f"[{n}] building the source store", file=sys.stderr)
    build = bench_api.build_store(n, args.seed, work, args.processes, bulk=True)
    graphs = graphs_of(work / "store")
    quads = sum(text.count("\n") for text in graphs.values())
    with open_store(str(work / "embedded")) as embedded:
        print(f"[{n}] loading {quads} quads in {len(graphs)} graphs", file=sys.stderr)
        empty(virtuoso)
        loads = {"embedded": load(embedded, graphs), "virtuoso": load(virtuoso, graphs)}
        counts = {"embedded": embedded.count(), "virtuoso": virtuoso.count()}
        print(f"[{n}] querying", file=sys.stderr)
        measured = measure({"embedded": embedded, "virtuoso": virtuoso}, args.repeats)
    return {"communications": n, "documents": build.documents, "graphs": len(graphs), "quads": quads,
            "load_s": loads, "counts": counts, "queries": measured}


# --- report -----------------------------------------------------------------------------------


def report(results: list[dict[str, Any]], args: argparse.Namespace) -> str:
    lines = [f"rightsgraph bench_remote, {dt.date.today()}, {platform.node()} "
             f"({os.cpu_count()} CPUs, Python {platform.python_version()}), repeats {args.repeats}", ""]
    for result in results:
        load_s = result["load_s"]
        lines += [
            f"### {result['communications']} communications: {result['documents']} documents, "
            f"{result['graphs']} graphs, {result['quads']:,} quads",
            "",
            f"Load (one replace per graph): embedded {load_s['embedded']:.1f} s, Virtuoso (Graph Store "
            f"Protocol PUT) {load_s['virtuoso']:.1f} s = {load_s['virtuoso'] / load_s['embedded']:.1f}x; "
            f"triples after load: embedded {result['counts']['embedded']:,}, Virtuoso {result['counts']['virtuoso']:,}",
            "",
            "| query | rows | embedded p50 / p95 ms | Virtuoso p50 / p95 ms | p50 ratio | same rows |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for m in result["queries"]:
            e50, e95 = m.quantile("embedded", 0.5), m.quantile("embedded", 0.95)
            v50, v95 = m.quantile("virtuoso", 0.5), m.quantile("virtuoso", 0.95)
            rows = str(m.rows["embedded"]) if m.rows["embedded"] == m.rows["virtuoso"] else \
                f"{m.rows['embedded']} / {m.rows['virtuoso']}"
            lines.append(f"| {m.name} | {rows} | {e50 * 1000:.1f} / {e95 * 1000:.1f} | {v50 * 1000:.1f} / "
                         f"{v95 * 1000:.1f} | {v50 / e50:.1f}x | {'yes' if m.mismatch is None else 'NO'} |")
        total_e = sum(statistics.median(m.times["embedded"]) for m in result["queries"])
        total_v = sum(statistics.median(m.times["virtuoso"]) for m in result["queries"])
        lines += ["", f"Sum of p50s: embedded {total_e * 1000:.0f} ms, Virtuoso {total_v * 1000:.0f} ms "
                      f"({total_v / total_e:.1f}x)", ""]
        for m in result["queries"]:
            if m.mismatch:
                lines.append(f"- mismatch, {m.name}: {m.mismatch}")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communications", default="100,1000", help="comma-separated sizes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--processes", type=int, default=1, help="extraction processes for the build")
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args(argv)
    results = []
    with remote() as virtuoso:
        for n in (int(x) for x in args.communications.split(",")):
            with tempfile.TemporaryDirectory(prefix=f"rightsgraph-bench-remote-{n}-") as tmp:
                results.append(run_size(n, args, Path(tmp), virtuoso))
        empty(virtuoso)
    print(report(results, args))
    return 1 if any(m.mismatch for r in results for m in r["queries"]) else 0


if __name__ == "__main__":
    raise SystemExit(main())
