"""The provision, instrument, company and mandate pages, with bounded lists (issue 18).

Every list that grows with the corpus is embedded as its first page: the field keeps its
name and item shape and holds at most ``per_page`` items, with ``<list>_total`` and
``<list>_next`` (the URL of the list's own route at page 2, or None). The list routes
(``/provisions/{instrument}/{number}/{list}``, ``/instruments/{id}/{list}``,
``/companies/{name}/{list}``, ``/mandates/{id}/{list}``) answer one page of one list as
``{"items", "total", "page", "per_page", "next"}`` (:func:`entity_list`). Each item's
sources (a party's events' sources, a work's passages, a holder's signed letters) are cut to
``?sources=N`` with ``*_total`` and ``*_next`` (the list route narrowed to that item).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote as url_quote

from rdflib import URIRef

from rightsgraph.errors import NotFoundError
from rightsgraph.graph import citation_view
from rightsgraph.graph import pages_queries as q
from rightsgraph.graph.pages_common import (
    company_url, instrument_url, mandate_url, network_url, number_key, party_entry, provision_label,
    provision_url, add_unique, source_of, text_of,
)
from rightsgraph.graph.pages_lists import (
    Items, addressed_works, mandate_works, parties, party_keys, passages_of_works, work_keys,
)
from rightsgraph.graph.pages_paging import Paging, bounded_list, bounded_sources, list_fields, with_query
from rightsgraph.graph.rdf_terms import RG, company_iri, instrument_iri, mandate_iri, provision_iri
from rightsgraph.graph.reports import business_recommendations, recommendations_citing
from rightsgraph.graph.store import Store
from rightsgraph.graph.treaty_statements import statements_on_instrument, statements_on_provision
from rightsgraph.loaders.reference.instruments import instrument_by_id
from rightsgraph.loaders.reference.mandates import mandate_by_id

__all__ = ["LISTS", "company_page", "entity_list", "instrument_page", "mandate_page", "provision_page"]

# The lists each kind of page pages, by the name of its field (and of its route).
LISTS: dict[str, tuple[str, ...]] = {
    "provision": ("states_bound", "cited_by", "reservations", "recommendations"),
    "instrument": ("parties", "reservations", "recommendations"),
    "company": ("mentioned_in", "addressed_by", "recommendations_to_business"),
    "mandate": ("holders", "communications", "replies"),
}

Lister = Callable[[Paging, "str | None"], Items]


def _sliced(items: list[Any], paging: Paging) -> Items:
    """A list that stays small whatever the corpus holds, or that another module computes
    whole (recommendations), cut to the page."""
    return items[paging.offset:paging.offset + paging.per_page], len(items)


def _embed(page: dict[str, Any], listers: dict[str, Lister], base: str, paging: Paging) -> dict[str, Any]:
    first = paging.first_page()
    for name, lister in listers.items():
        items, total = lister(first, None)
        page.update(list_fields(name, items, total, first, f"{base}/{name}"))
    return page


def _one_list(listers: dict[str, Lister], kind: str, name: str, base: str, paging: Paging,
              item: str | None) -> dict[str, Any]:
    if name not in listers:
        raise NotFoundError(f"the {kind} page has no list {name!r}; its lists: {', '.join(LISTS[kind])}",
                            details={"list": name, "lists": list(LISTS[kind])})
    items, total = listers[name](paging, item)
    return bounded_list(items, total, paging, f"{base}/{name}")


# --- provisions ---------------------------------------------------------------------------------


def _provision_listers(store: Store, instrument_id: str, number: str) -> tuple[dict[str, Lister], str]:
    node, base = provision_iri(instrument_id, number), provision_url(instrument_id, number)
    bindings = {"provision": node}

    def cited_by(paging: Paging, item: str | None) -> Items:
        viewed = citation_view.cited_by_from_view(store, node, paging) if item is None else None
        keys, total = viewed or work_keys(store, q.CITING_WORKS, q.CITING_WORKS_COUNT, bindings, paging, item)
        return passages_of_works(store, keys, q.WORK_CITING, bindings, paging, f"{base}/cited_by"), total

    return {
        "states_bound": lambda paging, item: parties(store, instrument_iri(instrument_id), paging,
                                                     f"{base}/states_bound", joined_only=True, party=item),
        "cited_by": cited_by,
        # A State's statements: as many as the depositary's declarations file holds, whatever the letters.
        "reservations": lambda paging, item: _sliced(statements_on_provision(store, instrument_id, number), paging),
        "recommendations": lambda paging, item: _sliced(recommendations_citing(store, instrument_id, number), paging),
    }, base


def _provision_node(store: Store, instrument_id: str, number: str) -> tuple[str, URIRef]:
    instrument = instrument_by_id(instrument_id)
    node = provision_iri(instrument.id, number)
    if not store.select(q.PROVISION, {"provision": node}):
        raise NotFoundError(f"{instrument.id} has no provision {number!r} in the graph",
                            details={"instrument": instrument.id, "provision": number})
    return instrument.id, node


def provision_page(store: Store, instrument_id: str, number: str, paging: Paging = Paging()) -> dict[str, Any]:
    """One provision: ``label``, ``texts`` (the article text of each ingested treaty text, with
    its source), ``states_bound`` (parties to the instrument per treaty actions of joining
    kinds), ``reservations`` (States' statements limiting or interpreting it, see
    :mod:`rightsgraph.graph.treaty_statements`), ``cited_by`` (letters, replies and reports
    citing it, with quotes) and ``recommendations``; the lists bounded (module docstring)."""
    iid, node = _provision_node(store, instrument_id, number)
    instrument = instrument_by_id(iid)
    texts: list[dict[str, Any]] = []
    for row in store.select(q.PROVISION_TEXT, {"provision": node}):
        add_unique(texts, {"text": str(row["text"]), "heading": text_of(row, "heading"), "source": source_of(row)})
    listers, base = _provision_listers(store, iid, number)
    page = {
        "instrument": iid, "instrument_title": instrument.title, "number": number,
        "label": provision_label(iid, number), "iri": str(node), "texts": texts,
        "links": {"self": base, "instrument": instrument_url(iid), "network": network_url(str(node))},
    }
    return _embed(page, listers, base, paging)


def provision_list(store: Store, instrument_id: str, number: str, name: str, paging: Paging,
                   item: str | None = None) -> dict[str, Any]:
    """One page of a provision page's list ``name``; ``item`` narrows to one State (ISO3) or
    work (its reference, symbol or file name)."""
    iid, _ = _provision_node(store, instrument_id, number)
    listers, base = _provision_listers(store, iid, number)
    return _one_list(listers, "provision", name, base, paging, item)


# --- instruments --------------------------------------------------------------------------------


def _instrument_node(store: Store, instrument_id: str) -> tuple[str, URIRef]:
    instrument = instrument_by_id(instrument_id)
    node = instrument_iri(instrument.id)
    if not store.select(q.INSTRUMENT, {"instrument": node}):
        raise NotFoundError(f"no instrument {instrument.id!r} in the graph", details={"instrument": instrument.id})
    return instrument.id, node


def _instrument_listers(store: Store, iid: str, node: URIRef) -> tuple[dict[str, Lister], str]:
    base = instrument_url(iid)
    return {
        "parties": lambda paging, item: parties(store, node, paging, f"{base}/parties", party=item),
        "reservations": lambda paging, item: _sliced(statements_on_instrument(store, iid), paging),
        "recommendations": lambda paging, item: _sliced(recommendations_citing(store, iid), paging),
    }, base


def instrument_page(store: Store, instrument_id: str, paging: Paging = Paging()) -> dict[str, Any]:
    """One instrument: title, kind, binding, dates, ``same_as`` (its Wikidata item when one is
    verified), ``party_count``, ``parties`` (participants
    with their actions' kinds, dates and sources), ``reservations`` (every State's statements
    on it), ``most_cited_provisions`` and ``recommendations``; the lists bounded."""
    iid, node = _instrument_node(store, instrument_id)
    instrument = instrument_by_id(iid)
    listers, base = _instrument_listers(store, iid, node)
    party_count = len(party_keys(store, node, joined_only=True))
    page = {
        "instrument": iid, "iri": str(node), "title": instrument.title, "kind": instrument.kind,
        "binding": instrument.binding,
        "adopted": instrument.adopted.iso() if instrument.adopted else None,
        "entry_into_force": instrument.entry_into_force.iso() if instrument.entry_into_force else None,
        "depositary": instrument.depositary, "parent": instrument.parent,
        "provision_count": instrument.provision_count, "party_count": party_count,
        # as stated in the graph: only items verified in the reference data (Wikidata)
        "same_as": [str(row["match"]) for row in store.select(q.EXACT_MATCHES, {"entity": node})],
        "most_cited_provisions": _most_cited(store, node, iid, paging),
        "links": {"self": base, "network": network_url(str(node)),
                  "ratification_timeline": f"/timeline/ratifications/{url_quote(iid, safe='')}"},
    }
    return _embed(page, listers, base, paging)


def instrument_list(store: Store, instrument_id: str, name: str, paging: Paging, item: str | None = None) -> dict[str, Any]:
    """One page of an instrument page's list ``name``; ``item`` narrows to one State (ISO3)."""
    iid, node = _instrument_node(store, instrument_id)
    listers, base = _instrument_listers(store, iid, node)
    return _one_list(listers, "instrument", name, base, paging, item)


