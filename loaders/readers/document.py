"""The result of reading a document: plain text plus a compact map back to the source.

Every reader builds its text with a :class:`TextBuilder`: it appends pieces copied from a
source *unit* (the decoded text file, one PDF page, one DOCX paragraph, one HTML text node)
and separators the reader inserts itself (page breaks, cell tabs). The builder normalises
each piece to NFC and records one :class:`_Segment` per run of text that maps linearly onto
its unit, so the map grows with the number of runs, never with the number of characters.

>>> builder = TextBuilder()
>>> builder.add("ab", SourceLocation(kind="text", offset=0))
>>> builder.add_inserted("\\n")
>>> builder.add("cd", SourceLocation(kind="text", offset=0), at=4)
>>> text, offsets = builder.build()
>>> text
'ab\\ncd'
>>> offsets.locate(3).offset, offsets.locate(2).inserted
(4, True)
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from rightsgraph.errors import EmptyDocumentError

from .ocr import OcrLayer

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where one character of :attr:`ReadDocument.text` comes from.

    ``kind`` says what ``offset`` counts in:

    - ``"text"``: character offset in the decoded source file (a byte-order mark not counted);
    - ``"page"``: offset in pypdf's raw extracted text of page ``index`` (0-based), whose
      printed number is ``page``;
    - ``"paragraph"``: offset in ``Document.paragraphs[index].text`` (python-docx);
    - ``"table_cell"``: offset in the text of the cell at ``path``
      (``"tables[t].rows[r].cells[c]"``), ``index`` being the table number;
    - ``"footnote"``: offset in the text of the DOCX footnote whose id is ``index``;
    - ``"html"``: offset in the DOM text node at XPath ``path``;
    - ``"ocr"``: offset in the OCR text of scanned page ``index`` (printed number ``page``);
      ``box`` is the recognised word's box on the page (left, top, right, bottom in PDF
      points from the top-left corner) when the location comes from
      :meth:`ReadDocument.source_location`. Text read by OCR may differ from the page.

    ``inserted`` marks characters the reader added itself (a newline between pages, a tab
    between cells); their location is the source position right after the preceding text.
    """

    kind: str
    offset: int
    page: str | None = None
    index: int | None = None
    path: str | None = None
    inserted: bool = False
    box: tuple[float, float, float, float] | None = None


@dataclass(frozen=True, slots=True)
class PageSpan:
    """One page of a paged document: ``text[start:end]`` is its text.

    ``number`` is the page number as printed on the page when the reader found it, else the
    PDF page label, else ``str(index + 1)``.
    """

    index: int
    number: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Segment:
    """``text[start:end]`` comes from ``source_length`` characters at ``origin``.

    When the two lengths agree the mapping is character by character; otherwise (NFC
    composed the run) every character maps to the start of the run.
    """

    start: int
    end: int
    origin: SourceLocation
    source_length: int

    @property
    def linear(self) -> bool:
        return self.end - self.start == self.source_length

    def locate(self, offset: int) -> SourceLocation:
        delta = offset - self.start if self.linear else 0
        return dataclasses.replace(self.origin, offset=self.origin.offset + delta)

    def after(self) -> SourceLocation:
        return dataclasses.replace(
            self.origin, offset=self.origin.offset + self.source_length, inserted=True
        )

    def continues_with(self, other: _Segment) -> bool:
        return (
            self.linear
            and other.linear
            and self.end == other.start
            and other.origin == dataclasses.replace(
                self.origin, offset=self.origin.offset + self.source_length
            )
        )


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Text offset -> :class:`SourceLocation`, by bisection over sorted segments."""

    segments: tuple[_Segment, ...]
    starts: tuple[int, ...]

    def locate(self, offset: int) -> SourceLocation:
        if not self.segments:
            return SourceLocation(kind="none", offset=0, inserted=True)
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return dataclasses.replace(self.segments[0].origin, inserted=True)
        segment = self.segments[i]
        if offset < segment.end:
            return segment.locate(offset)
        return segment.after()

    def __len__(self) -> int:
        return len(self.segments)


class TextBuilder:
    """Accumulates text pieces and the segments that map them to their source."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._segments: list[_Segment] = []

    @property
    def length(self) -> int:
        return self._length

    def ends_with(self, suffix: str) -> bool:
        """Whether the text built so far ends with ``suffix`` (looks back one part only)."""
        return bool(self._parts) and self._parts[-1].endswith(suffix)

    def add(self, piece: str, origin: SourceLocation, at: int | None = None) -> None:
        """Append ``piece``, copied from ``origin``'s unit at offset ``at`` (default
        ``origin.offset``); the piece is normalised to NFC."""
        if not piece:
            return
        base = origin.offset if at is None else at
        if piece.isascii() or unicodedata.is_normalized("NFC", piece):
            self._append(piece, dataclasses.replace(origin, offset=base), len(piece))
            return
        for chunk_start, chunk in _nfc_chunks(piece):
            located = dataclasses.replace(origin, offset=base + chunk_start)
            self._append(unicodedata.normalize("NFC", chunk), located, len(chunk))

    def add_inserted(self, piece: str) -> None:
        """Append text the reader made up (separators); it maps to no source run."""
        if piece:
            self._parts.append(piece)
            self._length += len(piece)

    def build(self) -> tuple[str, OffsetMap]:
        segments = tuple(self._segments)
        return "".join(self._parts), OffsetMap(segments, tuple(s.start for s in segments))

    def _append(self, text: str, origin: SourceLocation, source_length: int) -> None:
        segment = _Segment(self._length, self._length + len(text), origin, source_length)
        self._parts.append(text)
        self._length += len(text)
        if self._segments and self._segments[-1].continues_with(segment):
            last = self._segments[-1]
            merged = _Segment(
                last.start, segment.end, last.origin, last.source_length + source_length
            )
            self._segments[-1] = merged
        else:
            self._segments.append(segment)


