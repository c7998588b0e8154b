"""A report's recommendations: who must act, on what theme, citing which instruments.

A recommendation is a sub-paragraph of a paragraph in the recommendations section, or the
paragraph itself when it has none and says what someone should do; lead-in paragraphs ("the
Special Rapporteur recommends the following:") and conclusions are not recommendations.

- ``heading``: the report's own theme, lower case: "Regarding regulation and oversight, ..."
  gives "regulation and oversight"; else the nearest heading inside the section that is not
  an addressee heading.
- ``addressee``: an addressee heading ("To States", "To business enterprises") or the
  paragraph's lead-in ("recommends that business enterprises ...", "calls upon the United
  Nations ..."); a report that names no one addresses States.
- citations: instruments named (or referred back to: "the Convention") inside the
  recommendation's own text, with the provision when a number is given.

Recommendations are soft law: the graph never turns them into obligations.
"""

from __future__ import annotations

import re

from rightsgraph.loaders.extractors.citations import find_citations
from rightsgraph.loaders.extractors.mentions import Mention, mention_timeline
from rightsgraph.loaders.extractors.report_themes import theme_of_heading, topics_of_text
from rightsgraph.loaders.facts import (
    Addressed,
    Evidence,
    ProvisionCitation,
    Recommendation,
    RecommendationCitation,
    ReportParagraph,
    ReportSection,
)

_RECOMMENDATIONS_HEADING_RE = re.compile(r"recommendation", re.IGNORECASE)
_CONCLUSIONS_ONLY_RE = re.compile(r"^conclusions?$", re.IGNORECASE)
THEME_LEAD_RE = re.compile(
    r"^\W*(?:Regarding|With\s+regard\s+to|As\s+regards|Concerning|In\s+relation\s+to|On)\s+"
    r"(?P<theme>[^:;]{3,160}?),\s+[^,:;]{0,80}?\b(?:recommends?|should|urges?|calls?|encourages?|invites?)\b",
)
DIRECTIVE_RE = re.compile(
    r"\brecommends?\b(?!\s*ations)|\bshould\b|\burges?\b|\bcalls?\s+(?:up)?on\b|\bencourages?\b"
    r"|\binvites?\b|\brequests?\b",
)
_ANNOUNCES_RE = re.compile(r"recommendations\s+(?:below|that\s+follow)|the\s+following\s*:?\s*$", re.IGNORECASE)
ADDRESSEE_TERMS: tuple[tuple[Addressed, re.Pattern[str]], ...] = (
    ("business", re.compile(
        r"\b(?:business(?:es|\s+enterprises?|\s+sector)?|compan(?:y|ies)|industry|industries"
        r"|private\s+sector|technology\s+(?:companies|platforms)|service\s+providers|platforms)\b",
        re.IGNORECASE,
    )),
    ("un", re.compile(
        r"\b(?:United\s+Nations|UN\s+agencies|OHCHR|Office\s+of\s+the\s+(?:United\s+Nations\s+)?High"
        r"\s+Commissioner|Human\s+Rights\s+Council|treaty\s+bodies|UNICEF)\b",
    )),
    ("states", re.compile(r"\b(?:States?|Governments?|Member\s+States|national\s+authorities)\b")),
    ("other", re.compile(
        r"\b(?:civil\s+society|international\s+community|donors|national\s+human\s+rights\s+institutions"
        r"|regional\s+organizations|all\s+stakeholders|parents|media)\b",
        re.IGNORECASE,
    )),
)
# The actor a lead-in names comes first: "recommends that the Office of the United Nations ...".
_SUBJECT_WORDS = 6
_ADDRESSEE_HEADING_RE = re.compile(r"^(?:Recommendations\s+)?[Tt]o\s+(?P<who>.+)$")
_LEAD_ADDRESSEE_RE = re.compile(
    r"(?:recommends?\s+that|calls?\s+(?:up)?on|urges?|encourages?|invites?|requests?)\s+(?:the\s+|all\s+)?"
    r"(?P<who>[^,:;]{2,80})",
)


def find_recommendations(
    text: str,
    sections: list[ReportSection],
    paragraphs: list[ReportParagraph],
    timeline: list[Mention] | None = None,
    citations: list[ProvisionCitation] | None = None,
) -> tuple[list[Recommendation], list[RecommendationCitation]]:
    """The recommendations of the report's recommendations section, and what they cite."""
    region = recommendations_region(sections, len(text))
    if region is None:
        return [], []
    timeline = mention_timeline(text) if timeline is None else timeline
    in_region = [p for p in paragraphs if region[0] <= p.evidence.start < region[1]]
    inner = [s for s in sections if region[0] <= s.evidence.start < region[1]]
    recommendations: list[Recommendation] = []
    for paragraph in (p for p in in_region if p.sub is None):
        if _under_conclusions_only(inner, paragraph):
            continue
        subs = [p for p in in_region if p.number == paragraph.number and p.sub is not None]
        recommendations.extend(_of_paragraph(paragraph, subs, inner))
    citations = find_citations(text, timeline) if citations is None else citations
    cited = [c for r in recommendations for c in recommendation_citations(r, timeline, citations)]
    return recommendations, cited


