"""Treaty actions, entry into force, status-table rows, statements and treaty texts as RDF:
the part of the document mapper (:mod:`rightsgraph.graph.rdf_document`) for treaty data.

A mixin of ``_DocumentMapper``: it writes through the mapper's ``add``, ``_fact``,
``_passage`` and ``_warn``, and names entities through :class:`~rightsgraph.graph.rdf_entities.EntityMapping`.
"""

from __future__ import annotations

from rdflib import URIRef

from rightsgraph.errors import UnknownInstrumentError
from rightsgraph.graph.entry_into_force import entry_into_force
from rightsgraph.graph.rdf_declarations import (
    DECLARATION_CLASSES as _DECLARATION_CLASSES, describe_statement_scope, statement_provisions,
)
from rightsgraph.graph.rdf_native import DCTERMS, PROV, RDF, RDFS, RG, XSD, NTerm, literal, typed_literal
from rightsgraph.graph.rdf_reference import eif_rule_iri, is_reference_party, is_reference_state
from rightsgraph.graph.rdf_terms import (
    action_type_iri, date_literal, fact_iri_text, party_iri, precision_iri, state_iri, statement_iri,
)
from rightsgraph.loaders import facts as f
from rightsgraph.loaders.reference.instruments import instrument_by_id
from rightsgraph.loaders.reference.states import participant_id

__all__ = ["TreatyMapping", "derived_node"]


def derived_node(node: NTerm, name: str) -> NTerm:
    """The IRI of a node that belongs to ``node``: ``<node/name>``."""
    return f"{node[:-1]}/{name}>"


