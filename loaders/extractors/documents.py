"""Facts of the Special Procedures genre: communications, replies and thematic reports.

Runs the small extractors in order (classify -> reference -> date -> parties -> companies ->
instruments -> ratifications -> citations -> symbols) and gathers their facts into one
:class:`~rightsgraph.loaders.facts.DocumentFacts`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rightsgraph.loaders.extractors import parties
from rightsgraph.loaders.extractors.citations import find_citations
from rightsgraph.loaders.extractors.dates import DateMatch
from rightsgraph.loaders.extractors.companies import find_companies
from rightsgraph.loaders.extractors.mentions import mention_timeline
from rightsgraph.loaders.extractors.ratifications import find_ratifications
from rightsgraph.loaders.extractors.references import (
    ReferenceMatch,
    find_references,
    other_references,
    own_reference,
)
from rightsgraph.loaders.extractors.resolutions import find_resolutions
from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.extractors.structure import (
    classify,
    document_date,
    find_questions,
    response_deadline,
)
from rightsgraph.loaders.extractors.symbols import find_symbols, own_symbol
from rightsgraph.loaders.facts import CommunicationReference, DocumentFacts, DocumentKind, Evidence


@dataclass(frozen=True, slots=True)
class SourceInfo:
    source: str
    sha256: str
    media_type: str


def extract_document_facts(text: str, info: SourceInfo, kind: DocumentKind | None = None) -> DocumentFacts:
    """All facts of a letter, reply or report (``kind`` found by :func:`classify` if None)."""
    kind = kind or classify(text)
    if kind == "reply":
        return _reply(text, info)
    if kind == "report":
        return _report(text, info)
    return _communication(text, info, kind)


def _dated(text: str, found: DateMatch | None) -> dict[str, object]:
    """The ``date`` and ``date_evidence`` fields of a document whose date was ``found``."""
    if found is None:
        return {"date": None, "date_evidence": None}
    return {"date": found.date, "date_evidence": evidence(text, found.start, found.end)}


def _common(text: str, own: set[str]) -> dict[str, object]:
    timeline = mention_timeline(text)
    return {
        "resolutions": tuple(find_resolutions(text)),
        "companies": tuple(find_companies(text)),
        "citations": tuple(find_citations(text, timeline)),
        "symbols": tuple(find_symbols(text, exclude=own)),
        "timeline": timeline,
    }


def _communication(text: str, info: SourceInfo, kind: DocumentKind) -> DocumentFacts:
    ref = own_reference(text)
    common = _common(text, set())
    timeline = common.pop("timeline")
    companies = list(common["companies"])  # type: ignore[call-overload]
    addressee = parties.letter_addressee(
        text, ref.country if ref else None, companies, ref.country_evidence if ref else None
    )
    addressee_state = addressee.state if addressee and addressee.kind == "state" else None
    date = document_date(text, kind, after=ref.evidence.end if ref else 0)
    return DocumentFacts(
        source=info.source,
        sha256=info.sha256,
        text=text,
        kind=kind,
        media_type=info.media_type,
        communication_type=ref.communication_type if ref else None,
        reference=ref.reference if ref else None,
        reference_evidence=ref.evidence if ref else None,
        **_dated(text, date),  # type: ignore[arg-type]
        addressee=addressee,
        mandates=tuple(parties.find_letter_mandates(text)),
        signatories=tuple(parties.find_signatories(text)),
        states=tuple(parties.find_other_states(text, addressee_state)),
        references=tuple(other_references(text, ref.reference if ref else None)),
        actions=tuple(find_ratifications(text, timeline, addressee_state)),  # type: ignore[arg-type]
        questions=tuple(find_questions(text)),
        deadline_days=response_deadline(text),
        **common,  # type: ignore[arg-type]
    )


def _answered(text: str) -> ReferenceMatch | None:
    refs = find_references(text)
    return refs[0] if refs else None


def _reply(text: str, info: SourceInfo) -> DocumentFacts:
    answered = _answered(text)
    common = _common(text, set())
    common.pop("timeline")
    sender = parties.reply_sender(text)
    sender_state = sender[0] if sender else (answered.country if answered and answered.country != "OTH" else None)
    date = document_date(text, "reply")
    references: tuple[CommunicationReference, ...] = ()
    if answered:
        references = (CommunicationReference(answered.reference, "replies_to", answered.evidence),)
        others = other_references(text, answered.reference)
        references += tuple(others)
    sender_evidence: Evidence | None = evidence(text, sender[1], sender[2]) if sender else None
    return DocumentFacts(
        source=info.source,
        sha256=info.sha256,
        text=text,
        kind="reply",
        media_type=info.media_type,
        **_dated(text, date),  # type: ignore[arg-type]
        sender_state=sender_state,
        sender_evidence=sender_evidence,
        mandates=tuple(parties.find_reply_mandates(text)),
        signatories=tuple(parties.find_signatories(text)),
        references=references,
        **common,  # type: ignore[arg-type]
    )


def _report(text: str, info: SourceInfo) -> DocumentFacts:
    own_mark = own_symbol(text)
    own = own_mark.mention if own_mark else None
    common = _common(text, {own.symbol} if own_mark and own_mark.on_cover else set())
    common.pop("timeline")
    mandates = parties.find_report_mandates(text)
    date = document_date(text, "report")
    return DocumentFacts(
        source=info.source,
        sha256=info.sha256,
        text=text,
        kind="report",
        media_type=info.media_type,
        reference=own.symbol if own else None,
        reference_evidence=own.evidence if own else None,
        **_dated(text, date),  # type: ignore[arg-type]
        mandates=tuple(mandates),
        signatories=tuple(parties.report_signatory(text, mandates)),
        references=tuple(other_references(text, None)),
        **common,  # type: ignore[arg-type]
    )
