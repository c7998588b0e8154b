"""A report's citable structure: headings, numbered paragraphs, sub-paragraphs, footnotes.

UN reports number their paragraphs 1, 2, 3 ... through the whole document, so a paragraph
is a line that starts with the next number in that sequence ("- 14. While ...", "1.Special
procedures ..."); numbers out of sequence (a list inside a paragraph, a table of contents)
are not paragraphs. Sub-paragraphs are lines starting "(a)", "(b)" ... in sequence, where a
"(1)" printed for "(l)" keeps the letter the sequence expects.

PDF artefacts: a paragraph split by a page break runs on after the page's footer and
footnotes; its span covers them, and its ``parts`` leave them out (the text after the
footnote block resumes with a lower-case word).

Ontology terms produced (by ``graph/rdf_report.py``): ``rg:ReportSection``,
``rg:ReportParagraph`` (an ``eli:LegalResourceSubdivision``), ``rg:Footnote``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.facts import Evidence, Footnote, ReportParagraph, ReportSection

_LIST_MARK = r"[ \t]*(?:[-*•][ \t]+)?\**"
PARAGRAPH_RE = re.compile(r"^" + _LIST_MARK + r"(?P<num>\d{1,3})\.\**(?=[ \t]*[\"“(A-Za-z])", re.MULTILINE)
SUB_RE = re.compile(r"^" + _LIST_MARK + r"\((?P<sub>[a-z]{1,2}|\d{1,2})\)\**[ \t]+(?=\S)", re.MULTILINE)
_MARKDOWN_HEADING_RE = re.compile(r"^[ \t]*#{1,6}[ \t]+(?P<title>\S[^\n]*)$", re.MULTILINE)
_NUMBERED_TITLE_RE = re.compile(r"^(?P<num>[IVXL]{1,6}|[A-H])\.[ \t]*(?P<title>[A-Z\"“][^\n]*)$")
_PLAIN_HEADING_RE = re.compile(
    r"^[ \t]*(?P<line>(?:[IVXL]{1,6}|[A-H])\.[ \t]*[A-Z\"“][^\n]{1,160}"
    r"|(?:Recommendations\s+)?[Tt]o\s+(?:the\s+|all\s+)?(?:[A-Z]|business|compan|technology|civil|private"
    r"|internet|online|national|regional|international|donors|parents)[^\n.;]{1,80}:?|Annex(?:es)?(?:[ \t]+[IVX]{1,4})?)[ \t]*$",
    re.MULTILINE,
)
_ANNEX_RE = re.compile(r"^Annex(?:es)?\b")
# "<sup>12</sup>", "<sup>&</sup>lt;sup>12</sup>", "$<sup>^{6}\</sup>" at a line start: a footnote.
FOOTNOTE_RE = re.compile(
    r"^[ \t$]*<sup>(?:&</sup>lt;sup>)?(?:\^\{)?(?P<num>\d{1,3})\}?\\?(?:\\ )?</sup>[ \t]*(?P<text>[^\n]*)$",
    re.MULTILINE,
)
FOOTNOTE_CALL_RE = re.compile(r"<sup>(?P<num>\d{1,3})</sup>|(?<=[a-z.,;:\"”)])(?P<plain>\d{1,3})(?=[\s.,;]|$)")
PLAIN_FOOTNOTE_RE = re.compile(r"^[ \t]*(?P<num>\d{1,3})[ \t]+(?P<text>[A-Z\"“][^\n]*)$")
# "24-12520 3/26", "3/26 24-12520", "GE.14-24831 (E)", a page's running head "A/HRC/28/56".
PAGE_FURNITURE_RE = re.compile(
    r"^[ \t*]*(?:\d{2}-\d{5}[ \t]+\d+/\**\d+\**|\d+/\d+[ \t]+\d{2}-\d{5}|GE\.\d{2}-\d{5}[^\n]*"
    r"|\d{0,3}[ \t]*[AES]/(?:HRC/)?\d+/\d+(?:/Add\.\d+)?)[ \t*]*$"
)


# Runs tried from this many "1." lines at most (a text of numbered lists is not rescanned per list).
_MAX_RUN_STARTS = 25


@dataclass(frozen=True, slots=True)
class _Marker:
    """Where a numbered paragraph or sub-paragraph starts and where its text begins."""

    label: str
    start: int
    text_start: int


def find_paragraph_markers(text: str) -> list[_Marker]:
    """The longest run 1, 2, 3 ... of line-start paragraph numbers (each number once).

    >>> [m.label for m in find_paragraph_markers("1. One.\\n3. Not.\\n2. Two.\\n1. Stray.\\n3. Three.")]
    ['1', '2', '3']
    """
    candidates = [_Marker(m["num"], m.start(), m.end()) for m in PARAGRAPH_RE.finditer(text)]
    starts = [index for index, marker in enumerate(candidates) if marker.label == "1"]
    best: list[_Marker] = []
    for index in starts[:_MAX_RUN_STARTS]:
        run = _run_from(candidates[index:])
        if len(run) > len(best):
            best = run
    return best


def _run_from(candidates: list[_Marker]) -> list[_Marker]:
    run: list[_Marker] = []
    for marker in candidates:
        if int(marker.label) == len(run) + 1:
            run.append(marker)
    return run


def find_sub_markers(text: str, start: int, end: int) -> list[_Marker]:
    """Sub-paragraph letters (a), (b) ... in sequence between ``start`` and ``end``."""
    out: list[_Marker] = []
    for match in SUB_RE.finditer(text, start, end):
        expected = _letter(len(out))
        if _same_letter(match["sub"], expected):
            out.append(_Marker(expected, match.start(), match.end()))
    return out


def _letter(index: int) -> str:
    """a..z, then aa, bb ... as UN documents continue."""
    return chr(ord("a") + index) if index < 26 else chr(ord("a") + index % 26) * 2


def _same_letter(printed: str, expected: str) -> bool:
    """True when ``printed`` is ``expected``, or the "(1)"/"(l)" and "(0)"/"(o)" misprints."""
    return printed == expected or (printed, expected) in (("1", "l"), ("0", "o"), ("11", "ll"))


def find_sections(text: str, start: int = 0) -> list[ReportSection]:
    """Headings from ``start`` on: Markdown headings and plain "VI. Conclusions" lines."""
    found: dict[int, ReportSection] = {}
    for match in _MARKDOWN_HEADING_RE.finditer(text, start):
        found[match.start("title")] = _section(text, match.start("title"), match.end("title"))
    for match in _PLAIN_HEADING_RE.finditer(text, start):
        if match.start("line") not in found and not _inside_sentence(match["line"]):
            found[match.start("line")] = _section(text, match.start("line"), match.end("line"))
    return [found[k] for k in sorted(found) if found[k].title]


def _inside_sentence(line: str) -> bool:
    """A wrapped sentence line ("To that end, States should ...") is no heading."""
    return line.rstrip().endswith((".", ";", ",")) or len(line.split()) > 20


def _section(text: str, start: int, end: int) -> ReportSection:
    raw = re.sub(r"[*_]{1,2}", "", text[start:end]).strip()
    numbered = _NUMBERED_TITLE_RE.match(raw)
    if numbered:
        number = numbered["num"]
        level = 2 if len(number) == 1 and number not in "IVX" else 1
        return ReportSection(number, numbered["title"].strip(), level, evidence(text, start, end))
    level = 1 if _ANNEX_RE.match(raw) else 3
    return ReportSection(None, raw.rstrip(":").strip(), level, evidence(text, start, end))


def is_footnote_line(line: str) -> bool:
    return bool(FOOTNOTE_RE.match(line))


def find_footnotes(text: str) -> list[Footnote]:
    """Footnotes printed with a superscript number at the start of their line, or (plain
    text of a PDF) "12 See ..." lines in the block under a page footer."""
    marked = [
        Footnote(m["num"], " ".join(m["text"].split()).strip(), evidence(text, m.start("num"), m.end("text")))
        for m in FOOTNOTE_RE.finditer(text)
    ]
    return marked or list(_plain_footnotes(text))


def _plain_footnotes(text: str) -> Iterator[Footnote]:
    in_page_foot = False
    for line_start, line in _lines(text, 0, len(text)):
        match = PLAIN_FOOTNOTE_RE.match(line)
        if PAGE_FURNITURE_RE.match(line):
            in_page_foot = True
        elif in_page_foot and match:
            start, end = line_start + match.start("num"), line_start + match.end("text")
            yield Footnote(match["num"], match["text"].strip(), evidence(text, start, end))
        elif _resumes(line) or PARAGRAPH_RE.match(line) or SUB_RE.match(line):
            in_page_foot = False


def body_parts(text: str, start: int, end: int) -> tuple[Evidence, ...]:
    """The pieces of ``text[start:end]`` that are the paragraph's own text.

    A page footer or a footnote opens a block of page-foot lines; the paragraph resumes at
    the first line after it that starts in lower case (the sentence carrying on).
    """
    parts: list[Evidence] = []
    piece_start: int | None = start
    in_page_foot = False
    for line_start, line in _lines(text, start, end):
        stripped = line.strip()
        if not stripped:
            continue
        if PAGE_FURNITURE_RE.match(line) or is_footnote_line(line):
            in_page_foot = True
        elif in_page_foot and _resumes(stripped):
            in_page_foot = False
            piece_start = line_start + len(line) - len(line.lstrip(" \t-*"))
            continue
        if in_page_foot and piece_start is not None:
            _close(text, parts, piece_start, line_start)
            piece_start = None
    if piece_start is not None:
        _close(text, parts, piece_start, end)
    return tuple(parts)


def _resumes(line: str) -> bool:
    first = line.lstrip("-*• \t")
    return bool(first) and first[0].islower()


def _close(text: str, parts: list[Evidence], start: int, end: int) -> None:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    if end > start:
        parts.append(evidence(text, start, end))


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        stop = end if newline < 0 else newline
        yield position, text[position:stop]
        position = stop + 1


def footnote_calls(parts: tuple[Evidence, ...], known: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Footnote numbers called in the paragraph's own text, in order, each once: a
    superscript, or a number glued to a word or stop ("Convention.3") that is a ``known``
    footnote's number."""
    calls = [
        m["num"] or m["plain"]
        for part in parts
        for m in FOOTNOTE_CALL_RE.finditer(part.text)
        if m["num"] or m["plain"] in known
    ]
    return tuple(dict.fromkeys(calls))


