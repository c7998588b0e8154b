"""The per-State view (issue 18 item 2, decision 0012): after any sequence of ingests,
replacements (same file name, new text) and deletions, the obligations answer read from the
view equals the one computed from every source, and the view equals the one rebuilt from
the documents; it stays out of what SPARQL users read over documents."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from rightsgraph.graph import obligations_queries as q
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.obligations import obligations
from rightsgraph.graph.obligations_bounds import bound_obligations
from rightsgraph.graph.obligations_view import bounded_obligations
from rightsgraph.graph.letter_view import read_letter_rows
from rightsgraph.graph.letter_view_write import full_rows
from rightsgraph.graph.pages_lists import _participants
from rightsgraph.graph.rdf_terms import instrument_iri, state_iri
from rightsgraph.graph.obligations_sources import status_sources
from rightsgraph.graph.state_view import (
    VIEW_PREFIX, VIEW_SOURCES, read_participants, read_status, read_view, rows_of, status_rows_of, view_graph,
)
from rightsgraph.graph.store import Store, open_store
from rightsgraph.loaders.pipeline import load_file

from view_steps import UNTC_FILES, StepRunner, steps, write

TODAY = dt.date(2026, 1, 1)
STATES = ("CHN", "SAU", "SYR", "USA")  # USA: the companies the letters name are based there
AS_OF = (None, dt.date(1992, 6, 30))
SOURCES = (0, 1, 3, 10)
INSTRUMENTS = ("CRC", "CEDAW", "OPSC")  # the instrument pages' participants are read from the view

# Small fictional letters (clearly marked): the same actions as the seeds at other
# precisions (a year, a month), a day that conflicts with them, and other States.
_STATE_NAMES = {"CHN": "China", "SAU": "Saudi Arabia", "SYR": "the Syrian Arab Republic"}
_INSTRUMENTS = {"CRC": "the Convention on the Rights of the Child",
                "CEDAW": "the Convention on Elimination of Discrimination Against Women"}
_DATES = ("1992", "March 1992", "2 March 1992", "9 March 1992", "4 November 1980", "1980", "26 January 1996")


def fictional_letter(number: int, iso3: str, instrument: str, date: str, letter_day: int) -> str:
    return (
        "[Fictional letter written for a rightsgraph test: not a UN document]\n\n"
        f"REFERENCE:\nAL {iso3} {900 + number}/2024\n\n{letter_day} May 2024\n\nExcellency,\n\n"
        f"We refer to article 19 of {_INSTRUMENTS[instrument]}, ratified by {_STATE_NAMES[iso3]} "
        f"{'in' if date[0].isalpha() or len(date) == 4 else 'on'} {date}.\n"
    )


letters = st.builds(
    fictional_letter, st.integers(0, 40), st.sampled_from(sorted(_STATE_NAMES)),
    st.sampled_from(sorted(_INSTRUMENTS)), st.sampled_from(_DATES), st.integers(1, 28),
)


def corpus(shared_dir: Path) -> dict[str, str]:
    """File name -> text of every real document the steps draw from."""
    paths = sorted((shared_dir / "corpus" / "seeds").glob("*.txt"))
    paths += sorted(p for p in (shared_dir / "corpus" / "real").glob("*.txt"))
    paths += [shared_dir / "reference" / "untc" / name for name in UNTC_FILES]
    return {path.name: path.read_text(encoding="utf-8") for path in paths}


def assert_view_answers_equal_full(store: Store) -> None:
    for iso3 in STATES:
        node = state_iri(iso3)
        view = read_view(store, node)
        assert view is not None, "the embedded store keeps a current view"
        assert view == rows_of(q.treaty_actions(store, node)), iso3
        assert read_status(store, node) == status_rows_of(status_sources(store, node)), iso3
        assert read_letter_rows(store, URIRef(view_graph(str(node)))) == full_rows(store, node, VIEW_SOURCES), iso3
        for as_of in AS_OF:
            full = obligations(store, iso3, as_of, today=TODAY)
            for sources in SOURCES:
                assert bounded_obligations(store, iso3, as_of, sources, today=TODAY) == bound_obligations(
                    full, sources), (iso3, as_of, sources)
    for instrument in INSTRUMENTS:
        for joined_only in (False, True):
            node = instrument_iri(instrument)
            assert read_participants(store, node, joined_only) == _participants(store, node, joined_only), (
                instrument, joined_only)


@pytest.fixture(scope="module")
def texts(shared_dir: Path) -> dict[str, str]:
    return corpus(shared_dir)


step = steps(letters, letters_again=False)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=5))
def test_view_answers_equal_the_full_computation_after_every_step(
    steps: list[tuple], texts: dict[str, str], tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("docs")
    with open_store(":memory:") as store:
        ensure_reference_data(store)
        runner = StepRunner(store, folder, texts)
        for action, *args in steps:
            runner.run(action, *args)
            assert_view_answers_equal_full(store)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def seeded(texts: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("seeded")
    store = open_store(":memory:")
    ensure_reference_data(store)
    for name, text in texts.items():
        ingest_facts(store, load_file(write(folder, name, text)))
    return store


def test_view_graphs_stay_out_of_the_documents_merge_graphs_count_and_exports(seeded: Store) -> None:
    assert seeded.view_graphs(), "the seeds' treaty actions make views"
    assert not [g for g in seeded.graphs() if g.startswith(VIEW_PREFIX)]
    assert not seeded.select("SELECT ?s WHERE { ?s <https://w3id.org/rightsgraph/ontology#viewRow> ?o }")
    assert VIEW_PREFIX.encode() not in seeded.export("nquads")
    in_documents = sum(seeded.count(g) for g in seeded.graphs())
    assert seeded.count() == in_documents


def test_a_store_without_view_gets_it_when_opened_for_writing(seeded: Store, tmp_path: Path) -> None:
    location = tmp_path / "store"
    with open_store(str(location)) as store:
        store.import_dataset(seeded.export("nquads"), "nquads")  # documents only: no view
        assert read_view(store, state_iri("CHN")) is None
    with open_store(str(location)) as store:  # opened for writing: rebuilt in one pass
        assert read_view(store, state_iri("CHN")) == read_view(seeded, state_iri("CHN"))
        assert_view_answers_equal_full(store)


def test_a_sparql_update_leaves_the_view_to_be_rebuilt_and_answers_stay_exact(seeded: Store) -> None:
    with open_store(":memory:") as store:
        store.import_dataset(seeded.export("nquads"), "nquads")
        store.update("DELETE WHERE { GRAPH ?g { ?fact <https://w3id.org/rightsgraph/ontology#state> ?s } }")
        assert read_view(store, state_iri("CHN")) is None
        assert bounded_obligations(store, "CHN", today=TODAY) == bound_obligations(
            obligations(store, "CHN", today=TODAY))


def test_more_sources_than_the_view_keeps_are_read_from_the_documents(seeded: Store) -> None:
    full = obligations(seeded, "CHN", today=TODAY)
    assert bounded_obligations(seeded, "CHN", sources=100, today=TODAY) == bound_obligations(full, 100)


def test_bulk_ingest_keeps_each_touched_states_view(texts: dict[str, str], tmp_path: Path) -> None:
    from rightsgraph.graph.ingest_files import IngestOptions, ingest_paths

    paths = [write(tmp_path, name, text) for name, text in texts.items()]
    with open_store(str(tmp_path / "store")) as store:
        for _ in ingest_paths(store, paths, IngestOptions(), bulk=True):
            pass
        assert_view_answers_equal_full(store)


@pytest.mark.parametrize("name", UNTC_FILES)
def test_a_status_file_alone_makes_the_rows_the_documents_give(name: str, texts: dict[str, str], tmp_path: Path) -> None:
    """Regression: a declarations file has status listings but no treaty action, and its
    graph took the fast path that skipped the view."""
    with open_store(":memory:") as store:
        ensure_reference_data(store)
        ingest_facts(store, load_file(write(tmp_path, name, texts[name])))
        for iso3 in ("CHN", "FRA", "GBR"):
            node = state_iri(iso3)
            assert read_status(store, node) == status_rows_of(status_sources(store, node)) != {}


def test_a_view_of_another_version_is_rebuilt_on_open(seeded: Store, tmp_path: Path) -> None:
    """Regression: the rebuild added this version's marker beside the old one, so a store
    whose view older code built never had a current view again."""
    location = str(tmp_path / "store")
    with open_store(location) as store:
        store.import_dataset(seeded.export("nquads"), "nquads")
    with open_store(location) as store:  # the view is built; make it an older version's
        store._apply_update(f'DELETE WHERE {{ GRAPH <{VIEW_PREFIX}> {{ ?s ?p ?o }} }} ;\n'
                            f'INSERT DATA {{ GRAPH <{VIEW_PREFIX}> {{ <{VIEW_PREFIX}> '
                            f'<https://w3id.org/rightsgraph/ontology#stateViewVersion> "0" }} }}')
    with open_store(location, read_only=True) as store:
        assert read_view(store, state_iri("CHN")) is None
    with open_store(location) as store:
        assert read_view(store, state_iri("CHN")) == read_view(seeded, state_iri("CHN"))


def test_one_letter_under_two_file_names_counts_its_sources_once(texts: dict[str, str], tmp_path: Path) -> None:
    """Regression (found by the property test with more examples): a letter ingested under a
    second name gives the same sources (the letter's reference, quote and span), which the
    full computation counts once and the view counted twice."""
    letter = texts["000_b3942fa4ac1e5b1c.txt"]
    with open_store(":memory:") as store:
        ensure_reference_data(store)
        first = ingest_facts(store, load_file(write(tmp_path, "letter.txt", letter))).graph
        ingest_facts(store, load_file(write(tmp_path, "copy_of_letter.txt", letter + "\n[copy for a test]\n")))
        assert_view_answers_equal_full(store)
        store.drop_graph(first)
        assert_view_answers_equal_full(store)


@pytest.mark.parametrize("state", STATES)
def test_the_filed_brief_from_the_view_is_the_brief_from_every_source(seeded: Store, monkeypatch, state: str) -> None:
    """The HTML brief (`/states/{id}`) is built from the bounded answer the view gives: the
    page is the one computed from every source."""
    from fastapi.testclient import TestClient

    from rightsgraph.api.app import create_app
    from rightsgraph.api.settings import Settings
    from rightsgraph.graph import obligations_view

    assert read_view(seeded, state_iri(state)) is not None
    with TestClient(create_app(seeded, Settings())) as client:
        from_view = client.get(f"/states/{state}")
        monkeypatch.setattr(obligations_view, "read_view", lambda store, node: None)
        computed = client.get(f"/states/{state}")
    assert from_view.status_code == computed.status_code == 200
    assert from_view.text == computed.text
