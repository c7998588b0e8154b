"""Bounded page lists (issue 18): the provision, instrument, company and mandate pages embed
the first page of each list with its total and a next link; walking the list routes gives
back exactly the whole list, and each item's sources are cut to ``?sources=N``,
authoritative first. Over the seeds, the real excerpts, every UNTC table and the treaty texts."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from backends import memory_store_with
from error_shape import assert_error
from rightsgraph.api import models as m
from rightsgraph.api.app import create_app
from rightsgraph.api.settings import Settings
from rightsgraph.graph import pages_queries as q
from rightsgraph.graph.pages_common import group_by_work
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES, company_iri, instrument_iri, provision_iri
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.store import Store
from rightsgraph.loaders.pipeline import iter_input_files, load_file

# Every list route the pages link to, with the page field embedding its first page.
LIST_ROUTES = [
    ("/instruments/CRC", "parties"),
    ("/instruments/CRC", "reservations"),
    ("/instruments/OPSC", "parties"),
    ("/provisions/CRC/34", "states_bound"),
    ("/provisions/CRC/34", "cited_by"),
    ("/provisions/CRC/21", "reservations"),
    ("/companies/TikTok", "mentioned_in"),
    ("/companies/Omegle", "addressed_by"),
    ("/mandates/sale-of-children", "communications"),
    ("/mandates/sale-of-children", "holders"),
    ("/mandates/sale-of-children", "replies"),
]


@pytest.fixture(scope="module")
def store(backend: Store, shared_dir: Path) -> Store:
    """Every backend (the embedded store; Virtuoso when RIGHTSGRAPH_TEST_SPARQL_URL is set)."""
    reference = shared_dir / "reference"
    ensure_reference_data(backend)
    for path in iter_input_files([shared_dir / "corpus" / "seeds", shared_dir / "corpus" / "real",
                                  *sorted((reference / "untc").iterdir()), reference / "treaty-texts"]):
        ingest_facts(backend, load_file(path))
    return backend


@pytest.fixture(scope="module")
def client(store: Store) -> TestClient:
    with TestClient(create_app(store, Settings()), raise_server_exceptions=False) as opened:
        yield opened


def walk(client: TestClient, url: str, **params: int | str) -> tuple[list[dict], list[dict]]:
    """Every item of a list route, following ``next``; and each page's answer. (Parameters
    replace a query string ``url`` already has.)"""
    answers = [client.get(url, params=params or None).json()]
    while answers[-1]["next"] is not None:
        response = client.get(answers[-1]["next"])
        assert response.status_code == 200, response.text
        answers.append(response.json())
    return [item for answer in answers for item in answer["items"]], answers


def without_bounds(item: dict) -> dict:
    """An item as the unbounded lists wrote it: the ``*_total``/``*_next`` fields left out."""
    return {k: v for k, v in item.items() if not k.endswith(("_total", "_next"))}


# --- walking every page --------------------------------------------------------------------------


@pytest.mark.parametrize(("page_url", "name"), LIST_ROUTES)
def test_walking_every_page_gives_the_whole_list_and_the_pages_total(client, page_url, name):
    page = client.get(page_url).json()
    whole = client.get(f"{page_url}/{name}", params={"per_page": 200, "sources": 100}).json()
    assert whole["total"] == len(whole["items"]) == page[f"{name}_total"]
    walked, answers = walk(client, f"{page_url}/{name}", per_page=7, sources=100)
    assert walked == whole["items"]
    assert len(answers) == max(1, math.ceil(whole["total"] / 7))
    assert [a["page"] for a in answers] == list(range(1, len(answers) + 1))
    # The page embeds the first 20 with the default 3 sources, and links to page 2.
    assert len(page[name]) == min(20, whole["total"])
    assert (page[f"{name}_next"] is not None) == (whole["total"] > 20)
    if page[f"{name}_next"] is not None:
        assert page[f"{name}_next"] == f"{page_url}/{name}?page=2"


def test_crc_parties_are_every_participant_of_the_untc_table(client, shared_dir):
    """All participants of treaties_4-11.csv are reachable page by page, with that table as a source."""
    with (shared_dir / "reference" / "untc" / "treaties_4-11.csv").open(encoding="utf-8") as table:
        participants = [row for row in csv.reader(table)][1:]
    walked, _ = walk(client, "/instruments/CRC/parties", per_page=50, sources=100)
    from_table = [p for p in walked if any(s["document"] == "treaties_4-11.csv" for e in p["events"] for s in e["sources"])]
    assert len(from_table) == len(participants) > 190
    assert len({p.get("iso3") or p["id"] for p in walked}) == len(walked)


def test_parties_are_those_the_store_has_actions_for(client, store):
    rows = store.select(SPARQL_PREFIXES + "SELECT DISTINCT ?party WHERE { ?f a rg:TreatyAction ; rg:instrument ?instrument ; rg:state ?party . }",
                        {"instrument": instrument_iri("CRC")})
    walked, answers = walk(client, "/instruments/CRC/parties", per_page=30)
    assert {p.get("iso3") or p["id"] for p in walked} == {str(r["party"]).rsplit("/", 1)[-1] for r in rows}
    assert answers[0]["total"] == len(rows)
    assert [p["name"] for p in walked] == sorted(p["name"] for p in walked)


@pytest.mark.parametrize(
    ("url", "query", "bindings"),
    [
        ("/provisions/CRC/34/cited_by", q.CITING_PROVISION, {"provision": provision_iri("CRC", "34")}),
        ("/provisions/CRC/2/cited_by", q.CITING_PROVISION, {"provision": provision_iri("CRC", "2")}),
        ("/companies/TikTok/mentioned_in", q.COMPANY_MENTIONS, {"company": company_iri("TikTok")}),
        ("/companies/Omegle/mentioned_in", q.COMPANY_MENTIONS, {"company": company_iri("Omegle")}),
    ],
)
def test_works_page_by_page_are_the_unbounded_grouping(client, store, url, query, bindings):
    """The letters, replies and reports citing a provision or naming a company, one per page,
    are what grouping every row of the unbounded query gives, passages included."""
    expected = group_by_work(store.select(query, bindings))
    walked, _ = walk(client, url, per_page=1, sources=100)
    assert expected, "the seeds cite and name these"
    assert [without_bounds(w) for w in walked] == expected
    assert all(w["passages_total"] == len(w["passages"]) and w["passages_next"] is None for w in walked)


# --- bounded sources -----------------------------------------------------------------------------


def test_an_events_sources_are_bounded_authoritative_first_and_pageable(client):
    """China's CRC ratification: the depositary's table first, then the letter restating it;
    with ?sources=1 one is shown, the total says 2, and sources_next gives the other."""
    full = client.get("/instruments/CRC/parties", params={"party": "CHN", "sources": 100}).json()["items"][0]
    (ratification,) = [e for e in full["events"] if e["kind"] == "ratification"]
    documents = [s["document"] for s in ratification["sources"]]
    assert documents[0] == "treaties_4-11.csv" and "AL CHN 3/2021" in documents
    bounded = client.get("/instruments/CRC/parties", params={"party": "CHN", "sources": 1}).json()["items"][0]
    (event,) = [e for e in bounded["events"] if e["kind"] == "ratification"]
    assert event["sources"] == ratification["sources"][:1] and event["sources_total"] == len(documents)
    shown = list(event["sources"])
    while event["sources_next"] is not None:
        answer = client.get(event["sources_next"]).json()
        assert answer["total"] == 1
        (event,) = [e for e in answer["items"][0]["events"] if e["kind"] == "ratification"]
        shown += event["sources"]
    assert shown == ratification["sources"]


@pytest.mark.parametrize(
    ("url", "name", "field", "narrow"),
    [
        ("/provisions/OPSC/2/cited_by", "AL CHN 3/2021", "passages", "work"),
        ("/provisions/CRC/2/cited_by", "A/79/122", "passages", "work"),
        ("/mandates/sale-of-children/holders", "Mama Fatima Singhateh", "signed", "name"),
    ],
)
def test_following_an_items_next_link_gives_the_rest_of_its_sources(client, url, name, field, narrow):
    (full,) = [i for i in client.get(url, params={"sources": 100}).json()["items"] if i[narrow] == name]
    (item,) = [i for i in client.get(url, params={"sources": 1}).json()["items"] if i[narrow] == name]
    assert item[f"{field}_total"] == len(full[field]) > 1
    shown = list(item[field])
    while item[f"{field}_next"] is not None:
        (item,) = client.get(item[f"{field}_next"]).json()["items"]
        assert len(item[field]) <= 1
        shown += item[field]
    assert shown == full[field]


def test_depositary_sources_come_first_on_every_event(client):
    walked, _ = walk(client, "/instruments/OPSC/parties", per_page=200, sources=100)
    for party in walked:
        for event in party["events"]:
            kinds = [s["document"].startswith("treaties_") for s in event["sources"]]
            assert kinds == sorted(kinds, reverse=True), (party["name"], event)


def test_sources_zero_keeps_the_totals(client):
    page = client.get("/provisions/CRC/34", params={"sources": 0}).json()
    assert all(e["sources"] == [] and e["sources_total"] >= 1 for p in page["states_bound"] for e in p["events"])
    assert all(w["passages"] == [] and w["passages_total"] >= 1 for w in page["cited_by"])


# --- bad parameters, unknown lists ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/instruments/CRC/parties", {"page": 0}),
        ("/instruments/CRC/parties", {"page": "two"}),
        ("/instruments/CRC/parties", {"per_page": 0}),
        ("/instruments/CRC/parties", {"per_page": 201}),
        ("/instruments/CRC/parties", {"sources": -1}),
        ("/instruments/CRC/parties", {"sources": 101}),
        ("/instruments/CRC/parties", {"sources_page": 0}),
        ("/provisions/CRC/34", {"per_page": 1000}),
        ("/provisions/CRC/34/cited_by", {"page": -3}),
        ("/companies/TikTok", {"sources": "all"}),
        ("/mandates/sale-of-children/communications", {"per_page": ""}),
    ],
)
def test_bad_paging_is_a_400_in_the_one_error_shape(client, url, params):
    assert_error(client.get(url, params=params), 400, "invalid_request")


@pytest.mark.parametrize("url", ["/instruments/CRC/letters", "/provisions/CRC/34/parties", "/mandates/sale-of-children/cited_by"])
def test_an_unknown_list_is_a_404_naming_the_lists(client, url):
    error = assert_error(client.get(url), 404, "not_found")
    assert error["details"]["lists"]


def test_a_page_past_the_end_is_empty_with_the_total(client):
    answer = client.get("/instruments/CRC/parties", params={"page": 99}).json()
    assert (answer["items"], answer["next"]) == ([], None) and answer["total"] > 190


# --- HTML and HEAD -------------------------------------------------------------------------------


def test_html_shows_the_total_and_the_next_page(client):
    total = client.get("/instruments/CRC").json()["parties_total"]
    html = client.get("/instruments/CRC", headers={"Accept": "text/html"}).text
    assert f"showing 20 of {total:,} participants" in html
    assert 'href="/instruments/CRC/parties?page=2&amp;format=html"' in html
    second = client.get("/instruments/CRC/parties", params={"page": 2, "format": "html"})
    assert second.headers["content-type"].startswith("text/html")
    assert f"{total:,} in all; page 2" in second.text and "page=3&amp;format=html" in second.text


def test_html_links_an_events_other_sources(client):
    html = client.get("/instruments/CRC/parties", params={"party": "CHN", "sources": 1, "format": "html"}).text
    assert "showing 1 of 2 sources — more sources" in html
    assert "party=CHN&amp;sources=1&amp;sources_page=2&amp;format=html" in html


@pytest.mark.parametrize("url", ["/instruments/CRC/parties?page=2", "/provisions/CRC/34/cited_by", "/companies/TikTok/mentioned_in"])
def test_head_answers_the_list_routes(client, url):
    got, head = client.get(url), client.head(url)
    assert head.status_code == got.status_code == 200 and head.content == b""


# --- typed answers -------------------------------------------------------------------------------


@pytest.mark.parametrize(("page_url", "name"), LIST_ROUTES)
def test_list_answers_validate(client, page_url, name):
    m.BoundedList.model_validate(client.get(f"{page_url}/{name}", params={"per_page": 5}).json())


@pytest.mark.parametrize(
    ("url", "model"),
    [("/provisions/CRC/34?per_page=1&sources=0", m.ProvisionPage), ("/instruments/OPSC?per_page=3", m.InstrumentPage),
     ("/companies/Omegle?sources=1", m.CompanyPage), ("/mandates/trafficking?per_page=1", m.MandatePage)],
)
def test_bounded_pages_validate(client, url, model):
    model.model_validate(client.get(url).json())


# --- a corpus where the lists outgrow a page (synthetic, fictional letters) ----------------------


@pytest.fixture(scope="module")
def synthetic_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    from synthetic_corpus import synthetic

    batch = synthetic.generate(100, 7, tmp_path_factory.mktemp("synthetic-100"))
    opened = memory_store_with([batch.out_dir])
    with TestClient(create_app(opened, Settings())) as client:
        yield client
    opened.close()


def test_a_page_holds_at_most_per_page_items_and_sources_whatever_the_corpus(synthetic_client):
    """100 fictional letters citing CRC art. 34 and restating ratifications: the page holds 5
    works and 5 States with one source each, the totals say how many there are, and walking
    the list routes reaches them all."""
    page = synthetic_client.get("/provisions/CRC/34", params={"per_page": 5, "sources": 1}).json()
    assert len(page["cited_by"]) == 5 < page["cited_by_total"]
    assert len(page["states_bound"]) == 5 < page["states_bound_total"]
    events = [e for p in page["states_bound"] for e in p["events"]]
    assert all(len(e["sources"]) <= 1 for e in events) and any(e["sources_total"] > 1 for e in events)
    for name in ("cited_by", "states_bound"):
        walked, _ = walk(synthetic_client, page[f"{name}_next"])
        assert len(page[name]) + len(walked) == page[f"{name}_total"]
    mandate = synthetic_client.get("/mandates/sale-of-children", params={"per_page": 5}).json()
    assert len(mandate["communications"]) == 5 < mandate["communications_total"]


PARTY_LISTS = [("/instruments/CRC/parties", {}), ("/instruments/OPSC/parties", {}),
               ("/provisions/CRC/34/states_bound", {}), ("/instruments/CRC/parties", {"party": "CHN"})]


@pytest.mark.parametrize("sources", [0, 1, 3, 10])
@pytest.mark.parametrize("url, narrow", PARTY_LISTS)
def test_parties_read_from_the_per_state_view_equal_those_read_from_every_source(
        monkeypatch, client, store, url, narrow, sources):
    """The parties' events and their first sources come from the per-State view when the store
    keeps a current one; every page equals the one computed from every source."""
    if not getattr(store, "keeps_state_view", False):
        pytest.skip("this backend keeps no per-State view: parties are always read from every source")
    assert_view_pages_equal_computed_pages(monkeypatch, client, url, narrow, sources)


def restating_letter(number: int) -> str:
    """A fictional letter (clearly marked) restating China's CRC ratification, dated by ``number``."""
    return (
        "[Fictional letter written for a rightsgraph test: not a UN document]\n\n"
        f"REFERENCE:\nAL CHN {800 + number}/2023\n\n{1 + number} June 2023\n\nExcellency,\n\n"
        "We refer to article 34 of the Convention on the Rights of the Child, ratified by China "
        "on 2 March 1992.\n"
    )


