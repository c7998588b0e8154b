"""Facts and reference tables as RDF: the IRI scheme, the reference graph (counts, SHACL
conformance, determinism), and one hand-built letter mapped to its document graph (provenance
of every fact, date precision, unknowns left unknown, identical output on re-mapping, shapes
that fail on a broken passage)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from rightsgraph.errors import DocumentError
from rightsgraph.graph.rdf_document import document_graph
from rightsgraph.loaders.pipeline import load_bytes
from rightsgraph.graph.rdf_reference import reference_graph
from rightsgraph.graph.rdf_terms import (
    REFERENCE_GRAPH,
    InvalidIdentifierError,
    communication_iri,
    company_iri,
    document_graph_iri,
    document_iri,
    instrument_iri,
    mandate_iri,
    person_iri,
    provision_iri,
    state_iri,
)
from rightsgraph.loaders import facts as f

RG = Namespace("https://w3id.org/rightsgraph/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ID = "https://w3id.org/rightsgraph/id/"
PREFIXES = """
PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

# --- a fictional letter -------------------------------------------------------------------

TEXT = (
    "Reference: AL CHN 9/2030\n"
    "1 April 2030\n"
    "Mandates of the Special Rapporteur on the sale, sexual exploitation and sexual abuse of "
    "children.\n"
    "Your Excellency's Government ratified the Convention on the Rights of the Child on "
    "2 March 1992 and acceded to the Optional Protocol in 1994. We recall article 34 (c) of the "
    "Convention and article 3 of the Optional Protocol. The platform Quuxly, based in China, "
    "and Omegle.com LLC, whose seat is not stated, host the material. A similar letter was "
    "sent to Mexico. See A/HRC/43/40 and resolution 43/22.\n"
    "1. Please explain the measures taken.\n"
    "Mama Fatima Singhateh\n"
)


def span(quote: str) -> f.Evidence:
    start = TEXT.index(quote)
    return f.Evidence(start, start + len(quote), quote)


def letter_facts() -> f.DocumentFacts:
    return f.DocumentFacts(
        source="fictional-letter.txt",
        sha256=hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
        text=TEXT,
        kind="communication",
        communication_type="AL",
        reference="AL CHN 9/2030",
        reference_evidence=span("AL CHN 9/2030"),
        date=f.PartialDate(2030, 4, 1),
        date_evidence=span("1 April 2030"),
        addressee=f.Addressee("state", state="CHN", evidence=span("Your Excellency's Government")),
        mandates=(f.MandateMention("sale-of-children", span("Special Rapporteur on the sale")),),
        signatories=(f.Signatory("Mama Fatima Singhateh", "sale-of-children", span("Mama Fatima Singhateh")),),
        resolutions=(f.ResolutionCitation("43/22", "HRC", span("resolution 43/22")),),
        companies=(
            f.CompanyMention("Quuxly", "CHN", None, span("Quuxly, based in China")),
            f.CompanyMention("Omegle.com LLC", None, None, span("Omegle.com LLC")),
        ),
        states=(f.StateMention("MEX", "also_sent_to", span("sent to Mexico")),),
        actions=(
            f.TreatyAction("CHN", "CRC", "ratification", f.PartialDate(1992, 3, 2),
                           span("ratified the Convention on the Rights of the Child on 2 March 1992")),
            f.TreatyAction("CHN", "OPSC", "accession", f.PartialDate(1994),
                           span("acceded to the Optional Protocol in 1994")),
        ),
        citations=(
            f.ProvisionCitation("CRC", "34", "c", span("article 34 (c) of the Convention")),
            f.ProvisionCitation("OPSC", "3", None, span("article 3 of the Optional Protocol")),
        ),
        symbols=(f.SymbolMention("A/HRC/43/40", span("A/HRC/43/40")),),
        questions=(f.Question(1, "Please explain the measures taken.", span("1. Please explain")),),
        deadline_days=60,
    )


@pytest.fixture(scope="module")
def reference() -> Graph:
    return reference_graph()


@pytest.fixture(scope="module")
def letter() -> Graph:
    return document_graph(letter_facts())


def validate(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, Graph]:
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
    return conforms, report


def union(*graphs: Graph) -> Graph:
    merged = Graph()
    for graph in graphs:
        for triple in graph:
            merged.add(triple)
    return merged


# --- IRI scheme ---------------------------------------------------------------------------

SHA = "ab" * 32


