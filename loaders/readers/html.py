"""HTML pages (lxml): the visible text, one line per block, table rows as tab-separated cells.

Dropped: ``head``, ``script``, ``style``, ``nav``, ``noscript``, ``template``, embedded
``svg``/``iframe``/``object``, and elements marked ``hidden`` or styled ``display:none`` /
``visibility:hidden``; comments. Block elements (``p``, ``div``, ``h1``..., ``li``, ``br``...)
end the current line; inside a table cell they become a space. Each ``tr`` is one line with
its cells separated by tabs (a ``colspan`` adds empty cells), so a UN Treaty Collection status
table reads as ``Participant<TAB>Signature<TAB>Ratification`` rows. Whitespace (including
no-break spaces) collapses to one space within a line and is trimmed at line and cell edges.

Offsets map to the DOM text node they come from (``kind="html"``): ``path`` is an XPath such
as ``/html/body/p[2]/text()[1]`` (the element's leading text) or
``/html/body/p[2]/b/following-sibling::text()[1]`` (the text after an element).
"""

from __future__ import annotations

from collections import Counter

import codecs
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from rightsgraph.errors import EmptyDocumentError, UnreadableDocumentError

from .document import ReadDocument, SourceLocation, TextBuilder, finish_document
from .text import decode_text, refuse_binary

MEDIA_TYPE = "text/html"