@pytest.fixture(scope="module")
def restated_client(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> TestClient:
    """The seeds, the CRC status table and more letters restating China's ratification than
    the per-State view keeps sources for."""
    from rightsgraph.graph.state_view import VIEW_SOURCES

    folder = tmp_path_factory.mktemp("restated")
    for number in range(VIEW_SOURCES + 4):
        (folder / f"fictional_{number:02d}.txt").write_text(restating_letter(number), encoding="utf-8")
    opened = memory_store_with([shared_dir / "corpus" / "seeds", shared_dir / "reference" / "untc" / "treaties_4-11.csv",
                                folder])
    with TestClient(create_app(opened, Settings())) as client:
        yield client
    opened.close()


@pytest.mark.parametrize("sources", [1, 3, 10])
@pytest.mark.parametrize("url, narrow", [("/instruments/CRC/parties", {}), ("/provisions/CRC/34/states_bound", {}),
                                         ("/instruments/CRC/parties", {"party": "CHN"})])
def test_parties_from_the_view_are_exact_where_totals_outgrow_what_it_keeps(
        monkeypatch, restated_client, url, narrow, sources):
    """China's CRC ratification restated by more letters than the view keeps sources for: the
    view's first sources and totals equal those computed from every source."""
    from rightsgraph.graph.state_view import VIEW_SOURCES

    viewed = assert_view_pages_equal_computed_pages(monkeypatch, restated_client, url, narrow, sources)
    (china,) = [p for p in viewed if p.get("iso3") == "CHN"]
    assert max(e["sources_total"] for e in china["events"]) > VIEW_SOURCES


def assert_view_pages_equal_computed_pages(monkeypatch, client, url, narrow, sources) -> list[dict]:
    from rightsgraph.graph import pages_lists

    read: list = []
    monkeypatch.setattr(pages_lists, "_read_events", _recording(pages_lists._read_events, read))
    viewed, _ = walk(client, url, sources=sources, per_page=50, **narrow)
    assert viewed and not read, "the view was not used"
    monkeypatch.setattr(pages_lists, "is_current", lambda store: False)
    computed, _ = walk(client, url, sources=sources, per_page=50, **narrow)
    assert read and viewed == computed
    return viewed


def _recording(function, calls: list):
    def recorded(*args, **kwargs):
        calls.append(args)
        return function(*args, **kwargs)
    return recorded

