"""The letters part of the per-State view (issue 18, decision 0012): after any sequence of
ingests, replacements and deletions of letters to a State, its letter rows equal those
computed from every letter, and the obligations answer's letters and cited provisions
(first ones, totals, links) equal the full computation's — also when the lists are longer
than the view keeps (kept lists made small here so a few fictional letters overflow them)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from rightsgraph.graph import letter_view, state_view
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.letter_view import read_letter_rows
from rightsgraph.graph.letter_view_write import full_rows
from rightsgraph.graph.obligations import obligations
from rightsgraph.graph.obligations_bounds import bound_obligations
from rightsgraph.graph.obligations_view import bounded_obligations
from rightsgraph.graph.rdf_terms import state_iri
from rightsgraph.graph.state_view import view_graph
from rightsgraph.graph.store import Store, open_store
from rightsgraph.loaders.pipeline import load_file

from test_state_view import TODAY, fictional_letter
from view_steps import write

KEPT_LETTERS, KEPT_SOURCES = 3, 2
_DATES = ("1992", "2 March 1992", "4 November 1980")


def reply_to(number: int) -> str:
    return ("[Fictional reply written for a rightsgraph test: not a UN document]\n\n"
            f"The Permanent Mission presents its compliments and, with reference to communication "
            f"AL CHN {900 + number}/2024, has the honour to reply.\n")


def dated_letter(number: int, instrument: str, date: str) -> str:
    """A letter whose reference always comes with the same date: two files of one letter
    with different dates contradict each other, and the full computation's choice between
    them is not defined."""
    return fictional_letter(number, "CHN", instrument, date, number + 1)


letters = st.builds(dated_letter, st.integers(0, 12), st.sampled_from(["CRC", "CEDAW"]), st.sampled_from(_DATES))
step = st.one_of(
    st.tuples(st.just("letter"), letters),
    st.tuples(st.just("replace"), st.integers(0, 30), letters),
    st.tuples(st.just("delete"), st.integers(0, 30)),
    st.tuples(st.just("reply"), st.integers(0, 12)),
)


def assert_letters_equal_full(store: Store) -> None:
    node = state_iri("CHN")
    assert read_letter_rows(store, URIRef(view_graph(str(node)))) == full_rows(store, node, KEPT_SOURCES)
    full = obligations(store, "CHN", today=TODAY)
    for sources in range(KEPT_SOURCES + 1):
        for per_page in (1, KEPT_LETTERS):
            viewed = bounded_obligations(store, "CHN", sources=sources, per_page=per_page, today=TODAY)
            assert viewed == bound_obligations(full, sources, per_page), (sources, per_page)


@pytest.fixture
def small_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(letter_view, "LETTERS_KEPT", KEPT_LETTERS)
    monkeypatch.setattr(state_view, "VIEW_SOURCES", KEPT_SOURCES)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=8))
def test_letter_rows_equal_the_full_computation_after_every_step(
    steps: list[tuple], small_lists: None, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("letters")
    written: dict[str, str] = {}
    with open_store(":memory:") as store:
        ensure_reference_data(store)
        for number, (action, *args) in enumerate(steps):
            if action == "letter":
                name = f"fictional_letter_{number}.txt"
                written[name] = ingest_facts(store, load_file(write(folder, name, args[0]))).graph
            elif action == "replace" and written:  # the same file name, another letter
                name = sorted(written)[args[0] % len(written)]
                written[name] = ingest_facts(store, load_file(write(folder, name, args[1]))).graph
            elif action == "delete" and written:
                name = sorted(written)[args[0] % len(written)]
                store.drop_graph(written.pop(name))
            elif action == "reply":
                name = f"fictional_reply_{number}.txt"
                written[name] = ingest_facts(store, load_file(write(folder, name, reply_to(args[0])))).graph
            assert_letters_equal_full(store)
    shutil.rmtree(folder, ignore_errors=True)


def test_more_letters_than_the_view_keeps_are_counted_and_the_next_page_links_them(
    small_lists: None, tmp_path: Path,
) -> None:
    with open_store(":memory:") as store:
        ensure_reference_data(store)
        for day in range(1, 7):
            ingest_facts(store, load_file(write(tmp_path, f"letter_{day}.txt", fictional_letter(day, "CHN", "CRC", "1992", day))))
        answer = bounded_obligations(store, "CHN", sources=1, per_page=2, today=TODAY)
        assert answer["communications_total"] == 6
        assert [c["reference"] for c in answer["communications"]] == ["AL CHN 906/2024", "AL CHN 905/2024"]
        assert answer["communications_next"] == "/states/CHN/communications?page=2&per_page=2"
        (crc,) = [e for e in answer["obligations"] if e["instrument"] == "CRC"]
        (article,) = [c for c in crc["cited_provisions"] if c["provision"] == "19"]
        assert (article["communications"], article["communications_total"]) == (["AL CHN 901/2024"], 6)
