"""Obligations answers that stay the same size whatever the corpus holds (issue 18).

The full computation (:func:`rightsgraph.graph.obligations.obligations`) lists every source of
every fact; a State's CRC ratification may be restated by thousands of letters. The bounded
answer (:func:`bound_obligations`) keeps, per list that grows with the corpus, the first
``sources`` items (``per_page`` for the State's letters), the total, and a link to the page
after them; the pages (:func:`fact_sources`, :func:`state_communications`,
:func:`citing_letters`, :func:`company_letters`, :func:`instrument_status_sources`, each
paged by :func:`page_of`) hold the whole list in the answer's order, so nothing is lost.

A *fact id* names a merged event: ``{ISO3}.{instrument}.{kind}.{date}``, e.g.
``CHN.CRC.ratification.1992-03-02``. It is built from what the event is (the State, the
instrument, the kind of action and the date the sources give), never from a store position,
so an unrelated ingest leaves it valid; a source refining the date (``1992`` to
``1992-03-02``) names a new event, and the old id then still finds it when the event is the
only one of its kind the old date can denote.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from rightsgraph.errors import UnknownFactError
from rightsgraph.graph import obligations_queries as q
from rightsgraph.graph.obligations_model import merge_events
from rightsgraph.graph.obligations_sources import status_sources
from rightsgraph.graph.pages_paging import DEFAULT_PER_PAGE, DEFAULT_SOURCES, Paging, with_query
from rightsgraph.graph.rdf_terms import state_iri
from rightsgraph.graph.store import Store
from rightsgraph.loaders.facts import PartialDate
from rightsgraph.loaders.reference.states import find_state

__all__ = [
    "FactKey", "bound_obligations",
    "check_paging", "citing_letters", "event_overflow", "overflow", "company_letters", "fact_id", "fact_sources", "instrument_status_sources",
    "most_recent_first", "page_of", "parse_fact_id", "state_communications",
]


_PART = re.compile(r"^[A-Za-z0-9_-]+$")

Item = dict[str, Any]


@dataclass(frozen=True, slots=True)
class FactKey:
    """What a fact id names: one merged treaty action of a State."""

    iso3: str
    instrument: str
    kind: str
    date: str


def fact_id(iso3: str, instrument: str, kind: str, date: str) -> str:
    """The URL-safe id of the event (see the module docstring).

    >>> fact_id("CHN", "CRC", "ratification", "1992-03-02")
    'CHN.CRC.ratification.1992-03-02'
    """
    return ".".join((iso3, instrument, kind, date))


def parse_fact_id(value: str) -> FactKey:
    """The parts of a fact id; an id that is not one is an unknown fact (404).

    >>> parse_fact_id("CHN.ICCPR-OP1.signature.1998")
    FactKey(iso3='CHN', instrument='ICCPR-OP1', kind='signature', date='1998')
    """
    head, _, rest = value.partition(".")
    parts = [head, *rest.rsplit(".", 2)]
    if len(parts) != 4 or not all(_PART.match(p) for p in parts):
        raise UnknownFactError(value)
    try:
        PartialDate.parse(parts[3])
    except ValueError:
        raise UnknownFactError(value) from None
    return FactKey(*parts)


def check_paging(*, sources: int | None = None, page: int | None = None, per_page: int | None = None) -> None:
    """Raise :class:`~rightsgraph.errors.UsageError` (400) for a value out of its range (the
    ranges of :class:`~rightsgraph.graph.pages_paging.Paging`, the one check of them)."""
    Paging(page=1 if page is None else page, per_page=DEFAULT_PER_PAGE if per_page is None else per_page,
           sources=DEFAULT_SOURCES if sources is None else sources)


def page_of(items: list[Any], page: int, per_page: int, link: Callable[[int], str]) -> Item:
    """One page of ``items`` in the bounded list shape; ``link(p)`` is the URL of page ``p``.
    A page after the last is empty (its ``total`` says how many there are)."""
    check_paging(page=page, per_page=per_page)
    start = (page - 1) * per_page
    more = start + per_page < len(items)
    return {"items": items[start:start + per_page], "total": len(items), "page": page, "per_page": per_page,
            "next": link(page + 1) if more else None}


def _link(path: str, page: int, per_page: int | None, **narrowing: str) -> str:
    """``path`` asking for page ``page`` (and ``per_page`` when given) of the list narrowed by ``narrowing``."""
    return with_query(path, {**narrowing, "page": page} | ({"per_page": per_page} if per_page else {}))


def fact_sources_link(fid: str, page: int, per_page: int | None = None) -> str:
    return _link(f"/facts/{quote(fid, safe='')}/sources", page, per_page)


def communications_link(iso3: str, page: int, per_page: int | None = None) -> str:
    return _link(f"/states/{iso3}/communications", page, per_page)


def citing_letters_link(iso3: str, instrument: str, provision: str, page: int, per_page: int | None = None) -> str:
    path = f"/states/{iso3}/provisions/{quote(instrument, safe='')}/{quote(provision, safe='')}/communications"
    return _link(path, page, per_page)


def company_letters_link(iso3: str, company: str, page: int, per_page: int | None = None) -> str:
    return _link(f"/states/{iso3}/companies/communications", page, per_page, company=company)


def status_sources_link(iso3: str, instrument: str, page: int, per_page: int | None = None) -> str:
    return _link(f"/states/{iso3}/status-sources", page, per_page, instrument=instrument)


def overflow(shown: list[Any], total: int, link: str) -> Item | None:
    """What a brief prints after a bounded list: ``shown`` of ``total`` (with thousands
    separators) and the link to all of them; None when nothing was left out."""
    if total <= len(shown):
        return None
    return {"shown": len(shown), "total": total, "total_text": f"{total:,}", "more": total - len(shown), "link": link}


def event_overflow(event: Item) -> Item | None:
    """:func:`overflow` of a bounded event's sources (None for a full, unbounded one)."""
    if "sources_total" not in event:
        return None
    return overflow(event["sources"], event["sources_total"], fact_sources_link(event["id"], 1))