def _nfc_chunks(piece: str) -> list[tuple[int, str]]:
    """Split ``piece`` where NFC cannot join across: before any ASCII character that does
    not precede a non-ASCII run (ASCII characters are never the second half of a
    composition, so normalising the chunks one by one equals normalising the whole)."""
    chunks: list[tuple[int, str]] = []
    position = 0
    for match in _NON_ASCII_RUN.finditer(piece):
        start = max(match.start() - 1, position)
        if start > position:
            chunks.append((position, piece[position:start]))
        chunks.append((start, piece[start : match.end()]))
        position = match.end()
    if position < len(piece):
        chunks.append((position, piece[position:]))
    return chunks


@dataclass(frozen=True)
class ReadDocument:
    """A document read into plain text with its offset map.

    ``sha256`` is the digest of the source bytes; ``text`` has LF newlines and is NFC;
    ``pages`` is empty for formats without pages; ``notes`` records what the reader had to
    guess (a fallback encoding). Evidence offsets index ``text``; :meth:`source_location`
    takes them back to the source.
    """

    name: str
    media_type: str
    sha256: str
    text: str
    pages: tuple[PageSpan, ...] = ()
    notes: tuple[str, ...] = ()
    offsets: OffsetMap = field(default=OffsetMap((), ()), repr=False, compare=False)
    ocr: OcrLayer | None = field(default=None, repr=False, compare=False)

    @property
    def read_by_ocr(self) -> bool:
        """True when the text was recognised from page images, not read from a text layer."""
        return self.ocr is not None

    def source_location(self, offset: int) -> SourceLocation:
        """Where ``text[offset]`` comes from; ``offset == len(text)`` (the end of a span)
        maps to the position after the last character. A location in OCR text carries the
        recognised word's box."""
        if not 0 <= offset <= len(self.text):
            raise IndexError(f"offset {offset} outside text of length {len(self.text)}")
        location = self.offsets.locate(offset)
        if location.kind == "ocr" and self.ocr is not None and location.index is not None:
            location = dataclasses.replace(location, box=self.ocr.box(location.index, location.offset))
        return location

    def page_at(self, offset: int) -> PageSpan | None:
        """The page whose text contains ``offset`` (None for formats without pages or
        for offsets in a separator between pages)."""
        i = bisect.bisect_right([page.start for page in self.pages], offset) - 1
        if i >= 0 and offset < self.pages[i].end:
            return self.pages[i]
        return None


def finish_document(
    builder: TextBuilder,
    *,
    name: str,
    media_type: str,
    data: bytes,
    pages: tuple[PageSpan, ...] = (),
    notes: tuple[str, ...] = (),
    ocr: OcrLayer | None = None,
) -> ReadDocument:
    """Freeze the builder into a :class:`ReadDocument`; refuse text with nothing in it."""
    text, offsets = builder.build()
    if not text.strip():
        raise EmptyDocumentError(name, "no text")
    return ReadDocument(
        name=name,
        media_type=media_type,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        pages=pages,
        notes=notes,
        offsets=offsets,
        ocr=ocr,
    )
