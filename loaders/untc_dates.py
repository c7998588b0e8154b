"""Dates as the UN Treaty Collection and national treaty databases write them.

UNTC status tables write ``8 Jun 1992`` (sometimes ``8 June 1992``); their PDF text layers
damage them (``8 Jun.\\n1992``, ``8Jun 1992``, a year on the next line); verdragen.nl writes
``08-06-1992``; other pages write ``Jun 8, 1992``. :func:`find_dates` finds each of these
in a span of a larger text and keeps the offsets, so that the caller can quote them.

A date that names a day and a month but no year (``7 Sep``, as a PDF text layer leaves it
when the year sits in another column) is reported as a :class:`YearlessDate`: it is not a
date the graph can store, but the caller should say that it saw one.

>>> [m.date.iso() for m in find_dates("8 Jun 1992 a")]
['1992-06-08']
>>> [m.date.iso() for m in find_dates("signed 8 June\\n1992, ratified 08-06-1993")]
['1992-06-08', '1993-06-08']
>>> find_dates("31 Feb 1992")
[]
>>> find_yearless("Andorra ...... 7 Sep")[0].text
'7 Sep'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rightsgraph.loaders.extractors.dates import month_number
from rightsgraph.loaders.facts import PartialDate

_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)"
# "8 Jun 1992", "8 June 1992", "8Jun1992", "08-Jun-1992", "8 Jun.\n1992", "8 Jun, 1992"
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\d/.-]){_DAY}(?:st|nd|rd|th)?[\s-]*{_MONTH}[\s,-]*{_YEAR}(?!\d)"
)
# "Jun 8, 1992"
_MONTH_DAY_YEAR = re.compile(rf"(?<![A-Za-z]){_MONTH}\s+{_DAY}(?:st|nd|rd|th)?,\s*{_YEAR}(?!\d)")
# "08-06-1992", "8.6.1992", "08/06/1992" (day first, as UN and European sources write)
_NUMERIC_DMY = re.compile(rf"(?<![\d.-]){_DAY}[-./](?P<nmonth>[01]?\d)[-./]{_YEAR}(?!\d)")
# "1992-06-08"
_ISO = re.compile(r"(?<!\d)(?P<year>(?:1[89]|20)\d\d)-(?P<nmonth>[01]\d)-(?P<day>[0-3]\d)(?!\d)")
# "7 Sep" with no year after it (PDF columns split apart)
_DAY_MONTH = re.compile(rf"(?<![\d/.-]){_DAY}\s*{_MONTH}(?![A-Za-z])(?![\s,.-]*(?:1[89]|20)\d\d)")

_PATTERNS = (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _NUMERIC_DMY, _ISO)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found at ``text[start:end]``."""

    date: PartialDate
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class YearlessDate:
    """A day and month without a year at ``text[start:end]``."""

    day: int
    month: int
    start: int
    end: int
    text: str


def _date_of(match: re.Match[str]) -> PartialDate | None:
    groups = match.groupdict()
    month = month_number(groups["month"]) if groups.get("month") else int(groups["nmonth"])
    if month is None:
        return None
    try:
        return PartialDate(int(groups["year"]), month, int(groups["day"]))
    except ValueError:  # a damaged day or month ("31 Feb 1992", "8-13-1992")
        return None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Every date in ``text[start:end]``, in order, with offsets into ``text``.

    Matches that overlap an earlier (leftmost, then longest) match are dropped.
    """
    stop = len(text) if end is None else end
    found: list[DateMatch] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text, start, stop):
            date = _date_of(match)
            if date is not None:
                found.append(DateMatch(date, match.start(), match.end(), match.group(0)))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[DateMatch] = []
    for candidate in found:
        if not kept or candidate.start >= kept[-1].end:
            kept.append(candidate)
    return kept


def find_yearless(text: str, start: int = 0, end: int | None = None) -> list[YearlessDate]:
    """Day-and-month pairs in ``text[start:end]`` that no year follows."""
    stop = len(text) if end is None else end
    result = []
    for match in _DAY_MONTH.finditer(text, start, stop):
        month = month_number(match.group("month"))
        if month is not None:
            result.append(
                YearlessDate(
                    int(match.group("day")), month, match.start(), match.end(), match.group(0)
                )
            )
    return result


def parse_date(value: str) -> PartialDate | None:
    """The single date that makes up ``value`` (surrounding blanks allowed), else None.

    >>> parse_date(" 8 Jun 1992 ").iso()
    '1992-06-08'
    >>> parse_date("8 Jun 1992 a") is None
    True
    """
    matches = find_dates(value)
    if len(matches) == 1 and value.strip() == matches[0].text.strip():
        return matches[0].date
    return None


_STATUS_AS_AT = re.compile(r"Status\s+as\s+at\s*:?\s*", re.I)


def find_status_as_at(text: str) -> DateMatch | None:
    """The day a UN Treaty Collection page says its status is as at ("Status as at :
    04-12-2026 05:00:17 EDT", day first), read in the first such line.

    >>> find_status_as_at("CHAPTER IV ... Status as at : 04-12-2026 05:00:17 EDT").date.iso()
    '2026-12-04'
    >>> find_status_as_at("Participant,Signature,Ratification") is None
    True
    """
    for label in _STATUS_AS_AT.finditer(text):
        dates = find_dates(text, label.end(), min(len(text), label.end() + 40))
        if dates and dates[0].start == label.end():
            return dates[0]
    return None
