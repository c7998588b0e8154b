"""PDF files (pypdf): text per page without the page furniture of UN documents.

What is dropped, from the top and the bottom of each page (peeled line by line, at most
:data:`_MAX_PEEL` lines per edge): job numbers with page numbers (``24-12520 5/26``,
``5/26 24-12520``), job numbers alone (``24-12520 (E)``, ``GE.21-01234``), bare page
numbers (``5``, ``- 5 -``, ``Page 5 of 7``, ``5/26``), the barcode text and "Please
recycle" of first pages, and any line that recurs at the top or bottom of most pages once
its numbers are ignored (the running header ``A/79/122``). A page number read from the
furniture becomes :attr:`PageSpan.number`. Pages are joined by a blank line. A word
hyphenated across a line end is re-joined only when both halves are lowercase letters, and
it loses the hyphen unless the document writes that compound with a hyphen within a line
elsewhere and never the joined word (``technology-`` + ``facilitated`` stays hyphenated).

Offsets map to the page (``SourceLocation.kind == "page"``) and into pypdf's raw
``extract_text()`` output for that page. A PDF with no text layer at all (a scan) is read by
OCR (:mod:`.ocr`): its offsets map into each page's OCR text (``kind == "ocr"``), with the
word's box on the page, and the document's notes say the text was recognised.
"""

from __future__ import annotations

import binascii
import io
import re
import struct
import zlib
from collections import Counter
from difflib import SequenceMatcher
from dataclasses import dataclass

import pypdf
from pypdf import PasswordType
from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

from rightsgraph.errors import EmptyDocumentError, UnreadableDocumentError

from .document import PageSpan, ReadDocument, SourceLocation, TextBuilder, finish_document
from .ocr import ocr_pdf, scan_resolution

MEDIA_TYPE = "application/pdf"

# pypdf reports most damage as PyPdfError subclasses, but some malformed objects surface as
# built-in errors from its parser and filters (observed with truncated and mutated files).
_PDF_FAILURES: tuple[type[BaseException], ...] = (
    PyPdfError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    AssertionError,
    NotImplementedError,
    OverflowError,
    ZeroDivisionError,
    RecursionError,
    zlib.error,
    struct.error,
    binascii.Error,
)

_MAX_PEEL = 4
_EOF_WINDOW = 4096
_HEADER_WINDOW = 1024
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_JOB = r"(?:GE\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?"
_FURNITURE = tuple(
    re.compile(pattern)
    for pattern in (
        rf"^{_JOB}\s+(?P<n>\d{{1,4}})\s*/\s*\d{{1,4}}$",
        rf"^(?P<n>\d{{1,4}})\s*/\s*\d{{1,4}}\s+{_JOB}$",
        rf"^{_JOB}(?:\s+\d{{6}}){{0,2}}$",
        r"^\*\d{7}\*$",
        r"^(?P<n>\d{1,4})$",
        r"^-\s*(?P<n>\d{1,4})\s*-$",
        r"^[Pp]age\s+(?P<n>\d{1,4})(?:\s+of\s+\d{1,4})?$",
        r"^(?P<n>\d{1,4})\s*/\s*\d{1,4}$",
        r"^Please recycle\W*$",
    )
)
_HYPHENATED_TAIL = re.compile(r"([^\W\d_]+)-$")
_LEADING_WORD = re.compile(r"^([^\W\d_]+)")
_WORD = re.compile(r"[^\W\d_]+")
_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


@dataclass(frozen=True, slots=True)
class _Line:
    """A stripped line of a page's raw text and where it starts in that text."""

    text: str
    start: int


@dataclass(frozen=True, slots=True)
class _Page:
    index: int
    lines: tuple[_Line, ...]
    printed_number: str | None


