"""A report's structure facts in one call, for the report branch of ``documents.py``."""

from __future__ import annotations

import re

from rightsgraph.loaders.extractors.mentions import Mention
from rightsgraph.loaders.extractors.recommendations import find_recommendations
from rightsgraph.loaders.extractors.report_structure import find_footnotes, find_paragraphs
from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.facts import Evidence, ProvisionCitation
from rightsgraph.loaders.reference.states import resolve_state_name

# A title line of a country-visit report: "Visit to Germany", "Mission to the Sudan".
VISIT_TITLE_RE = re.compile(r"^[ \t#*]*(?:Visit|Mission)\s+to\s+(?P<name>[^\n*:.;]{2,60}?)[ \t*]*$", re.MULTILINE)
_TITLE_PAGE = 5000


def report_structure_facts(
    text: str, timeline: list[Mention], citations: list[ProvisionCitation]
) -> dict[str, tuple[object, ...]]:
    """``sections``, ``paragraphs``, ``footnotes``, ``recommendations`` and
    ``recommendation_citations`` of :class:`~rightsgraph.loaders.facts.DocumentFacts`."""
    sections, paragraphs = find_paragraphs(text)
    recommendations, cited = find_recommendations(text, sections, paragraphs, timeline, citations)
    return {
        "sections": tuple(sections),
        "paragraphs": tuple(paragraphs),
        "footnotes": tuple(find_footnotes(text)) if paragraphs else (),
        "recommendations": tuple(recommendations),
        "recommendation_citations": tuple(cited),
    }


def visited_state(text: str) -> dict[str, str | Evidence | None]:
    """``visited_state`` and its evidence: the State a country-visit report's title names.

    >>> visited_state("A/HRC/99/902/Add.1\\n\\nVisit to Germany\\n")["visited_state"]
    'DEU'
    >>> visited_state("The visit to Germany was postponed.")["visited_state"] is None
    True
    """
    for match in VISIT_TITLE_RE.finditer(text, 0, min(len(text), _TITLE_PAGE)):
        state = resolve_state_name(match["name"].strip())
        if state is not None:
            return {"visited_state": state.iso3, "visited_state_evidence": evidence(text, match.start("name"), match.end("name"))}
    return {"visited_state": None, "visited_state_evidence": None}
