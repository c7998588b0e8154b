"""Search as a lawyer uses it: every word of every seed found in its document, word forms
related by stemming (English, French, Spanish), phrases, filters, highlighted snippets, and
user text that never errs (symbols, stray quotes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rightsgraph.api.app import create_app
from rightsgraph.api.settings import Settings
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.search import Filters, PassageIndex, read_passages
from rightsgraph.graph.search_text import stem_token
from rightsgraph.graph.store import Store, open_store
from rightsgraph.loaders.pipeline import load_file


@pytest.fixture(scope="module")
def store(shared_dir: Path, seed_paths: list[Path]) -> Store:
    with open_store(":memory:") as opened:
        ensure_reference_data(opened)
        for path in [*seed_paths, *sorted((shared_dir / "corpus" / "real").glob("*.txt"))]:
            ingest_facts(opened, load_file(path))
        yield opened


@pytest.fixture(scope="module")
def passages(store: Store):
    return read_passages(store)


@pytest.fixture(scope="module")
def client(store: Store):
    with TestClient(create_app(store, Settings()), raise_server_exceptions=False) as test_client:
        yield test_client


def _search(client: TestClient, **params) -> dict:
    response = client.get("/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_every_word_of_every_seed_finds_its_document(seed_paths, passages):
    for path in seed_paths:
        index = PassageIndex([p for p in passages if p.document == path.name])
        words = set(re.findall(r"\w+", load_file(path).text))
        missing = [word for word in sorted(words) if not index.search(word, 1)]
        assert not missing, f"{path.name}: {len(missing)} of {len(words)} words not found, e.g. {missing[:10]}"
        index.close()


def test_age_verification_is_found_in_both_seeds_that_say_it(client):
    hits = _search(client, q="age verification", limit=50)["hits"]
    assert {"000_b3942fa4ac1e5b1c.txt", "004_79e438d2674d96cf.txt"} <= {h["document"] for h in hits}


@pytest.mark.parametrize("query", ["A/79/122", '"unterminated phrase', 'say "', "AND", "NOT children",
                                   "NEAR(a b", "child*", "col:umn", "(", "a) OR (b"])
def test_user_text_is_text_and_never_errs(client, query):
    _search(client, q=query)


def test_a_symbol_is_found_as_the_sequence_of_its_parts(client, passages):
    symbol = next(p for p in passages if "A/HRC/28/56" in p.quote)
    hits = _search(client, q="A/HRC/28/56", limit=200)["hits"]
    assert (symbol.document, symbol.start) in {(h["document"], h["start"]) for h in hits}
    assert all(re.search(r"A\s*/\s*HRC\s*/\s*28\s*/\s*56", h["quote"], re.IGNORECASE) for h in hits)


def test_a_phrase_needs_its_words_in_order(client):
    phrase = _search(client, q='"live video"', limit=200)["hits"]
    words = _search(client, q="live video", limit=200)["hits"]
    assert phrase and all("live video" in h["quote"].casefold() for h in phrase)
    assert len(words) > len(phrase)


@pytest.mark.parametrize(
    ("query", "found", "language"),
    [
        ("verifications", "verification", "en"),
        ("platform", "platforms", "en"),
        ("exploited", "exploitation", "en"),
        ("droit", "droits", "fr"),
        ("réunions", "réunion", "fr"),
        ("niñez", "Niñez", "es"),
    ],
)
def test_word_forms_are_related_by_stemming(client, query, found, language):
    assert stem_token(query, language) == stem_token(found, language)
    hits = _search(client, q=query, limit=200)["hits"]
    assert any(re.search(rf"\b{found}\b", h["quote"]) for h in hits)


def test_snippets_mark_the_matching_words(client):
    hits = _search(client, q="age verification", limit=5)["hits"]
    for hit in hits:
        marked = {part["text"].casefold() for part in hit["snippet"] if part["mark"]}
        assert marked and marked <= {"age", "ages", "aged", "verification", "verifications", "verify", "verified"}
        assert "".join(p["text"] for p in hit["snippet"]).strip("…") in hit["quote"]


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"kind": "reply"}, lambda h: h["work"]["kind"] == "reply"),
        ({"kind": "communication", "state": "China"}, lambda h: h["work"]["reference"].startswith("AL CHN")),
        ({"year": 2021, "kind": "communication"}, lambda h: h["work"]["reference"].endswith("/2021")),
        ({"mandate": "sale-of-children", "kind": "communication"}, lambda h: h["work"]["kind"] == "communication"),
    ],
)
def test_filters(client, params, check):
    body = _search(client, q="children", limit=50, **params)
    assert body["hits"] and all(check(h) for h in body["hits"])
    assert body["filters"]["kind"] == params["kind"]


def test_a_filter_that_matches_nothing_finds_nothing(passages):
    index = PassageIndex(passages)
    assert index.search("children", 10, Filters(year=1901)) == []
    index.close()


def test_operators_on_request(client):
    body = _search(client, q="Omegle OR TikTok", operators="true", limit=50)
    assert body["hits"] and all(re.search("omegle|tiktok", h["quote"], re.IGNORECASE) for h in body["hits"])
    assert client.get("/search", params={"q": "live AND", "operators": "true"}).status_code == 400


def test_search_page_marks_hits_in_html(client):
    page = client.get("/search", params={"q": "age verification", "format": "html"}).text
    assert "<mark>verification</mark>" in page.casefold() and "<script" not in page