def _most_cited(store: Store, instrument: URIRef, instrument_id: str, paging: Paging) -> list[dict[str, Any]]:
    """Provisions by how many works cite them (as many as the instrument has provisions), each
    with the first ``paging.sources`` works of its ``cited_by`` list (date order) and
    ``cited_by_total`` (= ``count``), ``cited_by_next`` (the list's route). From the citation
    view's rows when the store keeps a current one."""
    cited = citation_view.most_cited_from_view(store, instrument, paging.sources)
    if cited is None:
        cited = citation_view.most_cited_in_full(store, instrument)
    result = []
    for number, count, names in sorted(cited, key=lambda item: (-item[1], number_key(item[0]))):
        shown = bounded_sources(names, paging.first_page(), "", "cited_by", total=count)
        if shown["cited_by_next"] is not None:
            shown["cited_by_next"] = provision_url(instrument_id, number) + "/cited_by"
        result.append({"number": number, "label": provision_label(instrument_id, number), "count": count,
                       **shown, "links": {"page": provision_url(instrument_id, number)}})
    return result


# --- companies ----------------------------------------------------------------------------------


def _company_node(store: Store, name: str) -> tuple[URIRef, list[Any]]:
    node = company_iri(name)
    rows = store.select(q.COMPANY, {"company": node})
    if not rows:
        raise NotFoundError(f"no company {name!r} in the graph", details={"company": name})
    return node, rows


