"""Bounded obligations answers (issue 18): every list that grows with the corpus shows its
first items, its total and a link, and walking the links gives exactly the full list."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backends import memory_store_with
from error_shape import assert_error
from rightsgraph.api.app import create_app
from rightsgraph.api.settings import Settings
from rightsgraph.graph.obligations import obligations
from rightsgraph.graph.obligations_bounds import most_recent_first
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES
from rightsgraph.graph.store import Store

_STATES = SPARQL_PREFIXES + """
SELECT DISTINCT ?iso3 WHERE {
  { ?fact rg:state ?state } UNION { ?fact rg:party ?state } UNION { ?comm rg:addressee ?state }
  ?state skos:notation ?iso3 . FILTER(DATATYPE(?iso3) = rg:ISO3166Alpha3)
}
"""

# What the bounded answer adds to the full one, per level.
_ADDED_TOP = {"communications_total", "communications_next"}
_ADDED_ENTRY = {"status_sources_total", "status_sources_next"}
_ADDED_EVENT = {"id", "sources_total", "sources_next"}
_ADDED_LIST = {"communications_total", "communications_next"}
_ADDED_ROUTE = {"sources_total", "source_facts"}


@pytest.fixture(scope="module")
def store(seed_paths: list[Path], shared_dir: Path) -> Store:
    return memory_store_with([*seed_paths, shared_dir / "corpus" / "real", shared_dir / "reference" / "untc"])


@pytest.fixture(scope="module")
def client(store: Store):
    with TestClient(create_app(store, Settings(write_token="t")), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def states(store: Store) -> list[str]:
    found = sorted(str(row["iso3"]) for row in store.select(_STATES))
    assert len(found) >= 5  # the seeds, the real excerpts and the tables name several States
    return found


def _walk(client: TestClient, first: list[Any], following: str | None) -> list[Any]:
    """The items shown, then every page the links lead to."""
    items = list(first)
    while following is not None:
        response = client.get(following)
        assert response.status_code == 200, response.text
        page = response.json()
        items.extend(page["items"])
        following = page["next"]
    return items


def _walk_answer(client: TestClient, bounded: dict[str, Any]) -> dict[str, Any]:
    """The full lists, rebuilt from the bounded answer by following every link."""
    full = {"communications": _walk(client, bounded["communications"], bounded["communications_next"]),
            "companies": {c["name"]: _walk(client, c["communications"], c["communications_next"])
                          for c in bounded["companies"]}}
    for entry in bounded["obligations"]:
        key = entry["instrument"]
        full[key, "status"] = _walk(client, entry["status_sources"], entry["status_sources_next"])
        for event in entry["events"]:
            full[key, event["kind"], event["date"]] = _walk(client, event["sources"], event["sources_next"])
        for cited in entry["cited_provisions"]:
            full[key, "cited", cited["provision"]] = _walk(client, cited["communications"], cited["communications_next"])
    return full


def _expected(answer: dict[str, Any]) -> dict[str, Any]:
    full = {"communications": most_recent_first(answer["communications"]),
            "companies": {c["name"]: c["communications"] for c in answer["companies"]}}
    for entry in answer["obligations"]:
        key = entry["instrument"]
        full[key, "status"] = entry["status_sources"]
        for event in entry["events"]:
            full[key, event["kind"], event["date"]] = event["sources"]
        for cited in entry["cited_provisions"]:
            full[key, "cited", cited["provision"]] = cited["communications"]
    return full


@pytest.fixture(scope="module")
def busiest(store: Store, states: list[str]) -> list[str]:
    """The States with the most letters (then all the tables' States are walked once)."""
    letters = {iso3: len(obligations(store, iso3)["communications"]) for iso3 in states}
    return sorted(states, key=lambda s: (-letters[s], s))[:6]


def test_walking_every_link_gives_the_full_lists(client, store, states):
    for iso3 in states:
        bounded = client.get(f"/states/{iso3}/obligations", params={"sources": 1, "per_page": 1}).json()
        assert _walk_answer(client, bounded) == _expected(obligations(store, iso3)), iso3


@pytest.mark.parametrize("sources, per_page", [(0, 2), (2, 1), (3, 20)])
def test_walking_gives_the_full_lists_whatever_the_bounds(client, store, busiest, sources, per_page):
    for iso3 in busiest:
        bounded = client.get(f"/states/{iso3}/obligations", params={"sources": sources, "per_page": per_page}).json()
        assert _walk_answer(client, bounded) == _expected(obligations(store, iso3)), iso3


def test_complaint_routes_lead_to_every_source(client, store, states):
    """A protocol's route cites its events' sources: walking each event's pages gives them
    all; a clause's route (the State's declarations) says how many it cites."""
    for iso3 in states:
        full = {r["route"]: r for r in obligations(store, iso3)["complaint_routes"]}
        bounded = client.get(f"/states/{iso3}/complaint-routes", params={"sources": 1}).json()["routes"]
        for route in bounded:
            whole = full[route["route"]]["sources"]
            assert (route["sources"], route["sources_total"]) == (whole[:1], len(whole)), (iso3, route["route"])
            if route["source_facts"]:
                walked = [s for fid in route["source_facts"] for s in _walk(client, [], f"/facts/{fid}/sources")]
                assert walked == whole, (iso3, route["route"])


def test_shown_lists_are_bounded_and_counted(client, store, states):
    for iso3 in states:
        full = obligations(store, iso3)
        bounded = client.get(f"/states/{iso3}/obligations", params={"sources": 1, "per_page": 1}).json()
        assert bounded["communications_total"] == len(full["communications"])
        assert len(bounded["communications"]) == min(1, len(full["communications"]))
        for entry, whole in zip(bounded["obligations"], full["obligations"], strict=True):
            for event, whole_event in zip(entry["events"], whole["events"], strict=True):
                assert event["sources_total"] == len(whole_event["sources"])
                assert len(event["sources"]) == min(1, len(whole_event["sources"]))
                assert (event["sources_next"] is None) == (len(whole_event["sources"]) <= 1)


def _strip(answer: dict[str, Any]) -> dict[str, Any]:
    """The bounded answer without the fields bounding adds."""
    def entry(e: dict[str, Any]) -> dict[str, Any]:
        return {**{k: v for k, v in e.items() if k not in _ADDED_ENTRY},
                "events": [{k: v for k, v in ev.items() if k not in _ADDED_EVENT} for ev in e["events"]],
                "cited_provisions": [{k: v for k, v in c.items() if k not in _ADDED_LIST} for c in e["cited_provisions"]]}
    return {**{k: v for k, v in answer.items() if k not in _ADDED_TOP},
            "obligations": [entry(e) for e in answer["obligations"]],
            "complaint_routes": [{k: v for k, v in r.items() if k not in _ADDED_ROUTE} for r in answer["complaint_routes"]],
            "companies": [{k: v for k, v in c.items() if k not in _ADDED_LIST} for c in answer["companies"]]}


def test_defaults_keep_chinas_answer_on_the_seeds(seed_paths):
    """The seeds have few sources per fact: the default bounds cut nothing; only the State's
    letters change order (most recent first)."""
    with memory_store_with(seed_paths) as seeds, TestClient(create_app(seeds, Settings(write_token="t"))) as seeded:
        bounded = seeded.get("/states/CHN/obligations", params={"as_of": "2021-03-30"}).json()
        full = obligations(seeds, "CHN", __import__("datetime").date(2021, 3, 30))
    assert _strip(bounded) == {**full, "communications": most_recent_first(full["communications"])}


def test_depositary_tables_come_first_then_letters_by_date(store, states, shared_dir):
    tables = {p.name for p in (shared_dir / "reference" / "untc").iterdir()}
    mixed = 0
    for iso3 in states:
        for entry in obligations(store, iso3)["obligations"]:
            for event in entry["events"]:
                from_tables = [s["document"] in tables for s in event["sources"]]
                assert from_tables == sorted(from_tables, reverse=True), (iso3, entry["instrument"], event)
                mixed += any(from_tables) and not all(from_tables)
    assert mixed > 0  # the excerpts and the tables state some action both


def test_fact_ids_are_stable_and_page_the_sources(client, store):
    bounded = client.get("/states/CHN/obligations", params={"sources": 0}).json()
    event = next(e for o in bounded["obligations"] for e in o["events"] if o["instrument"] == "CRC")
    assert event["id"] == f"CHN.CRC.{event['kind']}.{event['date']}"
    page = client.get(f"/facts/{event['id']}/sources", params={"per_page": 200}).json()
    assert (page["total"], page["page"], page["next"]) == (event["sources_total"], 1, None)


@pytest.mark.parametrize("path, params", [
    ("/states/CHN/obligations", {"sources": -1}),
    ("/states/CHN/obligations", {"sources": 101}),
    ("/states/CHN/obligations", {"sources": "three"}),
    ("/states/CHN/obligations", {"per_page": 0}),
    ("/states/CHN/obligations", {"per_page": 201}),
    ("/states/CHN/communications", {"page": 0}),
    ("/states/CHN/communications", {"per_page": 500}),
    ("/facts/CHN.CRC.ratification.1992-03-02/sources", {"page": -2}),
])
def test_out_of_range_values_are_a_400(client, path, params):
    assert_error(client.get(path, params=params), 400, "invalid_request")


@pytest.mark.parametrize("fact_id, code", [
    ("CHN.CRC.ratification.1066", "fact_not_found"),
    ("CHN.NOT-A-TREATY.ratification.1992", "fact_not_found"),
    ("CHN.CRC", "fact_not_found"),
    ("CHN.CRC.ratification.not-a-date", "fact_not_found"),
    ("XXQ.CRC.ratification.1992", "state_not_found"),
])
def test_unknown_facts_are_a_404(client, fact_id, code):
    assert_error(client.get(f"/facts/{fact_id}/sources"), 404, code)


def _event_with_most_sources(store: Store, states: list[str]) -> tuple[str, str, dict[str, Any]]:
    """(State, instrument, event) of the event the most sources state (the excerpts and the
    tables agree on several)."""
    found = [(len(e["sources"]), iso3, o["instrument"], e) for iso3 in states
             for o in obligations(store, iso3)["obligations"] for e in o["events"]]
    count, iso3, instrument, event = max(found, key=lambda f: f[:3])
    assert count >= 2
    return iso3, instrument, event


def test_markdown_brief_cites_the_first_sources_and_links_the_rest(client, store, states):
    iso3, instrument, event = _event_with_most_sources(store, states)
    text = client.get(f"/states/{iso3}/obligations", params={"format": "md", "sources": 1}).text
    first = event["sources"][0]
    assert f"{first['document']}, characters {first['start']}–{first['end']}" in text
    fid = f"{iso3}.{instrument}.{event['kind']}.{event['date']}"
    assert f"(showing 1 of {len(event['sources'])} sources — all sources: </facts/{fid}/sources?page=1>)" in text


def test_html_and_docx_briefs_say_how_many_more_sources(store, states):
    from rightsgraph.api.briefs import brief_docx, brief_html
    from rightsgraph.graph.brief import brief
    from rightsgraph.graph.obligations_bounds import bound_obligations

    iso3, instrument, event = _event_with_most_sources(store, states)
    data = brief(bound_obligations(obligations(store, iso3), sources=1), lambda source, _: source["document"])
    facts = [f for s in data["sections"] for i in s["instruments"] if i["id"] == instrument for f in i["facts"]]
    more = next(f["more"] for f in facts if f["more"])
    assert (more["shown"], more["total"]) == (1, len(event["sources"]))
    page = brief_html(data, [])
    assert f"showing 1 of {len(event['sources']):,} sources" in page and f'href="{more["link"]}"' in page.replace("&amp;", "&")
    with zipfile.ZipFile(io.BytesIO(brief_docx(data))) as docx:
        assert f"showing 1 of {len(event['sources']):,} sources" in docx.read("word/document.xml").decode()
