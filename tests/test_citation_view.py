"""The per-provision citation view (issue 18e, decision 0012): after any sequence of ingests,
replacements, deletions and fictional letters (some sharing a reference, some stating the date
of an earlier letter), the view equals its rebuild from the documents, and the provision and
instrument pages read from it equal the pages computed from every citation (a copy of the
store without a current view); a bulk ingest gives the same view as one by one; with more
citing letters than the view keeps, page 1 comes from the view and the later pages from the
documents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightsgraph.graph import pages_queries as q
from rightsgraph.graph.citation_view import KEPT_WORKS, provision_view_graph, rows_of_keys
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.pages_entities import instrument_page, provision_list, provision_page
from rightsgraph.graph.pages_paging import Paging
from rightsgraph.graph.state_view import is_current
from rightsgraph.graph.store import Store, open_store
from rightsgraph.loaders.pipeline import load_file

from view_steps import StepRunner, steps, write

PROVISIONS = (("CRC", "34"), ("OPSC", "2"), ("CRC", "19"), ("CRC", "2"))
INSTRUMENTS = ("CRC", "OPSC")
PAGINGS = (Paging(), Paging(per_page=1, sources=0), Paging(per_page=2, sources=1), Paging(sources=10),
           Paging(per_page=KEPT_WORKS, sources=11))
_ROW = "https://w3id.org/rightsgraph/ontology#citationRow"
_SUMMARY = "https://w3id.org/rightsgraph/ontology#citationSummary"
_INSTRUMENT = "https://w3id.org/rightsgraph/ontology#citedInstrument"

_CITED = {
    "CRC 34": "article 34 of the Convention on the Rights of the Child",
    "CRC 19": "article 19 of the Convention on the Rights of the Child",
    "OPSC 2": ("article 2 of the Optional Protocol to the Convention on the Rights of the Child on the "
               "sale of children, child prostitution and child pornography"),
}
_MONTHS = ("January", "February", "March", "April", "May", "June")


def fictional_letter(number: int, day: int, month: int, cited: list[str], earlier: tuple[int, int] | None) -> str:
    """A small letter citing ``cited``, clearly fictional; ``earlier``: (number, day) of an
    earlier letter it follows up, whose date it states (in March 2024)."""
    lines = [
        "[Fictional letter written for a rightsgraph test: not a UN document]\n\n"
        f"REFERENCE:\nAL CHN {900 + number}/2024\n\n{day} {_MONTHS[month]} 2024\n\nExcellency,\n",
    ]
    if earlier is not None:
        lines.append(f"We write in reference to our letter dated {earlier[1]} March 2024 "
                     f"(Ref: AL CHN {900 + earlier[0]}/2024).")
    lines += [f"We refer to {_CITED[c]}." for c in cited]
    return "\n".join(lines) + "\n"


letters = st.builds(
    fictional_letter, st.integers(0, 12), st.integers(1, 28), st.integers(0, 5),
    st.lists(st.sampled_from(sorted(_CITED)), min_size=0, max_size=3, unique=True),
    st.none() | st.tuples(st.integers(0, 12), st.integers(1, 28)),
)


@pytest.fixture(scope="module")
def texts(shared_dir: Path) -> dict[str, str]:
    """File name -> text of the real letters, replies and reports the steps draw from."""
    paths = sorted((shared_dir / "corpus" / "seeds").glob("*.txt"))
    paths += sorted((shared_dir / "corpus" / "real").glob("*.txt"))
    return {path.name: path.read_text(encoding="utf-8") for path in paths}


# --- what is compared ---------------------------------------------------------------------------


def stored_rows(store: Store) -> dict[str, Any]:
    """The citation view's graphs as stored: row, summary and instruments per graph."""
    found: dict[str, Any] = {}
    for predicate, kind in ((_ROW, "row"), (_SUMMARY, "summary"), (_INSTRUMENT, "instrument")):
        for r in store.select(f"SELECT ?view ?o WHERE {{ GRAPH ?view {{ ?view <{predicate}> ?o }} }}"):
            entry = found.setdefault(str(r["view"]), {"instruments": set()})
            if kind == "instrument":
                entry["instruments"].add(str(r["o"]))
            else:
                entry[kind] = json.loads(str(r["o"]))
    return found


