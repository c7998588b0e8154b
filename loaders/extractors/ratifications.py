"""Ratification statements in letters' annexes: "ratified by China on 2 March 1992", "which
China has ratified on 3 December 2002", "acceded by your Excellency's Government on
8 February 2010" (the addressee), "ratified by your Excellency's Government in 1994" (year
only: the date stays "1994").

Ontology term produced: ``rg:TreatyAction`` (with its action type from the SKOS scheme) bound
to the nearest instrument mention of the same sentence.
"""

from __future__ import annotations

import bisect
import re

from rightsgraph.loaders.extractors.dates import find_dates, month_number
from rightsgraph.loaders.extractors.ignorecase import FoldedPattern
from rightsgraph.loaders.extractors.mentions import Mention
from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.facts import ActionKind, PartialDate, TreatyAction
from rightsgraph.loaders.reference.instruments import instrument_by_id
from rightsgraph.loaders.reference.states import states_in_text

VERB_RE = FoldedPattern(
    r"\b(?P<verb>ratified|ratifie[ds]?|acceded|accession|succeeded|succession|accepted|approved|signed"
    r"|ratificad[oa]s?|ratific[óo]|ratifiée?s?|ratifié|adhiri[óo]|adhesión|adhéré|adhésion"
    r"|firmad[oa]s?|firm[óo]|signée?s?)(?!\w)",
)
_KINDS: tuple[tuple[str, ActionKind], ...] = (
    ("ratif", "ratification"),
    ("acce", "accession"),  # acceded, accession (checked before "accept")
    ("adh", "accession"),  # adhirió, adhesión, adhéré
    ("firm", "signature"),
    ("succe", "succession"),
    ("accept", "acceptance"),
    ("approv", "approval"),
    ("sign", "signature"),
)
OWN_GOVERNMENT_RE = FoldedPattern(
    r"(?:your\s+Excellency[’']s|your|the)\s+Government\b|(?:el\s+)?Gobierno\s+de\s+su\s+Excelencia|su\s+Gobierno"
    r"|(?:le\s+)?Gouvernement\s+de\s+votre\s+Excellence|votre\s+Gouvernement",
)
YEAR_OR_MONTH_RE = re.compile(
    r"\b(?:in|en)\s+(?:(?P<month>[A-Za-zéû]+),?\s+(?:de\s+)?)?(?P<year>(?:19|20)\d\d)\b"
)
NEGATION_RE = FoldedPattern(r"\b(?:not|yet to|never|no|pas|jamais)\b[^.]{0,20}$")
SENTENCE_END_RE = re.compile(r"(?<=[a-z0-9)\]”\"])[.;]\s+(?=[A-Z])|\n\n")
AFTER_WINDOW = 120
# How far after a verb its sentence's end is looked for: searching to the end of the text for
# every verb made a long text without sentence ends quadratic.
SENTENCE_REACH = 2000


def _kind(verb: str) -> ActionKind:
    verb = verb.casefold()
    if verb.startswith("accept"):
        return "acceptance"
    return next(kind for prefix, kind in _KINDS if verb.startswith(prefix))


def sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the sentence around ``offset`` (shared with the succession extractor)."""
    # No sentence end in the 600 characters before: the sentence starts there, not at the top
    # of the text (which made the subject search of every verb scan all text before it).
    start = max(0, offset - 600)
    for match in SENTENCE_END_RE.finditer(text, start, offset):
        start = match.end()
    reach = offset + SENTENCE_REACH
    end_match = SENTENCE_END_RE.search(text, offset, reach)
    return start, end_match.start() if end_match else min(len(text), reach)


def _date_after(text: str, start: int, end: int) -> tuple[PartialDate, int, int] | None:
    full = find_dates(text, start, end)
    partial = YEAR_OR_MONTH_RE.search(text, start, end)
    if full and (partial is None or full[0].start <= partial.start()):
        return full[0].date, full[0].start, full[0].end
    if partial is None:
        return None
    month = month_number(partial["month"]) if partial["month"] else None
    if partial["month"] and month is None:
        return None
    return PartialDate(int(partial["year"]), month), partial.start(), partial.end()


def _state(text: str, start: int, end: int, addressee: str | None) -> str | None:
    segment = text[start:end]
    named = states_in_text(segment)
    if named:
        return named[0][0].iso3
    if OWN_GOVERNMENT_RE.search(segment):
        return addressee
    return None


def instrument_of_sentence(timeline: list[Mention], verb_start: int, sentence: tuple[int, int]) -> Mention | None:
    """The instrument a verb of ``sentence`` acts on: the last mention before it, else the
    first after it in the sentence."""
    # The timeline is sorted by start: bisect to the sentence instead of scanning it all.
    first = bisect.bisect_left(timeline, sentence[0], key=_start)
    at_verb = bisect.bisect_left(timeline, verb_start, key=_start)
    for index in range(at_verb - 1, first - 1, -1):  # the latest one ending before the verb
        if timeline[index].end <= verb_start:
            return timeline[index]
    if at_verb < len(timeline) and timeline[at_verb].start < sentence[1]:
        return timeline[at_verb]
    return None


def _start(mention: Mention) -> int:
    return mention.start


def find_ratifications(
    text: str, timeline: list[Mention], addressee: str | None
) -> list[TreatyAction]:
    """Treaty actions stated in ``text``; the subject defaults to the addressee State."""
    out: list[TreatyAction] = []
    seen: set[tuple[str, str, str]] = set()
    for verb in VERB_RE.finditer(text):
        if NEGATION_RE.search(text, max(0, verb.start() - 30), verb.start()):
            continue
        sentence = sentence_bounds(text, verb.start())
        found = _date_after(text, verb.end(), min(sentence[1], verb.end() + AFTER_WINDOW))
        mention = instrument_of_sentence(timeline, verb.start(), sentence)
        if found is None or mention is None or not instrument_by_id(mention.instrument).binding:
            continue
        date, _, date_end = found
        subject_start = mention.end if mention.end <= verb.start() else sentence[0]
        state = _state(text, subject_start, found[1], addressee) or addressee
        if state is None:
            continue
        key = (state, mention.instrument, date.iso())
        if key in seen:
            continue
        seen.add(key)
        span = evidence(text, min(mention.start, verb.start()), date_end)
        out.append(TreatyAction(state, mention.instrument, _kind(verb["verb"]), date, span))
    return out
