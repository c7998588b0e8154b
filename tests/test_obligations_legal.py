"""Issue 15: the obligations answer is legally right on the seeds and ../shared/reference.

Signed is not bound; every entry says how current its status sources are ("as at" dates from
the reference README, given as ``--as-at``); the 2022 year-only tables make Somalia a CRC
party at year precision; treaties without any source are listed with a caveat.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.obligations import obligations, render_obligations_markdown
from rightsgraph.graph.store import Store, open_store
from rightsgraph.loaders.pipeline import iter_input_files, load_file

TODAY = dt.date(2026, 12, 4)


def readme_as_at(reference: Path) -> dict[str, dt.date]:
    """``{file name or glob: as-at day}`` from the "As at" table of the reference README."""
    table: dict[str, dt.date] = {}
    for line in (reference / "README.md").read_text(encoding="utf-8").splitlines():
        day = re.search(r"\|\s*(\d{4}-\d{2}-\d{2})\b", line)
        if not line.startswith("| `") or day is None:
            continue
        for name in re.findall(r"`([^`]+)`", line.split("|")[1]):
            table[name] = dt.date.fromisoformat(day.group(1))
    return table


def _as_at(path: Path, table: dict[str, dt.date]) -> dt.date | None:
    relative = f"{path.parent.name}/{path.name}"
    return next((day for name, day in table.items() if Path(relative).match(name)), None)


def _store(seed_paths: list[Path], reference: Path, *, years: bool) -> Store:
    store = open_store(":memory:")
    ensure_reference_data(store)
    table = readme_as_at(reference)
    for path in iter_input_files(seed_paths):
        ingest_facts(store, load_file(path))
    folders = [reference / "untc"] + ([reference / "ratification-years"] if years else [])
    for path in iter_input_files(folders):
        if path.suffix == ".csv":
            ingest_facts(store, load_file(path, as_at=_as_at(path, table)))
    return store


@pytest.fixture(scope="module")
def reference(shared_dir: Path) -> Path:
    return shared_dir / "reference"


@pytest.fixture(scope="module")
def untc_store(seed_paths: list[Path], reference: Path) -> Store:
    return _store(seed_paths, reference, years=False)


@pytest.fixture(scope="module")
def full_store(seed_paths: list[Path], reference: Path) -> Store:
    return _store(seed_paths, reference, years=True)


def _entry(result: dict, instrument: str) -> dict:
    return next(o for o in result["obligations"] if o["instrument"] == instrument)


def test_readme_gives_an_as_at_day_for_every_status_table(reference: Path) -> None:
    table = readme_as_at(reference)
    for path in [*(reference / "untc").glob("treaties_*.csv"), *(reference / "ratification-years").glob("*.csv")]:
        assert _as_at(path, table) is not None, path


def test_china_signed_the_iccpr_and_is_not_bound_by_it(untc_store: Store) -> None:
    result = obligations(untc_store, "CHN", dt.date(2021, 3, 30), today=TODAY)
    iccpr = _entry(result, "ICCPR")
    assert (iccpr["status"], iccpr["binds_state"], iccpr["binding"], iccpr["group"]) == (
        "signatory", False, False, "signed-not-bound")
    assert [e["kind"] for e in iccpr["events"]] == ["signature"]
    group = next(g for g in result["groups"] if g["id"] == "signed-not-bound")
    assert "ICCPR" in group["instruments"] and "art. 18" in group["note"]
    brief = render_obligations_markdown(result)
    signed = brief.split("## Signed, not bound")[1].split("\n## ")[0]
    assert "### ICCPR" in signed and "object and purpose" in signed
    assert "### ICCPR" not in brief.split("## Signed, not bound")[0]


@pytest.mark.parametrize(
    ("state", "as_of", "instrument", "group", "binds"),
    [
        ("CHN", dt.date(2021, 3, 30), "CRC", "bound", True),
        ("CHN", dt.date(2021, 3, 30), "UNGP", "soft-law", False),
        ("CHN", dt.date(2010, 2, 20), "TRAFFICKING-PROTOCOL", "not-yet-in-force", False),
        ("CHN", dt.date(2021, 3, 30), "TRAFFICKING-PROTOCOL", "bound", True),
        ("USA", dt.date(2021, 1, 25), "CRC", "signed-not-bound", False),
        ("USA", dt.date(2021, 1, 25), "ICCPR", "bound", True),
    ],
)
def test_binds_state_only_for_a_party_in_force(untc_store, state, as_of, instrument, group, binds) -> None:
    entry = _entry(obligations(untc_store, state, as_of, today=TODAY), instrument)
    assert (entry["group"], entry["binds_state"]) == (group, binds)


def test_usa_brief_lists_ilo_c182_with_a_no_source_caveat(untc_store: Store) -> None:
    result = obligations(untc_store, "USA", dt.date(2021, 1, 25), today=TODAY)
    c182 = _entry(result, "ILO-C182")
    assert (c182["group"], c182["binds_state"], c182["status_as_at"]) == ("no-status-source", False, None)
    assert c182["warnings"]
    brief = render_obligations_markdown(result)
    caveat = brief.split("## No status source for this State")[1].split("\n## ")[0]
    assert "**ILO-C182**" in caveat and "unknown here, not absent" in caveat


def test_every_treaty_is_listed_once_for_every_state(untc_store: Store) -> None:
    result = obligations(untc_store, "USA", today=TODAY)
    instruments = [o["instrument"] for o in result["obligations"]]
    assert len(instruments) == len(set(instruments))
    grouped = [i for g in result["groups"] for i in g["instruments"]]
    assert sorted(grouped) == sorted(instruments)


def test_status_as_at_is_the_newest_source_and_warns_when_older(untc_store: Store, reference: Path) -> None:
    crc_day = readme_as_at(reference)["untc/treaties_4-11.csv"]
    usa_crc = _entry(obligations(untc_store, "USA", dt.date(2021, 1, 25), today=TODAY), "CRC")
    assert (usa_crc["status_as_at"], usa_crc["status_as_at_source"]) == (crc_day.isoformat(), "treaties_4-11.csv")
    assert any(crc_day.isoformat() in w and "may be missing" in w for w in usa_crc["warnings"])
    before = _entry(obligations(untc_store, "USA", dt.date(2000, 1, 1), today=TODAY), "CRC")
    assert before["status_as_at"] == crc_day.isoformat() and before["warnings"] == []


def test_a_letter_is_a_status_source_as_at_its_date(untc_store: Store) -> None:
    crc = _entry(obligations(untc_store, "CHN", dt.date(2021, 3, 30), today=TODAY), "CRC")
    assert (crc["status_as_at"], crc["status_as_at_source"]) == ("2021-03-30", "AL CHN 3/2021")
    assert crc["warnings"] == []
    assert {"document": "treaties_4-11.csv", "as_at": "2014-10-26", "as_at_origin": "ingest-option",
            "listed_status": None} in crc["status_sources"]


def test_brief_shows_status_as_at_and_binds_state(untc_store: Store) -> None:
    brief = render_obligations_markdown(obligations(untc_store, "USA", dt.date(2021, 1, 25), today=TODAY))
    crc = brief.split("### CRC")[1].split("###")[0]
    assert "binds the State: **no**" in crc and "- Status as at: 2014-10-26 (treaties_4-11.csv)" in crc
    assert "**Caution:**" in crc


def test_somalia_is_a_crc_party_by_2021_at_year_precision(full_store: Store) -> None:
    crc = _entry(obligations(full_store, "SOM", dt.date(2021, 6, 1), today=TODAY), "CRC")
    assert (crc["group"], crc["binds_state"]) == ("bound", True)
    joined = [e for e in crc["events"] if e["kind"] != "signature"]
    assert [(e["kind"], e["date"]) for e in joined] == [("consent", "2015")]
    assert [s["document"] for s in joined[0]["sources"]] == ["hr_status_crc.csv"]
    assert (crc["status_as_at"], crc["status_as_at_source"]) == ("2022-06-13", "hr_status_crc.csv")
    assert crc["warnings"] == []
    signature = next(e for e in crc["events"] if e["kind"] == "signature")
    assert signature["sources"][0]["document"] == "treaties_4-11.csv"  # the older day-precise date stays


def test_somalia_in_2015_is_not_yet_certainly_a_party(full_store: Store) -> None:
    crc = _entry(obligations(full_store, "SOM", dt.date(2015, 6, 30), today=TODAY), "CRC")
    assert (crc["group"], crc["binds_state"]) == ("signed-not-bound", False)


def test_year_table_agreeing_with_a_day_merges_into_it(full_store: Store) -> None:
    crc = _entry(obligations(full_store, "GBR", today=TODAY), "CRC")
    joined = [e for e in crc["events"] if e["kind"] != "signature"]
    assert [(e["kind"], e["date"]) for e in joined] == [("ratification", "1991-12-16")]
    assert {s["document"] for s in joined[0]["sources"]} == {"treaties_4-11.csv", "hr_status_crc.csv"}
    assert crc["conflicts"] == []


def test_year_table_disagreeing_is_a_conflict_with_both_sources(full_store: Store) -> None:
    """The 2022 table gives the USA's ICERD year as 1966 (its signature year); UNTC and the
    letter give ratification on 21 October 1994."""
    icerd = _entry(obligations(full_store, "USA", today=TODAY), "ICERD")
    conflict = next(c for c in icerd["conflicts"] if c["kind"] == "ratification or accession")
    values = {(v["kind"], v["date"]) for v in conflict["values"]}
    assert values == {("ratification", "1994-10-21"), ("consent", "1966")}
    assert icerd["entry_into_force"] == "1994-11-20"


def test_no_action_row_of_the_year_table_is_a_status_source(full_store: Store) -> None:
    cedaw = _entry(obligations(full_store, "SOM", dt.date(2021, 6, 1), today=TODAY), "CEDAW")
    assert (cedaw["group"], cedaw["binds_state"], cedaw["status_as_at"]) == ("no-action", False, "2022-06-13")
    assert cedaw["status_sources"][0]["listed_status"] == "no action"


def test_year_table_signatory_row_keeps_china_iccpr_current(full_store: Store) -> None:
    iccpr = _entry(obligations(full_store, "CHN", dt.date(2021, 3, 30), today=TODAY), "ICCPR")
    assert (iccpr["group"], iccpr["status_as_at"], iccpr["warnings"]) == ("signed-not-bound", "2022-06-13", [])


def test_printed_status_as_at_wins_over_the_ingest_option(reference: Path) -> None:
    """A UNTC page's own "Status as at" (day first) is recorded and quoted; --as-at is then
    not used and a warning says so."""
    csv_text = (reference / "untc" / "treaties_4-11.csv").read_text(encoding="utf-8")
    from rightsgraph.loaders.pipeline import load_bytes
    facts = load_bytes(("Status as at : 04-12-2026 05:00:17 EDT\n" + csv_text).encode(), "treaties_4-11.csv",
                       as_at=dt.date(2014, 10, 26))
    assert (facts.status_as_at.iso(), facts.status_as_at_origin) == ("2026-12-04", "stated")
    assert facts.text[facts.status_as_at_evidence.start:facts.status_as_at_evidence.end] == "04-12-2026"
    assert any("--as-at 2014-10-26 not used" in w.message for w in facts.warnings)


def test_ingest_as_at_must_be_a_date(tmp_path: Path, reference: Path) -> None:
    from typer.testing import CliRunner

    from rightsgraph.api.cli import app
    result = CliRunner().invoke(app, ["ingest", str(reference / "untc" / "treaties_4-11.csv"),
                                      "--store", str(tmp_path / "s"), "--as-at", "26/10/2014"])
    assert result.exit_code == 2


def test_html_page_and_json_carry_binds_state_and_status_as_at(untc_store: Store) -> None:
    from fastapi.testclient import TestClient

    from rightsgraph.api.app import create_app
    from rightsgraph.api.settings import Settings
    with TestClient(create_app(untc_store, Settings())) as client:
        page = client.get("/states/CHN", params={"as_of": "2021-03-30"}).text
        body = client.get("/states/CHN/obligations", params={"as_of": "2021-03-30"}).json()
    signed = page.split("<h2>Signed, not bound</h2>")[1].split("<h2>")[0]
    assert "art. 18" in signed  # the group's legal note: the object-and-purpose duty
    iccpr = signed.split("ICCPR —")[1].split("</table>")[0]
    assert re.search(r"Binds the State</th><td>no<", iccpr)
    assert re.search(r"Status as at</th><td>10 July 2014 \(", iccpr)
    iccpr = _entry(body, "ICCPR")
    assert (iccpr["binds_state"], iccpr["status_as_at"]) == (False, "2014-07-10")
    assert any("may be missing" in w for w in iccpr["warnings"])


def test_the_filed_brief_keeps_report_recommendations_apart_as_soft_law(seed_paths: list[Path]) -> None:
    """Issue 17: the brief (HTML and DOCX) shows A/79/122's recommendations to States as soft
    law, in a section of their own, never among the treaty groups."""
    import io

    import docx
    from fastapi.testclient import TestClient

    from backends import memory_store_with
    from rightsgraph.api.app import create_app
    from rightsgraph.api.settings import Settings
    with TestClient(create_app(memory_store_with(seed_paths), Settings())) as client:
        page = client.get("/states/CHN").text
        word = client.get("/states/CHN", params={"format": "docx"}).content
    soft = page.split("Soft law: recommendations of reports addressed to States (not treaty obligations)</h2>")[1]
    assert "A/79/122, para. " in soft and "not treaty obligations" in soft
    treaties = page.split("Soft law: recommendations")[0]
    assert "A/79/122, para." not in treaties
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word)).paragraphs)
    assert "(not treaty obligations)" in text and "A/79/122, para. " in text