def rebuilt_rows(store: Store) -> dict[str, Any]:
    """The same computed from the documents, as a rebuild computes it."""
    parts: dict[str, list[tuple[str, str]]] = {}
    for r in store.select(q.PROVISION_PARTS):
        parts.setdefault(str(r["provision"]), []).append((str(r["instrument"]), str(r["number"])))
    return {provision_view_graph(p): {"row": json.loads(row.to_json()), "summary": json.loads(row.summary_json()),
                                      "instruments": {i for i, _ in row.parts}}
            for p, row in rows_of_keys(store.select(q.ALL_CITING_KEYS), parts).items()}


def without_view(store: Store) -> Store:
    """A copy of the store's documents whose view is not current: pages computed in full."""
    copy = open_store(":memory:")
    copy.import_dataset(store.export("nquads"), "nquads")
    assert not is_current(copy)
    return copy


def assert_view_exact(store: Store) -> None:
    assert is_current(store)
    assert stored_rows(store) == rebuilt_rows(store)
    with without_view(store) as full:
        for instrument, number in PROVISIONS:
            for paging in PAGINGS:
                assert provision_page(store, instrument, number, paging) == provision_page(
                    full, instrument, number, paging), (instrument, number, paging)
        for instrument in INSTRUMENTS:
            for paging in PAGINGS[:4]:
                viewed = instrument_page(store, instrument, paging)
                assert viewed == instrument_page(full, instrument, paging), (instrument, paging)


# --- after every step ---------------------------------------------------------------------------

