"""Plain-text files (.txt, .md, .csv): decoding, newline normalisation, offset map.

Decoding tries, in order: UTF-8 with a byte-order mark, UTF-16 with a byte-order mark,
strict UTF-8, then cp1252 and finally latin-1 (each fallback leaves a note). CRLF and CR
become LF; the offset map points every character back to the decoded source (a CRLF's LF
to its LF, a lone CR's LF to the CR).

>>> doc = read_text(b"a\\r\\nb", "x.txt")
>>> doc.text, doc.source_location(1).offset, doc.source_location(2).offset
('a\\nb', 2, 3)
"""

from __future__ import annotations

import codecs
import re

from rightsgraph.errors import EmptyDocumentError, UnreadableDocumentError

from .document import ReadDocument, SourceLocation, TextBuilder, finish_document

_LINE_BREAK = re.compile(r"\r\n?")
# C0 and C1 control characters other than \t \n \v \f \r
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.05


def decode_text(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """Decode ``data``; returns the text (without byte-order mark) and notes on fallbacks.

    >>> decode_text("ça".encode("utf-16"), "x.txt")
    ('ça', ())
    >>> decode_text("ça".encode("cp1252"), "x.txt")
    ('ça', ('not valid UTF-8; decoded as cp1252',))
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", name), ()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name), ()
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), ("not valid UTF-8; decoded as cp1252",)
    except UnicodeDecodeError:
        return data.decode("latin-1"), ("not valid UTF-8 or cp1252; decoded as latin-1",)


def refuse_binary(text: str, name: str) -> None:
    """Raise :class:`UnreadableDocumentError` for NUL bytes or mostly control characters."""
    if "\x00" in text:
        raise UnreadableDocumentError(name, "NUL bytes in text (binary file?)")
    controls = sum(1 for _ in _BINARY_CONTROL.finditer(text))
    if text and controls / len(text) > _MAX_CONTROL_SHARE:
        raise UnreadableDocumentError(name, "mostly binary content, not text")


def read_text(data: bytes, name: str, media_type: str = "text/plain") -> ReadDocument:
    """Read a text file's bytes into a :class:`ReadDocument` (no pages)."""
    decoded, notes = decode_text(data, name)
    if not decoded.strip():
        raise EmptyDocumentError(name, "empty or whitespace-only text")
    refuse_binary(decoded, name)
    builder = TextBuilder()
    append_with_lf(builder, decoded, SourceLocation(kind="text", offset=0))
    return finish_document(builder, name=name, media_type=media_type, data=data, notes=notes)


def append_with_lf(builder: TextBuilder, source: str, origin: SourceLocation) -> None:
    """Append ``source`` (a unit starting at ``origin``) with CRLF/CR turned into LF."""
    position = 0
    for match in _LINE_BREAK.finditer(source):
        builder.add(source[position : match.start()], origin, at=origin.offset + position)
        # the LF maps to the line break's last character, so a CRLF's CR is the one skipped
        builder.add("\n", origin, at=origin.offset + match.end() - 1)
        position = match.end()
    builder.add(source[position:], origin, at=origin.offset + position)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadableDocumentError(
            name, f"invalid {encoding} at byte {error.start}", encoding=encoding
        ) from error
