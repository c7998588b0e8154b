"""Keeping the letter rows of the per-State view (:mod:`rightsgraph.graph.letter_view`) up to
date when one graph is written or dropped, at the cost of the letters the graph states
something about, not of the State's letters.

The letters *touched* by a graph are those it types as letters, gives an addressee or a cited
provision (in its old or new version). For each, the triples about it in every graph are read
with one bound query; the items the full computation would give (a letter of a State, a
reference citing a provision) are worked out from those triples as the store holds them
(*before*) and as the write leaves them (the graph's old triples out, its new ones in:
*after*). Their difference is applied to the stored rows: counts move, new items merge into
the first ones, and only a list that kept a removed item among its first ones and was cut
is read again in full (the store before the write, less the removed, plus the added items).

Companies the same way: those the graph types, gives a home State or names in a mention, and
those named in the letters it touches. A company's merged triples (type, name, home State)
are each looked up in a graph other than the written one; when that changes the States it is
listed under, every letter naming it is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from rightsgraph.graph import letter_view as lv
from rightsgraph.graph import obligations_queries as q
from rightsgraph.graph.rdf_terms import ELI, RG
from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES as _PREFIXES
from rightsgraph.graph.store import Store

__all__ = [
    "STATES_OF_COMPANIES", "STATES_OF_TOUCHED", "TOUCHED_COMPANIES", "TOUCHED_LETTERS", "LetterDelta", "apply_delta",
    "full_rows", "letter_delta",
]

# The letters a graph states something about (run on the graph alone, or in GRAPH ?g).
_TOUCHED_PATTERN = """{ ?comm a rg:Communication . } UNION { ?comm rg:addressee ?x . }
  UNION { ?comm rg:citesProvision ?x . }"""
TOUCHED_LETTERS = _PREFIXES + "SELECT DISTINCT ?comm WHERE { " + _TOUCHED_PATTERN + " }"
# The States whose letter rows a graph ?g of a bulk batch may change.
STATES_OF_TOUCHED = _PREFIXES + """
SELECT DISTINCT ?state WHERE { GRAPH ?g { """ + _TOUCHED_PATTERN + """ } ?comm rg:addressee ?state . }"""
# The States whose company rows a graph ?g of a bulk batch may change.
STATES_OF_COMPANIES = _PREFIXES + """
SELECT DISTINCT ?state WHERE { GRAPH ?g { { ?company rg:homeState ?x . } UNION { ?mention rg:company ?company . } }
  ?company rg:homeState ?state . }"""
_LETTER_TRIPLES = _PREFIXES + "SELECT ?g ?p ?o WHERE { GRAPH ?g { ?comm ?p ?o } }"
_OWN_TRIPLES = _PREFIXES + "SELECT ?p ?o WHERE { ?comm ?p ?o }"
# A provision's number and instrument with the instrument's identifier, from the merged graph:
# every letter citing a provision restates them, so each is then checked in a graph other than
# the written one (never listed per graph); a new graph's own are read from it (a letter may
# state a provision the reference data lacks).
_PROVISION = _PREFIXES + """
SELECT DISTINCT ?number ?instrument ?instrumentId WHERE {
  ?provision eli:number ?number ; eli:is_part_of ?instrument .
  ?instrument dcterms:identifier ?instrumentId .
}
"""
_OWN_PROVISION = _PREFIXES + """
SELECT DISTINCT ?number ?instrument WHERE { ?provision eli:number ?number ; eli:is_part_of ?instrument . }
"""
_IDENTIFIER = _PREFIXES + "SELECT DISTINCT ?instrumentId WHERE { ?instrument dcterms:identifier ?instrumentId . }"
_KEPT = {RDF.type, RG.addressee, RG.citesProvision, DCTERMS.identifier, DCTERMS.date}
# Companies a graph states something about: typed, given a home State or named in a mention.
TOUCHED_COMPANIES = _PREFIXES + """
SELECT DISTINCT ?company WHERE { { ?company a rg:Company . } UNION { ?company rg:homeState ?x . }
  UNION { ?mention rg:company ?company ; a rg:CompanyMention . } }"""
_COMPANY_FACTS = _PREFIXES + "SELECT DISTINCT ?p ?o WHERE { ?company ?p ?o . }"
_GRAPHS_OF_TRIPLE = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 2"
# (company, letter) pairs: a mention of the company stated in the letter, per graph.
_MENTIONS = _PREFIXES + """
SELECT DISTINCT ?company ?comm WHERE { ?mention rg:company ?company ; a rg:CompanyMention ; rg:statedIn ?comm . }"""
_MENTIONS_OF_LETTER = _PREFIXES + """
SELECT DISTINCT ?company WHERE { ?mention rg:statedIn ?comm ; rg:company ?company ; a rg:CompanyMention . }"""
_MENTIONS_OF_COMPANY = _PREFIXES + """
SELECT DISTINCT ?comm WHERE { ?mention rg:company ?company ; a rg:CompanyMention ; rg:statedIn ?comm . }"""
_PAIR_GRAPHS = _PREFIXES + """
SELECT DISTINCT ?g WHERE { GRAPH ?g { ?mention rg:statedIn ?comm ; rg:company ?company ; a rg:CompanyMention . } }"""
_COMPANY_KEPT = {RDF.type, RG.homeState, RDFS.label}
Cited = tuple[str, str, str]  # instrument, number, reference


@dataclass(slots=True)
class _Facts:
    """What a letter's triples give the full computation."""

    letter: bool = False
    addressees: set[str] = field(default_factory=set)
    cites: set[Node] = field(default_factory=set)
    references: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)

    @staticmethod
    def of(pairs: Iterable[tuple[Node, Node]]) -> _Facts:
        facts = _Facts()
        for predicate, value in pairs:
            if predicate == RDF.type:
                facts.letter = facts.letter or value == RG.Communication
            elif predicate == RG.addressee and str(value).startswith(lv.STATE_PREFIX):
                facts.addressees.add(str(value))
            elif predicate == RG.citesProvision:
                facts.cites.add(value)
            elif predicate == DCTERMS.identifier:
                facts.references.add(str(value))
            elif predicate == DCTERMS.date:
                facts.dates.add(str(value))
        return facts


