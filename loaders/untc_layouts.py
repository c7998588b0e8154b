"""The layouts a treaty status table comes in, read into rows of quoted cells.

Each reader finds its layout in the document text or returns None, and keeps the offsets of
every participant name and every date cell so that the facts built from them quote the text:

- :func:`read_delimited`: the UNTC CSV export (``Participant,Signature,<action column>``)
  and the tab-separated lines the HTML reader makes of a status page's table rows;
- :func:`read_html_table`: the raw HTML of a status page, when the text handed over is
  still markup (rows and cells found by their tags, so offsets point into the markup);
- :func:`read_pdf_layer`: the text layer of a UNTC status PDF (names with dotted leaders,
  footnote digits glued to names, names wrapped over two lines, dates split from years);
- :func:`read_verdragen`: the party entries of verdragen.nl (``Ratification: 19-09-2002
  (A)``, ``Entry into force: 19-10-2002``).

What an action cell's suffix means is read from the table's own header
(:func:`header_kinds`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from rightsgraph.loaders.facts import ActionKind, Evidence, LoadWarning
from rightsgraph.loaders.untc_dates import find_dates, find_yearless

CellRole = Literal["signature", "action", "entry_into_force"]

STANDARD_SUFFIXES: dict[str, ActionKind] = {
    "a": "accession",
    "d": "succession",
    "A": "acceptance",
    "AA": "approval",
    "c": "formal_confirmation",
    "s": "definitive_signature",
}
_KIND_WORDS: dict[str, ActionKind] = {
    "formal confirmation": "formal_confirmation",
    "definitive signature": "definitive_signature",
    "denunciation": "denunciation",
    "withdrawal": "withdrawal",
    "ratification": "ratification",
    "accession": "accession",
    "succession": "succession",
    "acceptance": "acceptance",
    "approval": "approval",
}


@dataclass(frozen=True, slots=True)
class HeaderKinds:
    """What an action cell means: its kind without a suffix, and each suffix's kind."""

    unsuffixed: ActionKind = "ratification"
    by_suffix: dict[str, ActionKind] = field(default_factory=lambda: dict(STANDARD_SUFFIXES))


@dataclass(frozen=True, slots=True)
class StatusCell:
    role: CellRole
    evidence: Evidence  # the cell as written (trimmed)
    value: str  # the cell's text (markup removed), what dates are read from
    kind: ActionKind | None = None  # set when a label says it (verdragen.nl)


@dataclass(frozen=True, slots=True)
class StatusRow:
    name: Evidence  # the participant's name as written (may span lines, carry footnotes)
    value: str  # the name cleaned: no leaders, footnote digits or line breaks
    cells: tuple[StatusCell, ...]


@dataclass(frozen=True, slots=True)
class StatusLayout:
    layout: Literal["delimited", "html", "pdf", "verdragen"]
    rows: tuple[StatusRow, ...]
    kinds: HeaderKinds
    warnings: tuple[LoadWarning, ...] = ()


# --- shared helpers ---------------------------------------------------------------------

_FOOTNOTE_TAIL = re.compile(r"[\s\d*,†‡]+$")


def clean_name(raw: str) -> str:
    """A participant name without footnote marks, leaders or line breaks.

    >>> clean_name("Bolivia (Plurinational\\nState of)")
    'Bolivia (Plurinational State of)'
    >>> clean_name("Belgium1")
    'Belgium'
    """
    return _FOOTNOTE_TAIL.sub("", " ".join(raw.split()))


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for every line of ``text``, without the line break."""
    start = 0
    for line in text.split("\n"):
        yield start, line.rstrip("\r")
        start += len(line) + 1


def trimmed(text: str, start: int, end: int) -> Evidence:
    """The span ``text[start:end]`` without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(start, end, text[start:end])


def header_kinds(header: str) -> tuple[HeaderKinds, list[str]]:
    """The kinds an action column header admits, and the parts of it not understood.

    >>> kinds, _ = header_kinds("Accession(a), Succession(d), Ratification")
    >>> kinds.unsuffixed, kinds.by_suffix
    ('ratification', {'a': 'accession', 'd': 'succession'})
    """
    unsuffixed: ActionKind | None = None
    by_suffix: dict[str, ActionKind] = {}
    unknown: list[str] = []
    for part in header.split(","):
        match = re.fullmatch(r"\s*([A-Za-z][A-Za-z ]*?)\s*(?:\(\s*([A-Za-z]{1,2})\s*\))?\s*", part)
        kind = _KIND_WORDS.get(match.group(1).lower()) if match else None
        if match is None or kind is None:
            if part.strip():
                unknown.append(part.strip())
            continue
        if match.group(2):
            by_suffix[match.group(2)] = kind
        elif unsuffixed is None:
            unsuffixed = kind
    return HeaderKinds(unsuffixed or "ratification", by_suffix), unknown


