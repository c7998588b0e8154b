"""The State brief to file: HTML (the ``/states/{id}`` page), PDF (WeasyPrint, from the same
template with the sources as real page footnotes) and DOCX (python-docx, with real Word
footnotes). All three print :func:`rightsgraph.graph.brief.brief` data; see
``docs/decisions/0010-briefs-and-pages.md`` for the choice of libraries.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from rightsgraph.api.rendering import render
from rightsgraph.errors import RendererUnavailableError

__all__ = ["DOCX_TYPE", "brief_docx", "brief_html", "brief_pdf"]

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def brief_html(brief: dict[str, Any], links: list[tuple[str, str]]) -> str:
    """The brief as a page: sources numbered, listed at the end and linked."""
    return render("brief.html", title=brief["title"], brief=brief, links=links, inline_notes=False)


def brief_pdf(brief: dict[str, Any]) -> bytes:
    """The brief as an A4 PDF with each source as a footnote on the page that cites it."""
    try:  # imported here: it loads Pango on import, and only PDF needs it
        from weasyprint import HTML
    except (OSError, ImportError) as error:  # no Pango library (OSError), or no WeasyPrint
        raise RendererUnavailableError(
            "PDF briefs need the Pango library (Debian: libpango-1.0-0 libpangoft2-1.0-0); "
            "the HTML and DOCX briefs work without it", details={"cause": str(error)},
        ) from None

    page = render("brief.html", title=brief["title"], brief=brief, links=[], inline_notes=True)
    return HTML(string=page).write_pdf()


def brief_docx(brief: dict[str, Any]) -> bytes:
    """The brief as a Word document with one Word footnote per citation."""
    document = Document()
    document.core_properties.title = brief["title"]
    footnotes = _Footnotes()
    document.add_heading(brief["title"], level=0)
    for section in brief["sections"]:
        document.add_heading(section["heading"], level=1)
        if section.get("note"):
            document.add_paragraph().add_run(section["note"]).italic = True
        for instrument in section["instruments"]:
            document.add_heading(instrument["heading"], level=2)
            for fact in instrument["facts"]:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(f"{fact['label']}: ").bold = True
                paragraph.add_run(fact["text"])
                for number in fact["notes"]:
                    footnotes.call(paragraph, brief["footnotes"][number - 1])
                if fact.get("more"):
                    more = fact["more"]
                    paragraph.add_run(f" (showing {more['shown']} of {more['total_text']} sources; all sources: "
                                      f"{more['link']})")
    _tail(document, brief)
    footnotes.attach(document)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _tail(document: Any, brief: dict[str, Any]) -> None:
    routes = brief["complaint_routes"]
    if routes["routes"]:
        document.add_heading("Complaint routes", level=1)
        for route in routes["routes"]:
            period = "".join(f" {word} {day}" for word, day in (("since", route["since"]), ("until", route["until"])) if day)
            document.add_paragraph(f"{route['route']} ({route['body']}): {route['status']}{period}", style="List Bullet")
        if routes["unknown"]:
            document.add_paragraph(f"{routes['unknown']} other route(s): no loaded source (unknown, not closed).")
    if brief["recommendations"]:
        section = brief["recommendations"]
        document.add_heading(section["heading"], level=1)
        document.add_paragraph().add_run(section["note"]).italic = True
        for item in section["items"]:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(item["cite"] + (f" ({item['heading']})" if item["heading"] else "") + ": ").bold = True
            paragraph.add_run(item["text"])
    if brief["communications"]:
        document.add_heading("Communications addressed to the State", level=1)
        for comm in brief["communications"]:
            replies = f", {comm['replies']} repl{'y' if comm['replies'] == 1 else 'ies'}" if comm["replies"] else ""
            document.add_paragraph(f"{comm['reference']} of {comm['date']}{replies}", style="List Bullet")
        if brief.get("communications_more"):
            more = brief["communications_more"]
            document.add_paragraph(f"Showing the {more['shown']} most recent of {more['total_text']} communications; "
                                   f"all communications: {more['link']}")
    if brief["companies"]:
        document.add_heading("Companies based in the State named in communications", level=1)
        for company in brief["companies"]:
            document.add_paragraph(f"{company['name']}: {', '.join(company['communications'])}{company.get('more', '')}",
                                   style="List Bullet")


class _Footnotes:
    """Word footnotes: the footnotes part (``word/footnotes.xml``) and the calls in the text.

    python-docx writes no footnotes, so the part is built here with lxml: the two separator
    notes Word expects (ids -1 and 0), then one note per call."""

    def __init__(self) -> None:
        self.root = etree.Element(qn("w:footnotes"), nsmap={"w": _W})
        self._note("-1", "separator")
        self._note("0", "continuationSeparator")
        self.count = 0

    def _note(self, note_id: str, kind: str) -> None:
        note = etree.SubElement(self.root, qn("w:footnote"), {qn("w:type"): kind, qn("w:id"): note_id})
        run = etree.SubElement(etree.SubElement(note, qn("w:p")), qn("w:r"))
        etree.SubElement(run, qn(f"w:{kind}"))

    def call(self, paragraph: Paragraph, note: dict[str, Any]) -> None:
        """A superscript footnote reference after ``paragraph``'s text, and its note."""
        self.count += 1
        note_id = str(self.count)
        run = paragraph.add_run()
        _superscript(run._r)
        etree.SubElement(run._r, qn("w:footnoteReference"), {qn("w:id"): note_id})
        element = etree.SubElement(self.root, qn("w:footnote"), {qn("w:id"): note_id})
        p = etree.SubElement(element, qn("w:p"))
        marker = etree.SubElement(p, qn("w:r"))
        _superscript(marker)
        etree.SubElement(marker, qn("w:footnoteRef"))
        text_run = etree.SubElement(p, qn("w:r"))
        size = etree.SubElement(etree.SubElement(text_run, qn("w:rPr")), qn("w:sz"))
        size.set(qn("w:val"), str(int(Pt(9).pt * 2)))
        text = etree.SubElement(text_run, qn("w:t"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
        text.text = f" {note['citation']}: “{note['quote']}”"

    def attach(self, document: Any) -> None:
        blob = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, blob, document.part.package)
        document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def _superscript(run: Any) -> None:
    properties = run.find(qn("w:rPr"))
    if properties is None:
        properties = etree.Element(qn("w:rPr"))
        run.insert(0, properties)
    etree.SubElement(properties, qn("w:vertAlign"), {qn("w:val"): "superscript"})
