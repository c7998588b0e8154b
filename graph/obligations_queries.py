"""The SPARQL the obligations view runs: each query binds ``?state`` with
``Store.select(sparql, bindings)`` (never formatted into the text).

Written for Oxigraph's planner (greedy, index nested loops from the bound ``?state``), so
that a State's obligations cost what the State's data costs, not what the store holds:

* An ``OPTIONAL`` is evaluated per row (a for-loop left join) only when its left side is
  small and it has one or two patterns; otherwise Oxigraph evaluates its whole right side
  over the store and hash-joins it (3-5 s per OPTIONAL at 10,000 letters). So a fact's
  passage, the reference of the passage's letter and a letter's replies are separate
  queries, joined in Python on ``?fact``, ``?doc`` or ``?comm``; the rows are those the
  single query with ``OPTIONAL`` gave (a left join with no filter).
* Patterns repeated in many graphs (a letter's type and identifier, a company's type) are
  checked once: through the Python join with the query that checks them, or ``FILTER
  EXISTS`` (stops at the first graph) instead of a join that multiplies rows.
* Absence is tested with ``OPTIONAL`` + ``!BOUND`` rather than ``FILTER NOT EXISTS``, and
  every ``OPTIONAL`` follows the required patterns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from rightsgraph.graph.obligations_model import ActionRecord, Source
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES as _PREFIXES
from rightsgraph.graph.store import Store
from rightsgraph.loaders.facts import PartialDate

Row = dict[str, Node]

_ACTION_FACT = "?fact rg:state ?state ; a rg:TreatyAction ."


def _passages_query(fact: str) -> str:
    """The passages (quote, span, document) of the facts ``fact`` matches."""
    return _PREFIXES + """
SELECT DISTINCT ?fact ?doc ?file ?docKind ?quote ?start ?end WHERE {
  """ + fact + """
  ?fact prov:wasDerivedFrom ?passage .
  ?passage a rg:Passage ; oa:hasSource ?doc ; oa:hasSelector ?pos , ?quoteSel .
  ?pos oa:start ?start ; oa:end ?end .
  ?quoteSel oa:exact ?quote .
  ?doc rg:fileName ?file ; rg:documentKind ?docKind .
}
"""


def _references_query(fact: str) -> str:
    """The reference of the letter each document of those facts' passages records."""
    return _PREFIXES + """
SELECT DISTINCT ?doc ?reference WHERE {
  """ + fact + """
  ?fact prov:wasDerivedFrom ?passage .
  ?passage oa:hasSource ?doc .
  ?work rg:recordedIn ?doc ; a rg:Communication ; dcterms:identifier ?reference .
}
"""


def _document_dates_query(fact: str) -> str:
    """The date of the work (letter, reply, report) each document of those facts' passages
    records: what orders a fact's sources after the depositary's."""
    return _PREFIXES + """
SELECT DISTINCT ?doc ?docDate WHERE {
  """ + fact + """
  ?fact prov:wasDerivedFrom ?passage .
  ?passage oa:hasSource ?doc .
  ?work rg:recordedIn ?doc ; dcterms:date ?docDate .
}
"""


_DEPOSITARY_KIND = "doc-treaty_status"  # UNTC status tables and declarations files

_ACTIONS = _PREFIXES + """
SELECT DISTINCT ?state ?fact ?instrumentId ?type ?date ?stated WHERE {
  ?fact rg:state ?state ; a rg:TreatyAction ; rg:instrument ?instrument ;
        rg:actionType ?type ; dcterms:date ?date .
  ?instrument dcterms:identifier ?instrumentId .
  OPTIONAL { ?fact rg:statedEntryIntoForce ?s . ?s dcterms:date ?stated . }
}
"""
_ACTION_PASSAGES = _passages_query(_ACTION_FACT)
_ACTION_REFERENCES = _references_query(_ACTION_FACT)
_ACTION_DOCUMENT_DATES = _document_dates_query(_ACTION_FACT)

