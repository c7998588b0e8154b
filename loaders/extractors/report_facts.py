"""A report's structure facts in one call, for the report branch of ``documents.py``."""

from __future__ import annotations

from rightsgraph.loaders.extractors.mentions import Mention
from rightsgraph.loaders.extractors.recommendations import find_recommendations
from rightsgraph.loaders.extractors.report_structure import find_footnotes, find_paragraphs
from rightsgraph.loaders.facts import ProvisionCitation


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
