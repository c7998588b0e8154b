"""What binds a State: the obligations view of the API (``api-contract.md``) and its brief.

For the State (ISO alpha-3, alpha-2 or a name), every instrument with a treaty action for it
(from letters' annexes and UN Treaty Collection tables):

* ``party`` when a ratification, accession, succession, acceptance or approval exists and,
  with ``as_of``, its entry into force for the State is certainly on or before that day;
* ``not-yet-in-force`` when such an action was taken by ``as_of`` but the instrument only
  binds the State later;
* ``uncertain`` when ``as_of`` falls between the earliest and the latest day the instrument
  may have started to bind the State (an action known only to the year or month), both
  days given in ``entry_into_force_bounds``;
* ``signatory`` when only a signature precedes ``as_of``;
* ``denounced`` once a denunciation or withdrawal has taken effect under the treaty's clause
  (``ends`` lists each with its notification, effective date and clause; one the treaty
  does not allow is listed with ``applied: false`` and changes nothing).

Actions after ``as_of`` are left out, and instruments with none left are not listed. Sources
that agree on an action (``1994`` and ``1994-10-21``) make one event with the finest date and
all their sources; irreconcilable dates or differently named joining actions are
``conflicts``. Soft-law instruments (UNGP, DEVAW, UDHR, OHCHR principles) are listed for every
State with ``binding: false`` and status ``soft-law``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rdflib import URIRef

from rightsgraph.graph.reports import brief_recommendations, recommendation_brief_lines
from rightsgraph.errors import RightsgraphError
from rightsgraph.graph import obligations_queries as q
from rightsgraph.graph.entry_into_force import entry_into_force
from rightsgraph.graph.obligations_model import (
    ENDING_KINDS, ActionRecord, Event, date_conflicts, merge_events, on_or_before,
)
from rightsgraph.graph.complaint_routes import routes_from
from rightsgraph.graph.treaty_ends import treaty_end
from rightsgraph.graph.rdf_terms import state_iri
from rightsgraph.graph.store import Store
from rightsgraph.graph.treaty_statements import made_with, statements_of_state, territorial_scope
from rightsgraph.loaders.facts import PartialDate
from rightsgraph.loaders.reference.states import find_state

__all__ = ["obligations", "render_obligations_markdown"]


def obligations(store: Store, state_query: str, as_of: dt.date | None = None) -> dict[str, Any]:
    """The obligations of the State ``state_query`` names (see the module docstring).

    Raises :class:`~rightsgraph.errors.UnknownStateError` (404, close matches in details).
    """
    state = find_state(state_query)
    node = state_iri(state.iso3)
    infos = q.instruments(store)
    actions = q.treaty_actions(store, node)
    statements = statements_of_state(store, state.iso3)
    cited = q.cited_provisions(store, node)
    by_instrument: dict[str, list[tuple[ActionRecord, PartialDate | None, str | None]]] = {}
    for item in actions:
        by_instrument.setdefault(item[0].instrument, []).append(item)
    entries = []
    for instrument_id in sorted(by_instrument):
        entry = _instrument_entry(instrument_id, by_instrument[instrument_id], infos, as_of)
        if entry is not None:
            entry["reservations"] = _reservations(statements, instrument_id, entry["events"])
            entry["territories"] = territorial_scope(entry["reservations"])
            entry["cited_provisions"] = _cited(cited, instrument_id)
            entries.append(entry)
    routes = routes_from(entries, set(by_instrument), statements)
    entries.extend(_soft_law(infos, cited, {e["instrument"] for e in entries}))
    return {
        "state": {"iso3": state.iso3, "name": state.name},
        "as_of": as_of.isoformat() if as_of else None,
        "obligations": entries,
        "complaint_routes": routes,
        "companies": q.companies(store, node),
        "communications": q.communications(store, node),
        "recommendations": brief_recommendations(store, state.iso3),  # soft law, kept apart (issue 17)
    }


def _instrument_entry(
    instrument_id: str,
    items: list[tuple[ActionRecord, PartialDate | None, str | None]],
    infos: dict[str, q.InstrumentInfo],
    as_of: dt.date | None,
) -> dict[str, Any] | None:
    all_events = merge_events([action for action, _, _ in items])
    events = [e for e in all_events if on_or_before(e.date, as_of)]
    if not events:
        return None
    info = infos.get(instrument_id)
    computed = {(a.kind, a.date): (eif, rule) for a, eif, rule in items if eif is not None}
    joining = [e for e in events if e.joining]
    eif, rule = _entry_into_force(instrument_id, joining, computed)
    bounds = _bounds(instrument_id, joining, eif)
    status = _joined_status(bounds, as_of) if joining else "signatory"
    ends = [treaty_end(instrument_id, e.kind, e.date) for e in events if e.kind in ENDING_KINDS]
    if joining and any(end.ends_by(as_of) for end in ends):
        status = "denounced"
    return {
        "instrument": instrument_id,
        "title": info.title if info else instrument_id,
        "binding": info.binding if info else True,
        "status": status,
        "events": [e.to_json() for e in events],
        "entry_into_force": eif.iso() if eif else None,
        "entry_into_force_rule": rule,
        "entry_into_force_bounds": (
            {"earliest": bounds[0].isoformat(), "latest": bounds[1].isoformat()}
            if bounds and bounds[0] != bounds[1] else None
        ),
        "ends": [end.to_json() for end in ends],
        "conflicts": date_conflicts(all_events),
    }


def _joined_status(bounds: tuple[dt.date, dt.date] | None, as_of: dt.date | None) -> str:
    """``party`` once the instrument certainly binds on ``as_of``, ``not-yet-in-force``
    while it certainly does not yet, ``uncertain`` when ``as_of`` lies between the first and
    the last day it may have started to (a year-only action): never a guess."""
    if bounds is None or as_of is None or bounds[1] <= as_of:
        return "party"
    return "not-yet-in-force" if as_of < bounds[0] else "uncertain"


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
    computed: dict[tuple[str, PartialDate], tuple[PartialDate, str | None]],
) -> tuple[PartialDate | None, str | None]:
    """For the earliest joining event: the date a source states, else the graph's computed
    date, else the instrument's clause applied here."""
    if not joining:
        return None, None
    event = min(joining, key=lambda e: e.date.earliest())
    rule = _clause_rule(instrument_id, event)
    if event.stated_entry_into_force is not None:
        return event.stated_entry_into_force, rule or "as stated by the source"
    found = computed.get((event.kind, event.date))
    if found is not None:
        return found[0], found[1] or rule
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