def read_pdf(data: bytes, name: str) -> ReadDocument:
    """Read a PDF's text layer; corrupt, truncated or encrypted files and files without a
    text layer raise :class:`UnreadableDocumentError`."""
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise UnreadableDocumentError(name, "not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise UnreadableDocumentError(name, "truncated PDF (no %%EOF marker at the end)")
    reader = _open(data, name)
    raw_pages, labels = _extract(reader, name)
    if not raw_pages:
        raise EmptyDocumentError(name, "PDF has no pages")
    ocr = None
    if not any(raw.strip() for raw in raw_pages):
        ocr = ocr_pdf(data, name, len(raw_pages), _scan_dpi(reader))
        raw_pages = [page.text for page in ocr.pages]
        if not any(raw.strip() for raw in raw_pages):
            raise UnreadableDocumentError(name, "no text layer (scanned?), and OCR found no text on its pages")
    pages = _drop_furniture([_split_lines(raw) for raw in raw_pages], fuzzy=ocr is not None)
    vocabulary = _Vocabulary.of(raw_pages)
    builder = TextBuilder()
    spans: list[PageSpan] = []
    for page in pages:
        if page.index:
            builder.add_inserted("\n\n")
        origin = SourceLocation(kind="ocr" if ocr else "page", offset=0,
                                page=page.printed_number or labels[page.index], index=page.index)
        start = builder.length
        _append_lines(builder, page.lines, origin, vocabulary, raw_pages[page.index] if ocr else None)
        spans.append(PageSpan(page.index, origin.page or str(page.index + 1), start,
                              builder.length))
    return finish_document(builder, name=name, media_type=MEDIA_TYPE, data=data,
                           pages=tuple(spans), notes=(ocr.note(),) if ocr else (), ocr=ocr)


def _open(data: bytes, name: str) -> pypdf.PdfReader:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise UnreadableDocumentError(name, "encrypted PDF (password required)")
    except DependencyError as error:
        raise UnreadableDocumentError(name, f"encrypted PDF: {error}") from error
    except FileNotDecryptedError as error:
        raise UnreadableDocumentError(name, "encrypted PDF (password required)") from error
    except _PDF_FAILURES as error:
        raise UnreadableDocumentError(name, f"corrupt PDF: {_short(error)}") from error
    return reader


def _extract(reader: pypdf.PdfReader, name: str) -> tuple[list[str], list[str]]:
    """Raw text and label of every page."""
    try:
        raw_pages = [page.extract_text() or "" for page in reader.pages]
        labels = list(reader.page_labels)
    except FileNotDecryptedError as error:
        raise UnreadableDocumentError(name, "encrypted PDF (password required)") from error
    except _PDF_FAILURES as error:
        raise UnreadableDocumentError(name, f"corrupt PDF: {_short(error)}") from error
    if len(labels) != len(raw_pages):
        labels = [str(i + 1) for i in range(len(raw_pages))]
    return raw_pages, labels


def _scan_dpi(reader: pypdf.PdfReader) -> int:
    """The resolution of the first page's scanned image (see :func:`.ocr.scan_resolution`)."""
    try:
        page = reader.pages[0]
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources else None
        widths = [
            int(xobject.get_object().get("/Width", 0))
            for xobject in (xobjects.get_object().values() if xobjects else ())
            if xobject.get_object().get("/Subtype") == "/Image"
        ]
        return scan_resolution(widths, float(page.mediabox.width))
    except _PDF_FAILURES:
        return scan_resolution([], 0)


def _short(error: BaseException) -> str:
    message = str(error).strip() or type(error).__name__
    return message if len(message) <= 120 else message[:117] + "..."


def _split_lines(raw: str) -> list[_Line]:
    """Non-blank lines of ``raw``, stripped, with their start offsets."""
    lines: list[_Line] = []
    position = 0
    for match in [*_LINE_BREAK.finditer(raw), None]:
        end = match.start() if match else len(raw)
        chunk = raw[position:end]
        stripped = chunk.strip()
        if stripped:
            lines.append(_Line(stripped, position + chunk.index(stripped)))
        if match:
            position = match.end()
    return lines


def _furniture_key(line: str) -> str:
    """Numbers ignored, spaces collapsed: ``"24-12520 15/26"`` -> ``"#-# #/#"``."""
    return " ".join(re.sub(r"\d+", "#", line).split())


def _furniture_match(line: str) -> re.Match[str] | None:
    for pattern in _FURNITURE:
        match = pattern.match(line)
        if match:
            return match
    return None


def _edge_keys(lines: list[_Line]) -> Counter[str]:
    """How often each furniture key occurs among the first and last lines of a page."""
    top = range(min(_MAX_PEEL, len(lines)))
    bottom = range(max(0, len(lines) - _MAX_PEEL), len(lines))
    edge = sorted({*top, *bottom})
    return Counter(_furniture_key(lines[i].text) for i in edge)


def _similar_keys(keys: set[str], counts: Counter[str]) -> Counter[str]:
    """Counts of OCR furniture keys with near-identical keys pooled: a running header read
    as "A/HRC/00/0" on one page and "A/JHRC/00/0" on the next is one header. Each key
    counts the pages of every key at least 85 % similar to it (long keys only)."""
    pooled: Counter[str] = Counter()
    for key in keys:
        pooled[key] = sum(
            count for other, count in counts.items()
            if other == key or (len(key) >= 8 and SequenceMatcher(None, key, other).ratio() >= 0.85)
        )
    return pooled


def _repeated_keys(pages: list[list[_Line]], fuzzy: bool = False) -> set[str]:
    """Keys found exactly once at the edges of most pages (more than half, at least two).

    "Exactly once" keeps numbered body lines that share a key (``"#. The Special
    Rapporteur ..."``) from passing for a running header."""
    if len(pages) < 2:
        return set()
    counts = Counter(
        key for lines in pages for key, count in _edge_keys(lines).items() if count == 1
    )
    if fuzzy:
        counts = _similar_keys(set(counts), counts)
    needed = len(pages) // 2 + 1
    return {key for key, count in counts.items() if count >= needed}


def _drop_furniture(pages: list[list[_Line]], fuzzy: bool = False) -> list[_Page]:
    repeated = _repeated_keys(pages, fuzzy)
    return [_peel(index, lines, repeated) for index, lines in enumerate(pages)]


def _peel(index: int, lines: list[_Line], repeated: set[str]) -> _Page:
    """Remove furniture lines from both ends of one page."""
    numbers: list[str] = []

    def is_furniture(line: _Line) -> bool:
        match = _furniture_match(line.text)
        if match:
            if match.groupdict().get("n"):
                numbers.append(str(int(match.group("n"))))
            return True
        return _furniture_key(line.text) in repeated

    first, last = 0, len(lines)
    while first < min(last, _MAX_PEEL) and is_furniture(lines[first]):
        first += 1
    while last > max(first, len(lines) - _MAX_PEEL) and is_furniture(lines[last - 1]):
        last -= 1
    return _Page(index, tuple(lines[first:last]), numbers[0] if numbers else None)


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """Words and hyphenated compounds written within one line anywhere in the document; they
    decide whether ``"technology-"`` + ``"facilitated"`` keeps its hyphen."""

    words: frozenset[str]
    compounds: frozenset[str]

    @classmethod
    def of(cls, raw_pages: list[str]) -> _Vocabulary:
        text = "\n".join(raw_pages)
        return cls(
            frozenset(word.lower() for word in _WORD.findall(text)),
            frozenset(compound.lower() for compound in _COMPOUND.findall(text)),
        )

    def keeps_hyphen(self, left: str, right: str) -> bool:
        joined = f"{left}{right}".lower()
        return f"{left}-{right}".lower() in self.compounds and joined not in self.words


def _append_lines(
    builder: TextBuilder,
    lines: tuple[_Line, ...],
    origin: SourceLocation,
    vocabulary: _Vocabulary,
    paragraphs_of: str | None = None,
) -> None:
    """Append a page's lines joined by LF, re-joining lowercase words split by a hyphen:
    without the hyphen, unless the document writes the hyphenated compound elsewhere and
    never the joined word. With ``paragraphs_of`` (the page's raw OCR text, where a blank
    line ends a paragraph), a paragraph break stays a blank line."""
    for i, line in enumerate(lines):
        text = line.text
        next_line = lines[i + 1] if i + 1 < len(lines) else None
        split = _hyphenated_split(text, next_line.text) if next_line is not None else None
        if split is not None:
            keep = vocabulary.keeps_hyphen(*split)
            builder.add(text if keep else text[:-1], origin, at=line.start)
            continue
        builder.add(text, origin, at=line.start)
        if next_line is not None:
            builder.add("\n", origin, at=line.start + len(text))
            gap = paragraphs_of[line.start + len(text) : next_line.start] if paragraphs_of else ""
            if gap.count("\n") > 1:
                builder.add("\n", origin, at=line.start + len(text) + 1)


def _hyphenated_split(line: str, next_line: str) -> tuple[str, str] | None:
    """The two halves when ``line`` ends in a lowercase word and a hyphen and ``next_line``
    starts with a lowercase word: ``"exploita-"`` + ``"tion of"``, not ``"Inter-"`` +
    ``"net"`` nor ``"self-"`` + ``"2021"``."""
    tail = _HYPHENATED_TAIL.search(line)
    head = _LEADING_WORD.match(next_line)
    if tail and head and tail.group(1).islower() and head.group(1).islower():
        return tail.group(1), head.group(1)
    return None
