"""Self-contained charts (inline SVG in an HTML page, no script, nothing fetched):
the timeline of communications and replies with overdue replies marked, the ratification
timeline of an instrument, and the analytics page.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any

from rightsgraph.graph import analytics
from rightsgraph.graph.network import RightsNetwork
from rightsgraph.graph.views import LinkMaker, page_url

__all__ = ["analytics_page", "communications_timeline_page", "ratification_timeline_page"]

_WIDTH, _LEFT, _RIGHT, _ROW = 1000, 170, 30, 26
_CSS = """body{font:14px system-ui,sans-serif;margin:16px;color:#222}svg text{font:11px system-ui,sans-serif}
table{border-collapse:collapse;margin:8px 0 18px}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
.overdue{color:#c00;font-weight:bold}.late{color:#e67e00}a{color:#1f5fa8}"""


def _page(title: str, body: str) -> str:
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{html.escape(title)}</title>"
            f"<style>{_CSS}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>")


def _day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10]) if len(text) >= 10 else dt.date(int(text[:4]), 1, 1)
    except ValueError:
        return None


def _scale(first: dt.date, last: dt.date) -> Callable[[dt.date], float]:
    span = max((last - first).days, 1)
    return lambda day: _LEFT + (day - first).days / span * (_WIDTH - _LEFT - _RIGHT)