def _company_listers(store: Store, node: URIRef, base: str) -> dict[str, Lister]:
    bindings = {"company": node}

    def mentioned_in(paging: Paging, item: str | None) -> Items:
        keys, total = work_keys(store, q.COMPANY_WORKS, q.COMPANY_WORKS_COUNT, bindings, paging, item)
        return passages_of_works(store, keys, q.WORK_NAMING_COMPANY, bindings, paging, f"{base}/mentioned_in"), total

    return {
        "mentioned_in": mentioned_in,
        "addressed_by": lambda paging, item: addressed_works(store, node, paging),
        "recommendations_to_business": lambda paging, item: _sliced(business_recommendations(store), paging),
    }


def company_page(store: Store, name: str, paging: Paging = Paging()) -> dict[str, Any]:
    """A company by any form of its name ("Omegle.com LLC" = "Omegle"): names, home State,
    owner and owned companies, the passages naming it grouped by letter/reply/report
    (``mentioned_in``), the letters addressed to it (``addressed_by``) and the
    recommendations to business; the lists bounded."""
    node, rows = _company_node(store, name)
    names = sorted({str(r["label"]) for r in rows}, key=lambda n: (len(n), n))
    homes = {str(r["home"]) for r in rows if r.get("home") is not None}
    owners = {str(r["ownerLabel"]) for r in rows if r.get("ownerLabel") is not None}
    owns = {str(r["ownedLabel"]) for r in store.select(q.COMPANY_OWNS, {"company": node})}
    base = company_url(names[0])
    page = {
        "company": names[0], "iri": str(node), "names": names,
        "home_states": sorted((party_entry(h) for h in homes), key=lambda p: p["name"]),
        "owned_by": [{"name": o, "links": {"page": company_url(o)}} for o in sorted(owners)],
        "owns": [{"name": o, "links": {"page": company_url(o)}} for o in sorted(owns)],
        "links": {"self": base, "network": network_url(str(node))},
    }
    return _embed(page, _company_listers(store, node, base), base, paging)


