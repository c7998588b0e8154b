"""Reference-data records: States, mandates, instruments, their provisions.

Frozen dataclasses written by hand from public facts (dates, numbers, names); the tables
that fill them live beside this module (``states``, ``mandates``, ``instruments``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rightsgraph.loaders.facts import PartialDate

InstrumentKind = Literal[
    "treaty",  # a convention or covenant
    "optional_protocol",
    "ilo_convention",
    "declaration",
    "guiding_principles",
    "principles",  # other soft-law principles and guidelines
    "general_comment",
]


@dataclass(frozen=True, slots=True)
class State:
    iso3: str
    iso2: str
    name: str  # UN short name, e.g. "China", "United Kingdom"
    formal_name: str  # e.g. "People's Republic of China"
    variants: tuple[str, ...]  # other names UN documents use ("Türkiye", "Turkey", ...)
    # "non-member": treaty parties that are neither UN Members nor observer States
    # (Cook Islands, Niue)
    un_status: Literal["member", "observer", "non-member"]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.formal_name, *self.variants)


@dataclass(frozen=True, slots=True)
class Mandate:
    id: str  # contract id, e.g. "sale-of-children"
    kind: Literal["thematic", "country"]
    holder: Literal["Special Rapporteur", "Working Group", "Independent Expert"]
    title: str  # the current English title of the mandate
    historical_titles: tuple[str, ...]  # earlier English titles
    titles_fr: tuple[str, ...]
    titles_es: tuple[str, ...]
    established: int | None  # year the mandate was created

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.historical_titles, *self.titles_fr, *self.titles_es)


@dataclass(frozen=True, slots=True)
class EntryIntoForceRule:
    """How an instrument enters into force for a State that joins it.

    ``clause`` cites the article applied, e.g. "art. 49(2)". The offset counts from
    ``counted_from``: a number of days (CRC: thirtieth day after deposit = 30 days), months
    (OPSC: one month) or years (ILO: twelve months after registration = 12 months).
    """

    clause: str
    description: str
    days: int = 0
    months: int = 0
    counted_from: Literal["deposit", "registration"] = "deposit"
    # ICMW art. 87(2): "the first day of the month following a period of three months".
    first_day_of_next_month: bool = False
    # The article fixing the general entry into force, e.g. CEDAW "art. 27(1)".
    general_clause: str | None = None


@dataclass(frozen=True, slots=True)
class Instrument:
    id: str  # contract id, e.g. "OPSC"
    title: str
    short_names: tuple[str, ...]
    aliases: tuple[str, ...]  # other forms letters use
    kind: InstrumentKind
    binding: bool
    adopted: PartialDate | None
    entry_into_force: PartialDate | None  # general entry into force
    depositary: str | None
    mtdsg: str | None  # UN Treaty Collection chapter number, e.g. "IV-11-c"
    parent: str | None  # instrument id, e.g. OPSC -> CRC
    provision_count: int | None  # articles (or principles); None when not enumerable
    provision_label: Literal["article", "principle", "paragraph", "guideline"]
    eif_rule: EntryIntoForceRule | None
    symbol: str | None = None  # UN document symbol, e.g. UNGP "A/HRC/17/31"


@dataclass(frozen=True, slots=True)
class GuidingPrinciple:
    """One of the 31 UN Guiding Principles on Business and Human Rights."""

    number: int
    pillar: Literal["I", "II", "III"]
    role: Literal["foundational", "operational"]
    topic: str