def recommendations_region(sections: list[ReportSection], text_end: int) -> tuple[int, int] | None:
    """Start and end offsets of the (last) section whose heading speaks of recommendations.

    It runs to the next heading of its level or above (an annex, the next chapter).
    """
    matching = [s for s in sections if _RECOMMENDATIONS_HEADING_RE.search(s.title) and s.level < 3]
    if not matching:
        matching = [s for s in sections if _RECOMMENDATIONS_HEADING_RE.search(s.title)]
    if not matching:
        return None
    head = matching[-1]
    later = [s for s in sections if s.evidence.start > head.evidence.start and s.level <= head.level]
    return head.evidence.start, later[0].evidence.start if later else text_end


def _under_conclusions_only(sections: list[ReportSection], paragraph: ReportParagraph) -> bool:
    above = [s for s in sections if s.evidence.start < paragraph.evidence.start]
    return bool(above) and bool(_CONCLUSIONS_ONLY_RE.match(above[-1].title))


def _of_paragraph(
    paragraph: ReportParagraph, subs: list[ReportParagraph], sections: list[ReportSection]
) -> list[Recommendation]:
    lead = paragraph.evidence.text[: subs[0].evidence.start - paragraph.evidence.start] if subs else paragraph.body
    lead_body = _without_number(lead)
    heading = _theme_heading(lead_body, sections, paragraph.evidence.start)
    addressee = _addressee(lead_body, sections, paragraph.evidence.start)
    theme = theme_of_heading(heading) if heading else None
    if not subs:
        if not DIRECTIVE_RE.search(lead_body) or _ANNOUNCES_RE.search(lead_body.strip()):
            return []
        return [_recommendation(paragraph, heading, addressee, theme)]
    return [_recommendation(sub, heading, addressee, theme) for sub in subs]


def _recommendation(
    item: ReportParagraph, heading: str | None, addressee: Addressed | None, theme: str | None
) -> Recommendation:
    topics = topics_of_text(item.body)
    theme = theme or (topics[0] if topics else None)  # no heading: the first concept it names
    topics = tuple(t for t in topics if t != theme)
    return Recommendation(item.number, item.sub, heading, addressee, item.evidence, theme, topics)


def _without_number(lead: str) -> str:
    return re.sub(r"^\W*\d{1,3}\.\**\s*", "", " ".join(lead.split()))


def _theme_heading(lead: str, sections: list[ReportSection], offset: int) -> str | None:
    match = THEME_LEAD_RE.match(lead)
    if match:
        return match["theme"].strip().lower()
    above = [s for s in sections if s.evidence.start < offset]
    for section in reversed(above):
        if _ADDRESSEE_HEADING_RE.match(section.title) or _RECOMMENDATIONS_HEADING_RE.search(section.title):
            continue
        return section.title.strip().lower()
    return None


def _addressee(lead: str, sections: list[ReportSection], offset: int) -> Addressed:
    named = _LEAD_ADDRESSEE_RE.search(lead)
    if named:
        who = addressee_of(" ".join(named["who"].split()[:_SUBJECT_WORDS]))
        if who is not None:
            return who
    above = [s for s in sections if s.evidence.start < offset]
    for section in reversed(above):
        heading = _ADDRESSEE_HEADING_RE.match(section.title)
        if heading:
            return addressee_of(heading["who"]) or "other"
    return "states"


def addressee_of(words: str) -> Addressed | None:
    """Who a phrase names: "business enterprises" -> "business", "Member States" -> "states".

    >>> addressee_of("technology companies"), addressee_of("the United Nations"), addressee_of("the Council")
    ('business', 'un', None)
    >>> addressee_of("States ensure that technology companies")
    'states'
    """
    found = [(match.start(), addressed) for addressed, pattern in ADDRESSEE_TERMS if (match := pattern.search(words))]
    return min(found)[1] if found else None


def recommendation_citations(
    recommendation: Recommendation, timeline: list[Mention], citations: list[ProvisionCitation]
) -> list[RecommendationCitation]:
    """Instruments (and provisions) named inside the recommendation's own text, each once.

    ``citations`` are the document's provision citations (found once for the whole text, so
    that a number tied to an instrument named earlier keeps that tie).
    """
    span = recommendation.evidence
    found: dict[tuple[str, str | None], RecommendationCitation] = {}
    for citation in citations:
        if span.start <= citation.evidence.start < span.end and citation.provision is not None:
            key = (citation.instrument, citation.provision)
            found.setdefault(key, RecommendationCitation(recommendation.id, *key, citation.evidence))
    cited = {instrument for instrument, _ in found}
    for mention in timeline:
        if span.start <= mention.start and mention.end <= span.end and mention.instrument not in cited:
            cited.add(mention.instrument)
            found[(mention.instrument, None)] = RecommendationCitation(
                recommendation.id, mention.instrument, None, _span_of(span, mention)
            )
    return list(found.values())


def _span_of(span: Evidence, mention: Mention) -> Evidence:
    """The mention's passage, cut out of the recommendation's own evidence."""
    offset = mention.start - span.start
    return Evidence(mention.start, mention.end, span.text[offset : offset + mention.end - mention.start])
