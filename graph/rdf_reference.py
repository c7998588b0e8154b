"""The reference graph: States, treaty parties, instruments with every provision, mandates and
the SKOS code lists, built from the hand-written tables in ``rightsgraph.loaders.reference``.

The output is deterministic (no blank nodes; the same tables give the same triples) and lives
in the named graph :data:`~rightsgraph.graph.rdf_terms.REFERENCE_GRAPH`.

>>> graph = reference_graph()
>>> (state_iri("CHN"), RG.unStatus, RG["unstatus-member"]) in graph
True
>>> (provision_iri("CRC", 54), ELI.is_part_of, instrument_iri("CRC")) in graph
True
>>> is_reference_provision("CRC", "55"), is_reference_provision("UNGP", "31")
(False, True)
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef

from rightsgraph.graph.rdf_terms import (
    DCTERMS, ELI, ORG, PROV, RDF, RDFS, REFERENCE_GRAPH, RG, SKOS, SOFTWARE_AGENT,
    SPECIAL_PROCEDURES, XSD, bind_prefixes, date_literal, instrument_iri, instrument_kind_iri,
    mandate_iri, party_iri, provision_iri, provision_segment, slug, state_iri,
)
from rightsgraph.loaders.reference.former_states import former_state_by_id
from rightsgraph.loaders.reference.instruments import GUIDING_PRINCIPLES, INSTRUMENTS
from rightsgraph.loaders.reference.mandates import DISCONTINUED_MANDATES, MANDATES, MANDATE_STATES
from rightsgraph.loaders.reference.model import Instrument, Mandate, State
from rightsgraph.loaders.reference.states import (
    FORMER_STATE_PARTIES, NON_MEMBER_STATES, NON_STATE_PARTIES, STATES,
)
from rightsgraph.loaders.reference.wikidata import WIKIDATA_ENTITY, instrument_qid, state_qid
from rightsgraph.ontology import ontology_graph

__all__ = [
    "describe_instrument",
    "describe_provision",
    "eif_rule_iri",
    "stub_instrument",
    "stub_mandate",
    "stub_provision",
    "stub_state",
    "is_reference_instrument",
    "is_reference_mandate",
    "is_reference_party",
    "is_reference_provision",
    "is_reference_state",
    "provision_class",
    "reference_graph",
]

_INSTRUMENT_CLASS = {
    "treaty": RG.Treaty,
    "optional_protocol": RG.OptionalProtocol,
    "ilo_convention": RG.ILOConvention,
    "declaration": RG.Declaration,
    "guiding_principles": RG.GuidingPrinciples,
    "principles": RG.Principles,
    "general_comment": RG.GeneralComment,
}
_PROVISION_CLASS = {
    "article": RG.Article,
    "paragraph": RG.Paragraph,
    "principle": RG.PrincipleProvision,
    "guideline": RG.Guideline,
}
_UNGP = "UNGP"


def reference_graph() -> Graph:
    """A new graph holding all reference data (identifier :data:`REFERENCE_GRAPH`)."""
    graph = Graph(identifier=REFERENCE_GRAPH)
    bind_prefixes(graph)
    _add_graph_description(graph)
    _add_code_lists(graph)
    for state in (*STATES, *NON_MEMBER_STATES):
        _add_state(graph, state)
    _add_other_parties(graph)
    for instrument in INSTRUMENTS:
        describe_instrument(graph, instrument)
        _add_provisions(graph, instrument)
    _add_special_procedures(graph)
    for mandate in MANDATES:
        _add_mandate(graph, mandate, discontinued=False)
    for mandate in DISCONTINUED_MANDATES:
        _add_mandate(graph, mandate, discontinued=True)
    return graph


# --- what the reference graph holds (document graphs add stubs for anything else) --------


@functools.cache
def _state_codes() -> frozenset[str]:
    return frozenset(s.iso3 for s in (*STATES, *NON_MEMBER_STATES))


@functools.cache
def _instrument_counts() -> dict[str, int | None]:
    return {i.id: i.provision_count for i in INSTRUMENTS}


def is_reference_state(iso3: str) -> bool:
    """Whether the reference graph describes this State (UN members, observers, Cook
    Islands and Niue)."""
    return iso3.strip().upper() in _state_codes()


def is_reference_party(party_id: str) -> bool:
    """Whether the reference graph describes this non-State or former-State party id."""
    return party_id in {*NON_STATE_PARTIES.values(), *FORMER_STATE_PARTIES.values()}


def is_reference_instrument(instrument_id: str) -> bool:
    """Whether the instrument is catalogued (general comments built on demand are not)."""
    return instrument_id.strip().upper() in _instrument_counts()


def is_reference_provision(instrument_id: str, number: str | int) -> bool:
    """Whether the reference graph has a node for this provision (1..provision_count)."""
    count = _instrument_counts().get(instrument_id.strip().upper())
    text = str(number).strip()
    return count is not None and text.isdigit() and 1 <= int(text) <= count


def is_reference_mandate(mandate_id: str) -> bool:
    return mandate_id in {m.id for m in (*MANDATES, *DISCONTINUED_MANDATES)}


# --- graph description and code lists -----------------------------------------------------


def _add_graph_description(graph: Graph) -> None:
    graph.add((REFERENCE_GRAPH, RDF.type, RG.ReferenceGraph))
    graph.add((REFERENCE_GRAPH, DCTERMS.title, Literal("rightsgraph reference data", lang="en")))
    graph.add((REFERENCE_GRAPH, PROV.wasAttributedTo, SOFTWARE_AGENT))
    graph.add((SOFTWARE_AGENT, RDF.type, PROV.SoftwareAgent))
    graph.add((SOFTWARE_AGENT, RDFS.label, Literal("rightsgraph")))


def _add_code_lists(graph: Graph) -> None:
    """Copy every SKOS concept scheme and concept from the ontology, their single source."""
    ontology = ontology_graph()
    members = {
        *ontology.subjects(RDF.type, SKOS.ConceptScheme),
        *ontology.subjects(RDF.type, SKOS.Concept),
    }
    for subject in sorted(members):
        for predicate, obj in ontology.predicate_objects(subject):
            graph.add((subject, predicate, obj))


# --- States and other parties -------------------------------------------------------------


def _add_state(graph: Graph, state: State) -> None:
    node = state_iri(state.iso3)
    graph.add((node, RDF.type, RG.State))
    graph.add((node, SKOS.notation, Literal(state.iso3, datatype=RG.ISO3166Alpha3)))
    graph.add((node, SKOS.notation, Literal(state.iso2, datatype=RG.ISO3166Alpha2)))
    graph.add((node, DCTERMS.identifier, Literal(state.iso3)))
    graph.add((node, SKOS.prefLabel, Literal(state.name, lang="en")))
    graph.add((node, RDFS.label, Literal(state.name, lang="en")))
    for name in (state.formal_name, *state.variants):
        if name != state.name:
            graph.add((node, SKOS.altLabel, Literal(name, lang="en")))
    graph.add((node, RG.unStatus, RG[f"unstatus-{state.un_status}"]))
    _add_wikidata_match(graph, node, state_qid(state.iso3))


def _add_wikidata_match(graph: Graph, node: URIRef, qid: str | None) -> None:
    """Link out: ``node`` is the same thing as Wikidata's item (nothing when none is known)."""
    if qid is not None:
        graph.add((node, SKOS.exactMatch, URIRef(WIKIDATA_ENTITY + qid)))


