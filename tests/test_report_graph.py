"""A report's paragraphs and recommendations in RDF: ELI subdivisions with provenance, the
theme scheme, and SHACL shapes that accept the mapping and reject its defects."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from rightsgraph.graph.rdf_document import document_graph
from rightsgraph.graph.rdf_reference import reference_graph
from rightsgraph.graph.rdf_terms import ELI, OA, RG, provision_iri
from rightsgraph.loaders.extractors.report_themes import theme_concepts
from rightsgraph.loaders.pipeline import load_file
from rightsgraph.ontology import ontology_graph, shapes_graph

FICTIONAL = Path(__file__).resolve().parent / "fixtures" / "reports" / "fictional_report_a_hrc_99_901.txt"


@pytest.fixture(scope="module")
def a79(shared_dir: Path) -> Graph:
    return document_graph(load_file(shared_dir / "corpus" / "seeds" / "004_79e438d2674d96cf.txt"))


@pytest.fixture(scope="module")
def fictional() -> Graph:
    return document_graph(load_file(FICTIONAL))


def _paragraph(graph: Graph, pid: str) -> URIRef:
    found = [s for s in graph.subjects(RG.paragraphId, Literal(pid)) if (s, RDF.type, RG.ReportParagraph) in graph]
    assert len(found) == 1, pid
    return found[0]


def _recommendation(graph: Graph, rid: str) -> URIRef:
    found = [s for s in graph.subjects(RG.paragraphId, Literal(rid)) if (s, RDF.type, RG.Recommendation) in graph]
    assert len(found) == 1, rid
    return found[0]


def _quote(graph: Graph, node: URIRef) -> str:
    passage = graph.value(node, PROV.wasDerivedFrom)
    quote = next(s for s in graph.objects(passage, OA.hasSelector) if (s, RDF.type, OA.TextQuoteSelector) in graph)
    return str(graph.value(quote, OA.exact))


def test_every_paragraph_is_an_eli_subdivision_of_the_report(a79: Graph) -> None:
    paragraphs = set(a79.subjects(RDF.type, RG.ReportParagraph))
    assert len([p for p in paragraphs if a79.value(p, RG.subParagraph) is None]) == 102
    assert all((p, RDF.type, ELI.LegalResourceSubdivision) in a79 for p in paragraphs)
    sub = _paragraph(a79, "98(b)")
    assert a79.value(sub, ELI.is_part_of) == _paragraph(a79, "98")
    assert str(a79.value(sub, DCTERMS.identifier)) == "A/79/122, para. 98 (b)"


@pytest.mark.parametrize(("pid", "starts"), [("98(b)", "(b) Put in place measures"), ("101", "101. Regarding child participation")])
def test_a_paragraph_carries_its_span_as_a_quote(a79: Graph, pid: str, starts: str) -> None:
    assert _quote(a79, _paragraph(a79, pid)).startswith(starts)


def test_paragraph_heading_and_footnotes(a79: Graph) -> None:
    paragraph = _paragraph(a79, "33")
    section = a79.value(paragraph, RG.inSection)
    assert str(a79.value(section, ELI.title)) == "Cybersexual harassment"
    notes = {str(a79.value(n, ELI.number)) for n in a79.objects(paragraph, RG.callsFootnote)}
    assert "34" in notes


@pytest.mark.parametrize(("rid", "instrument"), [("100(b)", "OPSC"), ("98(d)", "UNGP")])
def test_recommendations_link_to_the_instruments_they_name(a79: Graph, rid: str, instrument: str) -> None:
    node = _recommendation(a79, rid)
    assert URIRef(f"https://w3id.org/rightsgraph/id/instrument/{instrument}") in set(a79.objects(node, RG.citesInstrument))


def test_fictional_recommendation_links_to_the_article_it_names(fictional: Graph) -> None:
    assert (_recommendation(fictional, "8"), RG.citesProvision, provision_iri("OPSC", "10")) in fictional
    assert (_recommendation(fictional, "9(a)"), RG.citesProvision, provision_iri("UNGP", "17")) in fictional


@pytest.mark.parametrize(("rid", "addressee", "theme"), [("7(a)", "states", "age-verification"), ("9(b)", "business", "safety-by-design"), ("10", "un", "safety-by-design")])
def test_recommendation_addressee_and_theme_are_scheme_concepts(fictional: Graph, rid: str, addressee: str, theme: str) -> None:
    node = _recommendation(fictional, rid)
    assert fictional.value(node, RG.addressedTo) == RG[f"addressee-{addressee}"]
    assert fictional.value(node, RG.theme) == RG[f"theme-{theme}"]


def test_every_theme_the_extractor_produces_is_defined_in_the_scheme() -> None:
    ontology = ontology_graph()
    for concept in theme_concepts():
        node = RG[f"theme-{concept}"]
        assert (node, SKOS.inScheme, RG.recommendationThemes) in ontology, concept
        assert ontology.value(node, SKOS.definition) is not None, concept


def test_reference_graph_carries_the_theme_scheme() -> None:
    assert (RG["theme-encryption"], RDF.type, SKOS.Concept) in reference_graph()


def _validate(data: Graph) -> tuple[bool, str]:
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="rdfs")
    return conforms, text


@pytest.fixture(scope="module")
def fictional_with_reference(fictional: Graph) -> Graph:
    merged = Graph()
    for graph in (reference_graph(), fictional):
        for triple in graph:
            merged.add(triple)
    return merged


def test_the_fictional_report_graph_conforms(fictional_with_reference: Graph) -> None:
    conforms, text = _validate(fictional_with_reference)
    assert conforms, text


@pytest.mark.parametrize(
    ("defect", "expected"),
    [
        ("drop-paragraph", "ReportParagraph"),
        ("two-themes", "RecommendationTheme"),
        ("bad-id", "paragraphId"),
    ],
)
def test_shapes_reject_report_defects(fictional_with_reference: Graph, fictional: Graph, defect: str, expected: str) -> None:
    broken = Graph()
    for triple in fictional_with_reference:
        broken.add(triple)
    node = _recommendation(fictional, "7(a)")
    if defect == "drop-paragraph":
        broken.remove((node, RG.paragraph, None))
    elif defect == "two-themes":
        broken.add((node, RG.theme, RG["theme-encryption"]))
    else:
        broken.set((_paragraph(fictional, "7(a)"), RG.paragraphId, Literal("7 a")))
    conforms, text = _validate(broken)
    assert not conforms
    assert expected in text


def test_an_instrument_named_without_a_number_is_a_citation_of_the_report(a79: Graph) -> None:
    opsc = URIRef("https://w3id.org/rightsgraph/id/instrument/OPSC")
    citations = [c for c in a79.subjects(RG.instrument, opsc) if (c, RDF.type, RG.Citation) in a79]
    quotes = [_quote(a79, c) for c in citations]
    assert any(q.startswith("Optional Protocol to the Convention on the Rights of the Child on the sale") for q in quotes)
    report = a79.value(_recommendation(a79, "100(b)"), RG.statedIn)
    assert (report, RG.citesInstrument, opsc) in a79


def test_a_visit_report_graph_names_its_state_and_conforms() -> None:
    visit = document_graph(load_file(FICTIONAL.parent / "fictional_visit_report_a_hrc_99_902_add_1.txt"))
    report = next(visit.subjects(RDF.type, RG.Report))
    assert visit.value(report, RG.visitedState) == URIRef("https://w3id.org/rightsgraph/id/state/DEU")
    merged = Graph()
    for graph in (reference_graph(), visit):
        for triple in graph:
            merged.add(triple)
    conforms, text = _validate(merged)
    assert conforms, text