# Letters to the State with their references (type and identifier checked here once) ...
_LETTER_REFERENCES = _PREFIXES + """
SELECT DISTINCT ?state ?comm ?reference WHERE {
  ?comm rg:addressee ?state ; a rg:Communication ; dcterms:identifier ?reference .
}
"""

# ... the provisions they cite (joined to them in Python on ?comm), read from the letter's
# direct rg:citesProvision links, which the mapper writes beside every Citation node that
# names a provision: one lookup per letter instead of one per fact of every letter (5.6x
# faster for China at 50,000 letters, same rows) ...
_CITATIONS = _PREFIXES + """
SELECT DISTINCT ?state ?comm ?provision WHERE {
  ?comm rg:addressee ?state ; rg:citesProvision ?provision .
}
"""

# ... and each provision's number and instrument: the few hundred provisions of the reference
# data, read once rather than looked up again for each of a State's thousands of citations.
_PROVISIONS = _PREFIXES + """
SELECT DISTINCT ?provision ?number ?instrumentId WHERE {
  ?provision eli:number ?number ; eli:is_part_of ?instrument .
  ?instrument dcterms:identifier ?instrumentId .
}
"""

# A company's type, label and home State are repeated in every document naming it, and the
# default graph is the union of graphs (no deduplication): joined directly they multiply.
# The State's companies come first (the type checked by EXISTS, which stops at the first
# graph), then each company's names and the letters naming it.
_COMPANIES = _PREFIXES + """
SELECT DISTINCT ?state ?company WHERE {
  ?company rg:homeState ?state .
  FILTER EXISTS { ?company a rg:Company }
}
"""

_HOME_STATE = _PREFIXES + """
SELECT ?company WHERE { ?company rg:homeState ?state . FILTER EXISTS { ?company a rg:Company } }
"""

# One provision's citing letters to one State, and the provisions of a number and instrument.
_CITING_LETTERS = _PREFIXES + """
SELECT DISTINCT ?reference WHERE {
  ?comm rg:addressee ?state ; rg:citesProvision ?provision ; a rg:Communication ; dcterms:identifier ?reference .
}
"""
_PROVISION_OF = _PREFIXES + """
SELECT DISTINCT ?provision WHERE {
  ?instrument dcterms:identifier ?instrumentId .
  ?provision eli:is_part_of ?instrument ; eli:number ?number .
}
"""

_COMPANY_NAMES = _PREFIXES + """
SELECT DISTINCT ?company ?name WHERE { ?company rdfs:label ?name . }
"""

_COMPANY_LETTERS = _PREFIXES + """
SELECT DISTINCT ?company ?reference WHERE {
  ?mention rg:company ?company ; a rg:CompanyMention ; rg:statedIn ?comm .
  ?comm dcterms:identifier ?reference .
  FILTER EXISTS { ?comm a rg:Communication }
}
"""

_COMMUNICATIONS = _PREFIXES + """
SELECT DISTINCT ?state ?comm ?reference ?date WHERE {
  ?comm a rg:Communication ; rg:addressee ?state .
  OPTIONAL { ?comm dcterms:identifier ?reference . }
  OPTIONAL { ?comm dcterms:date ?date . }
}
"""

# Replies to the State's letters; joined in Python with _COMMUNICATIONS (which checks that
# ?comm is a Communication) as the OPTIONAL part of the letters.
_REPLIES = _PREFIXES + """
SELECT DISTINCT ?comm ?reply ?replyDate ?replyFile WHERE {
  ?comm rg:addressee ?state .
  ?reply rg:repliesTo ?comm ; a rg:Reply ; rg:recordedIn ?replyDoc .
  ?replyDoc rg:fileName ?replyFile .
  OPTIONAL { ?reply dcterms:date ?replyDate . }
}
"""