def find_paragraphs(text: str) -> tuple[list[ReportSection], list[ReportParagraph]]:
    """The report's headings (from the one above paragraph 1) and every numbered paragraph and
    sub-paragraph, in text order (a paragraph before its sub-paragraphs)."""
    markers = find_paragraph_markers(text)
    if not markers:
        return [], []
    all_sections = find_sections(text)
    before_first = [s for s in all_sections if s.evidence.start < markers[0].start]
    sections = before_first[-1:] + [s for s in all_sections if s.evidence.start > markers[0].start]
    heading_starts = [s.evidence.start for s in sections]
    known = frozenset(f.number for f in find_footnotes(text))
    out: list[ReportParagraph] = []
    for index, marker in enumerate(markers):
        limit = markers[index + 1].start if index + 1 < len(markers) else len(text)
        end = _next_heading(heading_starts, marker.start, limit)
        path = _section_path(sections, marker.start)
        out.extend(_paragraph_and_subs(text, marker, end, path, known))
    return sections, out


def _next_heading(heading_starts: list[int], start: int, limit: int) -> int:
    return next((h for h in heading_starts if start < h < limit), limit)


def _section_path(sections: list[ReportSection], offset: int) -> tuple[str, ...]:
    """Titles of the headings in force at ``offset``, outermost first."""
    open_by_level: dict[int, ReportSection] = {}
    for section in sections:
        if section.evidence.start > offset:
            break
        open_by_level[section.level] = section
        for deeper in [lvl for lvl in open_by_level if lvl > section.level]:
            del open_by_level[deeper]
    return tuple(_label(open_by_level[lvl]) for lvl in sorted(open_by_level))


def _label(section: ReportSection) -> str:
    return f"{section.number}. {section.title}" if section.number else section.title


def _paragraph_and_subs(
    text: str, marker: _Marker, end: int, path: tuple[str, ...], known: frozenset[str]
) -> list[ReportParagraph]:
    subs = find_sub_markers(text, marker.text_start, end)
    parts = body_parts(text, marker.text_start, end)
    section = path[-1] if path else None
    whole = _trimmed(text, marker.start, end)
    out = [ReportParagraph(marker.label, None, section, path, footnote_calls(parts, known), whole, parts)]
    for index, sub in enumerate(subs):
        sub_end = subs[index + 1].start if index + 1 < len(subs) else end
        sub_parts = body_parts(text, sub.text_start, sub_end)
        out.append(
            ReportParagraph(
                marker.label, sub.label, section, path, footnote_calls(sub_parts, known),
                _trimmed(text, sub.start, sub_end), sub_parts,
            )
        )
    return out


def _trimmed(text: str, start: int, end: int) -> Evidence:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start] in " \t-*•":
        start += 1
    return evidence(text, start, end)
