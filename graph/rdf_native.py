"""N-Triples terms for the ingest hot path, and the collector that gathers a graph's lines.

Mapping a document makes hundreds of terms. As rdflib objects they cost more than extracting
the document (an rdflib typed ``Literal`` takes ~13 µs to make), and as pyoxigraph objects a
``Triple`` still takes ~7 µs; the store parses N-Triples text at a fraction of that. So the
mapper writes terms in their N-Triples form (a ``str``: ``<iri>`` or ``"text"^^<datatype>``,
escaped by pyoxigraph) and the collector joins them into lines. IRIs minted by
:mod:`rightsgraph.graph.rdf_terms` (rdflib ``URIRef``) and whatever the reference-graph helpers
write (rdflib terms) are converted, and checked, once per collector.

>>> RG.Passage
'<https://w3id.org/rightsgraph/ontology#Passage>'
>>> typed_literal(3, XSD.positiveInteger)
'"3"^^<http://www.w3.org/2001/XMLSchema#positiveInteger>'
>>> collector = TripleCollector(URIRef("https://example.org/g"))
>>> collector.add((URIRef("https://example.org/s"), RDFS.label, literal('say "hi"')))
>>> collector.add((URIRef("https://example.org/s"), RDFS.label, literal('say "hi"')))
>>> print(collector.ntriples(), end="")
<https://example.org/s> <http://www.w3.org/2000/01/rdf-schema#label> "say \\"hi\\"" .
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.term import Node

from rightsgraph.graph import rdf_terms
from rightsgraph.graph.oxigraph_terms import to_oxigraph

__all__ = [
    "DCTERMS", "FOAF", "OA", "ORG", "PROV", "RDF", "RDFS", "RG", "XSD",
    "NTerm", "NativeNamespace", "TripleCollector", "literal", "typed_literal",
]

#: A term in N-Triples syntax; a plain ``str`` (never an rdflib term, which is a ``str`` subclass).
NTerm = str


class NativeNamespace:
    """A namespace whose terms are N-Triples IRIs (``<base + name>``); each is made and
    checked on first use, then kept as an attribute."""

    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, name: str) -> NTerm:
        if name.startswith("__"):
            raise AttributeError(name)
        term = self[name]
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> NTerm:
        return str(ox.NamedNode(self._base + name))


DCTERMS = NativeNamespace(str(rdf_terms.DCTERMS))
FOAF = NativeNamespace(str(rdf_terms.FOAF))
OA = NativeNamespace(str(rdf_terms.OA))
ORG = NativeNamespace(str(rdf_terms.ORG))
PROV = NativeNamespace(str(rdf_terms.PROV))
RDF = NativeNamespace(str(rdf_terms.RDF))
RDFS = NativeNamespace(str(rdf_terms.RDFS))
RG = NativeNamespace(str(rdf_terms.RG))
XSD = NativeNamespace(str(rdf_terms.XSD))


def literal(text: str) -> NTerm:
    """A plain (xsd:string) literal, escaped."""
    return str(ox.Literal(text))


def typed_literal(value: object, datatype: NTerm) -> NTerm:
    """A literal of ``datatype`` written as ``str(value)``."""
    return f"{literal(str(value))}^^{datatype}"


class TripleCollector:
    """An insertion-ordered set of N-Triples lines for one named graph.

    ``add`` takes :data:`NTerm` strings as they are and converts rdflib terms once per
    collector (raising :class:`~rightsgraph.errors.UsageError` for terms no store could
    hold). It is also the part of rdflib's ``Graph`` interface (``add``, ``identifier``)
    that the reference-graph helpers use when they describe a stub entity.
    """

    def __init__(self, identifier: URIRef) -> None:
        self.identifier = identifier
        self._lines: dict[str, None] = {}
        self._converted: dict[Node, NTerm] = {}
        self._bnodes: dict[BNode, ox.BlankNode] = {}

    def term(self, term: Node | NTerm) -> NTerm:
        if type(term) is str:
            return term
        found = self._converted.get(term)
        if found is None:
            found = self._converted[term] = str(to_oxigraph(term, self._bnodes))
        return found

    def add(self, triple: tuple[Node | NTerm, Node | NTerm, Node | NTerm]) -> None:
        self.add_terms(*triple)

    def add_terms(self, subject: Node | NTerm, predicate: Node | NTerm, obj: Node | NTerm) -> None:
        """``add((subject, predicate, obj))``; the mapper's hot path (a few hundred calls a document)."""
        if type(subject) is not str:
            subject = self.term(subject)
        if type(predicate) is not str:
            predicate = self.term(predicate)
        if type(obj) is not str:
            obj = self.term(obj)
        self._lines[f"{subject} {predicate} {obj}"] = None

    def __len__(self) -> int:
        return len(self._lines)

    def ntriples(self) -> str:
        """The graph as an N-Triples document, lines in the order first added."""
        return " .\n".join(self._lines) + (" .\n" if self._lines else "")

    def nquads(self, omit: str) -> str:
        """The graph's lines as N-Quads named with the graph, in the order first added,
        without the N-Triples line ``omit`` (the bulk path writes the completion marker last).

        >>> collector = TripleCollector(URIRef("https://example.org/g"))
        >>> collector.add((URIRef("https://example.org/g"), RDFS.label, literal("g")))
        >>> collector.add((URIRef("https://example.org/s"), RDFS.label, literal("s")))
        >>> print(collector.nquads('<https://example.org/g> <http://www.w3.org/2000/01/rdf-schema#label> "g" .'), end="")
        <https://example.org/s> <http://www.w3.org/2000/01/rdf-schema#label> "s" <https://example.org/g> .
        """
        tail = f" {self.term(self.identifier)} .\n"
        lines = [line for line in self._lines if line != omit[:-2]] if omit.endswith(" .") else list(self._lines)
        return tail.join(lines) + (tail if lines else "")
