"""The network projection and its analytics, checked against what the seed documents say."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rightsgraph.graph import analytics
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.network import (
    EDGE_TYPES,
    NODE_TYPES,
    NetworkCache,
    RightsNetwork,
    build_network,
)
from rightsgraph.graph.rdf_terms import (
    communication_iri,
    company_iri,
    provision_iri,
    state_iri,
)
from rightsgraph.graph.store import Store, open_store
from rightsgraph.loaders.pipeline import load_file

from rightsgraph.errors import NotFoundError

CHN_LETTER = str(communication_iri("AL CHN 3/2021"))
TIKTOK = str(company_iri("TikTok"))
GBR, CHN, USA = (str(state_iri(code)) for code in ("GBR", "CHN", "USA"))
CRC_34 = str(provision_iri("CRC", 34))


def seeded_store(shared: Path) -> Store:
    """Reference data, the five seeds and the CRC and OPSC status tables."""
    store = open_store(":memory:")
    ensure_reference_data(store)
    untc = shared / "reference" / "untc"
    for path in [*sorted((shared / "corpus" / "seeds").glob("*.txt")), untc / "treaties_4-11.csv",
                 untc / "treaties_4-11-c.csv"]:
        ingest_facts(store, load_file(path))
    return store


@pytest.fixture(scope="module")
def store(shared_dir: Path) -> Store:
    with seeded_store(shared_dir) as opened:
        yield opened


@pytest.fixture(scope="module")
def network(store: Store) -> RightsNetwork:
    return build_network(store)


def test_nodes_and_edges_are_typed(network: RightsNetwork) -> None:
    counts = network.counts()
    assert set(counts["nodes"]) <= set(NODE_TYPES) and set(counts["edges"]) <= set(EDGE_TYPES)
    # Five letters: three sent, and AL GBR 3/2021 and AL OTH 21/2021 known from mentions.
    assert counts["nodes"]["communication"] == 5
    assert counts["nodes"]["reply"] == 1 and counts["nodes"]["report"] == 1
    assert counts["nodes"]["state"] >= 193
    for data in network.graph.nodes.values():
        assert 0.0 <= data["importance"] <= 1.0 and data["label"]


@pytest.mark.parametrize(
    ("subject", "edge_type", "obj", "date"),
    [
        (TIKTOK, "based_in", CHN, None),
        (str(company_iri("Instagram")), "owned_by", str(company_iri("Facebook")), None),
        (CHN_LETTER, "also_sent_to", GBR, "2021-03-30"),
        (CHN_LETTER, "addressed_to", CHN, "2021-03-30"),
        (CHN_LETTER, "concerns", TIKTOK, "2021-03-30"),
        (CHN_LETTER, "cites", CRC_34, "2021-03-30"),
        (CHN_LETTER, "sent_on_behalf_of", "https://w3id.org/rightsgraph/id/mandate/sale-of-children", "2021-03-30"),
        (CHN, "ratified", "https://w3id.org/rightsgraph/id/instrument/CRC", "1992-03-02"),
        (CRC_34, "part_of", "https://w3id.org/rightsgraph/id/instrument/CRC", None),
    ],
)
def test_seed_facts_are_edges(network: RightsNetwork, subject: str, edge_type: str, obj: str, date: str | None) -> None:
    data = network.graph.get_edge_data(subject, obj, edge_type)
    assert data is not None, f"{subject} {edge_type} {obj}"
    assert data["date"] == date


def test_reply_points_to_its_letter_and_sender(network: RightsNetwork) -> None:
    [reply] = network.nodes_of_type("reply")
    targets = {(v, k) for _, v, k in network.graph.out_edges(reply, keys=True)}
    assert (str(communication_iri("AL GBR 3/2021")), "replies_to") in targets
    assert (GBR, "sent_by") in targets
    assert network.graph.nodes[reply]["date"] == "2021-06-17"


def test_edge_quotes_are_the_source_text(network: RightsNetwork, shared_dir: Path) -> None:
    texts = {p.name: p.read_text("utf-8") for p in (shared_dir / "corpus" / "seeds").glob("*.txt")}
    checked = 0
    for _, _, data in network.graph.edges(data=True):
        source = data["source"]
        if source and source["document"] in texts:
            assert texts[source["document"]][source["start"]:source["end"]] == data["quote"]
            checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("text", "expected"),
    [("AL CHN 3/2021", CHN_LETTER), ("United Kingdom", GBR), ("gbr", GBR), ("TikTok", TIKTOK),
     ("CRC", "https://w3id.org/rightsgraph/id/instrument/CRC"), (CRC_34, CRC_34)],
)
def test_resolve_names(network: RightsNetwork, text: str, expected: str) -> None:
    assert network.resolve(text) == expected


def test_resolve_unknown_is_not_found(network: RightsNetwork) -> None:
    with pytest.raises(NotFoundError):
        network.resolve("No Such Platform Whatsoever 42")


def test_cache_rebuilds_only_when_the_store_changes(shared_dir: Path) -> None:
    with open_store(":memory:") as small:
        ensure_reference_data(small)
        cache = NetworkCache()
        first = cache.get(small)
        assert cache.get(small) is first and cache.builds == 1
        ingest_facts(small, load_file(sorted((shared_dir / "corpus" / "seeds").glob("*.txt"))[3]))
        second = cache.get(small)
        assert second is not first and cache.builds == 2
        assert str(communication_iri("AL USA 2/2021")) in second


# --- analytics --------------------------------------------------------------------------------


def test_crc_34_is_among_the_most_cited(network: RightsNetwork) -> None:
    top = analytics.most_cited_provisions(network, 5)
    crc = next(row for row in top if row["iri"] == CRC_34)
    assert crc["cited_in"] == ["A/79/122", "AL CHN 3/2021"]
    assert top[0]["works"] == 2


def test_cited_provisions_per_state_and_year(network: RightsNetwork) -> None:
    by_state = analytics.most_cited_provisions_by_state(network, 100)
    assert CRC_34 in {row["iri"] for row in by_state["China"]}
    assert "ICCPR article 24" in {row["provision"] for row in by_state["United States"]}
    by_year = analytics.most_cited_provisions_by_year(network, 100)
    assert set(by_year) == {"2021", "2023", "2024"}
    assert CRC_34 in {row["iri"] for row in by_year["2024"]}


def test_communications_per_state_mandate_year(network: RightsNetwork) -> None:
    per_state = {row["state"]: row for row in analytics.communications_per_state(network)}
    assert per_state["China"]["communications"] == ["AL CHN 3/2021"]
    assert per_state["United Kingdom"]["copies"] == ["AL CHN 3/2021", "AL USA 2/2021"]
    per_mandate = {row["iri"]: row["communications"] for row in analytics.communications_per_mandate(network)}
    assert per_mandate["https://w3id.org/rightsgraph/id/mandate/sale-of-children"] == 3
    # Issue 15: AL GBR 3/2021 (dated by its reply) and AL OTH 21/2021 (dated by its follow-up)
    # are letters of 2021 too.
    assert analytics.communications_per_year(network) == {"2021": 4, "2023": 1}


def test_company_state_network(network: RightsNetwork) -> None:
    rows = {row["company"]: row for row in analytics.company_state_network(network)}
    assert rows["TikTok"]["based_in"] == ["China"]
    assert rows["Instagram"]["owned_by"] == ["Facebook"]
    assert {"AL CHN 3/2021", "AL OTH 11/2023"} <= set(rows["TikTok"]["works"])
    assert "United Kingdom" in rows["TikTok"]["states_written_to"]


def test_tiktok_to_united_kingdom_goes_through_the_letter_of_30_march_2021(network: RightsNetwork) -> None:
    path = analytics.explained_path(network, TIKTOK, GBR)
    assert path.nodes == [TIKTOK, CHN_LETTER, GBR]
    assert [hop.type for hop in path.hops] == ["concerns", "also_sent_to"]
    assert all(hop.date == "2021-03-30" and hop.quote and hop.source for hop in path.hops)
    assert path.hops[0].source["reference"] == "AL CHN 3/2021"
    as_json = path.to_json()
    assert as_json["explanation"][1] == "AL CHN 3/2021 also sent to United Kingdom (2021-03-30)"


def test_path_between_unconnected_entities_is_not_found(network: RightsNetwork) -> None:
    isolated = next(n for n in network.nodes_of_type("mandate") if network.graph.degree(n) == 0)
    with pytest.raises(NotFoundError):
        analytics.explained_path(network, TIKTOK, isolated)


@pytest.mark.parametrize(("today", "overdue"), [(dt.date(2021, 4, 1), False), (dt.date(2021, 6, 1), True)])
def test_overdue_reply(network: RightsNetwork, today: dt.date, overdue: bool) -> None:
    rows = {row["reference"]: row for row in analytics.communication_timeline(network, today)}
    assert rows["AL CHN 3/2021"]["deadline"] == "2021-05-29"
    assert rows["AL CHN 3/2021"]["overdue"] is overdue
    assert rows["AL GBR 3/2021"]["overdue"] is False
    assert [r["date"] for r in rows["AL GBR 3/2021"]["replies"]] == ["2021-06-17"]


def test_ratification_timeline(network: RightsNetwork) -> None:
    rows = analytics.ratification_timeline(network, "https://w3id.org/rightsgraph/id/instrument/CRC")
    assert {"state": "China", "action": "ratified", "date": "1992-03-02"}.items() <= next(
        r for r in rows if r["iri"] == CHN and r["action"] == "ratified").items()
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_structure_analytics(network: RightsNetwork) -> None:
    central = analytics.centrality(network, 5)
    assert CHN_LETTER in {row["iri"] for row in central}
    groups = analytics.communities(network)
    assert groups and sum(len(g["works"]) for g in groups) >= 5
