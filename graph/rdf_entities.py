"""The entities a document's facts name, as RDF: reference entities by IRI, and a minimal
description (with a warning) for what the reference graph lacks. A mixin of the document
mapper (:mod:`rightsgraph.graph.rdf_document`), also lent to :mod:`rightsgraph.graph.rdf_report`.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from rightsgraph.errors import UnknownInstrumentError
from rightsgraph.graph.rdf_native import FOAF, RDF, RDFS, RG, NTerm, literal
from rightsgraph.graph.rdf_reference import (
    describe_instrument, describe_provision, is_reference_instrument, is_reference_mandate,
    is_reference_provision, is_reference_state, stub_instrument, stub_mandate, stub_provision, stub_state,
)
from rightsgraph.graph.rdf_terms import company_iri, instrument_iri, mandate_iri, person_iri, provision_iri, state_iri
from rightsgraph.loaders import facts as f
from rightsgraph.loaders.reference.instruments import instrument_by_id, provision_exists

__all__ = ["EntityMapping"]


class EntityMapping:
    """Entity nodes for the document mapper (mixed into it)."""

    # --- entities, with stubs for what the reference graph lacks ---------------------------

    def _state(self, code: str) -> URIRef:
        if is_reference_state(code):
            return state_iri(code)
        self._warn(f"State code {code.strip().upper()!r} is not in the reference table", None)
        return stub_state(self.graph, code)

    def _instrument(self, instrument_id: str) -> URIRef:
        if is_reference_instrument(instrument_id):
            return instrument_iri(instrument_id)
        try:
            return describe_instrument(self.graph, instrument_by_id(instrument_id))
        except UnknownInstrumentError:
            self._warn(f"instrument {instrument_id.strip().upper()!r} is not in the reference tables", None)
            return stub_instrument(self.graph, instrument_id)

    def _provision(self, instrument_id: str, number: str, evidence: f.Evidence) -> URIRef | None:
        """The provision node; described here (with a warning when the instrument has no such
        provision) when the reference graph lacks it; None for unusable numbers."""
        self._instrument(instrument_id)
        if not re.fullmatch(r"[0-9A-Za-z]+", number):
            self._warn(f"provision {number!r} of {instrument_id} is not a provision number", evidence)
            return None
        if is_reference_provision(instrument_id, number):
            return provision_iri(instrument_id, number)
        try:
            record = instrument_by_id(instrument_id)
        except UnknownInstrumentError:
            return stub_provision(self.graph, instrument_id, number)
        if not provision_exists(instrument_id, number):
            self._warn(f"{instrument_id} has no provision {number!r}", evidence)
        return describe_provision(self.graph, record, number)

    def _mandate_node(self, mandate_id: str) -> URIRef:
        if is_reference_mandate(mandate_id):
            return mandate_iri(mandate_id)
        self._warn(f"mandate {mandate_id!r} is not in the reference table", None)
        return stub_mandate(self.graph, mandate_id)

    # what graph.rdf_report's MapperHost borrows
    def passage(self, evidence: f.Evidence) -> NTerm:
        return self._passage(evidence)

    def instrument(self, instrument_id: str) -> URIRef:
        return self._instrument(instrument_id)

    def state(self, code: str) -> URIRef:
        return self._state(code)

    def provision(self, instrument_id: str, number: str, evidence: f.Evidence) -> URIRef | None:
        return self._provision(instrument_id, number, evidence)

    def _company_node(self, name: str) -> URIRef:
        node = company_iri(name)
        self.add(node, RDF.type, RG.Company)
        self.add(node, RDFS.label, literal(name))
        return node

    def _person(self, name: str) -> URIRef:
        node = person_iri(name)
        self.add(node, RDF.type, FOAF.Person)
        self.add(node, FOAF.name, literal(name))
        return node