class TreatyMapping:
    """Mapping methods for treaty data (mixed into the document mapper)."""

    # --- treaty actions and entry into force ----------------------------------------------

    def _action(self, action: f.TreatyAction) -> None:
        # a non-State party's action (the EU's approval) names the party, never a State
        party = party_iri(action.state) if is_reference_party(action.state) else None
        state, instrument = party or self._state(action.state), self._instrument(action.instrument)
        node = self._fact("treaty-action", action, RG.TreatyAction, action.evidence)
        self.add(node, RG.state, state)
        self.add(node, RG.instrument, instrument)
        self.add(node, RG.actionType, action_type_iri(action.kind))
        self._date(node, action.date)
        computed = self._computed_entry_into_force(node, action, state, instrument)
        if action.entry_into_force is None:
            return
        stated = derived_node(node, "stated-entry-into-force")
        self.add(stated, RDF.type, RG.EntryIntoForce)
        self.add(stated, RDF.type, RG.ExtractedFact)
        self.add(stated, RG.state, state)
        self.add(stated, RG.instrument, instrument)
        self._date(stated, action.entry_into_force)
        evidence = action.entry_into_force_evidence or action.evidence
        self.add(stated, PROV.wasDerivedFrom, self._passage(evidence))
        self.add(node, RG.statedEntryIntoForce, stated)
        if computed is not None and not computed[1].consistent_with(action.entry_into_force):
            self._conflict(node, computed[0], stated)

    def _computed_entry_into_force(
        self, node: NTerm, action: f.TreatyAction, state: URIRef, instrument: URIRef,
    ) -> tuple[NTerm, f.PartialDate] | None:
        """The entry into force the instrument's clause gives, linked to the action."""
        try:
            result = entry_into_force(action.instrument, action.kind, action.date)
        except UnknownInstrumentError:
            return None
        if result is None:
            return None
        eif = derived_node(node, "entry-into-force")
        self.add(eif, RDF.type, RG.EntryIntoForce)
        self.add(eif, RG.state, state)
        self.add(eif, RG.instrument, instrument)
        self._date(eif, result.date)
        self.add(eif, RG.clause, literal(result.clause))
        self.add(eif, RG.ruleDescription, literal(result.rule))
        if not result.certain:  # the days between which the State became bound
            self.add(eif, RG.earliestDate, typed_literal(result.earliest.isoformat(), XSD.date))
            self.add(eif, RG.latestDate, typed_literal(result.latest.isoformat(), XSD.date))
        self.add(eif, PROV.wasDerivedFrom, node)
        if instrument_by_id(action.instrument).eif_rule is not None:
            self.add(eif, RG.appliesRule, eif_rule_iri(action.instrument))
        self.add(node, RG.entryIntoForce, eif)
        return eif, result.date

    def _succession(self, note: f.SuccessionNote) -> None:
        """A passage on a succession: the predecessor (a State or a former State) and the
        date of effect when it gives them, linked from the succession actions of the same
        document (``rg:successionNote``)."""
        node = self._fact("succession-note", note, RG.SuccessionNote, note.evidence)
        self.add(node, RG.state, self._state(note.state))
        self.add(node, RG.instrument, self._instrument(note.instrument))
        if note.predecessor is not None:
            self.add(node, RG.predecessor, self._predecessor(note.predecessor))
            self.add(node, RG.predecessorPassage, self._passage(note.predecessor_evidence or note.evidence))
        if note.effective is not None:
            self.add(node, RG.dateOfEffect, date_literal(note.effective))
            self.add(node, RG.dateOfEffectPassage, self._passage(note.effective_evidence or note.evidence))
        for action in self.facts.actions:
            if (action.state, action.instrument, action.kind) == (note.state, note.instrument, "succession"):
                self.add(f"<{fact_iri_text('treaty-action', self.sha, action)}>", RG.successionNote, node)

    def _predecessor(self, predecessor: str) -> URIRef:
        return party_iri(predecessor) if is_reference_party(predecessor) else self._state(predecessor)

    def _conflict(self, action: NTerm, computed: NTerm, stated: NTerm) -> None:
        node = derived_node(action, "entry-into-force-conflict")
        self.add(node, RDF.type, RG.Conflict)
        self.add(node, RG.conflictingFact, computed)
        self.add(node, RG.conflictingFact, stated)
        self.add(node, RG.conflictAspect, literal("date"))
        self.add(node, RDFS.comment, literal("The stated entry into force differs from the one the clause gives."))

    def _date(self, node: URIRef | NTerm, date: f.PartialDate) -> None:
        self.add(node, DCTERMS.date, date_literal(date))
        self.add(node, RG.datePrecision, precision_iri(date.precision))

    # --- facts of status tables and treaty texts ------------------------------------------

    def _participant(self, participant: f.Participant) -> None:
        node = self._fact("participant", participant, RG.ParticipantListing, participant.evidence)
        self.add(node, RG.nameAsWritten, literal(participant.name))
        if participant.status:
            self.add(node, RG.statedStatus, literal(participant.status))
        if self.facts.instrument:
            self.add(node, RG.instrument, self._instrument(self.facts.instrument))
        party = self._party(participant)
        if party is not None:
            self.add(node, RG.party, party)
        else:
            self._warn(f"participant {participant.name!r} is not resolved", participant.evidence)

    def _party(self, participant: f.Participant) -> URIRef | None:
        if participant.state and is_reference_state(participant.state):
            return state_iri(participant.state)
        pid = participant_id(participant.name) or participant.state
        if pid and is_reference_party(pid):
            return party_iri(pid)
        if participant.non_state_party:
            node = party_iri(participant.name)
            self.add(node, RDF.type, RG.NonStateParty)
            self.add(node, DCTERMS.identifier, literal(participant.name))
            self.add(node, RDFS.label, literal(participant.name))
            return node
        return self._state(participant.state) if participant.state else None

    def _declaration(self, declaration: f.Declaration) -> None:
        """One statement; its node is the same whichever source records it (a second source
        adds its passage to it), see :func:`~rightsgraph.graph.rdf_terms.statement_iri`."""
        iri = statement_iri(declaration.state, declaration.instrument, declaration.kind, declaration.text)
        node = self._fact("declaration", declaration, RG.ReservationOrDeclaration, declaration.evidence, iri=iri)
        self.add(node, RDF.type, _DECLARATION_CLASSES[declaration.kind])
        self.add(node, RG.state, self._state(declaration.state))
        self.add(node, RG.instrument, self._instrument(declaration.instrument))
        text = declaration.text.strip() or self.facts.text[declaration.evidence.start:declaration.evidence.end]
        self.add(node, RG.text, literal(text))
        for predicate, articles in statement_provisions(declaration):
            for article in articles:
                provision = self._provision(declaration.instrument, article, declaration.evidence)
                if provision is not None:
                    self.add(node, predicate, provision)
        describe_statement_scope(self.add, node, declaration)

    def _provision_text(self, item: f.ProvisionText) -> None:
        provision = self._provision(item.instrument, item.provision, item.evidence)
        if provision is None:
            return
        node = self._fact("provision-text", item, RG.ProvisionText, item.evidence)
        self.add(node, RG.provision, provision)
        self.add(node, RG.text, literal(item.text))
        if item.heading:
            self.add(node, RG.heading, literal(item.heading))
