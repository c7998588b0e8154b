"""Plain records the obligations queries return, and the rules that turn them into events,
statuses and conflicts (no store access here; see :mod:`rightsgraph.graph.obligations`).

>>> letter = Source("AL USA 1/2020", "ratified ... in 1994", 10, 30)
>>> untc = Source("treaties_4-2.csv", "21 Oct 1994", 5, 16)
>>> events = merge_events([ActionRecord("ICERD", "ratification", PartialDate(1994), letter),
...                        ActionRecord("ICERD", "ratification", PartialDate(1994, 10, 21), untc)])
>>> [(e.kind, e.date.iso(), len(e.sources)) for e in events]
[('ratification', '1994-10-21', 2)]
>>> date_conflicts(events)
[]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rightsgraph.graph.source_order import source_order_key
from rightsgraph.loaders.facts import PartialDate

JOINING_KINDS = (
    "ratification", "accession", "succession", "acceptance", "approval", "formal_confirmation",
    "definitive_signature", "consent",
)
ENDING_KINDS = ("denunciation", "withdrawal")
# "consent": ratification or accession as a year-only table gives it, kind unnamed; it merges
# with whichever named joining action of a compatible date another source gives.
UNNAMED_JOINING = "consent"


@dataclass(frozen=True, slots=True)
class Source:
    document: str  # the letter's reference, else the file name
    quote: str
    start: int
    end: int
    # What orders a fact's sources (:func:`authoritative_first`), not part of its identity: a
    # treaty depositary's document (UNTC status table or declarations file), and the date of
    # the letter, reply or report the document records (None when unknown).
    depositary: bool = field(default=False, compare=False)
    document_date: PartialDate | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document, "quote": self.quote, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class ActionRecord:
    instrument: str
    kind: str
    date: PartialDate
    source: Source
    stated_entry_into_force: PartialDate | None = None


@dataclass(slots=True)
class Event:
    """One action as every source agreeing on it reports it (the finest date they give)."""

    kind: str
    date: PartialDate
    sources: list[Source] = field(default_factory=list)
    stated_entry_into_force: PartialDate | None = None
    # The days every merged date can denote: a date can denote the same day as each of them
    # exactly when it overlaps this window (an interval meets each of a set of intervals iff
    # it meets [max of starts, min of ends]), so merging is linear in the sources.
    window: tuple[dt.date, dt.date] | None = None
    # a succession's predecessor ({"id", "name", "former_state", "sources"}) and date of
    # effect, when a source gives them (graph/successions.py)
    predecessor: dict[str, Any] | None = None
    effective: PartialDate | None = None
    effective_sources: list[Source] = field(default_factory=list)
    # The number of distinct sources when ``sources`` holds only the first of them (an event
    # merged from the per-State view, graph/state_view.py); None: ``sources`` is every one.
    total: int | None = None

    def admits(self, date: PartialDate) -> bool:
        """Whether ``date`` can denote the same day as every date merged so far."""
        if self.window is None:
            return True
        low, high = self.window
        return date.earliest() <= high and low <= date.latest()

    def add(self, date: PartialDate, source: Source) -> None:
        self.date = _finer(self.date, date)
        start, end = date.earliest(), date.latest()
        self.window = (start, end) if self.window is None else (max(self.window[0], start), min(self.window[1], end))
        self.sources.append(source)

    @property
    def joining(self) -> bool:
        return self.kind in JOINING_KINDS

    def add_effective(self, date: PartialDate, source: Source) -> None:
        """A date of effect a source gives for this succession (the finest one is kept)."""
        self.effective = date if self.effective is None else _finer(self.effective, date)
        if source not in self.effective_sources:
            self.effective_sources.append(source)

    def to_json(self) -> dict[str, Any]:
        answer = {"kind": self.kind, "date": self.date.iso(), "sources": [s.to_json() for s in _unique(self.sources)]}
        if self.kind == "succession":  # null: no loaded source gives it
            answer["predecessor"] = self.predecessor
            answer["effective"] = ({"date": self.effective.iso(), "sources": [s.to_json() for s in self.effective_sources]}
                                   if self.effective is not None else None)
        return answer if self.total is None else {**answer, "sources_total": self.total}


def _unique(sources: list[Source]) -> list[Source]:
    return sorted(dict.fromkeys(sources), key=authoritative_first)


def authoritative_first(source: Source) -> tuple[int, int, dt.date, str, int, int, str]:
    """The order of a fact's sources (:func:`~rightsgraph.graph.source_order.source_order_key`):
    the depositary's documents, then letters, replies and reports by date (earliest first,
    unknown dates last), then by document name and span.

    >>> letter = Source("AL CHN 3/2021", "q", 40, 50, document_date=PartialDate(2021, 3, 30))
    >>> older = Source("UA CHN 1/2019", "q", 9, 20, document_date=PartialDate(2019))
    >>> undated = Source("reply.txt", "q", 0, 5)
    >>> table = Source("treaties_11.csv", "q", 70, 80, depositary=True)
    >>> [s.document for s in sorted([undated, letter, table, older], key=authoritative_first)]
    ['treaties_11.csv', 'UA CHN 1/2019', 'AL CHN 3/2021', 'reply.txt']
    """
    return source_order_key(depositary=source.depositary, date=source.document_date, document=source.document,
                            start=source.start, end=source.end, quote=source.quote)


def _finer(a: PartialDate, b: PartialDate) -> PartialDate:
    order = {"year": 0, "month": 1, "day": 2}
    return b if order[b.precision] > order[a.precision] else a


def merge_events(actions: list[ActionRecord]) -> list[Event]:
    """Group actions of one kind whose dates can denote the same day into one event."""
    events: list[Event] = []
    ordered = sorted(actions, key=lambda a: (a.kind == UNNAMED_JOINING, a.kind, a.date.earliest(), a.source.document))
    for action in ordered:
        target = next((e for e in events if _same_kind(e, action.kind) and e.admits(action.date)), None)
        if target is None:
            target = Event(action.kind, action.date)
            events.append(target)
        target.add(action.date, action.source)
        if action.stated_entry_into_force is not None and target.stated_entry_into_force is None:
            target.stated_entry_into_force = action.stated_entry_into_force
    return sorted(events, key=lambda e: (e.date.earliest(), e.kind))


def _same_kind(event: Event, kind: str) -> bool:
    """Whether an action of ``kind`` can be the action ``event`` records (an unnamed joining
    action can be any joining action)."""
    if event.kind == kind:
        return True
    return UNNAMED_JOINING == kind and event.joining


def _event_json(event: Event) -> dict[str, Any]:
    return {"kind": event.kind, "date": event.date.iso(), "sources": [s.to_json() for s in _unique(event.sources)]}


def date_conflicts(events: list[Event]) -> list[dict[str, Any]]:
    """Sources giving one kind of action different (irreconcilable) dates, and sources naming
    the joining action differently (ratification vs accession)."""
    conflicts: list[dict[str, Any]] = []
    by_kind: dict[str, list[Event]] = {}
    for event in events:
        by_kind.setdefault(event.kind, []).append(event)
    for kind, same in by_kind.items():
        if len(same) > 1:
            conflicts.append({
                "about": "date", "kind": kind,
                "values": [{"date": e.date.iso(), "sources": [s.to_json() for s in _unique(e.sources)]} for e in same],
            })
    unnamed = [e for e in events if e.kind == UNNAMED_JOINING]
    named = [e for e in events if e.joining and e.kind != UNNAMED_JOINING]
    if unnamed and named:  # an unnamed one left apart: its date fits no named action's
        conflicts.append({"about": "date", "kind": "ratification or accession",
                          "values": [_event_json(e) for e in named + unnamed]})
    joining_kinds = sorted({e.kind for e in named})
    if len(joining_kinds) > 1:
        conflicts.append({
            "about": "kind", "kinds": joining_kinds,
            "values": [_event_json(e) for e in named],
        })
    return conflicts


def on_or_before(date: PartialDate, as_of: dt.date | None) -> bool:
    """Certainly on or before ``as_of`` (every day the partial date may denote is)."""
    return as_of is None or date.latest() <= as_of