def _is_signature_header(header: str) -> bool:
    return header.strip().lower().startswith("signature")


def _is_participant_header(cell: str) -> bool:
    """A table cell that reads "Participant" (plus, perhaps, a footnote mark)."""
    return re.fullmatch(r"\s*participants?\s*[\d*]*\s*", cell, re.IGNORECASE) is not None


def _starts_with_participant(line: str) -> bool:
    """A PDF heading line: "Participant", maybe followed by the other column headings."""
    return re.match(r"\s*participants?\b", line, re.IGNORECASE) is not None


def _row_from_cells(
    name: Evidence, name_value: str, cells: list[tuple[Evidence, str]], roles: list[CellRole]
) -> StatusRow:
    status_cells = tuple(
        StatusCell(role, evidence, value)
        for (evidence, value), role in zip(cells, roles, strict=False)
        if value.strip()
    )
    return StatusRow(name, clean_name(name_value), status_cells)


def _layout_from_table(
    layout: Literal["delimited", "html"],
    header: list[str] | None,
    body: list[list[tuple[Evidence, str]]],
) -> StatusLayout:
    """Rows of (cell evidence, cell value) under a header -> a :class:`StatusLayout`."""
    warnings: list[LoadWarning] = []
    if header is None:
        header = ["Participant", "Signature", "Ratification"]
        warnings.append(
            LoadWarning(
                "status table without a header row: read as Participant, Signature, "
                "Ratification with the usual suffixes (a, d, A, AA)"
            )
        )
    roles: list[CellRole] = [
        "signature" if _is_signature_header(h) else "action" for h in header[1:]
    ]
    action_headers = [h for h, role in zip(header[1:], roles, strict=True) if role == "action"]
    kinds = HeaderKinds()
    if action_headers:
        kinds, unknown = header_kinds(action_headers[0])
        if unknown:
            warnings.append(LoadWarning(f"action column header parts not understood: {unknown}"))
    rows = []
    for cells in body:
        name, name_value = cells[0]
        extra = len(cells) - 1 - len(roles)
        cell_roles = roles + ["action"] * max(extra, 0)
        rows.append(_row_from_cells(name, name_value, cells[1:], cell_roles))
        if extra > 0:
            warnings.append(LoadWarning(f"row has {extra} cell(s) more than the header", name))
    return StatusLayout(layout, tuple(rows), kinds, tuple(warnings))


# --- CSV and tab-separated lines --------------------------------------------------------


def split_delimited(
    line: str, offset: int, text: str, delimiter: str
) -> list[tuple[Evidence, str]]:
    """The cells of one CSV or tab-separated line, each with its evidence and value.

    A quoted CSV cell's evidence is its inside, as written (doubled quotes stay doubled).
    """
    cells: list[tuple[Evidence, str]] = []
    position = 0
    while True:
        if delimiter == "," and line[position:].lstrip().startswith('"'):
            opening = line.index('"', position)
            closing = opening + 1
            while closing < len(line):
                if line[closing] == '"' and line[closing + 1 : closing + 2] == '"':
                    closing += 2
                elif line[closing] == '"':
                    break
                else:
                    closing += 1
            evidence = trimmed(text, offset + opening + 1, offset + closing)
            value = evidence.text.replace('""', '"')
            next_delimiter = line.find(delimiter, closing)
        else:
            next_delimiter = line.find(delimiter, position)
            end = len(line) if next_delimiter < 0 else next_delimiter
            evidence = trimmed(text, offset + position, offset + end)
            value = evidence.text
        cells.append((evidence, value))
        if next_delimiter < 0:
            return cells
        position = next_delimiter + 1


# The heading of the notes a status page prints below its table ("Notes:", "Footnotes"):
# what follows is not a row.
NOTES_HEADING = re.compile(r"^[ \t]*(?:Foot)?[Nn]otes?[ \t]*:?[ \t]*$", re.M)


def read_delimited(text: str) -> StatusLayout | None:
    """A CSV or tab-separated status table: a ``Participant`` header row, then one row per
    non-empty line (lines without the delimiter end a tab-separated table, a notes heading
    ends any table)."""
    lines = list(iter_lines(text))
    for index, (offset, line) in enumerate(lines):
        delimiter = "\t" if "\t" in line else ","
        if delimiter not in line:
            continue
        header_cells = split_delimited(line, offset, text, delimiter)
        if not _is_participant_header(header_cells[0][1]) or len(header_cells) < 2:
            continue
        body = []
        for row_offset, row_line in lines[index + 1 :]:
            if not row_line.strip():
                continue
            if (delimiter == "\t" and "\t" not in row_line) or NOTES_HEADING.match(row_line):
                break
            body.append(split_delimited(row_line, row_offset, text, delimiter))
        return _layout_from_table("delimited", [v for _, v in header_cells], body)
    return None


