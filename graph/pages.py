"""Entity pages: what the graph says about one letter, provision, instrument, company or
mandate, as JSON-ready dicts where every fact carries the passage (document, quote, offsets)
that states it.

All SPARQL is in :mod:`rightsgraph.graph.pages_queries` and runs through
``Store.select(query, bindings)``: the entity is bound as an IRI built by
:mod:`rightsgraph.graph.rdf_terms`, never formatted into a query. Unknown entities raise
:class:`~rightsgraph.errors.NotFoundError` (404); unknown instruments
:class:`~rightsgraph.errors.UnknownInstrumentError` and unknown mandates the reference table's
``NotFoundError``.

Every page has ``links``: the URLs of the service's pages about the entity and its neighbours
(``/communications/...``, ``/provisions/...``, ``/states/{iso3}``, ``/graph/view?iri=...``).
"""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from rightsgraph.errors import NotFoundError
from rightsgraph.graph import pages_queries as q
from rightsgraph.graph.pages_entities import (  # noqa: F401 - the pages of issue 18, re-exported
    LISTS, company_page, entity_list, instrument_page, mandate_page, provision_page,
)
from rightsgraph.graph.pages_common import (  # noqa: F401 - the URL builders are re-exported
    COMPANY_PREFIX, STATE_PREFIX, Row, add_unique, communication_url, company_url, group_by_work,
    instrument_title, instrument_url, mandate_url, network_url, number_key, party_entry, provision_label,
    provision_url, source_of, state_url, text_of, work_entry, work_kind, work_name,
)
from rightsgraph.graph.pages_attributes import attribute_sources
from rightsgraph.graph.pages_response import joint_action_replies, mark_sibling_replies, response_section
from rightsgraph.graph.rdf_terms import communication_iri, instrument_iri, provision_iri
from rightsgraph.graph.store import Store
from rightsgraph.loaders.facts import PartialDate
from rightsgraph.loaders.reference.mandates import mandate_by_id, title_on

__all__ = [
    "LISTS", "communication_page", "entity_list", "communication_url", "company_page", "company_url", "instrument_page",
    "instrument_url", "mandate_page", "mandate_url", "network_url", "provision_page", "provision_url",
    "state_url",
]

# --- communications ----------------------------------------------------------------------------


def communication_page(store: Store, reference: str) -> dict[str, Any]:
    """Everything the graph says about the letter ``reference`` ("AL CHN 3/2021").

    Keys: ``reference``, ``type``, ``date``, ``addressee`` (``states``, ``companies``,
    ``persons``), ``mandates`` (with ``mandates_from``: ``letter`` or ``reply`` for a letter
    known only through its replies), ``signatories``, ``response`` (deadline, ``replied`` and
    the replies with dates), ``also_sent_to``, ``related`` (letters it names or that name it,
    with the role), ``joint_action`` (sibling letters: same mandates, and same date or sent to
    a State this letter was also sent to), ``citations`` grouped by instrument, ``companies``,
    ``treaty_actions`` stated, ``documents`` (file name, sha256) and ``links``.
    """
    comm = communication_iri(reference)
    core = store.select(q.COMMUNICATION, {"comm": comm})
    if not core:
        raise NotFoundError(f"no communication {reference!r} in the graph", details={"reference": reference})
    row = core[0]
    name = min((str(r["reference"]) for r in core if r.get("reference") is not None), default=reference)
    date = text_of(row, "date")
    mandates, mandates_from = _communication_mandates(store, comm)
    _add_titles_then(store, comm, mandates, date)
    replies = _replies(store, comm, text_of(row, "deadline"))
    joint_action = _siblings(store, comm, {m["mandate"] for m in mandates}, date)
    related = _related(store, comm)
    days = int(row["days"].toPython()) if row.get("days") is not None else None
    mark_sibling_replies(store, comm, joint_action)
    response = response_section(store, comm, date, text_of(row, "deadline"), days, replies, joint_action)
    return {
        "reference": name,
        "iri": str(comm),
        "type": str(row["type"]).rsplit("commtype-", 1)[-1] if row.get("type") is not None else None,
        "date": date,
        "addressee": _addressee(store, comm),
        "attribute_sources": attribute_sources(store, comm),
        "mandates": mandates,
        "mandates_from": mandates_from,
        "signatories": _signatories(store, comm),
        "response": response,
        "also_sent_to": sorted((party_entry(str(r["state"])) for r in store.select(q.ALSO_SENT_TO, {"comm": comm})),
                               key=lambda p: p["name"]),
        "related": related,
        "follows_up": [r for r in related if r["role"] == "follow-up" and r["direction"] == "names"],
        "follow_ups": [r for r in related if r["role"] == "follow-up" and r["direction"] == "named_by"],
        "joint_action": joint_action,
        "joint_action_replies": joint_action_replies(store, comm, joint_action, response["deadline"]),
        "citations": _citations(store, comm),
        "companies": _companies_in(store, comm),
        "treaty_actions": _actions_in(store, comm),
        "documents": _documents(store, comm),
        "links": {"self": communication_url(name), "network": network_url(str(comm))},
    }