@dataclass(slots=True)
class LetterDelta:
    """One State's items a write removes and adds."""

    letters_removed: set[lv.Letter] = field(default_factory=set)
    letters_added: set[lv.Letter] = field(default_factory=set)
    cited_removed: set[Cited] = field(default_factory=set)
    cited_added: set[Cited] = field(default_factory=set)
    companies_removed: set[tuple[str, str]] = field(default_factory=set)  # (company IRI, reference)
    companies_added: set[tuple[str, str]] = field(default_factory=set)


def _letters(comm: str, facts: _Facts) -> dict[str, lv.Letter]:
    if not facts.letter:
        return {}
    item = (comm, min(facts.references, default=None), min(facts.dates, default=None))
    return {state: item for state in facts.addressees}


def _cited(facts: _Facts, numbers: Numbers) -> dict[str, set[Cited]]:
    if not facts.letter:
        return {}
    found = {(instrument, number, reference) for provision in facts.cites
             for instrument, number in numbers.get(provision, ()) for reference in facts.references}
    return {state: found for state in facts.addressees if found}


Numbers = dict[Node, list[tuple[str, str]]]  # provision -> (instrument id, number)


@dataclass(slots=True)
class _ProvisionNumbers:
    """The provisions' numbers as the store holds them (``before``) and as the write leaves
    them (``after``)."""

    store: Store
    graph: str
    new: Store | None
    before: Numbers = field(default_factory=dict)
    after: Numbers = field(default_factory=dict)

    def read(self, provisions: set[Node]) -> None:
        for provision in provisions - set(self.before):
            rows = self.store.select(_PROVISION, {"provision": provision})
            self.before[provision] = sorted({(str(r["instrumentId"]), str(r["number"])) for r in rows})
            after = {(str(r["instrumentId"]), str(r["number"])) for r in rows
                     if _stated_elsewhere(self.store, self.graph, provision, ELI.number, r["number"])
                     and _stated_elsewhere(self.store, self.graph, provision, ELI.is_part_of, r["instrument"])}
            self.after[provision] = sorted(after | self._own(provision))

    def _own(self, provision: Node) -> set[tuple[str, str]]:
        if self.new is None:
            return set()
        found = set()
        for row in self.new.select(_OWN_PROVISION, {"provision": provision}):
            for source in (self.new, self.store):
                found.update((str(r["instrumentId"]), str(row["number"]))
                             for r in source.select(_IDENTIFIER, {"instrument": row["instrument"]}))
        return found


