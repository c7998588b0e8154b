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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Precision = Literal["year", "month", "day"]
ActionKind = Literal[
    "ratification", "accession", "succession", "acceptance", "approval", "signature",
    # UNTC "c" and "s": consent to be bound of an international organisation, and a
    # signature not subject to ratification
    "formal_confirmation", "definitive_signature",
    # ends of participation (issue 22): their effect follows the treaty's clause
    "denunciation", "withdrawal",
    # consent to be bound whose form the source does not name ("ratification or
    # accession", as year-only status tables give it); it never stands for a signature
    "consent",
]
StatusAsAtOrigin = Literal["stated", "ingest-option"]
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
class LetterReport:
    """What a document says about another letter: its date and addressee (a reply "further
    to the letter dated 30 March 2021"), or that it went unanswered ("we have not received a
    response from you"). Each part quotes its own span."""

    reference: str  # the other letter's reference, normalised
    date: PartialDate | None = None
    date_evidence: Evidence | None = None
    addressee_state: str | None = None  # ISO alpha-3
    addressee_company: str | None = None
    addressee_evidence: Evidence | None = None
    unanswered_evidence: Evidence | None = None  # set when the document says no reply came


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


# --- facts of a report's structure and recommendations (issue 17) -----------------------

Addressed = Literal["states", "business", "un", "other"]


@dataclass(frozen=True, slots=True)
class ReportSection:
    """A heading of a report: "VI. Conclusion and recommendations", "B. Recommendations",
    "To business enterprises"."""

    number: str | None  # "VI", "B"; None for an unnumbered heading
    title: str
    level: int  # 1 chapter (Roman numeral), 2 lettered section, 3 unnumbered heading
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote as printed at a page foot (its number, its text and where it stands)."""

    number: str
    text: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ReportParagraph:
    """A numbered paragraph ("98") or one of its sub-paragraphs ("98(b)") of a report.

    ``evidence`` runs from the number to the next paragraph or heading, page furniture and
    footnotes printed inside it included; ``parts`` are the pieces of the paragraph's own
    text (a paragraph split by a page break has several).
    """

    number: str
    sub: str | None
    section: str | None  # title of the innermost heading above it
    section_path: tuple[str, ...]  # every heading above it, outermost first
    footnotes: tuple[str, ...]  # numbers of the footnotes its text calls
    evidence: Evidence
    parts: tuple[Evidence, ...] = ()

    @property
    def id(self) -> str:
        """How lawyers cite it: "98" or "98(b)"."""
        return self.number if self.sub is None else f"{self.number}({self.sub})"

    @property
    def body(self) -> str:
        """The paragraph's own text, pieces joined, whitespace collapsed."""
        pieces = self.parts or (self.evidence,)
        return " ".join(" ".join(p.text.split()) for p in pieces).strip()