step = steps(letters)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=6))
def test_view_and_pages_equal_the_documents_after_every_step(
    steps: list[tuple], texts: dict[str, str], tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("docs")
    with open_store(":memory:") as store:
        ensure_reference_data(store)
        runner = StepRunner(store, folder, texts)
        for action, *args in steps:
            runner.run(action, *args)
            assert_view_exact(store)
    shutil.rmtree(folder, ignore_errors=True)


# --- bulk, and more citing letters than the view keeps ------------------------------------------


def many_letters(count: int) -> dict[str, str]:
    """``count`` fictional letters citing CRC art. 34 (and some OPSC art. 2), dates spread
    over six months, a few sharing a day."""
    return {f"fictional_many_{n:03d}.txt": fictional_letter(
        100 + n, 1 + (n * 7) % 28, (n * 5) % 6, ["CRC 34"] + (["OPSC 2"] if n % 3 == 0 else []),
        None) for n in range(count)}


def test_bulk_ingest_gives_the_view_of_one_by_one(texts: dict[str, str], tmp_path: Path) -> None:
    from rightsgraph.graph.ingest_files import IngestOptions, ingest_paths

    documents = {**texts, **many_letters(12),
                 "fictional_follow_up.txt": fictional_letter(100, 3, 4, ["CRC 34"], (101, 2))}
    paths = [write(tmp_path, name, text) for name, text in documents.items()]
    with open_store(":memory:") as one_by_one:
        ensure_reference_data(one_by_one)
        for path in paths:
            ingest_facts(one_by_one, load_file(path))
        expected = stored_rows(one_by_one)
    with open_store(str(tmp_path / "store")) as store:
        for _ in ingest_paths(store, paths[: len(paths) // 2], IngestOptions(), bulk=True):
            pass
        for _ in ingest_paths(store, paths[len(paths) // 2:], IngestOptions(), bulk=True):
            pass  # a second batch: counted against the first one's rows
        assert stored_rows(store) == expected == rebuilt_rows(store)
        assert_view_exact(store)


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[str, str]]:
    """A store where more letters cite CRC art. 34 than the view keeps, written one by one."""
    folder = tmp_path_factory.mktemp("crowded")
    store = open_store(":memory:")
    ensure_reference_data(store)
    graphs = {name: ingest_facts(store, load_file(write(folder, name, text))).graph
              for name, text in many_letters(KEPT_WORKS + 10).items()}
    return store, graphs


def test_page_one_from_the_view_is_page_one_of_the_documents_and_later_pages_stay_reachable(
    crowded: tuple[Store, dict[str, str]],
) -> None:
    store, _ = crowded
    assert stored_rows(store) == rebuilt_rows(store)
    paging = Paging(per_page=KEPT_WORKS)
    page = provision_page(store, "CRC", "34", paging)
    assert page["cited_by_total"] == KEPT_WORKS + 10 and len(page["cited_by"]) == KEPT_WORKS
    with without_view(store) as full:
        assert page == provision_page(full, "CRC", "34", paging)
        second = provision_list(store, "CRC", "34", "cited_by", Paging(page=2, per_page=KEPT_WORKS))
        assert second == provision_list(full, "CRC", "34", "cited_by", Paging(page=2, per_page=KEPT_WORKS))
    assert len(second["items"]) == 10 and second["total"] == KEPT_WORKS + 10
    shown = [w["work"] for w in page["cited_by"]] + [w["work"] for w in second["items"]]
    assert len(set(shown)) == KEPT_WORKS + 10
    assert page["cited_by_next"] == f"/provisions/CRC/34/cited_by?page=2&per_page={KEPT_WORKS}"


def test_dropping_a_kept_letter_reads_the_next_one_from_the_documents(
    crowded: tuple[Store, dict[str, str]],
) -> None:
    """The earliest letters are kept; dropping one brings in the first one not kept."""
    store, graphs = crowded
    earliest = provision_page(store, "CRC", "34", Paging(per_page=1))["cited_by"][0]["work"]
    name = next(n for n, text in many_letters(KEPT_WORKS + 10).items() if earliest in text)
    store.drop_graph(graphs.pop(name))
    assert stored_rows(store) == rebuilt_rows(store)
    assert provision_page(store, "CRC", "34", Paging(per_page=KEPT_WORKS))["cited_by_total"] == KEPT_WORKS + 9
    with without_view(store) as full:
        for instrument, number in (("CRC", "34"), ("OPSC", "2")):
            paging = Paging(per_page=KEPT_WORKS)
            assert provision_page(store, instrument, number, paging) == provision_page(full, instrument, number, paging)
        assert instrument_page(store, "CRC") == instrument_page(full, "CRC")


def test_most_cited_names_are_the_first_of_the_cited_by_list(crowded: tuple[Store, dict[str, str]]) -> None:
    """Behaviour change (issue 18e): the names and count are those of the provision's
    ``cited_by`` list (date order), not every citing work's name sorted alphabetically."""
    store, _ = crowded
    paging = Paging(per_page=5, sources=3)
    top = instrument_page(store, "CRC", paging)["most_cited_provisions"][0]
    listed = provision_page(store, "CRC", "34", paging)
    assert top["number"] == "34"
    assert top["cited_by"] == [w["work"] for w in listed["cited_by"][:3]]
    assert top["count"] == top["cited_by_total"] == listed["cited_by_total"]
    assert top["cited_by_next"] == "/provisions/CRC/34/cited_by"


def test_reference_data_rewritten_moves_the_rows_of_the_provisions_it_places(
    texts: dict[str, str], tmp_path: Path,
) -> None:
    """Regression: a row keeps where its provision sits (for the instrument page); reference
    data rewritten without CRC art. 34's place, then with it, moves the row with it."""
    from rightsgraph.graph.rdf_terms import ELI, REFERENCE_GRAPH, provision_iri

    with open_store(":memory:") as store:
        ensure_reference_data(store)
        for name, text in texts.items():
            ingest_facts(store, load_file(write(tmp_path, name, text)))
        reference = store.graph_triples(str(REFERENCE_GRAPH))
        crc_34 = provision_iri("CRC", "34")
        placed = [(s, p, o) for s, p, o in reference if s == crc_34 and p in (ELI.is_part_of, ELI.number)]
        assert placed, "the reference data places CRC art. 34"
        for triple in placed:
            reference.remove(triple)
        store.replace_graph(str(REFERENCE_GRAPH), reference)
        assert stored_rows(store) == rebuilt_rows(store)
        assert "34" not in {c["number"] for c in instrument_page(store, "CRC")["most_cited_provisions"]}
        for triple in placed:
            reference.add(triple)
        store.replace_graph(str(REFERENCE_GRAPH), reference)
        assert stored_rows(store) == rebuilt_rows(store)
        assert_view_exact(store)
