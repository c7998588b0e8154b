"""Issue 15 items 4 and 6 on the seeds: replies reported in later letters count, a letter known
only from its reply gets its date, type and addressee from it, and the letters of the AL CHN
3/2021 joint action (including AL OTH 21/2021 to Omegle) are one action with follow-ups."""

from __future__ import annotations

from pathlib import Path

import pytest

from backends import memory_store_with
from rightsgraph.graph.pages import communication_page
from rightsgraph.graph.store import Store
from rightsgraph.loaders.pipeline import load_file


@pytest.fixture(scope="module")
def store(seed_paths: list[Path]) -> Store:
    return memory_store_with(seed_paths)


def _text(seed_paths: list[Path], name: str) -> str:
    return next(p for p in seed_paths if p.name == name).read_text(encoding="utf-8")


# reference, deadline, where the deadline comes from, replied, reply dates within the deadline,
# works reporting a reply, works reporting none
JOINT_ACTION = [
    ("AL CHN 3/2021", "2021-05-29", None, True, [], ["AL OTH 11/2023"], []),
    ("AL GBR 3/2021", "2021-05-29", "AL CHN 3/2021", True, [("2021-06-17", False)], ["AL OTH 11/2023"], []),
    ("AL OTH 21/2021", "2021-05-29", "AL CHN 3/2021", False, [], [], ["AL OTH 11/2023"]),
]


@pytest.mark.parametrize(("reference", "deadline", "deadline_from", "replied", "replies", "reported", "unanswered"),
                         JOINT_ACTION)
def test_reply_status_and_deadline_of_every_letter_of_the_joint_action(
        store, reference, deadline, deadline_from, replied, replies, reported, unanswered) -> None:
    response = communication_page(store, reference)["response"]
    assert (response["deadline"], response["deadline_from"], response["replied"]) == (deadline, deadline_from, replied)
    assert [(r["date"], r["within_deadline"]) for r in response["replies"]] == replies
    assert [r["reported_in"] for r in response["reported_replies"]] == reported
    assert [r["reported_in"] for r in response["reported_unanswered"]] == unanswered


def test_reported_reply_quotes_the_later_letter(store, seed_paths) -> None:
    [reported] = communication_page(store, "AL CHN 3/2021")["response"]["reported_replies"]
    text = _text(seed_paths, "001_ad508d7864522b13.txt")
    for source in reported["sources"]:
        assert source["document"] == "001_ad508d7864522b13.txt"
        assert text[source["start"]:source["end"]] == source["quote"] == "China"
    assert reported["date"] is None  # the later letter gives no reply date: none is invented


def test_letter_known_only_from_its_reply_takes_date_type_addressee_from_it(store, seed_paths) -> None:
    page = communication_page(store, "AL GBR 3/2021")
    assert (page["date"], page["type"], [s["iso3"] for s in page["addressee"]["states"]]) == (
        "2021-03-30", "AL", ["GBR"])
    reply = load_file(next(p for p in seed_paths if p.name.startswith("002_")))
    [report] = reply.letter_reports
    assert report.date_evidence is not None and reply.text[report.date_evidence.start:report.date_evidence.end] == "30 March 2021"
    assert "letter dated" in reply.text[report.date_evidence.start - 20:report.date_evidence.start]
    assert report.addressee_state == "GBR" and report.addressee_evidence is not None


def test_unanswered_letter_quotes_the_regret(store, seed_paths) -> None:
    [unanswered] = communication_page(store, "AL OTH 21/2021")["response"]["reported_unanswered"]
    assert unanswered["as_of"] == "2023-03-13"
    assert unanswered["sources"][0]["quote"].startswith("We regret that we have not received a response")


def test_joint_action_and_follow_ups(store) -> None:
    omegle = communication_page(store, "AL OTH 21/2021")
    assert [(s["reference"], s["date"]) for s in omegle["joint_action"]] == [
        ("AL CHN 3/2021", "2021-03-30"), ("AL GBR 3/2021", "2021-03-30")]
    assert [f["reference"] for f in omegle["follow_ups"]] == ["AL OTH 11/2023"]
    assert [c["name"] for c in omegle["addressee"]["companies"]] == ["Omegle"]
    later = communication_page(store, "AL OTH 11/2023")
    assert [f["reference"] for f in later["follows_up"]] == ["AL OTH 21/2021"]
    assert later["joint_action"] == []  # two years later: a follow-up, not the same action
    chn = communication_page(store, "AL CHN 3/2021")
    assert all(s["replied"] is (s["reference"] != "AL OTH 21/2021") for s in chn["joint_action"])