@pytest.mark.parametrize("iri, expected", [
    (state_iri("CHN"), ID + "state/CHN"),
    (state_iri("gbr"), ID + "state/GBR"),
    (instrument_iri("CRC"), ID + "instrument/CRC"),
    (provision_iri("CRC", "34"), ID + "instrument/CRC/article/34"),
    (provision_iri("UNGP", "13"), ID + "instrument/UNGP/principle/13"),
    (provision_iri("CRC-GC-13", "8"), ID + "instrument/CRC-GC-13/paragraph/8"),
    (mandate_iri("sale-of-children"), ID + "mandate/sale-of-children"),
    (communication_iri("AL CHN 3/2021"), ID + "communication/AL-CHN-3-2021"),
    (communication_iri("AL OTH 21/2021"), ID + "communication/AL-OTH-21-2021"),
    (document_iri(SHA), ID + "document/" + SHA),
    (document_graph_iri(SHA), "https://w3id.org/rightsgraph/graph/document/" + SHA),
    (REFERENCE_GRAPH, "https://w3id.org/rightsgraph/graph/reference"),
    (person_iri("Leif K-Brooks"), ID + "person/leif-k-brooks"),
])
def test_iri_scheme(iri: URIRef, expected: str) -> None:
    assert str(iri) == expected


@pytest.mark.parametrize("first, second, same", [
    ("Omegle.com LLC", "Omegle", True),
    ("Facebook, Inc.", "Facebook Inc", True),
    ("TikTok Pte. Ltd.", "TikTok", True),
    ("Meta Platforms, Inc.", "Facebook Inc.", False),
    ("Instagram", "Facebook Inc.", False),
])
def test_company_names_merge_only_on_form(first: str, second: str, same: bool) -> None:
    assert (company_iri(first) == company_iri(second)) is same


@pytest.mark.parametrize("call", [
    lambda: state_iri("China"), lambda: instrument_iri("CRC 2"), lambda: document_iri("abc"),
    lambda: communication_iri(" / "), lambda: mandate_iri("Sale of Children"),
])
def test_unusable_identifiers_are_refused(call) -> None:
    with pytest.raises(InvalidIdentifierError):
        call()


# --- reference graph ----------------------------------------------------------------------


