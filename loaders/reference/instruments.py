"""Instrument reference data and lookups: ids, UNTC chapter numbers, names in running text.

``INSTRUMENTS`` holds every instrument id of the extraction contract (treaties, optional
protocols, ILO conventions, soft law and the general comments this field cites); the data live
in ``instrument_table`` and ``general_comments``, the UNGPs one by one in ``ungp``.

>>> instrument_by_id("opsc").parent
'CRC'
>>> instrument_by_mtdsg("18-12-a").id
'TRAFFICKING-PROTOCOL'
>>> resolve_instrument_name("the Convention on Elimination of Discrimination Against Women").id
'CEDAW'
>>> [(i.id, text[s:e]) for text in ["ratified the CRC and the Palermo Protocol"]
...  for i, s, e in instruments_in_text(text)]
[('CRC', 'CRC'), ('TRAFFICKING-PROTOCOL', 'Palermo Protocol')]
>>> provision_exists("CRC", "54"), provision_exists("CRC", "55")
(True, False)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from rightsgraph.errors import UnknownInstrumentError
from rightsgraph.loaders.reference.general_comments import (
    CATALOGUED_GENERAL_COMMENTS,
    COMMITTEES,
    general_comment,
    general_comment_by_id,
)
from rightsgraph.loaders.reference.instrument_table import SOFT_LAW, TREATIES
from rightsgraph.loaders.reference.instrument_translations import NAMES_FR_ES
from rightsgraph.loaders.reference.textscan import AnchoredPattern
from rightsgraph.loaders.reference.model import Instrument
from rightsgraph.loaders.reference.ungp import GUIDING_PRINCIPLES, guiding_principle

__all__ = [
    "COMMITTEES",
    "GUIDING_PRINCIPLES",
    "INSTRUMENTS",
    "general_comment",
    "guiding_principle",
    "instrument_by_id",
    "instrument_by_mtdsg",
    "instrument_name_pattern",
    "instrument_names",
    "instruments_in_text",
    "normalise_name",
    "provision_exists",
    "resolve_instrument_name",
]

INSTRUMENTS: tuple[Instrument, ...] = (*TREATIES, *SOFT_LAW, *CATALOGUED_GENERAL_COMMENTS)

_BY_ID: Mapping[str, Instrument] = MappingProxyType({i.id: i for i in INSTRUMENTS})


def instrument_by_id(instrument_id: str) -> Instrument:
    """The instrument with this contract id (any case); general comments built on demand.

    >>> instrument_by_id("ccpr-gc-31").parent
    'ICCPR'
    >>> instrument_by_id("XYZ")
    Traceback (most recent call last):
    ...
    rightsgraph.errors.UnknownInstrumentError: unknown instrument id 'XYZ'
    """
    found = _BY_ID.get(instrument_id.strip().upper())
    if found is None:
        found = general_comment_by_id(instrument_id)
    if found is None:
        raise UnknownInstrumentError(
            f"unknown instrument id {instrument_id!r}",
            details={"id": instrument_id, "known": sorted(_BY_ID)},
        )
    return found


# --- UN Treaty Collection chapter numbers -----------------------------------------------

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_MTDSG = re.compile(r"^\s*([IVXLC]+|\d+)-(\d+)(?:-([A-Z]))?\s*$", re.IGNORECASE)


def _roman_to_int(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _mtdsg_key(number: str) -> tuple[int, int, str] | None:
    match = _MTDSG.match(number)
    if match is None:
        return None
    chapter, item, letter = match.groups()
    chapter_no = int(chapter) if chapter.isdigit() else _roman_to_int(chapter)
    return chapter_no, int(item), (letter or "").lower()


_BY_MTDSG: Mapping[tuple[int, int, str], Instrument] = MappingProxyType(
    {key: i for i in INSTRUMENTS if i.mtdsg and (key := _mtdsg_key(i.mtdsg)) is not None}
)


def instrument_by_mtdsg(number: str) -> Instrument | None:
    """The instrument of a UNTC (MTDSG) chapter number, in Roman or Arabic numerals.

    >>> [instrument_by_mtdsg(n).id for n in ("IV-11-c", "4-11-c", "iv-11-c", "IV-11")]
    ['OPSC', 'OPSC', 'OPSC', 'CRC']
    >>> instrument_by_mtdsg("IV-99") is None
    True
    """
    key = _mtdsg_key(number)
    return None if key is None else _BY_MTDSG.get(key)


# --- names ------------------------------------------------------------------------------

_UN_PREFIX = ("un", "united nations")
_SPELLING = ((re.compile(r"\blabor\b"), "labour"), (re.compile(r"iz(?=[ae])"), "is"))


def normalise_name(name: str) -> str:
    """A comparison key: no diacritics, case, punctuation, "the" or leading "UN".

    >>> normalise_name("The United Nations Convention against Transnational Organized Crime")
    'convention against transnational organised crime'
    >>> normalise_name("General Comment n° 13")
    'general comment no 13'
    """
    text = unicodedata.normalize("NFKD", name.replace("&", " and "))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"\bn\s*°", "no", text)
    for spelling, standard in _SPELLING:
        text = spelling.sub(standard, text)
    words = [w for w in re.split(r"[\W_]+", text) if w and w != "the"]
    joined = " ".join(words)
    for prefix in _UN_PREFIX:
        if joined.startswith(prefix + " "):
            return joined[len(prefix) + 1 :]
    return joined


def instrument_names(instrument: Instrument) -> tuple[str, ...]:
    """Title, short names, aliases and French/Spanish names: every name text may use."""
    translated = NAMES_FR_ES.get(instrument.id, ())
    return (instrument.title, *instrument.short_names, *instrument.aliases, *translated)


def _name_index(instruments: Iterable[Instrument]) -> Mapping[str, Instrument]:
    index: dict[str, Instrument] = {}
    for instrument in instruments:
        for name in (instrument.id, *instrument_names(instrument)):
            key = normalise_name(name)
            other = index.setdefault(key, instrument)
            if other.id != instrument.id:
                raise ValueError(f"name {name!r} is ambiguous: {other.id} and {instrument.id}")
    return MappingProxyType(index)


_BY_NAME = _name_index(INSTRUMENTS)


def _trailing_brackets(name: str) -> tuple[str, str] | None:
    """``"Convention on the Rights of the Child (CRC)"`` -> ``("Convention on ...", "CRC")``.

    String search, not a regex: ``^(.*?)\\s*\\(`` backtracks quadratically on long lines.
    """
    stripped = name.rstrip()
    if not stripped.endswith(")"):
        return None
    opening = stripped.rfind("(")
    inner = stripped[opening + 1 : -1]
    if opening < 0 or ")" in inner:
        return None
    return stripped[:opening].rstrip(), inner


def resolve_instrument_name(name: str) -> Instrument | None:
    """The instrument a name, short name, alias or contract id denotes, or None.

    Case, spacing, punctuation, diacritics, "the" and a leading "UN"/"United Nations" do not
    matter; a trailing bracketed short form is tried when the whole is unknown.

    >>> resolve_instrument_name("United Nations Protocol to Prevent, Suppress and Punish "
    ...     "Trafficking in Persons, Especially Women and Children").id
    'TRAFFICKING-PROTOCOL'
    >>> resolve_instrument_name("ILO Convention No. 182").id
    'ILO-C182'
    >>> resolve_instrument_name("Convention on Something Else") is None
    True
    """
    found = _BY_NAME.get(normalise_name(name)) or general_comment_by_id(name)
    if found is None and (bracketed := _trailing_brackets(name)):
        head, inner = bracketed
        found = _BY_NAME.get(normalise_name(head)) or _BY_NAME.get(normalise_name(inner))
    return found


# --- names in running text --------------------------------------------------------------

_GAP = r"\W{1,6}"  # spaces, line breaks and punctuation between the words of a name
_UN = r"(?:UN|United\W{1,6}Nations)"


def _word_regex(word: str) -> str:
    if word.casefold() == "no":
        return r"(?:No|N[°º]|Number)"
    regex = re.escape(word)
    if word.casefold().endswith("our"):
        regex = regex[:-2] + "u?r"
    return re.sub(r"iz(?=[ae])", "i[sz]", regex)


def _acronym_regex(name: str) -> str:
    """One-word names ("CRC", "OP-CEDAW"): case-sensitive, not inside a symbol or id."""
    return rf"(?<![\w/-]){re.escape(name)}(?![\w/-])"


def _phrase_regex(name: str) -> str:
    """Multi-word names: any case, any gap between words, optional "the" and "UN" prefix."""
    words = re.findall(r"\w+", name)
    starts_un = words[:1] == ["UN"] or words[:2] == ["United", "Nations"]
    if starts_un:
        words = words[1:] if words[0] == "UN" else words[2:]
    parts = [_UN + _GAP] if starts_un else [rf"(?:{_UN}{_GAP})?"]
    for position, word in enumerate(words):
        if word.casefold() == "the" and position + 1 < len(words):
            parts.append(rf"(?:the{_GAP})?")
            continue
        parts.append(_word_regex(word))
        if position + 1 < len(words):
            parts.append(r"\W{0,6}" if word.casefold() == "no" else _GAP)
    closing = re.escape(name[-1]) + "?" if name[-1] in ")\u201d\"" else ""
    return rf"(?<!\w)(?i:{''.join(parts)}{closing})(?!\w)"


@functools.cache
def _anchored_names() -> AnchoredPattern:
    names = {name for i in INSTRUMENTS for name in instrument_names(i)}
    return AnchoredPattern(instrument_name_pattern(), names, extra_first_words=("UN", "United", "the"))


@functools.cache
def instrument_name_pattern() -> re.Pattern[str]:
    """One pattern for every instrument name, longest names first.

    >>> instrument_name_pattern().search("see CRC/C/156 and the UNCRC").group()
    'UNCRC'
    """
    names = {name for i in INSTRUMENTS for name in instrument_names(i)}
    ordered = sorted(names, key=lambda n: (-len(n), n))
    alternatives = [_phrase_regex(n) if re.search(r"\s", n) else _acronym_regex(n) for n in ordered]
    return re.compile("|".join(alternatives))


def instruments_in_text(text: str) -> list[tuple[Instrument, int, int]]:
    """Every instrument named in ``text``, as (instrument, start, end), in text order.

    >>> [(i.id, s, e) for i, s, e in instruments_in_text("Article 34 of the\\nConvention on "
    ...     "the Rights of the Child")]
    [('CRC', 18, 55)]
    """
    found: list[tuple[Instrument, int, int]] = []
    for match in _anchored_names().finditer(text):
        instrument = resolve_instrument_name(match.group())
        if instrument is not None:
            found.append((instrument, match.start(), match.end()))
    return found


# --- provisions -------------------------------------------------------------------------


def provision_exists(instrument_id: str, number: str | int) -> bool:
    """Whether the instrument has provision ``number`` (an article, principle or paragraph).

    Numbers run 1..provision_count; general comments accept any positive paragraph number, as
    does any instrument whose count is unknown. Unknown ids raise UnknownInstrumentError.

    >>> provision_exists("UNGP", "31"), provision_exists("UNGP", "32")
    (True, False)
    >>> provision_exists("CRC-GC-25", 118)
    True
    """
    instrument = instrument_by_id(instrument_id)
    text = str(number).strip()
    if not text.isdigit() or int(text) < 1:
        return False
    return instrument.provision_count is None or int(text) <= instrument.provision_count
