"""Reports as citable sources: a report's outline, paragraphs and recommendations, and the
recommendations across reports by addressee, theme, instrument and State.

Every item is citable as the report's symbol and paragraph ("A/79/122, para. 98 (b)") with
its quote and span. Recommendations are soft law: every one carries ``"soft_law": true`` and
``"binding": false``, and the obligations brief lists them apart from treaty obligations
(:func:`brief_recommendations`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote as url_quote

from rdflib import Literal

from rightsgraph.errors import NotFoundError, UsageError
from rightsgraph.graph.pages_queries import PASSAGE
from rightsgraph.graph.pages_common import (
    Row, instrument_url, number_key, provision_label, provision_url, source_of, text_of,
)
from rightsgraph.graph.rdf_terms import ID, RG, SPARQL_PREFIXES as _PREFIXES
from rightsgraph.graph.store import Store
from rightsgraph.loaders.extractors.report_themes import theme_concepts
from rightsgraph.loaders.reference.instruments import instrument_by_id
from rightsgraph.loaders.reference.states import find_state

__all__ = [
    "ADDRESSEES", "brief_recommendations", "recommendation_brief_lines", "business_recommendations", "recommendations",
    "recommendations_citing", "report_page", "report_url",
]

ADDRESSEES = ("states", "business", "un", "other")
_INSTRUMENT_PREFIX = str(ID["instrument/"])
_THEME_PREFIX = str(RG["theme-"])
_ADDRESSEE_PREFIX = str(RG["addressee-"])
_STATE_PREFIX = str(ID["state/"])


REPORT = _PREFIXES + """
SELECT ?work ?symbol ?date ?file WHERE {
  ?work a rg:Report ; rg:symbol ?symbol ; rg:recordedIn ?doc .
  ?doc rg:fileName ?file .
  OPTIONAL { ?work dcterms:date ?date . }
}
"""

SECTIONS = _PREFIXES + """
SELECT ?section ?title ?number ?level ?seq WHERE {
  ?work rg:hasSection ?section .
  ?section eli:title ?title ; rg:sectionLevel ?level ; rg:sequence ?seq .
  OPTIONAL { ?section eli:number ?number . }
}
"""

PARAGRAPHS = _PREFIXES + """
SELECT ?fact ?pid ?number ?sub ?text ?path ?seq ?quote ?start ?end ?file WHERE {
  ?fact a rg:ReportParagraph ; rg:statedIn ?work ; rg:paragraphId ?pid ; eli:number ?number ;
        rg:text ?text ; rg:sequence ?seq .
""" + PASSAGE + """
  OPTIONAL { ?fact rg:subParagraph ?sub . }
  OPTIONAL { ?fact rg:sectionPath ?path . }
}
"""

FOOTNOTE_CALLS = _PREFIXES + """
SELECT ?fact ?fnumber ?ftext WHERE {
  ?fact a rg:ReportParagraph ; rg:statedIn ?work ; rg:callsFootnote ?note .
  ?note eli:number ?fnumber ; rg:text ?ftext .
}
"""

RECOMMENDATIONS = _PREFIXES + """
SELECT ?fact ?work ?symbol ?rid ?seq ?text ?heading ?theme ?themeLabel ?addressee ?visited ?quote ?start ?end ?file WHERE {
  ?fact a rg:Recommendation ; rg:statedIn ?work ; rg:paragraphId ?rid ; rg:sequence ?seq ; rg:paragraph ?para .
  ?para rg:text ?text .
  ?work rg:symbol ?symbol .
""" + PASSAGE + """
  OPTIONAL { ?fact rg:themeHeading ?heading . }
  OPTIONAL { ?fact rg:theme ?theme . OPTIONAL { ?theme skos:prefLabel ?themeLabel . } }
  OPTIONAL { ?fact rg:addressedTo ?addressee . }
  OPTIONAL { ?work rg:visitedState ?visited . }
}
"""

RECOMMENDATION_LINKS = _PREFIXES + """
SELECT ?fact ?link ?target WHERE {
  ?fact a rg:Recommendation ; rg:statedIn ?work .
  { ?fact rg:citesInstrument ?target . BIND("instrument" AS ?link) }
  UNION { ?fact rg:citesProvision ?target . BIND("provision" AS ?link) }
  UNION { ?fact rg:topic ?target . BIND("topic" AS ?link) }
}
"""


def report_url(symbol: str, paragraph: str | None = None) -> str:
    """The report's page, with an anchor for a paragraph.

    >>> report_url("A/79/122", "98(b)")
    '/reports/A/79/122#para-98-b'
    """
    url = "/reports/" + url_quote(symbol, safe="/")
    return url + "#para-" + paragraph.replace("(", "-").rstrip(")") if paragraph else url


def _citable(symbol: str, pid: str) -> str:
    number, _, sub = pid.partition("(")
    return f"{symbol}, para. {number}" + (f" ({sub.rstrip(')')})" if sub else "")


def _find_report(store: Store, symbol: str) -> Row:
    wanted = " ".join(symbol.split()).strip("/ ")
    rows = store.select(REPORT, {"symbol": Literal(wanted)})
    if not rows:
        raise NotFoundError(f"no report {wanted!r} in the graph", details={"symbol": wanted})
    return rows[0]


def report_page(store: Store, symbol: str) -> dict[str, Any]:
    """A report by symbol: ``outline`` (its headings), ``paragraphs`` (each with its number,
    heading path, text, footnotes and quote) and ``recommendations``. Unknown: 404."""
    row = _find_report(store, symbol)
    work, name = row["work"], str(row["symbol"])
    outline = sorted(store.select(SECTIONS, {"work": work}), key=lambda r: int(r["seq"].toPython()))
    notes: dict[str, list[dict[str, str]]] = {}
    for call in store.select(FOOTNOTE_CALLS, {"work": work}):
        notes.setdefault(str(call["fact"]), []).append({"number": str(call["fnumber"]), "text": str(call["ftext"])})
    paragraphs = sorted(store.select(PARAGRAPHS, {"work": work}), key=lambda r: int(r["seq"].toPython()))
    return {
        "symbol": name,
        "date": text_of(row, "date"),
        "document": str(row["file"]),
        "outline": [_section_entry(s) for s in outline],
        "paragraphs": [_paragraph_entry(name, p, notes.get(str(p["fact"]), [])) for p in paragraphs],
        "recommendations": _recommendations_of(store, {"work": work}),
        "links": {"self": report_url(name), "recommendations": "/recommendations?report=" + url_quote(name, safe="")},
    }


def _section_entry(row: Row) -> dict[str, Any]:
    return {"number": text_of(row, "number"), "title": str(row["title"]), "level": int(row["level"].toPython())}


def _paragraph_entry(symbol: str, row: Row, footnotes: list[dict[str, str]]) -> dict[str, Any]:
    pid = str(row["pid"])
    return {
        "id": pid,
        "number": str(row["number"]),
        "sub": text_of(row, "sub"),
        "cite": _citable(symbol, pid),
        "section": text_of(row, "path"),
        "text": str(row["text"]),
        "footnotes": sorted(footnotes, key=lambda n: number_key(n["number"])),
        "source": source_of(row),
    }


def recommendations(
    store: Store,
    *,
    addressee: str | None = None,
    theme: str | None = None,
    instrument: str | None = None,
    state: str | None = None,
    report: str | None = None,
) -> dict[str, Any]:
    """Recommendations of every report in the store, narrowed by the facets given.

    ``addressee``: states, business, un or other. ``theme``: a concept id of the theme scheme
    (the recommendation's theme or one of its topics). ``instrument``: an instrument id the
    recommendation names (by name or provision). ``state``: a State (code or name): the
    recommendations addressed to States that concern it (:func:`to_state`).
    ``report``: a symbol. A facet value that names nothing known is a 400 (unknown State 404).
    """
    facets = _checked_facets(addressee, theme, instrument, state)
    bindings: dict[str, Any] = {}
    if report:
        bindings["work"] = _find_report(store, report)["work"]
    items = _recommendations_of(store, bindings)
    if facets["state"]:
        items = to_state(items, facets["state"]["iso3"])
    items = [i for i in items if _matches(i, facets["addressee"], facets["theme"], facets["instrument"])]
    return {"facets": {k: v for k, v in facets.items() if v}, "count": len(items), "recommendations": items}


def _checked_facets(addressee: str | None, theme: str | None, instrument: str | None, state: str | None) -> dict[str, Any]:
    if addressee and addressee not in ADDRESSEES:
        raise UsageError(f"addressee must be one of {', '.join(ADDRESSEES)}, not {addressee!r}",
                         details={"addressee": addressee, "allowed": list(ADDRESSEES)})
    if theme and theme not in theme_concepts():
        raise UsageError(f"unknown theme {theme!r}", details={"theme": theme, "allowed": list(theme_concepts())})
    instrument_id = instrument_by_id(instrument).id if instrument else None  # unknown: 404
    found = find_state(state) if state else None
    return {"addressee": addressee, "theme": theme, "instrument": instrument_id,
            "state": {"iso3": found.iso3, "name": found.name} if found else None}


def to_state(items: list[dict[str, Any]], iso3: str) -> list[dict[str, Any]]:
    """The recommendations addressed to States that concern ``iso3``: those of thematic
    reports (addressed to every State) and those of a report on a visit to that State."""
    return [i for i in items if i["addressee"] == "states" and i["state"] in (None, iso3)]


def _matches(item: dict[str, Any], addressee: str | None, theme: str | None, instrument: str | None) -> bool:
    if addressee and item["addressee"] != addressee:
        return False
    if theme and theme not in [t["id"] for t in item["themes"]]:
        return False
    return not instrument or instrument in item["instruments"]


def _recommendations_of(store: Store, bindings: dict[str, Any]) -> list[dict[str, Any]]:
    links: dict[str, dict[str, list[str]]] = {}
    for row in store.select(RECOMMENDATION_LINKS, bindings):
        links.setdefault(str(row["fact"]), {}).setdefault(str(row["link"]), []).append(str(row["target"]))
    rows = store.select(RECOMMENDATIONS, bindings)
    items = [_recommendation_entry(r, links.get(str(r["fact"]), {})) for r in rows]
    return public(sorted(items, key=lambda i: (i["report"], i["_seq"])))


def _recommendation_entry(row: Row, links: dict[str, list[str]]) -> dict[str, Any]:
    symbol, rid = str(row["symbol"]), str(row["rid"])
    provisions = sorted({_provision_of(iri) for iri in links.get("provision", [])})
    instruments = sorted({i.removeprefix(_INSTRUMENT_PREFIX) for i in links.get("instrument", [])} | {p[0] for p in provisions})
    themes = [t for t in [_theme_entry(text_of(row, "theme"), text_of(row, "themeLabel"))] if t]
    themes += [_theme_entry(t, None) for t in sorted(links.get("topic", []))]
    return {
        "report": symbol,
        "id": rid,
        "cite": _citable(symbol, rid),
        "heading": text_of(row, "heading"),
        "addressee": (text_of(row, "addressee") or "").removeprefix(_ADDRESSEE_PREFIX) or None,
        "state": (text_of(row, "visited") or "").removeprefix(_STATE_PREFIX) or None,
        "themes": [t for t in themes if t],
        "text": str(row["text"]),
        "source": source_of(row),
        "instruments": instruments,
        "provisions": [{"instrument": i, "number": n, "label": provision_label(i, n), "links": {"page": provision_url(i, n)}}
                       for i, n in provisions],
        "soft_law": True,
        "binding": False,
        "links": {"report": report_url(symbol, rid),
                  **{f"instrument_{i}": instrument_url(i) for i in instruments}},
        "_seq": int(row["seq"].toPython()),
    }


def _theme_entry(iri: str | None, label: str | None) -> dict[str, Any] | None:
    if not iri:
        return None
    return {"id": iri.removeprefix(_THEME_PREFIX), "label": label}


def _provision_of(iri: str) -> tuple[str, str]:
    """``.../instrument/CRC/article/34`` -> ("CRC", "34")."""
    instrument, _, number = iri.removeprefix(_INSTRUMENT_PREFIX).partition("/")
    return instrument, number.rsplit("/", 1)[-1]


def public(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items without their internal sort keys."""
    return [{k: v for k, v in item.items() if not k.startswith("_")} for item in items]


def recommendations_citing(store: Store, instrument_id: str, number: str | None = None) -> list[dict[str, Any]]:
    """Recommendations naming the instrument (``number`` None) or that provision of it."""
    items = _recommendations_of(store, {})
    instrument_id = instrument_by_id(instrument_id).id
    if number is None:
        return [i for i in items if instrument_id in i["instruments"]]
    return [i for i in items if any(p["instrument"] == instrument_id and p["number"] == number for p in i["provisions"])]


def business_recommendations(store: Store) -> list[dict[str, Any]]:
    """Recommendations addressed to business enterprises, with the UNGPs they cite."""
    return [i for i in _recommendations_of(store, {}) if i["addressee"] == "business"]


def brief_recommendations(store: Store, state_query: str) -> dict[str, Any]:
    """The soft-law section of a State's obligations brief: recommendations that reports in
    the store address to States, kept apart from (and never counted as) treaty obligations."""
    state = find_state(state_query)
    items = to_state(_recommendations_of(store, {}), state.iso3)
    return {
        "soft_law": True,
        "binding": False,
        "note": "Recommendations of UN Special Procedures reports addressed to States in general or to this State "
                "after a country visit; "
                "soft law, not treaty obligations of " + state.name + ".",
        "items": items,
    }


def recommendation_brief_lines(section: dict[str, Any] | None) -> list[str]:
    """The brief's soft-law section in Markdown: each recommendation cited by symbol and
    paragraph with its text, under a heading that says it is not an obligation."""
    if not section or not section["items"]:
        return []
    lines = ["## Soft law: recommendations of reports addressed to States (not treaty obligations)", "",
             section["note"], ""]
    for item in section["items"]:
        heading = f" ({item['heading']})" if item["heading"] else ""
        lines.append(f"- **{item['cite']}**{heading}: {item['text']}")
    return lines + [""]

