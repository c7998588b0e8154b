"""The lists of the provision, instrument, company and mandate pages, a page at a time
(issue 18): each function returns ``(items, total)`` for one :class:`Paging`, reading the
list's keys with ``LIMIT``/``OFFSET`` and a separate count, then the details (passages,
actions, addressees) of the page's items only; each item's sources are cut to
``paging.sources`` with their total, authoritative first
(:func:`~rightsgraph.graph.source_order.source_order_key`).

``item_url`` arguments are the list route narrowed to one item: the ``*_next`` link of an
item's sources asks it for the next ones.
"""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from rightsgraph.graph import pages_queries as q
from rightsgraph.graph.obligations_model import (
    JOINING_KINDS, ActionRecord, Event, Source, authoritative_first, merge_events,
)
from rightsgraph.graph.obligations_view import ViewEvents, ViewNotExact
from rightsgraph.graph.pages_common import (
    Row, add_unique, communication_url, network_url, party_entry, source_of, text_of, work_kind,
)
from rightsgraph.graph.pages_paging import Paging, bounded_sources, with_query
from rightsgraph.graph.source_order import DEPOSITARY_KINDS, source_order_key
from rightsgraph.graph.state_view import VIEW_SOURCES, is_current, read_participants, read_rows
from rightsgraph.graph.store import Store
from rightsgraph.loaders.facts import PartialDate

__all__ = ["addressed_works", "mandate_works", "parties", "party_keys", "passages_of_works", "work_keys"]

Items = tuple[list[dict[str, Any]], int]


def _slice(paging: Paging) -> str:
    return f"LIMIT {paging.per_page} OFFSET {paging.offset}"


def _total(store: Store, query: str, bindings: dict[str, Any]) -> int:
    rows = store.select(query, bindings)
    return int(rows[0]["total"].toPython()) if rows else 0


# --- letters, replies and reports with their passages -----------------------------------------


def work_keys(store: Store, keys_query: str, count_query: str, bindings: dict[str, Any],
              paging: Paging, name: str | None = None) -> tuple[list[Row], int]:
    """One page of the works a list names (rows with ``work``, ``kindIri``, ``name``,
    ``workDate``, ``reference``), and how many there are; ``name`` narrows to that work."""
    if name is not None:
        rows = [r for r in store.select(keys_query % "", bindings) if str(r["name"]) == name]
        return rows, len(rows)
    return store.select(keys_query % _slice(paging), bindings), _total(store, count_query, bindings)


def passages_of_works(store: Store, keys: list[Row], passages_query: str, bindings: dict[str, Any],
                      paging: Paging, item_url: str) -> list[dict[str, Any]]:
    """The page entry of each work (as :func:`~rightsgraph.graph.pages_common.group_by_work`
    writes it) with its first ``paging.sources`` passages, ``passages_total`` and
    ``passages_next``."""
    entries = []
    for key in keys:
        passages: list[dict[str, Any]] = []
        for row in store.select(passages_query, {**bindings, "work": key["work"]}):
            add_unique(passages, source_of(row))
        passages.sort(key=lambda s: (s["document"], s["start"]))
        entry = _work_entry(key)
        entry.update(bounded_sources(passages, paging, with_query(item_url, {"work": entry["work"]}), "passages"))
        entries.append(entry)
    return entries


def _work_entry(key: Row) -> dict[str, Any]:
    kind, name = str(key["kindIri"]).rsplit("#", 1)[-1].lower(), str(key["name"])
    links = {"network": network_url(str(key["work"]))}
    if kind == "communication" and key.get("reference") is not None:
        links["page"] = communication_url(name)
    return {"work": name, "kind": kind, "date": text_of(key, "workDate"), "links": links}


# --- parties of an instrument ------------------------------------------------------------------