# The replies to one letter ?comm (the letters an answer from the per-State view shows).
_REPLIES_TO = _PREFIXES + """
SELECT DISTINCT ?reply ?replyDate ?replyFile WHERE {
  ?reply rg:repliesTo ?comm ; a rg:Reply ; rg:recordedIn ?replyDoc .
  ?replyDoc rg:fileName ?replyFile .
  OPTIONAL { ?reply dcterms:date ?replyDate . }
}
"""

_INSTRUMENTS = _PREFIXES + """
SELECT ?instrumentId (SAMPLE(?t) AS ?title) (SAMPLE(?b) AS ?binding) (SAMPLE(?gc) AS ?generalComment) WHERE {
  ?instrument a rg:Instrument ; dcterms:identifier ?instrumentId ; dcterms:title ?t ; rg:binding ?b .
  OPTIONAL { ?instrument a ?gc . FILTER(?gc = rg:GeneralComment) }
} GROUP BY ?instrumentId
"""

@dataclass(frozen=True, slots=True)
class InstrumentInfo:
    id: str
    title: str
    binding: bool
    general_comment: bool


def _source(row: dict[str, Node]) -> Source:
    document = str(row.get("reference") or row["file"])
    depositary = str(row.get("docKind", "")).endswith(_DEPOSITARY_KIND)
    return Source(document, str(row["quote"]), int(row["start"].toPython()), int(row["end"].toPython()),
                  depositary=depositary, document_date=_date(row.get("docDate")))


def _date(value: Node | None) -> PartialDate | None:
    return PartialDate.parse(str(value)) if value is not None else None


def _by(rows: Iterable[Row], key: str) -> dict[Node, list[Row]]:
    grouped: dict[Node, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row[key], []).append(row)
    return grouped


def _join(rows: Iterable[Row], right: dict[Node, list[Row]], key: str, *, optional: bool = False) -> Iterator[Row]:
    """Rows extended with each right row sharing ``key``; with ``optional``, a row without
    one is kept as it is (SPARQL's OPTIONAL without a filter)."""
    for row in rows:
        matches = right.get(row[key]) or ([{}] if optional else [])
        for match in matches:
            yield {**row, **match}


def _distinct(rows: Iterable[Row], variables: tuple[str, ...]) -> list[Row]:
    """SELECT DISTINCT over ``variables`` (unbound ones left out, as in query results)."""
    seen: dict[tuple[Node | None, ...], Row] = {}
    for row in rows:
        projected = {v: row[v] for v in variables if row.get(v) is not None}
        seen.setdefault(tuple(projected.get(v) for v in variables), projected)
    return list(seen.values())


_PASSAGE_VARIABLES = ("file", "reference", "quote", "start", "end", "docKind", "docDate")
_ACTION_VARIABLES = ("state", "fact", "instrumentId", "type", "date", "stated") + _PASSAGE_VARIABLES


def _with_passages(store: Store, facts: list[Row], passages: str, references: str, state: URIRef) -> Iterator[Row]:
    """Each fact row with each of its passages and, when its document records a letter,
    that letter's reference, and the earliest date of the works its document records."""
    if not facts:  # the passage queries would still walk every fact about the State
        return iter(())
    by_fact = _by(store.select(passages, {"state": state}), "fact")
    by_doc = _by(store.select(references, {"state": state}), "doc")
    dates = _earliest_dates(store.select(_ACTION_DOCUMENT_DATES, {"state": state}))
    return _join(_join(_join(facts, by_fact, "fact"), by_doc, "doc", optional=True), dates, "doc", optional=True)


def _earliest_dates(rows: Iterable[Row]) -> dict[Node, list[Row]]:
    """One date per document (the earliest of its works'), as :func:`_join`'s right side."""
    earliest: dict[Node, Row] = {}
    for row in rows:
        date = PartialDate.parse(str(row["docDate"]))
        known = earliest.get(row["doc"])
        if known is None or date.earliest() < PartialDate.parse(str(known["docDate"])).earliest():
            earliest[row["doc"]] = row
    return {doc: [row] for doc, row in earliest.items()}


