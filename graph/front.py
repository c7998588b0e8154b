"""The front door's data: what the graph holds, how current it is, the latest letters.

Counts and dates come from the store; the State picker and the instruments from the
reference tables. Dates stay as precise as their sources (a letter dated only by its year
sorts as that year).
"""

from __future__ import annotations

from typing import Any

from rightsgraph.graph.citations import citation_date
from rightsgraph.graph.pages_common import communication_url, instrument_url, state_url
from rightsgraph.graph.store import Store
from rightsgraph.loaders.reference.instruments import INSTRUMENTS
from rightsgraph.loaders.reference.states import STATES

__all__ = ["front_door"]

_PREFIXES = """
PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
_COUNTS = _PREFIXES + """
SELECT
  (COUNT(DISTINCT ?doc) AS ?documents)
  (COUNT(DISTINCT ?comm) AS ?communications)
  (COUNT(DISTINCT ?reply) AS ?replies)
  (COUNT(DISTINCT ?report) AS ?reports)
WHERE {
  { ?doc a rg:Document } UNION { ?comm a rg:Communication } UNION { ?reply a rg:Reply } UNION { ?report a rg:Report }
}
"""
_LETTERS = _PREFIXES + """
SELECT ?comm ?reference ?date WHERE {
  ?comm a rg:Communication ; dcterms:identifier ?reference .
  OPTIONAL { ?comm dcterms:date ?date . }
}
"""
_ADDRESSEES = _PREFIXES + """
SELECT DISTINCT ?comm ?state WHERE { ?comm a rg:Communication ; rg:addressee ?state . }
"""
_LATEST_WORK = _PREFIXES + """
SELECT (MAX(STR(?date)) AS ?latest) WHERE { ?work rg:recordedIn ?doc ; dcterms:date ?date . }
"""


def _integer(value: Any) -> int:
    return int(str(value)) if value is not None else 0


def _recent_letters(store: Store, limit: int) -> list[dict[str, Any]]:
    addressees: dict[str, list[str]] = {}
    for row in store.select(_ADDRESSEES):
        addressees.setdefault(str(row["comm"]), []).append(str(row["state"]).rsplit("/", 1)[-1])
    letters = {}
    for row in store.select(_LETTERS):
        reference = str(row["reference"])
        date = str(row["date"]) if row.get("date") is not None else ""
        letters.setdefault(reference, {"reference": reference, "date": date, "display_date": citation_date(date) or "undated",
                                       "addressees": sorted(addressees.get(str(row["comm"]), [])),
                                       "url": communication_url(reference)})
    ordered = sorted(letters.values(), key=lambda letter: (letter["date"], letter["reference"]), reverse=True)
    return ordered[:limit]


def front_door(store: Store, recent: int = 8) -> dict[str, Any]:
    """``counts`` (documents, communications, replies, reports), ``latest_document_date``
    (the most recent date of a letter, reply or report held), ``recent_letters``, ``states``
    (every State with its codes, for the picker) and ``instruments`` (binding first)."""
    [counts] = store.select(_COUNTS) or [{}]
    [latest] = store.select(_LATEST_WORK) or [{}]
    return {
        "counts": {key: _integer(counts.get(key)) for key in ("documents", "communications", "replies", "reports")},
        "latest_document_date": citation_date(str(latest["latest"])) if latest.get("latest") else None,
        "recent_letters": _recent_letters(store, recent),
        "states": [{"iso3": s.iso3, "iso2": s.iso2, "name": s.name, "url": state_url(s.iso3)}
                   for s in sorted(STATES, key=lambda s: s.name)],
        "instruments": [{"id": i.id, "title": i.title, "binding": i.binding, "url": instrument_url(i.id)}
                        for i in sorted(INSTRUMENTS, key=lambda i: (not i.binding, i.id)) if i.kind != "general_comment"],
    }