def _add_other_parties(graph: Graph) -> None:
    parties = [(name, pid, RG.NonStateParty) for name, pid in NON_STATE_PARTIES.items()]
    parties += [(name, pid, RG.FormerState) for name, pid in FORMER_STATE_PARTIES.items()]
    for name, pid, cls in parties:
        node = party_iri(pid)
        graph.add((node, RDF.type, cls))
        graph.add((node, DCTERMS.identifier, Literal(pid)))
        graph.add((node, RDFS.label, Literal(name, lang="en")))
        former = former_state_by_id(pid) if cls == RG.FormerState else None
        if former is not None and former.continued_by:
            graph.add((node, RG.continuedBy, state_iri(former.continued_by)))


# --- instruments and provisions -----------------------------------------------------------


def describe_instrument(graph: Graph, instrument: Instrument) -> URIRef:
    """Add everything the tables know about ``instrument`` (not its provisions); returns its IRI.

    Document graphs use it for instruments built on demand (uncatalogued general comments).
    """
    node = instrument_iri(instrument.id)
    graph.add((node, RDF.type, RG.Instrument))
    graph.add((node, RDF.type, _INSTRUMENT_CLASS[instrument.kind]))
    graph.add((node, DCTERMS.identifier, Literal(instrument.id)))
    title = Literal(instrument.title, lang="en")
    # dcterms:title, not eli:title: ELI gives titles to expressions, and an instrument here
    # is the work (eli:LegalResource)
    for predicate in (DCTERMS.title, SKOS.prefLabel, RDFS.label):
        graph.add((node, predicate, title))
    for name in instrument.short_names:
        graph.add((node, SKOS.altLabel, Literal(name, lang="en")))
    for name in instrument.aliases:
        graph.add((node, RG.alias, Literal(name, lang="en")))
    graph.add((node, ELI.type_document, instrument_kind_iri(instrument.kind)))
    graph.add((node, RG.binding, Literal(instrument.binding)))
    _add_instrument_dates(graph, node, instrument)
    _add_optional(graph, node, RG.depositary, instrument.depositary)
    _add_optional(graph, node, RG.mtdsg, instrument.mtdsg)
    _add_optional(graph, node, RG.symbol, instrument.symbol)
    if instrument.parent:
        graph.add((node, RG.parentInstrument, instrument_iri(instrument.parent)))
    if instrument.provision_count is not None:
        count = Literal(instrument.provision_count, datatype=XSD.integer)
        graph.add((node, RG.provisionCount, count))
    if instrument.eif_rule is not None:
        _add_eif_rule(graph, node, instrument)
    _add_wikidata_match(graph, node, instrument_qid(instrument.id))
    return node


