"""Shared parts of the entity pages (:mod:`rightsgraph.graph.pages`): the URLs of the
service's pages, and how rows become page entries (sources, works, parties, labels)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote as url_quote

from rdflib.term import Node

from rightsgraph.errors import UnknownInstrumentError
from rightsgraph.graph.rdf_terms import ID
from rightsgraph.loaders.reference.instruments import instrument_by_id
from rightsgraph.loaders.reference.states import state_by_code

__all__ = [
    "COMPANY_PREFIX", "STATE_PREFIX", "Row", "add_unique", "communication_url", "company_url",
    "group_by_work", "instrument_title", "instrument_url", "mandate_url", "network_url", "number_key",
    "party_entry", "provision_label", "provision_url", "source_of", "state_url", "text_of",
    "work_entry", "work_kind", "work_name",
]

Row = dict[str, Node]
STATE_PREFIX = str(ID["state/"])
COMPANY_PREFIX = str(ID["company/"])
_SHORT_LABELS = {"article": "art.", "principle": "principle", "paragraph": "para.", "guideline": "guideline"}


# --- URLs of the service's pages ---------------------------------------------------------------


def communication_url(reference: str) -> str:
    """The letter's page; its "/" kept as a path separator.

    >>> communication_url("AL CHN 3/2021")
    '/communications/AL%20CHN%203/2021'
    """
    return "/communications/" + url_quote(reference, safe="/")


def _segment(text: str) -> str:
    return url_quote(text, safe="")


def provision_url(instrument_id: str, number: str) -> str:
    return f"/provisions/{_segment(instrument_id)}/{_segment(number)}"


def instrument_url(instrument_id: str) -> str:
    return "/instruments/" + _segment(instrument_id)


def company_url(name: str) -> str:
    return "/companies/" + _segment(name)


def mandate_url(mandate_id: str) -> str:
    return "/mandates/" + _segment(mandate_id)


def state_url(iso3: str) -> str:
    return "/states/" + _segment(iso3)


def network_url(iri: str) -> str:
    """The interactive network around an entity (``/graph/view``)."""
    return "/graph/view?iri=" + url_quote(iri, safe="")


# --- small helpers -----------------------------------------------------------------------------


def text_of(row: Row, key: str) -> str | None:
    value = row.get(key)
    return str(value) if value is not None else None


def source_of(row: Row) -> dict[str, Any]:
    """The passage of a row carrying ``file``, ``quote``, ``start``, ``end``."""
    return {"document": str(row["file"]), "quote": str(row["quote"]),
            "start": int(row["start"].toPython()), "end": int(row["end"].toPython())}


def add_unique(items: list[Any], item: Any) -> None:
    if item not in items:
        items.append(item)


def number_key(value: str) -> tuple[int, str]:
    digits = "".join(c for c in value if c.isdigit())
    return (int(digits) if digits else 0, value)


def instrument_title(instrument_id: str) -> str:
    try:
        return instrument_by_id(instrument_id).title
    except UnknownInstrumentError:
        return instrument_id


def provision_label(instrument_id: str, number: str) -> str:
    """The short label of a provision.

    >>> provision_label("CRC", "34"), provision_label("UNGP", "13")
    ('CRC art. 34', 'UNGP principle 13')
    """
    try:
        word = _SHORT_LABELS[instrument_by_id(instrument_id).provision_label]
    except UnknownInstrumentError:
        word = "art."
    return f"{instrument_id} {word} {number}"


def party_entry(iri: str, label: str | None = None) -> dict[str, Any]:
    """A State (or other party) by IRI: code, name and links."""
    if iri.startswith(STATE_PREFIX):
        code = iri[len(STATE_PREFIX):]
        state = state_by_code(code)
        return {"iso3": code, "name": state.name if state else (label or code),
                "links": {"obligations": state_url(code), "network": network_url(iri)}}
    return {"id": iri.rsplit("/", 1)[-1], "name": label or iri.rsplit("/", 1)[-1],
            "links": {"network": network_url(iri)}}


def work_name(row: Row) -> str:
    return text_of(row, "reference") or text_of(row, "symbol") or text_of(row, "file") or str(row["work"])


def work_kind(row: Row) -> str:
    return str(row["kind"]).rsplit("#", 1)[-1].lower()


def work_entry(row: Row) -> dict[str, Any]:
    """A letter, reply or report as a page lists it, with links."""
    kind, name = work_kind(row), work_name(row)
    links = {"network": network_url(str(row["work"]))}
    if kind == "communication" and row.get("reference") is not None:
        links["page"] = communication_url(name)
    return {"work": name, "kind": kind, "date": text_of(row, "workDate"), "links": links, "passages": []}


def group_by_work(rows: Iterable[Row]) -> list[dict[str, Any]]:
    works: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = works.setdefault(str(row["work"]), work_entry(row))
        add_unique(entry["passages"], source_of(row))
    for entry in works.values():
        entry["passages"].sort(key=lambda s: (s["document"], s["start"]))
    return sorted(works.values(), key=lambda w: (w["date"] or "", w["work"]))
