"""The embedded store's default graph is the RDF merge of its named graphs: each triple once,
after every kind of write, while GRAPH queries stay per graph (issue 15, item 7)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.ingest_batch import BatchWriter, map_document
from rightsgraph.graph.state_view import VIEW_PREFIX
from rightsgraph.graph.store import Store, open_store
from rightsgraph.loaders.pipeline import load_file

OMEGLE = "https://w3id.org/rightsgraph/id/company/omegle"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def default_graph(store: Store) -> Counter:
    return Counter((row["s"], row["p"], row["o"]) for row in store.select("SELECT ?s ?p ?o { ?s ?p ?o }"))


def distinct_named_triples(store: Store) -> Counter:
    """The documents' triples: the per-State view's graphs (internal rows, decision 0012)
    are named graphs too, kept out of the merge."""
    rows = store.select("SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } "
                        f'FILTER(!STRSTARTS(STR(?g), "{VIEW_PREFIX}")) }}')
    return Counter((row["s"], row["p"], row["o"]) for row in rows)


def assert_default_is_merge(store: Store) -> None:
    assert default_graph(store) == distinct_named_triples(store)


@pytest.fixture(params=["memory", "disk"])
def seeded(request: pytest.FixtureRequest, tmp_path: Path, seed_paths: list[Path]):
    location = ":memory:" if request.param == "memory" else str(tmp_path / "store")
    with open_store(location) as store:
        ensure_reference_data(store)
        graphs = [ingest_facts(store, load_file(path)).graph for path in seed_paths]
        yield store, graphs


def test_a_label_stated_by_several_letters_counts_once(seeded):
    store, _ = seeded
    per_graph = store.select(f"SELECT (COUNT(*) AS ?n) {{ GRAPH ?g {{ <{OMEGLE}> <{LABEL}> ?l }} }}")
    merged = store.select(f"SELECT (COUNT(*) AS ?n) {{ <{OMEGLE}> <{LABEL}> ?l }}")
    labels = store.select(f"SELECT DISTINCT ?l {{ GRAPH ?g {{ <{OMEGLE}> <{LABEL}> ?l }} }}")
    assert int(per_graph[0]["n"]) > len(labels) >= 1  # several letters state the same label
    assert int(merged[0]["n"]) == len(labels)


def test_after_ingest_every_triple_is_once_in_the_default_graph(seeded):
    store, _ = seeded
    assert_default_is_merge(store)


def test_dropping_a_graph_keeps_the_triples_other_graphs_hold(seeded):
    store, graphs = seeded
    store.drop_graph(graphs[0])
    assert_default_is_merge(store)
    assert store.ask(f"ASK {{ <{OMEGLE}> <{LABEL}> ?l }}")


def test_replacing_a_graph_keeps_the_merge(seeded):
    store, graphs = seeded
    kept = store.graph_triples(graphs[1])
    store.replace_graph(graphs[1], list(kept)[: len(kept) // 2])
    assert_default_is_merge(store)


def test_an_update_keeps_the_merge(seeded):
    store, graphs = seeded
    store.update(f"DELETE WHERE {{ GRAPH <{graphs[2]}> {{ ?s <{LABEL}> ?l }} }} ;"
                 " INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> 1 } }")
    assert_default_is_merge(store)
    assert store.ask("ASK { <http://example.org/a> <http://example.org/b> 1 }")


def test_export_and_import_keep_graphs_and_merge(seeded):
    store, _ = seeded
    exported = store.export("nquads")
    with open_store(":memory:") as copy:
        copy.import_dataset(exported, "nquads")
        assert copy.graphs() == store.graphs()
        assert sorted(copy.export("nquads").splitlines()) == sorted(exported.splitlines())
        assert_default_is_merge(copy)
    named = sum(1 for quad in ox.parse(exported, format=ox.RdfFormat.N_QUADS)
                if not isinstance(quad.graph_name, ox.DefaultGraph))
    assert named == len(exported.splitlines())  # the default graph (the merge) is not exported


def test_bulk_ingest_keeps_the_merge(tmp_path: Path, seed_paths: list[Path]):
    with open_store(str(tmp_path / "store")) as store:
        ensure_reference_data(store)
        with BatchWriter(store, bulk=True, batch_lines=300) as writer:
            list(writer.write_all(map_document(load_file(path)) for path in seed_paths))
        assert_default_is_merge(store)


def test_a_store_written_before_the_merge_is_merged_when_opened(tmp_path: Path):
    location = tmp_path / "old"
    engine = ox.Store(str(location))
    node = ox.NamedNode("http://example.org/a")
    for graph in ("http://example.org/g1", "http://example.org/g2"):
        engine.add(ox.Quad(node, node, ox.Literal("x"), ox.NamedNode(graph)))
    del engine  # RocksDB releases its lock with the last reference
    with open_store(str(location)) as store:
        assert_default_is_merge(store)
        assert len(default_graph(store)) == 1
