"""What binds a State: the obligations view of the API (``api-contract.md``) and its brief.

For the State (ISO alpha-3, alpha-2 or a name), every treaty of the reference data and every
soft-law instrument, each an :class:`~rightsgraph.graph.obligations_entry.ObligationEntry`
(``binds_state``, ``group``, ``status``, ``status_as_at``):

* ``party`` (group ``bound``, ``binds_state`` true) when a ratification, accession,
  succession, acceptance or approval exists and, with ``as_of``, its entry into force for the
  State is certainly on or before that day (a succession's is the date of the succession of
  States, which may precede its notification: :mod:`rightsgraph.graph.successions`);
* ``not-yet-in-force`` when such an action was taken by ``as_of`` but the instrument only
  binds the State later;
* ``uncertain`` when ``as_of`` falls between the earliest and the latest day the instrument
  may have started to bind the State (an action known only to the year or month), both
  days given in ``entry_into_force_bounds``;
* ``signatory`` (group ``signed-not-bound``) when only a signature precedes ``as_of``;
* ``denounced`` (group ``ended``) once a denunciation or withdrawal has taken effect under the
  treaty's clause (``ends`` lists each with its notification, effective date and clause; one
  the treaty does not allow is listed with ``applied: false`` and changes nothing);
* ``no-action`` when the State's status sources record no action by ``as_of``;
* ``no-status-source`` for a treaty no source gives this State's status for (listed with a
  caveat, never omitted);
* ``soft-law`` for soft-law instruments (UNGP, DEVAW, UDHR, OHCHR principles): never binding.

Actions after ``as_of`` are left out, except a succession whose date of effect is (or may
be) on or before it: it binds from the date of the succession of States, not its
notification. Sources that agree on an action (``1994`` and ``1994-10-21``) make one event
with the finest date and all their sources; irreconcilable
dates or differently named joining actions are ``conflicts``. Each entry says how current
its sources are (:mod:`rightsgraph.graph.obligations_sources`) and warns when ``as_of`` (or
today) is later than the newest of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rightsgraph.graph.reports import brief_recommendations
from rightsgraph.errors import RightsgraphError
from rightsgraph.graph import obligations_queries as q
from rightsgraph.graph.entry_into_force import entry_into_force
from rightsgraph.graph.obligations_brief import render_obligations_markdown  # noqa: F401 - re-exported
from rightsgraph.graph.obligations_entry import ObligationEntry, groups_json
from rightsgraph.graph.obligations_model import (
    ENDING_KINDS, UNNAMED_JOINING, ActionRecord, Event, date_conflicts, merge_events, on_or_before,
)
from rightsgraph.graph.complaint_routes import routes_from
from rightsgraph.graph.obligations_sources import status_currency, status_sources
from rightsgraph.graph.treaty_ends import treaty_end
from rightsgraph.graph.rdf_terms import state_iri
from rightsgraph.graph.store import Store
from rightsgraph.graph.successions import NoteRecord, attach_notes, in_effect_by, succession_effect, succession_notes
from rightsgraph.graph.treaty_statements import made_with, statements_of_state, territorial_scope
from rightsgraph.loaders.facts import PartialDate
from rightsgraph.loaders.reference.states import find_state

if TYPE_CHECKING:
    from rightsgraph.graph.obligations_view import ViewEvents

__all__ = ["Cited", "obligations", "render_obligations_markdown"]

_Items = list[ActionRecord]
# {instrument: {provision number: (letters' references, sorted; how many letters cite it)}}
Cited = dict[str, dict[str, tuple[list[str], int]]]


def obligations(
    store: Store, state_query: str, as_of: dt.date | None = None, *, today: dt.date | None = None,
    view: ViewEvents | None = None,
) -> dict[str, Any]:
    """The obligations of the State ``state_query`` names (see the module docstring).

    ``today`` (default: the current UTC date) is the day an answer without ``as_of`` is about,
    for the currency warnings. ``view``: the State's treaty actions as the per-State view
    keeps them (:mod:`rightsgraph.graph.obligations_view`), whose events show their first
    sources and ``sources_total``; by default every source is read from the documents.
    Raises :class:`~rightsgraph.errors.UnknownStateError` (404, close matches in details).
    """
    state = find_state(state_query)
    node = state_iri(state.iso3)
    infos = q.instruments(store)
    actions = view.records if view is not None else q.treaty_actions(store, node)
    merge = view.merge if view is not None else merge_events
    statements = statements_of_state(store, state.iso3)
    cited = view.cited_provisions() if view is not None else _all_cited(q.cited_provisions(store, node))
    sources = view.status if view is not None else status_sources(store, node)
    notes = succession_notes(store, node)
    day = today or dt.datetime.now(dt.timezone.utc).date()
    by_instrument: dict[str, _Items] = {}
    for item in actions:
        by_instrument.setdefault(item.instrument, []).append(item)
    entries = []
    for instrument_id in sorted(set(by_instrument) | set(sources)):
        entry = _instrument_entry(instrument_id, by_instrument.get(instrument_id, []), infos, as_of, merge,
                                  notes.get(instrument_id, []))
        entry.reservations = _reservations(statements, instrument_id, entry.events)
        entry.territories = territorial_scope(entry.reservations)
        entry.cited_provisions = _cited(cited, instrument_id)
        entry.currency = status_currency(sources.get(instrument_id, []), as_of, day)
        if view is not None:  # the view keeps the first status sources and their number
            entry.currency["status_sources_total"] = view.status_totals.get(instrument_id, 0)
        entries.append(entry.to_json())
    routes = routes_from(entries, set(by_instrument), statements)
    listed = {e["instrument"] for e in entries}
    entries.extend(e.to_json() for e in _without_source(infos, cited, listed))
    entries.extend(e.to_json() for e in _soft_law(infos, cited, listed))
    return {
        "state": {"iso3": state.iso3, "name": state.name},
        "as_of": as_of.isoformat() if as_of else None,
        "groups": groups_json(entries),
        "obligations": entries,
        "complaint_routes": routes,
        "companies": view.companies(store) if view is not None else q.companies(store, node),
        **(view.communications(store) if view is not None else {"communications": q.communications(store, node)}),
        "recommendations": brief_recommendations(store, state.iso3),  # soft law, kept apart (issue 17)
    }


def _instrument_entry(
    instrument_id: str, items: _Items, infos: dict[str, q.InstrumentInfo], as_of: dt.date | None,
    merge: Callable[[_Items], list[Event]] = merge_events,
    notes: list[NoteRecord] | None = None,
) -> ObligationEntry:
    info = infos.get(instrument_id)
    title = info.title if info else instrument_id
    hard_law = info.binding if info else True
    all_events = merge(items)
    conflicts = date_conflicts(all_events) + attach_notes(all_events, notes or [])
    # a succession counts from its date of effect, which may precede the notification
    events = [e for e in all_events if on_or_before(e.date, as_of) or in_effect_by(instrument_id, e, as_of)]
    if not events:
        return ObligationEntry(instrument_id, title, hard_law, "no-action" if hard_law else "soft-law",
                               conflicts=conflicts)
    joining = [e for e in events if e.joining]
    eif, rule, bounds = _binding(instrument_id, joining)
    ends = [treaty_end(instrument_id, e.kind, e.date) for e in events if e.kind in ENDING_KINDS]
    if not hard_law:
        status = "soft-law"
    elif joining:
        status = "denounced" if any(end.ends_by(as_of) for end in ends) else _joined_status(bounds, as_of)
    else:
        status = "signatory"
    return ObligationEntry(
        instrument_id, title, hard_law, status, events=[e.to_json() for e in events],
        entry_into_force=eif.iso() if eif else None, entry_into_force_rule=rule,
        entry_into_force_bounds=(
            {"earliest": bounds[0].isoformat(), "latest": bounds[1].isoformat()}
            if bounds and bounds[0] != bounds[1] else None
        ),
        ends=[end.to_json() for end in ends],
        conflicts=conflicts,
    )


def _joined_status(bounds: tuple[dt.date, dt.date] | None, as_of: dt.date | None) -> str:
    """``party`` once the instrument certainly binds on ``as_of``, ``not-yet-in-force``
    while it certainly does not yet, ``uncertain`` when ``as_of`` lies between the first and
    the last day it may have started to (a year-only action): never a guess."""
    if bounds is None or as_of is None or bounds[1] <= as_of:
        return "party"
    return "not-yet-in-force" if as_of < bounds[0] else "uncertain"


def _binding(
    instrument_id: str, joining: list[Event]
) -> tuple[PartialDate | None, str | None, tuple[dt.date, dt.date] | None]:
    """Entry into force for the State, its rule and its bounds: a succession's from the
    date of the succession of States (:mod:`rightsgraph.graph.successions`), else the clause's."""
    if joining and _binding_event(joining).kind == "succession":
        effect = succession_effect(instrument_id, _binding_event(joining))
        return effect.date, effect.rule, effect.bounds
    eif, rule = _entry_into_force(instrument_id, joining)
    return eif, rule, _bounds(instrument_id, joining, eif)


