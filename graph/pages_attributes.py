"""Where a communication page's own attributes come from: each date, addressee, reference
(and so the type its prefix gives) with the passages that state it, whichever document they
are in (the letter itself, a reply "further to the letter dated ...", a follow-up)."""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from rightsgraph.graph.pages_common import add_unique, source_of
from rightsgraph.graph.pages_queries import PASSAGE
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES as _PREFIXES
from rightsgraph.graph.store import Store

__all__ = ["attribute_sources"]

_ATTRIBUTES = _PREFIXES + """
SELECT DISTINCT ?comm ?predicate ?quote ?start ?end ?file WHERE {
  ?fact a rg:AttributeStatement ; rg:attributeSubject ?comm ; rg:attributePredicate ?predicate .
""" + PASSAGE + """}
"""

# A letter named by another document (a reply's "response to communication AL GBR 3/2021"):
# the passages naming it stand for its reference, and so for its type.
_NAMED = _PREFIXES + """
SELECT DISTINCT ?comm ?quote ?start ?end ?file WHERE {
  ?fact a rg:CommunicationMention ; rg:communication ?comm .
""" + PASSAGE + """}
"""

_NAMES = {
    "http://purl.org/dc/terms/date": "date",
    "http://purl.org/dc/terms/identifier": "reference",
    "https://w3id.org/rightsgraph/ontology#addressee": "addressee",
    "https://w3id.org/rightsgraph/ontology#addresseePerson": "person",
}


def attribute_sources(store: Store, comm: URIRef) -> dict[str, list[dict[str, Any]]]:
    """``{"date"|"reference"|"type"|"addressee"|"person": [passages]}``; the type is read
    from the reference's prefix, so it has the reference's passages (and so has the
    addressee when no passage states it otherwise: the reference's country code)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for row in store.select(_ATTRIBUTES, {"comm": comm}):
        name = _NAMES.get(str(row["predicate"]))
        if name is not None:
            add_unique(found.setdefault(name, []), source_of(row))
    if "reference" not in found:
        for row in store.select(_NAMED, {"comm": comm}):
            add_unique(found.setdefault("reference", []), source_of(row))
    if "reference" in found:
        found["type"] = list(found["reference"])
        # "AL CHN 3/2021" names its addressee State by its code when nothing else does.
        found.setdefault("addressee", list(found["reference"]))
    return {name: sorted(items, key=lambda s: (s["document"], s["start"])) for name, items in sorted(found.items())}
