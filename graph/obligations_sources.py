"""Which sources set a State's status for each instrument, and how current each one is.

A *status source* for (State, instrument) is a document with a treaty action of the State on
the instrument (a letter's annex, a status table row) or a status-table row listing the State
(a year-only table's ``signatory state`` or ``no action`` row sets the status too). Its
*as at* date is the day it shows the status as it stood:

- a status table or declarations file: its ``rg:statusAsAt`` (printed "Status as at", else
  ``ingest --as-at``), else unknown;
- a letter, reply or report: its own date (it states the status as its authors saw it that
  day).

:func:`status_currency` picks the newest known one (``status_as_at``) and says, when the
answer's day is later, that treaty actions after it may be missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef
from rdflib.term import Node

from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES as _PREFIXES
from rightsgraph.graph.store import Store
from rightsgraph.loaders.facts import PartialDate

__all__ = ["StatusSource", "newest_first", "status_currency", "status_sources"]

_FACT_DOCUMENTS = _PREFIXES + """
SELECT DISTINCT ?instrumentId ?doc ?file ?listed WHERE {
  { ?fact rg:state ?state ; a rg:TreatyAction ; rg:instrument ?instrument . }
  UNION
  { ?fact rg:party ?state ; a rg:ParticipantListing ; rg:instrument ?instrument .
    OPTIONAL { ?fact rg:statedStatus ?listed . } }
  ?fact prov:wasDerivedFrom ?passage .
  ?passage oa:hasSource ?doc .
  ?doc rg:fileName ?file .
  ?instrument dcterms:identifier ?instrumentId .
}
"""

_AS_AT = _PREFIXES + """
SELECT DISTINCT ?doc ?asAt ?origin WHERE {
  ?doc rg:statusAsAt ?asAt .
  OPTIONAL { ?doc rg:statusAsAtOrigin ?origin . }
}
"""

# Letters, replies and reports state actions, never listings: the works among the State's
# action sources, with their date (a letter's reference names it, as in the events).
_LETTER_DATES = _PREFIXES + """
SELECT DISTINCT ?doc ?reference ?date WHERE {
  ?fact rg:state ?state ; a rg:TreatyAction ; prov:wasDerivedFrom ?passage .
  ?passage oa:hasSource ?doc .
  ?work rg:recordedIn ?doc .
  OPTIONAL { ?work a rg:Communication ; dcterms:identifier ?reference . }
  OPTIONAL { ?work dcterms:date ?date . }
}
"""


@dataclass(frozen=True, slots=True)
class StatusSource:
    document: str  # the letter's reference, else the file name
    as_at: PartialDate | None
    as_at_origin: str | None  # "stated", "ingest-option", "document date" or None (unknown)
    listed_status: str | None = None  # the table's own words for the row, when it has them

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document, "as_at": self.as_at.iso() if self.as_at else None,
                "as_at_origin": self.as_at_origin, "listed_status": self.listed_status}


def status_sources(
    store: Store, state: URIRef, exclude: Collection[Node] = frozenset()
) -> dict[str, list[StatusSource]]:
    """``{instrument id: [sources setting the State's status for it]}``, newest first;
    ``exclude``: document nodes left out (a document about to be removed)."""
    rows = [row for row in store.select(_FACT_DOCUMENTS, {"state": state}) if row["doc"] not in exclude]
    if not rows:
        return {}
    as_at = {row["doc"]: row for row in store.select(_AS_AT)}
    letters = {row["doc"]: row for row in store.select(_LETTER_DATES, {"state": state})}
    found: dict[str, dict[tuple[str, str | None], StatusSource]] = {}
    for row in rows:
        source = _source(row, as_at.get(row["doc"]), letters.get(row["doc"]))
        found.setdefault(str(row["instrumentId"]), {})[(source.document, source.listed_status)] = source
    return {instrument: sorted(by_doc.values(), key=newest_first) for instrument, by_doc in found.items()}


def _source(row: dict[str, Any], as_at: dict[str, Any] | None, letter: dict[str, Any] | None) -> StatusSource:
    listed = str(row["listed"]) if row.get("listed") is not None else None
    if letter is not None:
        date = PartialDate.parse(str(letter["date"])) if letter.get("date") is not None else None
        name = str(letter["reference"]) if letter.get("reference") is not None else str(row["file"])
        return StatusSource(name, date, "document date" if date else None, listed)
    if as_at is not None:
        origin = str(as_at["origin"]) if as_at.get("origin") is not None else None
        return StatusSource(str(row["file"]), PartialDate.parse(str(as_at["asAt"])), origin, listed)
    return StatusSource(str(row["file"]), None, None, listed)


def newest_first(source: StatusSource) -> tuple[int, dt.date, str]:
    if source.as_at is None:
        return (1, dt.date.min, source.document)
    return (0, dt.date.max - (source.as_at.latest() - dt.date.min), source.document)


def status_currency(sources: list[StatusSource], as_of: dt.date | None, today: dt.date) -> dict[str, Any]:
    """``status_as_at`` (the newest known as-at date and its source) and the ``warnings``
    for an answer about ``as_of`` (``today`` when not given)."""
    known = [s for s in sources if s.as_at is not None]
    newest = known[0] if known else None
    day = as_of or today
    warnings: list[str] = []
    if newest is None and sources:
        warnings.append("No source gives the date its status is as at: later treaty actions may be missing.")
    elif newest is not None and newest.as_at is not None and newest.as_at.latest() < day:
        warnings.append(
            f"The newest status source ({newest.document}) shows the status as at {newest.as_at.iso()}, "
            f"before {day.isoformat()}: treaty actions after that date may be missing."
        )
    return {
        "status_as_at": newest.as_at.iso() if newest and newest.as_at else None,
        "status_as_at_source": newest.document if newest else None,
        "status_sources": [s.to_json() for s in sources],
        "warnings": warnings,
    }