def _documents(store: Store, work: URIRef) -> list[dict[str, Any]]:
    return sorted(({"file": str(r["file"]), "sha256": str(r["sha"]), "media_type": text_of(r, "format")}
                   for r in store.select(q.WORK_DOCUMENTS, {"work": work})), key=lambda d: d["file"])


def _addressee(store: Store, comm: URIRef) -> dict[str, Any]:
    states: list[dict[str, Any]] = []
    companies: list[dict[str, Any]] = []
    for row in store.select(q.ADDRESSEES, {"comm": comm}):
        target = str(row["target"])
        if target.startswith(COMPANY_PREFIX):
            label = text_of(row, "label") or target.rsplit("/", 1)[-1]
            add_unique(companies, {"name": label, "links": {"page": company_url(label), "network": network_url(target)}})
        else:
            add_unique(states, party_entry(target, text_of(row, "label")))
    persons = sorted({str(r["personName"]) for r in store.select(q.ADDRESSEE_PERSON, {"comm": comm})})
    return {"states": states, "companies": companies, "persons": persons}


def _mandate_entry(row: Row) -> dict[str, Any]:
    mandate_id = text_of(row, "mandateId") or str(row["mandate"]).rsplit("/", 1)[-1]
    return {"mandate": mandate_id, "title": text_of(row, "label"),
            "links": {"page": mandate_url(mandate_id), "network": network_url(str(row["mandate"]))}}


def _communication_mandates(store: Store, comm: URIRef) -> tuple[list[dict[str, Any]], str | None]:
    """The letter's own mandates, else those its replies name (a letter known from a reply)."""
    own = {str(r["mandate"]): _mandate_entry(r) for r in store.select(q.MANDATES_OF, {"work": comm})}
    if own:
        return sorted(own.values(), key=lambda m: m["mandate"]), "letter"
    from_replies: dict[str, dict[str, Any]] = {}
    for row in store.select(q.REPLIES, {"comm": comm}):
        for mandate in store.select(q.MANDATES_OF, {"work": row["reply"]}):
            from_replies[str(mandate["mandate"])] = _mandate_entry(mandate)
    if from_replies:
        return sorted(from_replies.values(), key=lambda m: m["mandate"]), "reply"
    return [], None


def _add_titles_then(store: Store, comm: URIRef, mandates: list[dict[str, Any]], date: str | None) -> None:
    """Each mandate's title as it stood on the letter's date (``title_on_date``, from the dated
    title history) and as the letter writes it (``title_as_written``, with its passage)."""
    written: dict[str, dict[str, Any]] = {}
    for row in store.select(q.MANDATE_MENTIONS, {"work": comm}):
        written.setdefault(str(row["mandate"]).rsplit("/", 1)[-1], source_of(row))
    day = PartialDate.parse(date) if date else None
    for mandate in mandates:
        then = title_on(mandate["mandate"], day) if _is_known_mandate(mandate["mandate"]) else None
        source = written.get(mandate["mandate"])
        as_written = {"title": source["quote"].split(";")[0].strip(), "source": source} if source else None
        mandate["current_title"] = mandate["title"]
        mandate["title_on_date"] = then
        mandate["title_as_written"] = as_written
        # The title shown: the one in force that day when known, else the document's own words.
        if then is not None and then["certain"] and then["title"]:
            mandate["title"] = then["title"]
        elif as_written is not None:
            mandate["title"] = as_written["title"]


