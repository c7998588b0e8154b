"""The bounded obligations answer, from the per-State view when the store keeps a current one
(:mod:`rightsgraph.graph.state_view`), else from every source as before.

The view keeps, per (instrument, kind, stated date, stated entry into force), the number of
sources and the first ones: events are merged from those keys by the one rule
(:func:`~rightsgraph.graph.obligations_model.merge_events`), each event then showing the
first sources of its keys (the first of the event, since each key's list is either whole or
longer than the answer shows) and the sum of their counts. Answers the view cannot give
exactly are computed in full (status sources too: their number and the first ones, newest
first, whose first known one gives ``status_as_at``): ``?sources=N`` above :data:`~rightsgraph.graph.state_view.
VIEW_SOURCES`, and an instrument whose date conflicts list every source of events the view
keeps only the first sources of.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef

from rightsgraph.graph.letter_view import LetterRows, read_letter_rows
from rightsgraph.graph.obligations import Cited, obligations
from rightsgraph.graph.obligations_queries import company_entries, replies_to
from rightsgraph.graph.obligations_bounds import bound_obligations, check_paging
from rightsgraph.graph.pages_paging import DEFAULT_PER_PAGE, DEFAULT_SOURCES
from rightsgraph.graph.obligations_model import (
    UNNAMED_JOINING, ActionRecord, Event, date_conflicts, merge_events,
)
from rightsgraph.graph.rdf_terms import state_iri
from rightsgraph.graph.obligations_sources import StatusSource
from rightsgraph.graph.state_view import (
    VIEW_SOURCES, Key, StateView, StatusView, read_status, read_view, view_graph,
)
from rightsgraph.graph.store import Store
from rightsgraph.loaders.facts import PartialDate
from rightsgraph.loaders.reference.states import find_state

__all__ = ["ViewEvents", "ViewNotExact", "bounded_obligations"]


class ViewNotExact(Exception):
    """The view keeps too few sources for this answer (a conflict lists them all)."""


@dataclass(frozen=True, slots=True)
class ViewEvents:
    """A State's view as the obligations computation takes it: a record per kept source,
    and the merge that gives each event its total and its stated entry into force."""

    view: StateView
    records: list[ActionRecord]
    key_of_source: dict[int, Key]  # id() of each record's Source object -> its key
    status: dict[str, list[StatusSource]]  # per instrument, the first status sources, newest first
    status_totals: dict[str, int]
    letters: LetterRows = field(default_factory=LetterRows)  # the letters to the State, cited provisions
    letters_shown: int = DEFAULT_PER_PAGE  # the letters the answer shows (with their replies)

    @staticmethod
    def of(view: StateView, status: StatusView, letters: LetterRows | None = None,
           letters_shown: int = DEFAULT_PER_PAGE) -> ViewEvents:
        records: list[ActionRecord] = []
        keys: dict[int, Key] = {}
        for key, row in view.items():
            instrument, kind, date, stated = key
            for source in row.sources:
                keys[id(source)] = key
                records.append(ActionRecord(instrument, kind, PartialDate.parse(date), source,
                                            PartialDate.parse(stated) if stated else None))
        return ViewEvents(view, records, keys, {i: row.sources for i, row in status.items()},
                          {i: row.count for i, row in status.items()}, letters or LetterRows(), letters_shown)

    def cited_provisions(self) -> Cited:
        """The obligations' cited provisions: per instrument and number, the first citing
        letters' references and how many there are."""
        cited: Cited = {}
        for (instrument, number), row in self.letters.cited.items():
            cited.setdefault(instrument, {})[number] = (list(row.first), row.count)
        return cited

    def companies(self, store: Store) -> list[dict[str, object]]:
        """The answer's companies: each company based in the State with the first letters naming it."""
        return company_entries(store, {company: (list(row.first), row.count) for company, row in self.letters.companies.items()})

    def communications(self, store: Store) -> dict[str, Any]:
        """The answer's ``communications`` (the first letters shown, most recent first, with
        their replies) and ``communications_total``."""
        row = self.letters.letters
        shown = row.first[:self.letters_shown] if row is not None else []
        return {"communications": [{"reference": reference, "date": date, "replies": replies_to(store, URIRef(comm))}
                                   for comm, reference, date in shown],
                "communications_total": row.count if row is not None else 0}

    def merge(self, records: list[ActionRecord]) -> list[Event]:
        """:func:`merge_events` over the kept sources, each event's ``total`` the sum of its
        keys' counts and its stated entry into force the one the full merge keeps (the key
        whose first source in the merge's order states one)."""
        events = merge_events(records)
        for event in events:
            keys = {self.key_of_source[id(source)] for source in event.sources}
            event.total = sum(self.view[key].count for key in keys)
            stated = [key for key in keys if key[3] is not None]
            if stated:
                first = min(stated, key=self._merge_order)
                event.stated_entry_into_force = PartialDate.parse(str(first[3]))
        if date_conflicts(events) and any(e.total != len(set(e.sources)) for e in events):
            raise ViewNotExact
        return events

    def _merge_order(self, key: Key) -> tuple[bool, str, dt.date, str]:
        return (key[1] == UNNAMED_JOINING, key[1], PartialDate.parse(key[2]).earliest(),
                self.view[key].min_document)


def bounded_obligations(
    store: Store, state_query: str, as_of: dt.date | None = None, sources: int = DEFAULT_SOURCES,
    per_page: int = DEFAULT_PER_PAGE, *, today: dt.date | None = None,
) -> dict[str, Any]:
    """:func:`~rightsgraph.graph.obligations_bounds.bound_obligations` of the State's
    obligations, equal to the full computation's, read from the per-State view when it can."""
    check_paging(sources=sources, per_page=per_page)
    state = find_state(state_query)
    node = state_iri(state.iso3)
    view = read_view(store, node) if sources <= VIEW_SOURCES else None
    if view is not None:
        try:
            status = read_status(store, node)
            letters = read_letter_rows(store, URIRef(view_graph(str(node))))
            answer = obligations(store, state.iso3, as_of, today=today,
                                 view=ViewEvents.of(view, status, letters, per_page))
            return bound_obligations(answer, sources, per_page)
        except ViewNotExact:
            pass  # computed in full below
    return bound_obligations(obligations(store, state_query, as_of, today=today), sources, per_page)
