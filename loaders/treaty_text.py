"""Treaty texts -> one ProvisionText per article, quoting the article's text.

Two heading styles are read:

- Markdown (the Dutch treaty database export): ``### Article 34`` (any number of ``#``,
  spaces optional: ``###Article 35``). A Markdown heading right after it (``####Use of
  terms``) is the article's title; any other Markdown heading (``### PART II``, ``###I``)
  ends the article.
- Plain text: a line that is only ``Article 12`` (or ``ARTICLE 12``, ``Article 12.``,
  ``Article 1 bis``, ``Article IV``, optionally ``Article 12 - Title``). A short next line
  that reads like a title (no final full stop, not numbered) is the title; a ``PART``,
  ``CHAPTER`` or ``SECTION`` line ends the article.

In both, "IN WITNESS WHEREOF", "DONE at" or an ILO certificate ("The foregoing is the
authentic text") ends the last article. Numbers are kept as
written ("1 bis"; Roman "IV" stays "IV", with a LoadWarning that says so). A number beyond
the instrument's known article count, a repeated number and an empty article are warned about.
The evidence of each fact is the article's text (heading and title excluded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rightsgraph.loaders.facts import DocumentFacts, Evidence, LoadWarning, ProvisionText
from rightsgraph.loaders.instrument_hints import determine_instrument, known_instrument, roman_value
from rightsgraph.loaders.untc_layouts import iter_lines, trimmed

__all__ = ["looks_like_treaty_text", "parse_treaty_text"]

_NUMBER = r"(?P<number>(?:\d{1,3}|[IVXLC]{1,7})(?:\s*(?:bis|ter|quater|quinquies|sexies))?)"
# Possessive spaces after the number: "\s*\.?\s*$" over a long run of spaces is quadratic.
_MARKDOWN_ARTICLE = re.compile(rf"^\s*#{{1,6}}\s*Article\s+{_NUMBER}\s*+\.?\s*$", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s*(?P<title>\S.*?)\s*$")
_PLAIN_ARTICLE = re.compile(
    rf"^\s*Article\s+{_NUMBER}\s*+\.?\s*+(?:[-–—:]\s*(?P<title>\S.{{0,100}}?))?\s*$", re.IGNORECASE
)
_PLAIN_DIVISION = re.compile(
    r"^\s*(?:PART|Part|CHAPTER|Chapter|SECTION|Section)\s+[IVXLC\d]+\b.{0,80}$"
)
# The testimonium of a UN treaty and the certificate under an ILO convention follow the last
# article; they are not part of it.
_CLOSING = re.compile(
    r"^\s*(?:IN WITNESS (?:WHEREOF|THEREOF)|DONE at|Done at|The foregoing is the authentic text)\b"
)
_PLAIN_TITLE = re.compile(r"^\s*[A-Z][^.;:]{0,79}$")


@dataclass(frozen=True, slots=True)
class _Heading:
    line: int  # index into the document's lines
    number: str  # as written, spaces normalised ("1 bis")
    title: Evidence | None
    body_from: int  # first line of the article's text


def looks_like_treaty_text(text: str, name: str) -> bool:
    """Whether a document is a treaty's text: three or more article headings.

    >>> looks_like_treaty_text("### Article 1\\nA.\\n### Article 2\\nB.\\n### Article 3\\n", "x")
    True
    >>> looks_like_treaty_text("Recalling article 34 of the Convention ...", "letter.txt")
    False
    """
    lines = text.splitlines()
    markdown = sum(1 for line in lines if _MARKDOWN_ARTICLE.match(line))
    plain = sum(1 for line in lines if _PLAIN_ARTICLE.match(line))
    return max(markdown, plain) >= 3


def parse_treaty_text(
    text: str, *, source: str, sha256: str, instrument: str | None, media_type: str
) -> DocumentFacts:
    """The articles of one treaty text.

    ``instrument``: an id, MTDSG number or name; without it the file name
    (``crc_articles.txt`` -> CRC) or the title in the text decides. Raises
    :class:`~rightsgraph.errors.DocumentError` when nothing does.
    """
    instrument_id = determine_instrument(
        text, source=source, instrument=instrument, what="treaty text"
    )
    lines = list(iter_lines(text))
    headings = _markdown_headings(text, lines) or _plain_headings(text, lines)
    provisions: list[ProvisionText] = []
    for index, heading in enumerate(headings):
        stop = headings[index + 1].line if index + 1 < len(headings) else len(lines)
        body = _article_body(text, lines, heading, stop, markdown=_is_markdown(lines, heading))
        provisions.append(
            ProvisionText(
                instrument=instrument_id,
                provision=heading.number,
                heading=heading.title.text if heading.title else None,
                text=body.text,
                evidence=body,
            )
        )
    warnings = _number_warnings(text, lines, headings, instrument_id) + [
        LoadWarning(f"article {p.provision} has no text", p.evidence)
        for p in provisions
        if not p.text
    ]
    if not headings:
        warnings.append(
            LoadWarning("no article headings found ('### Article N' or 'Article N' lines)")
        )
    return DocumentFacts(
        source=source,
        sha256=sha256,
        text=text,
        kind="treaty_text",
        media_type=media_type,
        instrument=instrument_id,
        provision_texts=tuple(provisions),
        warnings=tuple(warnings),
    )


def _normalised_number(raw: str) -> str:
    """``"1bis"`` -> ``"1 bis"``; Roman numerals keep their case as written."""
    match = re.fullmatch(r"(\w+?)\s*(bis|ter|quater|quinquies|sexies)?", raw.strip(), re.IGNORECASE)
    if match is None or not match.group(2):
        return raw.strip()
    return f"{match.group(1)} {match.group(2).lower()}"


def _is_markdown(lines: list[tuple[int, str]], heading: _Heading) -> bool:
    return _MARKDOWN_ARTICLE.match(lines[heading.line][1]) is not None


def _next_nonblank(lines: list[tuple[int, str]], index: int) -> int | None:
    return next((i for i in range(index, len(lines)) if lines[i][1].strip()), None)


def _markdown_headings(text: str, lines: list[tuple[int, str]]) -> list[_Heading]:
    headings = []
    for index, (_, line) in enumerate(lines):
        match = _MARKDOWN_ARTICLE.match(line)
        if match is None:
            continue
        title: Evidence | None = None
        body_from = index + 1
        following = _next_nonblank(lines, index + 1)
        if following is not None and not _MARKDOWN_ARTICLE.match(lines[following][1]):
            title_match = _MARKDOWN_HEADING.match(lines[following][1])
            if title_match is not None:
                offset = lines[following][0]
                title = Evidence(
                    offset + title_match.start("title"),
                    offset + title_match.end("title"),
                    title_match.group("title"),
                )
                body_from = following + 1
        headings.append(
            _Heading(index, _normalised_number(match.group("number")), title, body_from)
        )
    return headings


def _plain_headings(text: str, lines: list[tuple[int, str]]) -> list[_Heading]:
    headings = []
    for index, (offset, line) in enumerate(lines):
        match = _PLAIN_ARTICLE.match(line)
        if match is None:
            continue
        title: Evidence | None = None
        body_from = index + 1
        if match.group("title"):
            title = Evidence(
                offset + match.start("title"), offset + match.end("title"), match.group("title")
            )
        else:
            following = _next_nonblank(lines, index + 1)
            if following is not None and _reads_like_title(lines, following):
                title = trimmed(
                    text, lines[following][0], lines[following][0] + len(lines[following][1])
                )
                body_from = following + 1
        headings.append(
            _Heading(index, _normalised_number(match.group("number")), title, body_from)
        )
    return headings


def _reads_like_title(lines: list[tuple[int, str]], index: int) -> bool:
    """A short capitalised line without a final stop, followed by more text."""
    line = lines[index][1]
    return (
        _PLAIN_TITLE.match(line) is not None
        and not _PLAIN_ARTICLE.match(line)
        and not _PLAIN_DIVISION.match(line)
        and _next_nonblank(lines, index + 1) is not None
    )


def _article_body(
    text: str, lines: list[tuple[int, str]], heading: _Heading, stop: int, *, markdown: bool
) -> Evidence:
    """The text from after the heading (and title) to the first line that ends the article."""
    end_line = stop
    for index in range(heading.body_from, stop):
        line = lines[index][1]
        ends = _CLOSING.match(line) or (
            _MARKDOWN_HEADING.match(line) if markdown else _PLAIN_DIVISION.match(line)
        )
        if ends:
            end_line = index
            break
    start = lines[heading.body_from][0] if heading.body_from < len(lines) else len(text)
    end = lines[end_line][0] if end_line < len(lines) else len(text)
    return trimmed(text, min(start, end), end)


def _number_warnings(
    text: str, lines: list[tuple[int, str]], headings: list[_Heading], instrument: str
) -> list[LoadWarning]:
    """Roman numbers, numbers beyond the instrument's article count, repeated numbers."""
    found = known_instrument(instrument)
    count = found.provision_count if found is not None else None
    warnings: list[LoadWarning] = []
    seen: set[str] = set()
    for heading in headings:
        offset, line = lines[heading.line]
        where = trimmed(text, offset, offset + len(line))
        base = heading.number.split()[0]
        value = int(base) if base.isdigit() else roman_value(base)
        if not base.isdigit() and value is not None:
            warnings.append(
                LoadWarning(
                    f"article {heading.number} is numbered in Roman numerals ({base} = {value}); "
                    "kept as written",
                    where,
                )
            )
        if count is not None and value is not None and value > count:
            warnings.append(
                LoadWarning(
                    f"article {heading.number} is beyond the {count} articles {instrument} has",
                    where,
                )
            )
        if heading.number in seen:
            warnings.append(LoadWarning(f"article {heading.number} appears twice", where))
        seen.add(heading.number)
    return warnings
