"""One document's facts as RDF: the graph named after the document's content hash.

``document_graph(facts)`` writes the Document node, the letter, reply or report it carries,
and one node per extracted fact. Every fact node points (``prov:wasDerivedFrom``) to a Passage
(``oa:SpecificResource`` with a ``oa:TextPositionSelector`` and a ``oa:TextQuoteSelector`` on
the Document); attributes of the letter itself (reference, date, addressee, sender) are
described by ``rg:AttributeStatement`` nodes carrying their passage. Fact IRIs are hashes of the
fact and the document hash, so mapping the same facts twice gives identical triples.

Unknowns stay unknown: a company whose home State the text does not give has no
``rg:homeState`` triple at all (the open world reads absence as "not known"; another document
may still state it). Entities the reference graph does not describe (an uncatalogued general
comment, an unknown mandate id, an article beyond an instrument's last) get a minimal typed
description here plus an ``rg:LoadWarning``, so that nothing is dropped and the document graph
together with the reference graph still conforms to the shapes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from rdflib import Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.term import Node

from rightsgraph.errors import DocumentError
from rightsgraph.graph import rdf_terms as terms
from rightsgraph.graph.derivation import pipeline_version
from rightsgraph.graph.paragraphs import paragraphs
from rightsgraph.graph.rdf_entities import EntityMapping
from rightsgraph.graph.rdf_native import (
    DCTERMS, OA, ORG, PROV, RDF, RG, XSD, NTerm, TripleCollector, literal, typed_literal,
)
from rightsgraph.graph.rdf_report import map_report_structure
from rightsgraph.graph.rdf_terms import (
    SOFTWARE_AGENT, InvalidIdentifierError,
    bind_prefixes, communication_iri, communication_type_iri, company_iri,
    date_literal, document_graph_iri, document_iri, document_kind_iri, fact_iri_text, ingest_iri,
    mention_role_iri, precision_iri, resolution_iri, un_document_iri, work_iri,
)
from rightsgraph.graph.rdf_treaty import TreatyMapping
from rightsgraph.loaders import facts as f
from rightsgraph.loaders import registry
from rightsgraph.loaders.registry import RDFSpec

__all__ = ["document_graph", "document_nquads", "document_ntriples"]

_CONTEXT = 32  # characters of oa:prefix / oa:suffix around a quote
_COMMUNICATION_TYPES = frozenset({"AL", "UA", "OL", "JAL", "JUA", "JOL"})
_WORK_CLASSES = {
    "communication": (RG.Communication, RG.SourceWork),
    "reply": (RG.Reply, RG.SourceWork),
    "report": (RG.Report, RG.SourceWork, RG.UNDocument),
}
_REFERENCE_LINKS = {
    "related": RG.relatedCommunication,
    "follow_up": RG.followsUp,
    "replies_to": RG.repliesTo,
}
_STATE_LINKS = {"also_sent_to": RG.alsoSentTo, "replied": RG.repliedBy}
# Registry mappings that write every fact of several kinds at once (once per document).
_WHOLE_DOCUMENT_MAPPINGS: dict[str, Callable[[Any], None]] = {
    "report_structure": map_report_structure,  # sections, paragraphs, footnotes, recommendations
}


def document_ntriples(facts: f.DocumentFacts) -> tuple[URIRef, str]:
    """The graph IRI (``document_graph_iri(facts.sha256)``) and the graph as N-Triples text.

    This is what the stores take (see :mod:`rightsgraph.graph.rdf_native` for why text and
    not term objects). Raises :class:`~rightsgraph.errors.DocumentError` when an evidence span
    lies outside the document's text or is empty: such a fact cannot be traced and is an
    extraction bug.
    """
    collector = _DocumentMapper(facts).build()
    return collector.identifier, collector.ntriples()


def document_nquads(facts: f.DocumentFacts, omit: str) -> tuple[URIRef, str, int]:
    """The graph IRI, the graph as N-Quads lines named with it but without the N-Triples line
    ``omit`` (the bulk path's completion marker), and the number of triples (``omit``
    included): the lines :func:`~rightsgraph.graph.store.spool_lines` makes of
    :func:`document_ntriples`, without the detour through N-Triples."""
    collector = _DocumentMapper(facts).build()
    return collector.identifier, collector.nquads(omit), len(collector)


def document_graph(facts: f.DocumentFacts) -> Graph:
    """The same graph as an rdflib Graph (for validation, serialisation and tests)."""
    identifier, ntriples = document_ntriples(facts)
    graph = Graph(identifier=identifier)
    bind_prefixes(graph)
    return graph.parse(data=ntriples, format="nt")


@dataclass(frozen=True, slots=True)
class _CitationGroup:
    citations: tuple[f.ProvisionCitation, ...]

    @property
    def evidence(self) -> f.Evidence:
        return self.citations[0].evidence


def _subdivision(citation: f.ProvisionCitation) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", citation.sub or "")


def citation_groups(citations: tuple[f.ProvisionCitation, ...]) -> tuple[_CitationGroup, ...]:
    """The citations as citing statements: those of one instrument from one passage
    ("articles 1, 2 and 5", "principles 11 to 24") are one statement naming several
    provisions; one naming a sub-paragraph stays alone, its ``rg:subdivision`` being of its
    one provision. In text order of first appearance."""
    groups: dict[object, list[f.ProvisionCitation]] = {}
    for index, citation in enumerate(citations):
        span = (citation.instrument, citation.evidence.start, citation.evidence.end)
        groups.setdefault(("alone", index) if _subdivision(citation) else span, []).append(citation)
    return tuple(_CitationGroup(tuple(group)) for group in groups.values())


def _value_literal(value: object) -> NTerm:
    """A fact field's value as a literal: booleans and integers typed, the rest as text."""
    if isinstance(value, bool):
        return typed_literal(str(value).lower(), XSD.boolean)
    if isinstance(value, int):
        return typed_literal(value, XSD.integer)
    return literal(str(value))


