"""States' statements on instruments in the graph and the API: one node per statement across
sources, per article and per instrument, in the obligations entry and brief (issue 15 item 3,
issue 22 items 2-3), on the UNTC tables of ../shared/reference."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rightsgraph.api.app import create_app
from rightsgraph.api.settings import Settings
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.store import Store, open_store
from rightsgraph.graph.treaty_statements import statements_on_provision
from rightsgraph.loaders.pipeline import load_file
from rightsgraph.loaders.untc_declarations import parse_declarations


@pytest.fixture(scope="module")
def store(shared_dir: Path) -> Store:
    untc = shared_dir / "reference" / "untc"
    memory = open_store(":memory:")
    ensure_reference_data(memory)
    for path in [untc / "declarations_4-11.txt", untc / "treaties_4-11.csv"]:
        ingest_facts(memory, load_file(path))
    return memory


@pytest.fixture(scope="module")
def client(store: Store):
    with TestClient(create_app(store, Settings()), raise_server_exceptions=False) as test_client:
        yield test_client


def summary(entries: list[dict]) -> list[tuple]:
    return [(e["state"], e["kind"], tuple(e["articles"])) for e in entries]


def test_provision_page_lists_the_statements_on_it(client) -> None:
    page = client.get("/provisions/CRC/21").json()
    found = summary(page["reservations"])
    assert ("ARG", "reservation", ("21",)) in found
    assert all("21" in articles for _, _, articles in found)
    # China's statement is on article 6, not on the Constitution's article 25
    assert ("CHN", "reservation", ("6",)) in summary(client.get("/provisions/CRC/6").json()["reservations"])
    assert all(s != "CHN" for s, _, _ in summary(client.get("/provisions/CRC/25").json()["reservations"]))
    # Argentina names article 41 only in passing
    assert all(s != "ARG" for s, _, _ in summary(client.get("/provisions/CRC/41").json()["reservations"]))


def all_statements_on(client, instrument: str) -> list[dict]:
    """Every statement on the instrument: issue 18 embeds the first page of them in the
    instrument page; the list's route gives them all (134 for the CRC, under 200)."""
    answer = client.get(f"/instruments/{instrument}/reservations", params={"per_page": 200}).json()
    assert answer["total"] == len(answer["items"]) == client.get(f"/instruments/{instrument}").json()["reservations_total"]
    return answer["items"]


def test_instrument_page_lists_every_statement_with_its_source(client) -> None:
    page = {"reservations": all_statements_on(client, "CRC")}
    argentina = [e for e in page["reservations"] if e["state"] == "ARG"]
    assert [(e["kind"], e["articles"], e["mentioned"]) for e in argentina] == [
        ("reservation", ["21"], []),
        ("declaration", ["1"], []),
        ("declaration", ["38"], ["41"]),
        ("declaration", ["24"], []),
    ]
    for entry in page["reservations"]:
        (source,) = entry["sources"]
        assert source["document"] == "declarations_4-11.txt"
        assert source["quote"] == entry["text"]


def test_obligations_entry_shows_territories_and_the_qatar_withdrawal(client) -> None:
    gbr = client.get("/states/GBR/obligations").json()
    (crc,) = [o for o in gbr["obligations"] if o["instrument"] == "CRC"]
    hong_kong = [r for r in crc["reservations"] if "Hong Kong" in r["territories"]]
    assert sorted(tuple(r["articles"]) for r in hong_kong) == [("22",), ("32",)]
    excluded = [r for r in crc["reservations"] if r["excluded_territories"]]
    assert [(r["territories"], r["excluded_territories"]) for r in excluded] == [
        (["dependent territories"], ["Hong Kong", "Pitcairn"])
    ]
    qatar = client.get("/states/QAT/obligations").json()
    (crc,) = [o for o in qatar["obligations"] if o["instrument"] == "CRC"]
    (withdrawal,) = crc["reservations"]
    assert (withdrawal["kind"], withdrawal["partial"], withdrawal["continues_for"]) == ("withdrawal", True, ["2", "14"])
    brief = client.get("/states/QAT/obligations?format=md").text
    assert "Withdrawal — partial; still applies to arts. 2, 14" in brief
    brief = client.get("/states/GBR/obligations?format=md").text
    assert "for dependent territories; except Hong Kong, Pitcairn" in brief


def test_the_same_statement_from_two_sources_is_one_node(shared_dir: Path) -> None:
    """Issue 22 (2): a second source quoting China's statement adds its passage to the same
    node. The second source is a fictional re-export written for this test."""
    memory = open_store(":memory:")
    ensure_reference_data(memory)
    text = (shared_dir / "reference" / "untc" / "declarations_4-11.txt").read_text(encoding="utf-8")
    block = text[text.index("#China") : text.index("#Colombia")]
    for source, body in (("declarations_4-11.txt", block), ("re-export.txt", "\n\n" + block.replace("\n", "\n\n"))):
        facts = parse_declarations(body, source=source, sha256=f"{len(body):064x}", instrument="CRC", media_type="text/plain")
        ingest_facts(memory, facts)
    (entry,) = statements_on_provision(memory, "CRC", "6")
    assert entry["kind"] == "reservation"
    assert sorted(s["document"] for s in entry["sources"]) == ["declarations_4-11.txt", "re-export.txt"]


def test_sweden_objections_are_linked_to_the_reservations_they_object_to(client) -> None:
    """Issue 22 (2): Sweden's CRC objections, dated per reserving State as UNTC lists them."""
    page = {"reservations": all_statements_on(client, "CRC")}
    (sweden,) = [e for e in page["reservations"] if e["state"] == "SWE"]
    assert {"state": "JOR", "date": "1992-08-26"} in sweden["objects_to"]
    assert {"state": "MYS", "date": "1996-06-26"} in sweden["objects_to"]
    jordan = [e for e in page["reservations"] if e["state"] == "JOR" and e["kind"] == "reservation"]
    assert jordan and all(
        {"by": "SWE", "objection": sweden["iri"], "date": "1992-08-26"} in e["objections"] for e in jordan
    )


def test_obligations_entry_dates_statements_and_shows_where_they_apply(client) -> None:
    gbr = client.get("/states/GBR/obligations").json()
    (crc,) = [o for o in gbr["obligations"] if o["instrument"] == "CRC"]
    hong_kong = next(t for t in crc["territories"] if t["territory"] == "Hong Kong")
    assert sorted(tuple(q["articles"]) for q in hong_kong["qualified_by"]) == [("22",), ("32",)]
    assert [q["articles"] for q in hong_kong["excluded_from"]] == [["32"]]
    # the UK signed the CRC on 19 April 1990 and ratified it on 16 December 1991 (UNTC table)
    made = {r["made_with"]["kind"] if r["made_with"] else None for r in crc["reservations"]}
    assert made <= {"signature", "ratification"} and "ratification" in made
    argentina = client.get("/states/ARG/obligations").json()
    (crc,) = [o for o in argentina["obligations"] if o["instrument"] == "CRC"]
    assert {(r["made_with"]["kind"], r["made_with"]["date"]) for r in crc["reservations"]} == {("ratification", "1990-12-04")}