def _axis(first: dt.date, last: dt.date, x: Callable[[dt.date], float], height: float) -> str:
    parts = [f"<line x1={_LEFT} y1={height} x2={_WIDTH - _RIGHT} y2={height} stroke='#999'/>"]
    step = max(1, (last.year - first.year) // 12 + 1)
    for year in range(first.year, last.year + 2, step):
        day = dt.date(year, 1, 1)
        if first <= day <= last:
            parts.append(f"<line x1={x(day):.1f} y1=0 x2={x(day):.1f} y2={height} stroke='#eee'/>"
                         f"<text x={x(day):.1f} y={height + 14} text-anchor=middle>{year}</text>")
    return "".join(parts)


def _link(text: str, iri: str, link: LinkMaker | None) -> str:
    label = html.escape(text)
    return f"<a href=\"{html.escape(link(iri))}\">{label}</a>" if link else label


# --- communications ------------------------------------------------------------------------------


def communications_timeline_page(network: RightsNetwork, today: dt.date | None = None,
                                 link: LinkMaker | None = page_url) -> str:
    """Each dated letter as a row: the letter (◆), its reply deadline (|), its replies (▲);
    rows of letters still unanswered after the deadline are red and labelled overdue."""
    today = today or dt.date.today()
    rows = analytics.communication_timeline(network, today)
    dated = [r for r in rows if _day(r["date"])]
    days = [d for r in dated for d in (_day(r["date"]), _day(r["deadline"]),
                                       *(_day(x["date"]) for x in r["replies"])) if d]
    svg = ""
    if days:
        first, last = min(days), max(days)
        first, last = dt.date(first.year, 1, 1), dt.date(last.year, 12, 31)
        x = _scale(first, last)
        height = len(dated) * _ROW + 10
        marks = [_axis(first, last, x, height)]
        for i, row in enumerate(dated):
            marks.append(_letter_row(row, i * _ROW + 18, x, link))
        svg = (f"<svg xmlns='http://www.w3.org/2000/svg' width={_WIDTH} height={height + 24} "
               f"role=img aria-label='timeline of communications'>{''.join(marks)}</svg>")
    table = "".join(
        f"<tr class={'overdue' if r['overdue'] else 'late' if r['late'] else ''}>"
        f"<td>{_link(r['reference'], r['iri'], link)}</td><td>{r['date'] or '—'}</td><td>{r['deadline'] or '—'}</td>"
        f"<td>{html.escape(', '.join(r['addressees']) or '—')}</td>"
        f"<td>{html.escape(_replies_text(r['replies']))}</td>"
        f"<td>{'overdue' if r['overdue'] else 'late' if r['late'] else ''}</td></tr>"
        for r in rows
    )
    body = (f"<p>As of {today.isoformat()}: ◆ letter, | reply deadline, ▲ reply. "
            f"{sum(r['overdue'] for r in rows)} letter(s) overdue (no reply in the graph after the deadline).</p>"
            f"{svg}<table><tr><th>reference</th><th>date</th><th>reply due</th><th>addressed to</th>"
            f"<th>replies</th><th></th></tr>{table}</table>")
    return _page("Communications and replies", body)


def _replies_text(replies: list[dict[str, Any]]) -> str:
    return "; ".join(f"{reply['label']} ({reply['date'] or 'undated'})" for reply in replies) or "—"


def _letter_row(row: dict[str, Any], y: float, x: Callable[[dt.date], float], link: LinkMaker | None) -> str:
    sent = _day(row["date"])
    assert sent is not None
    colour = "#c00" if row["overdue"] else "#333"
    title = html.escape(f"{row['reference']} — {row['date']}; reply due {row['deadline'] or 'not stated'}"
                        + ("; OVERDUE" if row["overdue"] else ""))
    label = _link(row["reference"], row["iri"], link)
    parts = [f"<text x={_LEFT - 8} y={y + 4} text-anchor=end fill='{colour}'>{label}</text>"]
    deadline = _day(row["deadline"])
    end = deadline or sent
    for reply in row["replies"]:
        day = _day(reply["date"])
        if day:
            end = max(end, day)
            parts.append(f"<path d='M{x(day):.1f},{y - 6} l6,11 h-12 z' fill='#ff7f0e'>"
                         f"<title>{html.escape(reply['label'])} — {reply['date']}</title></path>")
    parts.insert(1, f"<line x1={x(sent):.1f} y1={y} x2={x(end):.1f} y2={y} stroke='{colour}' stroke-width='2'/>")
    if deadline:
        parts.append(f"<line x1={x(deadline):.1f} y1={y - 7} x2={x(deadline):.1f} y2={y + 7} stroke='{colour}' "
                     f"stroke-width=2><title>reply due {row['deadline']}</title></line>")
        if row["overdue"]:
            parts.append(f"<text x={x(deadline) + 6:.1f} y={y + 4} fill='#c00'>overdue</text>")
    parts.append(f"<path d='M{x(sent):.1f},{y - 7} l7,7 l-7,7 l-7,-7 z' fill='#d62728'><title>{title}</title></path>")
    return "".join(parts)


# --- ratifications ---------------------------------------------------------------------------------

_JOINING = ("ratified", "acceded", "succeeded", "accepted", "approved")


def ratification_timeline_page(network: RightsNetwork, instrument: str, link: LinkMaker | None = page_url) -> str:
    """The number of parties (ratification, accession, succession, acceptance, approval) and
    of signatories over time, as step lines, with every dated action listed below."""
    rows = analytics.ratification_timeline(network, instrument)
    label = str(network.graph.nodes[instrument].get("title") or network.graph.nodes[instrument]["label"])
    svg = _steps_svg(rows) if rows else "<p>No dated action on this instrument in the graph.</p>"
    table = "".join(
        f"<tr><td>{r['date']}</td><td>{_link(r['state'], r['iri'], link)}</td><td>{r['action']}</td>"
        f"<td>{html.escape((r['source'] or {}).get('document', ''))}</td></tr>" for r in rows)
    parties = len({r["iri"] for r in rows if r["action"] in _JOINING})
    body = (f"<p>{parties} parties, {len({r['iri'] for r in rows if r['action'] == 'signed'})} signatories in the graph. "
            f"<span style='color:#1f77b4'>━ parties</span> <span style='color:#aaa'>━ signatures</span></p>{svg}"
            f"<table><tr><th>date</th><th>State</th><th>action</th><th>source</th></tr>{table}</table>")
    return _page(f"Ratifications: {label}", body)


def _steps_svg(rows: list[dict[str, Any]]) -> str:
    days = [d for d in (_day(r["date"]) for r in rows) if d]
    first, last = dt.date(min(days).year, 1, 1), dt.date(max(days).year, 12, 31)
    x = _scale(first, last)
    height = 260.0
    total = max(len({r["iri"] for r in rows if r["action"] in _JOINING}),
                len({r["iri"] for r in rows if r["action"] == "signed"}), 1)

    def line(actions: tuple[str, ...], colour: str) -> str:
        seen: set[str] = set()
        level = height
        points = [f"{_LEFT},{height:.1f}"]
        for row in rows:
            day = _day(row["date"])
            if row["action"] in actions and row["iri"] not in seen and day:
                seen.add(row["iri"])
                y = height - len(seen) / total * (height - 10)
                points.append(f"{x(day):.1f},{level:.1f} {x(day):.1f},{y:.1f}")
                level = y
        return f"<polyline fill=none stroke='{colour}' stroke-width=2 points='{' '.join(points)}'/>"

    ticks = "".join(f"<text x={_LEFT - 6} y={height - n / total * (height - 10) + 4:.1f} text-anchor=end>{n}</text>"
                    for n in range(0, total + 1, max(1, total // 5)))
    return (f"<svg xmlns='http://www.w3.org/2000/svg' width={_WIDTH} height={height + 24:.0f} role=img "
            f"aria-label='ratification timeline'>{_axis(first, last, x, height)}{ticks}"
            f"{line(('signed',), '#aaa')}{line(_JOINING, '#1f77b4')}</svg>")


# --- analytics ------------------------------------------------------------------------------------


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def analytics_page(network: RightsNetwork, link: LinkMaker | None = page_url) -> str:
    """The analytics as tables (the JSON endpoints give the same numbers)."""
    data = analytics.summary(network)
    esc = html.escape
    sections = [
        ("Most cited provisions", _table(["provision", "works", "passages", "cited in"], [
            [_link(r["provision"], r["iri"], link), str(r["works"]), str(r["passages"]), esc(", ".join(r["cited_in"]))]
            for r in data["most_cited_provisions"]])),
        ("Communications per State", _table(["State", "addressed", "copied"], [
            [_link(r["state"], r["iri"], link), str(r["addressed"]), str(r["copied"])]
            for r in data["communications_per_state"]])),
        ("Communications per mandate", _table(["mandate", "letters"], [
            [_link(r["mandate"], r["iri"], link), str(r["communications"])] for r in data["communications_per_mandate"]])),
        ("Communications per year", _table(["year", "letters"], [
            [esc(y), str(n)] for y, n in data["communications_per_year"].items()])),
        ("Companies and States", _table(["company", "based in", "owned by", "named in", "letters went to"], [
            [_link(r["company"], r["iri"], link), esc(", ".join(r["based_in"])), esc(", ".join(r["owned_by"])),
             esc(", ".join(r["works"])), esc(", ".join(r["states_written_to"]))]
            for r in data["company_state_network"]])),
        ("Bridges of the letters' web (betweenness)", _table(["entity", "type", "betweenness", "links"], [
            [_link(r["label"], r["iri"], link), esc(r["type"]), str(r["betweenness"]), str(r["degree"])]
            for r in data["centrality"]])),
        ("Communities", _table(["named after", "size", "works", "members"], [
            [esc(c["name"]), str(c["size"]), esc(", ".join(c["works"])), esc(", ".join(c["members"][:12]))]
            for c in data["communities"]])),
    ]
    nav = ("<p><a href='/graph/overview'>overview network</a> · <a href='/timeline/communications'>"
           "timeline of communications</a> · JSON: <a href='/analytics/summary'>/analytics/summary</a></p>")
    body = nav + "".join(f"<h2>{esc(title)}</h2>{content}" for title, content in sections)
    return _page("Analytics", body)