class _DocumentMapper(TreatyMapping, EntityMapping):
    """Writes one document's graph; one instance per call, discarded afterwards."""

    def __init__(self, facts: f.DocumentFacts) -> None:
        self.facts = facts
        self.sha = facts.sha256
        self.graph = TripleCollector(document_graph_iri(facts.sha256))
        self.document = document_iri(facts.sha256)
        self.work = work_iri(facts.kind, facts.sha256, facts.reference)
        self._passages: dict[tuple[int, int], NTerm] = {}
        self.add = self.graph.add_terms


    def build(self) -> TripleCollector:
        self._document_node()
        self._work_node()
        self._paragraphs()
        whole_document_done: set[str] = set()
        for extractor in registry.EXTRACTORS:  # every kind of fact the registry knows
            rdf = extractor.rdf
            if rdf in _WHOLE_DOCUMENT_MAPPINGS:
                if rdf not in whole_document_done:
                    whole_document_done.add(rdf)
                    _WHOLE_DOCUMENT_MAPPINGS[rdf](self)
                continue
            self._map_each(self._mapping(rdf), self._items(extractor))
        self._map_each(self._warning, self.facts.warnings)
        return self.graph

    def _map_each(self, mapping: Callable[[Any], None], items: tuple[Any, ...]) -> None:
        for item in items:
            try:
                mapping(item)
            except InvalidIdentifierError as error:
                self._warn(f"fact skipped: {error}", getattr(item, "evidence", None))

    def _mapping(self, rdf: str | RDFSpec) -> Callable[[Any], None]:
        """The mapping a registry entry names: a method of this class, or the declarative one."""
        if isinstance(rdf, RDFSpec):
            return partial(self._declared, rdf)
        return getattr(self, f"_{rdf}")

    def _items(self, extractor: registry.Extractor) -> tuple[Any, ...]:
        items = self.facts.of(extractor.field)
        return citation_groups(items) if extractor.rdf == "citation" else items

    def _declared(self, spec: RDFSpec, item: Any) -> None:
        """A fact of a kind whose RDF is declared in the registry (see :class:`RDFSpec`)."""
        node = self._fact(spec.kind, item, RG[spec.cls], item.evidence)
        for prop, name in spec.literals:
            value = getattr(item, name)
            if value is not None:
                self.add(node, RG[prop], _value_literal(value))
        if spec.work_link:
            self._link(RG[spec.work_link], node)

    # --- provenance ------------------------------------------------------------------------

    def _document_node(self) -> None:
        facts, doc = self.facts, self.document
        self.add(doc, RDF.type, RG.Document)
        self.add(doc, RG.sha256, literal(self.sha))
        self.add(doc, DCTERMS.format, literal(facts.media_type))
        self.add(doc, RG.fileName, literal(facts.source))
        self.add(doc, RG.documentKind, document_kind_iri(facts.kind))
        self.add(doc, RG.sourceText, literal(facts.text))
        if facts.instrument and facts.kind in ("treaty_status", "treaty_text"):
            self.add(doc, RG.aboutInstrument, self._instrument(facts.instrument))
        if facts.status_as_at is not None:
            self._status_as_at(doc, facts)
        graph_node, activity = self.graph.identifier, ingest_iri(self.sha)
        self.add(graph_node, RDF.type, RG.DocumentGraph)
        self.add(graph_node, RG.pipelineVersion, literal(pipeline_version()))
        self.add(graph_node, PROV.wasDerivedFrom, doc)
        self.add(graph_node, PROV.wasGeneratedBy, activity)
        self.add(activity, RDF.type, RG.IngestActivity)
        self.add(activity, PROV.used, doc)
        self.add(activity, PROV.wasAssociatedWith, SOFTWARE_AGENT)

    def _status_as_at(self, doc: URIRef, facts: f.DocumentFacts) -> None:
        """The day the status source shows; quoted when the source prints it."""
        assert facts.status_as_at is not None
        self.add(doc, RG.statusAsAt, date_literal(facts.status_as_at))
        if facts.status_as_at_origin is not None:
            self.add(doc, RG.statusAsAtOrigin, literal(facts.status_as_at_origin))
        if facts.status_as_at_evidence is not None:
            self.add(doc, RG.statusAsAtPassage, self._passage(facts.status_as_at_evidence))

    def _paragraphs(self) -> None:
        """Every paragraph as a Passage with its number, so search finds any word of the
        document and a citation can name the paragraph."""
        text = self.facts.text
        for paragraph in paragraphs(text, printed_numbers=self.facts.kind == "report"):
            node = self._passage(f.Evidence(paragraph.start, paragraph.end, text[paragraph.start:paragraph.end]))
            self.add(node, RG.paragraphNumber, literal(paragraph.number))

    def _passage(self, evidence: f.Evidence) -> NTerm:
        """The Passage of a span; its quote is the document text at the offsets."""
        text, start, end = self.facts.text, evidence.start, evidence.end
        if not 0 <= start < end <= len(text):
            raise DocumentError(
                self.facts.source, f"evidence span {start}-{end} is empty or outside the text",
                start=start, end=end, length=len(text),
            )
        node = self._passages.get((start, end))
        if node is None:  # several facts may come from one span: its triples are written once
            node = self._passages[start, end] = self._new_passage(start, end)
        if evidence.text != text[start:end]:
            self._warn(f"evidence text differs from the span {start}-{end}; the span is kept", None)
        return node

    def _new_passage(self, start: int, end: int) -> NTerm:
        # The IRIs of passage_iri, position_selector_iri and quote_selector_iri, written as
        # N-Triples directly: made of the checked document IRI and two integers, they are valid.
        text = self.facts.text
        iri = f"{self.document}/passage/{start}-{end}"
        node, position, quote = f"<{iri}>", f"<{iri}/position>", f"<{iri}/quote>"
        self.add(node, RDF.type, RG.Passage)
        self.add(node, RDF.type, OA.SpecificResource)
        self.add(node, OA.hasSource, self.document)
        self.add(node, OA.hasSelector, position)
        self.add(node, OA.hasSelector, quote)
        self.add(position, RDF.type, OA.TextPositionSelector)
        # xsd:integer: the datatype every store keeps (Oxigraph stores xsd:nonNegativeInteger
        # as xsd:integer); the shapes check the value is not negative
        self.add(position, OA.start, typed_literal(start, XSD.integer))
        self.add(position, OA.end, typed_literal(end, XSD.integer))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, literal(text[start:end]))
        if start > 0:
            self.add(quote, OA.prefix, literal(text[max(0, start - _CONTEXT):start]))
        if end < len(text):
            self.add(quote, OA.suffix, literal(text[end:end + _CONTEXT]))
        return node

    def _fact(
        self, kind: str, content: object, cls: NTerm, evidence: f.Evidence, iri: URIRef | None = None
    ) -> NTerm:
        """A fact node of ``cls`` derived from the passage of ``evidence`` (named ``iri`` when
        the fact is shared by every source stating it)."""
        node = f"<{iri}>" if iri is not None else f"<{fact_iri_text(kind, self.sha, content)}>"
        self.add(node, RDF.type, RG.ExtractedFact)
        self.add(node, RDF.type, cls)
        self.add(node, PROV.wasDerivedFrom, self._passage(evidence))
        if self.work is not None:
            self.add(node, RG.statedIn, self.work)
        return node

    def _attribute(self, subject: URIRef, predicate: URIRef, obj: Node, evidence: f.Evidence | None) -> None:
        """Assert a triple about the work and, when a span supports it, reify it with that span.

        Takes rdflib terms: the statement's IRI hashes their N-Triples form.
        """
        self.add(subject, predicate, obj)
        if evidence is None:
            return
        statement = self._fact("statement", (subject, predicate, obj, evidence), RG.AttributeStatement, evidence)
        # rg: terms rather than RDF reification (rdf:subject and rdf:Statement are outside
        # OWL 2 DL); a literal object and a node object need a data and an object property
        self.add(statement, RG.attributeSubject, subject)
        self.add(statement, RG.attributePredicate, predicate)
        self.add(statement, RG.attributeValue if isinstance(obj, RDFLiteral) else RG.attributeObject, obj)

    def _warn(self, message: str, evidence: f.Evidence | None) -> None:
        node = f"<{fact_iri_text('warning', self.sha, (message, evidence))}>"
        self.add(node, RDF.type, RG.LoadWarning)
        self.add(node, RG.message, literal(message))
        self.add(node, RG.warningOf, self.document)
        if evidence is not None:
            self.add(node, PROV.wasDerivedFrom, self._passage(evidence))

    # --- the letter, reply or report ------------------------------------------------------

    def _work_node(self) -> None:
        facts, work = self.facts, self.work
        if work is None:
            return
        for cls in _WORK_CLASSES[facts.kind]:
            self.add(work, RDF.type, cls)
        self.add(work, RG.recordedIn, self.document)
        if facts.reference and facts.kind == "communication":
            self._attribute(work, terms.DCTERMS.identifier, RDFLiteral(facts.reference), facts.reference_evidence)
        elif facts.reference and facts.kind == "report":
            self._attribute(work, terms.RG.symbol, RDFLiteral(facts.reference), facts.reference_evidence)
        if facts.kind == "communication":
            self._communication_type(facts.communication_type)
        if facts.date is not None:
            self._attribute(work, terms.DCTERMS.date, date_literal(facts.date), facts.date_evidence)
            self.add(work, RG.datePrecision, precision_iri(facts.date.precision))
        if facts.addressee is not None:
            self._addressee(facts.addressee)
        if facts.sender_state:
            self._attribute(work, terms.RG.senderState, self._state(facts.sender_state), facts.sender_evidence)
        if facts.deadline_days and facts.kind == "communication":
            self._deadline(facts.deadline_days)

    def _communication_type(self, code: str | None) -> None:
        if code is None:
            return
        if code.strip().upper() not in _COMMUNICATION_TYPES:
            self._warn(f"unknown communication type {code!r}", None)
            return
        self.add(self.work, RG.communicationType, communication_type_iri(code))

    def _addressee(self, addressee: f.Addressee) -> None:
        target: URIRef | None = None
        if addressee.kind == "state" and addressee.state:
            target = self._state(addressee.state)
        elif addressee.kind == "company" and addressee.name:
            target = self._company_node(addressee.name)
        if target is not None:
            self._attribute(self.work, terms.RG.addressee, target, addressee.evidence)
        if addressee.person:
            self._attribute(self.work, terms.RG.addresseePerson, self._person(addressee.person), addressee.evidence)

    def _deadline(self, days: int) -> None:
        self.add(self.work, RG.responseDeadlineDays, typed_literal(days, XSD.integer))
        day = self.facts.date.as_date() if self.facts.date else None
        if day is not None:
            due = day + dt.timedelta(days=days)
            self.add(self.work, RG.responseDeadline, typed_literal(due.isoformat(), XSD.date))

    def _link(self, predicate: NTerm, obj: Node) -> None:
        """A direct (unqualified) link from the work, beside the qualified fact node."""
        if self.work is not None:
            self.add(self.work, predicate, obj)

    # --- facts of letters, replies and reports --------------------------------------------

    def _mandate(self, mention: f.MandateMention) -> None:
        mandate = self._mandate_node(mention.mandate)
        node = self._fact("mandate-mention", mention, RG.MandateMention, mention.evidence)
        self.add(node, RG.mandate, mandate)
        # a reply answers the mandates it names; only letters and reports are written on their behalf
        self._link(RG.answersMandate if self.facts.kind == "reply" else RG.onBehalfOf, mandate)

    def _signatory(self, signatory: f.Signatory) -> None:
        person = self._person(signatory.name)
        node = self._fact("signatory", signatory, RG.SignatoryMention, signatory.evidence)
        self.add(node, RG.person, person)
        self._link(RG.signedBy, person)
        if signatory.mandate:
            mandate = self._mandate_node(signatory.mandate)
            self.add(node, RG.mandate, mandate)
            self.add(person, RDF.type, RG.MandateHolder)
            self.add(mandate, ORG.heldBy, person)

    def _resolution(self, citation: f.ResolutionCitation) -> None:
        resolution = resolution_iri(citation.body, citation.resolution)
        self.add(resolution, RDF.type, RG.Resolution)
        self.add(resolution, RDF.type, RG.UNDocument)
        self.add(resolution, DCTERMS.identifier, literal(citation.resolution))
        self.add(resolution, RG.resolutionBody, RG[f"body-{citation.body}"])
        node = self._fact("resolution-citation", citation, RG.ResolutionCitation, citation.evidence)
        self.add(node, RG.resolution, resolution)
        self._link(RG.citesResolution, resolution)

    def _company(self, mention: f.CompanyMention) -> None:
        company = self._company_node(mention.name)
        if mention.home_state:
            self.add(company, RG.homeState, self._state(mention.home_state))
        if mention.owner and company_iri(mention.owner) != company:
            self.add(company, RG.ownedBy, self._company_node(mention.owner))
        node = self._fact("company-mention", mention, RG.CompanyMention, mention.evidence)
        self.add(node, RG.company, company)
        self.add(node, RG.nameAsWritten, literal(mention.name))
        self._link(RG.concernsCompany, company)

    def _state_mention(self, mention: f.StateMention) -> None:
        state = self._state(mention.state)
        node = self._fact("state-mention", mention, RG.StateMention, mention.evidence)
        self.add(node, RG.state, state)
        self.add(node, RG.mentionRole, mention_role_iri(mention.role))
        self._link(_STATE_LINKS[mention.role], state)

    def _reference(self, mention: f.CommunicationReference) -> None:
        communication = communication_iri(mention.reference)
        self.add(communication, RDF.type, RG.Communication)
        self.add(communication, RDF.type, RG.SourceWork)
        self.add(communication, DCTERMS.identifier, literal(mention.reference))
        node = self._fact("communication-mention", mention, RG.CommunicationMention, mention.evidence)
        self.add(node, RG.communication, communication)
        self.add(node, RG.mentionRole, mention_role_iri(mention.role))
        if mention.role in _REFERENCE_LINKS and communication != self.work:
            self._link(_REFERENCE_LINKS[mention.role], communication)

    def _company_reply(self, mention: f.CompanyMention) -> None:
        """A company the work says replied: ``rg:repliedBy`` reified with its passage."""
        if self.work is not None:
            self._attribute(self.work, terms.RG.repliedBy, self._company_node(mention.name), mention.evidence)

    def _letter_report(self, report: f.LetterReport) -> None:
        """What this document says of another letter, each part a reified attribute of that
        letter quoting this document (so deleting this document removes exactly these claims)."""
        letter = URIRef(communication_iri(report.reference))
        self.add(letter, RDF.type, RG.Communication)
        self.add(letter, RDF.type, RG.SourceWork)
        self.add(letter, DCTERMS.identifier, literal(report.reference))
        code = report.reference.split(" ", 1)[0]
        if code.upper() in _COMMUNICATION_TYPES:
            self.add(letter, RG.communicationType, communication_type_iri(code))
        if report.date is not None:
            self._attribute(letter, terms.DCTERMS.date, date_literal(report.date), report.date_evidence)
            self.add(letter, RG.datePrecision, precision_iri(report.date.precision))
        if report.addressee_state:
            self._attribute(letter, terms.RG.addressee, self._state(report.addressee_state), report.addressee_evidence)
        if report.addressee_company:
            self._attribute(letter, terms.RG.addressee, self._company_node(report.addressee_company),
                            report.addressee_evidence)
        if report.unanswered_evidence is not None and self.work is not None:
            self._attribute(letter, terms.RG.reportedUnansweredIn, self.work, report.unanswered_evidence)

    def _citation(self, group: _CitationGroup) -> None:
        """One Citation node for the provisions one passage cites of one instrument."""
        first = group.citations[0]
        instrument = self._instrument(first.instrument)
        content = first if len(group.citations) == 1 else group.citations
        node = self._fact("citation", content, RG.Citation, group.evidence)
        self.add(node, RG.instrument, instrument)
        self._link(RG.citesInstrument, instrument)
        for citation in group.citations:
            number = re.sub(r"\s+", "", citation.provision or "")
            if not number:
                continue
            provision = self._provision(citation.instrument, number, citation.evidence)
            if provision is None:
                continue
            self.add(node, RG.provision, provision)
            self._link(RG.citesProvision, provision)
            sub = _subdivision(citation)
            if sub:
                self.add(node, RG.subdivision, literal(sub))

    def _symbol(self, mention: f.SymbolMention) -> None:
        document = un_document_iri(mention.symbol)
        self.add(document, RDF.type, RG.UNDocument)
        self.add(document, RG.symbol, literal(mention.symbol))
        node = self._fact("symbol-mention", mention, RG.SymbolMention, mention.evidence)
        self.add(node, RG.citedDocument, document)
        self._link(RG.citesDocument, document)

    def _question(self, question: f.Question) -> None:
        node = self._fact("question", question, RG.Question, question.evidence)
        self.add(node, RG.questionNumber, typed_literal(question.number, XSD.integer))
        self.add(node, RG.questionText, literal(question.text))
        if self.facts.kind == "communication":
            self._link(RG.hasQuestion, node)

    def _warning(self, warning: f.LoadWarning) -> None:
        self._warn(warning.message, warning.evidence)
