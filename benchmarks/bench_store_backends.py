"""Bulk-load speed of the embedded store backends, as ratios to rdflib in the same run.

Loads N synthetic triples (IRIs, xsd:date and language-tagged literals, blank nodes) into:

* ``rdflib Graph.add`` — the baseline (ratio 1.0);
* ``OxigraphStore.replace_graph`` in memory and on disk — the project's atomic path (one
  SPARQL update: DROP + INSERT DATA in one transaction) — as one big graph, and on disk as
  document-sized graphs of 1,000 triples, the way ingest writes them;
* raw ``pyoxigraph.Store.extend`` and ``bulk_extend`` on disk — what Oxigraph does without
  the atomic replace, to show what atomicity costs.

Run: ``.venv/bin/python benchmarks/bench_store_backends.py [--triples 200000]``.
Numbers depend on the machine; compare the ratios, not the absolute rates.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Literal, URIRef

from rightsgraph.graph.store_oxigraph import OxigraphStore

EX = "http://example.org/bench/"
GRAPH = EX + "graph"
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
DOCUMENT_SIZE = 1000  # triples per graph in the one-graph-per-document run


def synthetic_triples(count: int) -> list[tuple[rdflib.term.Node, URIRef, rdflib.term.Node]]:
    """``count`` triples shaped like the project's facts: many subjects, few predicates."""
    predicates = [URIRef(f"{EX}p{i}") for i in range(12)]
    triples = []
    for i in range(count):
        subject: rdflib.term.Node = (
            BNode(f"b{i // 40}") if i % 10 == 0 else URIRef(f"{EX}s{i // 8}")
        )
        kind = i % 4
        if kind == 0:
            obj: rdflib.term.Node = URIRef(f"{EX}o{i % 5000}")
        elif kind == 1:
            obj = Literal(f"{1950 + i % 70}-{1 + i % 12:02d}-{1 + i % 28:02d}", datatype=XSD_DATE)
        elif kind == 2:
            obj = Literal(f"label number {i}", lang="en")
        else:
            obj = Literal(f'plain "quoted" text {i}\nsecond line')
        triples.append((subject, predicates[i % len(predicates)], obj))
    return triples


def as_quads(triples: list) -> list[ox.Quad]:
    graph = ox.NamedNode(GRAPH)
    bnodes: dict[BNode, ox.BlankNode] = {}

    def term(node: rdflib.term.Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(node, URIRef):
            return ox.NamedNode(str(node))
        if isinstance(node, BNode):
            return bnodes.setdefault(node, ox.BlankNode())
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))

    return [ox.Quad(term(s), term(p), term(o), graph) for s, p, o in triples]


def load_as_documents(store: OxigraphStore, triples: list) -> None:
    """One graph per document, as ingest writes them (a transaction per graph)."""
    for start in range(0, len(triples), DOCUMENT_SIZE):
        store.replace_graph(f"{GRAPH}/{start}", triples[start : start + DOCUMENT_SIZE])


def timed(load: Callable[[], None]) -> float:
    start = time.perf_counter()
    load()
    return time.perf_counter() - start


def run(count: int) -> list[tuple[str, float]]:
    triples = synthetic_triples(count)
    results: list[tuple[str, float]] = []

    def rdflib_add() -> None:
        graph = rdflib.Graph()
        for triple in triples:
            graph.add(triple)

    results.append(("rdflib Graph.add (baseline)", timed(rdflib_add)))
    with tempfile.TemporaryDirectory() as scratch:
        memory = OxigraphStore(None)
        results.append(
            (
                "OxigraphStore memory replace_graph",
                timed(lambda: memory.replace_graph(GRAPH, triples)),
            )
        )
        assert memory.count(GRAPH) == count
        memory.close()

        disk = OxigraphStore(Path(scratch) / "replace")
        results.append(
            ("OxigraphStore disk replace_graph", timed(lambda: disk.replace_graph(GRAPH, triples)))
        )
        results.append(
            ("OxigraphStore disk replace again", timed(lambda: disk.replace_graph(GRAPH, triples)))
        )
        assert disk.count(GRAPH) == count
        disk.close()

        documents = OxigraphStore(Path(scratch) / "documents")
        results.append(
            (
                f"OxigraphStore disk, {DOCUMENT_SIZE}-triple graphs",
                timed(lambda: load_as_documents(documents, triples)),
            )
        )
        assert documents.count() == count
        documents.close()

        quads = as_quads(triples)
        extend = timed(lambda: ox.Store(str(Path(scratch) / "extend")).extend(quads))
        results.append(("pyoxigraph disk extend (quads ready)", extend))
        bulk = timed(lambda: ox.Store(str(Path(scratch) / "bulk")).bulk_extend(quads))
        results.append(("pyoxigraph disk bulk_extend (quads ready)", bulk))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=200_000)
    count = parser.parse_args().triples
    results = run(count)
    baseline = count / results[0][1]
    print(f"{count} triples")
    print(f"{'backend':44} {'seconds':>8} {'triples/s':>11} {'x rdflib':>9}")
    for name, seconds in results:
        rate = count / seconds
        print(f"{name:44} {seconds:8.2f} {rate:11,.0f} {rate / baseline:9.2f}")


if __name__ == "__main__":
    main()
