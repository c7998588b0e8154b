"""The SPARQL the obligations view runs: each function is one query, parameters bound with
``Store.select(sparql, bindings)`` (never formatted into the text). Absence is tested with
``OPTIONAL`` + ``!BOUND`` rather than ``FILTER NOT EXISTS`` (slow on Oxigraph at scale).
An ``OPTIONAL`` comes after every required pattern: one placed between them splits the basic
graph pattern, and Oxigraph then evaluates the passage patterns over the whole store before
joining (the declarations query took 2.4 s instead of 17 ms on 300 letters).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef
from rdflib.term import Node

from rightsgraph.graph.obligations_model import ActionRecord, Source
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES as _PREFIXES
from rightsgraph.graph.store import Store
from rightsgraph.loaders.facts import PartialDate


# The passage of a fact ?fact: its document's reference (a letter's) or file name, and span.
_PASSAGE = """
  ?fact prov:wasDerivedFrom ?passage .
  ?passage a rg:Passage ; oa:hasSource ?doc ; oa:hasSelector ?pos , ?quoteSel .
  ?pos oa:start ?start ; oa:end ?end .
  ?quoteSel oa:exact ?quote .
  ?doc rg:fileName ?file .
  OPTIONAL { ?work rg:recordedIn ?doc ; a rg:Communication ; dcterms:identifier ?reference . }
