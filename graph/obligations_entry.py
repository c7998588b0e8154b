"""One obligations entry, built in one place for every renderer (JSON, Markdown brief, HTML,
DOCX/PDF): whether the instrument binds the State on the day asked, the group it falls in,
what that group means in law, and how current its status sources are.

Groups, in the order a brief shows them:

========================  ==================================================================
``bound``                 a party, and the instrument is in force for the State on ``as_of``
``uncertain``             consent given, but whether in force on ``as_of`` is not known
                          (status ``uncertain``, set for year-only dates by the obligations
                          rules, not here)
``not-yet-in-force``      ratified or acceded by ``as_of``, in force for the State only later
``signed-not-bound``      signed only: bound by the object-and-purpose duty, not the treaty
``ended``                 denounced or withdrawn, the treaty's clause has given it effect
``no-action``             sources exist, but none records an action by ``as_of``
``soft-law``              declarations, guiding principles: never bind as a treaty does
``no-status-source``      a treaty the store has no status source for, for this State
========================  ==================================================================

``binds_state`` is true only in ``bound``.

>>> entry = ObligationEntry("ICCPR", "International Covenant on Civil and Political Rights", True, "signatory")
>>> entry.binds_state, entry.group
(False, 'signed-not-bound')
>>> ObligationEntry("CRC", "Convention on the Rights of the Child", True, "party").binds_state
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["GROUPS", "Group", "ObligationEntry", "groups_json"]


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    title: str
    note: str


GROUPS: tuple[Group, ...] = (
    Group("bound", "Bound: party, in force for the State",
          "The State is a party and the instrument is in force for it on the date asked."),
    Group("uncertain", "Entry into force for the State uncertain on that date",
          "The State has consented to be bound, but the sources date its action too coarsely "
          "(a year only) to tell whether the instrument was already in force for it on the date "
          "asked; it is not presented as binding."),
    Group("signed-not-bound", "Signed, not bound",
          "Signature does not bind the State to the treaty's provisions. Until it makes clear its "
          "intention not to become a party, it must refrain from acts that would defeat the object "
          "and purpose of the treaty (Vienna Convention on the Law of Treaties, art. 18)."),
    Group("not-yet-in-force", "Ratified or acceded, not yet in force for the State",
          "The State has consented to be bound, but the instrument enters into force for it only "
          "after the date asked. Meanwhile it must not defeat the treaty's object and purpose "
          "(Vienna Convention on the Law of Treaties, art. 18)."),
    Group("ended", "Denounced or withdrawn: no longer bound",
          "The State's denunciation or withdrawal has taken effect under the treaty's clause; it no "
          "longer binds the State for acts after that day, while obligations arising before it "
          "remain (Vienna Convention on the Law of Treaties, art. 70)."),
    Group("no-action", "No signature or consent to be bound in the sources by that date",
          "The sources hold this State's status for the instrument but record no signature, "
          "ratification or accession on or before the date asked."),
    Group("soft-law", "Soft law: not binding as treaties",
          "Declarations, principles and guidelines; they are not treaties and bind no State as a "
          "treaty does, whatever the State's conduct."),
    Group("no-status-source", "No status source for this State",
          "The store holds no status table or letter stating this State's status for these "
          "treaties: their status is unknown here, not absent. Check the UN Treaty Collection "
          "(or NORMLEX for ILO conventions)."),
)
_GROUP_OF_STATUS = {
    "party": "bound", "uncertain": "uncertain", "signatory": "signed-not-bound", "not-yet-in-force": "not-yet-in-force",
    "no-action": "no-action", "soft-law": "soft-law", "no-status-source": "no-status-source", "denounced": "ended",
}


@dataclass(slots=True)
class ObligationEntry:
    """What the obligations view says of one instrument for one State on one day."""

    instrument: str
    title: str
    hard_law: bool  # a treaty (it can bind its parties), not soft law
    status: str  # party, uncertain, not-yet-in-force, signatory, denounced, no-action, soft-law, no-status-source
    events: list[dict[str, Any]] = field(default_factory=list)
    entry_into_force: str | None = None
    entry_into_force_rule: str | None = None
    # the first and last day it may have started to bind, when the action's date is coarse
    entry_into_force_bounds: dict[str, str] | None = None
    ends: list[dict[str, Any]] = field(default_factory=list)  # denunciations and withdrawals
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    reservations: list[dict[str, Any]] = field(default_factory=list)
    territories: list[dict[str, Any]] = field(default_factory=list)
    cited_provisions: list[dict[str, Any]] = field(default_factory=list)
    currency: dict[str, Any] = field(default_factory=dict)  # see obligations_sources.status_currency

    @property
    def binds_state(self) -> bool:
        return self.status == "party" and self.hard_law

    @property
    def group(self) -> str:
        return _GROUP_OF_STATUS[self.status]

    def to_json(self) -> dict[str, Any]:
        """The entry as the JSON answer carries it. ``binding`` is kept for existing clients
        and equals ``binds_state`` (it never means that a merely signed treaty binds)."""
        return {
            "instrument": self.instrument,
            "title": self.title,
            "binds_state": self.binds_state,
            "binding": self.binds_state,
            "hard_law": self.hard_law,
            "group": self.group,
            "status": self.status,
            "events": self.events,
            "entry_into_force": self.entry_into_force,
            "entry_into_force_rule": self.entry_into_force_rule,
            "entry_into_force_bounds": self.entry_into_force_bounds,
            "ends": self.ends,
            "status_as_at": self.currency.get("status_as_at"),
            "status_as_at_source": self.currency.get("status_as_at_source"),
            "status_sources": self.currency.get("status_sources", []),
            **({"status_sources_total": self.currency["status_sources_total"]}
               if "status_sources_total" in self.currency else {}),  # the view keeps the first ones
            "warnings": self.currency.get("warnings", []),
            "reservations": self.reservations,
            "territories": self.territories,
            "cited_provisions": self.cited_provisions,
            "conflicts": self.conflicts,
        }


def groups_json(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The groups in brief order, each with its title, legal note and instruments (empty
    groups left out)."""
    return [
        {"id": group.id, "title": group.title, "note": group.note,
         "instruments": [e["instrument"] for e in entries if e["group"] == group.id]}
        for group in GROUPS
        if any(e["group"] == group.id for e in entries)
    ]
