"""The extractor registry is the one place a kind of fact is declared (issue 20, item 2):
a toy kind added there alone (one module's worth of code + one entry) reaches the facts, the
RDF with its provenance, the contract JSON, the ontology and the SHACL validation."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SH

from rightsgraph.graph.rdf_document import document_graph
from rightsgraph.graph.rdf_reference import reference_graph
from rightsgraph.graph.rdf_terms import OA, RG
from rightsgraph.loaders import registry
from rightsgraph.loaders.contract import to_contract
from rightsgraph.loaders.extractors.context import ExtractionContext
from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.facts import DocumentFacts, Evidence
from rightsgraph.loaders.pipeline import load_file
from rightsgraph.ontology import ontology_graph, shapes_graph

CHINA_LETTER = "000_b3942fa4ac1e5b1c.txt"


# --- the toy kind: what a contributor writes (docs/adding-an-extractor.md) -----------------

@dataclasses.dataclass(frozen=True, slots=True)
class HelplineMention:
    """A child helpline or hotline a document names (toy kind for this test)."""

    phrase: str
    evidence: Evidence


_HELPLINE = re.compile(r"\b(?:child\s+)?(?:help\s?lines?|hotlines?)\b", re.IGNORECASE)


def find_helplines(ctx: ExtractionContext) -> list[HelplineMention]:
    return [HelplineMention(m.group(0), evidence(ctx.text, m.start(), m.end())) for m in _HELPLINE.finditer(ctx.text)]


HELPLINES = registry.Extractor(
    field="helplines",
    genres=registry.ALL_SOURCE_WORKS,
    extract=find_helplines,
    rdf=registry.RDFSpec(
        kind="helpline-mention", cls="HelplineMention", label="helpline mention",
        definition="A passage naming a child helpline or hotline.",
        literals=(("helplinePhrase", "phrase"),), work_link="mentionsHelpline",
    ),
    contract=lambda items: {"helplines": [registry.evidence_json({"phrase": h.phrase}, h.evidence) for h in items]},
    clause="toy kind of tests/test_registry.py",
)


@pytest.fixture()
def with_helplines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "EXTRACTORS", (*registry.EXTRACTORS, HELPLINES))


@pytest.fixture()
def report_facts(shared_dir: Path, with_helplines: None) -> DocumentFacts:
    """A/79/122: it recommends helplines to States."""
    return load_file(shared_dir / "corpus" / "seeds" / "004_79e438d2674d96cf.txt")


# --- the tests -------------------------------------------------------------------------------

def test_the_toy_kind_is_extracted_with_spans(report_facts: DocumentFacts) -> None:
    found = report_facts.of("helplines")
    assert found and all(report_facts.text[h.evidence.start:h.evidence.end] == h.phrase for h in found)
    assert "helplines" in report_facts.extra  # no field of DocumentFacts was added for it


def test_the_toy_kind_is_in_the_contract_json(report_facts: DocumentFacts) -> None:
    contract = to_contract(report_facts)
    assert [item["phrase"] for item in contract["helplines"]] == [h.phrase for h in report_facts.of("helplines")]
    assert all(item["evidence"]["end"] > item["evidence"]["start"] for item in contract["helplines"])


def test_the_toy_kind_is_in_the_rdf_with_its_passage(report_facts: DocumentFacts) -> None:
    graph = document_graph(report_facts)
    nodes = set(graph.subjects(predicate=None, object=RG.HelplineMention))
    assert len(nodes) == len(set(report_facts.of("helplines")))
    for node in nodes:
        phrase = graph.value(node, RG.helplinePhrase)
        passage = graph.value(node, PROV.wasDerivedFrom)
        quotes = [graph.value(s, OA.exact) for s in graph.objects(passage, OA.hasSelector)]
        assert Literal(str(phrase)) in quotes
        assert (None, RG.mentionsHelpline, node) in graph


def test_the_toy_kind_is_declared_and_validated(report_facts: DocumentFacts, with_helplines: None) -> None:
    ontology, shapes = ontology_graph(), shapes_graph()
    assert (RG.HelplineMention, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), RG.ExtractedFact) in ontology
    data = document_graph(report_facts) + reference_graph()
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
    assert conforms, text
    broken = Graph() + data
    node = next(broken.subjects(predicate=None, object=RG.HelplineMention))
    broken.remove((node, PROV.wasDerivedFrom, None))
    conforms, report, _ = pyshacl.validate(broken, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
    focus = {(str(report.value(result, SH.focusNode)), str(report.value(result, SH.resultPath)))
             for result in report.subjects(RDF.type, SH.ValidationResult)}
    assert not conforms and (str(node), str(PROV.wasDerivedFrom)) in focus


def test_without_the_entry_nothing_of_the_kind_exists(shared_dir: Path) -> None:
    facts = load_file(shared_dir / "corpus" / "seeds" / "004_79e438d2674d96cf.txt")
    assert facts.of("helplines") == () and "helplines" not in to_contract(facts)
    assert (RG.HelplineMention, None, None) not in ontology_graph()


def test_every_field_of_the_facts_is_registered_once() -> None:
    fields = [e.field for e in registry.EXTRACTORS]
    assert len(fields) == len(set(fields))
    lists = {f.name for f in dataclasses.fields(DocumentFacts)
             if str(f.type).startswith("tuple[") and f.name != "warnings"}
    assert lists == set(fields)


def test_the_mapping_does_not_know_the_store() -> None:
    """Data flows one way: the mapping (graph/rdf_document.py and what it imports) loads no
    store module, so a document maps to RDF without any store present."""
    import subprocess
    import sys

    code = ("import sys, rightsgraph.graph.rdf_document; "
            "print(sorted(m for m in sys.modules if m.startswith('rightsgraph.graph.store')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
