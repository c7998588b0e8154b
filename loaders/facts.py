"""Typed facts that extractors produce, each with the evidence span it was read from.

Facts are frozen dataclasses: the loaders stage ends here, and ``rightsgraph.graph`` turns
them into RDF. Offsets are character offsets into the document's extracted plain text
(``ReadDocument.text``); the reader's offset map takes them back to the source file.

>>> PartialDate.parse("1994").iso()
'1994'
>>> PartialDate.parse("2021-03-30").precision
'day'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["year", "month", "day"]
ActionKind = Literal["ratification", "accession", "succession", "acceptance", "approval", "signature"]
DocumentKind = Literal["communication", "reply", "report", "treaty_status", "treaty_text", "unknown"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """A passage: ``text == document_text[start:end]``."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to year, month or day precision; never padded with invented parts."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.day is not None:
            dt.date(self.year, self.month or 1, self.day)  # validates the calendar date
        elif self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def as_date(self) -> dt.date | None:
        """The exact date, or None when the precision is coarser than a day."""
        if self.day is None or self.month is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def earliest(self) -> dt.date:
        """First day the value may denote (for "in force by D?" questions)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """Last day the value may denote."""
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        if self.month is not None:
            nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    def consistent_with(self, other: PartialDate) -> bool:
        """True when both can denote the same day ("1994" and "1994-10-21" can)."""
        return self.earliest() <= other.latest() and other.earliest() <= self.latest()

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        parts = [int(p) for p in value.strip().split("-")]
        return cls(*parts)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)


# --- facts of letters, replies and reports ---------------------------------------------


@dataclass(frozen=True, slots=True)
class Addressee:
    kind: Literal["state", "company"]
    state: str | None = None  # ISO alpha-3 when kind == "state"
    name: str | None = None  # company name when kind == "company"
    person: str | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class MandateMention:
    mandate: str  # id, e.g. "sale-of-children"
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Signatory:
    name: str
    mandate: str | None  # mandate id the person signs for, when the text says
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ResolutionCitation:
    resolution: str  # "43/22"
    body: Literal["HRC", "GA", "CHR"]
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class CompanyMention:
    name: str
    home_state: str | None  # ISO alpha-3 or None when the text does not say
    owner: str | None  # "Instagram, owned by Facebook Inc." -> "Facebook Inc."
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class StateMention:
    """A State named in a role: ``also_sent_to`` or ``replied``."""

    state: str
    role: Literal["also_sent_to", "replied"]
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class CommunicationReference:
    reference: str  # normalised, e.g. "AL OTH 21/2021"
    role: Literal["self", "related", "follow_up", "replies_to"]
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class TreatyAction:
    """A State's action on an instrument (from a letter's annex or a UNTC table)."""

    state: str
    instrument: str
    kind: ActionKind
    date: PartialDate
    evidence: Evidence
    # The entry into force for this State that the source states beside the action
    # (verdragen.nl lists it); None when the source does not say.
    entry_into_force: PartialDate | None = None
    entry_into_force_evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class ProvisionCitation:
    instrument: str
    provision: str | None  # None: a general comment or instrument cited as a whole
    sub: str | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class SymbolMention:
    symbol: str  # normalised official form
    evidence: Evidence  # keeps the raw form


@dataclass(frozen=True, slots=True)
class Question:
    number: int
    text: str
    evidence: Evidence


# --- facts of UNTC tables and treaty texts ----------------------------------------------


@dataclass(frozen=True, slots=True)
class Participant:
    """A UNTC participant row, resolved or not (unresolved names are reported, never dropped)."""

    name: str
    state: str | None  # ISO alpha-3; None for non-State parties or unresolved names
    non_state_party: bool
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Declaration:
    state: str
    instrument: str
    kind: Literal["reservation", "declaration", "objection", "understanding"]
    text: str
    articles: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ProvisionText:
    instrument: str
    provision: str
    heading: str | None
    text: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class LoadWarning:
    """Something a user should see but that does not stop the load."""

    message: str
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """Everything extracted from one document, ready for ``rightsgraph.graph``."""

    source: str  # file name (or upload name)
    sha256: str  # of the source bytes: names the document's graph
    text: str  # extracted plain text; every Evidence offset points into it
    kind: DocumentKind
    media_type: str = "text/plain"
    communication_type: str | None = None
    reference: str | None = None
    reference_evidence: Evidence | None = None
    date: PartialDate | None = None
    date_evidence: Evidence | None = None
    addressee: Addressee | None = None
    sender_state: str | None = None
    sender_evidence: Evidence | None = None
    instrument: str | None = None  # for treaty_status / treaty_text documents
    mandates: tuple[MandateMention, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    resolutions: tuple[ResolutionCitation, ...] = ()
    companies: tuple[CompanyMention, ...] = ()
    states: tuple[StateMention, ...] = ()
    references: tuple[CommunicationReference, ...] = ()
    actions: tuple[TreatyAction, ...] = ()
    citations: tuple[ProvisionCitation, ...] = ()
    symbols: tuple[SymbolMention, ...] = ()
    questions: tuple[Question, ...] = ()
    deadline_days: int | None = None
    participants: tuple[Participant, ...] = ()
    declarations: tuple[Declaration, ...] = ()
    provision_texts: tuple[ProvisionText, ...] = ()
    warnings: tuple[LoadWarning, ...] = field(default=())
    # True when ``text`` was recognised by OCR from page images: every span then quotes the
    # recognised text, which may differ from the printed page.
    read_by_ocr: bool = False


def iter_evidence(value: object) -> Iterator[Evidence]:
    """Every :class:`Evidence` inside ``value`` (a fact, a :class:`DocumentFacts`, nested
    dataclasses, tuples and lists), depth first.

    >>> span = Evidence(0, 2, "AL")
    >>> list(iter_evidence(Addressee("state", state="CHN", evidence=span))) == [span]
    True
    """
    if isinstance(value, Evidence):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from iter_evidence(getattr(value, item.name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from iter_evidence(item)