# --- raw HTML ---------------------------------------------------------------------------

_TR = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"<t([dh])\b[^>]*>(.*?)</t\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def _html_cell(text: str, start: int, end: int) -> tuple[Evidence, str]:
    """The cell's text from its first to its last visible character, and its value."""
    fragment = text[start:end]
    nodes = [
        (m.start(), m.end())
        for m in re.finditer(r"[^<>]+", fragment)
        if (m.start() == 0 or fragment[m.start() - 1] == ">") and m.group().strip()
    ]
    if not nodes:
        return Evidence(start, start, ""), ""
    evidence = trimmed(text, start + nodes[0][0], start + nodes[-1][1])
    value = " ".join(html.unescape(_TAG.sub("", evidence.text)).split())
    return evidence, value


def read_html_table(text: str) -> StatusLayout | None:
    """A status table still in HTML markup: the first ``<tr>`` whose first cell reads
    ``Participant`` is the header; the following rows are participants."""
    header: list[str] | None = None
    body: list[list[tuple[Evidence, str]]] = []
    for row in _TR.finditer(text):
        cells = [
            _html_cell(text, c.start(2), c.end(2))
            for c in _CELL.finditer(text, row.start(1), row.end(1))
        ]
        if not cells:
            continue
        if header is None:
            if _is_participant_header(cells[0][1]):
                header = [value for _, value in cells]
            continue
        if cells[0][1]:
            body.append(cells)
    if header is None:
        return None
    return _layout_from_table("html", header, body)


# --- PDF text layer ---------------------------------------------------------------------

# A name starts with a letter ("[...excerpt ends here...]" is no entry); leaders are 3+ dots.
_LEADER_LINE = re.compile(r"^\s*(?P<name>[^\W\d_].*?)\s*\.{3,}[\s.]*(?P<rest>[^\]]*?)\s*$")
_YEAR_LINE = re.compile(r"^\s*(?:1[89]|20)\d\d\b[^A-Za-z]*(?:[A-Za-z]{1,2})?\s*$")
_SUFFIXED_DATE = re.compile(r"^\S.*?\s*(?:a|d|A|AA)\b[\d\s]*$")


def _is_name_prefix(line: str) -> bool:
    """A line that can be the first half of a participant name wrapped by the PDF layout."""
    stripped = line.strip()
    return (
        bool(stripped)
        and stripped[0].isupper()
        and "..." not in stripped
        and not stripped.isupper()
        and not _is_signature_header(stripped)
        and not _starts_with_participant(stripped)
        and not re.search(r"\(a\)|Ratification|Accession", stripped)
    )


def _pdf_cells(text: str, start: int, end: int) -> list[StatusCell]:
    """Date cells in one PDF entry: each date (with or without year) up to the next one."""
    tokens = sorted(
        [(m.start, m.end) for m in find_dates(text, start, end)]
        + [(m.start, m.end) for m in find_yearless(text, start, end)]
    )
    cells: list[StatusCell] = []
    for index, (token_start, _) in enumerate(tokens):
        token_end = tokens[index + 1][0] if index + 1 < len(tokens) else end
        evidence = trimmed(text, token_start, token_end)
        suffixed = _SUFFIXED_DATE.match(evidence.text) is not None
        has_signature = any(cell.role == "signature" for cell in cells)
        role: CellRole = "action" if suffixed or has_signature else "signature"
        cells.append(StatusCell(role, evidence, evidence.text))
    return cells


