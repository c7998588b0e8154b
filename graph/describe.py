"""What the service says about one IRI: its concise bounded description, each statement with
its provenance (for ``/id/...`` dereferencing).

The description holds every triple whose subject is the IRI, in any named graph, and the
triples of the blank nodes it points to (one level: the mapper mints no blank nodes for
extracted facts, decision 0002). Each statement is also given as an ``rdf:Statement``
saying where it comes from: ``prov:wasDerivedFrom`` the source document of each named graph
that holds it (a document graph says ``<graph> prov:wasDerivedFrom <document>``), or the
graph itself when it names no document (the reference data), and ``dcterms:isPartOf`` the
graph. A statement several documents make has one source each.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from rdflib import RDF, BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV
from rdflib.term import Node

from rightsgraph.graph.rdf_terms import BASE, bind_prefixes
from rightsgraph.graph.store import Store, iri

__all__ = ["Description", "ID_BASE", "describe"]

ID_BASE = BASE + "id/"

_STATEMENTS = """SELECT ?g ?p ?o ?p2 ?o2 ?source WHERE {
  GRAPH ?g {
    %(subject)s ?p ?o
    OPTIONAL { FILTER(isBlank(?o)) ?o ?p2 ?o2 }
  }
  OPTIONAL { GRAPH ?g { ?g <http://www.w3.org/ns/prov#wasDerivedFrom> ?source } }
}"""


@dataclass(frozen=True)
class Description:
    """The description of ``subject`` (empty ``graph`` when the store knows nothing of it)."""

    subject: URIRef
    graph: Graph

    @property
    def found(self) -> bool:
        return (self.subject, None, None) in self.graph


def describe(store: Store, subject: str) -> Description:
    """The concise bounded description of ``subject`` with the provenance of each statement.

    Raises :class:`~rightsgraph.errors.UsageError` for a string that is no IRI.
    """
    rows = store.select(_STATEMENTS % {"subject": iri(subject)})
    node = URIRef(subject)
    graph = Graph()
    bind_prefixes(graph)
    sources: dict[tuple[Node, Node, Node], set[tuple[Node, Node]]] = defaultdict(set)
    for row in rows:
        statement = (node, row["p"], row["o"])
        graph.add(statement)
        origin = (row["g"], row.get("source", row["g"]))
        sources[statement].add(origin)
        if "p2" in row:
            inner = (row["o"], row["p2"], row["o2"])
            graph.add(inner)
            sources[inner].add(origin)
    for statement, origins in sources.items():
        _add_provenance(graph, statement, origins)
    return Description(node, graph)


def _add_provenance(graph: Graph, statement: tuple[Node, Node, Node], origins: set[tuple[Node, Node]]) -> None:
    """An ``rdf:Statement`` for ``statement`` with its graphs and sources; its IRI is made
    from the statement itself, so describing twice gives the same triples."""
    subject, predicate, obj = statement
    reified = _statement_node(statement)
    graph.add((reified, RDF.type, RDF.Statement))
    graph.add((reified, RDF.subject, subject))
    graph.add((reified, RDF.predicate, predicate))
    graph.add((reified, RDF.object, obj))
    for named_graph, source in sorted(origins):
        graph.add((reified, DCTERMS.isPartOf, named_graph))
        graph.add((reified, PROV.wasDerivedFrom, source))


def _statement_node(statement: tuple[Node, Node, Node]) -> URIRef | BNode:
    subject = statement[0]
    if isinstance(subject, BNode) or isinstance(statement[2], BNode):
        return BNode()
    digest = hashlib.sha256(" ".join(term.n3() for term in statement).encode()).hexdigest()[:32]
    return URIRef(f"{subject}#statement-{digest}")
