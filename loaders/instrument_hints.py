"""Which instrument a status table, declarations file or treaty text is about.

Shared by the UNTC and treaty-text loaders. The order is always: the caller's
``--instrument``; a UN Treaty Collection (MTDSG) chapter number in the file name
(``treaties_4-11-c.csv``, ``IV-11-c``); a short name in the file name (``crc_articles.txt``,
``palermo_protocol_articles.txt``); the title near the top of the text.

>>> mtdsg_in_name("treaties_4-11-c.csv")
'IV-11-c'
>>> mtdsg_in_name("untc_mtdsg_IV-11-c_opsc.txt")
'IV-11-c'
>>> mtdsg_in_name("treaties_18-12-a.csv")
'XVIII-12-a'
>>> mtdsg_in_name("letter_2021-03-30.txt") is None
True
"""

from __future__ import annotations

import re
from pathlib import PurePath

from rightsgraph.loaders.reference.instruments import (
    instrument_by_id,
    instrument_by_mtdsg,
    resolve_instrument_name,
)
from rightsgraph.loaders.reference.model import Instrument

from rightsgraph.errors import DocumentError, UnknownInstrumentError

_ROMAN = (
    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

_MTDSG_IN_NAME = re.compile(
    r"(?<![A-Za-z0-9-])(?P<chapter>[IVXL]{1,6}|\d{1,2})[-_.](?P<number>\d{1,2})"
    r"(?:[-_.](?P<letter>[a-z]))?(?![A-Za-z0-9])"
)

# Short names that file names use and that are not instrument ids themselves.
_FILE_NAME_TOKENS: dict[str, str] = {
    "cerd": "ICERD",
    "palermo": "TRAFFICKING-PROTOCOL",
    "trafficking": "TRAFFICKING-PROTOCOL",
    "c182": "ILO-C182",
    "c138": "ILO-C138",
    "c029": "ILO-C029",
    "c29": "ILO-C029",
}
_TITLE_LINES_TO_TRY = 60


def to_roman(number: int) -> str:
    """An Arabic chapter number in Roman numerals.

    >>> to_roman(18)
    'XVIII'
    """
    result = []
    for value, letters in _ROMAN:
        while number >= value:
            result.append(letters)
            number -= value
    return "".join(result)


def roman_value(numeral: str) -> int | None:
    """``"XIV"`` -> 14; not a Roman numeral -> None.

    >>> roman_value("IV"), roman_value("bis")
    (4, None)
    """
    letters = numeral.upper()
    if not letters or any(ch not in _ROMAN_VALUES for ch in letters):
        return None
    total = 0
    for current, following in zip(letters, letters[1:] + " ", strict=True):
        value = _ROMAN_VALUES[current]
        total += -value if _ROMAN_VALUES.get(following, 0) > value else value
    return total if to_roman(total) == letters else None


def mtdsg_in_name(name: str) -> str | None:
    """The MTDSG chapter number a file name carries, written as UNTC does (``IV-11-c``)."""
    stem = PurePath(name).name
    for match in _MTDSG_IN_NAME.finditer(stem):
        chapter = match.group("chapter")
        if chapter.isdigit():
            if not 1 <= int(chapter) <= 29:
                continue
            chapter = to_roman(int(chapter))
        elif roman_value(chapter) is None:
            continue
        parts = [chapter, match.group("number")]
        if match.group("letter"):
            parts.append(match.group("letter"))
        return "-".join(parts)
    return None


def instrument_from_parameter(value: str) -> str:
    """The instrument id the user named (an id, an MTDSG number or a name).

    Raises :class:`UnknownInstrumentError` when nothing matches.
    """
    found = (
        known_instrument(value)
        or instrument_by_mtdsg(value.strip())
        or resolve_instrument_name(value)
    )
    if found is None:
        raise UnknownInstrumentError(f"unknown instrument {value!r}", details={"instrument": value})
    return found.id


def instrument_from_file_name(name: str) -> str | None:
    """An instrument the file name names: an MTDSG number first, then short names."""
    mtdsg = mtdsg_in_name(name)
    if mtdsg is not None:
        found = instrument_by_mtdsg(mtdsg)
        if found is not None:
            return found.id
    stem = PurePath(name).stem.lower()
    tokens = [t for t in re.split(r"[^a-z0-9]+", stem) if t]
    candidates: list[str] = []
    for first, second in zip(tokens, tokens[1:] + [""], strict=True):
        for token in (f"{first}-{second}", first):
            found_id = _instrument_for_token(token)
            if found_id is not None:
                candidates.append(found_id)
                break
    distinct = list(dict.fromkeys(candidates))
    return distinct[0] if len(distinct) == 1 else None


def _instrument_for_token(token: str) -> str | None:
    if token in _FILE_NAME_TOKENS:
        return _FILE_NAME_TOKENS[token]
    if len(token) < 3 or token.isdigit():
        return None
    found = known_instrument(token)
    return found.id if found is not None else None


def known_instrument(instrument_id: str) -> Instrument | None:
    """The instrument with this contract id (any case), or None."""
    try:
        return instrument_by_id(instrument_id.strip())
    except UnknownInstrumentError:
        return None


def instrument_from_content(text: str) -> str | None:
    """The instrument whose title appears near the top of ``text`` (a line or two lines)."""
    lines = [_title_candidate(line) for line in text.splitlines()]
    lines = [line for line in lines if line][:_TITLE_LINES_TO_TRY]
    for line, following in zip(lines, lines[1:] + [""], strict=True):
        for candidate in (f"{line} {following}".strip(), line):
            if len(candidate) < 12:
                continue
            found = resolve_instrument_name(candidate)
            if found is not None:
                return found.id
    return None


def _title_candidate(line: str) -> str:
    """A line without markup, Markdown heading marks or a UNTC chapter prefix (``11. c)``)."""
    stripped = re.sub(r"<[^>]*>", " ", line).strip().lstrip("#").strip()
    return re.sub(r"^\d{1,2}\.\s*(?:[a-z]\)\s*)?", "", stripped)


def determine_instrument(text: str, *, source: str, instrument: str | None, what: str) -> str:
    """The instrument id for a document, or a :class:`DocumentError` saying what to pass.

    ``what`` names the document for the message ("status table", "treaty text").
    """
    if instrument:
        return instrument_from_parameter(instrument)
    found = instrument_from_file_name(source) or instrument_from_content(text)
    if found is None:
        raise DocumentError(
            source, f"cannot tell which instrument this {what} is for; pass --instrument"
        )
    return found