def _is_known_mandate(mandate_id: str) -> bool:
    try:
        mandate_by_id(mandate_id)
    except NotFoundError:
        return False
    return True


def _mandate_set(store: Store, comm: URIRef) -> set[str]:
    own = {str(r["mandate"]) for r in store.select(q.MANDATES_OF, {"work": comm})}
    return own or {str(r["mandate"]) for r in store.select(q.REPLY_MANDATES, {"comm": comm})}


def _left_join(rows: list[Row], optional: list[Row], key: str) -> list[Row]:
    """SPARQL's OPTIONAL (no filter) done in Python: each row with each ``optional`` row
    sharing ``key``, or alone when there is none."""
    by_key: dict[Any, list[Row]] = {}
    for row in optional:
        by_key.setdefault(row[key], []).append(row)
    return [{**row, **match} for row in rows for match in by_key.get(row[key]) or [{}]]


def _signatories(store: Store, work: URIRef) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    rows = _left_join(store.select(q.SIGNATORIES, {"work": work}),
                      store.select(q.SIGNATORY_MANDATES, {"work": work}), "fact")
    for row in rows:
        entry = found.setdefault(str(row["name"]), {"name": str(row["name"]), "mandate": None, "sources": []})
        entry["mandate"] = entry["mandate"] or text_of(row, "mandateId")
        add_unique(entry["sources"], source_of(row))
    return sorted(found.values(), key=lambda s: s["name"])


def _replies(store: Store, comm: URIRef, deadline: str | None) -> list[dict[str, Any]]:
    replies: dict[str, dict[str, Any]] = {}
    for row in store.select(q.REPLIES, {"comm": comm}):
        date = text_of(row, "date")
        entry = replies.setdefault(str(row["reply"]), {
            "date": date, "within_deadline": (date <= deadline) if date and deadline else None,
            "sender": party_entry(str(row["sender"])) if row.get("sender") is not None else None,
            "documents": [], "links": {"network": network_url(str(row["reply"]))},
        })
        add_unique(entry["documents"], {"file": str(row["file"]), "sha256": str(row["sha"])})
    return sorted(replies.values(), key=lambda r: r["date"] or "")


def _related(store: Store, comm: URIRef) -> list[dict[str, Any]]:
    """Letters this one names (``direction: names``) or that name it (``named_by``)."""
    related: dict[tuple[str, str, str], dict[str, Any]] = {}
    for query, direction in ((q.MENTIONED, "names"), (q.MENTIONED_BY, "named_by")):
        for row in store.select(query, {"comm": comm}):
            role = str(row["role"]).rsplit("mention-", 1)[-1]
            if str(row["other"]) == str(comm) or role == "self":
                continue
            ref = str(row["otherRef"])
            entry = related.setdefault((ref, role, direction), {
                "reference": ref, "role": role, "direction": direction, "sources": [],
                "links": {"page": communication_url(ref), "network": network_url(str(row["other"]))}})
            add_unique(entry["sources"], source_of(row))
    return sorted(related.values(), key=lambda r: (r["reference"], r["role"], r["direction"]))