def _add_optional(graph: Graph, node: URIRef, predicate: URIRef, value: str | None) -> None:
    if value:
        graph.add((node, predicate, Literal(value)))


def _add_instrument_dates(graph: Graph, node: URIRef, instrument: Instrument) -> None:
    """Dates at their own precision; ELI's xsd:date properties only for exact days."""
    if instrument.adopted is not None:
        graph.add((node, RG.adoptionDate, date_literal(instrument.adopted)))
        if instrument.adopted.precision == "day":
            graph.add((node, ELI.date_document, date_literal(instrument.adopted)))
    if instrument.entry_into_force is not None:
        graph.add((node, RG.generalEntryIntoForce, date_literal(instrument.entry_into_force)))
        if instrument.entry_into_force.precision == "day":
            graph.add((node, ELI.first_date_entry_in_force, date_literal(instrument.entry_into_force)))


def eif_rule_iri(instrument_id: str) -> URIRef:
    """The node of an instrument's entry-into-force rule."""
    return URIRef(f"{instrument_iri(instrument_id)}/entry-into-force-rule")


def _add_eif_rule(graph: Graph, node: URIRef, instrument: Instrument) -> None:
    rule = instrument.eif_rule
    assert rule is not None
    rule_node = eif_rule_iri(instrument.id)
    graph.add((node, RG.entryIntoForceRule, rule_node))
    graph.add((rule_node, RDF.type, RG.EntryIntoForceRule))
    graph.add((rule_node, RG.clause, Literal(rule.clause)))
    graph.add((rule_node, RG.ruleDescription, Literal(rule.description)))
    graph.add((rule_node, RG.offsetDays, Literal(rule.days, datatype=XSD.integer)))
    graph.add((rule_node, RG.offsetMonths, Literal(rule.months, datatype=XSD.integer)))
    graph.add((rule_node, RG.countedFrom, Literal(rule.counted_from)))


def provision_class(instrument: Instrument) -> URIRef:
    """The rg: class of the instrument's provisions (UNGP principles are GuidingPrinciples)."""
    if instrument.id == _UNGP:
        return RG.GuidingPrinciple
    return _PROVISION_CLASS[instrument.provision_label]


def describe_provision(graph: Graph, instrument: Instrument, number: str) -> URIRef:
    """Add a provision node: its class, instrument, number and label; returns its IRI."""
    node = provision_iri(instrument.id, number)
    graph.add((node, RDF.type, RG.Provision))
    graph.add((node, RDF.type, provision_class(instrument)))
    graph.add((node, ELI.is_part_of, instrument_iri(instrument.id)))
    graph.add((node, ELI.number, Literal(number)))
    label = f"{instrument.id} {instrument.provision_label} {number}"
    graph.add((node, RDFS.label, Literal(label, lang="en")))
    return node


def _add_provisions(graph: Graph, instrument: Instrument) -> None:
    for number in range(1, (instrument.provision_count or 0) + 1):
        describe_provision(graph, instrument, str(number))
    if instrument.id == _UNGP:
        _add_guiding_principles(graph)


