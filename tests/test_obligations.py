"""The obligations view over the five seed letters, then with the UN Treaty Collection tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rightsgraph.errors import UnknownStateError
from backends import memory_store_with
from rightsgraph.graph.obligations import obligations, render_obligations_markdown
from rightsgraph.graph.store import Store
from rightsgraph.loaders.pipeline import load_file


def _store_with(paths: list[Path]) -> Store:
    return memory_store_with(paths)


@pytest.fixture(scope="module")
def seeds_store(seed_paths: list[Path]) -> Store:
    return _store_with(seed_paths)


@pytest.fixture(scope="module")
def full_store(seed_paths: list[Path], shared_dir: Path) -> Store:
    return _store_with([*seed_paths, shared_dir / "reference" / "untc"])


def _entry(result: dict, instrument: str) -> dict:
    return next(o for o in result["obligations"] if o["instrument"] == instrument)


def _joining(entry: dict) -> dict:
    return next(e for e in entry["events"] if e["kind"] != "signature")


@pytest.mark.parametrize(
    ("state", "instrument", "kind", "date", "in_force", "source"),
    [
        ("CHN", "CEDAW", "ratification", "1980-11-04", "1981-09-03", "AL CHN 3/2021"),
        ("CHN", "CRC", "ratification", "1992-03-02", "1992-04-01", "AL CHN 3/2021"),
        ("CHN", "OPSC", "ratification", "2002-12-03", "2003-01-03", "AL CHN 3/2021"),
        ("CHN", "ILO-C182", "ratification", "2002-08-08", "2003-08-08", "AL CHN 3/2021"),
        ("CHN", "TRAFFICKING-PROTOCOL", "accession", "2010-02-08", "2010-03-10", "AL CHN 3/2021"),
        ("USA", "ICCPR", "ratification", "1992-06-08", "1992-09-08", "AL USA 2/2021"),
        ("USA", "ICERD", "ratification", "1994", "1994", "AL USA 2/2021"),
        ("USA", "TRAFFICKING-PROTOCOL", "ratification", "2005-11-03", "2005-12-03", "AL USA 2/2021"),
    ],
)
def test_seed_letters_make_the_state_party(seeds_store, state, instrument, kind, date, in_force, source):
    entry = _entry(obligations(seeds_store, state), instrument)
    event = _joining(entry)
    assert (entry["status"], entry["binding"], event["kind"], event["date"]) == ("party", True, kind, date)
    assert entry["entry_into_force"] == in_force and entry["entry_into_force_rule"]
    cited = event["sources"][0]
    assert cited["document"] == source and cited["quote"] and cited["end"] > cited["start"]


def test_quote_is_the_letter_text_at_the_offsets(seeds_store, seed_paths):
    event = _joining(_entry(obligations(seeds_store, "China"), "CRC"))
    source = event["sources"][0]
    letter = next(load_file(p) for p in seed_paths if load_file(p).reference == "AL CHN 3/2021")
    assert letter.text[source["start"]:source["end"]] == source["quote"]


def test_as_of_before_entry_into_force_is_not_party(seeds_store):
    result = obligations(seeds_store, "CN", dt.date(2009, 12, 31))
    assert "TRAFFICKING-PROTOCOL" not in {o["instrument"] for o in result["obligations"] if o["status"] == "party"}
    assert _entry(result, "CRC")["status"] == "party"


def test_soft_law_cited_provisions_companies_and_letters(seeds_store):
    result = obligations(seeds_store, "People's Republic of China")
    ungp = _entry(result, "UNGP")
    assert (ungp["binding"], ungp["status"]) == (False, "soft-law")
    assert {"provision": "34", "communications": ["AL CHN 3/2021"]} in _entry(result, "CRC")["cited_provisions"]
    assert any(c["name"] == "TikTok" and "AL CHN 3/2021" in c["communications"] for c in result["companies"])
    assert {"reference": "AL CHN 3/2021", "date": "2021-03-30", "replies": []} in result["communications"]


def test_unknown_state_suggests_close_matches(seeds_store):
    with pytest.raises(UnknownStateError) as caught:
        obligations(seeds_store, "Chna")
    assert {"iso3": "CHN", "name": "China"} in caught.value.details["close_matches"]


def test_year_and_day_from_two_sources_agree(full_store):
    entry = _entry(obligations(full_store, "USA"), "ICERD")
    event = _joining(entry)
    assert (event["date"], entry["entry_into_force"], entry["conflicts"]) == ("1994-10-21", "1994-11-20", [])
    assert {"AL USA 2/2021", "treaties_4-2.csv"} <= {s["document"] for s in event["sources"]}


@pytest.mark.parametrize(
    ("state", "instrument", "status", "date", "in_force"),
    [
        ("USA", "CRC", "signatory", "1995-02-16", None),
        ("GBR", "CRC", "party", "1991-12-16", "1992-01-15"),
    ],
)
def test_treaty_collection_status(full_store, state, instrument, status, date, in_force):
    entry = _entry(obligations(full_store, state), instrument)
    dates = [e["date"] for e in entry["events"]]
    assert (entry["status"], entry["entry_into_force"]) == (status, in_force) and date in dates


def test_china_only_signed_the_iccpr(full_store):
    assert _entry(obligations(full_store, "CHN"), "ICCPR")["status"] == "signatory"


def test_reservations_name_the_articles_they_limit(full_store):
    reservations = _entry(obligations(full_store, "USA"), "ICCPR")["reservations"]
    assert any("20" in r["articles"] for r in reservations)


def test_brief_footnotes_every_date(seeds_store):
    brief = render_obligations_markdown(obligations(seeds_store, "CHN"))
    assert "- Ratification: 1992-03-02[^" in brief
    assert "AL CHN 3/2021, characters" in brief and "Soft law" in brief
