"""States' statements on instruments (reservations, declarations, understandings, objections,
withdrawals) as the pages and the obligations view show them.

One statement is one node whichever sources record it (``rg:statement`` IRIs, see
:func:`~rightsgraph.graph.rdf_terms.statement_iri`); each entry lists every source's passage.
Per entry: ``kind``, ``state``, ``instrument``, ``text``, ``articles`` (limited or
interpreted), ``mentioned`` (named in passing), ``territories`` / ``excluded_territories``,
for a withdrawal ``partial`` and ``continues_for``, and ``sources``.

Queries bind one variable (``?state``, ``?instrument`` or ``?provision``) and read details in
a second query joined in Python on ``?fact`` (see :mod:`rightsgraph.graph.obligations_queries`
for why no ``OPTIONAL`` chains).
"""

from __future__ import annotations

from typing import Any

import re

from rdflib import URIRef
from rdflib.term import Node

from rightsgraph.graph.pages_queries import PASSAGE
from rightsgraph.graph.obligations_model import JOINING_KINDS, Source
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES, instrument_iri, provision_iri, state_iri
from rightsgraph.graph.store import Store

__all__ = [
    "made_with", "statement_entries", "statements_of_state", "statements_on_instrument",
    "statements_on_provision", "territorial_scope",
]

_KINDS = {
    "Reservation": "reservation",
    "InterpretativeDeclaration": "declaration",
    "Understanding": "understanding",
    "Objection": "objection",
    "Withdrawal": "withdrawal",
    "ReservationModification": "modification",
}
# A State's or an instrument's statements start from the statements, not from the bound
# node: rg:state and rg:instrument are also on every treaty action and citation, so the
# engine, which joins the bound value first, walked every letter's facts (OPSC's statements
# 10 ms at 1,000 letters, 87 ms at 10,000; 0.1 ms both from the statements).
_FACTS = {
    "state": "?fact a rg:ReservationOrDeclaration ; rg:state ?ofState . FILTER(?ofState = ?state)",
    "instrument": "?fact a rg:ReservationOrDeclaration ; rg:instrument ?onInstrument . FILTER(?onInstrument = ?instrument)",
    "provision": "?fact rg:limitsProvision ?provision ; a rg:ReservationOrDeclaration .",
}


def _statements_query(fact: str) -> str:
    return SPARQL_PREFIXES + """
SELECT DISTINCT ?fact ?class ?stateNode ?instrumentId ?text WHERE {
  """ + fact + """
  ?fact a ?class ; rg:state ?stateNode ; rg:instrument ?i ; rg:text ?text .
  ?i dcterms:identifier ?instrumentId .
}
"""


def _details_query(fact: str) -> str:
    return SPARQL_PREFIXES + """
SELECT DISTINCT ?fact ?role ?value WHERE {
  """ + fact + """
  { ?fact rg:limitsProvision/eli:number ?value . BIND("articles" AS ?role) }
  UNION { ?fact rg:mentionsProvision/eli:number ?value . BIND("mentioned" AS ?role) }
  UNION { ?fact rg:continuesToLimit/eli:number ?value . BIND("continues_for" AS ?role) }
  UNION { ?fact rg:appliesToTerritory/rdfs:label ?value . BIND("territories" AS ?role) }
  UNION { ?fact rg:excludesTerritory/rdfs:label ?value . BIND("excluded_territories" AS ?role) }
  UNION { ?fact rg:partialWithdrawal ?value . BIND("partial" AS ?role) }
  UNION { ?fact rg:madeUpon ?made . BIND(STRAFTER(STR(?made), "#action-") AS ?value) BIND("made_upon" AS ?role) }
  UNION { ?fact rg:objectionTarget ?t . ?t rg:state ?ts . OPTIONAL { ?t dcterms:date ?td . }
          BIND(CONCAT(STRAFTER(STR(?ts), "/state/"), "|", COALESCE(STR(?td), "")) AS ?value)
          BIND("objects_to" AS ?role) }
}
"""