def _cited(cited: dict[str, dict[str, set[str]]], instrument_id: str) -> list[dict[str, Any]]:
    numbers = cited.get(instrument_id, {})
    return [
        {"provision": number, "communications": sorted(numbers[number])}
        for number in sorted(numbers, key=q._numeric_key)
    ]


def _soft_law(
    infos: dict[str, q.InstrumentInfo], cited: dict[str, dict[str, set[str]]], listed: set[str]
) -> list[dict[str, Any]]:
    """Soft-law instruments (not general comments), which apply to every State."""
    return [
        {
            "instrument": info.id, "title": info.title, "binding": False, "status": "soft-law",
            "events": [], "entry_into_force": None, "entry_into_force_rule": None,
            "reservations": [], "cited_provisions": _cited(cited, info.id), "conflicts": [],
        }
        for info in sorted(infos.values(), key=lambda i: i.id)
        if not info.binding and not info.general_comment and info.id not in listed
    ]


# --- the printable brief ---------------------------------------------------------------


def render_obligations_markdown(result: dict[str, Any]) -> str:
    """A brief a lawyer can attach to a memo: one section per instrument, every date
    footnoted with its source (document, character span, quote)."""
    notes: list[str] = []

    def cite(sources: list[dict[str, Any]]) -> str:
        marks = []
        for source in sources:
            quote = " ".join(str(source["quote"]).split())
            notes.append(f'{source["document"]}, characters {source["start"]}–{source["end"]}: “{quote}”')
            marks.append(f"[^{len(notes)}]")
        return "".join(marks)

    state = result["state"]
    when = f" as of {result['as_of']}" if result.get("as_of") else ""
    lines = [f"# Treaty obligations of {state['name']} ({state['iso3']}){when}", ""]
    binding = [o for o in result["obligations"] if o["binding"]]
    soft = [o for o in result["obligations"] if not o["binding"]]
    lines += ["## Binding instruments", ""] if binding else []
    for item in binding:
        lines += _instrument_lines(item, cite)
    if soft:
        lines += ["## Soft law applying to every State", ""]
        for item in soft:
            cited = ", ".join(c["provision"] for c in item["cited_provisions"])
            lines.append(f"- **{item['instrument']}** — {item['title']}" + (f" (cited: {cited})" if cited else ""))
        lines.append("")
    lines += recommendation_brief_lines(result.get("recommendations"))
    lines += _tail_lines(result)
    if notes:
        lines += ["---", ""] + [f"[^{n}]: {text}" for n, text in enumerate(notes, 1)]
    return "\n".join(lines).rstrip() + "\n"


