"""HTTP: documents upload and the obligations view, every error in the one JSON shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from error_shape import assert_error
from rightsgraph.api.app import create_app
from rightsgraph.api.settings import Settings
from rightsgraph.graph.store import Store, open_store

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}




@pytest.fixture(scope="module")
def client(backend: Store, seed_paths: list[Path]):
    app = create_app(backend, Settings(write_token=TOKEN))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        for path in seed_paths:
            response = test_client.post("/documents", files={"file": (path.name, path.read_bytes())}, headers=AUTH)
            assert response.status_code == 200, response.text
        yield test_client


def test_obligations_of_china(client):
    body = client.get("/states/CHN/obligations").json()
    crc = next(o for o in body["obligations"] if o["instrument"] == "CRC")
    assert (crc["status"], crc["entry_into_force"]) == ("party", "1992-04-01")
    assert body["state"] == {"iso3": "CHN", "name": "China"}


def test_as_of_excludes_later_accession(client):
    body = client.get("/states/China/obligations", params={"as_of": "2009-12-31"}).json()
    assert "TRAFFICKING-PROTOCOL" not in {o["instrument"] for o in body["obligations"] if o["status"] == "party"}


def test_markdown_brief(client):
    response = client.get("/states/CN/obligations", params={"format": "md"})
    assert response.headers["content-type"].startswith("text/markdown")
    assert response.text.startswith("# Treaty obligations of China")


def test_reupload_is_unchanged(client, seed_paths):
    path = seed_paths[0]
    response = client.post("/documents", params={"filename": path.name}, content=path.read_bytes(), headers=AUTH)
    assert response.json()["outcome"] == "unchanged"


def test_health_counts_the_graphs_and_lists_them_again_only_after_a_write(seed_paths):
    """Regression: /health listed every graph per call (~7 s at 80k graphs) and the 50k
    benchmark's server never answered it in time."""
    with open_store(":memory:") as store, TestClient(create_app(store, Settings(write_token=TOKEN))) as fresh:
        before = fresh.get("/health").json()
        assert before == {"status": "ok", "graphs": len(store.graphs()), "stale_graphs": 0}
        listings = fresh.app.state.graph_count_cache.builds
        assert fresh.get("/health").json() == before
        assert fresh.app.state.graph_count_cache.builds == listings
        path = seed_paths[0]
        response = fresh.post("/documents", files={"file": (path.name, path.read_bytes())}, headers=AUTH)
        assert response.json()["outcome"] == "added"
        assert fresh.get("/health").json()["graphs"] == before["graphs"] + 1


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status", "code"),
    [
        ("get", "/states/Chna/obligations", {}, 404, "state_not_found"),
        ("get", "/states/CHN/obligations", {"params": {"as_of": "2009-13-01"}}, 400, "usage_error"),
        ("get", "/no/such/route", {}, 404, "not_found"),
        ("post", "/documents", {"files": {"file": ("a.txt", b"x")}}, 401, "unauthorized"),
        ("post", "/documents", {"files": {"file": ("a.txt", b"x")}, "headers": {"Authorization": "Bearer no"}}, 403, "forbidden"),
        ("post", "/documents", {"files": {"file": ("empty.txt", b"")}, "headers": AUTH}, 422, "document_empty"),
        ("post", "/documents", {"files": {"file": ("nul.txt", b"a\0b")}, "headers": AUTH}, 422, "document_unreadable"),
        ("post", "/documents", {"files": {"file": ("x.pdf", b"\x01\x02garbage")}, "headers": AUTH}, 422, "document_unreadable"),
    ],
)
def test_errors_have_one_shape(client, method, url, kwargs, status, code):
    assert_error(getattr(client, method)(url, **kwargs), status, code)


def test_unknown_state_lists_close_matches(client):
    error = assert_error(client.get("/states/Chna/obligations"), 404, "state_not_found")
    assert {"iso3": "CHN", "name": "China"} in error["details"]["close_matches"]


def test_body_over_the_limit_is_413():
    store = open_store(":memory:")
    app = create_app(store, Settings(write_token=TOKEN, max_body=100))
    with TestClient(app) as small:
        assert_error(small.post("/documents", params={"filename": "a.txt"}, content=b"x" * 200, headers=AUTH),
                     413, "request_too_large")


def test_openapi_documents_examples(client):
    schema = client.get("/openapi.json").json()
    assert {"/sparql", "/states/{state_id}/obligations", "/documents", "/health"} <= set(schema["paths"])
    responses = schema["paths"]["/states/{state_id}/obligations"]["get"]["responses"]
    assert responses["200"]["content"]["application/json"]["example"]["state"]["iso3"] == "CHN"
    assert responses["404"]["content"]["application/json"]["example"]["error"]["code"] == "state_not_found"