def _sources_query(fact: str) -> str:
    return SPARQL_PREFIXES + """
SELECT DISTINCT ?fact ?file ?quote ?start ?end WHERE {
  """ + fact + PASSAGE + """
}
"""


# Every objection's targets: few in any store, read whole and matched to reservations in Python.
_OBJECTIONS = SPARQL_PREFIXES + """
SELECT DISTINCT ?objection ?objector ?instrumentId ?target ?date WHERE {
  ?objection rg:objectionTarget ?t ; rg:state ?objector ; rg:instrument/dcterms:identifier ?instrumentId .
  ?t rg:state ?target .
  OPTIONAL { ?t dcterms:date ?date . }
}
"""
_QUERIES = {key: (_statements_query(f), _details_query(f), _sources_query(f)) for key, f in _FACTS.items()}


def statement_entries(store: Store, key: str, node: URIRef) -> list[dict[str, Any]]:
    """The statements whose ``?{key}`` is ``node`` (key: state, instrument or provision), in
    order of instrument, State and first source position."""
    statements_sparql, details_sparql, sources_sparql = _QUERIES[key]
    bindings = {key: node}
    entries: dict[Node, dict[str, Any]] = {}
    for row in store.select(statements_sparql, bindings):
        kind = _KINDS.get(str(row["class"]).rsplit("#", 1)[-1])
        if kind is None:
            continue
        entry = entries.setdefault(row["fact"], _empty_entry(row, kind))
        if str(row["text"]) not in entry["texts"]:
            entry["texts"].append(str(row["text"]))
    if not entries:
        return []
    for row in store.select(details_sparql, bindings):
        _add_detail(entries.get(row["fact"]), str(row["role"]), row["value"])
    for row in store.select(sources_sparql, bindings):
        entry = entries.get(row["fact"])
        if entry is not None:
            source = Source(str(row["file"]), str(row["quote"]), int(row["start"].toPython()), int(row["end"].toPython()))
            if source.to_json() not in entry["sources"]:
                entry["sources"].append(source.to_json())
    _add_objections(store, entries)
    return sorted((_finished(e) for e in entries.values()), key=_order)


def _add_objections(store: Store, entries: dict[Node, dict[str, Any]]) -> None:
    """On each reservation, the objections other States made to the reserving State's
    reservations to the same instrument."""
    reservations = [e for e in entries.values() if e["kind"] == "reservation"]
    if not reservations:
        return
    by_target: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in store.select(_OBJECTIONS):
        target = str(row["target"]).rsplit("/", 1)[-1]
        objection = {"by": str(row["objector"]).rsplit("/", 1)[-1], "objection": str(row["objection"]),
                     "date": str(row["date"]) if row.get("date") is not None else None}
        by_target.setdefault((target, str(row["instrumentId"])), []).append(objection)
    for entry in reservations:
        entry["objections"] = sorted(by_target.get((entry["state"], entry["instrument"]), []),
                                     key=lambda o: (o["date"] or "", o["by"]))


def _empty_entry(row: dict[str, Node], kind: str) -> dict[str, Any]:
    state = str(row["stateNode"]).rsplit("/", 1)[-1]
    return {
        "iri": str(row["fact"]), "kind": kind, "state": state, "instrument": str(row["instrumentId"]),
        "texts": [], "articles": [], "mentioned": [], "territories": [], "excluded_territories": [],
        "partial": None, "continues_for": [], "objects_to": [], "made_upon": None, "sources": [],
    }


def _add_detail(entry: dict[str, Any] | None, role: str, value: Node) -> None:
    if entry is None:
        return
    if role == "partial":
        entry["partial"] = str(value).lower() == "true"
    elif role == "made_upon":
        entry["made_upon"] = str(value)
    elif role == "objects_to":
        state, _, date = str(value).partition("|")
        if {"state": state, "date": date or None} not in entry[role]:
            entry[role].append({"state": state, "date": date or None})
    elif str(value) not in entry[role]:
        entry[role].append(str(value))


