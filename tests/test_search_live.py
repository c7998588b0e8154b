"""The search index kept up to date at each write: an upload is found at once and the version
it replaces is not, a dropped document is gone, and after any sequence of writes the index
is the one a fresh build of the store gives (no search waits for a rebuild)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rightsgraph.api.app import create_app
from rightsgraph.api.settings import Settings
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.rdf_terms import document_graph_iri
from rightsgraph.graph.search import MAX_LIMIT, PassageIndex, SearchCache, build_index
from rightsgraph.graph.store import Store, open_store
from rightsgraph.loaders.facts import DocumentFacts
from rightsgraph.loaders.pipeline import load_bytes, load_file

TOKEN = "search-live-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
#: Words each document is searched for: in letters, reports and a UNTC declarations file.
QUERIES = ["protection", "sexual exploitation", "\"live video\"", "ratification", "Government", "Rapporteur",
           "reservation", "age verification", "Optional Protocol", "internet", "Convention"]


@pytest.fixture(scope="module")
def documents(shared_dir: Path, seed_paths: list[Path]) -> list[Path]:
    """The seeds, the real excerpts and the OPSC declarations of the UNTC."""
    real = sorted((shared_dir / "corpus" / "real").glob("*.txt"))
    return [*seed_paths, *real, shared_dir / "reference" / "untc" / "declarations_4-11-c.txt"]


@pytest.fixture(scope="module")
def facts(documents: list[Path]) -> dict[str, DocumentFacts]:
    return {path.name: load_file(path) for path in documents}


def _snapshot(index: PassageIndex) -> list[tuple[object, ...]]:
    """Everything a search can show of each passage, in document order."""
    return [(p.document, p.start, p.end, p.quote, p.work, p.info, p.graph) for p in index.passages]


def _answers(index: PassageIndex) -> list[list[dict[str, object]]]:
    """Every hit of each query, in order. Which of several equally scored passages fill the
    last places of a page is not fixed, so the queries are ones no page cuts here."""
    answers = [index.search(query, MAX_LIMIT) for query in QUERIES]
    assert all(len(hits) < MAX_LIMIT for hits in answers)
    return answers


def _assert_same_as_fresh_build(store: Store, index: PassageIndex, use_fts5: bool) -> None:
    fresh = build_index(store, use_fts5)
    assert _snapshot(index) == _snapshot(fresh)
    assert _answers(index) == _answers(fresh)
    fresh.close()


def _phrase_only_in(quote_of: DocumentFacts, other: DocumentFacts) -> str:
    """A passage of ``quote_of`` (as a quoted phrase) whose text ``other`` does not hold."""
    for paragraph in quote_of.text.split("\n"):
        words = " ".join(paragraph.split()[:8])
        if len(words) > 30 and words.casefold() not in " ".join(other.text.split()).casefold():
            return f'"{words}"'
    raise AssertionError("no passage of one document is absent from the other")


# --- through the service --------------------------------------------------------------------


@pytest.fixture()
def service(facts: dict[str, DocumentFacts]) -> Iterator[TestClient]:
    with open_store(":memory:") as store:
        ensure_reference_data(store)
        for name in list(facts)[:3]:
            ingest_facts(store, facts[name])
        with TestClient(create_app(store, Settings(write_token=TOKEN)), raise_server_exceptions=False) as client:
            yield client


def _documents_found(client: TestClient, query: str) -> set[str]:
    response = client.get("/search", params={"q": query, "limit": 200})
    assert response.status_code == 200, response.text
    return {hit["document"] for hit in response.json()["hits"]}


def test_an_upload_is_found_at_once_and_the_version_it_replaces_is_not(service, seed_paths):
    first, second = seed_paths[3], seed_paths[4]
    name = "uploaded_letter.txt"
    old, new = load_bytes(first.read_bytes(), name), load_bytes(second.read_bytes(), name)
    old_phrase, new_phrase = _phrase_only_in(old, new), _phrase_only_in(new, old)
    cache: SearchCache = service.app.state.search_cache

    assert service.post("/documents", params={"filename": name}, content=first.read_bytes(), headers=AUTH).status_code == 200
    assert name in _documents_found(service, old_phrase)
    assert name not in _documents_found(service, new_phrase)

    response = service.post("/documents", params={"filename": name}, content=second.read_bytes(), headers=AUTH)
    assert response.json()["outcome"] == "replaced"
    assert name in _documents_found(service, new_phrase)
    assert name not in _documents_found(service, old_phrase)
    assert cache.builds == 1, "an upload must update the index, not make the next search rebuild it"


def test_a_document_dropped_by_sparql_update_is_no_longer_found(service, seed_paths):
    path = seed_paths[4]
    service.post("/documents", files={"file": (path.name, path.read_bytes())}, headers=AUTH)
    phrase = _phrase_only_in(load_file(path), load_file(seed_paths[0]))
    assert path.name in _documents_found(service, phrase)

    graph = document_graph_iri(load_file(path).sha256)
    response = service.post("/sparql", data={"update": f"DROP GRAPH <{graph}>"}, headers=AUTH)
    assert response.status_code == 204, response.text
    assert path.name not in _documents_found(service, phrase)


# --- any sequence of writes -----------------------------------------------------------------

# Each step: ("add", i) ingests document i under its own name; ("replace", i, j) ingests the
# bytes of document j under the name of document i; ("drop", i) drops the graph holding the
# current version of document i's name.
SEQUENCES = [
    [("add", 0), ("add", 1), ("add", 5)],
    [("add", 0), ("replace", 0, 1), ("add", 2), ("drop", 2)],
    [("add", 3), ("add", 4), ("drop", 3), ("add", 3), ("replace", 4, 6), ("replace", 4, 4)],
    [("add", 6), ("add", 7), ("add", 11), ("replace", 7, 8), ("drop", 6), ("add", 9), ("add", 10)],
    [("add", 2), ("add", 2), ("drop", 2), ("drop", 2), ("add", 8)],
]


def _apply(store: Store, cache: SearchCache, step: tuple, names: list[str], facts: dict[str, DocumentFacts]) -> None:
    """One write as the service does it: the store first, then the index of the graphs it touched."""
    action, target = step[0], names[step[1]]
    if action == "drop":
        graphs = [graph for graph in store.graphs() if _holds_name(store, graph, target)]
        for graph in graphs:
            store.drop_graph(graph)
        cache.graphs_written(store, graphs)
        return
    source = facts[names[step[2]]] if action == "replace" else facts[target]
    result = ingest_facts(store, load_bytes(source.text.encode("utf-8"), target) if action == "replace" else source)
    cache.graphs_written(store, [result.graph, *result.replaced])


def _holds_name(store: Store, graph: str, name: str) -> bool:
    return store.ask(f'ASK {{ GRAPH <{graph}> {{ ?doc <https://w3id.org/rightsgraph/ontology#fileName> "{name}" }} }}')


@pytest.mark.parametrize("use_fts5", [True, False], ids=["fts5", "inverted-index"])
@pytest.mark.parametrize("sequence", SEQUENCES, ids=[f"sequence-{i}" for i in range(len(SEQUENCES))])
def test_the_index_after_writes_is_a_fresh_build(facts, sequence, use_fts5):
    names = list(facts)
    with open_store(":memory:") as store:
        ensure_reference_data(store)
        cache = SearchCache(use_fts5)
        cache.get(store)
        for step in sequence:
            _apply(store, cache, step, names, facts)
            _assert_same_as_fresh_build(store, cache.get(store), use_fts5)
        assert cache.builds == 1
