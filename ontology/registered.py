"""Ontology terms and SHACL shapes of the fact kinds declared in the extractor registry.

A kind whose RDF is an :class:`~rightsgraph.loaders.registry.RDFSpec` needs no Turtle of its
own: its class (a subclass of ``rg:ExtractedFact``), its properties and its shape are made
here from the spec, so the registry entry is the one place that says what the fact is.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH, SKOS, XSD

RG_BASE = "https://w3id.org/rightsgraph/ontology#"
_ONTOLOGY = URIRef("https://w3id.org/rightsgraph/ontology")

__all__ = ["registered_shapes", "registered_terms"]


def _specs() -> list:  # list[RDFSpec]; imported late: the registry imports every extractor
    from rightsgraph.loaders import registry

    return [e.rdf for e in registry.EXTRACTORS if isinstance(e.rdf, registry.RDFSpec)]


def _rg(name: str) -> URIRef:
    return URIRef(RG_BASE + name)


def registered_terms() -> Graph:
    """Class and property declarations of every declarative fact kind."""
    graph = Graph()
    for spec in _specs():
        cls = _rg(spec.cls)
        graph.add((cls, RDF.type, OWL.Class))
        graph.add((cls, RDFS.subClassOf, _rg("ExtractedFact")))
        graph.add((cls, RDFS.label, Literal(spec.label, lang="en")))
        graph.add((cls, SKOS.definition, Literal(spec.definition, lang="en")))
        graph.add((cls, RDFS.isDefinedBy, _ONTOLOGY))
        for prop, _ in spec.literals:
            graph.add((_rg(prop), RDF.type, OWL.DatatypeProperty))
            graph.add((_rg(prop), RDFS.domain, cls))
            graph.add((_rg(prop), RDFS.isDefinedBy, _ONTOLOGY))
        if spec.work_link:
            graph.add((_rg(spec.work_link), RDF.type, OWL.ObjectProperty))
            graph.add((_rg(spec.work_link), RDFS.domain, _rg("SourceWork")))
            graph.add((_rg(spec.work_link), RDFS.range, cls))
            graph.add((_rg(spec.work_link), RDFS.isDefinedBy, _ONTOLOGY))
    return graph


def registered_shapes() -> Graph:
    """One node shape per declarative fact kind: derived from exactly one passage, each
    declared property at most once."""
    graph = Graph()
    for spec in _specs():
        shape = URIRef(f"https://w3id.org/rightsgraph/shapes#{spec.cls}Shape")
        graph.add((shape, RDF.type, SH.NodeShape))
        graph.add((shape, SH.targetClass, _rg(spec.cls)))
        _property(graph, shape, PROV.wasDerivedFrom, min_count=1, node_class=_rg("Passage"))
        for prop, _ in spec.literals:
            _property(graph, shape, _rg(prop), max_count=1)
    return graph


def _property(
    graph: Graph, shape: URIRef, path: URIRef, *, min_count: int | None = None,
    max_count: int | None = None, node_class: URIRef | None = None,
) -> None:
    node = BNode()
    graph.add((shape, SH.property, node))
    graph.add((node, SH.path, path))
    if min_count is not None:
        graph.add((node, SH.minCount, Literal(min_count, datatype=XSD.integer)))
    if max_count is not None:
        graph.add((node, SH.maxCount, Literal(max_count, datatype=XSD.integer)))
    if node_class is not None:
        graph.add((node, SH["class"], node_class))
