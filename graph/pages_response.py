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

from rightsgraph.graph import pages_queries as q
from rightsgraph.graph.pages_common import add_unique, party_entry, source_of, text_of
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES as _PREFIXES
from rightsgraph.graph.rdf_terms import communication_iri
from rightsgraph.graph.store import Store
from rightsgraph.loaders.facts import PartialDate

__all__ = ["joint_action_replies", "mark_sibling_replies", "response_section"]


# Works that say the letter's addressee replied, with the letters each names.
REPORTED_REPLIES = _PREFIXES + """
SELECT DISTINCT ?comm ?work ?workRef ?workSymbol ?workDate ?state ?named ?quote ?start ?end ?file WHERE {
  ?comm rg:addressee ?state .
  ?fact a rg:StateMention ; rg:state ?state ; rg:mentionRole rg:mention-replied ; rg:statedIn ?work .
  ?mention a rg:CommunicationMention ; rg:statedIn ?work ; rg:communication ?named .
""" + q.PASSAGE + """
  OPTIONAL { ?work dcterms:identifier ?workRef . }
  OPTIONAL { ?work rg:symbol ?workSymbol . }
  OPTIONAL { ?work dcterms:date ?workDate . }
}
"""

UNANSWERED = _PREFIXES + """
SELECT DISTINCT ?comm ?work ?workRef ?workSymbol ?workDate ?quote ?start ?end ?file WHERE {
  ?comm rg:reportedUnansweredIn ?work .
  ?fact a rg:AttributeStatement ; rg:attributeSubject ?comm ; rg:attributePredicate rg:reportedUnansweredIn ; rg:attributeObject ?work .
""" + q.PASSAGE + """
  OPTIONAL { ?work dcterms:identifier ?workRef . }
  OPTIONAL { ?work rg:symbol ?workSymbol . }
  OPTIONAL { ?work dcterms:date ?workDate . }
}
"""

# Works naming the letter (its follow-ups, reports) ...
NAMED_BY = _PREFIXES + """
SELECT DISTINCT ?comm ?work ?workRef ?workSymbol ?workDate WHERE {
  ?mention a rg:CommunicationMention ; rg:communication ?comm ; rg:statedIn ?work .
  OPTIONAL { ?work dcterms:identifier ?workRef . }
  OPTIONAL { ?work rg:symbol ?workSymbol . }
  OPTIONAL { ?work dcterms:date ?workDate . }
}
"""

# ... and the States and companies each says replied, with the passage.
REPLIERS_IN = _PREFIXES + """
SELECT DISTINCT ?work ?target ?label ?quote ?start ?end ?file WHERE {
  { ?fact a rg:StateMention ; rg:statedIn ?work ; rg:mentionRole rg:mention-replied ; rg:state ?target . }
  UNION
  { ?fact a rg:AttributeStatement ; rg:attributeSubject ?work ; rg:attributePredicate rg:repliedBy ; rg:attributeObject ?target . }
""" + q.PASSAGE + """
  OPTIONAL { ?target rdfs:label ?label . }
}
"""

ALSO_SENT = _PREFIXES + """
SELECT DISTINCT ?comm ?target WHERE { ?comm rg:alsoSentTo ?target . }
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


def _work_name(row: dict[str, Any]) -> str:
    """A letter's reference, else a report's symbol, else the work's IRI."""
    return text_of(row, "workRef") or text_of(row, "workSymbol") or str(row["work"])


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
            "reported_in": _work_name(row), "reported_on": text_of(row, "workDate"),
            "replier": party_entry(str(row["state"])), "date": None, "sources": []})
        add_unique(entry["sources"], source_of(row))
    return sorted(found.values(), key=lambda r: r["reported_in"])


def _unanswered(store: Store, comm: URIRef) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for row in store.select(UNANSWERED, {"comm": comm}):
        entry = found.setdefault(str(row["work"]), {
            "reported_in": _work_name(row), "as_of": text_of(row, "workDate"), "sources": []})
        add_unique(entry["sources"], source_of(row))
    return sorted(found.values(), key=lambda r: r["reported_in"])


def mark_sibling_replies(store: Store, comm: URIRef, joint_action: list[dict[str, Any]]) -> None:
    """Set each sibling's ``replied`` also from replies later works report (in place)."""
    members = {str(comm)} | {str(communication_iri(s["reference"])) for s in joint_action}
    for sibling in joint_action:
        if not sibling["replied"]:
            node = communication_iri(sibling["reference"])
            sibling["replied"] = bool(_reported_replies(store, node, members))