def action_rows(store: Store, state: URIRef) -> list[Row]:
    """The State's treaty actions, one row per source passage (see :func:`treaty_actions`)."""
    facts = store.select(_ACTIONS, {"state": state})
    return _distinct(_with_passages(store, facts, _ACTION_PASSAGES, _ACTION_REFERENCES, state), _ACTION_VARIABLES)


def citations(store: Store, state: URIRef) -> set[tuple[str, str, str]]:
    """``(instrument, provision number, letter reference)`` for each provision a letter to
    the State cites: the rows of the three queries joined on ``?provision`` and ``?comm``, as
    a set (a State's thousands of citations join faster as tuples than as row dicts)."""
    cited = store.select(_CITATIONS, {"state": state})
    if not cited:
        return set()
    references: dict[Node, list[str]] = {}
    for row in store.select(_LETTER_REFERENCES, {"state": state}):
        references.setdefault(row["comm"], []).append(str(row["reference"]))
    provisions: dict[Node, list[tuple[str, str]]] = {}
    for row in store.select(_PROVISIONS):
        provisions.setdefault(row["provision"], []).append((str(row["instrumentId"]), str(row["number"])))
    return {
        (instrument, number, reference)
        for row in cited
        for instrument, number in provisions.get(row["provision"], ())
        for reference in references.get(row["comm"], ())
    }


def company_letters(store: Store, state: URIRef) -> dict[str, set[str]]:
    """``{company IRI: references of the letters naming it}`` for the companies based in the
    State that have a name and are named in letters."""
    found: dict[str, set[str]] = {}
    for company in store.select(_COMPANIES, {"state": state}):
        node = company["company"]
        if not store.select(_COMPANY_NAMES, {"company": node}):
            continue
        references = {str(row["reference"]) for row in store.select(_COMPANY_LETTERS, {"company": node})}
        if references:
            found[str(node)] = references
    return found


def company_references(store: Store, state: URIRef, company: URIRef) -> set[str]:
    """The references of the letters naming ``company`` when it is listed under the State
    (:func:`company_letters` for one company)."""
    if not store.select(_HOME_STATE, {"company": company, "state": state}):
        return set()
    if not store.select(_COMPANY_NAMES, {"company": company}):
        return set()
    return {str(row["reference"]) for row in store.select(_COMPANY_LETTERS, {"company": company})}


def citing_references(store: Store, state: URIRef, instrument: str, number: str) -> set[str]:
    """The references of the letters to the State citing provision ``number`` of
    ``instrument`` (:func:`citations` for one provision)."""
    found: set[str] = set()
    for provision in store.select(_PROVISION_OF, {"instrumentId": Literal(instrument), "number": Literal(number)}):
        rows = store.select(_CITING_LETTERS, {"state": state, "provision": provision["provision"]})
        found.update(str(row["reference"]) for row in rows)
    return found


def company_name(store: Store, company: URIRef) -> str | None:
    """The shortest of a company's names (then the first in order)."""
    names = {str(row["name"]) for row in store.select(_COMPANY_NAMES, {"company": company})}
    return min(names, key=lambda n: (len(n), n)) if names else None


def company_entries(store: Store, letters: dict[str, tuple[list[str], int]]) -> list[dict[str, object]]:
    """The answer's companies from ``{company IRI: (references of letters naming it, sorted;
    their number)}``, by name (``communications_total`` when the references are only the first)."""
    entries = []
    for company, (references, total) in letters.items():
        name = company_name(store, URIRef(company))
        if name is None:
            continue
        entries.append({"name": name, **letters_shown(references, total)})
    return sorted(entries, key=lambda c: str(c["name"]).casefold())


