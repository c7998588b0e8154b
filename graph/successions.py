"""Successions in the obligations view: from when a successor State is a party, and whose
participation it continues.

A notification of succession (a UNTC `` d`` row) does not start the treaty's joining clause.
The successor is a party from the date of the succession of States, usually its
independence or separation, which comes before the notification is deposited (Vienna
Convention on Succession of States in respect of Treaties, 1978, arts. 17, 22-23 for newly
independent States, 34 for separation and dissolution; the Secretary-General as depositary
records it so): the Czech Republic is a party to the CRC from 1 January 1993, though its
notification is dated 22 February 1993. Hence:

* a source stating the date of effect (a UNTC note, a letter): entry into force on it (on the
  treaty's own entry into force when that is later, art. 23(1)), and ``party`` on every day
  from it, also before the deposit (the succession is retroactive);
* no source stating it: the date is unknown, never the deposit plus the treaty's period.
  It lies between the instrument's general entry into force (no one is a party before) and
  the deposit (the successor is a party by then): ``uncertain`` between the two, with both
  bounds, ``party`` from the deposit.

The notes (:class:`~rightsgraph.loaders.facts.SuccessionNote` as stored, ``rg:SuccessionNote``)
of every source are read per State and instrument and put on the succession events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from rightsgraph.errors import UnknownInstrumentError
from rightsgraph.graph.obligations_model import Event, Source
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES
from rightsgraph.graph.store import Store
from rightsgraph.loaders.facts import PartialDate
from rightsgraph.loaders.reference.former_states import former_state_by_id
from rightsgraph.loaders.reference.instruments import instrument_by_id
from rightsgraph.loaders.reference.states import state_by_code

__all__ = [
    "SuccessionEffect", "attach_notes", "bounds_reason", "in_effect_by", "succession_effect", "succession_facts",
    "succession_notes",
]

# The legal basis every succession rule cites.
BASIS = "Vienna Convention on Succession of States in respect of Treaties (1978), arts. 17, 22-23 and 34"

_PASSAGE = """
    ?{p} oa:hasSource ?{p}Doc ; oa:hasSelector ?{p}Pos , ?{p}Sel .
    ?{p}Pos oa:start ?{p}Start ; oa:end ?{p}End .
    ?{p}Sel oa:exact ?{p}Quote .
    ?{p}Doc rg:fileName ?{p}File ."""

# From the notes, not from the bound State: rg:state is on every treaty action of every letter
# (succession notes 3 ms at 1,000 letters, 51 ms at 10,000 for the United States).
_NOTES = SPARQL_PREFIXES + """
SELECT ?note ?instrumentId ?predecessor ?effective
       ?pFile ?pQuote ?pStart ?pEnd ?eFile ?eQuote ?eStart ?eEnd
WHERE {
  ?note a rg:SuccessionNote ; rg:state ?ofState ; rg:instrument ?instrument .
  FILTER(?ofState = ?state)
  ?instrument dcterms:identifier ?instrumentId .
  OPTIONAL { ?note rg:predecessor ?predecessor ; rg:predecessorPassage ?p .""" + _PASSAGE.format(p="p") + """ }
  OPTIONAL { ?note rg:dateOfEffect ?effective ; rg:dateOfEffectPassage ?e .""" + _PASSAGE.format(p="e") + """ }
}"""


@dataclass(frozen=True, slots=True)
class NoteRecord:
    """One stored note: what it says of the predecessor and of the date of effect."""

    instrument: str
    predecessor: str | None  # ISO alpha-3 or a former State's id
    predecessor_source: Source | None
    effective: PartialDate | None
    effective_source: Source | None


@dataclass(frozen=True, slots=True)
class SuccessionEffect:
    """From when a succession binds: ``date`` when a source states it (else None), the rule
    said in words, and the first and last day it can be (equal when stated to the day)."""

    date: PartialDate | None
    rule: str
    bounds: tuple[dt.date, dt.date] | None


def succession_notes(store: Store, state: URIRef) -> dict[str, list[NoteRecord]]:
    """The notes on the State's successions, by instrument id."""
    notes: dict[str, list[NoteRecord]] = {}
    for row in store.select(_NOTES, {"state": state}):
        record = NoteRecord(
            str(row["instrumentId"]),
            str(row["predecessor"]).rsplit("/", 1)[-1] if row.get("predecessor") is not None else None,
            _source(row, "p"),
            PartialDate.parse(str(row["effective"])) if row.get("effective") is not None else None,
            _source(row, "e"),
        )
        if record not in notes.get(record.instrument, []):
            notes.setdefault(record.instrument, []).append(record)
    for records in notes.values():  # in the order of their sources, whatever the store's order
        records.sort(key=_source_order)
    return notes


def _source_order(note: NoteRecord) -> tuple[str, int, str]:
    source = note.predecessor_source or note.effective_source
    return (source.document, source.start, note.predecessor or "") if source else ("", 0, "")


def _source(row: dict[str, Any], p: str) -> Source | None:
    if row.get(f"{p}File") is None:
        return None
    return Source(str(row[f"{p}File"]), str(row[f"{p}Quote"]), int(row[f"{p}Start"].toPython()),
                  int(row[f"{p}End"].toPython()))


