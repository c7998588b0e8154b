"""The ontology as reasoners and validators read it (issue 22, item 7).

* OWL 2 DL hygiene checked in Python: every term the mapped data uses is declared, each
  property with one kind only, no RDF reification vocabulary, ranges from the OWL 2 datatype
  map, a version IRI.
* HermiT (bundled by owlready2; needs Java) finds the ontology with the reference data and the
  seeds' graphs consistent, with no unsatisfiable class, and finds a defect inconsistent.
  Literals typed xsd:date, xsd:gYear and xsd:gYearMonth are outside the OWL 2 datatype map:
  HermiT is told to ignore them (``--ignoreUnsupportedDatatypes``); the shapes check them.
* SHACL runs on the data as stored: ingested into an on-disk Oxigraph store and exported
  from it, where integers come back as ``xsd:integer``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyshacl
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.rdf_document import document_graph
from rightsgraph.graph.rdf_reference import reference_graph
from rightsgraph.graph.store import open_store
from rightsgraph.graph.rdf_terms import RG
from rightsgraph.loaders.pipeline import load_file

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
ONTOLOGY_IRI = URIRef("https://w3id.org/rightsgraph/ontology")
XSD = "http://www.w3.org/2001/XMLSchema#"
# https://www.w3.org/TR/owl2-syntax/#Datatype_Maps
OWL2_DATATYPES = {RDFS.Literal, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#PlainLiteral"),
                  URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral"),
                  URIRef("http://www.w3.org/2002/07/owl#real"), URIRef("http://www.w3.org/2002/07/owl#rational")} | {
    URIRef(XSD + name) for name in (
        "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int "
        "short byte unsignedLong unsignedInt unsignedShort unsignedByte double float string "
        "normalizedString token language Name NCName NMTOKEN boolean hexBinary base64Binary anyURI "
        "dateTime dateTimeStamp").split()
}
BUILT_IN = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", str(RDFS))
REIFICATION = {RDF.subject, RDF.predicate, RDF.object, RDF.Statement}
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


# A fictional status table whose notes give successions' predecessors and dates of effect
# (the shared tables have no notes): the succession terms are checked with the real data.
SUCCESSIONS = Path(__file__).resolve().parent / "fixtures" / "untc" / "fictional_successions_4-11.csv"


@pytest.fixture(scope="module")
def source_paths(shared_dir: Path, seed_paths: list[Path]) -> list[Path]:
    return [*seed_paths, *sorted((shared_dir / "reference" / "untc").iterdir()), SUCCESSIONS]


@pytest.fixture(scope="module")
def mapped(source_paths: list[Path]) -> Graph:
    """The reference graph and the document graphs of the seeds and the UNTC tables."""
    data = reference_graph()
    for path in source_paths:
        data += document_graph(load_file(path))
    return data


def test_ontology_has_a_version_iri(ontology: Graph) -> None:
    version = ontology.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert version is not None and str(version).startswith(str(ONTOLOGY_IRI) + "/")
    assert str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo)) in str(version)


def test_every_term_the_data_uses_is_declared(ontology: Graph, mapped: Graph) -> None:
    declared = set(ontology.subjects(RDF.type, None))
    predicates = {p for p in mapped.predicates() if not str(p).startswith(BUILT_IN)}
    classes = set(mapped.objects(None, RDF.type))
    assert sorted(predicates - declared) == []
    assert sorted(classes - declared) == []


def test_each_property_has_one_kind_matching_its_values(ontology: Graph, mapped: Graph) -> None:
    kinds = {p: {k for k in PROPERTY_KINDS if (p, RDF.type, k) in ontology} for p in mapped.predicates()}
    assert sorted(p for p, found in kinds.items() if len(found) > 1) == []
    for predicate, found in kinds.items():
        if OWL.ObjectProperty in found:
            assert not any(isinstance(o, Literal) for o in mapped.objects(None, predicate)), predicate
        if OWL.DatatypeProperty in found:
            assert all(isinstance(o, Literal) for o in mapped.objects(None, predicate)), predicate


def test_no_rdf_reification(ontology: Graph, mapped: Graph) -> None:
    assert not any(o in REIFICATION for o in ontology.objects(None, RDFS.subClassOf))
    assert not any(p in REIFICATION for p in mapped.predicates())
    assert not any(o in REIFICATION for o in mapped.objects(None, RDF.type))


def test_ranges_are_in_the_owl2_datatype_map(ontology: Graph) -> None:
    for prop in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        for datatype in ontology.objects(prop, RDFS.range):
            assert datatype in OWL2_DATATYPES or (datatype, RDF.type, RDFS.Datatype) in ontology, (prop, datatype)


def test_a_reply_answers_mandates_and_is_not_written_on_their_behalf(mapped: Graph) -> None:
    replies = set(mapped.subjects(RDF.type, RG.Reply))
    assert replies
    assert not any(mapped.value(reply, RG.onBehalfOf) for reply in replies)
    assert any(mapped.value(reply, RG.answersMandate) for reply in replies)


# --- HermiT ---------------------------------------------------------------------------------


def _hermit_ready() -> str | None:
    if shutil.which("java") is None:
        return "no java on PATH (CI installs default-jre-headless)"
    try:
        import owlready2  # noqa: F401
    except ImportError:
        return "owlready2 is not installed"
    return None


needs_hermit = pytest.mark.skipif(_hermit_ready() is not None, reason=str(_hermit_ready()))


def run_hermit(graph: Graph, directory: Path) -> list[object]:
    """Classify with HermiT; the unsatisfiable classes. Raises owlready2's
    ``OwlReadyInconsistentOntologyError`` on an inconsistent ontology."""
    import owlready2

    path = directory / "ontology-and-data.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load(format="ntriples")
    owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
    return list(world.inconsistent_classes())


@needs_hermit
def test_hermit_ontology_with_the_seeds_is_consistent(ontology: Graph, seed_paths: list[Path], tmp_path: Path) -> None:
    data = ontology + reference_graph()
    for path in [*seed_paths, SUCCESSIONS]:
        data += document_graph(load_file(path))
    assert run_hermit(data, tmp_path) == []


@needs_hermit
@pytest.mark.parametrize(
    ("defect", "consistent"),
    [
        # a reply written on behalf of a mandate: a reply is not a letter or a report
        ("<https://x.test/r> a rg:Reply ; rg:onBehalfOf <https://x.test/m> .", False),
        # a non-State party's treaty action (the European Union's formal confirmation)
        ("<https://x.test/a> a rg:TreatyAction ; rg:state <https://x.test/eu> . "
         "<https://x.test/eu> a rg:NonStateParty .", True),
    ],
)
def test_hermit_tells_defects_from_valid_data(ontology: Graph, tmp_path: Path, defect: str, consistent: bool) -> None:
    import owlready2

    data = ontology + Graph().parse(data=f"@prefix rg: <{RG}> .\n{defect}", format="turtle")
    if consistent:
        assert run_hermit(data, tmp_path) == []
    else:
        with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
            run_hermit(data, tmp_path)


# --- SHACL on the data as stored --------------------------------------------------------------


# The seeds and the UNTC files that exercise every shape of treaty data (the CRC's status
# and statements, the Trafficking Protocol's non-State party); all UNTC files take ~2 min more.
STORED_UNTC = ("treaties_4-11.csv", "declarations_4-11.txt", "treaties_18-12-a.csv")


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path, seed_paths: list[Path]) -> Iterator[Graph]:
    """The seeds and UNTC tables ingested into an on-disk store and exported from it."""
    store = open_store(str(tmp_path_factory.mktemp("stored")))
    try:
        ensure_reference_data(store)
        for path in [*seed_paths, *(shared_dir / "reference" / "untc" / name for name in STORED_UNTC), SUCCESSIONS]:
            ingest_facts(store, load_file(path))
        yield Graph().parse(data=store.export("turtle").decode("utf-8"), format="turtle")
    finally:
        store.close()


def test_integers_come_back_as_xsd_integer(stored: Graph) -> None:
    datatypes = {o.datatype for o in stored.objects(None, URIRef("http://www.w3.org/ns/oa#start"))}
    assert datatypes == {URIRef(XSD + "integer")}


def test_stored_data_conforms_to_the_shapes(stored: Graph, shapes: Graph, ontology: Graph) -> None:
    conforms, report, text = pyshacl.validate(stored, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
    assert conforms, text[:4000]
