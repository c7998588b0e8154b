"""What the self-contained chart pages draw (inline SVG, no script, nothing fetched): the
timeline of communications and replies with overdue replies marked, the ratification
timeline of an instrument, and the analytics tables. Geometry and rows are computed here;
the markup is in ``api/templates/`` (:mod:`rightsgraph.api.chart_pages`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from rightsgraph.graph import analytics
from rightsgraph.graph.network import RightsNetwork
from rightsgraph.graph.views import LinkMaker, page_url

__all__ = ["analytics_tables", "communications_timeline", "ratification_timeline"]

WIDTH, LEFT, RIGHT, ROW = 1000, 170, 30, 26
_JOINING = ("ratified", "acceded", "succeeded", "accepted", "approved")


def _day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10]) if len(text) >= 10 else dt.date(int(text[:4]), 1, 1)
    except ValueError:
        return None


def _scale(first: dt.date, last: dt.date) -> Callable[[dt.date], float]:
    span = max((last - first).days, 1)
    return lambda day: round(LEFT + (day - first).days / span * (WIDTH - LEFT - RIGHT), 1)


def _axis(first: dt.date, last: dt.date, x: Callable[[dt.date], float], height: float) -> dict[str, Any]:
    step = max(1, (last.year - first.year) // 12 + 1)
    years = [(year, x(dt.date(year, 1, 1))) for year in range(first.year, last.year + 2, step)
             if first <= dt.date(year, 1, 1) <= last]
    return {"left": LEFT, "right": WIDTH - RIGHT, "height": height, "years": years}


def _href(iri: str, link: LinkMaker | None) -> str | None:
    return link(iri) if link else None


# --- communications ------------------------------------------------------------------------------


def communications_timeline(network: RightsNetwork, today: dt.date | None = None,
                            link: LinkMaker | None = page_url) -> dict[str, Any]:
    """Each dated letter as a row: the letter (◆), its reply deadline (|), its replies (▲);
    letters still unanswered after the deadline are ``overdue``. ``chart`` is None when no
    letter is dated."""
    today = today or dt.date.today()
    rows = analytics.communication_timeline(network, today)
    for row in rows:
        row["href"] = _href(row["iri"], link)
        row["state"] = "overdue" if row["overdue"] else "late" if row["late"] else ""
        row["replies_text"] = "; ".join(f"{r['label']} ({r['date'] or 'undated'})" for r in row["replies"]) or "—"
    dated = [r for r in rows if _day(r["date"])]
    days = [d for r in dated for d in (_day(r["date"]), _day(r["deadline"]), *(_day(x["date"]) for x in r["replies"])) if d]
    chart = None
    if days:
        first, last = dt.date(min(days).year, 1, 1), dt.date(max(days).year, 12, 31)
        x = _scale(first, last)
        height = len(dated) * ROW + 10
        chart = {"width": WIDTH, "height": height + 24, "axis": _axis(first, last, x, height),
                 "letters": [_letter_marks(row, i * ROW + 18, x) for i, row in enumerate(dated)]}
    return {"today": today.isoformat(), "overdue": sum(r["overdue"] for r in rows), "rows": rows, "chart": chart}


def _letter_marks(row: dict[str, Any], y: float, x: Callable[[dt.date], float]) -> dict[str, Any]:
    sent = _day(row["date"])
    assert sent is not None
    deadline = _day(row["deadline"])
    replies = [{"x": x(day), "title": f"{reply['label']} — {reply['date']}"}
               for reply in row["replies"] if (day := _day(reply["date"]))]
    end = max([deadline or sent, *(d for r in row["replies"] if (d := _day(r["date"])))])
    return {"y": y, "label": row["reference"], "href": row["href"], "overdue": row["overdue"],
            "colour": "#c00" if row["overdue"] else "#333", "sent_x": x(sent), "end_x": x(end),
            "deadline_x": x(deadline) if deadline else None, "deadline": row["deadline"], "replies": replies,
            "title": f"{row['reference']} — {row['date']}; reply due {row['deadline'] or 'not stated'}"
                     + ("; OVERDUE" if row["overdue"] else "")}


# --- ratifications ---------------------------------------------------------------------------------


def ratification_timeline(network: RightsNetwork, instrument: str, link: LinkMaker | None = page_url) -> dict[str, Any]:
    """The number of parties (ratification, accession, succession, acceptance, approval) and
    of signatories over time, as step lines, with every dated action listed."""
    rows = analytics.ratification_timeline(network, instrument)
    for row in rows:
        row["href"] = _href(row["iri"], link)
        row["document"] = (row["source"] or {}).get("document", "")
    label = str(network.graph.nodes[instrument].get("title") or network.graph.nodes[instrument]["label"])
    return {"label": label, "rows": rows, "chart": _steps(rows) if rows else None,
            "parties": len({r["iri"] for r in rows if r["action"] in _JOINING}),
            "signatories": len({r["iri"] for r in rows if r["action"] == "signed"})}


def _steps(rows: list[dict[str, Any]]) -> dict[str, Any]:
    days = [d for d in (_day(r["date"]) for r in rows) if d]
    first, last = dt.date(min(days).year, 1, 1), dt.date(max(days).year, 12, 31)
    x = _scale(first, last)
    height = 260.0
    total = max(len({r["iri"] for r in rows if r["action"] in _JOINING}),
                len({r["iri"] for r in rows if r["action"] == "signed"}), 1)

    def points(actions: tuple[str, ...]) -> str:
        seen: set[str] = set()
        level = height
        found = [f"{LEFT},{height:.1f}"]
        for row in rows:
            day = _day(row["date"])
            if row["action"] in actions and row["iri"] not in seen and day:
                seen.add(row["iri"])
                y = height - len(seen) / total * (height - 10)
                found.append(f"{x(day):.1f},{level:.1f} {x(day):.1f},{y:.1f}")
                level = y
        return " ".join(found)

    ticks = [(n, round(height - n / total * (height - 10) + 4, 1)) for n in range(0, total + 1, max(1, total // 5))]
    return {"width": WIDTH, "height": height + 24, "axis": _axis(first, last, x, height), "ticks": ticks,
            "signed": points(("signed",)), "joined": points(_JOINING)}


# --- analytics ------------------------------------------------------------------------------------


def _cell(text: Any, iri: str | None = None, link: LinkMaker | None = None) -> dict[str, Any]:
    return {"text": str(text), "href": link(iri) if link and iri else None}


def analytics_tables(network: RightsNetwork, link: LinkMaker | None = page_url) -> list[dict[str, Any]]:
    """The analytics as tables (``title``, ``headers``, ``rows`` of cells with ``text`` and
    ``href``); the JSON endpoints give the same numbers."""
    data = analytics.summary(network)

    def table(title: str, headers: list[str], rows: list[list[dict[str, Any]]]) -> dict[str, Any]:
        return {"title": title, "headers": headers, "rows": rows}

    return [
        table("Most cited provisions", ["provision", "works", "passages", "cited in"], [
            [_cell(r["provision"], r["iri"], link), _cell(r["works"]), _cell(r["passages"]), _cell(", ".join(r["cited_in"]))]
            for r in data["most_cited_provisions"]]),
        table("Communications per State", ["State", "addressed", "copied"], [
            [_cell(r["state"], r["iri"], link), _cell(r["addressed"]), _cell(r["copied"])]
            for r in data["communications_per_state"]]),
        table("Communications per mandate", ["mandate", "letters"], [
            [_cell(r["mandate"], r["iri"], link), _cell(r["communications"])] for r in data["communications_per_mandate"]]),
        table("Communications per year", ["year", "letters"], [
            [_cell(y), _cell(n)] for y, n in data["communications_per_year"].items()]),
        table("Companies and States", ["company", "based in", "owned by", "named in", "letters went to"], [
            [_cell(r["company"], r["iri"], link), _cell(", ".join(r["based_in"])), _cell(", ".join(r["owned_by"])),
             _cell(", ".join(r["works"])), _cell(", ".join(r["states_written_to"]))]
            for r in data["company_state_network"]]),
        table("Bridges of the letters' web (betweenness)", ["entity", "type", "betweenness", "links"], [
            [_cell(r["label"], r["iri"], link), _cell(r["type"]), _cell(r["betweenness"]), _cell(r["degree"])]
            for r in data["centrality"]]),
        table("Communities", ["named after", "size", "works", "members"], [
            [_cell(c["name"]), _cell(c["size"]), _cell(", ".join(c["works"])), _cell(", ".join(c["members"][:12]))]
            for c in data["communities"]]),
    ]
