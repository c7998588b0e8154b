"""Word files (.docx, python-docx): body paragraphs and tables in order, then footnotes.

Each body paragraph is one line (a manual line break inside it stays a newline); runs of
empty paragraphs become one blank line. A table becomes one line per row with the cells
separated by tabs (a cell spanning columns is followed by empty cells so columns line up;
newlines inside a cell become spaces). Footnotes, which python-docx does not expose, are read
from the footnotes part and appended after a blank line, one per line, each preceded by its
id. Headers, footers, text boxes, comments and tables nested in cells are not read.

Offsets map to ``Document.paragraphs[index].text`` (``kind="paragraph"``), to
``Document.tables[t].rows[r].cells[c].text`` (``kind="table_cell"``, ``path`` names it) or
to a footnote's text, its paragraphs joined by LF (``kind="footnote"``, ``index`` = id).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.exceptions import OpcError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from rightsgraph.errors import DocumentTooLargeError, UnreadableDocumentError

from .document import ReadDocument, SourceLocation, TextBuilder, finish_document

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAIN_PART = "word/document.xml"
UNPACKED_SIZE_FACTOR = 20

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SEPARATOR_FOOTNOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
# zipfile reports a damaged archive with these (bad structure, unsupported zip version or
# compression, broken deflate streams, short reads).
_ZIP_FAILURES: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    EOFError,
    ValueError,
    struct.error,
    zlib.error,
)
# python-docx adds its own (missing parts, malformed XML, wrong content type).
_DOCX_FAILURES: tuple[type[BaseException], ...] = (
    *_ZIP_FAILURES,
    OpcError,
    KeyError,
    etree.XMLSyntaxError,
)


@dataclass(frozen=True, slots=True)
class _Piece:
    """Text copied from one unit; ``text`` has the unit's length from ``origin.offset``."""

    text: str
    origin: SourceLocation


_Block = list[_Piece | str]  # one output line: pieces and inserted separators


def is_docx_zip(data: bytes) -> bool:
    """Whether ``data`` is a zip archive holding ``word/document.xml``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return MAIN_PART in archive.namelist()
    except _ZIP_FAILURES:
        return False


def read_docx(data: bytes, name: str, *, max_bytes: int) -> ReadDocument:
    """Read a .docx; anything that is not a readable Word package raises
    :class:`UnreadableDocumentError`; a package unpacking to more than
    ``UNPACKED_SIZE_FACTOR * max_bytes`` raises :class:`DocumentTooLargeError`."""
    _check_package(data, name, max_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_body_blocks(document))
        footnotes = list(_footnote_blocks(document))
    except _DOCX_FAILURES as error:
        raise UnreadableDocumentError(name, f"corrupt Word file: {_short(error)}") from error
    builder = TextBuilder()
    _emit(builder, blocks)
    if footnotes:
        builder.add_inserted("\n\n")
        _emit(builder, footnotes)
    return finish_document(builder, name=name, media_type=MEDIA_TYPE, data=data)


def _check_package(data: bytes, name: str, max_bytes: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except _ZIP_FAILURES as error:
        raise UnreadableDocumentError(name, f"not a Word file: {_short(error)}") from error
    if MAIN_PART not in {entry.filename for entry in entries}:
        raise UnreadableDocumentError(name, f"not a Word file: zip without {MAIN_PART}")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > UNPACKED_SIZE_FACTOR * max_bytes:
        raise DocumentTooLargeError(
            name, f"unpacks to {unpacked} bytes (limit {UNPACKED_SIZE_FACTOR * max_bytes})"
        )


def _short(error: BaseException) -> str:
    message = str(error).strip() or type(error).__name__
    return message if len(message) <= 120 else message[:117] + "..."


def _body_blocks(document: docx.document.Document) -> Iterator[_Block]:
    paragraph_index = table_index = 0
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            origin = SourceLocation(kind="paragraph", offset=0, index=paragraph_index)
            yield [_Piece(item.text, origin)]
            paragraph_index += 1
        elif isinstance(item, Table):
            yield from _table_blocks(item, table_index)
            table_index += 1


def _table_blocks(table: Table, table_index: int) -> Iterator[_Block]:
    for r, row in enumerate(table.rows):
        block: _Block = []
        cells = row.cells
        c = 0
        while c < len(cells):
            if block:
                block.append("\t")
            path = f"tables[{table_index}].rows[{r}].cells[{c}]"
            origin = SourceLocation(kind="table_cell", offset=0, index=table_index, path=path)
            cell_text = cells[c].text.replace("\n", " ").replace("\t", " ")
            block.append(_Piece(cell_text, origin))
            span = max(cells[c].grid_span, 1)
            block.extend("\t" * (span - 1))
            c += span
        yield block


def _footnote_blocks(document: docx.document.Document) -> Iterator[_Block]:
    try:
        part = document.part.part_related_by(RELATIONSHIP_TYPE.FOOTNOTES)
    except KeyError:
        return
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(part.blob, parser)
    for footnote in root.iter(f"{_W}footnote"):
        if footnote.get(f"{_W}type") in _SEPARATOR_FOOTNOTES:
            continue
        identifier = footnote.get(f"{_W}id", "")
        text = "\n".join(_paragraph_text(p) for p in footnote.iter(f"{_W}p")).strip("\n")
        if not text.strip():
            continue
        index = int(identifier) if identifier.lstrip("-").isdigit() else None
        origin = SourceLocation(kind="footnote", offset=0, index=index)
        yield [f"{identifier} ", _Piece(text, origin)]


def _paragraph_text(paragraph: etree._Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        else:
            parts.append("\t" if node.tag == f"{_W}tab" else "\n")
    return "".join(parts)


def _emit(builder: TextBuilder, blocks: list[_Block]) -> None:
    """Write blocks one per line; runs of empty blocks become one blank line."""
    written = blank_pending = False
    for block in blocks:
        if not any(isinstance(item, _Piece) and item.text.strip() for item in block):
            blank_pending = written
            continue
        if written:
            builder.add_inserted("\n\n" if blank_pending else "\n")
        for item in block:
            if isinstance(item, _Piece):
                builder.add(item.text, item.origin)
            else:
                builder.add_inserted(item)
        written, blank_pending = True, False
