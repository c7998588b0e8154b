"""The CLI: ingest exit codes and messages, idempotent re-ingest, query, export, info."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from render_documents import render_pdf
from rightsgraph.api.cli import app
from rightsgraph.loaders.readers import DEFAULT_MAX_BYTES
from rightsgraph.graph.store import open_store

runner = CliRunner()


def _count(store_dir: Path) -> int:
    with open_store(store_dir) as store:
        return store.count()


@pytest.fixture()
def bad_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "random.pdf").write_bytes(bytes(range(256)) * 8)
    (folder / "nul.txt").write_bytes(b"letter\x00\x00text")
    pdf = render_pdf("Excellency,\n" * 200, tmp_path / "whole.pdf").path.read_bytes()
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (folder / "random.docx").write_bytes(bytes(range(255, -1, -1)) * 16)
    with (folder / "huge.txt").open("wb") as huge:  # sparse: over the size limit, no disk used
        huge.truncate(DEFAULT_MAX_BYTES + 1)
    return sorted(folder.iterdir())


def test_good_file_loads_with_exit_0_and_reingest_changes_nothing(tmp_path, seed_paths):
    store = tmp_path / "store"
    first = runner.invoke(app, ["ingest", str(seed_paths[0]), "--store", str(store)])
    assert first.exit_code == 0, first.output
    count = _count(store)
    again = runner.invoke(app, ["ingest", str(seed_paths[0]), "--store", str(store)])
    assert again.exit_code == 0 and "1 unchanged" in again.output
    assert _count(store) == count


def test_bad_files_fail_one_line_each_and_the_good_one_loads(tmp_path, seed_paths, bad_files):
    store = tmp_path / "store"
    runner.invoke(app, ["ingest", str(seed_paths[0]), "--store", str(store)])
    count = _count(store)
    result = runner.invoke(app, ["ingest", *map(str, bad_files), str(seed_paths[1]), "--store", str(store)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for path in bad_files:
        assert sum(path.name in line for line in result.output.splitlines()) == 1
    assert "1 added" in result.output and f"{len(bad_files)} errors" in result.output
    assert _count(store) > count
    with open_store(store) as opened:
        names = {str(row["f"]) for row in opened.select(
            "SELECT ?f WHERE { ?d <https://w3id.org/rightsgraph/ontology#fileName> ?f }")}
    assert not names & {p.name for p in bad_files}


def test_missing_path_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope.txt"), "--store", str(tmp_path / "s")])
    assert result.exit_code == 2 and "nope.txt" in result.output


@pytest.fixture()
def loaded_store(tmp_path, seed_paths) -> Path:
    store = tmp_path / "store"
    assert runner.invoke(app, ["ingest", str(seed_paths[0]), "--store", str(store)]).exit_code == 0
    return store


def test_query_json_is_sparql_results(loaded_store):
    result = runner.invoke(app, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                                 "--store", str(loaded_store), "--format", "json"])
    assert result.exit_code == 0
    assert int(json.loads(result.output)["results"]["bindings"][0]["n"]["value"]) == _count(loaded_store)


def test_query_refuses_updates_and_bad_syntax(loaded_store):
    for text in ("INSERT DATA { <http://a> <http://b> <http://c> }", "SELEC *"):
        result = runner.invoke(app, ["query", text, "--store", str(loaded_store)])
        assert result.exit_code == 2 and "error" in result.output


@pytest.mark.parametrize("fmt", ["trig", "nquads", "turtle", "jsonld"])
def test_export_to_file(loaded_store, tmp_path, fmt):
    out = tmp_path / f"dump.{fmt}"
    result = runner.invoke(app, ["export", "--store", str(loaded_store), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0 and out.stat().st_size > 1000


def test_info_counts_classes_and_graphs(loaded_store):
    result = runner.invoke(app, ["info", "--store", str(loaded_store)])
    assert result.exit_code == 0
    assert "TreatyAction" in result.output and "graph/reference" in result.output


def test_export_then_import_into_an_empty_store_is_isomorphic(seed_paths: list[Path], tmp_path: Path) -> None:
    """Backup and restore: export (TriG) then import into an empty store gives the same dataset."""
    from rdflib import Dataset
    from rdflib.compare import isomorphic

    from rightsgraph.api.cli import app as cli_app

    runner = CliRunner()
    first, second, backup = tmp_path / "first", tmp_path / "second", tmp_path / "backup.trig"
    assert runner.invoke(cli_app, ["ingest", str(seed_paths[0]), "--store", str(first)]).exit_code == 0
    assert runner.invoke(cli_app, ["export", "--store", str(first), "--format", "trig", "-o", str(backup)]).exit_code == 0
    assert runner.invoke(cli_app, ["import", str(backup), "--store", str(second)]).exit_code == 0
    restored = tmp_path / "restored.trig"
    assert runner.invoke(cli_app, ["export", "--store", str(second), "--format", "trig", "-o", str(restored)]).exit_code == 0
    before, after = Dataset(), Dataset()
    before.parse(backup, format="trig")
    after.parse(restored, format="trig")
    names = {g.identifier for g in before.graphs()}
    assert names == {g.identifier for g in after.graphs()}
    for name in names:
        assert isomorphic(before.graph(name), after.graph(name)), name


def test_import_of_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    from rightsgraph.api.cli import app as cli_app

    backup = tmp_path / "backup.xyz"
    backup.write_text("nothing")
    result = CliRunner().invoke(cli_app, ["import", str(backup), "--store", str(tmp_path / "s")])
    assert result.exit_code == 2
    assert "backup.xyz" in result.output
