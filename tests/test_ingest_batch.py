"""The batch ingest of ``rightsgraph ingest`` (graph/ingest_batch.py, api/cli_ingest.py), in its
atomic and bulk modes, against the one-by-one path of uploads.

What a user relies on: ``rightsgraph ingest`` of a folder gives exactly the dataset that
uploading each document gives; running it again changes nothing; a new version of a file
replaces the old one; a batch that fails, or a run killed mid-batch, leaves nothing that is
trusted as complete.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rightsgraph.api.cli import app
from rightsgraph.errors import UsageError
from rightsgraph.graph.ingest import completion_marker, ensure_reference_data, ingest_facts, is_complete_document_graph
from rightsgraph.graph.ingest_batch import BatchWriter, MappedDocument, map_document, spool_document
from rightsgraph.graph.store import Store, open_store
from rightsgraph.loaders.pipeline import load_file

runner = CliRunner()


@pytest.fixture(params=["memory", "disk"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    location = ":memory:" if request.param == "memory" else str(tmp_path / "store")
    with open_store(location) as opened:
        ensure_reference_data(opened)
        yield opened


@pytest.fixture(params=[False, True], ids=["atomic", "bulk"])
def bulk(request: pytest.FixtureRequest) -> bool:
    return request.param


@pytest.fixture(scope="module")
def seed_documents(seed_paths: list[Path]) -> list[MappedDocument]:
    return [map_document(load_file(path)) for path in seed_paths]


def _dataset(store: Store) -> list[bytes]:
    return sorted(store.export("nquads").splitlines())


def test_batches_give_the_dataset_of_one_by_one_ingest(store: Store, bulk: bool, seed_paths: list[Path]) -> None:
    with open_store(":memory:") as one_by_one:
        ensure_reference_data(one_by_one)
        for path in seed_paths:
            ingest_facts(one_by_one, load_file(path))
        expected = _dataset(one_by_one)
    documents = [map_document(load_file(path)) for path in seed_paths]
    with BatchWriter(store, bulk=bulk, batch_lines=300) as writer:  # several batches
        results = list(writer.write_all(documents))
    assert [r.outcome for r in results] == ["added"] * len(seed_paths)
    assert _dataset(store) == expected
    assert all(is_complete_document_graph(store, d.graph) for d in documents)


def test_ingesting_again_changes_nothing(store: Store, bulk: bool, seed_documents: list[MappedDocument]) -> None:
    with BatchWriter(store, bulk=bulk) as writer:
        list(writer.write_all(seed_documents))
    before = _dataset(store)
    with BatchWriter(store, bulk=bulk) as writer:  # a new run: knows the store's complete graphs
        again = list(writer.write_all(seed_documents + seed_documents))
    assert {r.outcome for r in again} == {"unchanged"}
    assert _dataset(store) == before


def test_the_same_bytes_twice_in_one_batch_are_written_once(
    store: Store, bulk: bool, seed_documents: list[MappedDocument]
) -> None:
    document = seed_documents[0]
    with BatchWriter(store, bulk=bulk) as writer:
        results = list(writer.write_all([document, document]))
    assert sorted(r.outcome for r in results) == ["added", "unchanged"]
    assert store.count(document.graph) == document.triples


def test_a_new_version_replaces_the_older_graph(store: Store, bulk: bool, seed_paths: list[Path], tmp_path: Path) -> None:
    path = tmp_path / seed_paths[0].name
    path.write_bytes(seed_paths[0].read_bytes())
    old = map_document(load_file(path))
    with BatchWriter(store, bulk=bulk) as writer:
        list(writer.write_all([old]))
    path.write_bytes(seed_paths[0].read_bytes() + b"\nA paragraph added in a corrected version.\n")
    new = map_document(load_file(path))
    with BatchWriter(store, bulk=bulk) as writer:
        results = list(writer.write_all([new]))
    assert [(r.outcome, r.replaced) for r in results] == [("replaced", (old.graph,))]
    assert not store.has_graph(old.graph) and is_complete_document_graph(store, new.graph)


def test_a_graph_without_its_marker_is_written_again(
    store: Store, bulk: bool, seed_documents: list[MappedDocument]
) -> None:
    document = seed_documents[0]
    marker = completion_marker(document.graph)
    cut_short = "".join(line + "\n" for line in document.ntriples.splitlines() if line != marker)
    store.replace_graph_ntriples(document.graph, cut_short)  # what a killed bulk load leaves
    assert not is_complete_document_graph(store, document.graph)
    with BatchWriter(store, bulk=bulk) as writer:
        results = list(writer.write_all([document]))
    assert [r.outcome for r in results] == ["added"]
    assert store.count(document.graph) == document.triples
    assert is_complete_document_graph(store, document.graph)


def test_the_one_by_one_path_also_rewrites_a_graph_without_its_marker(store: Store, seed_paths: list[Path]) -> None:
    facts = load_file(seed_paths[0])
    document = map_document(facts)
    marker = completion_marker(document.graph)
    store.replace_graph_ntriples(document.graph, "".join(
        line + "\n" for line in document.ntriples.splitlines()[:10] if line != marker))
    assert ingest_facts(store, facts).outcome == "added"
    assert store.count(document.graph) == document.triples


def test_a_failing_bulk_batch_leaves_none_of_its_graphs(store: Store, seed_documents: list[MappedDocument]) -> None:
    good, other = seed_documents[0], seed_documents[1]
    broken = MappedDocument(other.source, other.graph, other.ntriples + '<http://x/s> <http://x/p> "open .\n', 0)
    before = _dataset(store)
    writer = BatchWriter(store, bulk=True)
    writer.write(good)
    writer.write(broken)
    with pytest.raises(UsageError):
        writer.flush()
    assert not store.has_graph(good.graph) and not store.has_graph(broken.graph)
    assert _dataset(store) == before


def test_a_failing_atomic_write_keeps_what_was_written_before(store: Store, seed_documents: list[MappedDocument]) -> None:
    good, other = seed_documents[0], seed_documents[1]
    broken = MappedDocument(other.source, other.graph, other.ntriples + '<http://x/s> <http://x/p> "open .\n', 0)
    writer = BatchWriter(store)
    assert [r.outcome for r in writer.write(good)] == ["added"]
    with pytest.raises(UsageError):
        writer.write(broken)
    assert is_complete_document_graph(store, good.graph) and not store.has_graph(broken.graph)


@pytest.mark.parametrize("mode", [[], ["--bulk"]], ids=["atomic", "bulk"])
def test_cli_ingest_in_parallel_reports_bad_files_and_loads_the_rest(
    seed_paths: list[Path], tmp_path: Path, mode: list[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in seed_paths:
        (corpus / path.name).write_bytes(path.read_bytes())
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.7 this is not a PDF body")
    (corpus / "empty.txt").write_bytes(b"")
    store = str(tmp_path / "store")
    first = runner.invoke(app, ["ingest", str(corpus), "--store", store, "--processes", "2", *mode])
    assert first.exit_code == 1  # some files failed
    assert f"{len(seed_paths) + 2} documents: {len(seed_paths)} added" in first.output
    assert "2 errors" in first.output and "broken.pdf" in first.output and "empty.txt" in first.output
    again = runner.invoke(app, ["ingest", str(corpus), "--store", store, "--processes", "2", *mode])
    assert f"0 added, 0 replaced, {len(seed_paths)} unchanged; 0 triples" in again.output


class _GatedStore:
    """A store whose bulk writes wait until the test opens the gate, so a test can see what
    the writer does while a batch is still loading."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.gate = threading.Event()
        self.loading = threading.Event()

    def bulk_add_nquads(self, nquads, *, markers):  # noqa: ANN001 - Store's signature
        self.loading.set()
        assert self.gate.wait(timeout=60), "the test never opened the gate"
        self.inner.bulk_add_nquads(nquads, markers=markers)

    def __getattr__(self, name: str):  # noqa: ANN204 - everything else is the real store's
        return getattr(self.inner, name)