def letter_delta(store: Store, graph: str, old: Store | None, new: Store | None) -> dict[str, LetterDelta]:
    """Per State, the items writing ``new`` (the graph's new triples alone; None: the graph is
    dropped) to ``graph`` (``old``: its old triples alone, None if absent) removes and adds."""
    touched = {row["comm"] for scratch in (old, new) if scratch is not None for row in scratch.select(TOUCHED_LETTERS)}
    deltas: dict[str, LetterDelta] = {}
    numbers = _ProvisionNumbers(store, graph, new)
    letters: dict[Node, tuple[_Facts, _Facts]] = {}
    for comm in sorted(touched, key=str):
        letters[comm] = before, after = _letter_facts(store, graph, comm, new)
        numbers.read(before.cites | after.cites)
        _record(deltas, _letters(str(comm), before), _letters(str(comm), after), "letters")
        _record(deltas, _cited(before, numbers.before), _cited(after, numbers.after), "cited")
    _company_delta(store, graph, old, new, letters, deltas)
    return {state: delta for state, delta in deltas.items() if any(
        (delta.letters_removed, delta.letters_added, delta.cited_removed, delta.cited_added,
         delta.companies_removed, delta.companies_added))}


def _letter_facts(store: Store, graph: str, comm: Node, new: Store | None) -> tuple[_Facts, _Facts]:
    """A letter's facts as the store holds them and as the write leaves them."""
    rows = [row for row in store.select(_LETTER_TRIPLES, {"comm": comm}) if row["p"] in _KEPT]
    kept = [(row["p"], row["o"]) for row in rows if str(row["g"]) != graph]
    own = [(row["p"], row["o"]) for row in new.select(_OWN_TRIPLES, {"comm": comm})] if new is not None else []
    return _Facts.of((row["p"], row["o"]) for row in rows), _Facts.of(kept + [pair for pair in own if pair[0] in _KEPT])


# --- companies --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Company:
    """What makes a company listed under States: its home States, when it is typed and named."""

    homes: frozenset[str]
    listed: bool

    @staticmethod
    def of(pairs: Iterable[tuple[Node, Node]]) -> _Company:
        pairs = list(pairs)
        typed = any(p == RDF.type and o == RG.Company for p, o in pairs)
        named = any(p == RDFS.label for p, _ in pairs)
        homes = frozenset(str(o) for p, o in pairs if p == RG.homeState and str(o).startswith(lv.STATE_PREFIX))
        return _Company(homes, typed and named)


def _company_facts(store: Store, graph: str, company: Node, new: Store | None) -> tuple[_Company, _Company]:
    """A company's facts before and after the write: each triple of the merged graph is kept
    when a graph other than the written one also states it (a bound lookup, not a scan of the
    many documents that repeat a company's name and home State)."""
    pairs = [(r["p"], r["o"]) for r in store.select(_COMPANY_FACTS, {"company": company}) if r["p"] in _COMPANY_KEPT]
    kept = [pair for pair in pairs if _stated_elsewhere(store, graph, company, *pair)]
    own = [(r["p"], r["o"]) for r in new.select(_COMPANY_FACTS, {"company": company})] if new is not None else []
    return _Company.of(pairs), _Company.of(kept + own)


def _stated_elsewhere(store: Store, graph: str, subject: Node, predicate: Node, value: Node) -> bool:
    rows = store.select(_PREFIXES + _GRAPHS_OF_TRIPLE, {"s": subject, "p": predicate, "o": value})
    return any(str(row["g"]) != graph for row in rows)


def _company_delta(store: Store, graph: str, old: Store | None, new: Store | None,
                   letters: dict[Node, tuple[_Facts, _Facts]], deltas: dict[str, LetterDelta]) -> None:
    """The (company, reference) items of each State the write changes: the companies the graph
    states something about, and the companies named in the letters it touches."""
    pairs: set[tuple[Node, Node]] = set()
    for scratch in (old, new):
        if scratch is not None:
            pairs.update((row["company"], row["comm"]) for row in scratch.select(_MENTIONS))
    for comm in letters:
        pairs.update((row["company"], comm) for row in store.select(_MENTIONS_OF_LETTER, {"comm": comm}))
    companies = {row["company"] for scratch in (old, new) if scratch is not None
                 for row in scratch.select(TOUCHED_COMPANIES)} | {company for company, _ in pairs}
    states: dict[Node, tuple[_Company, _Company]] = {}
    for company in sorted(companies, key=str):
        states[company] = before, after = _company_facts(store, graph, company, new)
        if before != after:  # listed under other States, or no longer: every letter naming it
            pairs.update((company, row["comm"]) for row in store.select(_MENTIONS_OF_COMPANY, {"company": company}))
    new_pairs = {(row["company"], row["comm"]) for row in new.select(_MENTIONS)} if new is not None else set()
    for company, comm in sorted(pairs, key=str):
        graphs = {str(row["g"]) for row in store.select(_PAIR_GRAPHS, {"comm": comm, "company": company})}
        named_after = bool(graphs - {graph}) or (company, comm) in new_pairs
        facts = letters.get(comm) or (_Facts.of((r["p"], r["o"]) for r in store.select(_OWN_TRIPLES, {"comm": comm})),) * 2
        before = _company_items(str(company), states[company][0], facts[0]) if graphs else {}
        after = _company_items(str(company), states[company][1], facts[1]) if named_after else {}
        _record(deltas, before, after, "companies")


