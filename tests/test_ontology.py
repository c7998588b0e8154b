"""The ontology and shapes: they parse, every rg: term is labelled and defined, standard
vocabularies are reused where the brief asks, code lists carry their codes, and the shapes
reject what they are meant to reject."""

from __future__ import annotations

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from rightsgraph.ontology import (
    ONTOLOGY_IRI,
    ontology_path,
    shapes_path,
)

RG = Namespace("https://w3id.org/rightsgraph/ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
TIME = Namespace("http://www.w3.org/2006/time#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
DCTERMS = Namespace("http://purl.org/dc/terms/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                     RDFS.Datatype, SKOS.Concept, SKOS.ConceptScheme)


def rg_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(RG))}


@pytest.mark.parametrize("path", [ontology_path(), shapes_path()], ids=["ontology", "shapes"])
def test_turtle_files_parse_from_the_package(path) -> None:
    graph = Graph().parse(data=path.read_text(encoding="utf-8"), format="turtle")
    assert len(graph) > 500


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, RDFS.label) is not None


def test_every_rg_term_is_declared_labelled_and_defined(ontology: Graph) -> None:
    terms = rg_terms(ontology)
    assert len(terms) > 150
    undeclared = {t for t in terms if not any((t, RDF.type, k) in ontology for k in DECLARATION_TYPES)}
    unlabelled = {t for t in terms if ontology.value(t, RDFS.label) is None}
    undefined = {t for t in terms if ontology.value(t, SKOS.definition) is None}
    assert (undeclared, unlabelled, undefined) == (set(), set(), set())


@pytest.mark.parametrize("name", [
    "State", "NonStateParty", "Instrument", "Treaty", "OptionalProtocol", "ILOConvention",
    "Declaration", "GuidingPrinciples", "GeneralComment", "Principles", "Provision", "Article",
    "Paragraph", "GuidingPrinciple", "TreatyAction", "EntryIntoForce", "ReservationOrDeclaration",
    "Reservation", "Communication", "Reply", "Report", "Mandate", "MandateHolder", "Company",
    "Passage", "Document", "Conflict", "Citation", "IngestActivity",
])
def test_required_classes_exist(ontology: Graph, name: str) -> None:
    assert (RG[name], RDF.type, OWL.Class) in ontology


@pytest.mark.parametrize("term, parent", [
    (RG.Instrument, ELI.LegalResource),
    (RG.Provision, ELI.LegalResourceSubdivision),
    (RG.Mandate, ORG.Post),
    (RG.Company, ORG.FormalOrganization),
    (RG.MandateHolder, FOAF.Person),
    (RG.Passage, OA.SpecificResource),
    (RG.Document, PROV.Entity),
    (RG.ExtractedFact, PROV.Entity),
    (RG.IngestActivity, PROV.Activity),
    (RG.TreatyActionType, SKOS.Concept),
    (RG.OptionalProtocol, RG.Treaty),
    (RG.GuidingPrinciple, RG.Provision),
    (RG.Reservation, RG.ReservationOrDeclaration),
])
def test_standard_vocabularies_are_reused(ontology: Graph, term: URIRef, parent: URIRef) -> None:
    assert parent in set(ontology.transitive_objects(term, RDFS.subClassOf))


@pytest.mark.parametrize("prop, parent", [
    (RG.ownedBy, ORG.linkedTo),
    (RG.citesProvision, DCTERMS.references),
    (RG.historicalTitle, SKOS.altLabel),
])
def test_rg_properties_specialise_standard_ones(ontology: Graph, prop: URIRef, parent: URIRef) -> None:
    assert (prop, RDFS.subPropertyOf, parent) in ontology


@pytest.mark.parametrize("concept, notation", [
    (RG["action-accession"], "a"),
    (RG["action-succession"], "d"),
    (RG["action-acceptance"], "A"),
    (RG["action-approval"], "AA"),
    (RG["action-signature"], None),
    (RG["action-ratification"], None),
])
def test_treaty_action_types_carry_untc_codes(ontology: Graph, concept: URIRef, notation: str | None) -> None:
    assert (concept, SKOS.inScheme, RG.treatyActionTypes) in ontology
    assert ontology.value(concept, SKOS.notation) == (Literal(notation) if notation else None)