def test_a_bulk_batch_loads_while_the_next_one_fills(store: Store, seed_documents: list[MappedDocument]) -> None:
    """Extraction must not wait for the engine: writing goes on while a batch loads, and the
    loaded batch is reported once its load has finished."""
    gated = _GatedStore(store)
    first, *rest = seed_documents
    writer = BatchWriter(gated, bulk=True, batch_lines=first.triples)  # type: ignore[arg-type]
    assert writer.write(first) == []  # the batch is full: its load starts and blocks
    assert gated.loading.wait(timeout=60)
    assert [writer.write(document) for document in rest[:1]] == [[]]  # not blocked by the load
    assert not store.has_graph(first.graph)
    gated.gate.set()
    results = writer.flush()
    assert [r.graph for r in results] == [first.graph, rest[0].graph]
    assert all(is_complete_document_graph(store, d.graph) for d in (first, rest[0]))
    writer.close()


def test_a_failing_background_load_is_raised_by_the_next_write(store: Store, seed_documents: list[MappedDocument]) -> None:
    good, other, third = seed_documents[:3]
    broken = MappedDocument(other.source, other.graph, other.ntriples + '<http://x/s> <http://x/p> "open .\n', 0)
    before = _dataset(store)
    writer = BatchWriter(store, bulk=True, batch_lines=1)  # every document is a batch of its own
    writer.write(broken)  # its load starts in the background and fails there
    with pytest.raises(UsageError):
        writer.write(good)  # settles the failed load before starting the next one
    writer.close()
    assert not store.has_graph(broken.graph) and not store.has_graph(good.graph)
    assert _dataset(store) == before
    assert not store.has_graph(third.graph)


def test_an_atomic_writer_refuses_spool_lines(store: Store, seed_documents: list[MappedDocument]) -> None:
    with pytest.raises(TypeError):
        BatchWriter(store).write(seed_documents[0].spooled())


def test_workers_spool_lines_equal_those_made_from_n_triples(seed_paths: list[Path]) -> None:
    for path in seed_paths:
        facts = load_file(path)
        assert spool_document(facts) == map_document(facts).spooled()