def attach_notes(events: list[Event], notes: list[NoteRecord]) -> list[dict[str, Any]]:
    """Put the predecessor and the date of effect the notes give on each succession event,
    each with its sources; returns the conflicts: sources naming different predecessors (the
    first stays, both are listed) or giving dates of effect that cannot be the same day (then
    none is taken: the date stays unknown)."""
    successions = [e for e in events if e.kind == "succession"]
    if not successions:
        return []
    named = _named_predecessors(notes)
    dated = [(n.effective, n.effective_source) for n in notes if n.effective and n.effective_source]
    agreed = _compatible([date for date, _ in dated])
    for event in successions:
        event.predecessor = named[0] if named else None
        for date, source in dated if agreed else ():
            event.add_effective(date, source)
    conflicts: list[dict[str, Any]] = []
    if len(named) > 1:
        conflicts.append({"about": "predecessor", "kind": "predecessor",
                          "values": [{"kind": "predecessor", "date": p["name"], "sources": p["sources"]} for p in named]})
    if not agreed:
        conflicts.append({"about": "date", "kind": "succession (date of effect)",
                          "values": [{"date": date.iso(), "sources": [source.to_json()]} for date, source in dated]})
    return conflicts


def _named_predecessors(notes: list[NoteRecord]) -> list[dict[str, Any]]:
    """Each predecessor the notes name, in their order, with its sources."""
    named: dict[str, dict[str, Any]] = {}
    for note in notes:
        if note.predecessor is None or note.predecessor_source is None:
            continue
        entry = named.setdefault(note.predecessor, _predecessor_json(note.predecessor))
        if note.predecessor_source.to_json() not in entry["sources"]:
            entry["sources"].append(note.predecessor_source.to_json())
    return list(named.values())


def _compatible(dates: list[PartialDate]) -> bool:
    """Whether the dates can all denote one day (every pair overlaps)."""
    return not dates or max(d.earliest() for d in dates) <= min(d.latest() for d in dates)


def _predecessor_json(code: str) -> dict[str, Any]:
    former = former_state_by_id(code)
    state = None if former else state_by_code(code)
    name = former.name if former else (state.name if state else code)
    return {"id": code, "name": name, "former_state": former is not None, "sources": []}


def succession_effect(instrument_id: str, event: Event) -> SuccessionEffect:
    """From when the succession ``event`` binds (see the module docstring)."""
    deposit = event.date.iso()
    effective = event.effective or event.stated_entry_into_force
    general = _general_entry_into_force(instrument_id)
    if effective is not None and general is not None and effective.latest() < general:
        rule = (f"general entry into force, later than the date of the succession of States the source states "
                f"({effective.iso()}; {BASIS}, art. 23(1)); notification of {deposit}")
        return SuccessionEffect(PartialDate.from_date(general), rule, (general, general))
    if effective is not None:
        rule = f"date of the succession of States as the source states it ({BASIS}); notification of {deposit}"
        # a date of effect known to the year: bound by the notification at the latest
        return SuccessionEffect(effective, rule, (effective.earliest(), min(effective.latest(), event.date.latest())))
    rule = (f"from the date of the succession of States ({BASIS}), which no loaded source states: "
            f"not later than the notification of {deposit}")
    if general is None:
        return SuccessionEffect(None, rule, None)
    if event.date.latest() <= general:  # notified before the treaty was in force at all
        rule = f"general entry into force, later than the notification of {deposit} ({BASIS}, art. 23(1))"
        return SuccessionEffect(PartialDate.from_date(general), rule, (general, general))
    rule += f", not before the general entry into force on {general.isoformat()}"
    return SuccessionEffect(None, rule, (general, event.date.latest()))


def in_effect_by(instrument_id: str, event: Event, as_of: dt.date | None) -> bool:
    """Whether a succession counts on ``as_of`` although notified later: its date of effect
    is on or before ``as_of``, or, unknown, may be (``as_of`` is within its bounds)."""
    if as_of is None or event.kind != "succession":
        return False
    bounds = succession_effect(instrument_id, event).bounds
    return bounds is not None and bounds[0] <= as_of


def _general_entry_into_force(instrument_id: str) -> dt.date | None:
    try:
        general = instrument_by_id(instrument_id).entry_into_force
    except UnknownInstrumentError:  # an instrument outside the reference tables
        return None
    return general.as_date() if general is not None else None


# --- what the briefs print -------------------------------------------------------------------

NOT_STATED = "not stated by any loaded source"


def succession_facts(
    event: dict[str, Any], date_format: Callable[[str], str] = str
) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """For a succession event of the obligations JSON: (label, text, sources) of its
    predecessor and of its date of effect, saying so when no source gives them; nothing for
    other events."""
    if event.get("kind") != "succession":
        return []
    predecessor, effective = event.get("predecessor"), event.get("effective")
    facts = []
    if predecessor:
        label = "Predecessor (former State)" if predecessor["former_state"] else "Predecessor"
        facts.append((label, predecessor["name"], predecessor["sources"]))
    else:
        facts.append(("Predecessor", NOT_STATED, []))
    if effective:
        facts.append(("Date of effect (succession of States)", date_format(effective["date"]), effective["sources"]))
    else:
        facts.append(("Date of effect (succession of States)", f"{NOT_STATED}; not the date of the notification", []))
    return facts


def bounds_reason(item: dict[str, Any]) -> str:
    """Why an entry into force is known only within bounds: a coarse action date, or a
    succession whose date of effect no source states."""
    if any(e["kind"] == "succession" and not e.get("effective") for e in item.get("events", [])):
        return ("the date of the succession of States is not stated: not before the general entry into force, "
                "not after the notification")
    return "the action's date is not known to the day"