def _binding_event(joining: list[Event]) -> Event:
    """The earliest joining event; a named action from a day-precise source is preferred to a
    year-only "ratification or accession" that disagrees with it (the disagreement is
    reported as a conflict)."""
    named = [e for e in joining if e.kind != UNNAMED_JOINING] or joining
    return min(named, key=lambda e: e.date.earliest())


def _bounds(
    instrument_id: str, joining: list[Event], eif: PartialDate | None
) -> tuple[dt.date, dt.date] | None:
    """The first and the last day the entry into force ``eif`` may fall on: the clause's
    own bounds for the earliest joining action when it gives the same date, else the days
    ``eif`` denotes."""
    if eif is None:
        return None
    result = _clause(instrument_id, min(joining, key=lambda e: e.date.earliest()))
    if result is not None and result.date == eif and result.earliest is not None:
        return result.earliest, result.latest
    return eif.earliest(), eif.latest()


def _entry_into_force(
    instrument_id: str,
    joining: list[Event],
) -> tuple[PartialDate | None, str | None]:
    """For the earliest joining event: the date a source states, else the instrument's
    clause applied here, at query time, so that a changed rule needs no re-ingest (the graph's
    stored rg:entryIntoForce is for SPARQL users and follows after ``rightsgraph upgrade``)."""
    if not joining:
        return None, None
    event = _binding_event(joining)
    rule = _clause_rule(instrument_id, event)
    if event.stated_entry_into_force is not None:
        return event.stated_entry_into_force, rule or "as stated by the source"
    result = _clause(instrument_id, event)
    return (result.date, result.rule) if result else (None, None)


