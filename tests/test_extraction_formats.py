"""The seeds rendered as PDF (running header, page numbers) and as DOCX extract within 0.02 F1
of the text versions, scored by the shared scorer."""

from __future__ import annotations

import importlib.util
import io
from contextlib import redirect_stdout
from pathlib import Path
from types import ModuleType

import pytest

from render_documents import render_docx, render_pdf
from rightsgraph.loaders.contract import to_contract
from rightsgraph.loaders.pipeline import load_file


def _scorer(shared_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extraction", shared_dir / "tools" / "score_extraction.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _overall(scorer: ModuleType, paths: list[Path], gold: Path) -> float:
    predictions = [to_contract(load_file(path)) for path in paths]
    with redirect_stdout(io.StringIO()):
        overall, _ = scorer.score(predictions, gold, False)
    return overall


@pytest.fixture(scope="module")
def text_score(seed_paths: list[Path], shared_dir: Path) -> float:
    return _overall(_scorer(shared_dir), seed_paths, shared_dir / "gold")


@pytest.mark.parametrize("render", [render_pdf, render_docx], ids=["pdf", "docx"])
def test_rendered_seeds_extract_like_the_text(
    render, seed_paths: list[Path], shared_dir: Path, tmp_path: Path, text_score: float
) -> None:
    suffix = ".pdf" if render is render_pdf else ".docx"
    rendered = []
    for path in seed_paths:
        target = tmp_path / (path.stem + suffix)
        render(path.read_text(encoding="utf-8"), target)
        rendered.append(target)
    score = _overall(_scorer(shared_dir), rendered, shared_dir / "gold")
    assert score >= text_score - 0.02, f"{suffix}: {score:.3f} vs text {text_score:.3f}"
