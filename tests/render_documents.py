"""Render plain text as a UN-style PDF (reportlab) or a DOCX (python-docx) for reader tests.

``render_pdf`` lays the text out on A4 pages with a running header on every page and a footer
holding the job number and ``page/total``, printed ``21-01234 3/7`` on odd pages and
``4/7 21-01234`` on even pages (as UN documents do). On even pages the footer is drawn
before the body, so it also comes first in the PDF's content stream. It returns the layout,
so tests know which page every line went to.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

DEFAULT_HEADER = "A/HRC/00/0 FICTIONAL HEADER"
DEFAULT_JOB_NUMBER = "21-01234"
_UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_FONT_SIZE = 10
_LEADING = 13
_MARGIN = 72


@dataclass(frozen=True)
class RenderedPdf:
    """What ``render_pdf`` drew: ``pages[i]`` holds the body lines of page ``i + 1``
    (blank lines included as "")."""

    path: Path
    pages: tuple[tuple[str, ...], ...]
    header: str | None
    job_number: str

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def footer(self, number: int) -> str:
        """The footer line printed on page ``number`` (1-based)."""
        folio = f"{number}/{self.page_count}"
        return f"{self.job_number} {folio}" if number % 2 else f"{folio} {self.job_number}"


def _font_name() -> str:
    """DejaVu Sans when installed (it has every glyph of the seeds), else Helvetica."""
    if not _UNICODE_FONT.exists():
        return "Helvetica"
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(_UNICODE_FONT)))
    return "DejaVuSans"


def layout_lines(text: str, font: str, width: float) -> list[str]:
    """Wrap each input line to ``width``; blank input lines stay blank."""
    lines: list[str] = []
    for line in text.split("\n"):
        lines.extend(simpleSplit(line, font, _FONT_SIZE, width) if line.strip() else [""])
    return lines


def render_pdf(
    text: str,
    path: Path,
    header: str | None = DEFAULT_HEADER,
    job_number: str = DEFAULT_JOB_NUMBER,
) -> RenderedPdf:
    """Write ``text`` to ``path`` as a PDF with a running header (none when ``header`` is
    None) and job-number footers."""
    font = _font_name()
    width, height = A4
    lines = layout_lines(text, font, width - 2 * _MARGIN)
    per_page = int((height - 2 * _MARGIN) // _LEADING)
    pages = tuple(
        tuple(lines[i : i + per_page]) for i in range(0, max(len(lines), 1), per_page)
    )
    rendered = RenderedPdf(Path(path), pages, header, job_number)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number, body in enumerate(pages, start=1):
        pdf.setFont(font, _FONT_SIZE)
        if number % 2 == 0:
            _draw_footer(pdf, rendered.footer(number), number, width)
        if header is not None:
            pdf.drawString(_MARGIN, height - 40, header)
        y = height - _MARGIN
        for line in body:
            if line:
                pdf.drawString(_MARGIN, y, line)
            y -= _LEADING
        if number % 2:
            _draw_footer(pdf, rendered.footer(number), number, width)
        pdf.showPage()
    pdf.save()
    return rendered


def _draw_footer(pdf: canvas.Canvas, footer: str, number: int, width: float) -> None:
    if number % 2:
        pdf.drawRightString(width - _MARGIN, 30, footer)
    else:
        pdf.drawString(_MARGIN, 30, footer)


def docx_paragraphs(text: str) -> list[str]:
    """The input's paragraphs: blocks separated by blank lines (inner newlines kept)."""
    return [block.strip("\n") for block in re.split(r"\n[ \t]*\n", text) if block.strip()]


def render_docx(text: str, path: Path, header: str | None = None) -> list[str]:
    """Write ``text`` to ``path`` as a DOCX, one paragraph per input paragraph (a newline
    inside a paragraph becomes a line break); ``header`` goes into the page header.
    Returns the paragraphs written, in order."""
    document = docx.Document()
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    paragraphs = docx_paragraphs(text)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))
    return paragraphs


_FOOTNOTES_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
)
_FOOTNOTES_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
)
_W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def add_footnotes(path: Path, footnotes: dict[int, str]) -> None:
    """Give the DOCX at ``path`` a footnotes part holding ``footnotes`` (id -> text), plus
    the separator footnotes Word always writes. python-docx cannot write footnotes, so the
    part is added to the zip directly (no footnote reference is placed in the body)."""
    notes = [
        f'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        f"</w:footnote>",
        f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:footnote>",
    ]
    for number, text in footnotes.items():
        notes.append(
            f'<w:footnote w:id="{number}"><w:p><w:r><w:t xml:space="preserve">'
            f"{escape(text)}</w:t></w:r></w:p></w:footnote>"
        )
    part = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:footnotes xmlns:w="{_W_NAMESPACE}">{"".join(notes)}</w:footnotes>'
    )
    with zipfile.ZipFile(path) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    entries["word/footnotes.xml"] = part.encode("utf-8")
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"</Types>",
        f'<Override PartName="/word/footnotes.xml" ContentType="{_FOOTNOTES_CONTENT_TYPE}"/>'
        f"</Types>".encode(),
    )
    rels = "word/_rels/document.xml.rels"
    entries[rels] = entries[rels].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdFootnotes" Type="{_FOOTNOTES_RELATIONSHIP}" '
        f'Target="footnotes.xml"/></Relationships>'.encode(),
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for filename, content in entries.items():
            archive.writestr(filename, content)
