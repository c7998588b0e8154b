"""A report's structure and recommendations as RDF (called by ``rdf_document``'s mapper).

Every section, paragraph and sub-paragraph is an ELI subdivision of the report
(``eli:is_part_of``), with ``eli:number``, its heading, its passage (``prov:wasDerivedFrom``)
and the footnotes it calls; every recommendation points to its (sub-)paragraph, its theme
concept (``ontology/themes.ttl``), its addressee kind, and the instruments and provisions it
names (``rg:citesInstrument`` / ``rg:citesProvision``, so provision pages and the network
reach it). Recommendations are soft law: no triple here makes them an obligation.

IRIs hang under the source document, ELI-style and readable: ``<document>/para/98``,
``<document>/para/98/b``, ``<document>/section/5``, ``<document>/footnote/12``,
``<document>/recommendation/98-b``; re-mapping the same bytes gives the same triples.
"""

from __future__ import annotations

import re
from typing import Protocol

from rdflib import URIRef
from rdflib.term import Node

from rightsgraph.graph.rdf_native import DCTERMS, PROV, RDF, RG, XSD, NTerm, NativeNamespace, literal, typed_literal
from rightsgraph.graph.rdf_terms import ELI as _ELI
from rightsgraph.loaders import facts as f

ELI = NativeNamespace(str(_ELI))


class MapperHost(Protocol):
    """What the document mapper lends this module (see ``rdf_document._DocumentMapper``)."""

    facts: f.DocumentFacts
    document: URIRef
    work: URIRef | None

    def add(self, subject: Node | NTerm, predicate: Node | NTerm, obj: Node | NTerm) -> None: ...

    def passage(self, evidence: f.Evidence) -> NTerm: ...

    def instrument(self, instrument_id: str) -> URIRef: ...

    def state(self, code: str) -> URIRef: ...

    def provision(self, instrument_id: str, number: str, evidence: f.Evidence) -> URIRef | None: ...


def paragraph_segment(number: str, sub: str | None) -> str:
    """``para/98`` or ``para/98/b``.

    >>> paragraph_segment("98", "b")
    'para/98/b'
    """
    return f"para/{number}" if sub is None else f"para/{number}/{sub}"


def theme_concept(concept_id: str) -> NTerm:
    return RG[f"theme-{concept_id}"]


def addressee_concept(kind: str) -> NTerm:
    return RG[f"addressee-{kind}"]


def map_report_structure(host: MapperHost) -> None:
    """Sections, paragraphs, footnotes and recommendations of ``host.facts`` (nothing for a
    document without numbered paragraphs)."""
    facts = host.facts
    if not facts.paragraphs or host.work is None:
        return
    _map_visited_state(host)
    sections = _map_sections(host)
    footnotes = _map_footnotes(host)
    for order, paragraph in enumerate(facts.paragraphs):
        _map_paragraph(host, paragraph, order, sections, footnotes)
    citations: dict[str, list[f.RecommendationCitation]] = {}
    for citation in facts.recommendation_citations:
        citations.setdefault(citation.recommendation, []).append(citation)
    for order, recommendation in enumerate(facts.recommendations):
        _map_recommendation(host, recommendation, order, citations.get(recommendation.id, []))


def _node(host: MapperHost, segment: str) -> NTerm:
    return f"<{host.document}/{segment}>"


def _extracted(host: MapperHost, node: NTerm, cls: NTerm, evidence: f.Evidence) -> None:
    host.add(node, RDF.type, RG.ExtractedFact)
    host.add(node, RDF.type, cls)
    host.add(node, PROV.wasDerivedFrom, host.passage(evidence))
    if host.work is not None:
        host.add(node, RG.statedIn, host.work)


def _map_visited_state(host: MapperHost) -> None:
    """A country-visit report's State: ``rg:visitedState``, described by an attribute
    statement with its passage (as the mapper's other attributes are)."""
    facts = host.facts
    if not facts.visited_state or facts.visited_state_evidence is None:
        return
    state = host.state(facts.visited_state)
    host.add(host.work, RG.visitedState, state)
    node = _node(host, "visited-state")
    _extracted(host, node, RG.AttributeStatement, facts.visited_state_evidence)
    host.add(node, RG.attributeSubject, host.work)
    host.add(node, RG.attributePredicate, RG.visitedState)
    host.add(node, RG.attributeObject, state)


def _map_sections(host: MapperHost) -> dict[str, NTerm]:
    """Section nodes by their label ("VI. Conclusion and recommendations")."""
    by_label: dict[str, NTerm] = {}
    for order, section in enumerate(host.facts.sections):
        node = _node(host, f"section/{order}")
        _extracted(host, node, RG.ReportSection, section.evidence)
        host.add(node, RDF.type, ELI.LegalResourceSubdivision)
        host.add(node, ELI.is_part_of, host.work)
        host.add(host.work, RG.hasSection, node)
        host.add(node, ELI.title, literal(section.title))
        if section.number:
            host.add(node, ELI.number, literal(section.number))
        host.add(node, RG.sectionLevel, typed_literal(section.level, XSD.integer))
        host.add(node, RG.sequence, typed_literal(order, XSD.integer))
        label = f"{section.number}. {section.title}" if section.number else section.title
        by_label.setdefault(label, node)
    return by_label