def _add_guiding_principles(graph: Graph) -> None:
    for principle in GUIDING_PRINCIPLES:
        node = provision_iri(_UNGP, principle.number)
        graph.add((node, RG.pillar, RG[f"pillar-{principle.pillar}"]))
        graph.add((node, RG.principleRole, RG[f"role-{principle.role}"]))
        graph.add((node, DCTERMS.subject, Literal(principle.topic, lang="en")))


# --- mandates -----------------------------------------------------------------------------


def _add_special_procedures(graph: Graph) -> None:
    graph.add((SPECIAL_PROCEDURES, RDF.type, ORG.FormalOrganization))
    label = Literal("Special Procedures of the Human Rights Council", lang="en")
    graph.add((SPECIAL_PROCEDURES, RDFS.label, label))
    graph.add((SPECIAL_PROCEDURES, SKOS.prefLabel, label))


def _add_mandate(graph: Graph, mandate: Mandate, *, discontinued: bool) -> None:
    node = mandate_iri(mandate.id)
    graph.add((node, RDF.type, RG.Mandate))
    graph.add((node, RDF.type, ORG.Post))
    graph.add((node, DCTERMS.identifier, Literal(mandate.id)))
    graph.add((node, SKOS.prefLabel, Literal(mandate.title, lang="en")))
    graph.add((node, RDFS.label, Literal(mandate.title, lang="en")))
    _add_labels(graph, node, RG.historicalTitle, mandate.historical_titles, "en")
    _add_labels(graph, node, SKOS.altLabel, mandate.titles_fr, "fr")
    _add_labels(graph, node, SKOS.altLabel, mandate.titles_es, "es")
    graph.add((node, ORG.role, RG[f"holder-{slug(mandate.holder)}"]))
    graph.add((node, RG.mandateKind, RG[f"mandatekind-{mandate.kind}"]))
    graph.add((node, ORG.postIn, SPECIAL_PROCEDURES))
    if mandate.established is not None:
        graph.add((node, RG.established, Literal(f"{mandate.established:04d}", datatype=XSD.gYear)))
    if mandate.id in MANDATE_STATES:
        graph.add((node, RG.state, state_iri(MANDATE_STATES[mandate.id])))
    if discontinued:
        graph.add((node, RG.discontinued, Literal(True)))


def _add_labels(graph: Graph, node: URIRef, predicate: URIRef, labels: Iterable[str], lang: str) -> None:
    for label in labels:
        graph.add((node, predicate, Literal(label, lang=lang)))



# --- minimal descriptions for what the tables lack (written into document graphs) --------


def stub_state(graph: Graph, code: str) -> URIRef:
    """A State known only by its code: type, notation and identifier."""
    iso3 = code.strip().upper()
    node = state_iri(iso3)
    graph.add((node, RDF.type, RG.State))
    graph.add((node, SKOS.notation, Literal(iso3, datatype=RG.ISO3166Alpha3)))
    graph.add((node, DCTERMS.identifier, Literal(iso3)))
    return node


def stub_instrument(graph: Graph, instrument_id: str) -> URIRef:
    """An instrument known only by its id."""
    key = instrument_id.strip().upper()
    node = instrument_iri(key)
    graph.add((node, RDF.type, RG.Instrument))
    graph.add((node, DCTERMS.identifier, Literal(key)))
    graph.add((node, RDFS.label, Literal(key)))
    return node


def stub_provision(graph: Graph, instrument_id: str, number: str) -> URIRef:
    """A numbered provision of an instrument the tables do not describe."""
    node = provision_iri(instrument_id, number)
    graph.add((node, RDF.type, RG.Provision))
    graph.add((node, RDF.type, _PROVISION_CLASS[provision_segment(instrument_id)]))
    graph.add((node, ELI.is_part_of, instrument_iri(instrument_id)))
    graph.add((node, ELI.number, Literal(number)))
    return node


def stub_mandate(graph: Graph, mandate_id: str) -> URIRef:
    """A mandate known only by its contract id."""
    node = mandate_iri(mandate_id)
    graph.add((node, RDF.type, RG.Mandate))
    graph.add((node, RDF.type, ORG.Post))
    graph.add((node, DCTERMS.identifier, Literal(mandate_id)))
    graph.add((node, RDFS.label, Literal(mandate_id)))
    return node
