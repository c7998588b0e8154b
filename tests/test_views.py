"""Network pages, charts, routes and ``rightsgraph viz``: offline HTML, filters, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from rightsgraph.api.cli_viz import viz
from rightsgraph.api.errors import install_error_handlers
from rightsgraph.api.views_routes import router
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.network import NetworkCache, RightsNetwork, build_network
from rightsgraph.graph.store import Store, open_store
from rightsgraph.api.network_pages import entity_view, overview_view, render_network_page
from rightsgraph.graph.views import neighbourhood, overview_network, page_url, parse_types
from rightsgraph.api.chart_pages import (
    analytics_page,
    communications_timeline_page,
    ratification_timeline_page,
)
from rightsgraph.loaders.pipeline import load_file
from test_network import CHN_LETTER, GBR, TIKTOK, seeded_store

from rightsgraph.errors import UsageError

EXTERNAL = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*['\"]?(?:https?:)?//", re.IGNORECASE)
CDN_HOSTS = ("cdnjs", "jsdelivr", "unpkg", "googleapis", "bootstrapcdn")


@pytest.fixture(scope="module")
def store(shared_dir: Path) -> Store:
    with seeded_store(shared_dir) as opened:
        yield opened


@pytest.fixture(scope="module")
def network(store: Store) -> RightsNetwork:
    return build_network(store)


@pytest.fixture(scope="module")
def client(store: Store) -> TestClient:
    app = FastAPI()
    install_error_handlers(app)
    app.include_router(router)
    app.state.store = store
    app.state.network_cache = NetworkCache()  # as create_app sets it
    return TestClient(app)


def page_data(page: str, name: str) -> list[dict]:
    """A JSON block the page hands to its script (``rg-nodes``, ``rg-edges``, ...): what
    lies between its opening tag and the first ``</script>`` must be the whole JSON."""
    match = re.search(rf'<script type="application/json" id="rg-{name}">(.*?)</script>', page, re.DOTALL)
    assert match, f"no {name} data in the page"
    return json.loads(match.group(1))


def node_data(page: str) -> list[dict]:
    """The node records the page hands to vis-network."""
    return page_data(page, "nodes")


def assert_offline(page: str) -> None:
    assert not EXTERNAL.search(page)
    assert not any(host in page for host in CDN_HOSTS)


def test_state_view_is_self_contained_and_clickable(network: RightsNetwork) -> None:
    page = entity_view(network, "https://w3id.org/rightsgraph/id/state/CHN")
    assert_offline(page)
    assert "vis.Network" in page and 'network.on("click"' in page and "window.location.href" in page
    nodes = {n["id"]: n for n in node_data(page)}
    assert CHN_LETTER in nodes and TIKTOK in nodes
    assert nodes[CHN_LETTER]["url"] == page_url(CHN_LETTER)
    assert "2021-03-30" in nodes[CHN_LETTER]["title"]
    assert nodes[CHN_LETTER]["shape"] == "diamond" and nodes[TIKTOK]["shape"] == "square"
    assert 'id="legend"' in page


def test_edge_tooltips_quote_their_source(network: RightsNetwork) -> None:
    page = entity_view(network, CHN_LETTER)
    assert "AL CHN 3/2021 — also sent to → United Kingdom" in page
    assert "characters" in page and "000_b3942fa4ac1e5b1c.txt" in page


def test_document_text_cannot_close_the_script(network: RightsNetwork) -> None:
    page = entity_view(network, CHN_LETTER)
    for name in ("nodes", "edges", "clusters", "options"):
        page_data(page, name)  # each block is whole JSON up to its own </script>
    hostile = "</script><script>alert(1)</script>"
    node = {**node_data(page)[0], "label": hostile, "name": hostile, "title": hostile}
    drawn = render_network_page({"heading": hostile, "nodes": [node], "edges": [], "clusters": [],
                                 "notes": [hostile], "big": False, "filters": None})
    assert node_data(drawn)[0]["name"] == hostile and "<script>alert(1)" not in drawn


@pytest.mark.parametrize(
    ("centre", "depth", "types", "present", "absent"),
    [
        (TIKTOK, 1, None, {CHN_LETTER, "https://w3id.org/rightsgraph/id/state/CHN"}, {GBR}),
        (TIKTOK, 2, None, {GBR}, set()),
        (TIKTOK, 2, {"state"}, {"https://w3id.org/rightsgraph/id/state/CHN"}, {CHN_LETTER, GBR}),
        (CHN_LETTER, 1, {"company"}, {TIKTOK}, {GBR}),
    ],
)
def test_depth_and_type_filters(network: RightsNetwork, centre: str, depth: int, types: set[str] | None,
                                present: set[str], absent: set[str]) -> None:
    nodes, _ = neighbourhood(network, centre, depth, types)
    assert nodes[0] == centre
    assert present <= set(nodes) and not absent & set(nodes)


def test_views_refuse_bad_parameters(network: RightsNetwork) -> None:
    with pytest.raises(UsageError):
        neighbourhood(network, TIKTOK, 4)
    with pytest.raises(UsageError):
        parse_types("state,planet")


def test_overview_has_every_node_with_server_positions(network: RightsNetwork) -> None:
    page = overview_view(network)
    assert_offline(page)
    nodes = node_data(page)
    assert len(nodes) == network.graph.number_of_nodes()
    assert all(isinstance(n["x"], float) and n["physics"] is False for n in nodes)
    assert '"physics": {"enabled": false' in page.replace("\\u003c", "<")


def test_charts_are_self_contained(network: RightsNetwork) -> None:
    import datetime as dt

    timeline = communications_timeline_page(network, dt.date(2022, 1, 1))
    assert "<svg" in timeline and "overdue" in timeline and "<script" not in timeline
    crc = ratification_timeline_page(network, "https://w3id.org/rightsgraph/id/instrument/CRC")
    assert "<svg" in crc and "1992-03-02" in crc and "China" in crc
    summary = analytics_page(network)
    assert "CRC article 34" in summary and "TikTok" in summary
    for page in (timeline, crc, summary):
        assert_offline(page)


# --- routes ------------------------------------------------------------------------------------


def test_state_graph_route(client: TestClient) -> None:
    answer = client.get("/states/CHN/graph")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert_offline(answer.text)
    assert CHN_LETTER in answer.text


def test_unknown_state_is_a_json_404(client: TestClient) -> None:
    answer = client.get("/states/Chna/graph")
    assert answer.status_code == 404
    body = answer.json()["error"]
    assert body["code"] == "state_not_found"
    assert {"iso3": "CHN", "name": "China"} in body["details"]["close_matches"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/graph/view?iri=AL%20CHN%203/2021&depth=2&types=state,company", 200),
        (f"/graph/view?iri={page_url(CHN_LETTER).split('=', 1)[1]}", 200),
        ("/graph/view?iri=AL%20CHN%203/2021&depth=4", 400),
        ("/graph/view?iri=AL%20CHN%203/2021&types=planet", 400),
        ("/graph/view?iri=nothing%20of%20the%20kind%2099", 404),
        ("/graph/overview?types=state&types=instrument", 200),
        ("/analytics", 200),
        ("/timeline/communications?as_of=2022-01-01", 200),
        ("/timeline/communications?as_of=soon", 400),
        ("/timeline/ratifications/OPSC", 200),
        ("/timeline/ratifications/NOPE", 404),
    ],
)
def test_route_statuses(client: TestClient, url: str, status: int) -> None:
    answer = client.get(url)
    assert answer.status_code == status, answer.text[:300]
    if status >= 400:
        assert answer.json()["error"]["status"] == status


def test_analytics_json_routes(client: TestClient) -> None:
    path = client.get("/analytics/path", params={"source": "TikTok", "target": "GBR"}).json()
    assert path["nodes"] == [TIKTOK, CHN_LETTER, GBR]
    assert all(hop["quote"] and hop["source"] for hop in path["hops"])
    provisions = client.get("/analytics/provisions", params={"by": "state"}).json()
    assert "CRC article 34" in {row["provision"] for row in provisions["China"]}
    companies = {row["company"]: row for row in client.get("/analytics/companies").json()}
    assert companies["TikTok"]["based_in"] == ["China"]
    # 2021: AL USA 2/2021, AL CHN 3/2021, and (issue 15) AL GBR 3/2021 dated by its reply and
    # AL OTH 21/2021 dated by the follow-up AL OTH 11/2023.
    assert client.get("/analytics/communications").json()["per_year"] == {"2021": 4, "2023": 1}
    assert client.get("/analytics/summary").status_code == 200


def test_network_cache_lives_on_the_app(client: TestClient) -> None:
    client.get("/analytics/communities")
    cache = client.app.state.network_cache
    builds = cache.builds
    client.get("/analytics/centrality")
    assert cache.builds == builds


# --- rightsgraph viz -----------------------------------------------------------------------------


def test_viz_writes_an_offline_page(shared_dir: Path, tmp_path: Path) -> None:
    location = tmp_path / "store"
    with open_store(location) as opened:
        ensure_reference_data(opened)
        ingest_facts(opened, load_file(sorted((shared_dir / "corpus" / "seeds").glob("*.txt"))[0]))
    output = viz("AL CHN 3/2021", tmp_path / "out" / "chn.html", str(location), 1)
    page = output.read_text("utf-8")
    assert_offline(page)
    nodes = {n["id"]: n for n in node_data(page)}
    assert TIKTOK in nodes and "url" not in nodes[TIKTOK]


# --- a readable overview and parallel edges ------------------------------------------------------


def test_overview_opens_aggregated_by_kind_and_state(network: RightsNetwork) -> None:
    page = overview_view(network)
    nodes = node_data(page)
    clusters = {c["key"]: c for c in page_data(page, "clusters")}
    standing = [n for n in nodes if "cluster" not in n]
    assert clusters and len(standing) < len(nodes) / 2
    # the most connected entities stand alone, labelled
    degree = dict(network.graph.degree())
    top = max(degree, key=degree.get)
    assert any(n["id"] == top and n["label"] for n in standing)
    # each group holds nodes of one kind, anchored on one State (or instrument)
    for node in nodes:
        if "cluster" in node:
            kind, _, anchor = node["cluster"].partition("|")
            assert node["group"] == kind and node["cluster"] in clusters
    letters_to_states = [c for c in clusters.values() if c["key"].startswith("communication|")]
    assert all(" letters to " in c["label"] for c in letters_to_states)
    assert "Find" in page and 'id="focus"' in page  # search-to-focus


def test_overview_filters_by_type(network: RightsNetwork) -> None:
    data = overview_network(network, {"state", "instrument"})
    assert {n["group"] for n in data["nodes"]} <= {"state", "instrument"}
    assert dict(data["filters"]["types"]) == {t: t in {"state", "instrument"} for t, _ in data["filters"]["types"]}


def test_parallel_edges_are_drawn_apart(network: RightsNetwork) -> None:
    page = entity_view(network, "https://w3id.org/rightsgraph/id/state/CHN")
    by_pair: dict[frozenset, list[dict]] = {}
    for edge in page_data(page, "edges"):
        by_pair.setdefault(frozenset((edge["from"], edge["to"])), []).append(edge)
    parallel = [edges for edges in by_pair.values() if len(edges) > 1]
    assert parallel, "China's signature and ratification edges to a treaty are parallel"
    for edges in parallel:
        shapes = [(e.get("smooth") or {}).get("roundness", 0) for e in edges]
        assert len(set(shapes)) == len(shapes)  # no two drawn on the same line
        assert len({e["label"] for e in edges}) == len(edges)
    assert page_data(page, "options")["edges"]["font"]["strokeWidth"] > 0  # labels legible over lines
