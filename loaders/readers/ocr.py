"""Optical character recognition of scanned PDF pages (no text layer).

Pages are rasterised by Poppler's ``pdftoppm`` and read by Tesseract through pytesseract
(``docs/decisions/0011-ocr-of-scanned-pdfs.md``), with English, French and Spanish
language data. Each page becomes the text of its recognised words, a line per Tesseract
line and a blank line between its paragraphs, so the PDF reader can treat it like a text
layer (page furniture peeled, hyphenated words re-joined). Every word keeps its box on the
page, in PDF points from the top-left corner, so an evidence offset leads back to a page
and a position on it (:meth:`OcrLayer.box`).
"""

from __future__ import annotations

import bisect
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFilter

from rightsgraph.errors import UnreadableDocumentError

LANGUAGES = "eng+fra+spa"  # a first page is read with all three; see language_of
RASTER_DPI = 300  # the usual resolution for Tesseract; a scan made coarser is read at its own
MIN_DPI = 150
_POINTS_PER_INCH = 72
_PAGE_TIMEOUT_SECONDS = 300
_WORKERS = 2
Box = tuple[float, float, float, float]  # left, top, right, bottom in PDF points


@dataclass(frozen=True, slots=True)
class OcrPage:
    """One page's recognised text and, for each word, where it starts in that text and its box."""

    text: str
    word_starts: tuple[int, ...]
    boxes: tuple[Box, ...]
    mean_confidence: float | None


@dataclass(frozen=True, slots=True)
class OcrLayer:
    """What OCR read from a document, page by page, and how."""

    pages: tuple[OcrPage, ...]
    engine: str
    languages: str
    dpi: int

    def box(self, page_index: int, offset: int) -> Box | None:
        """The box of the word at ``offset`` in the OCR text of page ``page_index`` (the
        word before it when ``offset`` falls on a separator)."""
        if not 0 <= page_index < len(self.pages):
            return None
        page = self.pages[page_index]
        i = bisect.bisect_right(page.word_starts, offset) - 1
        return page.boxes[i] if i >= 0 else None

    def note(self) -> str:
        confidences = [p.mean_confidence for p in self.pages if p.mean_confidence is not None]
        mean = f"{sum(confidences) / len(confidences):.0f}" if confidences else "unknown"
        return (f"text read by OCR ({self.engine}, {self.languages}, {self.dpi} dpi; "
                f"mean word confidence {mean}/100): quotes may differ from the printed page")


def ocr_unavailable_reason() -> str | None:
    """Why OCR cannot run here (a missing program or package), or None when it can."""
    missing = [tool for tool in ("tesseract", "pdftoppm") if shutil.which(tool) is None]
    try:
        import pytesseract  # noqa: F401  (optional at import time: only scans need it)
    except ImportError:
        missing.append("the pytesseract package")
    if missing:
        return "OCR needs " + ", ".join(missing) + " (Debian: tesseract-ocr tesseract-ocr-fra tesseract-ocr-spa poppler-utils)"
    return None


def ocr_pdf(data: bytes, name: str, page_count: int, dpi: int = RASTER_DPI) -> OcrLayer:
    """Rasterise every page of a PDF at ``dpi`` and recognise it; raises
    :class:`UnreadableDocumentError` when OCR is not installed or a page cannot be rendered
    or read."""
    reason = ocr_unavailable_reason()
    if reason is not None:
        raise UnreadableDocumentError(name, f"no text layer (scanned?) and {reason}")
    import pytesseract

    with tempfile.TemporaryDirectory(prefix="rightsgraph-ocr-") as folder:
        images = _rasterise(data, name, Path(folder), page_count, dpi)
        languages = language_of(_read_page(images[0], name, dpi, LANGUAGES).text)
        with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
            pages = tuple(pool.map(lambda image: _read_page(image, name, dpi, languages), images))
    engine = f"Tesseract {pytesseract.get_tesseract_version()}"
    return OcrLayer(pages, engine, languages, dpi)


_STOPWORDS = {
    "eng": frozenset("the and of to in that is with for this which have".split()),
    "fra": frozenset("le la les des et du une est dans pour nous vous sur".split()),
    "spa": frozenset("el los las del y una es en por con para su".split()),
}
_MIN_WORDS = 30


def language_of(first_page: str) -> str:
    """The Tesseract languages to read a document with, from its first page read with all
    three: the language whose common words dominate (French and Spanish with English
    second, for bilingual letterheads); all three when the page says too little. Reading
    with one model is faster and does not put French or Spanish accents on English names.

    >>> language_of("We have the honour to address you in our capacity as " * 3)
    'eng'
    >>> language_of("Nous avons l'honneur de nous adresser à vous en nos qualités et dans le cadre " * 3)
    'fra+eng'
    >>> language_of("Excellency,")
    'eng+fra+spa'
    """
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", first_page)]
    if len(words) < _MIN_WORDS:
        return LANGUAGES
    counts = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    runner_up = max(count for lang, count in counts.items() if lang != best)
    if counts[best] < 2 * runner_up:
        return LANGUAGES
    return "eng" if best == "eng" else f"{best}+eng"