_DROPPED = frozenset(
    {"head", "script", "style", "nav", "noscript", "template", "svg", "iframe", "object",
     "select", "button"}
)
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
     "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
     "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "legend", "li", "main", "ol", "p",
     "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "ul", "br"}
)
_CELLS = frozenset({"td", "th"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_WHITESPACE = re.compile(r"\s+")
_SNIFF_WINDOW = 4096


def read_html(data: bytes, name: str) -> ReadDocument:
    """Read an HTML page's visible text."""
    decoded, notes = _decode(data, name)
    refuse_binary(decoded, name)
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(decoded.encode("utf-8"), parser=parser)
    except etree.ParserError as error:
        raise EmptyDocumentError(name, f"no HTML content ({error})") from error
    except (etree.XMLSyntaxError, ValueError) as error:
        raise UnreadableDocumentError(name, f"unparseable HTML: {error}") from error
    collector = _Collector()
    _walk(root, collector)
    builder = TextBuilder()
    collector.emit(builder)
    return finish_document(builder, name=name, media_type=MEDIA_TYPE, data=data, notes=notes)


def _decode(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """Byte-order mark, then ``<meta charset>``, then the text fallbacks."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, name)
    declared = _META_CHARSET.search(data[:_SNIFF_WINDOW])
    encoding = declared.group(1).decode("ascii").lower() if declared else ""
    # as browsers do: a page that could declare UTF-16/32 in ASCII bytes is not UTF-16/32
    if encoding and not encoding.startswith(("utf-16", "utf-32")):
        try:
            return data.decode(_web_encoding(encoding)), ()
        except LookupError:
            note = f"unknown declared charset {encoding!r}"
        except UnicodeDecodeError:
            note = f"not valid in declared charset {encoding!r}"
        text, notes = decode_text(data, name)
        return text, (note, *notes)
    return decode_text(data, name)


def _web_encoding(label: str) -> str:
    """Labels browsers read as windows-1252 (WHATWG Encoding), else the label itself."""
    return "cp1252" if codecs.lookup(label).name in {"iso8859-1", "ascii", "cp1252"} else label


def _is_hidden(element: etree._Element) -> bool:
    return element.get("hidden") is not None or bool(
        _HIDDEN_STYLE.search(element.get("style") or "")
    )


class _XPaths:
    """XPaths of elements built during the walk (``getpath`` per element is linear in the
    number of siblings, so quadratic on a page of many paragraphs)."""

    def __init__(self) -> None:
        self._stack: list[tuple[str, Counter[str]]] = [("", Counter())]

    def enter(self, element: etree._Element) -> str:
        step = element.tag if isinstance(element.tag, str) else _NODE_TESTS.get(element.tag, "node()")
        parent, counts = self._stack[-1]
        counts[step] += 1
        path = f"{parent}/{step}[{counts[step]}]"
        self._stack.append((path, Counter()))
        return path

    def leave(self) -> str:
        return self._stack.pop()[0]


_NODE_TESTS = {etree.Comment: "comment()", etree.ProcessingInstruction: "processing-instruction()"}


def _walk(root: etree._Element, collector: _Collector) -> None:
    walker = etree.iterwalk(root, events=("start", "end"))
    paths = _XPaths()
    skipped: set[etree._Element] = set()
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            path = paths.enter(element)
            if tag in _DROPPED or _is_hidden(element):
                skipped.add(element)
                walker.skip_subtree()
                continue
            collector.open(tag, _colspan(element))
            if element.text:
                collector.text(element.text, SourceLocation(kind="html", offset=0, path=f"{path}/text()[1]"))
        else:
            path = paths.leave()
            if element in skipped:
                skipped.discard(element)
            else:
                collector.close(tag)
            if element.tail and element is not root:
                location = SourceLocation(kind="html", offset=0, path=f"{path}/following-sibling::text()[1]")
                collector.text(element.tail, location)


def _colspan(element: etree._Element) -> int:
    value = (element.get("colspan") or "1").strip()
    return min(int(value), 100) if value.isdigit() and int(value) > 0 else 1


@dataclass(slots=True)
class _Space:
    """A pending space: copied from a whitespace run, or inserted for a block in a cell."""

    origin: SourceLocation | None
    at: int = 0


@dataclass(slots=True)
class _Collector:
    """Turns walk events into lines of (text, origin, offset) pieces and separators."""

    lines: list[list[tuple[str, SourceLocation, int] | str]] = field(default_factory=list)
    line: list[tuple[str, SourceLocation, int] | str] = field(default_factory=list)
    cell_depth: int = 0
    cells_in_row: int = 0
    colspans: list[int] = field(default_factory=list)
    space: _Space | None = None

    def open(self, tag: str, colspan: int) -> None:
        if tag == "tr":
            self.end_line()
            self.cells_in_row = 0
        elif tag in _CELLS:
            if self.cell_depth == 0:
                if self.cells_in_row:
                    self.line.append("\t")
                self.cells_in_row += 1
                self.space = None
            self.cell_depth += 1
            self.colspans.append(colspan)
        elif tag in _BLOCKS:
            self.block_break()

    def close(self, tag: str) -> None:
        if tag == "tr":
            self.end_line()
        elif tag in _CELLS and self.cell_depth:
            self.cell_depth -= 1
            colspan = self.colspans.pop()
            if self.cell_depth == 0:
                self.line.extend("\t" * (colspan - 1))
                self.space = None
        elif tag in _BLOCKS:
            self.block_break()

    def block_break(self) -> None:
        if self.cell_depth:
            if self._ends_with_text():
                self.space = _Space(None)
        else:
            self.end_line()

    def end_line(self) -> None:
        if any(not isinstance(item, str) and item[0].strip() for item in self.line):
            self.lines.append(self.line)
        self.line = []
        self.space = None

    def text(self, raw: str, origin: SourceLocation) -> None:
        position = 0
        for match in _WHITESPACE.finditer(raw):
            self._word(raw[position : match.start()], origin, position)
            if self._ends_with_text():
                self.space = _Space(origin, match.start())
            position = match.end()
        self._word(raw[position:], origin, position)

    def _word(self, word: str, origin: SourceLocation, at: int) -> None:
        if not word:
            return
        if self.space is not None and self._ends_with_text():
            space = self.space
            self.line.append(" " if space.origin is None else (" ", space.origin, space.at))
        self.space = None
        self.line.append((word, origin, at))

    def _ends_with_text(self) -> bool:
        return bool(self.line) and not isinstance(self.line[-1], str)

    def emit(self, builder: TextBuilder) -> None:
        self.end_line()
        for number, line in enumerate(self.lines):
            if number:
                builder.add_inserted("\n")
            for item in line:
                if isinstance(item, str):
                    builder.add_inserted(item)
                else:
                    builder.add(item[0], item[1], at=item[2])