def count(graph: Graph, where: str) -> int:
    rows = list(graph.query(PREFIXES + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}"))
    return int(rows[0][0])


@pytest.mark.parametrize("where, expected", [
    ("?x a rg:State ; rg:unStatus ?s . FILTER (?s IN (rg:unstatus-member, rg:unstatus-observer))", 195),
    ("?x a rg:State ; rg:unStatus rg:unstatus-observer", 2),
    ("?x a rg:GuidingPrinciple ; eli:is_part_of <%sinstrument/UNGP>" % ID, 31),
    ("?x a rg:GuidingPrinciple ; rg:pillar rg:pillar-I", 10),
    ("?x a rg:GuidingPrinciple ; rg:pillar rg:pillar-II", 14),
    ("?x a rg:GuidingPrinciple ; rg:pillar rg:pillar-III", 7),
    ("?x a rg:Article ; eli:is_part_of <%sinstrument/CRC>" % ID, 54),
    ("?x a rg:Article ; eli:is_part_of <%sinstrument/OPSC>" % ID, 17),
    ("?x a rg:Instrument ; rg:binding true ; eli:type_document rg:kind-declaration", 0),
    ("?x a rg:Mandate ; rg:historicalTitle ?t ; dcterms:identifier 'sale-of-children'", 1),
])
def test_reference_counts(reference: Graph, where: str, expected: int) -> None:
    assert count(reference, where) == expected


def test_every_instrument_has_one_node_per_provision(reference: Graph) -> None:
    rows = reference.query(PREFIXES + """
        SELECT ?i ?n (COUNT(?p) AS ?nodes) WHERE {
            ?i rg:provisionCount ?n . OPTIONAL { ?p eli:is_part_of ?i }
        } GROUP BY ?i ?n""")
    mismatched = {str(i): (int(n), int(nodes)) for i, n, nodes in rows if int(n) != int(nodes)}
    assert len(list(rows)) >= 25 and mismatched == {}


@pytest.mark.parametrize("instrument, binding", [("CRC", True), ("ILO-C182", True), ("UDHR", False),
                                                 ("UNGP", False), ("CRC-GC-13", False)])
def test_binding_flag(reference: Graph, instrument: str, binding: bool) -> None:
    assert reference.value(instrument_iri(instrument), RG.binding) == Literal(binding)


def test_reference_graph_is_deterministic(reference: Graph) -> None:
    again = reference_graph()
    assert set(again) == set(reference) and again.identifier == REFERENCE_GRAPH


def test_reference_graph_conforms_to_the_shapes(reference: Graph, shapes: Graph, ontology: Graph) -> None:
    conforms, report = validate(reference, shapes, ontology)
    assert conforms, report.serialize(format="turtle")


def rg_terms_used(graph: Graph) -> set[URIRef]:
    used = set()
    for s, p, o in graph:
        for term in (p, o if p == RDF.type or isinstance(o, URIRef) else None,
                     o.datatype if isinstance(o, Literal) else None):
            if isinstance(term, URIRef) and term.startswith(str(RG)):
                used.add(term)
    return used


def test_every_rg_term_used_is_declared_in_the_ontology(reference: Graph, letter: Graph,
                                                        ontology: Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
             RDFS.Datatype, SKOS.Concept, SKOS.ConceptScheme)
    used = rg_terms_used(reference) | rg_terms_used(letter)
    assert len(used) > 80
    assert {t for t in used if not any((t, RDF.type, k) in ontology for k in kinds)} == set()


# --- one letter as a document graph --------------------------------------------------------


def test_letter_graph_conforms_with_the_reference(letter: Graph, reference: Graph, shapes: Graph,
                                                  ontology: Graph) -> None:
    conforms, report = validate(union(reference, letter), shapes, ontology)
    assert conforms, report.serialize(format="turtle")


def passages_of_facts(graph: Graph) -> Iterator[tuple[URIRef, int, int, str]]:
    query = PREFIXES + """
        SELECT ?fact ?start ?end ?exact WHERE {
            VALUES ?class { rg:ExtractedFact rg:EntryIntoForce }
            ?fact a ?class ; prov:wasDerivedFrom+ ?passage .
            ?passage a rg:Passage ; oa:hasSource ?doc ; oa:hasSelector ?position , ?quote .
            ?position oa:start ?start ; oa:end ?end .
            ?quote oa:exact ?exact .
        }"""
    for fact, start, end, exact in graph.query(query):
        yield fact, int(start), int(end), str(exact)


def test_every_fact_reaches_a_passage_quoting_the_text(letter: Graph) -> None:
    facts = set(letter.subjects(RDF.type, RG.ExtractedFact)) | set(letter.subjects(RDF.type, RG.EntryIntoForce))
    found = list(passages_of_facts(letter))
    assert len(facts) == 17  # 3 attribute statements, 12 listed facts, 2 entries into force
    assert {fact for fact, *_ in found} == facts
    assert [(s, e, x) for _, s, e, x in found if TEXT[s:e] != x] == []


@pytest.mark.parametrize("instrument, date, datatype, precision", [
    ("CRC", "1992-03-02", XSD.date, RG["precision-day"]),
    ("OPSC", "1994", XSD.gYear, RG["precision-year"]),
])
def test_action_dates_keep_their_precision(letter: Graph, instrument: str, date: str,
                                           datatype: URIRef, precision: URIRef) -> None:
    actions = [a for a in letter.subjects(RG.instrument, instrument_iri(instrument))
               if (a, RDF.type, RG.TreatyAction) in letter]
    assert len(actions) == 1
    assert letter.value(actions[0], DCTERMS.date) == Literal(date, datatype=datatype)
    assert letter.value(actions[0], RG.datePrecision) == precision


def test_ratification_gets_its_entry_into_force_with_clause(letter: Graph) -> None:
    rows = list(letter.query(PREFIXES + f"""
        SELECT ?date ?clause WHERE {{
            ?action a rg:TreatyAction ; rg:instrument <{instrument_iri('CRC')}> ;
                    rg:entryIntoForce ?eif .
            ?eif dcterms:date ?date ; rg:clause ?clause ; rg:state <{state_iri('CHN')}> .
        }}"""))
    assert [(str(d), str(c)) for d, c in rows] == [("1992-04-01", "art. 49(2)")]


def test_company_home_state_only_when_stated(letter: Graph) -> None:
    assert list(letter.objects(company_iri("Quuxly"), RG.homeState)) == [state_iri("CHN")]
    assert list(letter.objects(company_iri("Omegle"), RG.homeState)) == []
    assert (company_iri("Omegle"), RDF.type, RG.Company) in letter


def test_letter_attributes_are_reified_with_their_passages(letter: Graph) -> None:
    work = communication_iri("AL CHN 9/2030")
    # rg:attribute* rather than rdf:subject/predicate/object (issue 22: RDF reification is
    # outside OWL 2 DL); a literal value and a node value have their own property
    reified = {(letter.value(s, RG.attributePredicate),
                letter.value(s, RG.attributeObject) or letter.value(s, RG.attributeValue))
               for s in letter.subjects(RDF.type, RG.AttributeStatement)
               if letter.value(s, RG.attributeSubject) == work}
    assert reified == {
        (DCTERMS.identifier, Literal("AL CHN 9/2030")),
        (DCTERMS.date, Literal("2030-04-01", datatype=XSD.date)),
        (RG.addressee, state_iri("CHN")),
    }
    assert (work, RG.responseDeadline, Literal("2030-05-31", datatype=XSD.date)) in letter


def test_mapping_twice_gives_identical_triples(letter: Graph) -> None:
    again = document_graph(letter_facts())
    assert isomorphic(again, letter)
    assert set(again) == set(letter)
    assert again.identifier == document_graph_iri(letter_facts().sha256)


def test_a_passage_without_start_does_not_conform(letter: Graph, reference: Graph, shapes: Graph,
                                                  ontology: Graph) -> None:
    broken = union(reference, letter)
    position = next(broken.subjects(RDF.type, OA.TextPositionSelector))
    broken.remove((position, OA.start, None))
    conforms, report = validate(broken, shapes, ontology)
    assert not conforms
    assert set(report.objects(None, SH.focusNode)) == {position}
    assert OA.start in set(report.objects(None, SH.resultPath))


def test_each_defect_is_reported_where_it_is(letter: Graph, reference: Graph, shapes: Graph,
                                             ontology: Graph) -> None:
    """A wrong quote length, a provision of another instrument and a soft-law instrument
    flagged binding: each is reported on its own node, and nothing else is."""
    broken = union(reference, letter)
    quote = next(broken.subjects(OA.exact, Literal("Quuxly, based in China")))
    passage = next(broken.subjects(OA.hasSelector, quote))
    broken.set((quote, OA.exact, Literal("Quuxly, based in China!")))
    citation = next(c for c in broken.subjects(RG.subdivision, Literal("c")))
    broken.set((citation, RG.provision, provision_iri("OPSC", "3")))
    broken.set((instrument_iri("UDHR"), RG.binding, Literal(True)))
    conforms, report = validate(broken, shapes, ontology)
    results = {(report.value(r, SH.focusNode), report.value(r, SH.value))
               for r in report.subjects(RDF.type, SH.ValidationResult)}
    assert not conforms
    assert results == {
        (document_graph_iri(letter_facts().sha256), passage),
        (citation, citation),
        (instrument_iri("UDHR"), instrument_iri("UDHR")),
    }


def test_year_only_date_typed_as_day_does_not_conform(letter: Graph, shapes: Graph, ontology: Graph) -> None:
    action = next(a for a in letter.subjects(RG.datePrecision, RG["precision-year"]))
    broken = Graph() + ontology
    broken.add((action, DCTERMS.date, Literal("1994-01-01", datatype=XSD.date)))
    broken.add((action, RG.datePrecision, RG["precision-year"]))
    conforms, report = validate(broken, shapes, ontology)
    assert not conforms
    assert set(report.objects(None, SH.sourceConstraintComponent)) == {SH.XoneConstraintComponent}


# --- edges: spans, stubs, replies, stated entry into force -------------------------------


def minimal(text: str, **fields: object) -> f.DocumentFacts:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return f.DocumentFacts(source="x.txt", sha256=sha, text=text, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("start, end", [(0, 0), (5, 99), (-1, 3)])
def test_evidence_outside_the_text_is_a_document_error(start: int, end: int) -> None:
    facts = minimal("short text", kind="unknown",
                    symbols=(f.SymbolMention("A/1/2", f.Evidence(start, end, "x")),))
    with pytest.raises(DocumentError):
        document_graph(facts)


def test_a_reply_shares_the_communication_node_of_the_letter() -> None:
    text = "Reply of China to AL CHN 9/2030"
    facts = minimal(text, kind="reply", sender_state="CHN",
                    sender_evidence=f.Evidence(9, 14, "China"),
                    references=(f.CommunicationReference("AL CHN 9/2030", "replies_to",
                                                         f.Evidence(18, 31, "AL CHN 9/2030")),))
    graph = document_graph(facts)
    reply = next(graph.subjects(RDF.type, RG.Reply))
    assert graph.value(reply, RG.repliesTo) == communication_iri("AL CHN 9/2030")
    assert graph.value(reply, RG.senderState) == state_iri("CHN")


def test_uncatalogued_provisions_and_mandates_get_stubs_and_warnings() -> None:
    text = "article 99 of the CRC; paragraph 118 of general comment No. 25; the kite-flying mandate"
    facts = minimal(text, kind="unknown",
                    citations=(f.ProvisionCitation("CRC", "99", None, f.Evidence(0, 21, text[0:21])),
                               f.ProvisionCitation("CRC-GC-25", "118", None, f.Evidence(23, 61, text[23:61]))),
                    mandates=(f.MandateMention("kite-flying", f.Evidence(67, 87, text[67:87])),))
    graph = document_graph(facts)
    assert (provision_iri("CRC", "99"), RDF.type, RG.Article) in graph
    assert (provision_iri("CRC-GC-25", "118"), RDF.type, RG.Paragraph) in graph
    assert (mandate_iri("kite-flying"), RDF.type, RG.Mandate) in graph
    messages = {str(m) for m in graph.objects(None, RG.message)}
    assert messages == {"CRC has no provision '99'", "mandate 'kite-flying' is not in the reference table"}


def test_a_stated_entry_into_force_that_contradicts_the_clause_is_a_conflict() -> None:
    text = "Ratification 2 March 1992, entry into force 1 June 1992"
    action = f.TreatyAction("CHN", "CRC", "ratification", f.PartialDate(1992, 3, 2),
                            f.Evidence(0, 25, text[0:25]), f.PartialDate(1992, 6, 1),
                            f.Evidence(27, 55, text[27:55]))
    graph = document_graph(minimal(text, kind="treaty_status", instrument="CRC", actions=(action,)))
    conflict = next(graph.subjects(RDF.type, RG.Conflict))
    dates = {str(graph.value(fact, DCTERMS.date)) for fact in graph.objects(conflict, RG.conflictingFact)}
    assert dates == {"1992-04-01", "1992-06-01"}


CITING_TEXT = (
    "Reference: AL GBR 7/2031\n12 May 2031\n"
    "We recall articles 1, 2 and 5 of the International Convention on the Elimination of All Forms of "
    "Racial Discrimination. We recall article 34 (c) and article 35 of the Convention on the Rights of the "
    "Child. Guiding Principles 11 to 24 describe the responsibility of business enterprises.\n"
)


@pytest.fixture(scope="module")
def citing_letter() -> Graph:
    return document_graph(load_bytes(CITING_TEXT.encode("utf-8"), "fictional-citing-letter.txt"))


@pytest.mark.parametrize("quote, instrument, nodes", [
    ("articles 1, 2 and 5", "ICERD", [{("1", None), ("2", None), ("5", None)}]),
    ("Guiding Principles 11 to 24", "UNGP", [{(str(n), None) for n in range(11, 25)}]),
    ("article 34 (c) and article 35", "CRC", [{("34", "c")}, {("35", None)}]),
])
def test_one_citation_node_per_passage_and_instrument(
    citing_letter: Graph, reference: Graph, quote: str, instrument: str, nodes: list[set[tuple[str, str | None]]]
) -> None:
    """A passage naming several provisions of one instrument is one citing statement; a
    sub-paragraph keeps its own node, so its subdivision is of one provision."""
    rows = union(citing_letter, reference).query(PREFIXES + """
        SELECT ?citation ?number ?sub WHERE {
          ?citation a rg:Citation ; rg:instrument/dcterms:identifier ?instrument ; rg:provision/eli:number ?number ;
                    prov:wasDerivedFrom/oa:hasSelector/oa:exact ?quote .
          OPTIONAL { ?citation rg:subdivision ?sub }
        }""", initBindings={"instrument": Literal(instrument), "quote": Literal(quote)})
    by_node: dict[URIRef, set[tuple[str, str | None]]] = {}
    for row in rows:
        by_node.setdefault(row.citation, set()).add((str(row.number), None if row.sub is None else str(row.sub)))
    assert sorted(by_node.values(), key=sorted) == sorted(nodes, key=sorted)


def test_a_letter_citing_several_provisions_at_once_conforms(
    citing_letter: Graph, reference: Graph, shapes: Graph, ontology: Graph
) -> None:
    conforms, report = validate(union(citing_letter, reference), shapes, ontology)
    assert conforms, report.serialize(format="turtle")