def _number_key(value: str) -> tuple[int, str]:
    digits = "".join(c for c in value if c.isdigit())
    return (int(digits) if digits else 0, value)


def _finished(entry: dict[str, Any]) -> dict[str, Any]:
    texts = entry.pop("texts")
    entry["text"] = min(texts, key=len) if texts else ""
    for field in ("articles", "mentioned", "continues_for"):
        entry[field] = sorted(entry[field], key=_number_key)
    for field in ("territories", "excluded_territories"):
        entry[field] = sorted(entry[field])
    entry["sources"].sort(key=lambda s: (s["document"], s["start"]))
    if entry["kind"] != "withdrawal":
        del entry["partial"], entry["continues_for"]
    if entry["kind"] == "objection":
        entry["objects_to"].sort(key=lambda t: (t["date"] or "", t["state"]))
    else:
        del entry["objects_to"]
    return entry


def _order(entry: dict[str, Any]) -> tuple[str, str, str, int]:
    first = entry["sources"][0] if entry["sources"] else {"document": "", "start": 0}
    return (entry["instrument"], entry["state"], str(first["document"]), int(first["start"]))


def statements_of_state(store: Store, iso3: str) -> list[dict[str, Any]]:
    """Every statement a State made, on every instrument."""
    return statement_entries(store, "state", state_iri(iso3))


def statements_on_instrument(store: Store, instrument_id: str) -> list[dict[str, Any]]:
    """Every State's statements on an instrument (``/instruments/{id}``)."""
    return statement_entries(store, "instrument", instrument_iri(instrument_id))


def statements_on_provision(store: Store, instrument_id: str, number: str) -> list[dict[str, Any]]:
    """The statements that limit or interpret one provision (``/provisions/{id}/{n}``);
    statements that only mention it are not among them."""
    return statement_entries(store, "provision", provision_iri(instrument_id, number))


_ON_SIGNING = re.compile(r"\b(?:upon|on|in|when)\s+sign(?:ing|ature)\b", re.IGNORECASE)


def made_with(statement: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The treaty action a reservation or declaration accompanies, which dates it: the one a
    heading of the source names ("Upon signature:"), the signature when the text says it was
    made on signing, else the first joining action
    (``events`` as the obligations entry lists them); None when the sources record neither.
    Objections and withdrawals are separate notifications, not dated by an action."""
    if statement["kind"] in ("objection", "withdrawal"):
        return None
    if statement.get("made_upon"):
        wanted: tuple[str, ...] = (statement["made_upon"],)
    elif _ON_SIGNING.search(statement["text"]):
        wanted = ("signature",)
    else:
        wanted = JOINING_KINDS
    chosen = next((e for e in events if e["kind"] in wanted), None)
    return {"kind": chosen["kind"], "date": chosen["date"]} if chosen else None


def territorial_scope(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per territory a statement names: the statements made for it and those excluding it,
    so a reader sees where an obligation applies as made and where it is qualified.

    >>> territorial_scope([{"kind": "reservation", "articles": ["32"], "territories": ["Hong Kong"],
    ...                     "excluded_territories": []}])
    [{'territory': 'Hong Kong', 'qualified_by': [{'kind': 'reservation', 'articles': ['32']}], 'excluded_from': []}]
    """
    scope: dict[str, dict[str, Any]] = {}
    for statement in statements:
        summary = {"kind": statement["kind"], "articles": statement["articles"]}
        for field, names in (("qualified_by", statement["territories"]), ("excluded_from", statement["excluded_territories"])):
            for name in names:
                entry = scope.setdefault(name, {"territory": name, "qualified_by": [], "excluded_from": []})
                entry[field].append(summary)
    return [scope[name] for name in sorted(scope)]