def _clause(instrument_id: str, event: Event):  # noqa: ANN202 - EntryIntoForce | None
    try:
        return entry_into_force(instrument_id, event.kind, event.date)
    except RightsgraphError:  # an instrument outside the reference tables
        return None


def _clause_rule(instrument_id: str, event: Event) -> str | None:
    result = _clause(instrument_id, event)
    return result.rule if result else None


def _reservations(
    statements: list[dict[str, Any]], instrument_id: str, events: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The State's statements on the instrument (see :mod:`rightsgraph.graph.treaty_statements`),
    each dated by the action it accompanies when the sources record it."""
    return [
        {**{k: v for k, v in s.items() if k not in ("state", "instrument")}, "made_with": made_with(s, events)}
        for s in sorted(statements, key=lambda s: (s["kind"], s["sources"][0]["start"] if s["sources"] else 0))
        if s["instrument"] == instrument_id
    ]


def _all_cited(cited: dict[str, dict[str, set[str]]]) -> Cited:
    return {instrument: {number: (sorted(refs), len(refs)) for number, refs in numbers.items()}
            for instrument, numbers in cited.items()}


def _cited(cited: Cited, instrument_id: str) -> list[dict[str, Any]]:
    """The provisions of the instrument letters to the State cite, each with the letters'
    references (the first of them with ``communications_total`` when the view cut them)."""
    numbers = cited.get(instrument_id, {})
    return [{"provision": number, **q.letters_shown(*numbers[number])} for number in sorted(numbers, key=q._numeric_key)]


def _without_source(
    infos: dict[str, q.InstrumentInfo], cited: Cited, listed: set[str]
) -> list[ObligationEntry]:
    """Treaties no source gives the State's status for: listed with a caveat, not omitted."""
    return [
        ObligationEntry(info.id, info.title, True, "no-status-source", cited_provisions=_cited(cited, info.id),
                        currency={"warnings": ["No status source for this State in the store: status unknown."]})
        for info in sorted(infos.values(), key=lambda i: i.id)
        if info.binding and not info.general_comment and info.id not in listed
    ]


def _soft_law(
    infos: dict[str, q.InstrumentInfo], cited: Cited, listed: set[str]
) -> list[ObligationEntry]:
    """Soft-law instruments (not general comments), which apply to every State and bind none."""
    return [
        ObligationEntry(info.id, info.title, False, "soft-law", cited_provisions=_cited(cited, info.id))
        for info in sorted(infos.values(), key=lambda i: i.id)
        if not info.binding and not info.general_comment and info.id not in listed
    ]
