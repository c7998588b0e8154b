"""Provision citations: "Article 34 of the Convention", "article 3 (1) (c) of the Optional
Protocol", "articles 7, 8 and 24 of", "Article 4 (c & d)", "(art. 2 (c))", "Guiding
Principle 1", "principles 11 to 24", "Principles 17-21", "the same Convention", "General
Comment no. 31 para. 8".

Ontology term produced: ``rg:Citation`` linking the document to an
``eli:LegalResourceSubdivision``. A number is tied to an instrument by "of/to/under <mention>"
right after it, else by the nearest earlier mention; a provision that does not exist in the
instrument (OPSC has 17 articles) is never asserted: a weak tie ("Article 19 to the Optional
Protocol") falls back to the nearest earlier instrument that has it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from rightsgraph.loaders.extractors.mentions import Mention, latest_before, mention_timeline
from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.facts import ProvisionCitation
from rightsgraph.loaders.reference.instruments import instrument_by_id, provision_exists

_NUM = r"\d{1,3}(?![\d/])"
_SUBS = r"(?:\s*\(\s*[0-9a-z]{1,4}(?:\s*(?:&|and|,)\s*[0-9a-z]{1,4})*\s*\))*"
_LABEL = (
    r"(?:[Aa]rticles?|[Aa]rt[íi]culos?|[Aa]rts?\.|[Gg]uiding\s+[Pp]rinciples?|[Pp]rinciples?"
    r"|[Pp]rincipios?(?:\s+[Rr]ectores?)?|[Pp]rincipes?(?:\s+directeurs?)?)"
)
_SEP = r"\s*(?:,|and|et|y|&|to|à|a|al|-|–|through)\s*(?:" + _LABEL + r"\s+)?"
CITATION_RE = re.compile(
    r"(?<![\w-])(?P<label>" + _LABEL + r")\s+(?P<numbers>" + _NUM + _SUBS
    + r"(?:" + _SEP + _NUM + _SUBS + r")*)"
)
_ONE_NUMBER = re.compile(r"(?P<num>" + _NUM + r")(?P<subs>" + _SUBS + r")")
_RANGE = re.compile(r"(\d{1,3})\s*(?:to|à|a|al|-|–|through)\s*(?:" + _LABEL + r"\s+)?(\d{1,3})")
# What may stand between the numbers and the instrument they belong to.
_TIE_RE = re.compile(
    r"^[\s,]*(?:paragraph\s+\d+\s+)?(?P<prep>of|to|under|in|de|del|du|des)\s*"
    r"(?:the\s+|these\s+|this\s+|its\s+|la\s+|el\s+|le\s+|l['’]\s*|los\s+|las\s+|les\s+)?"
    r"(?:UN\s+|United\s+Nations\s+|Naciones\s+Unidas\s+|Nations\s+Unies\s+)?$",
    re.IGNORECASE,
)
_UNTIED_OF_RE = re.compile(r"^[\s,]*(?:of|de|del|du)\s+(?:the\s+|la\s+|el\s+|le\s+)?[A-Z]")
GENERAL_COMMENT_RE = re.compile(
    r"[Gg]eneral\s+[Cc]omment\s+(?:n[o°º]\.?|No\.?|number)?\s*(?P<number>\d{1,3})"
    r"(?:\s*\(\d{4}\))?(?P<para>[\s,]*para(?:graph)?s?\.?\s*(?P<paragraph>\d{1,3}))?"
)
_COMMITTEES = (
    ("Human Rights Committee", "CCPR"),
    ("Committee on the Rights of the Child", "CRC"),
    ("Committee on Economic, Social and Cultural Rights", "CESCR"),
    ("Committee on the Elimination of Discrimination against Women", "CEDAW"),
    ("Committee on the Elimination of Racial Discrimination", "CERD"),
    ("Committee against Torture", "CAT"),
    ("Committee on the Rights of Persons with Disabilities", "CRPD"),
)
CONTEXT_WINDOW = 3000
# No instrument name or anaphor runs this long, gaps between its words included.
LONGEST_MENTION = 1000


def _subs(raw: str) -> list[str | None]:
    """'(1) (c & d)' -> ['1c', '1d']; '' -> [None]."""
    groups = re.findall(r"\(([^)]*)\)", raw)
    if not groups:
        return [None]
    prefix = "".join(g.strip() for g in groups[:-1])
    last = [p.strip() for p in re.split(r"&|and|,", groups[-1]) if p.strip()]
    return [prefix + part for part in last] or [prefix or None]


def _numbers(numbers: str) -> Iterator[tuple[str, str | None]]:
    """Expand '7, 8 and 24', '11 to 24', '3 (1) (c)' into (number, sub) pairs."""
    ranged: set[int] = set()
    for low, high in _RANGE.findall(numbers):
        lo, hi = int(low), int(high)
        if lo < hi <= lo + 60:
            for n in range(lo, hi + 1):
                ranged.add(n)
                yield str(n), None
    for match in _ONE_NUMBER.finditer(numbers):
        if int(match["num"]) in ranged:
            continue
        for sub in _subs(match["subs"]):
            yield match["num"], sub


def _is_principle_label(label: str) -> bool:
    return "rincip" in label


def _is_ungp_label(label: str) -> bool:
    """"Guiding Principle", "Principios Rectores", "Principes directeurs"."""
    return any(word in label.casefold() for word in ("guiding", "rector", "directeur"))


def _tied_mention(text: str, end: int, timeline: list[Mention]) -> tuple[Mention | None, str | None]:
    """The mention the numbers are tied to by a preposition, and that preposition."""
    # The timeline is sorted by start: the first mention at or after ``end`` by bisection
    # (a scan from the top for every citation made citation-dense texts quadratic).
    index = bisect.bisect_left(timeline, end, key=_start)
    if index < len(timeline):
        mention = timeline[index]
        tie = _TIE_RE.match(text[end : mention.start])
        if tie:
            return mention, tie["prep"].casefold()
    return None, None


def _start(mention: Mention) -> int:
    return mention.start


def _context_candidates(label: str, start: int, timeline: list[Mention]) -> list[str]:
    # Only mentions starting in the window (plus the longest a name can be) can end in it.
    low = bisect.bisect_left(timeline, start - CONTEXT_WINDOW - LONGEST_MENTION, key=_start)
    high = bisect.bisect_left(timeline, start, key=_start)
    nearby = latest_before(timeline[low:high], start, CONTEXT_WINDOW)
    ids = list(dict.fromkeys(m.instrument for m in nearby))  # nearest first, each once
    if _is_principle_label(label):
        principles = [i for i in ids if instrument_by_id(i).kind in ("guiding_principles", "principles")]
        if _is_ungp_label(label):
            return ["UNGP"]
        return principles[:1] or ["UNGP"]
    with_articles = [i for i in ids if instrument_by_id(i).provision_label == "article"]
    return list(dict.fromkeys(with_articles))


def _resolve(label: str, number: str, tied: Mention | None, prep: str | None, candidates: list[str]) -> str | None:
    if tied is not None:
        if provision_exists(tied.instrument, number):
            return tied.instrument
        if prep != "to":
            return None  # "article 19 of the Optional Protocol" that does not exist: not asserted
        candidates = [c for c in candidates if c != tied.instrument]
    for instrument in candidates[:3]:
        if provision_exists(instrument, number):
            return instrument
    return None


def find_citations(text: str, timeline: list[Mention] | None = None) -> list[ProvisionCitation]:
    """Every provision citation, in text order (duplicates kept: each is its own passage)."""
    timeline = mention_timeline(text) if timeline is None else timeline
    out: list[ProvisionCitation] = []
    for match in CITATION_RE.finditer(text):
        tied, prep = _tied_mention(text, match.end(), timeline)
        if tied is None and _UNTIED_OF_RE.match(text[match.end() : match.end() + 40]):
            if not _is_principle_label(match["label"]):
                continue  # "article 3 of the Companies Act": not an instrument we know
        candidates = _context_candidates(match["label"], match.start(), timeline)
        if tied is None and _is_ungp_label(match["label"]):
            tied, prep = Mention("UNGP", match.start(), match.end(), True), "of"
        span = evidence(text, match.start(), match.end())
        for number, sub in _numbers(match["numbers"]):
            instrument = _resolve(match["label"], number, tied, prep, candidates)
            if instrument is not None:
                out.append(ProvisionCitation(instrument, number, sub, span))
    out.extend(find_general_comments(text))
    return out


def _committee_before(text: str, start: int) -> str | None:
    window = text[max(0, start - 400) : start + 300]
    best: tuple[int, str] | None = None
    for name, code in _COMMITTEES:
        position = window.find(name)
        if position >= 0 and (best is None or abs(position - 400) < abs(best[0] - 400)):
            best = (position, code)
    return best[1] if best else None


def find_general_comments(text: str) -> list[ProvisionCitation]:
    """General comments: with a paragraph number a provision citation, else a whole-instrument
    citation (provision None), which the extraction contract leaves out."""
    out = []
    for match in GENERAL_COMMENT_RE.finditer(text):
        committee = _committee_before(text, match.start())
        if committee is None:
            continue
        instrument = f"{committee}-GC-{int(match['number'])}"
        out.append(
            ProvisionCitation(instrument, match["paragraph"], None, evidence(text, match.start(), match.end()))
        )
    return out