@pytest.mark.parametrize("code, broader", [
    ("AL", None), ("UA", None), ("OL", None), ("JAL", "AL"), ("JUA", "UA"), ("JOL", "OL"),
])
def test_communication_types(ontology: Graph, code: str, broader: str | None) -> None:
    concept = RG[f"commtype-{code}"]
    assert ontology.value(concept, SKOS.notation) == Literal(code)
    assert ontology.value(concept, SKOS.broader) == (RG[f"commtype-{broader}"] if broader else None)


@pytest.mark.parametrize("precision, unit, datatype", [
    ("year", TIME.unitYear, XSD.gYear),
    ("month", TIME.unitMonth, XSD.gYearMonth),
    ("day", TIME.unitDay, XSD.date),
])
def test_date_precisions_map_to_owl_time_and_xsd(ontology: Graph, precision: str, unit: URIRef,
                                                 datatype: URIRef) -> None:
    concept = RG[f"precision-{precision}"]
    assert (concept, SKOS.exactMatch, unit) in ontology
    assert (concept, RG.lexicalDatatype, datatype) in ontology


def test_instrument_kinds_cover_every_instrument_class(ontology: Graph) -> None:
    kinds = set(ontology.subjects(SKOS.inScheme, RG.instrumentKinds))
    classes = {ontology.value(k, RDFS.seeAlso) for k in kinds}
    assert classes == {RG.Treaty, RG.OptionalProtocol, RG.ILOConvention, RG.Declaration,
                       RG.GuidingPrinciples, RG.Principles, RG.GeneralComment}


def test_every_shape_says_what_it_enforces_and_targets_declared_classes(
        ontology: Graph, shapes: Graph) -> None:
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert len(node_shapes) > 30
    assert {s for s in node_shapes if shapes.value(s, RDFS.comment) is None} == set()
    targets = {t for t in shapes.objects(None, SH.targetClass) if t.startswith(str(RG))}
    assert {t for t in targets if (t, RDF.type, OWL.Class) not in ontology} == set()


# --- the shapes can fail: minimal graphs, one defect each ---------------------------------

_PREFIXES = """
@prefix rg: <https://w3id.org/rightsgraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/rightsgraph/id/> .
"""
_STATE = """id:state\\/CHN a rg:State ; dcterms:identifier "CHN" ;
    skos:notation "CHN"^^rg:ISO3166Alpha3 .
"""


@pytest.mark.parametrize("turtle, path", [
    ('id:state\\/CHN a rg:State ; dcterms:identifier "CHN" ; skos:notation "chn"^^rg:ISO3166Alpha3 .',
     "http://www.w3.org/2004/02/skos/core#notation"),
    (_STATE + 'id:x a rg:Company ; rg:homeState id:state\\/CHN .',
     "http://www.w3.org/2000/01/rdf-schema#label"),
    (_STATE + 'id:x dcterms:date "1994-01-01"^^xsd:date ; rg:datePrecision rg:precision-year .',
     None),
    (_STATE + 'id:x dcterms:date "1994"^^xsd:gYear ; rg:datePrecision rg:precision-year .', "ok"),
], ids=["lowercase-iso-code", "company-without-name", "year-with-invented-day", "valid"])
def test_shapes_reject_defects(shapes: Graph, ontology: Graph, turtle: str, path: str | None) -> None:
    # The code lists are individuals, which pyshacl does not copy from ont_graph; the
    # reference graph carries them in real data, here the ontology itself does.
    data = Graph().parse(data=_PREFIXES + turtle, format="turtle") + ontology
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
    if path == "ok":
        assert conforms
        return
    assert not conforms
    paths = {str(p) for p in report.objects(None, SH.resultPath)}
    if path is not None:
        assert path in paths
    else:
        assert set(report.objects(None, SH.sourceConstraintComponent)) == {SH.XoneConstraintComponent}
