"""Versioned derivations (issue 20, item 1): a graph records the pipeline that derived it; a
changed rule makes it stale; ``rightsgraph upgrade`` derives it again from its stored text
(or from the file, for graphs that keep none)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import MappingProxyType

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from rightsgraph.api.app import create_app
from rightsgraph.api.cli import app as cli
from rightsgraph.api.settings import Settings
from rightsgraph.graph import derivation
from rightsgraph.graph.derivation import pipeline_version, stale_graphs
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.rdf_terms import RG, document_graph_iri
from rightsgraph.graph.store import Store, open_store
from rightsgraph.graph.upgrade import upgrade_store
from rightsgraph.loaders.pipeline import load_file
from rightsgraph.loaders.reference import instruments

CHINA_LETTER = "000_b3942fa4ac1e5b1c.txt"  # AL CHN 3/2021: "ratified by China on 2 March 1992"
STORED_EIF = f"""
SELECT ?date WHERE {{
  ?action <{RG.state}> <https://w3id.org/rightsgraph/id/state/CHN> ;
          <{RG.instrument}> <https://w3id.org/rightsgraph/id/instrument/CRC> ;
          <{RG.entryIntoForce}> ?eif .
  ?eif <http://purl.org/dc/terms/date> ?date }}"""


@pytest.fixture()
def china_letter(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "seeds" / CHINA_LETTER


@pytest.fixture()
def store(china_letter: Path) -> Store:
    opened = open_store(":memory:")
    ensure_reference_data(opened)
    ingest_facts(opened, load_file(china_letter))
    yield opened
    opened.close()


@pytest.fixture()
def crc_after_sixty_days(monkeypatch: pytest.MonkeyPatch) -> None:
    """A release that changes the CRC's joining clause to sixty days after deposit."""
    crc = instruments.instrument_by_id("CRC")
    changed = dataclasses.replace(crc, eif_rule=dataclasses.replace(
        crc.eif_rule, days=60, description="sixtieth day after deposit (a changed rule)"))
    monkeypatch.setattr(instruments, "_BY_ID", MappingProxyType({**instruments._BY_ID, "CRC": changed}))
    pipeline_version.cache_clear()
    yield
    pipeline_version.cache_clear()


def _crc_in_force(client: TestClient) -> str:
    result = client.get("/states/CHN/obligations").json()
    return next(o for o in result["obligations"] if o["instrument"] == "CRC")["entry_into_force"]


def test_a_fresh_graph_is_current(store: Store) -> None:
    assert stale_graphs(store) == []
    assert list(upgrade_store(store)) == []


def test_a_changed_rule_reaches_obligations_after_upgrade(store: Store, crc_after_sixty_days: None) -> None:
    with TestClient(create_app(store, Settings())) as client:
        health = client.get("/health").json()
        assert health["stale_graphs"] == 1 and "rightsgraph upgrade" in health["warning"]
        results = list(upgrade_store(store))
        assert [r.outcome for r in results] == ["upgraded"]
        assert _crc_in_force(client) == "1992-05-01"  # 2 March 1992 + 60 days
        assert client.get("/health").json()["stale_graphs"] == 0
    assert [str(row["date"]) for row in store.select(STORED_EIF)] == ["1992-05-01"]
    assert list(upgrade_store(store)) == []  # nothing left to do


def test_ingesting_a_stale_document_again_derives_it_again(
    store: Store, china_letter: Path, crc_after_sixty_days: None,
) -> None:
    result = ingest_facts(store, load_file(china_letter))
    assert result.outcome == "upgraded"
    assert ingest_facts(store, load_file(china_letter)).outcome == "unchanged"


def _forget_text_and_version(store: Store, china_letter: Path) -> str:
    """Make the graph look as a release before versions wrote it."""
    graph = str(document_graph_iri(load_file(china_letter).sha256))
    kept = [line for line in store.export("nquads").decode().splitlines()
            if f"<{graph}>" in line and str(RG.sourceText) not in line and str(RG.pipelineVersion) not in line]
    store.replace_graph_ntriples(graph, "".join(line.rsplit(f" <{graph}> .", 1)[0] + " .\n" for line in kept))
    return graph


def test_a_graph_without_text_needs_its_file(store: Store, china_letter: Path, tmp_path: Path) -> None:
    graph = _forget_text_and_version(store, china_letter)
    assert [(s.graph, s.version) for s in stale_graphs(store)] == [(graph, None)]
    [result] = upgrade_store(store)
    assert (result.outcome, result.graph) == ("needs-file", graph)
    [result] = upgrade_store(store, [china_letter.parent])
    assert result.outcome == "upgraded"
    assert stale_graphs(store) == []
    assert store.ask(f"ASK {{ GRAPH <{graph}> {{ ?doc <{RG.sourceText}> ?text }} }}")


def test_the_cli_reports_and_upgrades_stale_graphs(china_letter: Path, tmp_path: Path, crc_after_sixty_days: None) -> None:
    location = str(tmp_path / "store")
    runner = CliRunner()
    with open_store(location) as opened:
        ensure_reference_data(opened)
        derivation.pipeline_version.cache_clear()
        ingest_facts(opened, load_file(china_letter))
    # the same graph as an older release would have left it: recorded with another version
    with open_store(location) as opened:
        graph = str(document_graph_iri(load_file(china_letter).sha256))
        opened.update(f'DELETE {{ GRAPH <{graph}> {{ <{graph}> <{RG.pipelineVersion}> ?v }} }} '
                      f'INSERT {{ GRAPH <{graph}> {{ <{graph}> <{RG.pipelineVersion}> "extraction-0" }} }} '
                      f'WHERE {{ GRAPH <{graph}> {{ <{graph}> <{RG.pipelineVersion}> ?v }} }}')
    info = runner.invoke(cli, ["info", "--store", location])
    assert "stale: 1 document graphs" in info.output
    upgraded = runner.invoke(cli, ["upgrade", "--store", location])
    assert upgraded.exit_code == 0, upgraded.output
    assert "1 graphs upgraded; 0 need their source file; 0 failed" in upgraded.output
    assert "stale" not in runner.invoke(cli, ["info", "--store", location]).output
