"""Treaty participation as a lawyer reasons about it (issue 22): uncertain dates stay
uncertain (1), on real rows of ../shared/reference at the precision a source gives them."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from rightsgraph.graph.entry_into_force import entry_into_force
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.obligations import obligations, render_obligations_markdown
from rightsgraph.graph.store import Store, open_store
from rightsgraph.loaders.facts import DocumentFacts, Evidence, PartialDate, TreatyAction
from rightsgraph.loaders.reference.states import state_by_code


def year_only_row(shared_dir: Path, file: str, iso2: str, instrument: str) -> DocumentFacts:
    """A State's row of ratification-years (year precision) as a year-only joining action."""
    path = shared_dir / "reference" / "ratification-years" / file
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith(iso2 + ","))
    year = line.split(",")[3]
    start = text.index(line) + line.index("," + year + ",") + 1
    action = TreatyAction(state_by_code(iso2).iso3, instrument, "ratification", PartialDate(int(year)),
                          Evidence(start, start + len(year), year))
    return DocumentFacts(source=path.name, sha256=hashlib.sha256(text.encode()).hexdigest(), text=text,
                         kind="treaty_status", instrument=instrument, actions=(action,))


@pytest.fixture(scope="module")
def store(shared_dir: Path) -> Store:
    memory = open_store(":memory:")
    ensure_reference_data(memory)
    # Djibouti acceded to the ICCPR on 5 Nov 2002 (UNTC): a source giving only "2002"
    ingest_facts(memory, year_only_row(shared_dir, "hr_status_iccpr.csv", "DJ", "ICCPR"))
    return memory


def test_year_only_action_has_bounds_not_a_guessed_year() -> None:
    result = entry_into_force("ICCPR", "ratification", PartialDate(2002))
    # three months after a deposit some day in 2002 (art. 49(2))
    assert (result.earliest, result.latest) == (dt.date(2002, 4, 1), dt.date(2003, 3, 31))
    assert not result.certain
    # the day UNTC gives lies inside the bounds
    exact = entry_into_force("ICCPR", "accession", PartialDate(2002, 11, 5))
    assert result.earliest <= exact.earliest == exact.latest <= result.latest


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (dt.date(2002, 12, 31), "uncertain"),
        (dt.date(2003, 3, 30), "uncertain"),
        (dt.date(2003, 3, 31), "party"),
        (dt.date(2010, 1, 1), "party"),
    ],
)
def test_status_is_uncertain_between_the_bounds(store: Store, as_of: dt.date, status: str) -> None:
    (iccpr,) = [o for o in obligations(store, "DJI", as_of)["obligations"] if o["instrument"] == "ICCPR"]
    assert iccpr["status"] == status
    assert iccpr["entry_into_force_bounds"] == {"earliest": "2002-04-01", "latest": "2003-03-31"}
    assert iccpr["entry_into_force"] == "2002"  # a year stays a year


def test_brief_shows_both_bounds(store: Store) -> None:
    brief = render_obligations_markdown(obligations(store, "DJI", dt.date(2003, 1, 1)))
    assert "Status: **uncertain**" in brief
    assert "between 2002-04-01 and 2003-03-31" in brief


def test_bounds_are_in_the_graph(store: Store) -> None:
    rows = store.select(
        "PREFIX rg: <https://w3id.org/rightsgraph/ontology#> "
        "SELECT ?e ?l WHERE { ?x rg:earliestDate ?e ; rg:latestDate ?l }"
    )
    assert [(str(r["e"]), str(r["l"])) for r in rows] == [("2002-04-01", "2003-03-31")]