def _instrument_lines(item: dict[str, Any], cite: Any) -> list[str]:
    lines = [f"### {item['instrument']} — {item['title']}", "", f"- Status: **{item['status']}**"]
    for event in item["events"]:
        lines.append(f"- {event['kind'].capitalize()}: {event['date']}{cite(event['sources'])}")
    if item["entry_into_force"]:
        lines.append(f"- In force for the State: {item['entry_into_force']} ({item['entry_into_force_rule']})")
    for end in item.get("ends", []):
        effect = f"effective {end['effective']} ({end['clause']})" if end["applied"] else f"not applied: {end['note']}"
        lines.append(f"- {end['kind'].capitalize()} notified {end['notified']}: {effect}")
    if item.get("entry_into_force_bounds"):
        bounds = item["entry_into_force_bounds"]
        lines.append(f"- In force from a day between {bounds['earliest']} and {bounds['latest']} (the action's date is not known to the day)")
    for reservation in item["reservations"]:
        limited = reservation["articles"]
        label = "art." if len(limited) == 1 else "arts."
        articles = f" ({label} {', '.join(limited)})" if limited else ""
        lines.append(f"- {reservation['kind'].capitalize()}{articles}{_scope(reservation)}{cite(reservation['sources'])}")
    if item["cited_provisions"]:
        cited = "; ".join(f"art. {c['provision']} ({', '.join(c['communications'])})" for c in item["cited_provisions"])
        lines.append(f"- Cited in communications: {cited}")
    for conflict in item["conflicts"]:
        values = "; ".join(f"{v.get('kind', conflict.get('kind'))} {v['date']}{cite(v['sources'])}" for v in conflict["values"])
        lines.append(f"- **Sources disagree** ({conflict['about']}): {values}")
    return lines + [""]


def _scope(statement: dict[str, Any]) -> str:
    """Where a statement applies, and what a partly withdrawn reservation still covers."""
    parts = []
    if statement["territories"]:
        parts.append("for " + ", ".join(statement["territories"]))
    if statement["excluded_territories"]:
        parts.append("except " + ", ".join(statement["excluded_territories"]))
    if statement.get("partial"):
        still = statement.get("continues_for") or []
        parts.append("partial; still applies to arts. " + ", ".join(still) if still else "partial")
    return f" — {'; '.join(parts)}" if parts else ""


def _route_lines(result: dict[str, Any]) -> list[str]:
    """Complaint routes with a source (open, closed or pending); the rest are unknown."""
    known = [r for r in result.get("complaint_routes", []) if r["status"] != "unknown"]
    if not known:
        return []
    lines = ["## Complaint routes", ""]
    for route in known:
        since = f" since {route['since']}" if route["since"] else ""
        until = f" until {route['until']}" if route["until"] else ""
        lines.append(f"- {route['route']} ({route['committee']}, {route['complainant']}): {route['status']}{since}{until}")
    unknown = len(result["complaint_routes"]) - len(known)
    return lines + [f"- {unknown} other route(s): no loaded source (unknown, not closed)", ""]


def _tail_lines(result: dict[str, Any]) -> list[str]:
    lines: list[str] = _route_lines(result)
    if result["communications"]:
        lines += ["## Communications addressed to the State", ""]
        for comm in result["communications"]:
            replies = f" — {len(comm['replies'])} reply(ies)" if comm["replies"] else ""
            lines.append(f"- {comm['reference'] or 'unreferenced letter'} ({comm['date'] or 'undated'}){replies}")
        lines.append("")
    if result["companies"]:
        lines += ["## Companies based in the State named in communications", ""]
        lines += [f"- {c['name']}: {', '.join(c['communications'])}" for c in result["companies"]] + [""]
    return lines
