"""What the extractors of one letter, reply or report share, each part computed once.

Extractors in :data:`~rightsgraph.loaders.registry.EXTRACTORS` take an
:class:`ExtractionContext` and read from it what they depend on (the letter's own reference,
its addressee, the timeline of instrument mentions, ...): each part is computed the first time
an extractor asks for it, so the registry's order does not matter and nothing runs twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rightsgraph.loaders.extractors import parties
from rightsgraph.loaders.extractors.citations import find_citations
from rightsgraph.loaders.extractors.companies import find_companies
from rightsgraph.loaders.extractors.letters_reported import earlier_letters, letter_of_reply
from rightsgraph.loaders.extractors.mentions import Mention, mention_timeline
from rightsgraph.loaders.extractors.references import ReferenceMatch, find_references, own_reference
from rightsgraph.loaders.extractors.report_facts import report_structure_facts
from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.extractors.symbols import OwnSymbol, own_symbol
from rightsgraph.loaders.facts import (
    Addressee, CompanyMention, DocumentKind, Evidence, LetterReport, MandateMention, ProvisionCitation,
    SymbolMention,
)

__all__ = ["ExtractionContext"]



@dataclass(eq=False)
class ExtractionContext:
    """One document's text and genre, and the intermediate results extractors share."""

    text: str
    kind: DocumentKind

    # --- the document's own identity ---------------------------------------------------

    @cached_property
    def own_reference(self) -> ReferenceMatch | None:
        """A letter's own reference (AL CHN 3/2021); None for replies and reports."""
        return own_reference(self.text) if self.kind not in ("reply", "report") else None

    @cached_property
    def answered_reference(self) -> ReferenceMatch | None:
        """The letter a reply answers: the first reference it gives."""
        if self.kind != "reply":
            return None
        found = find_references(self.text)
        return found[0] if found else None

    @cached_property
    def reply_sender(self) -> tuple[str | None, Evidence | None]:
        """The State a reply comes from, with the passage that says so (else the country
        code of the letter it answers, without a passage of its own)."""
        if self.kind != "reply":
            return None, None
        sender = parties.reply_sender(self.text)
        if sender:
            return sender[0], evidence(self.text, sender[1], sender[2])
        answered = self.answered_reference
        return (answered.country if answered and answered.country != "OTH" else None), None

    @cached_property
    def letter_reports(self) -> list[LetterReport]:
        """Letters this document reports on: the earlier letters a follow-up restates (with
        the replies it says they received), or the letter a reply answers."""
        if self.kind == "reply":
            answered = self.answered_reference
            if answered is None:
                return []
            state, span = self.reply_sender
            found = letter_of_reply(self.text, answered.reference, state, span)
            return [found] if found else []
        if self.kind == "report":
            return []
        ref, addressee = self.own_reference, self.addressee
        company = addressee.name if addressee and addressee.kind == "company" else None
        return earlier_letters(self.text, ref.reference if ref else None, company)

    @cached_property
    def _own_symbol_mark(self) -> OwnSymbol | None:
        return own_symbol(self.text) if self.kind == "report" else None

    @cached_property
    def own_symbol(self) -> SymbolMention | None:
        """A report's own symbol (A/79/122, CRC/C/CHN/CO/3-4), from its cover or first lines."""
        mark = self._own_symbol_mark
        return mark.mention if mark else None

    @cached_property
    def own_symbols(self) -> set[str]:
        """The symbols not to list as cited: the report's own, when it stands on the cover."""
        mark = self._own_symbol_mark
        return {mark.mention.symbol} if mark and mark.on_cover else set()

    # --- parties -----------------------------------------------------------------------

    @cached_property
    def companies(self) -> list[CompanyMention]:
        return find_companies(self.text)

    @cached_property
    def addressee(self) -> Addressee | None:
        """The State or company a letter is addressed to."""
        if self.kind in ("reply", "report"):
            return None
        ref = self.own_reference
        return parties.letter_addressee(
            self.text, ref.country if ref else None, self.companies, ref.country_evidence if ref else None
        )

    @cached_property
    def addressee_state(self) -> str | None:
        addressee = self.addressee
        return addressee.state if addressee and addressee.kind == "state" else None

    @cached_property
    def mandates(self) -> list[MandateMention]:
        """The mandates a letter is sent by, a reply answers, or a report is written by."""
        if self.kind == "reply":
            return parties.find_reply_mandates(self.text)
        if self.kind == "report":
            return parties.find_report_mandates(self.text)
        return parties.find_letter_mandates(self.text)

    # --- instruments -------------------------------------------------------------------

    @cached_property
    def timeline(self) -> list[Mention]:
        """Instruments named in the text, in order (anaphora such as "the same Convention")."""
        return mention_timeline(self.text)

    @cached_property
    def citations(self) -> list[ProvisionCitation]:
        return find_citations(self.text, self.timeline)

    @cached_property
    def report_structure(self) -> dict[str, tuple[object, ...]]:
        """Sections, paragraphs, footnotes and recommendations of a report (empty otherwise)."""
        if self.kind != "report":
            return {}
        return report_structure_facts(self.text, self.timeline, self.citations)