def company_list(store: Store, name: str, list_name: str, paging: Paging, item: str | None = None) -> dict[str, Any]:
    """One page of a company page's list ``list_name``; ``item`` narrows ``mentioned_in`` to one work."""
    node, rows = _company_node(store, name)
    base = company_url(min((str(r["label"]) for r in rows), key=lambda n: (len(n), n)))
    return _one_list(_company_listers(store, node, base), "company", list_name, base, paging, item)


# --- mandates -----------------------------------------------------------------------------------


def _mandate_node(store: Store, mandate_id: str) -> tuple[str, URIRef]:
    mandate = mandate_by_id(mandate_id)
    node = mandate_iri(mandate.id)
    if not store.select(q.MANDATE, {"mandate": node}):
        raise NotFoundError(f"no mandate {mandate.id!r} in the graph", details={"mandate": mandate.id})
    return mandate.id, node


def _holders(store: Store, node: URIRef, paging: Paging, item_url: str, holder: str | None) -> Items:
    """Persons who signed for the mandate (a handful), each with the first letters signed."""
    signed: dict[str, set[str]] = {}
    for row in store.select(q.MANDATE_HOLDERS, {"mandate": node}):
        refs = signed.setdefault(str(row["name"]), set())
        if row.get("reference") is not None:
            refs.add(str(row["reference"]))
    names = [n for n in sorted(signed) if holder in (None, n)]
    items = [{"name": n, **bounded_sources(sorted(signed[n]), paging, with_query(item_url, {"holder": n}), "signed")}
             for n in names]
    return items if holder is not None else _sliced(items, paging)[0], len(names)


def _mandate_listers(store: Store, node: URIRef, base: str) -> dict[str, Lister]:
    return {
        "holders": lambda paging, item: _holders(store, node, paging, f"{base}/holders", item),
        "communications": lambda paging, item: mandate_works(store, node, RG.Communication, paging),
        "replies": lambda paging, item: mandate_works(store, node, RG.Reply, paging),
    }


def mandate_page(store: Store, mandate_id: str, paging: Paging = Paging()) -> dict[str, Any]:
    """A Special Procedures mandate: titles, ``holders`` (persons who signed for it, with the
    letters they signed), ``communications`` sent on its behalf and ``replies`` naming it;
    the lists bounded."""
    mid, node = _mandate_node(store, mandate_id)
    mandate = mandate_by_id(mid)
    base = mandate_url(mid)
    page = {
        "mandate": mid, "iri": str(node), "title": mandate.title, "holder": mandate.holder, "kind": mandate.kind,
        "established": mandate.established, "historical_titles": list(mandate.historical_titles),
        "links": {"self": base, "network": network_url(str(node))},
    }
    return _embed(page, _mandate_listers(store, node, base), base, paging)


def mandate_list(store: Store, mandate_id: str, name: str, paging: Paging, item: str | None = None) -> dict[str, Any]:
    """One page of a mandate page's list ``name``; ``item`` narrows ``holders`` to one person."""
    mid, node = _mandate_node(store, mandate_id)
    base = mandate_url(mid)
    return _one_list(_mandate_listers(store, node, base), "mandate", name, base, paging, item)


def entity_list(store: Store, kind: str, key: tuple[str, ...], name: str, paging: Paging,
                item: str | None = None) -> dict[str, Any]:
    """One page of list ``name`` of the ``kind`` page identified by ``key``."""
    if kind == "provision":
        return provision_list(store, key[0], key[1], name, paging, item)
    if kind == "instrument":
        return instrument_list(store, key[0], name, paging, item)
    if kind == "company":
        return company_list(store, key[0], name, paging, item)
    return mandate_list(store, key[0], name, paging, item)