def joint_action_replies(
    store: Store, comm: URIRef, joint_action: list[dict[str, Any]], deadline: str | None,
) -> list[dict[str, Any]]:
    """Every addressee of the joint action (its letters' addressees, the States it was also
    sent to, the companies a follow-up says replied) with the letter's reference when known
    and what the store says of a reply: ``replied`` true (a reply or a report of one, with
    sources), false (a later letter says none came), or null (nothing said). The letters of
    one joint action share their date and deadline: each reply is checked against
    ``deadline``."""
    letters = [comm] + [communication_iri(s["reference"]) for s in joint_action]
    rows: dict[str, dict[str, Any]] = {}
    for letter in letters:
        reference = _reference_of(store, letter)
        for row in store.select(q.ADDRESSEES, {"comm": letter}):
            entry = _addressee_row(rows, row)
            entry["letters"].append(reference)
        for row in store.select(ALSO_SENT, {"comm": letter}):
            _addressee_row(rows, row)
    reported = _repliers_reported(store, letters)
    for target, sources in reported.items():
        entry = rows.get(target) or _addressee_row(rows, {"target": URIRef(target), "label": sources[0]["label"]})
        entry["replied"] = True
        for source in sources:
            add_unique(entry["reported_in"], source["reported_in"])
            add_unique(entry["sources"], source["source"])
    for letter in letters:
        direct = store.select(_DIRECT_REPLIES, {"comm": letter})
        unanswered = _unanswered(store, letter)
        for row in store.select(q.ADDRESSEES, {"comm": letter}):
            entry = rows[str(row["target"])]
            if direct:
                entry["replied"] = True
                for reply in direct:
                    day = text_of(reply, "date")
                    within = (day <= deadline) if day and deadline else None
                    add_unique(entry["replies"], {"date": day, "within_deadline": within, "document": str(reply["file"])})
            elif unanswered and entry["replied"] is None:
                entry["replied"] = False
                for item in unanswered:
                    add_unique(entry["reported_in"], item["reported_in"])
                    entry["sources"].extend(s for s in item["sources"] if s not in entry["sources"])
    return sorted(rows.values(), key=lambda r: r["name"])


_DIRECT_REPLIES = _PREFIXES + """
SELECT DISTINCT ?comm ?reply ?date ?file WHERE {
  ?reply a rg:Reply ; rg:repliesTo ?comm ; rg:recordedIn ?doc .
  ?doc rg:fileName ?file .
  OPTIONAL { ?reply dcterms:date ?date . }
}
"""

_REFERENCE = _PREFIXES + """
SELECT ?comm ?reference WHERE { ?comm dcterms:identifier ?reference . }
"""


def _reference_of(store: Store, letter: URIRef) -> str:
    rows = store.select(_REFERENCE, {"comm": letter})
    return min((str(r["reference"]) for r in rows), default=str(letter))


def _addressee_row(rows: dict[str, dict[str, Any]], row: dict[str, Any]) -> dict[str, Any]:
    target = str(row["target"])
    if target not in rows:
        is_state = "/id/state/" in target
        name = party_entry(target)["name"] if is_state else (text_of(row, "label") or target.rsplit("/", 1)[-1])
        rows[target] = {"name": name, "kind": "state" if is_state else "company", "letters": [],
                        "replied": None, "replies": [], "reported_in": [], "sources": []}
    return rows[target]


def _repliers_reported(store: Store, letters: list[URIRef]) -> dict[str, list[dict[str, Any]]]:
    """``{State or company IRI: [{reported_in, source, label}]}`` from works naming a letter of
    the joint action and saying who replied on its matter."""
    works: dict[str, str] = {}
    for letter in letters:
        for row in store.select(NAMED_BY, {"comm": letter}):
            if row["work"] not in letters:
                works[str(row["work"])] = _work_name(row)
    found: dict[str, list[dict[str, Any]]] = {}
    for work, reference in sorted(works.items()):
        for row in store.select(REPLIERS_IN, {"work": URIRef(work)}):
            found.setdefault(str(row["target"]), []).append(
                {"reported_in": reference, "source": source_of(row), "label": text_of(row, "label")})
    return found
