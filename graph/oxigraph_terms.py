"""Terms between rdflib and pyoxigraph: the conversions the stores and the mapper share.

The mapper (:mod:`rightsgraph.graph.rdf_native`) writes N-Triples with pyoxigraph's term
classes, which escape and check them; the stores convert query results back. Nothing here
knows a store.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib.term import BNode, Literal, Node, URIRef

from rightsgraph.errors import UsageError

__all__ = ["from_oxigraph", "named_node", "to_oxigraph"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def named_node(value: str) -> ox.NamedNode:
    """An Oxigraph IRI; :class:`UsageError` when ``value`` is not a valid absolute IRI."""
    try:
        return ox.NamedNode(str(value))
    except ValueError as error:
        raise UsageError(
            f"not a valid IRI: {value!r} ({error})", details={"iri": str(value)}
        ) from error


def to_oxigraph(
    term: Node, bnodes: dict[BNode, ox.BlankNode]
) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term; each rdflib blank node maps to one fresh Oxigraph node."""
    if isinstance(term, URIRef):
        return named_node(term)
    if isinstance(term, BNode):
        return bnodes.setdefault(term, ox.BlankNode())
    if isinstance(term, Literal):
        try:
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=named_node(term.datatype))
            return ox.Literal(str(term))
        except ValueError as error:
            raise UsageError(f"invalid literal {term!r}: {error}") from error
    raise UsageError(f"not an RDF term: {term!r}")


def from_oxigraph(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """Convert an Oxigraph term; literals keep their datatype or language tag."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _RDF_LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise UsageError(f"RDF-star quoted triples are not supported: {term}")
