"""The one list of the kinds of fact rightsgraph extracts from letters, replies and reports.

Each :class:`Extractor` says where its facts come from (``extract``, on which genres), which
field of :class:`~rightsgraph.loaders.facts.DocumentFacts` holds them, how they show in the
extraction-contract JSON (``contract``) and how they are written in RDF (``rdf``: the name of
a mapping method of :mod:`rightsgraph.graph.rdf_document`, or a declarative :class:`RDFSpec`
from which the mapping, the ontology terms and the SHACL shape are all derived). Everything
else reads this list: the genre constructors of ``extractors/documents.py``, ``contract.py``,
the mapper and the ontology. Adding a kind of fact is one module and one entry here
(docs/adding-an-extractor.md).

>>> [e.field for e in EXTRACTORS][:4]
['mandates', 'signatories', 'resolutions', 'companies']
>>> sorted(fields_for("report")) == sorted(e.field for e in EXTRACTORS if "report" in e.genres)
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rightsgraph.loaders.extractors import parties
from rightsgraph.loaders.extractors.context import ExtractionContext
from rightsgraph.loaders.extractors.letters_reported import companies_replied, follow_up_roles
from rightsgraph.loaders.extractors.ratifications import find_ratifications
from rightsgraph.loaders.extractors.references import other_references
from rightsgraph.loaders.extractors.resolutions import find_resolutions
from rightsgraph.loaders.extractors.structure import find_questions
from rightsgraph.loaders.extractors.successions import succession_notes_in_letter
from rightsgraph.loaders.extractors.symbols import find_symbols
from rightsgraph.loaders.facts import CommunicationReference, DocumentKind, Evidence

__all__ = ["EXTRACTORS", "Extractor", "RDFSpec", "evidence_json", "extract_fields", "fields_for"]

Genres = frozenset[DocumentKind]
LETTERS: Genres = frozenset({"communication", "unknown"})
ALL_SOURCE_WORKS: Genres = frozenset({"communication", "unknown", "reply", "report"})


@dataclass(frozen=True, slots=True)
class RDFSpec:
    """How a simple fact is written: one node of class ``rg:<cls>`` (IRI kind ``kind``)
    derived from its passage, with a literal ``rg:<property>`` for each pair of ``literals``
    (property name, fact field), and, with ``work_link``, a link ``rg:<work_link>`` from the
    letter, reply or report to the node. ``label`` and ``definition`` declare the class."""

    kind: str
    cls: str
    label: str
    definition: str
    literals: tuple[tuple[str, str], ...] = ()
    work_link: str | None = None


@dataclass(frozen=True, slots=True)
class Extractor:
    """One kind of fact. ``extract`` None: a genre parser of its own fills the field (UNTC
    status tables, declarations, treaty texts); ``contract`` gives the contract-JSON fields
    the facts make (none for kinds the contract does not score)."""

    field: str
    genres: Genres
    extract: Callable[[ExtractionContext], Iterable[Any]] | None
    rdf: str | RDFSpec
    contract: Callable[[tuple[Any, ...]], Mapping[str, Any]] | None = None
    clause: str = ""  # what it implements: a section of the extraction contract, an issue


def evidence_json(item: dict[str, Any], span: Evidence | None) -> dict[str, Any]:
    """``item`` with its ``evidence`` (start, end, text) when it has a span."""
    if span is not None:
        item["evidence"] = span.to_json()
    return item


# --- the built-in kinds: contract views ----------------------------------------------------

def _mandates_json(items: tuple[Any, ...]) -> dict[str, Any]:
    return {"mandates": [m.mandate for m in items]}


def _signatories_json(items: tuple[Any, ...]) -> dict[str, Any]:
    return {"signatories": [evidence_json({"name": s.name, "mandate": s.mandate}, s.evidence) for s in items]}


def _resolutions_json(items: tuple[Any, ...]) -> dict[str, Any]:
    return {"hrc_resolutions": [r.resolution for r in items if r.body == "HRC"]}


def _companies_json(items: tuple[Any, ...]) -> dict[str, Any]:
    return {"companies": [
        evidence_json({"name": c.name, "home_state": c.home_state, "owner": c.owner}, c.evidence) for c in items]}


def _states_json(items: tuple[Any, ...]) -> dict[str, Any]:
    return {"also_sent_to": [s.state for s in items if s.role == "also_sent_to"]}


def _references_json(items: tuple[Any, ...]) -> dict[str, Any]:
    return {"related_communications": [r.reference for r in items if r.role in ("related", "follow_up")]}


def _actions_json(items: tuple[Any, ...]) -> dict[str, Any]:
    return {"ratifications": [
        evidence_json({"state": a.state, "instrument": a.instrument, "date": a.date.iso(), "kind": a.kind}, a.evidence)
        for a in items]}


def _citations_json(items: tuple[Any, ...]) -> dict[str, Any]:
    seen: set[tuple[str, str, str | None]] = set()
    out = []
    for c in items:
        if c.provision is None or (c.instrument, c.provision, c.sub) in seen:
            continue  # an instrument named without a number is not a provision citation
        seen.add((c.instrument, c.provision, c.sub))
        out.append(evidence_json({"instrument": c.instrument, "provision": c.provision, "sub": c.sub}, c.evidence))
    return {"cited_provisions": out}


def _symbols_json(items: tuple[Any, ...]) -> dict[str, Any]:
    return {"document_symbols": [s.symbol for s in items]}


def _paragraphs_json(items: tuple[Any, ...]) -> dict[str, Any]:
    return {"paragraphs": [p.number for p in items if p.sub is None]}


def _recommendations_json(items: tuple[Any, ...]) -> dict[str, Any]:
    return {"recommendations": [
        evidence_json({"id": r.id, "paragraph": r.paragraph, "sub": r.sub, "heading": r.heading,
                       "addressee": r.addressee, "theme": r.theme}, r.evidence)
        for r in items]}


def _recommendation_citations_json(items: tuple[Any, ...]) -> dict[str, Any]:
    return {"recommendation_citations": [
        evidence_json({"recommendation": c.recommendation, "instrument": c.instrument, "provision": c.provision},
                      c.evidence)
        for c in items]}


# --- the built-in kinds: extraction ---------------------------------------------------------

def _signatories(ctx: ExtractionContext) -> list[Any]:
    if ctx.kind == "report":
        return parties.report_signatory(ctx.text, ctx.mandates)
    return parties.find_signatories(ctx.text)


def _references(ctx: ExtractionContext) -> list[CommunicationReference]:
    if ctx.kind == "report":
        return other_references(ctx.text, None)
    if ctx.kind == "reply":
        answered = ctx.answered_reference
        if answered is None:
            return []
        replied = CommunicationReference(answered.reference, "replies_to", answered.evidence)
        return [replied, *other_references(ctx.text, answered.reference)]
    ref = ctx.own_reference
    return follow_up_roles(other_references(ctx.text, ref.reference if ref else None), ctx.letter_reports)


def _report_part(name: str) -> Callable[[ExtractionContext], Iterable[Any]]:
    def part(ctx: ExtractionContext) -> Iterable[Any]:
        return ctx.report_structure.get(name, ())  # type: ignore[return-value]

    part.__name__ = f"report_{name}"
    return part


EXTRACTORS: tuple[Extractor, ...] = (
    Extractor("mandates", ALL_SOURCE_WORKS, lambda ctx: ctx.mandates, "mandate", _mandates_json, "contract: mandates"),
    Extractor("signatories", ALL_SOURCE_WORKS, _signatories, "signatory", _signatories_json, "contract: signatories"),
    Extractor("resolutions", ALL_SOURCE_WORKS, lambda ctx: find_resolutions(ctx.text), "resolution",
              _resolutions_json, "contract: hrc_resolutions"),
    Extractor("companies", ALL_SOURCE_WORKS, lambda ctx: ctx.companies, "company", _companies_json,
              "contract: companies"),
    Extractor("states", LETTERS, lambda ctx: parties.find_other_states(ctx.text, ctx.addressee_state),
              "state_mention", _states_json, "contract: also_sent_to"),
    Extractor("references", ALL_SOURCE_WORKS, _references, "reference", _references_json,
              "contract: related_communications, replies_to"),
    Extractor("letter_reports", LETTERS | {"reply"}, lambda ctx: ctx.letter_reports, "letter_report", None,
              "issue 15: letters a later document reports on, replies it says they received"),
    Extractor("company_replies", LETTERS, lambda ctx: companies_replied(ctx.text, ctx.companies), "company_reply",
              None, "issue 15: companies a follow-up says replied"),
    Extractor("actions", LETTERS,
              lambda ctx: find_ratifications(ctx.text, ctx.timeline, ctx.addressee_state),  # type: ignore[arg-type]
              "action", _actions_json, "contract: ratifications"),
    Extractor("successions", LETTERS, succession_notes_in_letter, "succession", None,
              "issue 22 item 6: a letter's succession with its predecessor and date of effect"),
    Extractor("citations", ALL_SOURCE_WORKS, lambda ctx: ctx.citations, "citation", _citations_json,
              "contract: cited_provisions"),
    Extractor("symbols", ALL_SOURCE_WORKS, lambda ctx: find_symbols(ctx.text, exclude=ctx.own_symbols), "symbol",
              _symbols_json, "contract: document_symbols"),
    Extractor("questions", LETTERS, lambda ctx: find_questions(ctx.text), "question", None, "letters' numbered questions"),
    Extractor("participants", frozenset({"treaty_status"}), None, "participant", None, "UNTC status tables"),
    Extractor("declarations", frozenset({"treaty_status"}), None, "declaration", None, "UNTC declarations"),
    Extractor("succession_notes", frozenset({"treaty_status"}), None, "succession", None,
              "issue 22 item 6: a status table's notes on its succession rows"),
    Extractor("provision_texts", frozenset({"treaty_text"}), None, "provision_text", None, "treaty texts"),
    Extractor("sections", frozenset({"report"}), _report_part("sections"), "report_structure", None,
              "contract: reports (issue 17)"),
    Extractor("paragraphs", frozenset({"report"}), _report_part("paragraphs"), "report_structure", _paragraphs_json,
              "contract: reports: paragraphs"),
    Extractor("footnotes", frozenset({"report"}), _report_part("footnotes"), "report_structure", None,
              "contract: reports"),
    Extractor("recommendations", frozenset({"report"}), _report_part("recommendations"), "report_structure",
              _recommendations_json, "contract: reports: recommendations"),
    Extractor("recommendation_citations", frozenset({"report"}), _report_part("recommendation_citations"),
              "report_structure", _recommendation_citations_json, "contract: reports: recommendation_citations"),
)


def fields_for(kind: DocumentKind) -> list[str]:
    """The fields the registry's extractors fill for a document of ``kind``."""
    return [e.field for e in EXTRACTORS if kind in e.genres and e.extract is not None]


def extract_fields(ctx: ExtractionContext) -> dict[str, tuple[Any, ...]]:
    """Run every registered extractor for ``ctx.kind``: field name -> facts."""
    return {e.field: tuple(e.extract(ctx)) for e in EXTRACTORS if ctx.kind in e.genres and e.extract is not None}
