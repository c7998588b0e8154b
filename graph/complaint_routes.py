"""Can a person (or another State) bring a complaint about State X under treaty Y, and since when?

Two kinds of route (issue 22, item 4):

* **communications protocols** - the ICCPR's First Optional Protocol, OP-CEDAW, the CRC's
  Optional Protocol on a communications procedure (OPIC), the CRPD's Optional Protocol and the
  ICESCR's Optional Protocol: a route is open once the protocol is in force for the State,
  and closed once its denunciation has taken effect (the obligations view computes both,
  with their sources);
* **optional-clause declarations** - ICERD art. 14, CAT art. 22, ICMW art. 77 and CPED art. 31
  (individuals), ICCPR art. 41 and CAT art. 21 (inter-State): open when a loaded source
  records the State's declaration recognising the committee's competence. A declaration is
  effective from its deposit; when the source does not date it, ``since`` is ``null`` and
  says so.

Each route's ``status``: ``open``, ``not-yet-open`` (a protocol ratified but not yet in
force), ``uncertain`` (an entry into force known only within bounds), ``closed``
(denounced), or ``unknown`` - the store holds no source on it, which is not evidence that
the route is closed.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["ROUTES", "Route", "routes_from"]


@dataclass(frozen=True, slots=True)
class Route:
    id: str
    instrument: str  # the protocol, or the treaty whose article is the optional clause
    article: str | None  # the optional clause; None for a protocol
    committee: str
    complainant: Literal["individual", "state"]


ROUTES: tuple[Route, ...] = (
    Route("ICCPR-OP1", "ICCPR-OP1", None, "Human Rights Committee", "individual"),
    Route("OP-CEDAW", "OP-CEDAW", None, "Committee on the Elimination of Discrimination against Women", "individual"),
    Route("OPIC", "OPIC", None, "Committee on the Rights of the Child", "individual"),
    Route("CRPD-OP", "CRPD-OP", None, "Committee on the Rights of Persons with Disabilities", "individual"),
    Route("ICESCR-OP", "ICESCR-OP", None, "Committee on Economic, Social and Cultural Rights", "individual"),
    Route("ICERD art. 14", "ICERD", "14", "Committee on the Elimination of Racial Discrimination", "individual"),
    Route("CAT art. 22", "CAT", "22", "Committee against Torture", "individual"),
    Route("ICMW art. 77", "ICMW", "77", "Committee on Migrant Workers", "individual"),
    Route("CPED art. 31", "CPED", "31", "Committee on Enforced Disappearances", "individual"),
    Route("ICCPR art. 41", "ICCPR", "41", "Human Rights Committee", "state"),
    Route("CAT art. 21", "CAT", "21", "Committee against Torture", "state"),
)

_RECOGNISES = re.compile(r"\brecogni[sz]es?\s+(?:the\s+)?competence\b", re.IGNORECASE)
_DOES_NOT = re.compile(r"\b(?:not|never)\s+(?:to\s+)?recogni[sz]e", re.IGNORECASE)
_FROM_STATES = re.compile(r"\b(?:another|other)\s+State|\bState\s+Party\s+claims\b", re.IGNORECASE)
_FROM_INDIVIDUALS = re.compile(r"\bindividuals?\b", re.IGNORECASE)
_STATUS_OF_PROTOCOL = {
    "party": "open", "not-yet-in-force": "not-yet-open", "uncertain": "uncertain",
    "denounced": "closed", "signatory": "not-open",
}


def routes_from(
    entries: list[dict[str, Any]], recorded: Collection[str], statements: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Every route, from the State's obligations ``entries`` on the day asked, the
    instruments its sources record any action on (``recorded``, whatever the day) and its
    statements (:func:`~rightsgraph.graph.treaty_statements.statements_of_state`)."""
    by_instrument = {e["instrument"]: e for e in entries}
    declarations = [s for s in statements if _recognises(s["text"])]
    return [
        _protocol_route(route, by_instrument.get(route.instrument), route.instrument in recorded)
        if route.article is None
        else _clause_route(route, declarations)
        for route in ROUTES
    ]


def _base(route: Route) -> dict[str, Any]:
    return {"route": route.id, "instrument": route.instrument, "article": route.article,
            "committee": route.committee, "complainant": route.complainant}


def _protocol_route(route: Route, entry: dict[str, Any] | None, joined_later: bool) -> dict[str, Any]:
    """A protocol's route from the State's obligations entry for it (``joined_later``: the
    sources record the State's first action on the protocol after ``as_of``)."""
    if entry is not None and entry["status"] == "no-action":  # sources, none with an action by as_of
        entry = None
    if entry is None and joined_later:  # recorded, but only after the day asked
        return {**_base(route), "status": "not-open", "since": None, "until": None, "sources": [],
                "note": "the State's first recorded action on the protocol is later than as_of"}
    if entry is None:
        return {**_base(route), "status": "unknown", "since": None, "until": None, "sources": [],
                "note": "no loaded source records the State's participation in the protocol"}
    status = _STATUS_OF_PROTOCOL.get(entry["status"], "unknown")
    ended = [e for e in entry.get("ends", []) if e["applied"]]
    return {
        **_base(route),
        "status": status,
        "since": entry["entry_into_force"] if status in ("open", "closed", "uncertain") else None,
        "since_bounds": entry.get("entry_into_force_bounds"),
        "until": ended[0]["effective"] if status == "closed" and ended else None,
        "sources": [s for event in entry["events"] for s in event["sources"]],
        "note": None,
    }


def _clause_route(route: Route, declarations: list[dict[str, Any]]) -> dict[str, Any]:
    """An optional clause's route from the State's declarations recognising the competence."""
    found = [d for d in declarations if d["instrument"] == route.instrument and _covers(route, d)]
    if not found:
        return {**_base(route), "status": "unknown", "since": None, "until": None, "sources": [],
                "note": "no loaded source records a declaration under this article"}
    return {
        **_base(route),
        "status": "open",
        "since": None,
        "until": None,
        "sources": [s for d in found for s in d["sources"]],
        "note": "open from the deposit of the declaration; the loaded source does not date it",
    }


def _recognises(text: str) -> bool:
    return bool(_RECOGNISES.search(text)) and not _DOES_NOT.search(text)


def _covers(route: Route, declaration: dict[str, Any]) -> bool:
    """Whether a recognition of competence is the one under ``route``'s article: it names the
    article, or (when it names none of the clauses) who may complain tells it."""
    if route.article in declaration["articles"]:
        return True
    clauses = {r.article for r in ROUTES if r.instrument == route.instrument and r.article}
    if clauses & set(declaration["articles"]):
        return False
    text = declaration["text"]
    from_states = bool(_FROM_STATES.search(text))
    if route.complainant == "state":
        return from_states
    return bool(_FROM_INDIVIDUALS.search(text)) and not from_states
