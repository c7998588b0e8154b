"""Scanned PDFs (no text layer) are read by OCR: the seeds rendered as scans (200 dpi, a
slight tilt, speckle) extract within 0.05 F1 of their text, every span maps back to a page
and a box on it, and OCR evidence says it is OCR. Skipped with a reason when Tesseract or
Poppler is not installed."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from rightsgraph.errors import UnreadableDocumentError
from rightsgraph.loaders.contract import to_contract
from rightsgraph.loaders.facts import iter_evidence
from rightsgraph.loaders.pipeline import load_file
from rightsgraph.loaders.readers import read_document
from rightsgraph.loaders.readers.ocr import ocr_unavailable_reason
from test_extraction_formats import _scorer

pytestmark = pytest.mark.skipif(ocr_unavailable_reason() is not None, reason=str(ocr_unavailable_reason()))

MAX_F1_LOSS = 0.05


@pytest.fixture(autouse=True)
def _one_thread_per_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tesseract's OpenMP threads slow it down on a busy machine (pages already run two at
    a time); the environment variable is Tesseract's own switch."""
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")


@pytest.fixture(scope="module")
def scanned_seeds(seed_paths: list[Path], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    from render_scans import render_scan

    folder = tmp_path_factory.mktemp("scans")
    paths = []
    for seed in seed_paths:
        target = folder / (seed.stem + ".pdf")
        render_scan(seed.read_text(encoding="utf-8"), target)
        paths.append(target)
    return paths


@pytest.fixture(scope="module")
def scanned_facts(scanned_seeds: list[Path]) -> list:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OMP_THREAD_LIMIT", "1")
        return [load_file(path) for path in scanned_seeds]


def _overall(shared_dir: Path, predictions: list[dict]) -> float:
    with redirect_stdout(io.StringIO()):
        overall, _ = _scorer(shared_dir).score(predictions, shared_dir / "gold", False)
    return overall


def test_scanned_seeds_extract_within_005_of_their_text(
    seed_paths: list[Path], scanned_facts: list, shared_dir: Path
) -> None:
    text_score = _overall(shared_dir, [to_contract(load_file(path)) for path in seed_paths])
    ocr_score = _overall(shared_dir, [to_contract(facts) for facts in scanned_facts])
    assert ocr_score >= text_score - MAX_F1_LOSS, f"OCR {ocr_score:.3f} vs text {text_score:.3f}"


def test_ocr_evidence_is_marked_and_quotes_the_recognised_text(scanned_facts: list) -> None:
    for facts in scanned_facts:
        assert facts.read_by_ocr
        assert any("OCR" in warning.message for warning in facts.warnings)
        for span in iter_evidence(facts):
            assert facts.text[span.start : span.end] == span.text
        view = to_contract(facts)
        spans = [s["evidence"] for s in view["signatories"]] + list(view["evidence"].values())
        assert spans and all(span["ocr"] is True for span in spans), facts.source


def test_ocr_offsets_lead_to_a_page_and_a_box_on_it(scanned_seeds: list[Path]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OMP_THREAD_LIMIT", "1")
        document = read_document(scanned_seeds[2])
    assert document.read_by_ocr and len(document.pages) >= 2
    last_page = document.pages[-1]
    word = document.text.index("Rita French")
    location = document.source_location(word)
    assert location.kind == "ocr" and location.index == last_page.index
    assert document.page_at(word) == last_page
    assert location.box is not None
    left, top, right, bottom = location.box
    assert 0 <= left < right <= 595.3 and 0 <= top < bottom <= 842  # on an A4 page, in points


def test_a_blank_scan_is_an_error_naming_the_document(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "blank.pdf"
    Image.new("L", (1654, 2339), 255).save(path, "PDF", resolution=200.0)
    with pytest.raises(UnreadableDocumentError, match=re.escape("blank.pdf: no text layer (scanned?), and OCR found no text")):
        read_document(path)
