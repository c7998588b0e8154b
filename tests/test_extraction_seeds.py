"""Extraction quality on the real seeds, measured by the shared scorer, through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rightsgraph.api.cli import app
from rightsgraph.loaders.pipeline import load_file


def _extract(paths: list[Path]) -> list[dict]:
    result = CliRunner().invoke(app, ["extract", *map(str, paths), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_seeds_meet_the_contract_thresholds(seed_paths: list[Path], shared_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text(json.dumps(_extract(seed_paths)))
    scorer = shared_dir / "tools" / "score_extraction.py"
    run = subprocess.run(
        [sys.executable, str(scorer), str(out), "--min-overall", "0.95", "--min-field", "0.90"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_evidence_span_quotes_the_text(seed_paths: list[Path]) -> None:
    for path in seed_paths:
        facts = load_file(path)
        spans = [f.evidence for group in (facts.mandates, facts.signatories, facts.resolutions,
                 facts.companies, facts.states, facts.references, facts.actions, facts.citations,
                 facts.symbols, facts.questions) for f in group]
        assert spans, path.name
        for span in spans:
            assert facts.text[span.start : span.end] == span.text


def test_output_is_in_input_order_and_names_the_source(seed_paths: list[Path]) -> None:
    reversed_paths = list(reversed(seed_paths))
    sources = [item["source"] for item in _extract(reversed_paths)]
    assert sources == [p.name for p in reversed_paths]


@pytest.mark.parametrize(
    ("seed", "field", "expected"),
    [
        ("000", "ratifications", {"state": "CHN", "instrument": "TRAFFICKING-PROTOCOL", "date": "2010-02-08", "kind": "accession"}),
        ("003", "ratifications", {"state": "USA", "instrument": "ICERD", "date": "1994", "kind": "ratification"}),
    ],
)
def test_ratification_statements(seed_paths: list[Path], seed: str, field: str, expected: dict) -> None:
    path = next(p for p in seed_paths if p.name.startswith(seed))
    items = [{k: v for k, v in item.items() if k != "evidence"} for item in _extract([path])[0][field]]
    assert expected in items


def test_nonexistent_opsc_article_is_not_asserted(seed_paths: list[Path]) -> None:
    """'Article 19 to the Optional Protocol' (AL CHN 3/2021) is CRC art. 19: OPSC has 17."""
    result = _extract([seed_paths[0]])[0]
    cited = {(c["instrument"], c["provision"]) for c in result["cited_provisions"]}
    assert ("OPSC", "19") not in cited
    assert ("CRC", "19") in cited
    assert ("OHCHR-TRAFFICKING-PRINCIPLES", "13") in cited
    assert ("UNGP", "13") not in cited