def letters_shown(references: list[str], total: int) -> dict[str, object]:
    """``communications`` (the references given) and, when they are only the first of the
    letters (the per-State view keeps the first), ``communications_total``."""
    if total == len(references):
        return {"communications": references}
    return {"communications": references, "communications_total": total}


def treaty_actions(store: Store, state: URIRef) -> list[ActionRecord]:
    """Each action on the State with its source and the entry into force a source states (the
    entry into force the clause gives is derived when the answer is made, not read here)."""
    return [
        ActionRecord(str(row["instrumentId"]), str(row["type"]).rsplit("action-", 1)[-1],
                     PartialDate.parse(str(row["date"])), _source(row), _date(row.get("stated")))
        for row in action_rows(store, state)
    ]


def _numeric_key(value: str) -> tuple[int, str]:
    digits = "".join(c for c in value if c.isdigit())
    return (int(digits) if digits else 0, value)


def cited_provisions(store: Store, state: URIRef) -> dict[str, dict[str, set[str]]]:
    """``{instrument: {provision number: {communication references}}}`` for letters to the State."""
    cited: dict[str, dict[str, set[str]]] = {}
    for instrument, number, reference in citations(store, state):
        cited.setdefault(instrument, {}).setdefault(number, set()).add(reference)
    return cited


def companies(store: Store, state: URIRef) -> list[dict[str, object]]:
    """Companies whose home State is the State, with the letters naming them."""
    return company_entries(store, {company: (sorted(refs), len(refs)) for company, refs in company_letters(store, state).items()})


def letter_entries(store: Store, state: URIRef) -> dict[str, tuple[str | None, str | None]]:
    """``{letter IRI: (reference, date)}`` of the letters addressed to the State: the smallest
    of a letter's references and of its dates (documents may state several)."""
    found: dict[str, tuple[str | None, str | None]] = {}
    for row in store.select(_COMMUNICATIONS, {"state": state}):
        reference, date = found.get(str(row["comm"]), (None, None))
        found[str(row["comm"])] = (_smallest(reference, row.get("reference")), _smallest(date, row.get("date")))
    return found


def _smallest(known: str | None, value: Node | None) -> str | None:
    return min(filter(None, [known, str(value) if value is not None else None]), default=None)


def _reply(row: Row) -> tuple[str, str | None]:
    return (str(row["replyFile"]), str(row["replyDate"]) if row.get("replyDate") is not None else None)


def _reply_entries(replies: Iterable[tuple[str, str | None]]) -> list[dict[str, str | None]]:
    """Replies (document file name, date), by date then file name."""
    return [{"document": document, "date": date} for document, date in sorted(set(replies), key=lambda r: (r[1] or "", r[0]))]


def replies_to(store: Store, letter: URIRef) -> list[dict[str, str | None]]:
    """The replies to one letter."""
    return _reply_entries(_reply(row) for row in store.select(_REPLIES_TO, {"comm": letter}))


def communications(store: Store, state: URIRef) -> list[dict[str, object]]:
    """Letters addressed to the State (reference, date) and the replies to each."""
    replies: dict[str, list[tuple[str, str | None]]] = {}
    for row in store.select(_REPLIES, {"state": state}):
        replies.setdefault(str(row["comm"]), []).append(_reply(row))
    entries = [{"reference": reference, "date": date, "replies": _reply_entries(replies.get(comm, ()))}
               for comm, (reference, date) in letter_entries(store, state).items()]
    return sorted(entries, key=lambda c: (str(c["date"] or ""), str(c["reference"] or "")))


def instruments(store: Store) -> dict[str, InstrumentInfo]:
    """Title and bindingness of every instrument the graph describes."""
    return {
        str(row["instrumentId"]): InstrumentInfo(
            str(row["instrumentId"]), str(row["title"]), bool(row["binding"].toPython()),
            row.get("generalComment") is not None,
        )
        for row in store.select(_INSTRUMENTS)
    }