def _rasterise(data: bytes, name: str, folder: Path, page_count: int, dpi: int) -> list[Path]:
    source = folder / "source.pdf"
    source.write_bytes(data)
    command = ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), str(folder / "page")]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=_PAGE_TIMEOUT_SECONDS * max(1, page_count))
    except subprocess.CalledProcessError as error:
        detail = error.stderr.decode("utf-8", "replace").strip()[:200]
        raise UnreadableDocumentError(name, f"scanned PDF could not be rendered for OCR: {detail}") from error
    except subprocess.TimeoutExpired as error:
        raise UnreadableDocumentError(name, "scanned PDF took too long to render for OCR") from error
    images = sorted(folder.glob("page*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[-1]))
    if len(images) != page_count:
        raise UnreadableDocumentError(name, f"scanned PDF: {len(images)} of {page_count} pages rendered for OCR")
    return images


def _read_page(image: Path, name: str, dpi: int, languages: str) -> OcrPage:
    import pytesseract

    try:
        with Image.open(image) as picture:
            data = pytesseract.image_to_data(
                despeckled(picture), lang=languages, output_type=pytesseract.Output.DICT, timeout=_PAGE_TIMEOUT_SECONDS
            )
    except (pytesseract.TesseractError, RuntimeError) as error:  # RuntimeError: pytesseract's timeout
        raise UnreadableDocumentError(name, f"OCR failed on {image.stem}: {error}") from error
    return page_from_words(data, dpi)


# Specks on a scan come back as tokens of punctuation alone ("|", "~", "-", "."), or glued to
# a word's edge ("_A/HRC/..."): such tokens are dropped and such edges trimmed, so that a
# running header is recognised on every page and "2 March -\n1992" is still a date.
_NOISE_TOKEN = re.compile(r"[.,:;'‘’`\"|~_!*•·°¬=\-–—]+")
_NOISE_EDGES = "|~_¦"


def _clean(word: str) -> str:
    """The word without speck noise at its edges; "" when nothing but noise is left.

    >>> _clean("_A/HRC/00/0"), _clean("|"), _clean("-"), _clean("&"), _clean("Excellency,")
    ('A/HRC/00/0', '', '', '&', 'Excellency,')
    """
    word = word.strip().strip(_NOISE_EDGES)
    return "" if _NOISE_TOKEN.fullmatch(word) else word


def _reading_order(data: dict[str, list]) -> list[int]:
    """Indexes of the recognised words, block by block from the top of the page down (a
    tilted page can make Tesseract list a header block after the body), in Tesseract's
    order within a block."""
    words = [i for i, text in enumerate(data["text"]) if data["level"][i] == 5 and _clean(str(text))]
    block_top: dict[int, int] = {}
    for i in words:
        block = data["block_num"][i]
        block_top[block] = min(block_top.get(block, data["top"][i]), data["top"][i])
    return sorted(words, key=lambda i: (block_top[data["block_num"][i]], data["block_num"][i]))


def despeckled(picture: Image.Image) -> Image.Image:
    """The page without isolated specks: a 3×3 median filter keeps strokes and full stops
    (three pixels and more across at 150 dpi and up) and removes dots of one or two pixels,
    which Tesseract would otherwise read as punctuation glued to words ("our. highest")."""
    return picture.filter(ImageFilter.MedianFilter(3))


def page_from_words(data: dict[str, list], dpi: int = RASTER_DPI) -> OcrPage:
    """A page's text from Tesseract's word table (``image_to_data`` as a dict): words of a
    line joined by a space, lines by a newline, paragraphs and blocks by a blank line.

    >>> table = {"level": [5, 5, 5, 5], "block_num": [1, 1, 1, 2], "par_num": [1, 1, 1, 1],
    ...          "line_num": [1, 1, 1, 1], "text": ["Excellency,", "We", "|", "REFERENCE:"],
    ...          "conf": [96, 90, 20, 88], "left": [72, 300, 400, 72], "top": [100, 100, 100, 200],
    ...          "width": [200, 40, 5, 180], "height": [30, 30, 30, 30]}
    >>> page = page_from_words(table)
    >>> page.text, page.word_starts
    ('Excellency, We\\n\\nREFERENCE:', (0, 12, 16))
    >>> page.boxes[0]
    (17.28, 24.0, 65.28, 31.2)
    """
    scale = _POINTS_PER_INCH / dpi
    parts: list[str] = []
    starts: list[int] = []
    boxes: list[Box] = []
    confidences: list[float] = []
    length = 0
    previous: tuple[int, int, int] | None = None
    for i in _reading_order(data):
        line = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if previous is not None:
            separator = " " if line == previous else ("\n" if line[:2] == previous[:2] else "\n\n")
            parts.append(separator)
            length += len(separator)
        previous = line
        word = _clean(str(data["text"][i]))
        starts.append(length)
        parts.append(word)
        length += len(word)
        left, top = data["left"][i] * scale, data["top"][i] * scale
        right, bottom = left + data["width"][i] * scale, top + data["height"][i] * scale
        boxes.append((round(left, 2), round(top, 2), round(right, 2), round(bottom, 2)))
        confidence = float(data["conf"][i])
        if confidence >= 0:
            confidences.append(confidence)
    mean = sum(confidences) / len(confidences) if confidences else None
    return OcrPage("".join(parts), tuple(starts), tuple(boxes), mean)


def scan_resolution(widths_px: list[int], page_width_pt: float) -> int:
    """The resolution to render a scanned page at: the scan's own (its widest image's pixels
    over the page's width), within ``MIN_DPI`` and ``RASTER_DPI``; rendering above the
    scan's own resolution adds pixels to read but no detail.

    >>> scan_resolution([1654], 595.28), scan_resolution([2480 * 2], 595.28), scan_resolution([], 595.28)
    (200, 300, 300)
    """
    if not widths_px or page_width_pt <= 0:
        return RASTER_DPI
    own = round(max(widths_px) / (page_width_pt / _POINTS_PER_INCH))
    return max(MIN_DPI, min(RASTER_DPI, own))
