"""Sources in the form a lawyer cites them, for briefs (HTML, DOCX, PDF).

A source of the obligations view (``{"document", "quote", "start", "end"}``, where
``document`` is a letter's reference or a file name) becomes:

* a UN Treaty Collection table: "UN Treaty Collection, MTDSG IV-11, status as at
  26 October 2014" (the date the table gives; when the data does not record it, the
  citation says so rather than guess);
* its declarations and reservations: "UN Treaty Collection, MTDSG IV-11, declarations and
  reservations";
* a letter: "Communication AL CHN 3/2021 of 30 March 2021, para. 14";
* a reply: "Reply of 17 June 2021 to AL GBR 3/2021, para. 3";
* a report: "A/HRC/28/56, para. 12" (the paragraph number the report prints).

A paragraph is the document's paragraph (``rg:paragraphNumber``) holding the quote's first
character. Character offsets stay in the JSON; they never appear in a citation.

>>> citation_date("2014-10-26"), citation_date("2021-03"), citation_date("1994"), citation_date(None)
('26 October 2014', 'March 2021', '1994', None)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef

from rightsgraph.graph.store import Store
from rightsgraph.loaders.reference.instruments import instrument_by_mtdsg

__all__ = ["Citer", "citation_date"]

_PREFIXES = """
PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""
_DOCUMENTS = _PREFIXES + """
SELECT ?doc ?file ?kind ?reference ?symbol ?date ?workKind WHERE {
  ?doc a rg:Document ; rg:fileName ?file .
  OPTIONAL { ?doc rg:documentKind ?kind . }
  OPTIONAL { ?work rg:recordedIn ?doc ; a ?workKind .
             FILTER(?workKind IN (rg:Communication, rg:Reply, rg:Report))
             OPTIONAL { ?work dcterms:identifier ?reference . }
             OPTIONAL { ?work rg:symbol ?symbol . }
             OPTIONAL { ?work dcterms:date ?date . } }
}
"""
_PARAGRAPHS = _PREFIXES + """
SELECT ?passage ?number WHERE { ?passage oa:hasSource ?doc ; rg:paragraphNumber ?number . }
"""
_SPAN = re.compile(r"/passage/(\d+)-(\d+)$")
_TABLE = re.compile(r"^(treaties|declarations)_(\d+-\d+(?:-[a-z])?)\.", re.IGNORECASE)


def citation_date(iso: str | None) -> str | None:
    """An ISO date, month or year as a citation writes it; no invented precision."""
    if not iso:
        return None
    parts = str(iso).split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{calendar.month_name[int(parts[1])]} {parts[0]}"
    return str(iso)


@dataclass(slots=True)
class _Document:
    iri: str
    file: str
    kind: str
    work_kind: str | None = None
    reference: str | None = None
    symbol: str | None = None
    date: str | None = None
    paragraphs: list[tuple[int, int, str]] | None = field(default=None)


def _local(iri: Any) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _table_as_at(document: str, context: dict[str, Any]) -> str | None:
    """The "as at" day of the status table ``document`` itself, from the entry's status
    sources (never the entry's newest source, which may be a later letter)."""
    return next((source.get("as_at") for source in context.get("status_sources", [])
                 if source.get("document") == document), None)


class Citer:
    """Cites sources of one store; reads each cited document's paragraphs once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._by_name: dict[str, list[_Document]] = {}
        for row in store.select(_DOCUMENTS):
            doc = _Document(str(row["doc"]), str(row["file"]), _local(row.get("kind") or "doc-unknown").removeprefix("doc-"),
                            _local(row["workKind"]).lower() if row.get("workKind") else None,
                            str(row["reference"]) if row.get("reference") else None,
                            str(row["symbol"]) if row.get("symbol") else None,
                            str(row["date"]) if row.get("date") else None)
            for name in {doc.file, doc.reference, doc.symbol} - {None}:
                self._by_name.setdefault(str(name), []).append(doc)

    def cite(self, source: dict[str, Any], context: dict[str, Any] | None = None) -> str:
        """The citation of ``source``; ``context`` (the obligation entry it supports) gives,
        in its ``status_sources``, the "as at" day of a status table that does not carry its own."""
        document = source["document"]
        table = _TABLE.match(document)
        if table:
            return self._untc(table, source, context or {})
        found = self._document(document, int(source.get("start", 0)))
        if found is None:
            return document
        paragraph = self._paragraph(found, int(source.get("start", 0)))
        para = f", para. {paragraph}" if paragraph else ""
        date = citation_date(found.date)
        if found.work_kind == "communication":
            return f"Communication {found.reference or found.file}" + (f" of {date}" if date else " (undated)") + para
        if found.work_kind == "reply":
            to = f" to {found.reference}" if found.reference else ""
            return "Reply" + (f" of {date}" if date else " (undated)") + to + para
        if found.work_kind == "report":
            return f"{found.symbol or found.reference or found.file}{para}"
        return f"{found.file}{para}"

    def _untc(self, table: re.Match[str], source: dict[str, Any], context: dict[str, Any]) -> str:
        instrument = instrument_by_mtdsg(table.group(2))
        chapter = instrument.mtdsg if instrument and instrument.mtdsg else table.group(2).upper()
        if table.group(1).lower() == "declarations":
            return f"UN Treaty Collection, MTDSG {chapter}, declarations and reservations"
        as_at = citation_date(source.get("status_as_at") or _table_as_at(source["document"], context))
        return f"UN Treaty Collection, MTDSG {chapter}, " + (f"status as at {as_at}" if as_at else "status (date of the status not recorded)")

    def _document(self, name: str, start: int) -> _Document | None:
        candidates = self._by_name.get(name, [])
        for doc in candidates:
            if any(low <= start < high for low, high, _ in self._paragraphs_of(doc)):
                return doc
        return candidates[0] if candidates else None

    def _paragraph(self, doc: _Document, start: int) -> str | None:
        return next((number for low, high, number in self._paragraphs_of(doc) if low <= start < high), None)

    def _paragraphs_of(self, doc: _Document) -> list[tuple[int, int, str]]:
        if doc.paragraphs is None:
            spans = []
            for row in self.store.select(_PARAGRAPHS, {"doc": URIRef(doc.iri)}):
                match = _SPAN.search(str(row["passage"]))
                if match:
                    spans.append((int(match[1]), int(match[2]), str(row["number"])))
            doc.paragraphs = sorted(spans)
        return doc.paragraphs