def _first(items: list[Any], count: int, link: Callable[[int, int | None], str],
           total: int | None = None) -> tuple[list[Any], int, str | None]:
    """The first ``count`` items, the total (``total`` when ``items`` are only the first of
    them) and the link to the page after them (the first page of the default size when
    ``count`` is 0)."""
    total = len(items) if total is None else total
    if total <= count:
        return items, total, None
    return items[:count], total, link(2, count) if count else link(1, None)


def bound_obligations(answer: Item, sources: int = DEFAULT_SOURCES, per_page: int = DEFAULT_PER_PAGE) -> Item:
    """A copy of the full ``answer`` with every list that grows with the corpus bounded: per
    event its first ``sources`` sources (authoritative first, :func:`~rightsgraph.graph.
    obligations_model.authoritative_first`) with ``id``, ``sources_total`` and
    ``sources_next``; the same for each entry's ``status_sources``, each cited provision's
    and each company's ``communications``; each complaint route's ``sources`` with
    ``sources_total`` and ``source_facts``; the State's letters most recent first,
    ``per_page`` of them, with ``communications_total`` and ``communications_next``."""
    check_paging(sources=sources, per_page=per_page)
    iso3 = answer["state"]["iso3"]
    letters = most_recent_first(answer["communications"])
    shown, total, following = _first(letters, per_page, lambda p, k: communications_link(iso3, p, k),
                                      total=answer.get("communications_total"))
    by_instrument = {entry["instrument"]: entry for entry in answer["obligations"]}
    return {
        **answer,
        "obligations": [_bound_entry(iso3, entry, sources) for entry in answer["obligations"]],
        "complaint_routes": [_bound_route(iso3, route, by_instrument.get(route["instrument"]), sources)
                             for route in answer["complaint_routes"]],
        "companies": [
            _bound_communications(company, sources, lambda p, k, name=company["name"]: company_letters_link(
                iso3, name, p, k))
            for company in answer["companies"]
        ],
        "communications": shown, "communications_total": total, "communications_next": following,
    }


def _bound_entry(iso3: str, entry: Item, count: int) -> Item:
    instrument = entry["instrument"]
    shown, total, following = _first(entry["status_sources"], count,
                                      lambda p, k: status_sources_link(iso3, instrument, p, k),
                                      total=entry.get("status_sources_total"))
    return {
        **entry,
        "events": [_bound_event(iso3, instrument, event, count) for event in entry["events"]],
        "status_sources": shown, "status_sources_total": total, "status_sources_next": following,
        "cited_provisions": [
            _bound_communications(cited, count, lambda p, k, n=cited["provision"]: citing_letters_link(
                iso3, instrument, n, p, k))
            for cited in entry["cited_provisions"]
        ],
    }


