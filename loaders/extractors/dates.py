"""Dates written in English, French and Spanish ("2 March 1992", "le 2 mars 1992",
"2 de marzo de 1992", "March 2, 1992") and year-only statements.

Produces :class:`~rightsgraph.loaders.facts.PartialDate`; a year stays a year.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rightsgraph.loaders.extractors.ignorecase import FoldedPattern
from rightsgraph.loaders.facts import PartialDate

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        ("january", "jan", "janvier", "enero"),
        ("february", "feb", "fevrier", "febrero"),
        ("march", "mar", "mars", "marzo"),
        ("april", "apr", "avril", "abril"),
        ("may", "mai", "mayo"),
        ("june", "jun", "juin", "junio"),
        ("july", "jul", "juillet", "julio"),
        ("august", "aug", "aout", "agosto"),
        ("september", "sep", "sept", "septembre", "septiembre", "setiembre"),
        ("october", "oct", "octobre", "octubre"),
        ("november", "nov", "novembre", "noviembre"),
        ("december", "dec", "decembre", "diciembre"),
    ],
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

_MONTH_WORD = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
    r"|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre"
    r"|diciembre)\.?"
)
MONTH_WORD = _MONTH_WORD  # for other extractors' patterns (a month name, any language)
# "2 March 1992", "1er mars 1992", "2 de marzo de 1992"
# Scraped and word-processed text loses spaces ("2 June2015", "1December 2014"), so the
# space between day, month and year is optional; a day glued to a preceding digit is not a day.
DAY_MONTH_YEAR = (
    r"(?<!\d)(?P<day>[0-3]?\d)(?:er|st|nd|rd|th|\.)?\s*(?:de\s+)?(?P<month>" + _MONTH_WORD + r")"
    r",?\s*(?:de\s+|del\s+)?(?P<year>(?:1[89]|20)\d\d)\b"
)
# "March 2, 1992"
MONTH_DAY_YEAR = (
    r"(?P<month2>" + _MONTH_WORD + r")\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?,\s*"
    r"(?P<year2>(?:1[89]|20)\d\d)\b"
)
FULL_DATE_RE = FoldedPattern(rf"(?:{DAY_MONTH_YEAR}|{MONTH_DAY_YEAR})")
ISO_DATE_RE = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")


@dataclass(frozen=True, slots=True)
class DateMatch:
    date: PartialDate
    start: int
    end: int


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().rstrip(".")


def month_number(word: str) -> int | None:
    """The month number of an English, French or Spanish month name.

    >>> month_number("Février"), month_number("Sept."), month_number("marzo")
    (2, 9, 3)
    """
    return MONTHS.get(_fold(word))


def _from_match(match: re.Match[str]) -> PartialDate | None:
    day = match.group("day") or match.group("day2")
    month = match.group("month") or match.group("month2")
    year = match.group("year") or match.group("year2")
    number = month_number(month)
    if number is None:
        return None
    try:
        return PartialDate(int(year), number, int(day))
    except ValueError:  # "31 February" is not a date: leave it unread
        return None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Every full date (day, month, year) in ``text[start:end]``, in order.

    >>> [d.date.iso() for d in find_dates("on 2 March 1992 and le 3 décembre 2002")]
    ['1992-03-02', '2002-12-03']
    """
    found = []
    for match in FULL_DATE_RE.finditer(text, start, len(text) if end is None else end):
        date = _from_match(match)
        if date is not None:
            found.append(DateMatch(date, match.start(), match.end()))
    return found


def parse_date(phrase: str) -> PartialDate | None:
    """A date phrase as a PartialDate; a bare year gives year precision.

    >>> parse_date("8 Jun 1992").iso(), parse_date("1994").iso(), parse_date("2021-03-30").iso()
    ('1992-06-08', '1994', '2021-03-30')
    >>> parse_date("someday") is None
    True
    """
    phrase = phrase.strip()
    dates = find_dates(phrase)
    if dates:
        return dates[0].date
    iso = ISO_DATE_RE.search(phrase)
    if iso:
        return PartialDate(int(iso["y"]), int(iso["m"]), int(iso["d"]))
    year = re.fullmatch(r"(?:in\s+)?((?:1[89]|20)\d\d)", phrase)
    return PartialDate(int(year.group(1))) if year else None


# A day, or a day and month (and year), then a range word or dash, just before a full date:
# "du 12 au", "14 September–", "1 December 2014 to", "del 12 al", "12-".
_RANGE_START_BEFORE = FoldedPattern(
    r"(?<!\d)[0-3]?\d(?:er|st|nd|rd|th)?(?:\s*(?:de\s+)?" + _MONTH_WORD + r"(?:,?\s*(?:de\s+)?(?:19|20)\d\d)?)?"
    r"\s*(?:–|—|-|to(?![^\W\d_])|au(?![^\W\d_])|al(?![^\W\d_])|until(?![^\W\d_])|till(?![^\W\d_])|through(?![^\W\d_]))\s*$"
)
_BETWEEN_BEFORE = FoldedPattern(
    r"(?:between|entre)\s+[0-3]?\d(?:er|st|nd|rd|th)?(?:\s*(?:de\s+)?" + _MONTH_WORD
    + r"(?:,?\s*(?:de\s+)?(?:19|20)\d\d)?)?\s*(?:and|et|y)\s*$"
)
# A full date followed by a range word and a day: the first day of a range.
_RANGE_END_AFTER = FoldedPattern(r"^\s*(?:–|—|-|to(?![^\W\d_])|au(?![^\W\d_])|al(?![^\W\d_])|until(?![^\W\d_])|till(?![^\W\d_])|through(?![^\W\d_]))\s*[0-3]?\d")
_BETWEEN_START = FoldedPattern(r"(?:between|entre|from|du|del|desde)\s*$")
_RANGE_WINDOW = 60
# A document-sharing site's own dates near the top ("Uploaded on 3 May 2019", "date
# 2020-09-12"): when the page was crawled, not when the document was written.
_CRAWL_LINE = FoldedPattern(
    r"(?:^|\n)[ \t]*(?:uploaded|downloaded|retrieved|accessed|crawled|archived|scraped|date\s+added"
    r"|added\s+on|published\s+on|posted\s+on|last\s+(?:modified|updated)|date\b)[^\n]*$"
)


def in_date_range(text: str, found: DateMatch) -> bool:
    """True when ``found`` is an end of a range ("du 12 au 16 mars 2018", "14 September–2
    October 2020", "between 1 February and 30 April 2015"): it dates a period, not a day.

    >>> text = "Forty-fifth session 14 September–2 October 2020; adopted 6 October 2020"
    >>> [in_date_range(text, d) for d in find_dates(text)]
    [True, False]
    >>> text = "Communications sent,1 December 2014 to28 February 2015"
    >>> [in_date_range(text, d) for d in find_dates(text)]
    [True, True]
    """
    before = text[max(0, found.start - _RANGE_WINDOW) : found.start]
    if _RANGE_START_BEFORE.search(before) or _BETWEEN_BEFORE.search(before):
        return True
    after = text[found.end : found.end + _RANGE_WINDOW]
    if _RANGE_END_AFTER.search(after):
        return True
    return bool(_BETWEEN_START.search(text[max(0, found.start - 12) : found.start]))


def is_crawl_date(text: str, start: int) -> bool:
    """True when the line before ``start`` labels a site's crawl or upload date.

    >>> is_crawl_date("Uploaded on 3 May 2019", 12), is_crawl_date("Geneva, 3 May 2019", 8)
    (True, False)
    """
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_CRAWL_LINE.search(text[max(0, line_start - 1) : start]))
