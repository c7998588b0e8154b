"""The State brief as data: what the HTML page, the DOCX and the PDF print, built from the
obligations JSON (:func:`rightsgraph.graph.obligations.obligations`) so that every field
that view gains shows in the brief, with footnotes in citation form
(:class:`~rightsgraph.graph.citations.Citer`).

Shape: ``title``, ``as_of``, ``sections`` (``heading``, ``note``, ``instruments``:
``heading``, ``facts``: ``label``, ``text``, ``notes``, ``more``), ``complaint_routes``,
``recommendations`` (soft law, apart from the treaties), ``communications`` (the most recent;
``communications_more``), ``companies`` and ``footnotes`` (``number``, ``citation``,
``quote``). ``more`` is None, or how many sources the fact has beyond those cited and the
link to all of them (issue 18). A footnote cited twice keeps its first
number.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rightsgraph.graph.citations import citation_date
from rightsgraph.graph.obligations_bounds import bound_obligations, communications_link, event_overflow, overflow
from rightsgraph.graph.plain_text import strip_markdown
from rightsgraph.graph.successions import bounds_reason, succession_facts

__all__ = ["STATUS_LABELS", "brief"]

Cite = Callable[[dict[str, Any], dict[str, Any]], str]

STATUS_LABELS = {
    "party": "party: bound by the treaty",
    "uncertain": "consent given; whether in force on that date is not known (the action's date is coarse)",
    "not-yet-in-force": "ratified or acceded, not yet in force for the State",
    "signatory": "signatory: signed, not bound by ratification",
    "denounced": "denounced or withdrawn: no longer bound",
    "no-action": "no signature or consent to be bound recorded",
    "soft-law": "soft law: not a treaty, no ratification",
    "no-status-source": "status unknown: no source for this State in the store",
}
_GROUP_HEADINGS = {"binding": "Treaties", "soft": "Soft law applying to every State"}


class _Notes:
    def __init__(self, cite: Cite) -> None:
        self.cite, self.items, self._numbers = cite, [], {}

    def numbers(self, sources: list[dict[str, Any]], context: dict[str, Any]) -> list[int]:
        marks = []
        for source in sources:
            citation = self.cite(source, context)
            quote = " ".join(strip_markdown(str(source.get("quote", ""))).split())
            key = (citation, quote)
            if key not in self._numbers:
                self._numbers[key] = len(self.items) + 1
                self.items.append({"number": self._numbers[key], "citation": citation, "quote": quote})
            marks.append(self._numbers[key])
        return marks


def _group_of(item: dict[str, Any]) -> str:
    """The group the obligations view gives, else binding or soft law."""
    return str(item.get("group") or ("binding" if item.get("binding") else "soft"))


def _heading_of(group: str) -> str:
    return _GROUP_HEADINGS.get(group, group.replace("_", " ").replace("-", " ").capitalize())


def _force_facts(item: dict[str, Any]) -> list[dict[str, Any]]:
    """When the instrument binds the State, until when, and how current the sources are."""
    facts = []
    if item.get("entry_into_force"):
        rule = f" ({item['entry_into_force_rule']})" if item.get("entry_into_force_rule") else ""
        facts.append(_fact("In force for the State", f"{citation_date(item['entry_into_force'])}{rule}"))
    bounds = item.get("entry_into_force_bounds")
    if bounds:
        facts.append(_fact("In force from a day between",
                           f"{citation_date(bounds['earliest'])} and {citation_date(bounds['latest'])} "
                           f"({bounds_reason(item)})"))
    for end in item.get("ends", []):
        effect = (f"effective {citation_date(end['effective'])} ({end['clause']})" if end["applied"]
                  else f"not applied: {end['note']}")
        facts.append(_fact(f"{end['kind'].capitalize()} notified {citation_date(end['notified'])}", effect))
    if "status_as_at" in item:
        when = (f"{citation_date(item['status_as_at'])} ({item.get('status_as_at_source')})" if item["status_as_at"]
                else "unknown (no source gives the date of its status)")
        facts.append(_fact("Status as at", when))
    facts += [_fact("Caution", warning) for warning in item.get("warnings", [])]
    return facts


def _complaint_routes(routes: list[dict[str, Any]]) -> dict[str, Any]:
    """Routes a loaded source states (open, closed, pending), and how many are unknown."""
    known = [r for r in routes if r["status"] != "unknown"]
    return {
        "routes": [{"route": r["route"], "body": f"{r['committee']}, {r['complainant']}", "status": r["status"],
                    "since": citation_date(r.get("since")), "until": citation_date(r.get("until"))} for r in known],
        "unknown": len(routes) - len(known),
    }


def _recommendations(section: dict[str, Any] | None) -> dict[str, Any] | None:
    """Soft law kept apart: report recommendations cited by symbol and paragraph."""
    if not section or not section.get("items"):
        return None
    return {"heading": "Soft law: recommendations of reports addressed to States (not treaty obligations)",
            "note": section["note"],
            "items": [{"cite": item["cite"], "heading": item.get("heading"), "text": strip_markdown(item["text"])}
                      for item in section["items"]]}


def _territories(statement: dict[str, Any]) -> str:
    parts = []
    if statement.get("territories"):
        parts.append("for " + ", ".join(statement["territories"]))
    if statement.get("excluded_territories"):
        parts.append("except " + ", ".join(statement["excluded_territories"]))
    return f" [{'; '.join(parts)}]" if parts else ""


def _fact(label: str, text: str, notes: list[int] | None = None, more: dict[str, Any] | None = None) -> dict[str, Any]:
    """One line of an instrument; ``more`` (:func:`~rightsgraph.graph.obligations_bounds.overflow`)
    when the sources cited are the first of more."""
    return {"label": label, "text": text, "notes": notes or [], "more": more}


def _instrument_facts(item: dict[str, Any], notes: _Notes) -> list[dict[str, Any]]:
    facts = [_fact("Status", STATUS_LABELS.get(item["status"], item["status"]))]
    if "binds_state" in item:
        facts.append(_fact("Binds the State", "yes" if item["binds_state"] else "no"))
    for event in item.get("events", []):
        facts.append(_fact(event["kind"].capitalize(), citation_date(event["date"]) or "date not stated",
                           notes.numbers(event["sources"], item), event_overflow(event)))
        facts += [_fact(label, text, notes.numbers(sources, item))
                  for label, text, sources in succession_facts(event, lambda d: citation_date(d) or d)]
    facts += _force_facts(item)
    for reservation in item.get("reservations", []):
        articles = reservation.get("articles") or []
        scope = f" (art. {', '.join(articles)})" if articles else ""
        places = _territories(reservation)
        facts.append(_fact(reservation["kind"].capitalize() + scope, strip_markdown(reservation.get("text") or "") + places,
                           notes.numbers(reservation["sources"], item)))
    if item.get("cited_provisions"):
        cited = "; ".join(f"{c['provision']} ({', '.join(c['communications'])}{_and_more(c)})"
                          for c in item["cited_provisions"])
        facts.append(_fact("Provisions cited in communications", cited))
    for conflict in item.get("conflicts", []):
        for value in conflict["values"]:
            kind = value.get("kind", conflict.get("kind", ""))
            facts.append(_fact(f"Sources disagree ({conflict['about']})", f"{kind} {citation_date(value['date'])}".strip(),
                               notes.numbers(value["sources"], item)))
    return facts


def _and_more(listing: dict[str, Any]) -> str:
    """`` and N more`` after a bounded list of letters."""
    total = listing.get("communications_total", len(listing["communications"]))
    return f" and {total - len(listing['communications']):,} more" if total > len(listing["communications"]) else ""


def brief(result: dict[str, Any], cite: Cite) -> dict[str, Any]:
    """The brief of one obligations answer (see the module docstring), bounded as the JSON
    answer is by default (:func:`~rightsgraph.graph.obligations_bounds.bound_obligations`)
    when it is not already: each fact cites its first sources and says how many more."""
    if "communications_total" not in result:
        result = bound_obligations(result)
    notes = _Notes(cite)
    sections: dict[str, dict[str, Any]] = {
        group["id"]: {"heading": group["title"], "note": group["note"], "instruments": []}
        for group in result.get("groups", [])  # the obligations view's groups, in brief order
    }
    for item in result["obligations"]:
        group = _group_of(item)
        section = sections.setdefault(group, {"heading": _heading_of(group), "note": "", "instruments": []})
        section["instruments"].append({"id": item["instrument"], "heading": f"{item['instrument']} — {item['title']}",
                                       "binding": bool(item.get("binding")), "facts": _instrument_facts(item, notes)})
    state = result["state"]
    as_of = citation_date(result.get("as_of"))
    return {
        "title": f"Treaty obligations of {state['name']} ({state['iso3']})" + (f" as of {as_of}" if as_of else ""),
        "state": state,
        "as_of": result.get("as_of"),
        "sections": [section for section in sections.values() if section["instruments"]],
        "complaint_routes": _complaint_routes(result.get("complaint_routes", [])),
        "recommendations": _recommendations(result.get("recommendations")),
        "communications": [{"reference": c.get("reference") or "unreferenced letter",
                            "date": citation_date(c.get("date")) or "undated", "replies": len(c.get("replies", []))}
                           for c in result.get("communications", [])],
        "communications_more": overflow(result.get("communications", []), result.get("communications_total", 0),
                                        communications_link(state["iso3"], 1)),
        "companies": [{"name": c["name"], "communications": c["communications"], "more": _and_more(c)}
                      for c in result.get("companies", [])],
        "footnotes": notes.items,
    }
