"""Communication references: ``AL CHN 3/2021``, ``JUA OTH 11/2023`` and older forms where
mandate file numbers precede the country code, e.g. ``UA Housing (2000-9) G/SO 214 (53-24)
SYR 3/2014``, on one line or two.

Ontology term produced: ``rg:Communication`` identified by ``dcterms:identifier``; the
normalised form keeps the type, the country code and the number ("UA SYR 3/2014"); the raw
form stays in the evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rightsgraph.loaders.extractors.ignorecase import FoldedPattern
from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.facts import CommunicationReference, Evidence

# File numbers of older references (before 2017 each mandate put its own file code before
# the country code): words ("Housing", "Assembly & Association"), "G/SO", numbers with an
# optional sub-number ("218/2") and bracketed numbers ("(3-3-16)"). Joint letters of five or
# six mandates carry up to about twenty such tokens. Tokens are possessive and line breaks
# optional in one way only, so that a long run of capitals, digits or spaces after "AL"
# cannot be split in exponentially many ways.
_FILE_TOKEN = r"(?:[A-Z][A-Za-z]++|&|G/SO|\d{1,4}+(?:/\d{1,3}+(?![\d/]))?|\([\d\s.-]{1,15}\))"
_BREAK = r"[ \t]*+(?:\n[ \t]*+)?"
_MAX_FILE_TOKENS = 30
REFERENCE_RE = re.compile(
    r"(?<![A-Za-z])(?P<type>J?(?:AL|UA|OL))"
    r"(?P<files>(?:" + _BREAK + _FILE_TOKEN + r"){0," + str(_MAX_FILE_TOKENS) + r"}?)"
    + _BREAK + r"(?P<country>[A-Z]{3})(?:[ \t]+|[ \t]*\n[ \t]*)(?P<number>\d{1,4})[ \t]*/[ \t]*(?P<year>(?:19|20)\d\d)\b"
)
OWN_REFERENCE_LABEL_RE = re.compile(
    r"(?im)^[ \t*]*(?:REFERENCE|Ref\.?|Réf\.?|Referencia|Our ref(?:erence)?\.?)[ \t]*:?[ \t*]*\n?"
)
_NOT_COUNTRY = {"THE", "AND", "FOR", "NOT", "ALL"}
# Words before a reference that make the document a follow-up to it.
FOLLOW_UP_CUE_RE = FoldedPattern(
    r"(?:follow[- ]?up|in\s+reference\s+to|further\s+to|previous\s+(?:joint\s+)?(?:communication|letter)"
    r"|our\s+(?:joint\s+)?(?:communication|letter)|we\s+regret\s+that\s+we\s+have\s+not\s+received)",
)
_CUE_WINDOW = 600


@dataclass(frozen=True, slots=True)
class ReferenceMatch:
    reference: str  # normalised
    communication_type: str  # AL | UA | OL
    joint: bool
    country: str
    evidence: Evidence
    country_evidence: Evidence | None = None  # the country code as written


def normalise(match: re.Match[str]) -> str:
    kind = match["type"].removeprefix("J") if len(match["type"]) == 3 else match["type"]
    return f"{kind} {match['country']} {int(match['number'])}/{match['year']}"


def find_references(text: str, start: int = 0, end: int | None = None) -> list[ReferenceMatch]:
    """All communication references in ``text[start:end]``, in order.

    >>> [r.reference for r in find_references("see AL CHN 3/2021 and JUA OTH 11/2023")]
    ['AL CHN 3/2021', 'UA OTH 11/2023']
    >>> find_references("UA Housing (2000-9) G/SO 214 (53-24)\\nSYR 3/2014")[0].reference
    'UA SYR 3/2014'
    """
    found = []
    for match in REFERENCE_RE.finditer(text, start, len(text) if end is None else end):
        if match["country"] in _NOT_COUNTRY:
            continue
        found.append(
            ReferenceMatch(
                reference=normalise(match),
                communication_type=match["type"].removeprefix("J")
                if len(match["type"]) == 3
                else match["type"],
                joint=match["type"].startswith("J"),
                country=match["country"],
                evidence=evidence(text, match.start(), match.end()),
                country_evidence=evidence(text, match.start("country"), match.end("country")),
            )
        )
    return found


def own_reference(text: str, head: int = 3000) -> ReferenceMatch | None:
    """The letter's own reference: the one after a "REFERENCE:"/"Ref.:" label near the top,
    else the first reference in the opening ``head`` characters."""
    label = OWN_REFERENCE_LABEL_RE.search(text, 0, head)
    if label:
        after = find_references(text, label.end(), min(len(text), label.end() + 200))
        if after:
            return after[0]
    opening = find_references(text, 0, head)
    return opening[0] if opening else None


def other_references(text: str, own: str | None) -> list[CommunicationReference]:
    """References other than the document's own, first occurrence of each; "follow_up" when
    the text around it says the document follows that communication up, else "related"."""
    seen: set[str] = set() if own is None else {own}
    out = []
    for match in find_references(text):
        if match.reference in seen:
            continue
        seen.add(match.reference)
        window = text[max(0, match.evidence.start - _CUE_WINDOW) : match.evidence.start]
        role = "follow_up" if FOLLOW_UP_CUE_RE.search(window) else "related"
        out.append(CommunicationReference(match.reference, role, match.evidence))
    return out