@dataclass(frozen=True, slots=True)
class RecommendationCitation:
    """An instrument (and provision, when a number is given) a recommendation names."""

    recommendation: str  # "100(b)"
    instrument: str
    provision: str | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A recommendation of a report: soft law, never a treaty obligation.

    ``heading`` is the theme in the report's own words (lower case); ``theme`` the concept
    of the rightsgraph theme scheme (``ontology/themes.ttl``) it falls under, and ``topics``
    further concepts its text touches. ``addressee`` is who must act.
    """

    paragraph: str
    sub: str | None
    heading: str | None
    addressee: Addressed | None
    evidence: Evidence
    theme: str | None = None
    topics: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.paragraph if self.sub is None else f"{self.paragraph}({self.sub})"


# --- facts of UNTC tables and treaty texts ----------------------------------------------


@dataclass(frozen=True, slots=True)
class Participant:
    """A UNTC participant row, resolved or not (unresolved names are reported, never dropped)."""

    name: str
    state: str | None  # ISO alpha-3; None for non-State parties or unresolved names
    non_state_party: bool
    evidence: Evidence
    # The row's own status words when the table states one ("state party", "signatory
    # state", "no action" in year-only tables); None for tables that give only dates.
    status: str | None = None


@dataclass(frozen=True, slots=True)
class ObjectionTarget:
    """The State whose reservations an objection is made to, and the objection's date when
    the text gives it ("26 August 1992: with regard to the reservations made by Jordan")."""

    state: str  # ISO alpha-3 of the reserving State
    date: PartialDate | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Declaration:
    """One statement a State made on an instrument (a block of several is split into these)."""

    state: str
    instrument: str
    kind: Literal["reservation", "declaration", "objection", "understanding", "withdrawal", "modification"]
    text: str
    articles: tuple[str, ...]  # the instrument's articles the statement limits or interprets
    evidence: Evidence
    # the instrument's articles named only in passing (a reason, a frame)
    mentioned: tuple[str, ...] = ()
    # territories the statement is made for / excludes, as the text names them
    territories: tuple[str, ...] = ()
    excluded_territories: tuple[str, ...] = ()
    # for a withdrawal: True when partial; the articles the reservation still applies to
    partial: bool = False
    continues_for: tuple[str, ...] = ()
    # for an objection: the reserving States it objects to
    objects_to: tuple[ObjectionTarget, ...] = ()
    # the action the statement was made upon when the source's heading says ("Upon signature:")
    made_upon: ActionKind | None = None


@dataclass(frozen=True, slots=True)
class SuccessionNote:
    """A passage on a State's succession to an instrument.

    ``predecessor`` is the ISO alpha-3 code of a State that still exists or the id of a
    former State (``CSK``, ``YUG``, ``SUN``, ``SCG``); ``effective`` the date of the
    succession of States from which the successor is bound. Either is None when the passage
    does not give it, never guessed.
    """

    state: str  # the successor, ISO alpha-3
    instrument: str
    evidence: Evidence  # the whole passage
    predecessor: str | None = None
    predecessor_evidence: Evidence | None = None
    effective: PartialDate | None = None
    effective_evidence: Evidence | None = None


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
    # issue 22: successions' predecessors and dates of effect, from letters and from the
    # notes of status tables
    successions: tuple[SuccessionNote, ...] = ()
    succession_notes: tuple[SuccessionNote, ...] = ()
    # a report's structure and recommendations (issue 17)
    sections: tuple[ReportSection, ...] = ()
    paragraphs: tuple[ReportParagraph, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    recommendation_citations: tuple[RecommendationCitation, ...] = ()
    visited_state: str | None = None  # ISO alpha-3 of a country-visit report's State
    visited_state_evidence: Evidence | None = None
    warnings: tuple[LoadWarning, ...] = field(default=())
    # The day a status source shows the treaty status as it stood ("Status as at" of a UNTC
    # page, else the ``ingest --as-at`` option); None when unknown.
    letter_reports: tuple[LetterReport, ...] = ()
    # Companies the document says replied on its matter (a follow-up's "replies from ...,
    # namely TikTok"); the home State as the document's mentions give it.
    company_replies: tuple[CompanyMention, ...] = ()
    status_as_at: PartialDate | None = None
    status_as_at_evidence: Evidence | None = None
    status_as_at_origin: StatusAsAtOrigin | None = None
    # True when ``text`` was recognised by OCR from page images: every span then quotes the
    # recognised text, which may differ from the printed page.
    read_by_ocr: bool = False
    # facts of kinds registered in loaders/registry.py that have no field above
    extra: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)

    def of(self, name: str) -> tuple[Any, ...]:
        """The facts of one registered kind, whether it has a field of its own or not."""
        if name in _DOCUMENT_FIELDS:
            return getattr(self, name)
        return self.extra.get(name, ())

    @staticmethod
    def split_fields(values: Mapping[str, tuple[Any, ...]]) -> dict[str, Any]:
        """Keyword arguments for the constructor: kinds with a field of their own as fields,
        the others gathered in ``extra``."""
        own = {name: items for name, items in values.items() if name in _DOCUMENT_FIELDS}
        extra = {name: items for name, items in values.items() if name not in _DOCUMENT_FIELDS}
        return {**own, "extra": extra} if extra else own


_DOCUMENT_FIELDS = frozenset(f.name for f in dataclasses.fields(DocumentFacts)) - {"extra"}


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
    elif isinstance(value, Mapping):  # DocumentFacts.extra
        for item in value.values():
            yield from iter_evidence(item)
