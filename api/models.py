"""The shapes of the JSON answers, as Pydantic models (FastAPI's ``response_model``).

They document the answers in OpenAPI (so clients and schemathesis see real shapes) and the
tests validate live answers against them (tests/test_response_models.py), so a model and its
route cannot drift apart. The lawyer-facing answers (obligations, complaint routes) are typed
to the leaf; page answers type their first level and keep nested records as objects.
Unknown keys are refused in validation: a new field goes into its model first.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AnalyticsSummary", "BoundedList", "CommunicationPage", "CompanyPage", "ComplaintRoutesAnswer", "DocumentUpload", "FrontDoor",
    "Health", "InstrumentPage", "MandatePage", "ObligationsAnswer", "ProvisionPage", "RecommendationsAnswer",
    "ReportPage", "SearchAnswer",
]

Record = dict[str, Any]


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Health(Answer):
    status: str = Field(examples=["ok"])
    graphs: int = Field(description="named graphs in the store (one per source document, and the reference graph)")
    stale_graphs: int = Field(description="document graphs an older pipeline derived; `rightsgraph upgrade` derives them again")
    warning: str | None = None


class DocumentUpload(Answer):
    source: str
    graph: str
    triples: int
    outcome: str = Field(description="added, unchanged, replaced (a new version of the file) or upgraded")
    replaced: list[str]
    warnings: list[str]


# --- obligations ---------------------------------------------------------------------------

class StateRef(Answer):
    iso3: str = Field(examples=["CHN"])
    name: str = Field(examples=["China"])


class Source(Answer):
    """A passage that states a fact: the document (letter reference or file name) and span."""

    document: str
    quote: str
    start: int
    end: int


class Predecessor(Answer):
    """The State whose participation a succession continues, as a source names it."""

    id: str = Field(description="ISO alpha-3 of a current State, or a former State's ISO 3166-3 code (CSK, YUG, SUN, SCG)",
                    examples=["CSK"])
    name: str = Field(examples=["Czechoslovakia"])
    former_state: bool = Field(description="true for a State that no longer exists")
    sources: list[Source]


class DateOfEffect(Answer):
    """The date of the succession of States from which a successor is a party."""

    date: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD, as the source gives it", examples=["1993-01-01"])
    sources: list[Source]


class Event(Answer):
    kind: str = Field(description="signature, ratification, accession, succession, acceptance, approval, "
                                  "consent (ratification or accession, form not named), formal_confirmation, "
                                  "definitive_signature, denunciation, withdrawal")
    date: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD: never more precise than the sources "
                                  "(for a succession, the notification's date)")
    sources: list[Source] = Field(description="the first ?sources=N (default 3), authoritative first: the "
                                              "depositary's documents, then letters by date, earliest first")
    id: str = Field(description="the fact id {ISO3}.{instrument}.{kind}.{date}, for /facts/{id}/sources",
                    examples=["CHN.CRC.ratification.1992-03-02"])
    sources_total: int
    sources_next: str | None = Field(description="the page of /facts/{id}/sources after the sources shown")
    predecessor: Predecessor | None = Field(
        default=None, description="successions only: the predecessor a source names; null when none does")
    effective: DateOfEffect | None = Field(
        default=None, description="successions only: the date of the succession of States a source gives, from "
                                  "which the successor is a party; null when none does (never the notification's date)")


class StatusSource(Answer):
    document: str
    as_at: str | None
    as_at_origin: str | None
    listed_status: str | None


class CitedProvision(Answer):
    provision: str
    communications: list[str]
    communications_total: int
    communications_next: str | None


class Group(Answer):
    id: str
    title: str
    note: str
    instruments: list[str]


class ObligationEntryModel(Answer):
    """One instrument for one State on one day (built in graph/obligations_entry.py)."""

    instrument: str
    title: str
    binds_state: bool = Field(description="true only when the State is a party and the instrument is in force for it")
    binding: bool = Field(description="kept for existing clients; equals binds_state")
    hard_law: bool = Field(description="a treaty (it can bind its parties), not soft law")
    group: str
    status: str = Field(description="party, uncertain, not-yet-in-force, signatory, denounced, no-action, soft-law, "
                                    "no-status-source")
    events: list[Event]
    entry_into_force: str | None
    entry_into_force_rule: str | None
    entry_into_force_bounds: dict[str, str] | None = Field(
        description="earliest and latest day the instrument may have started to bind (a coarse action date)")
    ends: list[Record]
    status_as_at: str | None
    status_as_at_source: str | None
    status_sources: list[StatusSource]
    status_sources_total: int
    status_sources_next: str | None
    warnings: list[str]
    reservations: list[Record]
    territories: list[Record]
    cited_provisions: list[CitedProvision]
    conflicts: list[Record]


class ComplaintRoute(Answer):
    route: str
    instrument: str
    article: str | None
    committee: str
    complainant: str
    status: str = Field(description="open, not-open, not-yet-open, uncertain, closed or unknown")
    since: str | None
    until: str | None
    sources: list[Source] = Field(description="the first ?sources=N")
    note: str | None
    since_bounds: dict[str, str] | None = None
    sources_total: int
    source_facts: list[str] = Field(description="for a protocol's route, the ids of the events whose sources "
                                                "these are: /facts/{id}/sources pages each")


class CompanySummary(Answer):
    name: str
    communications: list[str]
    communications_total: int
    communications_next: str | None


class CommunicationSummary(Answer):
    reference: str | None
    date: str | None
    replies: list[Record]


class RecommendationsSection(Answer):
    """Soft law: recommendations of reports addressed to States, never obligations."""

    soft_law: bool
    binding: bool
    note: str
    items: list[Record]


class ObligationsAnswer(Answer):
    state: StateRef
    as_of: str | None
    groups: list[Group]
    obligations: list[ObligationEntryModel]
    complaint_routes: list[ComplaintRoute]
    companies: list[CompanySummary]
    communications: list[CommunicationSummary] = Field(description="the ?per_page=K most recent letters")
    communications_total: int
    communications_next: str | None
    recommendations: RecommendationsSection


class BoundedList(Answer):
    """One page of a list (issue 18): the items, how many there are in all, and ``next``, the
    URL of the page after it (null on the last). Lists of known records type their items."""

    items: list[Record]
    total: int
    page: int
    per_page: int
    next: str | None


class FactSourcesPage(BoundedList):
    items: list[Source]


class CommunicationsPage(BoundedList):
    items: list[CommunicationSummary]


class ReferencesPage(BoundedList):
    items: list[str]


class StatusSourcesPage(BoundedList):
    items: list[StatusSource]


class ComplaintRoutesAnswer(Answer):
    state: StateRef
    as_of: str | None
    routes: list[ComplaintRoute]


# --- pages ---------------------------------------------------------------------------------

class Page(BaseModel):
    """Pages type their first level; nested records stay objects."""

    model_config = ConfigDict(extra="forbid", strict=True)


class CommunicationPage(Page):
    reference: str | None
    iri: str
    type: str | None
    date: str | None
    addressee: Record | None
    attribute_sources: Record
    mandates: list[Record]
    mandates_from: str | None
    signatories: list[Record]
    response: Record
    also_sent_to: list[Record]
    related: list[Record]
    follows_up: list[Record]
    follow_ups: list[Record]
    joint_action: list[Record]
    joint_action_replies: list[Record]
    citations: list[Record]
    companies: list[Record]
    treaty_actions: list[Record]
    documents: list[Record]
    links: Record


class ProvisionPage(Page):
    instrument: str
    instrument_title: str
    number: str
    label: str
    iri: str
    texts: list[Record]
    states_bound: list[Record]
    reservations: list[Record]
    cited_by: list[Record]
    recommendations: list[Record]
    links: Record
    # Bounded lists (issue 18): the list fields hold the first page; the total and the URL of
    # the list's own route at page 2 (None when the first page holds them all).
    states_bound_total: int
    states_bound_next: str | None
    cited_by_total: int
    cited_by_next: str | None
    reservations_total: int
    reservations_next: str | None
    recommendations_total: int
    recommendations_next: str | None


class InstrumentPage(Page):
    instrument: str
    iri: str
    title: str
    kind: str | None
    binding: bool
    adopted: str | None
    entry_into_force: str | None
    depositary: str | None
    parent: str | None
    provision_count: int | None
    same_as: list[str]  # the Wikidata item, when one is verified (skos:exactMatch)
    party_count: int
    parties: list[Record]
    reservations: list[Record]
    most_cited_provisions: list[Record]
    recommendations: list[Record]
    links: Record
    parties_total: int
    parties_next: str | None
    reservations_total: int
    reservations_next: str | None
    recommendations_total: int
    recommendations_next: str | None


class CompanyPage(Page):
    company: str
    iri: str
    names: list[str]
    home_states: list[Record]
    owned_by: list[Record]
    owns: list[Record]
    mentioned_in: list[Record]
    addressed_by: list[Record]
    recommendations_to_business: list[Record]
    links: Record
    mentioned_in_total: int
    mentioned_in_next: str | None
    addressed_by_total: int
    addressed_by_next: str | None
    recommendations_to_business_total: int
    recommendations_to_business_next: str | None


class MandatePage(Page):
    mandate: str
    iri: str
    title: str
    holder: str | None
    kind: str | None
    established: int | str | None
    historical_titles: list[str]
    holders: list[Record]
    communications: list[Record]
    replies: list[Record]
    links: Record
    holders_total: int
    holders_next: str | None
    communications_total: int
    communications_next: str | None
    replies_total: int
    replies_next: str | None


class ReportPage(Page):
    symbol: str
    date: str | None
    document: str
    outline: list[Record]
    paragraphs: list[Record]
    recommendations: list[Record]
    links: Record


class RecommendationsAnswer(Page):
    facets: Record
    count: int
    recommendations: list[Record]


class FrontDoor(Page):
    counts: dict[str, int]
    latest_document_date: str | None = Field(description="the newest document's date: how current the data is")
    recent_letters: list[Record]
    states: list[Record]
    instruments: list[Record]


class SearchAnswer(Page):
    query: str
    filters: Record = Field(description="the filters applied: kind, state, year, mandate")
    operators: bool = Field(description="whether the query was read as FTS5 syntax (operators=true)")
    engine: str
    count: int
    hits: list[Record]


class AnalyticsSummary(Page):
    counts: Record
    most_cited_provisions: list[Record]
    communications_per_state: list[Record]
    communications_per_mandate: list[Record]
    communications_per_year: list[Record] | Record
    company_state_network: Record | list[Record]
    centrality: list[Record]
    communities: list[Record]
