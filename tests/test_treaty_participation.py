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


# --- ends of obligations (5) and parties (6) -------------------------------------------------

# A small table written for these tests (the shared UNTC data has no denunciation); the
# actions and dates are those the UN Treaty Collection records.
ENDS_TABLE = """\
Jamaica, ICCPR-OP1, accession, 3 Oct 1975
Jamaica, ICCPR-OP1, denunciation, 23 Oct 1997
Democratic People's Republic of Korea, ICCPR, accession, 14 Sep 1981
Democratic People's Republic of Korea, ICCPR, withdrawal, 25 Aug 1997
"""
_ENDS_ROWS = {"JAM": "Jamaica", "PRK": "Democratic People's Republic of Korea"}


def table_facts(text: str, rows: dict[str, str]) -> DocumentFacts:
    import re

    actions = []
    for match in re.finditer(r"^(?P<name>[^,\n]+), (?P<inst>[A-Z0-9-]+), (?P<kind>\w+), (?P<date>[^\n]+)$", text, re.M):
        iso3 = next(code for code, name in rows.items() if name == match["name"])
        date = dt.datetime.strptime(match["date"], "%d %b %Y").date()
        actions.append(TreatyAction(iso3, match["inst"], match["kind"], PartialDate.from_date(date),
                                    Evidence(match.start(), match.end(), match.group())))
    return DocumentFacts(source="ends-table.txt", sha256=hashlib.sha256(text.encode()).hexdigest(), text=text,
                         kind="treaty_status", actions=tuple(actions))


@pytest.fixture(scope="module")
def ends_store() -> Store:
    memory = open_store(":memory:")
    ensure_reference_data(memory)
    ingest_facts(memory, table_facts(ENDS_TABLE, _ENDS_ROWS))
    return memory


@pytest.mark.parametrize(
    ("state", "instrument", "as_of", "status", "end"),
    [
        # ICCPR-OP1 art. 12(1): three months after the notification
        ("JAM", "ICCPR-OP1", dt.date(1998, 1, 22), "party",
         {"kind": "denunciation", "notified": "1997-10-23", "effective": "1998-01-23", "clause": "art. 12(1)", "applied": True, "note": None}),
        ("JAM", "ICCPR-OP1", dt.date(1998, 1, 23), "denounced", None),
        # the ICCPR has no denunciation clause: flagged, not applied
        ("PRK", "ICCPR", dt.date(2020, 1, 1), "party", None),
    ],
)
def test_denunciations_take_effect_under_the_treaty_clause(
    ends_store: Store, state: str, instrument: str, as_of: dt.date, status: str, end: dict | None
) -> None:
    (entry,) = [o for o in obligations(ends_store, state, as_of)["obligations"] if o["instrument"] == instrument]
    assert entry["status"] == status
    (found,) = entry["ends"]
    if end is not None:
        assert found == end
    if state == "PRK":
        assert found["applied"] is False and "no denunciation clause" in found["note"]


def test_brief_flags_a_withdrawal_the_treaty_does_not_allow(ends_store: Store) -> None:
    brief = render_obligations_markdown(obligations(ends_store, "PRK", dt.date(2020, 1, 1)))
    assert "Withdrawal notified 1997-08-25: not applied: the instrument has no denunciation clause" in brief


def test_european_union_is_a_party_never_a_state(shared_dir: Path) -> None:
    """Issue 22 (6): the EU's approval of the Trafficking Protocol (UNTC table) and its
    formal confirmation of the CRPD (a one-row table in the UNTC layout, the date UNTC gives)."""
    from fastapi.testclient import TestClient

    from rightsgraph.api.app import create_app
    from rightsgraph.api.settings import Settings
    from rightsgraph.loaders.pipeline import load_bytes, load_file

    memory = open_store(":memory:")
    ensure_reference_data(memory)
    ingest_facts(memory, load_file(shared_dir / "reference" / "untc" / "treaties_18-12-a.csv"))
    crpd = b'Participant,Signature,"Formal confirmation(c), Accession(a), Ratification"\nEuropean Union,30 Mar 2007,23 Dec 2010 c\n'
    ingest_facts(memory, load_bytes(crpd, "treaties_4-15.csv"))
    with TestClient(create_app(memory, Settings())) as client:
        for instrument, kind, since in (("TRAFFICKING-PROTOCOL", "approval", "2006-09-06"),
                                        ("CRPD", "formal_confirmation", "2010-12-23")):
            # Issue 18: the page embeds the first 20 participants; the list's route has them all.
            parties = client.get(f"/instruments/{instrument}/parties", params={"per_page": 200}).json()["items"]
            (eu,) = [p for p in parties if "European Union" in p["name"]]
            assert (eu["status"], eu["joined_by"], eu["since"]) == ("party", kind, since)
    assert not memory.ask("PREFIX rg: <https://w3id.org/rightsgraph/ontology#> "
                          "ASK { <https://w3id.org/rightsgraph/id/party/EU> a rg:State }")
    assert memory.ask("PREFIX rg: <https://w3id.org/rightsgraph/ontology#> "
                      "ASK { ?action rg:state <https://w3id.org/rightsgraph/id/party/EU> ; a rg:TreatyAction }")
