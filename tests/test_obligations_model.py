"""Merging the dates sources give for one treaty action: the event an action joins is the
first of its kind whose every merged date can denote the same day as the action's date
(``merge_events`` keeps only the window those dates share; this checks it against the
pairwise definition on arbitrary year, month and day dates)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rightsgraph.graph.obligations_model import ActionRecord, Source, date_conflicts, merge_events
from rightsgraph.loaders.facts import PartialDate


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1990, 1992))
    precision = draw(st.sampled_from(("year", "month", "day")))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year, month)
    return PartialDate(year, month, draw(st.integers(1, 28)))


actions = st.lists(
    st.builds(
        lambda kind, date, n: ActionRecord("CRC", kind, date, Source(f"AL TST {n}/2020", "quote", n, n + 5)),
        st.sampled_from(("ratification", "signature")), partial_dates(), st.integers(0, 40),
    ),
    max_size=30,
)


def _pairwise_merge(records: list[ActionRecord]) -> list[tuple[str, str, list[Source]]]:
    """The definition: an action joins the first event of its kind all of whose dates are
    consistent with its date, taking the finer date."""
    events: list[tuple[str, list[PartialDate], list[Source]]] = []
    for action in sorted(records, key=lambda a: (a.kind, a.date.earliest(), a.source.document)):
        target = next((e for e in events if e[0] == action.kind
                       and all(d.consistent_with(action.date) for d in e[1])), None)
        if target is None:
            target = (action.kind, [], [])
            events.append(target)
        target[1].append(action.date)
        target[2].append(action.source)
    order = {"year": 0, "month": 1, "day": 2}
    merged = [(kind, max(dates, key=lambda d: order[d.precision]), sources) for kind, dates, sources in events]
    merged.sort(key=lambda e: (e[1].earliest(), e[0]))
    return [(kind, date.iso(), sources) for kind, date, sources in merged]


@settings(max_examples=300, deadline=None)
@given(actions)
def test_merging_by_window_equals_pairwise_consistency(records: list[ActionRecord]) -> None:
    events = merge_events(records)
    assert [(e.kind, e.date.iso(), e.sources) for e in events] == _pairwise_merge(records)


def test_year_month_and_day_of_one_ratification_make_one_event() -> None:
    sources = [Source(f"AL TST {n}/2020", "q", 0, 1) for n in range(3)]
    records = [ActionRecord("CRC", "ratification", date, source) for date, source in
               zip((PartialDate(1992), PartialDate(1992, 3), PartialDate(1992, 3, 2)), sources, strict=True)]
    (event,) = merge_events(records)
    assert event.date == PartialDate(1992, 3, 2) and len(event.sources) == 3
    assert date_conflicts([event]) == []


def test_a_year_consistent_with_two_irreconcilable_days_joins_only_the_first() -> None:
    # 1992 can denote 2 March 1992 and 5 May 1992, which cannot denote the same day.
    records = [ActionRecord("CRC", "ratification", date, Source(doc, "q", 0, 1)) for date, doc in
               ((PartialDate(1992, 3, 2), "a"), (PartialDate(1992, 5, 5), "b"), (PartialDate(1992), "c"))]
    events = merge_events(records)
    assert [(e.date.iso(), [s.document for s in e.sources]) for e in events] == [
        ("1992-03-02", ["c", "a"]), ("1992-05-05", ["b"])]
    assert date_conflicts(events)[0]["about"] == "date"
