"""The printable Markdown brief of the obligations view: one section per group (bound, signed
but not bound, not yet in force, no action, soft law, no status source) with the group's legal
note, one subsection per instrument, every date footnoted with its source (document, span,
quote), and how current the status sources are.

It renders the JSON of :func:`rightsgraph.graph.obligations.obligations` and decides nothing:
the groups, ``binds_state`` and ``status_as_at`` come from the data model. Given the bounded
answer (:func:`rightsgraph.graph.obligations_bounds.bound_obligations`, as ``?format=md``
serves it), each fact cites its first sources and says how many more there are, with the link.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rightsgraph.graph.obligations_bounds import communications_link, event_overflow, overflow
from rightsgraph.graph.reports import recommendation_brief_lines
from rightsgraph.graph.successions import bounds_reason, succession_facts

__all__ = ["render_obligations_markdown"]

Cite = Callable[[list[dict[str, Any]]], str]


def render_obligations_markdown(result: dict[str, Any]) -> str:
    """A brief a lawyer can attach to a memo (see the module docstring)."""
    notes: list[str] = []

    def cite(sources: list[dict[str, Any]]) -> str:
        marks = []
        for source in sources:
            quote = " ".join(str(source["quote"]).split())
            notes.append(f'{source["document"]}, characters {source["start"]}–{source["end"]}: “{quote}”')
            marks.append(f"[^{len(notes)}]")
        return "".join(marks)

    state = result["state"]
    when = f" as of {result['as_of']}" if result.get("as_of") else ""
    lines = [f"# Treaty obligations of {state['name']} ({state['iso3']}){when}", ""]
    by_id = {o["instrument"]: o for o in result["obligations"]}
    for group in result.get("groups", []):
        lines += [f"## {group['title']}", "", f"*{group['note']}*", ""]
        items = [by_id[i] for i in group["instruments"]]
        if group["id"] in ("soft-law", "no-status-source"):
            lines += [_short_line(item) for item in items] + [""]
        else:
            for item in items:
                lines += _instrument_lines(item, cite)
    lines += _tail_lines(result)
    if notes:
        lines += ["---", ""] + [f"[^{n}]: {text}" for n, text in enumerate(notes, 1)]
    return "\n".join(lines).rstrip() + "\n"


def _short_line(item: dict[str, Any]) -> str:
    cited = ", ".join(c["provision"] for c in item["cited_provisions"])
    return f"- **{item['instrument']}** — {item['title']}" + (f" (cited: {cited})" if cited else "")


def _instrument_lines(item: dict[str, Any], cite: Cite) -> list[str]:
    binds = "yes" if item["binds_state"] else "no"
    lines = [f"### {item['instrument']} — {item['title']}", "",
             f"- Status: **{item['status']}**; binds the State: **{binds}**"]
    for event in item["events"]:
        lines.append(f"- {_kind_label(event['kind'])}: {event['date']}{cite(event['sources'])}{_more(event_overflow(event))}")
        lines += [f"  - {label}: {text}{cite(sources)}" for label, text, sources in succession_facts(event)]
    if item["entry_into_force"]:
        lines.append(f"- In force for the State: {item['entry_into_force']} ({item['entry_into_force_rule']})")
    if item.get("entry_into_force_bounds"):
        bounds = item["entry_into_force_bounds"]
        lines.append(f"- In force from a day between {bounds['earliest']} and {bounds['latest']} "
                     f"({bounds_reason(item)})")
    for end in item.get("ends", []):
        effect = f"effective {end['effective']} ({end['clause']})" if end["applied"] else f"not applied: {end['note']}"
        lines.append(f"- {end['kind'].capitalize()} notified {end['notified']}: {effect}")
    lines.append(_currency_line(item))
    lines += [f"- **Caution:** {warning}" for warning in item.get("warnings", [])]
    for reservation in item["reservations"]:
        limited = reservation["articles"]
        label = "art." if len(limited) == 1 else "arts."
        articles = f" ({label} {', '.join(limited)})" if limited else ""
        lines.append(f"- {reservation['kind'].capitalize()}{articles}{_scope(reservation)}{cite(reservation['sources'])}")
    if item["cited_provisions"]:
        cited = "; ".join(f"art. {c['provision']} ({', '.join(c['communications'])}{_and_more(c)})"
                          for c in item["cited_provisions"])
        lines.append(f"- Cited in communications: {cited}")
    for conflict in item["conflicts"]:
        values = "; ".join(f"{_kind_label(v.get('kind', conflict.get('kind')))} {v['date']}{cite(v['sources'])}"
                           for v in conflict["values"])
        lines.append(f"- **Sources disagree** ({conflict['about']}): {values}")
    return lines + [""]


def _more(more: dict[str, Any] | None, what: str = "sources") -> str:
    """`` (showing 3 of 1,234 sources — all sources: <link>)`` after a bounded list."""
    if more is None:
        return ""
    return f" (showing {more['shown']} of {more['total_text']} {what} — all {what}: <{more['link']}>)"


def _and_more(listing: dict[str, Any]) -> str:
    total = listing.get("communications_total", len(listing["communications"]))
    return f" and {total - len(listing['communications']):,} more" if total > len(listing["communications"]) else ""


def _kind_label(kind: str) -> str:
    return "Ratification or accession" if kind == "consent" else kind.capitalize()


def _currency_line(item: dict[str, Any]) -> str:
    if item.get("status_as_at"):
        return f"- Status as at: {item['status_as_at']} ({item['status_as_at_source']})"
    return "- Status as at: unknown (no source gives the date of its status)"


def _scope(statement: dict[str, Any]) -> str:
    """Where a statement applies, and what a partly withdrawn reservation still covers."""
    parts = []
    if statement.get("territories"):
        parts.append("for " + ", ".join(statement["territories"]))
    if statement.get("excluded_territories"):
        parts.append("except " + ", ".join(statement["excluded_territories"]))
    if statement.get("partial"):
        still = statement.get("continues_for") or []
        parts.append("partial; still applies to arts. " + ", ".join(still) if still else "partial")
    return f" — {'; '.join(parts)}" if parts else ""


def _route_lines(result: dict[str, Any]) -> list[str]:
    """Complaint routes with a source (open, closed or pending); the rest are unknown."""
    known = [r for r in result.get("complaint_routes", []) if r["status"] != "unknown"]
    if not known:
        return []
    lines = ["## Complaint routes", ""]
    for route in known:
        since = f" since {route['since']}" if route["since"] else ""
        until = f" until {route['until']}" if route["until"] else ""
        lines.append(f"- {route['route']} ({route['committee']}, {route['complainant']}): {route['status']}{since}{until}")
    unknown = len(result["complaint_routes"]) - len(known)
    return lines + [f"- {unknown} other route(s): no loaded source (unknown, not closed)", ""]


def _tail_lines(result: dict[str, Any]) -> list[str]:
    lines: list[str] = recommendation_brief_lines(result.get("recommendations")) + _route_lines(result)
    if result["communications"]:
        lines += ["## Communications addressed to the State", ""]
        for comm in result["communications"]:
            replies = f" — {len(comm['replies'])} reply(ies)" if comm["replies"] else ""
            lines.append(f"- {comm['reference'] or 'unreferenced letter'} ({comm['date'] or 'undated'}){replies}")
        if "communications_total" in result:
            more = overflow(result["communications"], result["communications_total"],
                            communications_link(result["state"]["iso3"], 1))
            lines += [f"- …{_more(more, 'communications')}"] if more else []
        lines.append("")
    if result["companies"]:
        lines += ["## Companies based in the State named in communications", ""]
        lines += [f"- {c['name']}: {', '.join(c['communications'])}{_and_more(c)}" for c in result["companies"]] + [""]
    return lines