def party_keys(store: Store, instrument: URIRef, joined_only: bool = False,
               party: str | None = None) -> list[tuple[dict[str, Any], str]]:
    """Participants (entry without actions, IRI) in name order; ``joined_only``: parties, not
    mere signatories; ``party`` (ISO3 or id) narrows to one. From the per-State view's
    participation triples when it is current (a row per party, whatever the number of
    letters restating its actions), else from one key row per State and kind of action."""
    if is_current(store):
        found = read_participants(store, instrument, joined_only)
    else:
        found = _participants(store, instrument, joined_only)
    keys = [(party_entry(iri, label), iri) for iri, label in found.items()]
    if party is not None:
        keys = [k for k in keys if party in (k[0].get("iso3"), k[0].get("id"))]
    return sorted(keys, key=lambda k: k[0]["name"])


def _participants(store: Store, instrument: URIRef, joined_only: bool) -> dict[str, str | None]:
    """``{party IRI: label}`` read from every treaty action on ``instrument``."""
    kinds: dict[str, set[str]] = {}
    for row in store.select(q.PARTY_KINDS, {"instrument": instrument}):
        kinds.setdefault(str(row["party"]), set()).add(str(row["type"]).rsplit("action-", 1)[-1])
    labels = {str(r["party"]): str(r["label"]) for r in store.select(q.PARTY_LABELS, {"instrument": instrument})}
    return {iri: labels.get(iri) for iri, found in kinds.items() if not joined_only or found & set(JOINING_KINDS)}


def parties(store: Store, instrument: URIRef, paging: Paging, item_url: str,
            joined_only: bool = False, party: str | None = None) -> Items:
    """One page of :func:`party_keys`, each with its merged events (as the obligations view
    merges them) and each event's first sources: from the per-State view when the store keeps
    a current one and the page asks no more sources than it keeps, else from every source."""
    keys = party_keys(store, instrument, joined_only, party)
    shown = keys if party is not None else keys[paging.offset:paging.offset + paging.per_page]
    from_view = paging.sources_page == 1 and paging.sources <= VIEW_SOURCES and is_current(store)
    return [_party(store, instrument, iri, entry, paging, item_url, from_view) for entry, iri in shown], len(keys)


def _party(store: Store, instrument: URIRef, iri: str, entry: dict[str, Any], paging: Paging,
           item_url: str, from_view: bool) -> dict[str, Any]:
    narrowed = with_query(item_url, {"party": entry.get("iso3") or entry.get("id")})
    events = _viewed_events(store, instrument, iri, paging, narrowed) if from_view else None
    if events is None:
        events = _read_events(store, instrument, iri, paging, narrowed)
    joining = [e for e, _ in events if e.kind in JOINING_KINDS]
    since = min(joining, key=lambda e: e.date.earliest()) if joining else None
    return {**entry, "status": "party" if joining else "signatory",
            "since": since.date.iso() if since else None, "joined_by": since.kind if since else None,
            "events": [shown for e, shown in sorted(events, key=lambda pair: pair[0].date.earliest())]}


def _viewed_events(store: Store, instrument: URIRef, iri: str, paging: Paging,
                   narrowed: str) -> list[tuple[Event, dict[str, Any]]] | None:
    """The party's events from its per-State view rows (each event's first sources and
    their number), or None when the view cannot give them exactly (conflicting dates)."""
    instrument_id = str(instrument).rsplit("/", 1)[-1]
    rows = {key: row for key, row in read_rows(store, URIRef(iri)).items() if key[0] == instrument_id}
    if not rows:  # the party keys came from its actions: a view without them is not this store's
        return None
    viewed = ViewEvents.of(rows, {})
    try:
        events = viewed.merge(viewed.records)
    except ViewNotExact:
        return None
    return [(e, _shown(e, sorted(dict.fromkeys(e.sources), key=authoritative_first), paging, narrowed, e.total))
            for e in events]