def _company_items(company: str, facts: _Company, letter: _Facts) -> dict[str, set[tuple[str, str]]]:
    if not facts.listed or not letter.letter:
        return {}
    found = {(company, reference) for reference in letter.references}
    return {state: found for state in facts.homes if found}


def _record(deltas: dict[str, LetterDelta], before: dict, after: dict, kind: str) -> None:
    for state in set(before) | set(after):
        old = _as_set(before.get(state))
        new = _as_set(after.get(state))
        delta = deltas.setdefault(state, LetterDelta())
        getattr(delta, f"{kind}_removed").update(old - new)
        getattr(delta, f"{kind}_added").update(new - old)


def _as_set(value: object) -> set:
    if value is None:
        return set()
    return set(value) if isinstance(value, set) else {value}


def full_rows(store: Store, state: URIRef, kept_sources: int) -> lv.LetterRows:
    """A State's letter rows from every letter (the rebuild's and a cut list's reading)."""
    letters = [(comm, reference, date) for comm, (reference, date) in q.letter_entries(store, state).items()]
    return lv.letter_rows_of(letters, q.citations(store, state), q.company_letters(store, state), kept_sources)


def apply_delta(store: Store, state: URIRef, rows: lv.LetterRows, delta: LetterDelta, kept_sources: int) -> lv.LetterRows:
    """``rows`` after the write ``delta`` describes (the store still as before the write). A
    list is read in full (the State's letters, one provision's citing letters, one company's
    letters) only when it was cut and lost one of its first items."""
    letters = _moved(rows.letters, delta.letters_removed, delta.letters_added, lv.letter_order, lv.LETTERS_KEPT,
                     lambda: {(comm, ref, date) for comm, (ref, date) in q.letter_entries(store, state).items()})
    cited = _moved_rows(rows.cited, _grouped(delta.cited_removed), _grouped(delta.cited_added), kept_sources,
                        lambda key: q.citing_references(store, state, *key))
    companies = _moved_rows(rows.companies, _grouped(delta.companies_removed), _grouped(delta.companies_added),
                            kept_sources, lambda company: q.company_references(store, state, URIRef(company)))
    return lv.LetterRows(letters, cited, companies)


def _grouped(items: set[tuple[str, ...]]) -> dict[Any, set[str]]:
    """Items ``(*key, reference)`` as ``{key: references}`` (a one-part key as itself)."""
    grouped: dict[Any, set[str]] = {}
    for *key, reference in items:
        grouped.setdefault(key[0] if len(key) == 1 else tuple(key), set()).add(reference)
    return grouped


def _moved_rows(rows: dict[Any, lv.Counted], removed: dict[Any, set[str]], added: dict[Any, set[str]],
                kept: int, read: Callable[[Any], set[str]]) -> dict[Any, lv.Counted]:
    """Reference lists by key (cited provisions, companies) with ``removed`` and ``added``
    applied; ``read(key)``: a key's list in full, before the write."""
    moved_rows = dict(rows)
    for key in set(removed) | set(added):
        moved = _moved(rows.get(key), removed.get(key, set()), added.get(key, set()), lv.cited_order, kept,
                       lambda key=key: read(key))
        if moved is None:
            moved_rows.pop(key, None)
        else:
            moved_rows[key] = moved
    return moved_rows


def _moved(row: lv.Counted | None, removed: set, added: set, order, kept: int, every) -> lv.Counted | None:  # noqa: ANN001
    """A list's row with ``removed`` items out and ``added`` ones in."""
    count = (row.count if row else 0) - len(removed) + len(added)
    if count <= 0:
        return None
    first = row.first if row else []
    if row is not None and not row.is_whole() and removed & set(first):  # read the rest again
        return lv.counted_of((every() - removed) | added, order, kept)
    return lv.Counted(count, sorted(set(first) - removed | added, key=order)[:kept])
