"""Where a text names an instrument, explicitly ("the Convention on the Rights of the Child",
"CEDAW", "Palermo Protocol") or by anaphora ("the same Convention", "the Optional Protocol",
"these recommended Principles", "the Covenant").

An anaphor resolves to the most recent earlier mention whose head noun fits (a "Convention"
is not a "Protocol"; "the Optional Protocol" is an optional protocol, not the Palermo
Protocol). The result is the mention timeline that provision citations and ratification
statements bind to.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rightsgraph.loaders.reference.instruments import instrument_by_id, instruments_in_text
from rightsgraph.loaders.reference.model import Instrument

ANAPHOR_RE = re.compile(
    r"\b(?:[Tt]he\s+same|[Tt]he|[Tt]hese|[Tt]his|[Ii]ts|[Ss]aid|[Ll]a\s+misma|[Ee]l\s+mismo|[Ll]a|[Ee]l|[Ll]e|"
    r"[Ll]os|[Ll]es|[Dd]icha|[Dd]icho|[Ll]adite|[Ll]edit|[Cc]ette|[Cc]e)\s+(?:recommended\s+)?"
    r"(?P<head>Optional\s+Protocol|Protocolo\s+Facultativo|Protocole\s+facultatif|Convention|Convención"
    r"|Covenant|Pacto|Pacte|Protocol|Protocolo|Protocole|Declaration|Declaración|Déclaration"
    r"|Guiding\s+Principles|Principios\s+Rectores|Principes\s+directeurs"
    r"|Principles(?:\s+and\s+Guidelines)?)\b"
)
# Heads in French and Spanish, as their English equivalents.
_HEAD_EQUIVALENTS = {
    "protocolo facultativo": "optional protocol", "protocole facultatif": "optional protocol",
    "convención": "convention", "pacto": "covenant", "pacte": "covenant",
    "protocolo": "protocol", "protocole": "protocol", "declaración": "declaration",
    "déclaration": "declaration", "principios rectores": "guiding principles",
    "principes directeurs": "guiding principles",
}


@dataclass(frozen=True, slots=True)
class Mention:
    instrument: str
    start: int
    end: int
    explicit: bool


def head_noun(instrument: Instrument) -> str:
    """The noun an anaphor uses for this instrument.

    "optional protocol" for optional protocols, then "protocol", "covenant", "convention",
    "declaration" or "principles" by kind and title.
    """
    title = instrument.title.casefold()
    if instrument.kind == "optional_protocol":
        return "optional protocol"
    if instrument.kind in ("guiding_principles", "principles"):
        return "principles"
    if instrument.kind == "declaration":
        return "declaration"
    for noun in ("protocol", "covenant", "convention"):
        if title.startswith(noun) or f" {noun}" in title.split(",")[0]:
            return noun
    return instrument.kind


def _fits(anaphor_head: str, instrument_head: str) -> bool:
    anaphor_head = re.sub(r"\s+", " ", anaphor_head).casefold()
    anaphor_head = _HEAD_EQUIVALENTS.get(anaphor_head, anaphor_head)
    if anaphor_head.startswith("principles") or anaphor_head == "guiding principles":
        return instrument_head == "principles"
    if anaphor_head == "protocol":
        return instrument_head in ("protocol", "optional protocol")
    return anaphor_head == instrument_head


def mention_timeline(text: str) -> list[Mention]:
    """Explicit and anaphoric instrument mentions in text order.

    An anaphor takes the latest-starting earlier mention whose head noun fits. Explicit
    mentions do not overlap, so they are sorted by end as well as by start; the latest
    mention of each head noun is kept as the text is read, which keeps texts with many
    mentions and anaphors linear (rescanning every earlier mention per anaphor was quadratic).
    """
    explicit = [
        Mention(instrument.id, start, end, True) for instrument, start, end in instruments_in_text(text)
    ]
    heads = {m.instrument: head_noun(_instrument(m.instrument)) for m in explicit}
    starts = [m.start for m in explicit]
    anaphors: list[Mention] = []
    latest: dict[str, Mention] = {}  # head noun -> latest-starting mention read so far
    read = 0  # explicit[:read] are in ``latest``
    for match in ANAPHOR_RE.finditer(text):
        inside = bisect.bisect_right(starts, match.start("head")) - 1
        if inside >= 0 and match.start("head") < explicit[inside].end:
            continue  # part of an explicit name ("the Optional Protocol to the Convention ...")
        while read < len(explicit) and explicit[read].end <= match.start():
            _remember(latest, explicit[read], heads[explicit[read].instrument])
            read += 1
        fitting = [m for head, m in latest.items() if _fits(match["head"], head)]
        if fitting:
            chosen = max(fitting, key=lambda m: m.start)
            anaphor = Mention(chosen.instrument, match.start(), match.end(), False)
            anaphors.append(anaphor)
            _remember(latest, anaphor, heads[chosen.instrument])
    return sorted(explicit + anaphors, key=lambda m: m.start)


def _remember(latest: dict[str, Mention], mention: Mention, head: str) -> None:
    current = latest.get(head)
    if current is None or mention.start >= current.start:
        latest[head] = mention


def _instrument(instrument_id: str) -> Instrument:
    return instrument_by_id(instrument_id)


def latest_before(timeline: list[Mention], offset: int, window: int | None = None) -> list[Mention]:
    """Mentions ending before ``offset`` (nearest first), optionally within ``window`` chars."""
    found = [m for m in timeline if m.end <= offset and (window is None or offset - m.end <= window)]
    return sorted(found, key=lambda m: m.end, reverse=True)


def mention_at(timeline: list[Mention], start: int, limit: int = 40) -> Mention | None:
    """The first mention that starts within ``limit`` characters after ``start``."""
    for mention in timeline:
        if start <= mention.start <= start + limit:
            return mention
    return None
