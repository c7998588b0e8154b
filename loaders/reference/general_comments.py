"""General comments and general recommendations of the UN treaty bodies.

Ids follow the extraction contract, ``<committee>-GC-<number>`` (CEDAW and CERD call theirs
"general recommendations"; the id still says GC). A handful that Special Procedures letters
cite often are catalogued with year, subject and symbol; any other is built on demand.

>>> general_comment("crc", 13).id
'CRC-GC-13'
>>> general_comment("CCPR", 3).parent
'ICCPR'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rightsgraph.errors import UnknownInstrumentError
from rightsgraph.loaders.facts import PartialDate
from rightsgraph.loaders.reference.model import Instrument


@dataclass(frozen=True, slots=True)
class Committee:
    code: str  # as in the id, e.g. "CCPR"
    name: str
    treaty: str  # instrument id of the treaty it supervises
    document_word: str  # "general comment" or "general recommendation"


COMMITTEES: dict[str, Committee] = {
    c.code: c
    for c in (
        Committee("CRC", "Committee on the Rights of the Child", "CRC", "general comment"),
        Committee("CCPR", "Human Rights Committee", "ICCPR", "general comment"),
        Committee(
            "CESCR", "Committee on Economic, Social and Cultural Rights", "ICESCR",
            "general comment",
        ),
        Committee(
            "CEDAW", "Committee on the Elimination of Discrimination against Women", "CEDAW",
            "general recommendation",
        ),
        Committee(
            "CERD", "Committee on the Elimination of Racial Discrimination", "ICERD",
            "general recommendation",
        ),
        Committee("CAT", "Committee against Torture", "CAT", "general comment"),
        Committee(
            "CRPD", "Committee on the Rights of Persons with Disabilities", "CRPD",
            "general comment",
        ),
        Committee("CMW", "Committee on Migrant Workers", "ICMW", "general comment"),
        Committee("CED", "Committee on Enforced Disappearances", "CPED", "general comment"),
    )
}


@dataclass(frozen=True, slots=True)
class _Known:
    year: int
    subject: str
    symbol: str


# (committee, number) -> what is known of the ones this field cites most.
_CATALOGUE: dict[tuple[str, int], _Known] = {
    ("CRC", 13): _Known(
        2011, "the right of the child to freedom from all forms of violence", "CRC/C/GC/13"
    ),
    ("CRC", 16): _Known(
        2013,
        "State obligations regarding the impact of the business sector on children's rights",
        "CRC/C/GC/16",
    ),
    ("CRC", 24): _Known(2019, "children's rights in the child justice system", "CRC/C/GC/24"),
    ("CRC", 25): _Known(
        2021, "children's rights in relation to the digital environment", "CRC/C/GC/25"
    ),
    ("CCPR", 31): _Known(
        2004,
        "the nature of the general legal obligation imposed on States parties to the Covenant",
        "CCPR/C/21/Rev.1/Add.13",
    ),
    ("CCPR", 34): _Known(2011, "article 19: freedoms of opinion and expression", "CCPR/C/GC/34"),
    ("CCPR", 36): _Known(2018, "the right to life", "CCPR/C/GC/36"),
    ("CEDAW", 35): _Known(
        2017,
        "gender-based violence against women, updating general recommendation No. 19",
        "CEDAW/C/GC/35",
    ),
}

GENERAL_COMMENT_ID = re.compile(r"^\s*([A-Za-z]+)-G[CR]-0*([1-9]\d*)\s*$", re.IGNORECASE)


def general_comment(committee: str, number: int) -> Instrument:
    """The general comment (or recommendation) ``number`` of ``committee``.

    Raises :class:`UnknownInstrumentError` for an unknown committee or a number below 1.
    """
    body = COMMITTEES.get(committee.strip().upper())
    if body is None or number < 1:
        raise UnknownInstrumentError(
            f"no general comment {number} of committee {committee!r}",
            details={"committee": committee, "number": number, "committees": sorted(COMMITTEES)},
        )
    known = _CATALOGUE.get((body.code, number))
    base = f"{body.document_word} No. {number}"
    if known is None:
        title, aliases, adopted, symbol = f"{body.name} {base}", (), None, None
    else:
        title = f"{body.name} {base} ({known.year}) on {known.subject}"
        aliases = (
            f"{body.name} {base}",
            f"{base} ({known.year}) on {known.subject}",
            f"{base} on {known.subject}",
            f"{base} ({known.year})",
        )
        adopted, symbol = PartialDate(known.year), known.symbol
    return Instrument(
        id=f"{body.code}-GC-{number}",
        title=title,
        short_names=(f"{body.code} {base}",),
        aliases=aliases,
        kind="general_comment",
        binding=False,
        adopted=adopted,
        entry_into_force=None,
        depositary=None,
        mtdsg=None,
        parent=body.treaty,
        provision_count=None,
        provision_label="paragraph",
        eif_rule=None,
        symbol=symbol,
    )


def general_comment_by_id(instrument_id: str) -> Instrument | None:
    """``"CRC-GC-13"`` (any case; ``GR`` accepted for ``GC``) -> the general comment, else None.

    >>> general_comment_by_id("cedaw-gr-35").id
    'CEDAW-GC-35'
    >>> general_comment_by_id("CRC") is None
    True
    """
    match = GENERAL_COMMENT_ID.match(instrument_id)
    if match is None or match.group(1).upper() not in COMMITTEES:
        return None
    return general_comment(match.group(1), int(match.group(2)))


CATALOGUED_GENERAL_COMMENTS: tuple[Instrument, ...] = tuple(
    general_comment(code, number) for code, number in _CATALOGUE
)
