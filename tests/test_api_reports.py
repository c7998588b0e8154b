"""GET /reports/{symbol} and GET /recommendations on A/79/122 (seed) and on the fictional
report A/HRC/99/901 (tests/fixtures/reports: "To States" / "To business enterprises"
headings), in JSON and HTML; the brief's soft-law section; company and provision pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from error_shape import assert_error
from rightsgraph.api.app import create_app
from rightsgraph.api.settings import Settings
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.store import Store
from rightsgraph.loaders.pipeline import load_file

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reports"
FICTIONAL = FIXTURES / "fictional_report_a_hrc_99_901.txt"
VISIT = FIXTURES / "fictional_visit_report_a_hrc_99_902_add_1.txt"
A79 = "004_79e438d2674d96cf"


@pytest.fixture(scope="module")
def store(backend: Store, seed_paths: list[Path]) -> Store:
    ensure_reference_data(backend)
    for path in [*seed_paths, FICTIONAL, VISIT]:
        ingest_facts(backend, load_file(path))
    return backend


@pytest.fixture(scope="module")
def client(store: Store):
    with TestClient(create_app(store, Settings()), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def gold(shared_dir: Path) -> dict:
    return json.loads((shared_dir / "gold" / "reports" / f"{A79}.json").read_text())


@pytest.fixture(scope="module")
def a79(client) -> dict:
    response = client.get("/reports/A/79/122")
    assert response.status_code == 200, response.text
    return response.json()




def test_report_page_lists_every_paragraph_and_recommendation(a79: dict, gold: dict) -> None:
    assert [p["number"] for p in a79["paragraphs"] if p["sub"] is None] == gold["paragraphs"]
    assert [r["id"] for r in a79["recommendations"]] == [r["id"] for r in gold["recommendations"]]
    assert a79["outline"][-1]["title"] == "Conclusion and recommendations"


def test_a_paragraph_is_citable_with_its_quote(a79: dict, shared_dir: Path) -> None:
    text = load_file(shared_dir / "corpus" / "seeds" / f"{A79}.txt").text
    paragraph = next(p for p in a79["paragraphs"] if p["id"] == "98(b)")
    assert paragraph["cite"] == "A/79/122, para. 98 (b)"
    source = paragraph["source"]
    assert text[source["start"]:source["end"]] == source["quote"]
    assert source["quote"].startswith("(b) Put in place measures")


def test_a_paragraph_shows_its_footnotes(a79: dict) -> None:
    paragraph = next(p for p in a79["paragraphs"] if p["id"] == "4")
    assert paragraph["footnotes"] == [{"number": "3", "text": "A/HRC/55/55."}]


def test_report_page_in_html_is_escaped_and_anchored(client) -> None:
    response = client.get("/reports/A/79/122", params={"format": "html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert 'id="para-98-b"' in response.text
    assert "children&#39;s rights" in response.text  # an apostrophe of the report's text, escaped
    assert "not a treaty obligation" in response.text


def test_unknown_report_is_a_404(client) -> None:
    assert_error(client.get("/reports/A/1/1"), 404, "not_found")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"report": "A/HRC/99/901", "addressee": "business"}, ["9(a)", "9(b)", "9(c)"]),
        ({"report": "A/HRC/99/901", "addressee": "un"}, ["10"]),
        ({"report": "A/HRC/99/901", "addressee": "states"}, ["7(a)", "7(b)", "8"]),
        ({"report": "A/HRC/99/901", "theme": "age-verification"}, ["7(a)", "7(b)"]),
        ({"instrument": "OPSC"}, ["100(b)", "8"]),
        ({"instrument": "UNGP", "addressee": "business"}, ["9(a)"]),
        ({"report": "A/79/122", "theme": "child-participation"}, ["98(c)", "101"]),  # 98(c): a topic
    ],
)
def test_recommendation_facets(client, params: dict, expected: list[str]) -> None:
    response = client.get("/recommendations", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert [r["id"] for r in body["recommendations"]] == expected
    assert body["count"] == len(expected)
    assert all(r["soft_law"] is True and r["binding"] is False for r in body["recommendations"])


def test_a_recommendation_names_its_provision_with_a_link(client) -> None:
    body = client.get("/recommendations", params={"report": "A/HRC/99/901", "instrument": "OPSC"}).json()
    (item,) = body["recommendations"]
    assert item["cite"] == "A/HRC/99/901, para. 8"
    assert item["provisions"][0]["links"]["page"] == "/provisions/OPSC/10"


def test_state_facet_gives_recommendations_to_states(client) -> None:
    body = client.get("/recommendations", params={"state": "DEU", "report": "A/79/122"}).json()
    assert body["facets"]["state"] == {"iso3": "DEU", "name": "Germany"}
    assert body["count"] == 35
    assert {r["addressee"] for r in body["recommendations"]} == {"states"}


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"addressee": "everyone"}, 400, "usage_error"),
        ({"theme": "weather"}, 400, "usage_error"),
        ({"instrument": "NOPE"}, 404, "instrument_not_found"),
        ({"state": "Atlantis"}, 404, "state_not_found"),
        ({"report": "A/1/1"}, 404, "not_found"),
    ],
)
def test_bad_facets_are_clear_errors(client, params: dict, status: int, code: str) -> None:
    assert_error(client.get("/recommendations", params=params), status, code)


def test_recommendations_page_in_html(client) -> None:
    response = client.get("/recommendations", params={"addressee": "business"}, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "A/HRC/99/901, para. 9 (a)" in response.text
    assert "soft law" in response.text


# --- the obligations brief, company, provision and instrument pages, search ----------------


def test_brief_lists_recommendations_as_soft_law_apart_from_obligations(client) -> None:
    response = client.get("/states/DEU/obligations")
    assert response.status_code == 200, response.text
    brief = response.json()
    section = brief["recommendations"]
    assert section["soft_law"] is True and section["binding"] is False
    cites = [i["cite"] for i in section["items"]]
    assert "A/79/122, para. 98 (b)" in cites and "A/HRC/99/901, para. 8" in cites
    assert "A/HRC/99/901, para. 9 (a)" not in cites  # addressed to business, not to States
    obligations_text = json.dumps(brief["obligations"])
    assert "A/79/122" not in obligations_text and "A/HRC/99/901" not in obligations_text


def test_markdown_brief_has_a_separate_soft_law_section(client) -> None:
    brief = client.get("/states/DEU/obligations", params={"format": "md"}).text
    soft = brief.index("## Soft law: recommendations of reports addressed to States (not treaty obligations)")
    assert brief.index("A/79/122, para. 98 (b)") > soft
    binding = brief.find("## Binding instruments")
    assert binding == -1 or binding < soft
    assert "A/79/122" not in brief[:soft]


def test_company_page_shows_recommendations_to_business_and_the_ungps_cited(client) -> None:
    response = client.get("/companies/Fictional Company")
    assert response.status_code == 200, response.text
    items = response.json()["recommendations_to_business"]
    assert [i["cite"] for i in items] == [
        "A/HRC/99/901, para. 9 (a)", "A/HRC/99/901, para. 9 (b)", "A/HRC/99/901, para. 9 (c)", "A/HRC/99/902/Add.1, para. 3",
    ]
    assert items[0]["provisions"][0]["label"] == "UNGP principle 17"


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/provisions/OPSC/10", ["A/HRC/99/901, para. 8"]), ("/instruments/OPSC", ["A/79/122, para. 100 (b)", "A/HRC/99/901, para. 8"])],
)
def test_provision_and_instrument_pages_reach_the_recommendations(client, path: str, expected: list[str]) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert [i["cite"] for i in response.json()["recommendations"]] == expected


def test_search_finds_words_of_a_paragraph(client) -> None:
    hits = client.get("/search", params={"q": '"trusted flaggers"'}).json()["hits"]
    assert any(h["work"]["reference"] == "A/79/122" and h["quote"].startswith("(d) Ensure trusted flaggers") for h in hits)


@pytest.mark.parametrize(("state", "visit_included"), [("DEU", True), ("France", False)])
def test_a_visit_report_speaks_to_the_visited_state_only(client, state: str, visit_included: bool) -> None:
    body = client.get("/recommendations", params={"state": state}).json()
    cites = [r["cite"] for r in body["recommendations"]]
    assert ("A/HRC/99/902/Add.1, para. 2 (a)" in cites) is visit_included
    assert "A/79/122, para. 97 (a)" in cites  # a thematic report speaks to every State
    brief = client.get(f"/states/{state}/obligations").json()["recommendations"]["items"]
    assert ("A/HRC/99/902/Add.1, para. 2 (a)" in [i["cite"] for i in brief]) is visit_included


def test_an_addendum_has_its_page(client) -> None:
    response = client.get("/reports/A/HRC/99/902/Add.1")
    assert response.status_code == 200, response.text
    assert [r["id"] for r in response.json()["recommendations"]] == ["2(a)", "2(b)", "3"]
