"""Readers: any supported document -> :class:`ReadDocument` (plain text + offset map).

:func:`read_document` chooses the reader from the content first (``%PDF-``, a zip holding
``word/document.xml``, ``<html`` / ``<!doctype html``), then from the name's extension
(.txt .md .csv .pdf .docx .html .htm); a source without extension is read as text. Every
failure a user can cause is a :class:`~rightsgraph.errors.DocumentError` whose message starts
with the document's name.

>>> doc = read_document(b"Excellency,\\r\\nWe have the honour", "letter.txt")
>>> doc.text
'Excellency,\\nWe have the honour'
>>> doc.source_location(doc.text.index("We")).offset
13
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath

from rightsgraph.errors import (
    DocumentTooLargeError,
    EmptyDocumentError,
    UnreadableDocumentError,
    UnsupportedFormatError,
)

from .document import OffsetMap, PageSpan, ReadDocument, SourceLocation
from .docx import is_docx_zip, read_docx
from .html import read_html
from .pdf import read_pdf
from .text import read_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "OffsetMap",
    "PageSpan",
    "ReadDocument",
    "SourceLocation",
    "SUPPORTED_EXTENSIONS",
    "read_document",
]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_SNIFF_WINDOW = 1024
_ZIP_MAGIC = b"PK\x03\x04"
_HTML_STARTS = (b"<html", b"<!doctype html")
_TEXT_TYPES = {".txt": "text/plain", ".md": "text/markdown", ".csv": "text/csv"}
SUPPORTED_EXTENSIONS = (*_TEXT_TYPES, ".pdf", ".docx", ".html", ".htm")

_Reader = Callable[[bytes, str, int], ReadDocument]


def read_document(
    source: Path | bytes,
    name: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ReadDocument:
    """Read a file (``Path``) or its bytes into a :class:`ReadDocument`.

    ``name`` labels the document (default: the file name, or ``"<bytes>"``) and its
    extension is used when the content does not say what the format is. Raises
    :class:`EmptyDocumentError`, :class:`UnreadableDocumentError`,
    :class:`UnsupportedFormatError` or :class:`DocumentTooLargeError` (checked before a file
    is read).
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        label = name or "<bytes>"
        data = bytes(source)
        _check_size(len(data), label, max_bytes)
    else:
        path = Path(source)
        label = name or path.name
        data = _read_file(path, label, max_bytes)
    if not data.strip():
        raise EmptyDocumentError(label, "empty file" if not data else "whitespace-only file")
    reader = _choose_reader(data, label)
    return reader(data, label, max_bytes)


def _check_size(size: int, label: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise DocumentTooLargeError(
            label, f"{size} bytes exceeds the limit of {max_bytes}", size=size, limit=max_bytes
        )


def _read_file(path: Path, label: str, max_bytes: int) -> bytes:
    try:
        _check_size(path.stat().st_size, label, max_bytes)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise UnreadableDocumentError(label, f"cannot read file: {error.strerror}") from error
    _check_size(len(data), label, max_bytes)
    return data


def _choose_reader(data: bytes, label: str) -> _Reader:
    sniffed = _sniff(data)
    if sniffed is not None:
        return sniffed
    suffix = PurePath(label).suffix.lower()
    if suffix in _TEXT_TYPES:
        media_type = _TEXT_TYPES[suffix]
        return lambda data, name, _limit: read_text(data, name, media_type)
    if suffix == ".pdf":
        return _pdf
    if suffix == ".docx":
        return _docx
    if suffix in (".html", ".htm"):
        return _html
    if not suffix:
        return lambda data, name, _limit: read_text(data, name)
    supported = ", ".join(SUPPORTED_EXTENSIONS)
    raise UnsupportedFormatError(
        label, f"unsupported format {suffix!r} (supported: {supported})", extension=suffix
    )


def _sniff(data: bytes) -> _Reader | None:
    """The reader the content's magic bytes call for, if any."""
    head = data[:_SNIFF_WINDOW]
    if head.startswith(b"%PDF-") or head.lstrip().startswith(b"%PDF-"):
        return _pdf
    if head.startswith(_ZIP_MAGIC) and is_docx_zip(data):
        return _docx
    if head.removeprefix(b"\xef\xbb\xbf").lstrip().lower().startswith(_HTML_STARTS):
        return _html
    return None


def _pdf(data: bytes, name: str, _max_bytes: int) -> ReadDocument:
    return read_pdf(data, name)


def _docx(data: bytes, name: str, max_bytes: int) -> ReadDocument:
    return read_docx(data, name, max_bytes=max_bytes)


def _html(data: bytes, name: str, _max_bytes: int) -> ReadDocument:
    return read_html(data, name)
