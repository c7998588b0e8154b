"""The rightsgraph OWL ontology and its SHACL shapes, shipped as package data.

>>> ontology_graph().value(ONTOLOGY_IRI, RDF.type) == OWL.Ontology
True
>>> shapes_path().name
'shapes.ttl'
"""

from __future__ import annotations

import functools
from importlib import resources
from importlib.abc import Traversable

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from rightsgraph.ontology.registered import registered_shapes, registered_terms

__all__ = [
    "ONTOLOGY_IRI",
    "SHAPES_IRI",
    "ontology_graph",
    "ontology_path",
    "shapes_graph",
    "shapes_path",
]

ONTOLOGY_IRI = URIRef("https://w3id.org/rightsgraph/ontology")
SHAPES_IRI = URIRef("https://w3id.org/rightsgraph/shapes")


def ontology_path() -> Traversable:
    """The Turtle file of the ontology (``rightsgraph.ttl``)."""
    return resources.files(__name__) / "rightsgraph.ttl"


def shapes_path() -> Traversable:
    """The Turtle file of the SHACL shapes (``shapes.ttl``)."""
    return resources.files(__name__) / "shapes.ttl"


def ontology_graph() -> Graph:
    """A fresh parsed copy of the ontology (callers may add to it)."""
    merged = _parsed("rightsgraph.ttl") + _parsed("reports.ttl") + _parsed("themes.ttl")  # issue 17 blocks
    return _copy(merged + registered_terms(), ONTOLOGY_IRI)


def shapes_graph() -> Graph:
    """A fresh parsed copy of the SHACL shapes."""
    return _copy(_parsed("shapes.ttl") + registered_shapes(), SHAPES_IRI)


@functools.cache
def _parsed(name: str) -> Graph:
    graph = Graph()
    graph.parse(data=(resources.files(__name__) / name).read_text(encoding="utf-8"), format="turtle")
    return graph


def _copy(source: Graph, identifier: URIRef) -> Graph:
    graph = Graph(identifier=identifier)
    for prefix, namespace in source.namespaces():
        graph.bind(prefix, namespace, override=True)
    for triple in source:
        graph.add(triple)
    return graph