def _bound_route(iso3: str, route: Item, entry: Item | None, count: int) -> Item:
    """A complaint route's first ``count`` sources, their total and, for a protocol's route,
    the ids of the events whose sources they are (``/facts/{id}/sources`` pages each; a
    clause's route cites the State's declarations, which the entry lists whole)."""
    protocol = route["article"] is None and entry is not None and bool(route["sources"])
    facts = [fact_id(iso3, route["instrument"], e["kind"], e["date"]) for e in entry["events"]] if protocol else []
    total = sum(_total(e) for e in entry["events"]) if protocol and entry is not None else len(route["sources"])
    return {**route, "sources": route["sources"][:count], "sources_total": total, "source_facts": facts}


def _total(event: Item) -> int:
    """An event's number of sources: its ``sources_total`` when it shows only the first
    ones (an answer made from the per-State view), else the length of its list."""
    return int(event.get("sources_total", len(event["sources"])))


def _bound_event(iso3: str, instrument: str, event: Item, count: int) -> Item:
    fid = fact_id(iso3, instrument, event["kind"], event["date"])
    shown, total, following = _first(event["sources"], count, lambda p, k: fact_sources_link(fid, p, k),
                                      total=_total(event))
    return {**event, "id": fid, "sources": shown, "sources_total": total, "sources_next": following}


def _bound_communications(item: Item, count: int, link: Callable[[int, int | None], str]) -> Item:
    shown, total, following = _first(item["communications"], count, link, total=item.get("communications_total"))
    return {**item, "communications": shown, "communications_total": total, "communications_next": following}


def most_recent_first(letters: list[Item]) -> list[Item]:
    """Letters by date, the most recent first (undated ones last), then by reference."""
    undated = sorted((c for c in letters if not c["date"]), key=lambda c: str(c["reference"] or ""))
    dated = sorted((c for c in letters if c["date"]), key=lambda c: str(c["reference"] or ""))
    dated.sort(key=lambda c: PartialDate.parse(str(c["date"])).earliest(), reverse=True)
    return dated + undated


# --- the pages behind the links ------------------------------------------------------------

def fact_sources(store: Store, fid: str) -> list[Item]:
    """Every source of the event ``fid`` names, authoritative first. Raises
    :class:`~rightsgraph.errors.UnknownFactError` (404) when the store has no such event."""
    key = parse_fact_id(fid)
    state = find_state(key.iso3)
    actions = [a for a in q.treaty_actions(store, state_iri(state.iso3)) if a.instrument == key.instrument]
    events = [e for e in merge_events(actions) if e.kind == key.kind]
    exact = [e for e in events if e.date.iso() == key.date]
    if not exact:  # an id made before a source refined the date: found when unambiguous
        coarse = PartialDate.parse(key.date)
        exact = [e for e in events if e.admits(coarse)]
    if len(exact) != 1:
        raise UnknownFactError(fid)
    return exact[0].to_json()["sources"]


def state_communications(store: Store, state_query: str) -> tuple[str, list[Item]]:
    """The State's ISO code and the letters addressed to it, most recent first."""
    state = find_state(state_query)
    return state.iso3, most_recent_first(q.communications(store, state_iri(state.iso3)))


def citing_letters(store: Store, state_query: str, instrument: str, provision: str) -> tuple[str, list[str]]:
    """The State's ISO code and the references of its letters citing the provision, sorted."""
    state = find_state(state_query)
    cited = q.cited_provisions(store, state_iri(state.iso3))
    return state.iso3, sorted(cited.get(instrument, {}).get(provision, set()))


def company_letters(store: Store, state_query: str, company: str) -> tuple[str, list[str]]:
    """The State's ISO code and the references of the letters naming ``company`` (its name as
    the obligations answer gives it), sorted."""
    state = find_state(state_query)
    found = [c for c in q.companies(store, state_iri(state.iso3)) if c["name"] == company]
    return state.iso3, sorted({str(ref) for c in found for ref in c["communications"]})  # type: ignore[attr-defined]


def instrument_status_sources(store: Store, state_query: str, instrument: str) -> tuple[str, list[Item]]:
    """The State's ISO code and every source setting its status for ``instrument``, newest first."""
    state = find_state(state_query)
    found = status_sources(store, state_iri(state.iso3)).get(instrument, [])
    return state.iso3, [s.to_json() for s in found]