def _map_footnotes(host: MapperHost) -> dict[str, NTerm]:
    by_number: dict[str, NTerm] = {}
    for footnote in host.facts.footnotes:
        if footnote.number in by_number:
            continue  # a renumbered duplicate (a footnote repeated on two pages) keeps the first
        node = by_number[footnote.number] = _node(host, f"footnote/{footnote.number}")
        _extracted(host, node, RG.Footnote, footnote.evidence)
        host.add(node, ELI.number, literal(footnote.number))
        host.add(node, RG.text, literal(footnote.text))
    return by_number


def _map_paragraph(
    host: MapperHost, paragraph: f.ReportParagraph, order: int, sections: dict[str, NTerm], footnotes: dict[str, NTerm]
) -> None:
    node = _node(host, paragraph_segment(paragraph.number, paragraph.sub))
    _extracted(host, node, RG.ReportParagraph, paragraph.evidence)
    host.add(node, RDF.type, ELI.LegalResourceSubdivision)
    parent = host.work if paragraph.sub is None else _node(host, paragraph_segment(paragraph.number, None))
    host.add(node, ELI.is_part_of, parent)
    host.add(parent, RG.hasParagraph, node)
    host.add(node, ELI.number, literal(paragraph.number))
    host.add(node, RG.paragraphId, literal(paragraph.id))
    if paragraph.sub:
        host.add(node, RG.subParagraph, literal(paragraph.sub))
    host.add(node, RG.sequence, typed_literal(order, XSD.integer))
    host.add(node, RG.text, literal(paragraph.body))
    if host.facts.reference:
        host.add(node, DCTERMS.identifier, literal(citable_label(host.facts.reference, paragraph.number, paragraph.sub)))
    if paragraph.section_path:
        host.add(node, RG.sectionPath, literal(" > ".join(paragraph.section_path)))
        section = sections.get(paragraph.section_path[-1])
        if section is not None:
            host.add(node, RG.inSection, section)
    for number in paragraph.footnotes:
        if number in footnotes:
            host.add(node, RG.callsFootnote, footnotes[number])


def citable_label(symbol: str, number: str, sub: str | None) -> str:
    """How lawyers cite it.

    >>> citable_label("A/79/122", "98", "b"), citable_label("A/79/122", "101", None)
    ('A/79/122, para. 98 (b)', 'A/79/122, para. 101')
    """
    return f"{symbol}, para. {number}" + (f" ({sub})" if sub else "")


def _map_recommendation(
    host: MapperHost, recommendation: f.Recommendation, order: int, citations: list[f.RecommendationCitation]
) -> None:
    node = _node(host, "recommendation/" + re.sub(r"[^0-9a-z]+", "-", recommendation.id.lower()).strip("-"))
    _extracted(host, node, RG.Recommendation, recommendation.evidence)
    host.add(host.work, RG.hasRecommendation, node)
    host.add(node, RG.paragraph, _node(host, paragraph_segment(recommendation.paragraph, recommendation.sub)))
    host.add(node, RG.paragraphId, literal(recommendation.id))
    host.add(node, RG.sequence, typed_literal(order, XSD.integer))
    if recommendation.heading:
        host.add(node, RG.themeHeading, literal(recommendation.heading))
    if recommendation.theme:
        host.add(node, RG.theme, theme_concept(recommendation.theme))
    for topic in recommendation.topics:
        host.add(node, RG.topic, theme_concept(topic))
    if recommendation.addressee:
        host.add(node, RG.addressedTo, addressee_concept(recommendation.addressee))
    for citation in citations:
        instrument = host.instrument(citation.instrument)
        host.add(node, RG.citesInstrument, instrument)
        if citation.provision:
            provision = host.provision(citation.instrument, citation.provision, citation.evidence)
            if provision is not None:
                host.add(node, RG.citesProvision, provision)
        else:
            _named_instrument(host, node, citation, instrument)


def _named_instrument(host: MapperHost, recommendation: NTerm, citation: f.RecommendationCitation, instrument: URIRef) -> None:
    """An instrument a recommendation names without a provision number ("as required under
    the Optional Protocol ...") is a citation of the report as well: a Citation node with the
    name's passage, so that instrument pages and the network see the report cite it. (Numbered
    provisions already are document citations.)"""
    node = f"{recommendation[:-1]}/cites/{citation.instrument}>"
    _extracted(host, node, RG.Citation, citation.evidence)
    host.add(node, RG.instrument, instrument)
    host.add(host.work, RG.citesInstrument, instrument)
