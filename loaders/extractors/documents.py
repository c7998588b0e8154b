"""Facts of the Special Procedures genre: communications, replies and thematic reports.

A document's own identity (its reference, date, addressee or sender) is read by its genre
here; every other kind of fact comes from the registry (``loaders/registry.py``), whose
extractors share one :class:`~rightsgraph.loaders.extractors.context.ExtractionContext`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rightsgraph.loaders.extractors.context import ExtractionContext
from rightsgraph.loaders.extractors.dates import DateMatch
from rightsgraph.loaders.extractors.report_facts import visited_state
from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.extractors.structure import classify, document_date, response_deadline
from rightsgraph.loaders.facts import DocumentFacts, DocumentKind
from rightsgraph.loaders.registry import extract_fields


@dataclass(frozen=True, slots=True)
class SourceInfo:
    source: str
    sha256: str
    media_type: str


def extract_document_facts(text: str, info: SourceInfo, kind: DocumentKind | None = None) -> DocumentFacts:
    """All facts of a letter, reply or report (``kind`` found by :func:`classify` if None):
    the document's own identity (reference, date, addressee or sender) from its genre, and
    every kind of fact the registry (:data:`~rightsgraph.loaders.registry.EXTRACTORS`) runs
    on that genre."""
    kind = kind or classify(text)
    ctx = ExtractionContext(text, kind)
    identity = {"reply": _reply_identity, "report": _report_identity}.get(kind, _letter_identity)(ctx)
    return DocumentFacts(
        source=info.source,
        sha256=info.sha256,
        text=text,
        kind=kind,
        media_type=info.media_type,
        **identity,  # type: ignore[arg-type]
        **DocumentFacts.split_fields(extract_fields(ctx)),
    )


def _dated(text: str, found: DateMatch | None) -> dict[str, object]:
    """The ``date`` and ``date_evidence`` fields of a document whose date was ``found``."""
    if found is None:
        return {"date": None, "date_evidence": None}
    return {"date": found.date, "date_evidence": evidence(text, found.start, found.end)}


def _letter_identity(ctx: ExtractionContext) -> dict[str, object]:
    ref = ctx.own_reference
    return {
        "communication_type": ref.communication_type if ref else None,
        "reference": ref.reference if ref else None,
        "reference_evidence": ref.evidence if ref else None,
        **_dated(ctx.text, document_date(ctx.text, ctx.kind, after=ref.evidence.end if ref else 0)),
        "addressee": ctx.addressee,
        "deadline_days": response_deadline(ctx.text),
    }


def _reply_identity(ctx: ExtractionContext) -> dict[str, object]:
    sender_state, sender_evidence = ctx.reply_sender
    return {
        **_dated(ctx.text, document_date(ctx.text, "reply")),
        "sender_state": sender_state,
        "sender_evidence": sender_evidence,
    }


def _report_identity(ctx: ExtractionContext) -> dict[str, object]:
    own = ctx.own_symbol
    return {
        "reference": own.symbol if own else None,
        "reference_evidence": own.evidence if own else None,
        **_dated(ctx.text, document_date(ctx.text, "report")),
        **visited_state(ctx.text),
    }