"""

_ACTIONS = _PREFIXES + """
SELECT DISTINCT ?state ?fact ?instrumentId ?type ?date ?stated ?computed ?rule ?file ?reference ?quote ?start ?end
WHERE {
  ?fact a rg:TreatyAction ; rg:state ?state ; rg:instrument ?instrument ;
        rg:actionType ?type ; dcterms:date ?date .
  ?instrument dcterms:identifier ?instrumentId .
""" + _PASSAGE + """
  OPTIONAL { ?fact rg:statedEntryIntoForce ?s . ?s dcterms:date ?stated . }
  OPTIONAL { ?fact rg:entryIntoForce ?e . ?e dcterms:date ?computed . OPTIONAL { ?e rg:ruleDescription ?rule . } }
}
"""

_DECLARATIONS = _PREFIXES + """
SELECT DISTINCT ?state ?fact ?instrumentId ?class ?text ?article ?file ?reference ?quote ?start ?end
WHERE {
  ?fact a rg:ReservationOrDeclaration , ?class ; rg:state ?state ; rg:instrument ?instrument ; rg:text ?text .
  ?instrument dcterms:identifier ?instrumentId .
""" + _PASSAGE + """
  OPTIONAL { ?fact rg:limitsProvision ?provision . ?provision eli:number ?article . }
}
"""

_CITATIONS = _PREFIXES + """
SELECT DISTINCT ?state ?instrumentId ?number ?reference WHERE {
  ?comm a rg:Communication ; rg:addressee ?state ; dcterms:identifier ?reference .
  ?citation a rg:Citation ; rg:statedIn ?comm ; rg:provision ?provision .
  ?provision eli:number ?number ; eli:is_part_of ?instrument .
  ?instrument dcterms:identifier ?instrumentId .
}
"""

# A company's type, label and home State are repeated in every document naming it, and the
# default graph is the union of graphs (no deduplication): joined directly they multiply
# (>60 s on 10,000 letters). Each part is made DISTINCT first, then joined on ?company.
_COMPANIES = _PREFIXES + """
SELECT DISTINCT ?state ?company ?name ?reference WHERE {
  { SELECT DISTINCT ?company WHERE { ?company a rg:Company } }
  { SELECT DISTINCT ?company ?state WHERE { ?company rg:homeState ?state } }
  { SELECT DISTINCT ?company ?name WHERE { ?company rdfs:label ?name } }
  { SELECT DISTINCT ?company ?reference WHERE {
      ?mention a rg:CompanyMention ; rg:company ?company ; rg:statedIn ?comm .
      ?comm a rg:Communication ; dcterms:identifier ?reference .
  } }
}
"""

_COMMUNICATIONS = _PREFIXES + """
SELECT DISTINCT ?state ?comm ?reference ?date ?reply ?replyDate ?replyFile WHERE {
  ?comm a rg:Communication ; rg:addressee ?state .
  OPTIONAL { ?comm dcterms:identifier ?reference . }
  OPTIONAL { ?comm dcterms:date ?date . }
  OPTIONAL {
    ?reply a rg:Reply ; rg:repliesTo ?comm ; rg:recordedIn ?replyDoc .
    ?replyDoc rg:fileName ?replyFile .
    OPTIONAL { ?reply dcterms:date ?replyDate . }
  }
}
"""

_INSTRUMENTS = _PREFIXES + """
SELECT ?instrumentId (SAMPLE(?t) AS ?title) (SAMPLE(?b) AS ?binding) (SAMPLE(?gc) AS ?generalComment) WHERE {
  ?instrument a rg:Instrument ; dcterms:identifier ?instrumentId ; dcterms:title ?t ; rg:binding ?b .
  OPTIONAL { ?instrument a ?gc . FILTER(?gc = rg:GeneralComment) }
} GROUP BY ?instrumentId
"""

_RG = "https://w3id.org/rightsgraph/ontology#"
_DECLARATION_KINDS = {
    _RG + "Reservation": "reservation",
    _RG + "InterpretativeDeclaration": "declaration",
    _RG + "Objection": "objection",
    _RG + "Understanding": "understanding",
}


@dataclass(frozen=True, slots=True)
class InstrumentInfo:
    id: str
    title: str
    binding: bool
    general_comment: bool


@dataclass(frozen=True, slots=True)
class DeclarationRecord:
    instrument: str
    kind: str
    text: str
    articles: tuple[str, ...]
    source: Source


def _source(row: dict[str, Node]) -> Source:
    document = str(row.get("reference") or row["file"])
    return Source(document, str(row["quote"]), int(row["start"].toPython()), int(row["end"].toPython()))


def _date(value: Node | None) -> PartialDate | None:
    return PartialDate.parse(str(value)) if value is not None else None


def treaty_actions(store: Store, state: URIRef) -> list[tuple[ActionRecord, PartialDate | None, str | None]]:
    """Each action on the State with its source, and the graph's computed entry into force
    (date, rule description) for it."""
    found = []
    for row in store.select(_ACTIONS, {"state": state}):
        kind = str(row["type"]).rsplit("action-", 1)[-1]
        action = ActionRecord(str(row["instrumentId"]), kind, PartialDate.parse(str(row["date"])),
                              _source(row), _date(row.get("stated")))
        rule = str(row["rule"]) if row.get("rule") is not None else None
        found.append((action, _date(row.get("computed")), rule))
    return found


def declarations(store: Store, state: URIRef) -> list[DeclarationRecord]:
    """Reservations, declarations, objections, understandings with the articles they limit."""
    grouped: dict[tuple[str, str], dict] = {}
    for row in store.select(_DECLARATIONS, {"state": state}):
        kind = _DECLARATION_KINDS.get(str(row["class"]))
        if kind is None:
            continue
        key = (str(row["fact"]), kind)
        entry = grouped.setdefault(key, {"row": row, "articles": set()})
        if row.get("article") is not None:
            entry["articles"].add(str(row["article"]))
    return [
        DeclarationRecord(str(e["row"]["instrumentId"]), kind, str(e["row"]["text"]),
                          tuple(sorted(e["articles"], key=_numeric_key)), _source(e["row"]))
        for (_, kind), e in grouped.items()
    ]


def _numeric_key(value: str) -> tuple[int, str]:
    digits = "".join(c for c in value if c.isdigit())
    return (int(digits) if digits else 0, value)


def cited_provisions(store: Store, state: URIRef) -> dict[str, dict[str, set[str]]]:
    """``{instrument: {provision number: {communication references}}}`` for letters to the State."""
    cited: dict[str, dict[str, set[str]]] = {}
    for row in store.select(_CITATIONS, {"state": state}):
        by_number = cited.setdefault(str(row["instrumentId"]), {})
        by_number.setdefault(str(row["number"]), set()).add(str(row["reference"]))
    return cited


def companies(store: Store, state: URIRef) -> list[dict[str, object]]:
    """Companies whose home State is the State, with the letters naming them."""
    by_company: dict[str, dict[str, set[str]]] = {}
    for row in store.select(_COMPANIES, {"state": state}):
        entry = by_company.setdefault(str(row["company"]), {"names": set(), "refs": set()})
        entry["names"].add(str(row["name"]))
        entry["refs"].add(str(row["reference"]))
    return sorted(
        ({"name": min(e["names"], key=lambda n: (len(n), n)), "communications": sorted(e["refs"])}
         for e in by_company.values()),
        key=lambda c: str(c["name"]).casefold(),
    )


def communications(store: Store, state: URIRef) -> list[dict[str, object]]:
    """Letters addressed to the State (reference, date) and the replies to each."""
    by_comm: dict[str, dict[str, object]] = {}
    for row in store.select(_COMMUNICATIONS, {"state": state}):
        entry = by_comm.setdefault(str(row["comm"]), {"reference": None, "date": None, "replies": []})
        if row.get("reference") is not None:
            entry["reference"] = min(filter(None, [entry["reference"], str(row["reference"])]))
        if row.get("date") is not None:
            entry["date"] = str(row["date"])
        if row.get("reply") is not None:
            reply = {"document": str(row["replyFile"]),
                     "date": str(row["replyDate"]) if row.get("replyDate") is not None else None}
            if reply not in entry["replies"]:
                entry["replies"].append(reply)
    return sorted(by_comm.values(), key=lambda c: (str(c["date"] or ""), str(c["reference"] or "")))


def instruments(store: Store) -> dict[str, InstrumentInfo]:
    """Title and bindingness of every instrument the graph describes."""
    return {
        str(row["instrumentId"]): InstrumentInfo(
            str(row["instrumentId"]), str(row["title"]), bool(row["binding"].toPython()),
            row.get("generalComment") is not None,
        )
        for row in store.select(_INSTRUMENTS)
    }