def _read_events(store: Store, instrument: URIRef, iri: str, paging: Paging,
                 narrowed: str) -> list[tuple[Event, dict[str, Any]]]:
    bindings = {"instrument": instrument, "party": URIRef(iri)}
    order = _document_order(store, bindings)
    actions, by_document = [], {}
    for row in store.select(q.PARTY_ACTIONS, bindings):
        depositary, date, reference = order.get(str(row["doc"]), (False, None, None))
        source = Source(reference or str(row["file"]), str(row["quote"]),
                        int(row["start"].toPython()), int(row["end"].toPython()))
        by_document[source.document] = (depositary, date)
        actions.append(ActionRecord(str(instrument).rsplit("/", 1)[-1], str(row["type"]).rsplit("action-", 1)[-1],
                                    PartialDate.parse(str(row["date"])), source))

    def key(source: Source) -> tuple[Any, ...]:
        depositary, date = by_document.get(source.document, (False, None))
        return source_order_key(depositary=depositary, date=date, document=source.document, start=source.start)

    return [(e, _shown(e, sorted(dict.fromkeys(e.sources), key=key), paging, narrowed, None))
            for e in merge_events(actions)]


def _shown(event: Event, ordered: list[Source], paging: Paging, item_url: str, total: int | None) -> dict[str, Any]:
    return {"kind": event.kind, "date": event.date.iso(),
            **bounded_sources([s.to_json() for s in ordered], paging, item_url, total=total)}


def _document_order(store: Store, bindings: dict[str, Any]) -> dict[str, tuple[bool, str | None, str | None]]:
    """``{document IRI: (depositary, work date, letter reference)}`` for one party's actions."""
    found: dict[str, tuple[bool, str | None, str | None]] = {}
    for row in store.select(q.PARTY_DOCUMENT_KINDS, bindings):
        kind = str(row["docKind"]).rsplit("doc-", 1)[-1]
        found[str(row["doc"])] = (kind in DEPOSITARY_KINDS, None, None)
    for row in store.select(q.PARTY_DOCUMENT_WORKS, bindings):
        depositary, date, reference = found.get(str(row["doc"]), (False, None, None))
        letter_ref = text_of(row, "reference") if work_kind(row) == "communication" else None
        found[str(row["doc"])] = (depositary, min(filter(None, (date, text_of(row, "workDate"))), default=None),
                                  reference or letter_ref)
    return found


# --- letters to a company, works of a mandate ---------------------------------------------------


def addressed_works(store: Store, target: URIRef, paging: Paging) -> Items:
    """Letters addressed to ``target`` by date, then reference."""
    bindings = {"target": target}
    rows = store.select(q.ADDRESSED_WORKS % _slice(paging), bindings)
    items = [{"reference": text_of(r, "reference"), "date": text_of(r, "workDate"),
              "links": {"page": communication_url(str(r["reference"]))} if r.get("reference") is not None else {}}
             for r in rows]
    return items, _total(store, q.ADDRESSED_COUNT, bindings)


def mandate_works(store: Store, mandate: URIRef, kind: URIRef, paging: Paging) -> Items:
    """Letters (``kind`` rg:Communication) or replies (rg:Reply) of a mandate by date, then
    reference, each with the States and companies it is addressed to."""
    bindings = {"mandate": mandate, "kind": kind}
    items = []
    for row in store.select(q.MANDATE_WORK_KEYS % _slice(paging), bindings):
        name = "communication" if str(kind).endswith("Communication") else "reply"
        entry = {"kind": name, "reference": text_of(row, "reference"), "date": text_of(row, "workDate"),
                 "addressees": [], "links": {"network": network_url(str(row["work"]))}}
        if entry["reference"] and name == "communication":
            entry["links"]["page"] = communication_url(entry["reference"])
        for target in store.select(q.WORK_ADDRESSEES, {"work": row["work"]}):
            add_unique(entry["addressees"], str(target["target"]).rsplit("/", 1)[-1])
        entry["addressees"].sort()
        items.append(entry)
    return items, _total(store, q.MANDATE_WORK_COUNT, bindings)
