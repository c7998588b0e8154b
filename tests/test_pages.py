"""Entity pages and passage search over the seeds, the UNTC tables and the treaty texts:
what a reader of a letter's, a provision's or a search page relies on, in JSON and HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from error_shape import assert_error
from rightsgraph.api.app import create_app
from rightsgraph.api.settings import Settings
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.search import PassageIndex, SearchCache, read_passages
from rightsgraph.graph.store import Store, open_store
from rightsgraph.loaders.pipeline import load_file
from rightsgraph.loaders.reference.wikidata import INSTRUMENT_QIDS, UNVERIFIED_INSTRUMENTS, WIKIDATA_ENTITY

CHN = "/communications/AL CHN 3/2021"


@pytest.fixture(scope="module")
def store(backend: Store, shared_dir: Path, seed_paths: list[Path]) -> Store:
    reference = shared_dir / "reference"
    paths = [*seed_paths, *sorted((reference / "untc").iterdir()), *sorted((reference / "treaty-texts").iterdir())]
    ensure_reference_data(backend)
    for path in paths:
        ingest_facts(backend, load_file(path))
    return backend


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store, Settings()), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def chn(client) -> dict:
    response = client.get(CHN)
    assert response.status_code == 200, response.text
    return response.json()


def seed_text(seed_paths: list[Path], file_name: str) -> str:
    path = next(p for p in seed_paths if p.name == file_name)
    return load_file(path).text




# --- the letter's page ---------------------------------------------------------------------------


def test_letter_cites_crc_34_with_the_letters_own_words(chn, seed_paths):
    crc = next(group for group in chn["citations"] if group["instrument"] == "CRC")
    article = next(p for p in crc["provisions"] if p["number"] == "34")
    assert article["label"] == "CRC art. 34"
    assert article["links"]["page"] == "/provisions/CRC/34"
    text = seed_text(seed_paths, article["citations"][0]["document"])
    for citation in article["citations"]:
        assert citation["quote"] == text[citation["start"]:citation["end"]]
        assert "34" in citation["quote"]


def test_letter_header_deadline_and_reported_reply(chn):
    """Issue 15: no reply document of China is stored, but AL OTH 11/2023 reports that China
    replied on the matter of this joint action, so the letter counts as replied (changed from
    ``replied: False``), with that letter as the source and no invented reply date."""
    assert (chn["reference"], chn["type"], chn["date"]) == ("AL CHN 3/2021", "AL", "2021-03-30")
    assert [s["iso3"] for s in chn["addressee"]["states"]] == ["CHN"]
    assert chn["addressee"]["states"][0]["links"]["obligations"] == "/states/CHN"
    response = chn["response"]
    assert (response["deadline_days"], response["deadline"], response["replied"], response["replies"]) == (
        60, "2021-05-29", True, [])
    assert [(r["reported_in"], r["replier"]["iso3"], r["date"]) for r in response["reported_replies"]] == [
        ("AL OTH 11/2023", "CHN", None)]


def test_letter_mandates_signatories_and_companies(chn):
    assert {m["mandate"] for m in chn["mandates"]} == {
        "sale-of-children", "business-and-human-rights", "education", "slavery", "trafficking",
        "violence-against-women", "discrimination-against-women"}
    assert chn["mandates_from"] == "letter"
    assert {s["name"]: s["mandate"] for s in chn["signatories"]}["Mama Fatima Singhateh"] == "sale-of-children"
    companies = {c["name"]: c for c in chn["companies"]}
    assert {"TikTok", "Omegle"} <= set(companies)
    assert companies["TikTok"]["home_state"]["iso3"] == "CHN"
    assert companies["TikTok"]["links"]["page"] == "/companies/TikTok"


def test_letter_sources_ratifications_and_joint_action(chn):
    assert [d["sha256"] for d in chn["documents"]] == [
        "87ebfce4dd6934c63728f2c38ff0ecbf6d2ca5c47e4a3ead2ccf8add2c421311"]
    stated = {(a["instrument"], a["kind"], a["date"]) for a in chn["treaty_actions"]}
    assert ("CRC", "ratification", "1992-03-02") in stated
    assert {s["iso3"] for s in chn["also_sent_to"]} == {"GBR", "IND", "MEX", "USA"}
    # Issue 15 item 6: the letter to Omegle of the same date (known from AL OTH 11/2023's
    # "joint communication of 30 March 2021") belongs to the same joint action.
    assert [s["reference"] for s in chn["joint_action"]] == ["AL GBR 3/2021", "AL OTH 21/2021"]
    assert chn["links"]["network"].startswith("/graph/view?iri=https%3A%2F%2Fw3id.org%2Frightsgraph%2Fid%2Fcommunication%2FAL-CHN-3-2021")


def test_uk_letter_shows_the_reply_of_17_june_2021(client):
    page = client.get("/communications/AL GBR 3/2021").json()
    assert page["response"]["replied"] is True
    [reply] = page["response"]["replies"]
    assert reply["date"] == "2021-06-17"
    assert reply["sender"]["iso3"] == "GBR"
    assert reply["documents"][0]["file"].startswith("002_")
    assert page["mandates_from"] == "reply" and len(page["mandates"]) == 7
    # Issue 15: AL OTH 21/2021 (to Omegle, same date) is a letter of the same joint action.
    assert [s["reference"] for s in page["joint_action"]] == ["AL CHN 3/2021", "AL OTH 21/2021"]


def test_letter_html_links_to_provisions_companies_states_and_network(client):
    for kwargs in ({"params": {"format": "html"}}, {"headers": {"Accept": "text/html"}}):
        response = client.get(CHN, **kwargs)
        assert response.headers["content-type"].startswith("text/html")
        page = response.text
        for link in ('href="/provisions/CRC/34"', 'href="/companies/TikTok"', 'href="/states/CHN"',
                     'href="/graph/view?iri=', 'href="/mandates/sale-of-children"', 'href="/communications/AL%20GBR%203/2021"'):
            assert link in page
        assert "<script" not in page and "http://" not in page.replace("http://www.w3", "")


# --- provisions, instruments, companies, mandates ----------------------------------------------


def test_crc_34_text_states_bound_and_citing_letter(client):
    page = client.get("/provisions/CRC/34").json()
    assert "sexual exploitation" in page["texts"][0]["text"]
    assert page["texts"][0]["source"]["document"] == "crc_articles.txt"
    # Issue 18: the page embeds the first 20 States bound; China is reached on the list's route.
    assert len(page["states_bound"]) == 20 < page["states_bound_total"]
    china = client.get("/provisions/CRC/34/states_bound", params={"party": "CHN"}).json()["items"][0]
    assert china["since"] == "1992-03-02"
    citing = next(w for w in page["cited_by"] if w["work"] == "AL CHN 3/2021")
    assert citing["links"]["page"] == "/communications/AL%20CHN%203/2021"
    assert any("34" in p["quote"] for p in citing["passages"])


def test_instrument_parties_from_every_source_and_most_cited(client):
    page = client.get("/instruments/OPSC").json()
    assert page["title"].startswith("Optional Protocol")
    # Issue 18: the first 20 participants are embedded; China is reached on the list's route,
    # with every source of its events (sources=100).
    china = client.get("/instruments/OPSC/parties", params={"party": "CHN", "sources": 100}).json()["items"][0]
    assert china["status"] == "party"
    documents = {s["document"] for e in china["events"] for s in e["sources"]}
    assert {"AL CHN 3/2021", "treaties_4-11-c.csv"} <= documents
    assert "OPSC art. 2" in {c["label"] for c in page["most_cited_provisions"]}


@pytest.mark.parametrize("instrument", [*INSTRUMENT_QIDS, UNVERIFIED_INSTRUMENTS[0]])
def test_instrument_page_shows_its_wikidata_item_only_when_verified(client, instrument):
    expected = [WIKIDATA_ENTITY + INSTRUMENT_QIDS[instrument]] if instrument in INSTRUMENT_QIDS else []
    assert client.get(f"/instruments/{instrument}").json()["same_as"] == expected
    html = client.get(f"/instruments/{instrument}", headers={"Accept": "text/html"}).text
    if expected:
        assert f'<a href="{expected[0]}">' in html
    else:
        assert "no Wikidata item verified" in html


def test_company_by_another_form_of_its_name(client):
    page = client.get("/companies/Omegle.com LLC").json()
    assert page["company"] == "Omegle"
    assert [s["iso3"] for s in page["home_states"]] == ["USA"]
    assert {"AL CHN 3/2021", "AL OTH 11/2023"} <= {w["work"] for w in page["mentioned_in"]}
    # Issue 15: AL OTH 11/2023 says the joint communication of 30 March 2021 (AL OTH 21/2021)
    # was addressed to the company.
    assert [a["reference"] for a in page["addressed_by"]] == ["AL OTH 21/2021", "AL OTH 11/2023"]


def test_mandate_holders_and_letters(client):
    page = client.get("/mandates/sale-of-children").json()
    holder = next(h for h in page["holders"] if h["name"] == "Mama Fatima Singhateh")
    assert "AL CHN 3/2021" in holder["signed"]
    assert "AL CHN 3/2021" in {c["reference"] for c in page["communications"]}
    assert page["replies"] and page["replies"][0]["date"] == "2021-06-17"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/provisions/CRC/34", "States Parties undertake to protect the child"),
        ("/instruments/CRC", "Convention on the Rights of the Child"),
        ("/companies/TikTok", "/communications/AL%20CHN%203/2021"),
        ("/mandates/trafficking", "Siobhán Mullally"),
        ("/search?q=Omegle", "/communications/AL%20CHN%203/2021"),
    ],
)
def test_html_pages(client, url, expected):
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert expected in response.text and "<script" not in response.text


# --- search ------------------------------------------------------------------------------------


def test_search_finds_the_letters_passages(client, seed_paths):
    body = client.get("/search", params={"q": '"live video"', "limit": 10}).json()
    hits = [h for h in body["hits"] if (h["work"] or {}).get("reference") == "AL CHN 3/2021"]
    assert hits and body["count"] == len(body["hits"])
    text = seed_text(seed_paths, hits[0]["document"])
    for hit in hits:
        assert hit["quote"] == text[hit["start"]:hit["end"]]
        assert "live video" in hit["quote"].casefold()


def test_search_limit(client):
    assert client.get("/search", params={"q": "children", "limit": 3}).json()["count"] == 3


def test_word_index_fallback_finds_the_same_passages(store):
    passages = read_passages(store)
    fts5 = {(h["document"], h["start"]) for h in PassageIndex(passages, use_fts5=True).search("live video", 50)}
    words = {(h["document"], h["start"]) for h in PassageIndex(passages, use_fts5=False).search("live video", 50)}
    assert fts5 == words and fts5


def test_search_index_is_rebuilt_only_when_the_store_changes(store, shared_dir):
    cache = SearchCache()
    first = cache.get(store)
    assert cache.get(store) is first and cache.builds == 1
    with open_store(":memory:") as other:
        ensure_reference_data(other)
        assert cache.get(other) is not first and cache.builds == 2


# --- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/search?q=live AND&operators=true", 400, "usage_error"),
        ("/search?q=NEAR(live video, abc)&operators=true", 400, "usage_error"),
        ('/search?q="unterminated&operators=true', 400, "usage_error"),
        ("/search?q=", 400, "invalid_request"),
        ("/search?q=video&limit=0", 400, "invalid_request"),
        (CHN + "?format=pdf", 400, "usage_error"),
        ("/communications/AL XYZ 99/2099", 404, "not_found"),
        ("/communications/AL CHN 3/2021/extra", 404, "not_found"),
        ("/provisions/CRC/999", 404, "not_found"),
        ("/provisions/NOPE/1", 404, "instrument_not_found"),
        ("/instruments/NOPE", 404, "instrument_not_found"),
        ("/companies/No Such Company Ltd", 404, "not_found"),
        ("/mandates/no-such-mandate", 404, "not_found"),
    ],
)
def test_errors_have_the_one_json_shape(client, url, status, code):
    assert_error(client.get(url, headers={"Accept": "text/html"}), status, code)


def test_unknown_reference_names_it(client):
    error = assert_error(client.get("/communications/AL XYZ 99/2099"), 404, "not_found")
    assert error["details"] == {"reference": "AL XYZ 99/2099"}