def read_pdf_layer(text: str) -> StatusLayout | None:
    """The text layer of a UNTC status PDF: entries after the ``Participant`` heading.

    One unsuffixed date in an entry is the signature (a State cannot ratify without
    signing, and accessions carry ``a``); a second date is the action. A year that the
    layout moved to the next line is joined back to its day and month.
    """
    lines = list(iter_lines(text))
    start_index = next(
        (
            i
            for i, (_, line) in enumerate(lines)
            if _starts_with_participant(line) and len(line.strip()) < 120
        ),
        None,
    )
    if start_index is None:
        return None
    header_text: list[str] = [lines[start_index][1]]
    rows: list[StatusRow] = []
    index = start_index + 1
    while index < len(lines):
        offset, line = lines[index]
        match = _LEADER_LINE.match(line)
        if match is None:
            if not rows and line.strip() and not _is_name_prefix(line):
                header_text.append(line.strip())
            index += 1
            continue
        name_start = offset + match.start("name")
        if index > start_index + 1 and _is_name_prefix(lines[index - 1][1]):
            previous_offset, previous = lines[index - 1]
            name_start = previous_offset + len(previous) - len(previous.lstrip())
        name = trimmed(text, name_start, offset + match.end("name"))
        rest_end = offset + match.end("rest")
        if index + 1 < len(lines) and _YEAR_LINE.match(lines[index + 1][1]):
            index += 1
            rest_end = lines[index][0] + len(lines[index][1])
        cells = _pdf_cells(text, offset + match.start("rest"), rest_end)
        rows.append(StatusRow(name, clean_name(name.text), tuple(cells)))
        index += 1
    if not rows:
        return None
    action_header = next((h for h in header_text if re.search(r"Ratification|Accession", h)), "")
    kinds = header_kinds(action_header)[0] if action_header else HeaderKinds()
    return StatusLayout("pdf", tuple(rows), kinds)


# --- verdragen.nl -----------------------------------------------------------------------

_LABEL_LINE = re.compile(
    r"^\s*(?:[•\-*·]\s*)?(?P<label>Signature|Ratification|Acceptance|Approval|Accession"
    r"|Succession|Entry into force)\s*:\s*(?P<value>\S.*?)\s*$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*[•\-*·]\s")
_MARKERS: dict[str, ActionKind] = {"R": "ratification", "A": "accession"}
_NOT_PARTY_HEADINGS = {"general information", "treaty", "party", "kingdom part"}


def _verdragen_cell(
    text: str, offset: int, line: str, match: re.Match[str]
) -> tuple[StatusCell, str | None]:
    """A labelled line as a cell, and the marker it carries when it is not understood."""
    label = match.group("label").lower()
    evidence = trimmed(text, offset + match.start("value"), offset + match.end("value"))
    if label == "signature":
        return StatusCell("signature", evidence, evidence.text), None
    if label == "entry into force":
        return StatusCell("entry_into_force", evidence, evidence.text), None
    kind = _KIND_WORDS[label]
    marker = re.search(r"\(\s*([A-Za-z]{1,2})\s*\)", evidence.text)
    unknown = None
    if marker is not None:
        kind = _MARKERS.get(marker.group(1).upper(), kind)
        unknown = None if marker.group(1).upper() in _MARKERS else marker.group(1)
    return StatusCell("action", evidence, evidence.text, kind), unknown


def _skips_entry(name: str, in_kingdom_part: bool) -> bool:
    """Headings, change-log lines ("Singapore added") and the parts of the Kingdom of the
    Netherlands are not party entries."""
    lowered = name.strip().lower()
    return (
        in_kingdom_part
        or lowered in _NOT_PARTY_HEADINGS
        or lowered.endswith(" added")
        or re.match(r"^\d", lowered) is not None
    )


def read_verdragen(text: str) -> StatusLayout | None:
    """verdragen.nl party entries: a name line, then labelled lines with dd-mm-yyyy dates."""
    rows: list[StatusRow] = []
    warnings: list[LoadWarning] = []
    name: Evidence | None = None
    cells: list[StatusCell] = []
    in_kingdom_part = False
    skip = True

    def flush() -> None:
        if name is not None and cells and not skip:
            rows.append(StatusRow(name, clean_name(name.text), tuple(cells)))

    for offset, line in iter_lines(text):
        label = _LABEL_LINE.match(line)
        if label is not None:
            cell, unknown = _verdragen_cell(text, offset, line, label)
            cells.append(cell)
            if unknown is not None:
                warnings.append(LoadWarning(f"unknown action marker ({unknown})", cell.evidence))
            continue
        if not line.strip() or _BULLET.match(line):
            continue
        flush()
        stripped = line.strip().lower()
        if stripped == "kingdom part":
            in_kingdom_part = True
        elif stripped == "party":
            in_kingdom_part = False
        name = trimmed(text, offset, offset + len(line))
        skip = _skips_entry(line, in_kingdom_part)
        cells = []
    flush()
    if not rows:
        return None
    return StatusLayout("verdragen", tuple(rows), HeaderKinds(), tuple(warnings))


def count_label_lines(text: str) -> int:
    """How many verdragen.nl-style labelled date lines ``text`` has."""
    return sum(
        1
        for _, line in iter_lines(text)
        if (m := _LABEL_LINE.match(line)) and find_dates(m.group("value"))
    )
