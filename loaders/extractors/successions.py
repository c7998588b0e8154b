"""What a notification of succession continues: the predecessor and the date of effect.

A successor State becomes a party to its predecessor's treaties from the date of the
succession of States (Vienna Convention on Succession of States in respect of Treaties,
1978, arts. 17, 22-23), not from the day its notification is deposited. Status tables give
only the deposit (the `` d`` rows); the passages read here say more:

* a UNTC footnote or declaration: "Czechoslovakia had signed and ratified the Convention
  on ... With effect from 1 January 1993 ...";
* a letter's annex: "Slovakia succeeded to the Convention on the Rights of the Child as a
  successor to Czechoslovakia, with effect from 1 January 1993".

:func:`read_succession_note` reads one passage (whose State and instrument the caller
knows); :func:`succession_notes_in_letter` finds the passages of a letter. A date the
passage does not give as a date of effect stays unknown: "succeeded ... on 28 May 1993"
dates the notification (the letter's action), not the succession.

>>> text = "Czechoslovakia had ratified the Convention on 7 January 1991. With effect from 1 January 1993, the Czech Republic succeeded."
>>> note = read_succession_note(text, 0, len(text), state="CZE", instrument="CRC")
>>> note.predecessor, note.effective.iso()
('CSK', '1993-01-01')
"""

from __future__ import annotations

import re
from rightsgraph.loaders.extractors.context import ExtractionContext
from rightsgraph.loaders.extractors.dates import find_dates
from rightsgraph.loaders.extractors.ignorecase import FoldedPattern
from rightsgraph.loaders.extractors.ratifications import instrument_of_sentence, sentence_bounds
from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.facts import Evidence, PartialDate, SuccessionNote
from rightsgraph.loaders.reference.former_states import former_states_in_text
from rightsgraph.loaders.reference.instruments import instrument_by_id
from rightsgraph.loaders.reference.states import states_in_text

__all__ = ["SUCCESSION_WORD", "read_succession_note", "succession_notes_in_letter"]


_EFFECT_CUE = FoldedPattern(
    r"\b(?:with\s+effect|effective|taking\s+effect)\s+(?:from|as\s+(?:of|from)|on)\s+"
    r"|\bfrom\s+the\s+date\s+(?:of|on\s+which)\s+(?:its|the)\s+(?:independence|succession|separation|dissolution)"
    r"[^.;]{0,60}?,?\s+(?:namely\s+|that\s+is,?\s+|i\.\s?e\.,?\s+)?"
)
# how far after a cue its date may start, and the longest a written date is
_CUE_REACH = 12
_LONGEST_DATE = 40
# words after which a State still existing is named as the predecessor
_PREDECESSOR_CUE = FoldedPattern(
    r"\b(?:successor(?:\s+State)?\s+(?:to|of)|separat\w*\s+from|dissolution\s+of|predecessor,?)\s+(?:the\s+)?"
)
SUCCESSION_WORD = FoldedPattern(r"\b(?:succeeded|succession|successor)\b")


def read_succession_note(text: str, start: int, end: int, *, state: str, instrument: str) -> SuccessionNote | None:
    """The predecessor and date of effect ``text[start:end]`` gives for ``state``'s
    succession to ``instrument``; None when it gives neither."""
    predecessor = _predecessor(text, start, end, state)
    effective = _date_of_effect(text, start, end)
    if predecessor is None and effective is None:
        return None
    return SuccessionNote(
        state, instrument, evidence(text, start, end),
        predecessor=predecessor[0] if predecessor else None,
        predecessor_evidence=predecessor[1] if predecessor else None,
        effective=effective[0] if effective else None,
        effective_evidence=effective[1] if effective else None,
    )


def _predecessor(text: str, start: int, end: int, successor: str) -> tuple[str, Evidence] | None:
    """A former State the passage names, else a current State named as the predecessor."""
    former = former_states_in_text(text, start, end)
    if former:
        state, a, b = former[0]
        return state.id, evidence(text, a, b)
    for cue in _PREDECESSOR_CUE.finditer(text, start, end):
        named = [(s, a, b) for s, a, b in states_in_text(text[cue.end():end]) if a == 0 and s.iso3 != successor]
        if named:
            state, a, b = named[0]
            return state.iso3, evidence(text, cue.end() + a, cue.end() + b)
    return None


def _date_of_effect(text: str, start: int, end: int) -> tuple[PartialDate, Evidence] | None:
    for cue in _EFFECT_CUE.finditer(text, start, end):
        dates = find_dates(text, cue.end(), min(end, cue.end() + _CUE_REACH + _LONGEST_DATE))
        if dates and dates[0].start - cue.end() <= _CUE_REACH:
            return dates[0].date, evidence(text, dates[0].start, dates[0].end)
    return None


def succession_notes_in_letter(ctx: ExtractionContext) -> list[SuccessionNote]:
    """The succession passages of a letter: each sentence with a succession verb, the
    instrument it names and the State it names (else the addressee), that gives a
    predecessor or a date of effect."""
    text = ctx.text
    notes: list[SuccessionNote] = []
    seen: set[tuple[int, int]] = set()
    for verb in SUCCESSION_WORD.finditer(text):
        sentence = sentence_bounds(text, verb.start())
        if sentence in seen:
            continue
        seen.add(sentence)
        mention = instrument_of_sentence(ctx.timeline, verb.start(), sentence)
        if mention is None or not instrument_by_id(mention.instrument).binding:
            continue
        state = _successor(text, sentence[0], verb.start()) or ctx.addressee_state
        if state is None:
            continue
        note = read_succession_note(text, sentence[0], sentence[1], state=state, instrument=mention.instrument)
        if note is not None:
            notes.append(note)
    return notes


def _successor(text: str, start: int, verb: int) -> str | None:
    """The last current State named before the verb that is not part of a former State's
    name ("Serbia and Montenegro")."""
    former = [(a, b) for _, a, b in former_states_in_text(text, start, verb)]
    named = [s for s, a, _ in states_in_text(text[start:verb])
             if not any(fa <= start + a < fb for fa, fb in former)]
    return named[-1].iso3 if named else None
