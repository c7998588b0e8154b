"""The lawyer's workbench over the seeds, the UNTC tables and the real excerpts: the front
door, the State picker, the State's brief as HTML, DOCX and PDF with footnotes in citation
form (opened by python-docx and pypdf), and HEAD answered wherever GET is."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from fastapi.testclient import TestClient
from lxml import etree
from pypdf import PdfReader

from backends import memory_store_with
from rightsgraph.api.app import create_app
from rightsgraph.api.settings import Settings
from rightsgraph.graph.citations import Citer
from rightsgraph.graph.store import Store
from rightsgraph.loaders.pipeline import load_file

REPORT = "thematic_report_a_hrc_28_56_opening_excerpt.txt"
# What a brief may never print: Markdown syntax, and character offsets (they stay in JSON).
MARKDOWN = re.compile(r"\*\*|\[\^\d+\]|^#+ |\]\(|^- ", re.MULTILINE)
OFFSETS = re.compile(r"characters \d+")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def store(shared_dir: Path, seed_paths: list[Path]) -> Store:
    with memory_store_with([*seed_paths, shared_dir / "reference" / "untc", shared_dir / "corpus" / "real"]) as opened:
        yield opened


@pytest.fixture(scope="module")
def client(store: Store):
    with TestClient(create_app(store, Settings()), raise_server_exceptions=False) as test_client:
        yield test_client


def _visible_text(page: str) -> str:
    soup = BeautifulSoup(page, "lxml")
    for element in soup(["style", "script"]):
        element.decompose()
    return soup.get_text("\n")


# --- front door ----------------------------------------------------------------------------------


def test_front_door_has_search_state_picker_instruments_letters_counts_and_currency(client):
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    soup = BeautifulSoup(response.text, "lxml")
    assert soup.find("form", action="/search").find("input", attrs={"name": "q"})
    assert soup.find("form", action="/states").find("input", attrs={"name": "q", "list": "state-names"})
    assert "China" in {o["value"] for o in soup.find("datalist").find_all("option")}
    links = {a["href"] for a in soup.find_all("a")}
    assert {"/communications/AL%20CHN%203/2021", "/instruments/OPSC", "/instruments/UNGP"} <= links
    front = client.get("/", params={"format": "json"}).json()
    assert front["counts"]["communications"] >= 4 and front["counts"]["documents"] >= 11
    assert "dated " + front["latest_document_date"] in " ".join(_visible_text(response.text).split())
    assert not MARKDOWN.search(_visible_text(response.text))


@pytest.mark.parametrize("name", ["China", "CN", "chn", "People's Republic of China"])
def test_state_picker_takes_any_name_or_code(client, name):
    response = client.get("/states", params={"q": name}, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/states/CHN")


def test_state_picker_unknown_name_is_the_json_404(client):
    response = client.get("/states", params={"q": "Chna"})
    assert response.status_code == 404 and response.json()["error"]["code"] == "state_not_found"


# --- the brief -------------------------------------------------------------------------------------


def test_state_page_is_real_html_not_markdown(client):
    page = client.get("/states/CHN").text
    soup = BeautifulSoup(page, "lxml")
    assert soup.find("pre") is None and soup.find("h1").get_text() == "Treaty obligations of China (CHN)"
    assert "CRC — Convention on the Rights of the Child" in [h.get_text() for h in soup.find_all("h3")]
    text = _visible_text(page)
    assert not MARKDOWN.search(text) and not OFFSETS.search(text)
    notes = [li.get_text() for li in soup.select("section.footnotes li")]
    assert any(n.startswith("UN Treaty Collection, MTDSG IV-11, status") for n in notes)
    assert any(n.startswith("Communication AL CHN 3/2021 of 30 March 2021, para. ") for n in notes)
    for call in soup.select("sup a"):  # every call leads to its note
        assert soup.find(id=call["href"][1:]) is not None


def _docx_footnotes(content: bytes) -> tuple[list[str], list[str], str]:
    document = Document(io.BytesIO(content))
    [part] = [rel.target_part for rel in document.part.rels.values() if rel.reltype == RELATIONSHIP_TYPE.FOOTNOTES]
    root = etree.fromstring(part.blob)
    notes = ["".join(n.itertext()).strip() for n in root.iter(f"{W}footnote") if n.get(f"{W}type") is None]
    calls = [c.get(f"{W}id") for c in document.element.body.iter(f"{W}footnoteReference")]
    return notes, calls, "\n".join(p.text for p in document.paragraphs)


def test_docx_brief_has_word_footnotes_in_citation_form(client):
    response = client.get("/states/CHN", params={"format": "docx"})
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    notes, calls, body = _docx_footnotes(response.content)
    assert len(notes) == len(calls) == len(set(calls)) > 5
    assert any(n.startswith("UN Treaty Collection, MTDSG IV-11, status") for n in notes)
    assert any(n.startswith("Communication AL CHN 3/2021 of 30 March 2021, para. ") for n in notes)
    assert "Status: party: bound by the treaty" in body and "Ratification: 2 March 1992" in body
    assert not OFFSETS.search(body + "\n".join(notes)) and not MARKDOWN.search(body)


def test_pdf_brief_has_footnotes_in_citation_form(client):
    response = client.get("/states/CHN", params={"format": "pdf"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert reader.metadata.title == "Treaty obligations of China (CHN) — rightsgraph"
    assert "UN Treaty Collection, MTDSG IV-11, status" in text
    assert "Communication AL CHN 3/2021 of 30 March 2021, para." in text
    assert not OFFSETS.search(text) and "**" not in text


def test_brief_as_of_and_bad_format(client):
    page = client.get("/states/CHN", params={"as_of": "2009-12-31"}).text
    assert "as of 31 December 2009" in page
    error = client.get("/states/CHN", params={"format": "odt"}).json()["error"]
    assert (error["status"], error["code"]) == (400, "usage_error")


# --- citations ---------------------------------------------------------------------------------------


def test_report_is_cited_by_symbol_and_printed_paragraph(store, shared_dir):
    text = load_file(shared_dir / "corpus" / "real" / REPORT).text
    start = text.index("1. The present report is submitted")
    citation = Citer(store).cite({"document": REPORT, "quote": "The present report", "start": start + 3, "end": start + 21})
    assert citation == "A/HRC/28/56, para. 1"


@pytest.mark.parametrize(
    ("source", "context", "expected"),
    [
        ({"document": "treaties_4-11.csv"}, {"status_sources": [{"document": "treaties_4-11.csv", "as_at": "2014-10-26"}]},
         "UN Treaty Collection, MTDSG IV-11, status as at 26 October 2014"),
        # regression: the entry's newest source was a 2021 letter; the table is as at 2014
        ({"document": "treaties_4-11.csv"},
         {"status_as_at": "2021-03-30", "status_sources": [
             {"document": "AL CHN 3/2021", "as_at": "2021-03-30"}, {"document": "treaties_4-11.csv", "as_at": "2014-10-26"}]},
         "UN Treaty Collection, MTDSG IV-11, status as at 26 October 2014"),
        ({"document": "treaties_18-12-a.csv", "status_as_at": "2014-01-27"}, {},
         "UN Treaty Collection, MTDSG XVIII-12-a, status as at 27 January 2014"),
        ({"document": "treaties_4-11-c.csv"}, {}, "UN Treaty Collection, MTDSG IV-11-c, status (date of the status not recorded)"),
        ({"document": "declarations_4-8.txt"}, {}, "UN Treaty Collection, MTDSG IV-8, declarations and reservations"),
    ],
)
def test_treaty_collection_citations(store, source, context, expected):
    assert Citer(store).cite({"quote": "", "start": 0, "end": 1, **source}, context) == expected


# --- HEAD ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/states/CHN", "/search?q=children", "/health",
                                 "/communications/AL CHN 3/2021", "/instruments/CRC", "/graph/overview",
                                 "/sparql/editor", "/openapi.json", "/states/CHN/obligations"])
def test_head_answers_wherever_get_does(client, url):
    got, head = client.get(url), client.head(url)
    assert head.status_code == got.status_code == 200
    assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"]
    assert int(head.headers["content-length"]) == len(got.content)


def test_head_of_an_unknown_page_is_a_404_without_body(client):
    head = client.head("/communications/AL XYZ 99/2099")
    assert head.status_code == 404 and head.content == b""


@pytest.mark.parametrize("url", ["/", "/states/GBR", "/communications/AL CHN 3/2021", "/provisions/CRC/34",
                                 "/instruments/OPSC", "/companies/TikTok", "/mandates/sale-of-children",
                                 "/search?q=children", "/analytics", "/timeline/communications",
                                 "/timeline/ratifications/CRC", "/graph/overview"])
def test_every_page_is_one_layout_with_real_headings_and_no_markdown(client, url):
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    soup = BeautifulSoup(response.text, "lxml")
    assert soup.find("html")["lang"] == "en" and len(soup.find_all("h1")) == 1
    assert soup.find("a", class_="skip") and soup.find("main", id="content")
    assert soup.find("style", media="print") is not None  # the print stylesheet
    assert not MARKDOWN.search(_visible_text(response.text))


def test_a_pdf_brief_without_its_renderer_is_a_clear_503(client, monkeypatch):
    """Regression: without Pango, WeasyPrint's import raised OSError and the PDF brief was a
    bare 500; now it is the one error shape, naming what to install."""
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it could not be loaded
    response = client.get("/states/CHN", params={"format": "pdf"})
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "renderer_unavailable" and "Pango" in error["message"]


@pytest.mark.parametrize(
    ("url", "heading", "expected"),
    [
        # issue 15 item 3: the statements on an article, shown on its page
        ("/provisions/CRC/21", "Reservations and declarations on this article", r"ARG</strong>: reservation \(art\. 21\)"),
        # issue 17: report recommendations naming the instrument, marked soft law
        ("/instruments/OPSC", "Report recommendations naming it (soft law, not treaty obligations)",
         r"A/79/122, para\. 100 \(b\)"),
    ],
)
def test_html_pages_show_statements_and_recommendations(client, url, heading, expected):
    page = client.get(url, params={"format": "html"}).text
    section = page.split(f"<h2>{heading}</h2>")[1].split("<h2>")[0]
    assert re.search(expected, section)
