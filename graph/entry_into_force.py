"""When an instrument enters into force for a State, from the date of the State's action.

The joining clause of each instrument (``Instrument.eif_rule``) is applied to the action date
(days or calendar months; ICMW's "first day of the following month"), and then the later-of
rule: a State whose instrument takes effect before the instrument's general entry into force is
bound from that general date instead, under the general clause.

Dates known only to the month or year are never made more precise than they are: the result is
computed for the first and for the last day the date may denote and reported at the finest
precision, no finer than the input's, on which both agree; when they do not even agree on the
year, the year of the first (the earliest the State can have been bound) is given. Only when
every possible day gives the general entry into force is that exact day returned.

The bounds stay with the result: ``earliest`` and ``latest`` are the first and the last day
the State can have become bound (the clause applied to the first and the last day the action
date may denote). An ICCPR accession known as "1999" binds from some day between 1999-04-01
and 2000-03-31: on a date between them, whether the State was bound is uncertain.

>>> iccpr = entry_into_force("ICCPR", "accession", PartialDate(1999))
>>> iccpr.date.iso(), iccpr.earliest.isoformat(), iccpr.latest.isoformat(), iccpr.certain
('1999', '1999-04-01', '2000-03-31', False)

>>> from rightsgraph.loaders.facts import PartialDate
>>> eif = entry_into_force("CRC", "ratification", PartialDate(1992, 3, 2))
>>> eif.date.iso(), eif.rule
('1992-04-01', 'art. 49(2): thirtieth day after deposit')
>>> entry_into_force("CEDAW", "ratification", PartialDate(1980, 11, 4)).rule
'art. 27(1): general entry into force (the instrument was deposited before it)'
>>> entry_into_force("OPSC", "ratification", PartialDate(2005, 1, 31)).date.iso()
'2005-02-28'
>>> entry_into_force("ICERD", "ratification", PartialDate(1994)).date.iso()
'1994'
>>> entry_into_force("ILO-C182", "ratification", PartialDate(2002, 8)).date.iso()
'2003-08'
>>> entry_into_force("CRC", "signature", PartialDate(1990, 1, 26)) is None
True
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import get_args

from rightsgraph.errors import UsageError
from rightsgraph.loaders.facts import ActionKind, PartialDate, Precision
from rightsgraph.loaders.reference.instruments import instrument_by_id
from rightsgraph.loaders.reference.model import EntryIntoForceRule, Instrument

__all__ = ["EntryIntoForce", "entry_into_force"]

# Actions after which the joining clause runs. A signature binds to nothing; a succession
# takes effect from the date of the succession of States, which the notification date is not.
# "consent" is ratification or accession unnamed (year-only tables): the clauses count from
# either deposit alike.
_JOINING_ACTIONS = frozenset({
    "ratification", "accession", "acceptance", "approval", "formal_confirmation", "definitive_signature", "consent",
})


@dataclass(frozen=True)
class EntryIntoForce:
    date: PartialDate
    clause: str  # the article applied, e.g. "art. 49(2)"
    rule: str  # human-readable, e.g. "art. 49(2): thirtieth day after deposit"
    # the first and the last day the State can have become bound (derived from the same
    # computation as ``date``, so equality compares date, clause and rule)
    earliest: dt.date | None = field(default=None, compare=False)
    latest: dt.date | None = field(default=None, compare=False)

    @property
    def certain(self) -> bool:
        """Whether the day is known (both bounds the same day)."""
        return self.earliest is None or self.earliest == self.latest


def entry_into_force(instrument_id: str, kind: str, date: PartialDate) -> EntryIntoForce | None:
    """Entry into force of ``instrument_id`` for a State whose action of ``kind`` is dated ``date``.

    None for signatures and successions (no date follows from the clause), for non-binding
    instruments and for instruments without a joining rule. Unknown instruments raise
    :class:`~rightsgraph.errors.UnknownInstrumentError`, unknown kinds
    :class:`~rightsgraph.errors.UsageError`.
    """
    if kind not in get_args(ActionKind):
        raise UsageError(
            f"unknown treaty action {kind!r}", details={"kind": kind, "known": get_args(ActionKind)}
        )
    instrument = instrument_by_id(instrument_id)
    rule = instrument.eif_rule
    if kind not in _JOINING_ACTIONS or not instrument.binding or rule is None:
        return None
    first = _apply(rule, date.earliest())
    last = _apply(rule, date.latest())
    general = instrument.entry_into_force.as_date() if instrument.entry_into_force else None
    if general is not None and last <= general:
        return _general(instrument, rule, general)
    own_rule = f"{rule.clause}: {rule.description}{_registration_note(rule)}"
    if general is not None and first < general:
        first = general
        own_rule += f", not before the general entry into force on {general.isoformat()}"
    return EntryIntoForce(_coarsest_agreement(first, last, date.precision), rule.clause, own_rule, first, last)


def _apply(rule: EntryIntoForceRule, action: dt.date) -> dt.date:
    """The joining clause applied to one action day."""
    result = _add_months(action, rule.months) + dt.timedelta(days=rule.days)
    if rule.first_day_of_next_month:
        result = _add_months(result.replace(day=1), 1)
    return result


def _add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later, clamped to the month's end (31 January + 1 month = 28 February).

    >>> _add_months(dt.date(2004, 1, 31), 1)
    datetime.date(2004, 2, 29)
    >>> _add_months(dt.date(2002, 11, 30), 3)
    datetime.date(2003, 2, 28)
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _coarsest_agreement(first: dt.date, last: dt.date, precision: Precision) -> PartialDate:
    """The finest date, no finer than ``precision``, that both ``first`` and ``last`` denote."""
    if first == last:
        return PartialDate.from_date(first)
    if precision != "year" and (first.year, first.month) == (last.year, last.month):
        return PartialDate(first.year, first.month)
    return PartialDate(first.year)


def _general(instrument: Instrument, rule: EntryIntoForceRule, general: dt.date) -> EntryIntoForce:
    clause = rule.general_clause or rule.clause
    joined = "ratification was registered" if rule.counted_from == "registration" else (
        "instrument was deposited"
    )
    text = f"{clause}: general entry into force (the {joined} before it)"
    return EntryIntoForce(PartialDate.from_date(general), clause, text, general, general)


def _registration_note(rule: EntryIntoForceRule) -> str:
    if rule.counted_from != "registration":
        return ""
    return " (the ratification date is taken as the registration date)"