# reference, deadline, overdue, late: China's reply is reported (not overdue); the UK reply of
# 17 June 2021 came after the joint action's 29 May 2021 deadline (late); Omegle never replied.
TIMELINE = [
    ("AL CHN 3/2021", "2021-05-29", False, False),
    ("AL GBR 3/2021", "2021-05-29", False, True),
    ("AL OTH 21/2021", "2021-05-29", True, False),
]


@pytest.mark.parametrize(("reference", "deadline", "overdue", "late"), TIMELINE)
def test_timeline_counts_reported_replies(store, reference, deadline, overdue, late) -> None:
    import datetime as dt

    from rightsgraph.graph.analytics import communication_timeline
    from rightsgraph.graph.network import build_network
    rows = {r["reference"]: r for r in communication_timeline(build_network(store), dt.date(2026, 12, 4))}
    row = rows[reference]
    assert (row["deadline"], row["overdue"], row["late"]) == (deadline, overdue, late)


def test_reported_reply_counts_only_from_the_report_date(store) -> None:
    import datetime as dt

    from rightsgraph.graph.analytics import communication_timeline
    from rightsgraph.graph.network import build_network
    network = build_network(store)
    before = {r["reference"]: r for r in communication_timeline(network, dt.date(2022, 1, 1))}
    after = {r["reference"]: r for r in communication_timeline(network, dt.date(2023, 3, 13))}
    assert (before["AL CHN 3/2021"]["overdue"], after["AL CHN 3/2021"]["overdue"]) == (True, False)
    assert [r["reported_in"] for r in after["AL CHN 3/2021"]["replies"]] == ["AL OTH 11/2023"]


# addressee, its letter in the store, replied, reported in, direct replies (date, within deadline)
JOINT_ACTION_REPLIES = [
    ("China", ["AL CHN 3/2021"], True, ["AL OTH 11/2023"], []),
    ("India", [], None, [], []),  # written to, no reply reported or stored
    ("Mexico", [], True, ["AL OTH 11/2023"], []),
    ("Omegle", ["AL OTH 21/2021"], False, ["AL OTH 11/2023"], []),
    ("TikTok", [], True, ["AL OTH 11/2023"], []),
    ("United Kingdom", ["AL GBR 3/2021"], True, ["AL OTH 11/2023"], [("2021-06-17", False)]),
    ("United States", [], True, ["AL OTH 11/2023"], []),
]


@pytest.mark.parametrize("reference", ["AL CHN 3/2021", "AL GBR 3/2021", "AL OTH 21/2021"])
def test_every_addressee_of_the_joint_action_with_its_reply_status(store, reference) -> None:
    rows = {r["name"]: r for r in communication_page(store, reference)["joint_action_replies"]}
    assert sorted(rows) == [name for name, *_ in JOINT_ACTION_REPLIES]
    for name, letters, replied, reported_in, replies in JOINT_ACTION_REPLIES:
        row = rows[name]
        assert (row["letters"], row["replied"], row["reported_in"]) == (letters, replied, reported_in), name
        assert [(r["date"], r["within_deadline"]) for r in row["replies"]] == replies, name
        assert all(s["quote"] for s in row["sources"]) and bool(row["sources"]) is bool(reported_in), name


def test_network_marks_the_follow_up_apart_from_related_letters(store) -> None:
    from rightsgraph.graph.network import build_network
    from rightsgraph.graph.rdf_terms import communication_iri
    network = build_network(store)
    later, earlier = str(communication_iri("AL OTH 11/2023")), str(communication_iri("AL OTH 21/2021"))
    kinds = {k for _, v, k in network.graph.out_edges(later, keys=True) if v == earlier}
    assert kinds == {"follows_up"}


@pytest.mark.parametrize(("reference", "document", "quotes"), [
    ("AL GBR 3/2021", "002_c0c0ae6ceacf76f4.txt",
     {"date": "30 March 2021", "type": "AL GBR 3/2021",
      "addressee": "United Kingdom of Great Britain and Northern Ireland"}),
    ("AL OTH 21/2021", "001_ad508d7864522b13.txt",
     {"date": "30 March 2021", "type": "AL OTH 21/2021", "addressee": "your company"}),
])
def test_each_attribute_of_a_letter_known_from_others_has_its_source(store, seed_paths, reference, document,
                                                                       quotes) -> None:
    sources = communication_page(store, reference)["attribute_sources"]
    text = _text(seed_paths, document)
    for attribute, quote in quotes.items():
        [source] = sources[attribute]
        assert (source["document"], source["quote"]) == (document, quote)
        assert text[source["start"]:source["end"]] == quote
