"""When a party's participation ends: denunciations and withdrawals under the treaty's clause.

A denunciation (or a withdrawal, which treaties treat alike) takes effect as the instrument's
denunciation clause says - ICCPR-OP1 art. 12(1): three months after the Secretary-General
receives the notification; the CRC art. 52: one year. An instrument without such a clause
(the ICCPR, the ICESCR, CEDAW, the ICCPR's Second Optional Protocol) cannot be denounced
unless all parties agree (Vienna Convention on the Law of Treaties art. 56; Human Rights
Committee General Comment 26 on the ICCPR): a purported withdrawal is recorded and flagged,
never applied. An instrument not in the table below has an unknown clause: the notification
is shown, its effect is not computed.

The notification date counts as the day of receipt (the sources give the deposit date). A
notification known only to the month or year gives an effective date no finer than that.

>>> end = treaty_end("ICCPR-OP1", "denunciation", PartialDate(1997, 10, 23))
>>> end.effective.iso(), end.clause, end.applied
('1998-01-23', 'art. 12(1)', True)
>>> treaty_end("ICCPR", "withdrawal", PartialDate(1997, 8, 25)).applied
False
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rightsgraph.graph.entry_into_force import _add_months
from rightsgraph.loaders.facts import PartialDate

__all__ = ["DENUNCIATION_CLAUSES", "TreatyEnd", "treaty_end"]

# instrument -> (clause, months after receipt); None: the instrument has no denunciation clause
DENUNCIATION_CLAUSES: dict[str, tuple[str, int] | None] = {
    "ICCPR": None,
    "ICESCR": None,
    "CEDAW": None,
    "ICCPR-OP2": None,
    "ICCPR-OP1": ("art. 12(1)", 3),
    "ICERD": ("art. 21", 12),
    "CRC": ("art. 52", 12),
    "OPSC": ("art. 15(1)", 12),
    "OPAC": ("art. 11(1)", 12),
    "OPIC": ("art. 22(1)", 12),
    "CAT": ("art. 31(1)", 12),
    "CRPD": ("art. 48", 12),
    "CRPD-OP": ("art. 16", 12),
    "OP-CEDAW": ("art. 19(1)", 6),
    "ICESCR-OP": ("art. 20(1)", 6),
    "OPCAT": ("art. 33(1)", 12),
    "TRAFFICKING-PROTOCOL": ("art. 19(1)", 12),
}
_NO_CLAUSE = (
    "the instrument has no denunciation clause: a purported withdrawal has no effect unless "
    "every party agrees (VCLT art. 56)"
)
_UNKNOWN_CLAUSE = "the instrument's denunciation clause is not in the reference tables; effect not computed"


@dataclass(frozen=True, slots=True)
class TreatyEnd:
    kind: str  # denunciation | withdrawal
    notified: PartialDate
    effective: PartialDate | None  # None when not applied or not known
    clause: str | None
    applied: bool
    note: str | None = None
    latest: dt.date | None = None  # the last day the end can take effect on

    def ends_by(self, as_of: dt.date | None) -> bool:
        """Whether the party is certainly no longer bound on ``as_of`` (every day counted)."""
        if not self.applied or self.latest is None:
            return False
        return as_of is None or self.latest <= as_of

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "notified": self.notified.iso(),
            "effective": self.effective.iso() if self.effective else None,
            "clause": self.clause, "applied": self.applied, "note": self.note,
        }


def treaty_end(instrument_id: str, kind: str, notified: PartialDate) -> TreatyEnd:
    """The effect of a denunciation or withdrawal of ``instrument_id`` notified on ``notified``."""
    if instrument_id not in DENUNCIATION_CLAUSES:
        return TreatyEnd(kind, notified, None, None, False, _UNKNOWN_CLAUSE)
    clause = DENUNCIATION_CLAUSES[instrument_id]
    if clause is None:
        return TreatyEnd(kind, notified, None, None, False, _NO_CLAUSE)
    article, months = clause
    first = _add_months(notified.earliest(), months)
    last = _add_months(notified.latest(), months)
    effective = _agreed(first, last)
    note = None if effective else f"takes effect on a day between {first.isoformat()} and {last.isoformat()}"
    return TreatyEnd(kind, notified, effective, article, True, note, last)


def _agreed(first: dt.date, last: dt.date) -> PartialDate | None:
    """The date both bounds denote at the finest shared precision; None if not even the year.

    >>> _agreed(dt.date(1998, 1, 1), dt.date(1998, 3, 31)).iso()
    '1998'
    """
    if first == last:
        return PartialDate.from_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(first.year, first.month)
    return PartialDate(first.year) if first.year == last.year else None