def _siblings(store: Store, comm: URIRef, mandates: set[str], date: str | None) -> list[dict[str, Any]]:
    """Letters of the same joint action: the same mandate set and a compatible date, and either
    the same date or a State link (one was also sent to the other's addressee or replier)."""
    bases: dict[str, set[str]] = {}
    own: dict[str, set[str]] = {}
    for row in store.select(q.SAME_DATE, {"comm": comm}):
        bases.setdefault(str(row["other"]), set()).add("same date and mandates")
        own.setdefault(str(row["other"]), set()).update([str(row["mandate"])] if row.get("mandate") else [])
    for row in (row for query in q.STATE_LINKED for row in store.select(query, {"comm": comm})):
        code = str(row["state"]).rsplit("/", 1)[-1]
        bases.setdefault(str(row["other"]), set()).add(f"also sent to {code}, same mandates")
        own.setdefault(str(row["other"]), set()).update([str(row["mandate"])] if row.get("mandate") else [])
    siblings = []
    mandate_ids = {m.rsplit("/", 1)[-1] for m in mandates}
    for other, why in bases.items():
        node = URIRef(other)
        if other == str(comm):
            continue
        # As _mandate_set: the letter's own mandates, else those its replies state.
        theirs = own[other] or {str(r["mandate"]) for r in store.select(q.REPLY_MANDATES, {"comm": node})}
        if not mandates and "same date and mandates" not in why:
            continue
        if not (theirs and mandates) and "same date and mandates" in why:
            # No source states its mandates (a letter known from a follow-up's "joint
            # communication of <date>"): the same date alone links it, and the basis says so.
            why = {"same date; mandates not stated for one of the two letters"}
        elif {m.rsplit("/", 1)[-1] for m in theirs} != mandate_ids:
            continue
        rows = store.select(q.COMMUNICATION, {"comm": node})
        other_date = next((str(r["date"]) for r in rows if r.get("date") is not None), None)
        if date and other_date and other_date != date:
            continue
        ref = next((str(r["reference"]) for r in rows if r.get("reference") is not None), other)
        siblings.append({"reference": ref, "date": other_date, "basis": sorted(why),
                         "replied": bool(store.select(q.REPLIES, {"comm": node})),
                         "links": {"page": communication_url(ref), "network": network_url(other)}})
    return sorted(siblings, key=lambda s: s["reference"])


def _citations(store: Store, work: URIRef) -> list[dict[str, Any]]:
    """Cited provisions grouped by instrument, each citation with its quote."""
    instruments: dict[str, dict[str, Any]] = {}
    rows = _left_join(store.select(q.CITATIONS_IN, {"work": work}),
                      store.select(q.CITATION_NUMBERS, {"work": work}), "fact")
    for row in rows:
        iid = str(row["instrumentId"])
        entry = instruments.setdefault(iid, {
            "instrument": iid, "title": instrument_title(iid), "provisions": {}, "instrument_only": [],
            "links": {"page": instrument_url(iid), "network": network_url(str(instrument_iri(iid)))}})
        citation = {**source_of(row), "subdivision": text_of(row, "sub")}
        number = text_of(row, "number")
        if number is None:
            add_unique(entry["instrument_only"], citation)
            continue
        provision = entry["provisions"].setdefault(number, {
            "number": number, "label": provision_label(iid, number), "citations": [],
            "links": {"page": provision_url(iid, number), "network": network_url(str(provision_iri(iid, number)))}})
        add_unique(provision["citations"], citation)
    result = []
    for iid in sorted(instruments):
        entry = instruments[iid]
        entry["provisions"] = [entry["provisions"][n] for n in sorted(entry["provisions"], key=number_key)]
        result.append(entry)
    return result


def _companies_in(store: Store, work: URIRef) -> list[dict[str, Any]]:
    companies: dict[str, dict[str, Any]] = {}
    for row in store.select(q.COMPANIES_IN, {"work": work}):
        entry = companies.setdefault(str(row["company"]), {"names": set(), "home_state": None, "sources": []})
        entry["names"].add(str(row["written"]))
        if row.get("home") is not None:
            entry["home_state"] = party_entry(str(row["home"]))
        add_unique(entry["sources"], source_of(row))
    result = []
    for iri, entry in companies.items():
        name = min(entry.pop("names"), key=lambda n: (len(n), n))
        result.append({"name": name, **entry, "links": {"page": company_url(name), "network": network_url(iri)}})
    return sorted(result, key=lambda c: c["name"].casefold())


def _actions_in(store: Store, work: URIRef) -> list[dict[str, Any]]:
    actions = [{"state": party_entry(str(r["state"])), "instrument": str(r["instrumentId"]),
                "kind": str(r["type"]).rsplit("action-", 1)[-1], "date": str(r["date"]), "source": source_of(r)}
               for r in store.select(q.ACTIONS_IN, {"work": work})]
    return sorted(actions, key=lambda a: (a["state"]["name"], a["instrument"], a["date"]))
