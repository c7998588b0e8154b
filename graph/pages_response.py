"""The ``response`` of a communication page: deadline, replies, and what later documents report.

A reply counts whether its own text is in the store or a later letter or report says it came
("we have received replies from the Governments of China, ..." on the matter of a letter of
the same joint action): the reported reply has that document as its source. A later letter
saying "we have not received a response from you" marks the letter unanswered as of that
letter's date. A letter that does not state its deadline (one known only from its reply)
takes the deadline days another letter of its joint action states, with that letter named.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rdflib import URIRef

from rightsgraph.graph.pages_common import add_unique, party_entry, source_of, text_of
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES as _PREFIXES
from rightsgraph.graph.rdf_terms import communication_iri
from rightsgraph.graph.store import Store
from rightsgraph.loaders.facts import PartialDate

__all__ = ["mark_sibling_replies", "response_section"]

_PASSAGE = """
  ?fact prov:wasDerivedFrom ?passage .
  ?passage a rg:Passage ; oa:hasSource ?doc ; oa:hasSelector ?pos , ?quoteSel .
  ?pos oa:start ?start ; oa:end ?end .
  ?quoteSel oa:exact ?quote .
  ?doc rg:fileName ?file .
"""

# Works that say the letter's addressee replied, with the letters each names.
REPORTED_REPLIES = _PREFIXES + """
SELECT DISTINCT ?comm ?work ?workRef ?workDate ?state ?named ?quote ?start ?end ?file WHERE {
  ?comm rg:addressee ?state .
  ?fact a rg:StateMention ; rg:state ?state ; rg:mentionRole rg:mention-replied ; rg:statedIn ?work .
  ?work dcterms:identifier ?workRef .
  ?mention a rg:CommunicationMention ; rg:statedIn ?work ; rg:communication ?named .
""" + _PASSAGE + """
  OPTIONAL { ?work dcterms:date ?workDate . }
}
"""

UNANSWERED = _PREFIXES + """
SELECT DISTINCT ?comm ?work ?workRef ?workDate ?quote ?start ?end ?file WHERE {
  ?comm rg:reportedUnansweredIn ?work .
  ?fact a rg:AttributeStatement ; rdf:subject ?comm ; rdf:predicate rg:reportedUnansweredIn ; rdf:object ?work .
  ?work dcterms:identifier ?workRef .
""" + _PASSAGE + """
  OPTIONAL { ?work dcterms:date ?workDate . }
}
"""

DEADLINE_DAYS = _PREFIXES + """
SELECT DISTINCT ?comm ?days WHERE { ?comm rg:responseDeadlineDays ?days . }
"""


def response_section(
    store: Store, comm: URIRef, date: str | None, own_deadline: str | None, own_days: int | None,
    replies: list[dict[str, Any]], joint_action: list[dict[str, Any]],
) -> dict[str, Any]:
    """The page's ``response``: ``deadline`` (own, else from the joint action with
    ``deadline_from``), ``replied``, ``replies`` (each with ``within_deadline``),
    ``reported_replies`` and ``reported_unanswered``."""
    deadline, days, deadline_from = own_deadline, own_days, None
    if deadline is None:
        deadline, days, deadline_from = _joint_deadline(store, date, joint_action)
    for reply in replies:
        reply["within_deadline"] = (reply["date"] <= deadline) if reply["date"] and deadline else None
    members = {str(comm)} | {str(communication_iri(s["reference"])) for s in joint_action}
    reported = _reported_replies(store, comm, members)
    unanswered = _unanswered(store, comm)
    return {
        "deadline_days": days, "deadline": deadline, "deadline_from": deadline_from,
        "replied": bool(replies or reported), "replies": replies,
        "reported_replies": reported, "reported_unanswered": unanswered,
    }


def _joint_deadline(
    store: Store, date: str | None, joint_action: list[dict[str, Any]]
) -> tuple[str | None, int | None, str | None]:
    """Deadline days stated by another letter of the joint action, from this letter's date."""
    if date is None:
        return None, None, None
    day = PartialDate.parse(date)
    if day.precision != "day":
        return None, None, None
    for sibling in joint_action:
        rows = store.select(DEADLINE_DAYS, {"comm": communication_iri(sibling["reference"])})
        if rows:
            days = int(rows[0]["days"].toPython())
            due = day.earliest() + dt.timedelta(days=days)
            return due.isoformat(), days, sibling["reference"]
    return None, None, None


def _reported_replies(store: Store, comm: URIRef, members: set[str]) -> list[dict[str, Any]]:
    """Replies of the addressee that a later work reports on the matter of a letter of this
    joint action (the work names this letter or one of its siblings)."""
    found: dict[str, dict[str, Any]] = {}
    for row in store.select(REPORTED_REPLIES, {"comm": comm}):
        if str(row["named"]) not in members or row["work"] == comm:
            continue
        entry = found.setdefault(str(row["work"]), {
            "reported_in": str(row["workRef"]), "reported_on": text_of(row, "workDate"),
            "replier": party_entry(str(row["state"])), "date": None, "sources": []})
        add_unique(entry["sources"], source_of(row))
    return sorted(found.values(), key=lambda r: r["reported_in"])


def _unanswered(store: Store, comm: URIRef) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for row in store.select(UNANSWERED, {"comm": comm}):
        entry = found.setdefault(str(row["work"]), {
            "reported_in": str(row["workRef"]), "as_of": text_of(row, "workDate"), "sources": []})
        add_unique(entry["sources"], source_of(row))
    return sorted(found.values(), key=lambda r: r["reported_in"])


def mark_sibling_replies(store: Store, comm: URIRef, joint_action: list[dict[str, Any]]) -> None:
    """Set each sibling's ``replied`` also from replies later works report (in place)."""
    members = {str(comm)} | {str(communication_iri(s["reference"])) for s in joint_action}
    for sibling in joint_action:
        if not sibling["replied"]:
            node = communication_iri(sibling["reference"])
            sibling["replied"] = bool(_reported_replies(store, node, members))
