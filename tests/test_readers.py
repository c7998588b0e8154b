"""Readers: real seed documents round-tripped through PDF and DOCX, bad input, encodings,
HTML status tables, and fuzzed bytes."""

from __future__ import annotations

import difflib
import io
import random
import re
import unicodedata
import zipfile
from pathlib import Path

import docx
import lxml.html
import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfgen import canvas

from rightsgraph.errors import (
    DocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    UnreadableDocumentError,
    UnsupportedFormatError,
)
from rightsgraph.loaders.readers import ReadDocument, read_document

from render_documents import RenderedPdf, add_footnotes, render_docx, render_pdf

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
MIN_WORD_RATIO = 0.98
PHRASE_WORDS = 6
SeedPdf = tuple[RenderedPdf, ReadDocument]
SeedDocx = tuple[Path, ReadDocument]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold())


def printed_numbers(rendered: RenderedPdf) -> list[str]:
    return [str(number) for number in range(1, rendered.page_count + 1)]


def word_ratio(expected: str, actual: str) -> float:
    return difflib.SequenceMatcher(None, words(expected), words(actual), autojunk=False).ratio()


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The phrase's words with any whitespace between them (line breaks move)."""
    return re.compile(r"\s+".join(re.escape(word) for word in phrase.split()))


def unique_phrase(candidates: list[str], haystack: str) -> str:
    """The first run of PHRASE_WORDS words opening a candidate line found once in haystack."""
    for line in candidates:
        line_words = line.split()
        if len(line_words) < PHRASE_WORDS:
            continue
        phrase = " ".join(line_words[:PHRASE_WORDS])
        if len(phrase_pattern(phrase).findall(haystack)) == 1:
            return phrase
    raise AssertionError("no unique phrase in the candidate lines")


@pytest.fixture(scope="module", params=SEEDS or [None], ids=lambda p: p.stem if p else "none")
def seed(request: pytest.FixtureRequest) -> Path:
    if request.param is None:
        pytest.skip(f"shared seeds not found under {SHARED}")
    return request.param


@pytest.fixture(scope="module")
def seed_pdf(seed: Path, tmp_path_factory: pytest.TempPathFactory) -> SeedPdf:
    path = tmp_path_factory.mktemp("pdf") / "seed.pdf"
    rendered = render_pdf(seed.read_text(encoding="utf-8"), path)
    return rendered, read_document(rendered.path)


@pytest.fixture(scope="module")
def seed_docx(seed: Path, tmp_path_factory: pytest.TempPathFactory) -> SeedDocx:
    path = tmp_path_factory.mktemp("docx") / "seed.docx"
    render_docx(seed.read_text(encoding="utf-8"), path, header="A/HRC/00/0 FICTIONAL HEADER")
    return path, read_document(path)


# --- seeds as text, PDF and DOCX ------------------------------------------------------------


def test_text_seed_reads_verbatim(seed: Path) -> None:
    doc = read_document(seed)
    assert doc.text == seed.read_text(encoding="utf-8")
    assert doc.media_type == "text/plain"
    assert doc.pages == ()
    middle = len(doc.text) // 2
    assert doc.source_location(middle).offset == middle


def test_pdf_seed_drops_running_header_and_footers(seed_pdf: SeedPdf) -> None:
    rendered, doc = seed_pdf
    lines = doc.text.split("\n")
    assert rendered.header not in doc.text
    assert rendered.job_number not in doc.text
    for number in range(1, rendered.page_count + 1):
        assert rendered.footer(number) not in lines


def test_pdf_seed_counts_pages_with_printed_numbers(seed_pdf: SeedPdf) -> None:
    rendered, doc = seed_pdf
    assert doc.media_type == "application/pdf"
    assert [page.number for page in doc.pages] == printed_numbers(rendered)
    assert [page.index for page in doc.pages] == list(range(rendered.page_count))
    for before, after in zip(doc.pages, doc.pages[1:]):
        assert doc.text[before.end : after.start] == "\n\n"
        separator = doc.source_location(before.end)
        assert separator.inserted and separator.index == before.index
    assert doc.pages[0].start == 0 and doc.pages[-1].end == len(doc.text)


def test_pdf_seed_keeps_the_words(seed: Path, seed_pdf: SeedPdf) -> None:
    _, doc = seed_pdf
    assert word_ratio(seed.read_text(encoding="utf-8"), doc.text) >= MIN_WORD_RATIO


def test_pdf_seed_phrase_maps_back_to_its_page(seed_pdf: SeedPdf) -> None:
    rendered, doc = seed_pdf
    page_index = rendered.page_count // 2
    phrase = unique_phrase(list(rendered.pages[page_index]), doc.text)
    match = phrase_pattern(phrase).search(doc.text)
    assert match is not None

    location = doc.source_location(match.start())

    assert location.kind == "page"
    assert (location.index, location.page) == (page_index, str(page_index + 1))
    assert doc.page_at(match.start()).number == str(page_index + 1)
    raw_page = pypdf.PdfReader(rendered.path).pages[page_index].extract_text()
    assert raw_page[location.offset :].startswith(phrase.split()[0])


def test_docx_seed_keeps_the_words_without_the_page_header(
    seed: Path, seed_docx: SeedDocx
) -> None:
    _, doc = seed_docx
    assert doc.media_type.endswith("wordprocessingml.document")
    assert "FICTIONAL HEADER" not in doc.text
    assert word_ratio(seed.read_text(encoding="utf-8"), doc.text) >= MIN_WORD_RATIO


def test_docx_seed_phrase_maps_back_to_its_paragraph(seed_docx: SeedDocx) -> None:
    path, doc = seed_docx
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    phrase = unique_phrase(paragraphs[len(paragraphs) // 2 :], doc.text)
    match = phrase_pattern(phrase).search(doc.text)
    assert match is not None

    location = doc.source_location(match.start())

    assert location.kind == "paragraph"
    assert phrase_pattern(phrase).match(paragraphs[location.index], location.offset)


# --- PDF specifics --------------------------------------------------------------------------

_NUMBERED_PARAGRAPHS = "\n".join(
    f"{n}. The Special Rapporteur received information on case {n} concerning children."
    for n in range(1, 160)
)


@pytest.mark.parametrize(
    ("header", "job_number"),
    [
        ("A/79/122", "24-12520"),
        ("A/HRC/00/0 FICTIONAL HEADER", "21-01234"),
        ("CRC/C/OPSC/XXX/1", "GE.21-01234"),
    ],
)
def test_pdf_un_furniture_is_dropped(header: str, job_number: str, tmp_path: Path) -> None:
    rendered = render_pdf(
        _NUMBERED_PARAGRAPHS, tmp_path / "un.pdf", header=header, job_number=job_number
    )
    doc = read_document(rendered.path)
    assert rendered.page_count >= 3
    assert header not in doc.text and job_number not in doc.text
    assert [page.number for page in doc.pages] == printed_numbers(rendered)
    assert doc.text.split("\n")[0] == _NUMBERED_PARAGRAPHS.split("\n")[0]
    assert words(doc.text) == words(_NUMBERED_PARAGRAPHS)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("the sexual exploita-\ntion of children", "the sexual exploitation of children"),
        ("the Inter-\nnet is global", "the Inter-\nnet is global"),
        ("the years 2021-\n2022 saw", "the years 2021-\n2022 saw"),
        ("technology-facilitated abuse and technology-\nfacilitated harm",
         "technology-facilitated abuse and technology-facilitated harm"),
    ],
    ids=["lowercase", "capital", "digits", "known-compound"],
)
def test_pdf_hyphenated_line_ends(lines: str, expected: str, tmp_path: Path) -> None:
    doc = read_document(render_pdf(lines, tmp_path / "h.pdf", header=None).path)
    assert doc.text == expected


def test_pdf_encrypted_with_owner_password_only_is_read(tmp_path: Path) -> None:
    rendered = render_pdf("Excellency, we have the honour", tmp_path / "plain.pdf", header=None)
    writer = pypdf.PdfWriter(clone_from=rendered.path)
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert read_document(out.getvalue(), "owner.pdf").text == "Excellency, we have the honour"


# --- DOCX specifics -------------------------------------------------------------------------


def test_docx_tables_and_footnotes(tmp_path: Path) -> None:
    path = tmp_path / "status.docx"
    document = docx.Document()
    document.add_paragraph("Status of the Optional Protocol")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Participant", "Signature", "Ratification"]):
        cell.text = text
    table.rows[1].cells[0].text = "Albania"
    table.rows[1].cells[2].text = "5 Feb 2008 a"
    document.add_paragraph("")
    document.add_paragraph("")
    document.add_paragraph("End of table.")
    document.save(str(path))
    add_footnotes(path, {1: "See A/79/122, para. 4."})

    doc = read_document(path)

    assert doc.text == (
        "Status of the Optional Protocol\n"
        "Participant\tSignature\tRatification\n"
        "Albania\t\t5 Feb 2008 a\n"
        "\n"
        "End of table.\n"
        "\n"
        "1 See A/79/122, para. 4."
    )
    cell = doc.source_location(doc.text.index("5 Feb"))
    assert (cell.kind, cell.path) == ("table_cell", "tables[0].rows[1].cells[2]")
    note = doc.source_location(doc.text.index("A/79/122"))
    assert (note.kind, note.index, note.offset) == ("footnote", 1, 4)
    assert doc.source_location(doc.text.index("End")).index == 3


# --- bad input ------------------------------------------------------------------------------


def _good_pdf(tmp_path: Path) -> bytes:
    return render_pdf("Excellency,\n" * 40, tmp_path / "good.pdf").path.read_bytes()


def _good_docx(tmp_path: Path) -> bytes:
    render_docx("Excellency,\n\nWe have the honour.", tmp_path / "good.docx")
    return (tmp_path / "good.docx").read_bytes()


def _encrypted_pdf(tmp_path: Path) -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(_good_pdf(tmp_path)))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _scanned_pdf(tmp_path: Path) -> bytes:
    out = io.BytesIO()
    drawing = canvas.Canvas(out)
    drawing.rect(72, 72, 300, 400, fill=1)
    drawing.showPage()
    drawing.save()
    return out.getvalue()


def _zip_without_document(tmp_path: Path) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "not a word file")
    return out.getvalue()


def _first_half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _random_bytes(size: int) -> bytes:
    return random.Random(size).randbytes(size)


BAD_INPUTS = [
    ("empty.txt", lambda tmp: b"", EmptyDocumentError),
    ("blank.txt", lambda tmp: b" \r\n\t\n  ", EmptyDocumentError),
    ("blank.pdf", lambda tmp: b"\n\n", EmptyDocumentError),
    ("blank-utf16.txt", lambda tmp: " \n ".encode("utf-16"), EmptyDocumentError),
    ("random.pdf", lambda tmp: _random_bytes(3000), UnreadableDocumentError),
    ("truncated.pdf", lambda tmp: _first_half(_good_pdf(tmp)), UnreadableDocumentError),
    ("encrypted.pdf", _encrypted_pdf, UnreadableDocumentError),
    ("scanned.pdf", _scanned_pdf, UnreadableDocumentError),
    ("random.docx", lambda tmp: _random_bytes(3001), UnreadableDocumentError),
    ("archive.docx", _zip_without_document, UnreadableDocumentError),
    ("truncated.docx", lambda tmp: _first_half(_good_docx(tmp)), UnreadableDocumentError),
    ("nul.txt", lambda tmp: b"Excellency,\x00 we have", UnreadableDocumentError),
    ("binary.txt", lambda tmp: bytes(range(1, 32)) * 20, UnreadableDocumentError),
    ("bad-utf16.txt", lambda tmp: b"\xff\xfe\x00\xd8", UnreadableDocumentError),
    ("script-only.html", lambda tmp: b"<html><script>alert(1)</script></html>", EmptyDocumentError),
    ("letter.rtf", lambda tmp: b"{\\rtf1 Excellency}", UnsupportedFormatError),
    ("big.txt", lambda tmp: b"x" * 2000, DocumentTooLargeError),
    ("big.pdf", _good_pdf, DocumentTooLargeError),
]
SMALL_LIMIT = 1000


@pytest.mark.parametrize(("name", "make", "error"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_raises_the_right_document_error(name, make, error, tmp_path: Path) -> None:
    data = make(tmp_path)
    limit = SMALL_LIMIT if name.startswith("big") else 10_000_000
    (tmp_path / name).write_bytes(data)
    for source in (tmp_path / name, data):
        with pytest.raises(DocumentError) as raised:
            read_document(source, None if isinstance(source, Path) else name, max_bytes=limit)
        assert type(raised.value) is error
        assert raised.value.document == name and str(raised.value).startswith(f"{name}: ")


@pytest.mark.parametrize(
    ("make", "reason"),
    [(_scanned_pdf, "no text layer (scanned?)"), (_encrypted_pdf, "encrypted")],
    ids=["scanned", "encrypted"],
)
def test_unreadable_pdf_says_why(make, reason: str, tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocumentError, match=re.escape(reason)):
        read_document(make(tmp_path), "x.pdf")


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocumentError, match="^gone.txt: "):
        read_document(tmp_path / "gone.txt")


# --- dispatch and encodings -----------------------------------------------------------------

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DISPATCH = [
    ("x.txt", lambda tmp: _good_pdf(tmp), "application/pdf"),
    ("x.bin", lambda tmp: _good_docx(tmp), DOCX_MEDIA_TYPE),
    ("x.txt", lambda tmp: b"\xef\xbb\xbf  <!DOCTYPE html><p>Hi</p>", "text/html"),
    ("x.htm", lambda tmp: b"<p>Hi</p>", "text/html"),
    ("x.md", lambda tmp: b"# Hi", "text/markdown"),
    ("x.csv", lambda tmp: b"Participant,Signature", "text/csv"),
    (None, lambda tmp: b"Hi", "text/plain"),
]


@pytest.mark.parametrize(("name", "make", "media_type"), DISPATCH)
def test_dispatch_prefers_content_then_extension(
    name: str | None, make, media_type: str, tmp_path: Path
) -> None:
    doc = read_document(make(tmp_path), name)
    assert doc.media_type == media_type
    assert doc.name == (name or "<bytes>")


ENCODINGS = [
    ("utf-8-bom", b"\xef\xbb\xbf" + "État partie\r\nArt. 34".encode(), "État partie\nArt. 34"),
    ("utf-16-le", b"\xff\xfe" + "Bénin\r\n\r\nX".encode("utf-16-le"), "Bénin\n\nX"),
    ("utf-16-be", b"\xfe\xff" + "Türkiye\rÅland".encode("utf-16-be"), "Türkiye\nÅland"),
    ("crlf", b"line one\r\nline two\r\n\r\nline four\r\n", "line one\nline two\n\nline four\n"),
    ("cp1252", "Côte d’Ivoire\r\n“x”".encode("cp1252"), "Côte d’Ivoire\n“x”"),
    ("nfd", "Cafe\u0301 and Sa\u0303o Tome\u0301\r\nend".encode(), "Café and São Tomé\nend"),
]


@pytest.mark.parametrize(("label", "data", "expected"), ENCODINGS, ids=[c[0] for c in ENCODINGS])
def test_encodings_decode_and_map_back(label: str, data: bytes, expected: str) -> None:
    doc = read_document(data, f"{label}.txt")
    source = _decoded_source(data)
    assert doc.text == expected
    for offset, char in enumerate(doc.text):
        location = doc.source_location(offset)
        original = source[location.offset]
        if char == "\n":
            assert original in "\r\n"
        else:
            composed = unicodedata.normalize("NFC", source[location.offset : location.offset + 2])
            assert composed[0] == char
    assert doc.source_location(len(doc.text)).offset == len(source)
    with pytest.raises(IndexError):
        doc.source_location(len(doc.text) + 1)


def _decoded_source(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def test_fallback_decoding_is_noted() -> None:
    doc = read_document("Côte d’Ivoire".encode("cp1252"), "x.txt")
    assert doc.notes == ("not valid UTF-8; decoded as cp1252",)
    assert read_document("Côte d’Ivoire".encode(), "x.txt").notes == ()


# --- HTML -----------------------------------------------------------------------------------

STATUS_PAGE = b"""<!DOCTYPE html>
<html><head><title>UNTC</title><style>td { color: red }</style>
<script>var tracking = "do not read me";</script></head>
<body><nav><a href="/">Home</a> | <a href="/status">Status</a></nav>
<h1>11. c) Optional   Protocol  on the sale of children</h1>
<p>Signatories: 121.
   Parties: 178.</p>
<table id="participants">
 <tr><th>Participant</th><th>Signature</th><th>Ratification, Accession(a), Succession(d)</th></tr>
 <tr><td>Afghanistan</td><td>&nbsp;</td><td>19 Sep 2002 a</td></tr>
 <tr><td>Albania</td><td></td><td>5 Feb 2008 a</td></tr>
 <tr><td>Bolivia (Plurinational<br>State of)</td><td>10 Nov 2001</td><td>3 Jun 2003</td></tr>
 <tr><td colspan="2"><p>Belgium<sup>1</sup></p></td><td>17 Mar 2006</td></tr>
</table>
<div hidden>hidden note</div><script>document.write("injected")</script>
</body></html>"""


def test_html_status_table_reads_as_tab_separated_rows() -> None:
    doc = read_document(STATUS_PAGE, "status.html")
    assert doc.text.split("\n") == [
        "11. c) Optional Protocol on the sale of children",
        "Signatories: 121. Parties: 178.",
        "Participant\tSignature\tRatification, Accession(a), Succession(d)",
        "Afghanistan\t\t19 Sep 2002 a",
        "Albania\t\t5 Feb 2008 a",
        "Bolivia (Plurinational State of)\t10 Nov 2001\t3 Jun 2003",
        "Belgium1\t\t17 Mar 2006",
    ]
    for hidden in ("tracking", "injected", "Home", "hidden note", "color", "UNTC"):
        assert hidden not in doc.text


@pytest.mark.parametrize("needle", ["Afghanistan", "5 Feb 2008", "State of", "Parties", "Protocol"])
def test_html_offsets_point_into_dom_text_nodes(needle: str) -> None:
    doc = read_document(STATUS_PAGE, "status.html")
    location = doc.source_location(doc.text.index(needle))
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    root = lxml.html.document_fromstring(STATUS_PAGE, parser=parser)
    (node,) = root.xpath(location.path)
    assert location.kind == "html"
    assert str(node)[location.offset :].startswith(needle)


@pytest.mark.parametrize(
    ("declaration", "encoding"),
    [
        ('<meta charset="windows-1252">', "cp1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', "latin-1"),
        ('<meta charset="utf-16">', "utf-8"),
        ("", "utf-8"),
    ],
)
def test_html_declared_charset_is_used(declaration: str, encoding: str) -> None:
    page = f"<html><head>{declaration}</head><p>Côte d'Ivoire, Türkiye</p></html>"
    doc = read_document(page.encode(encoding), "x.html")
    assert doc.text == "Côte d'Ivoire, Türkiye"


# --- fuzzing --------------------------------------------------------------------------------

FUZZ_NAMES = ["x.pdf", "x.docx", "x.txt", "x.html"]


def read_or_document_error(data: bytes, name: str) -> None:
    """The property: a ReadDocument whose offsets all resolve, or a DocumentError."""
    try:
        doc = read_document(data, name)
    except DocumentError as error:
        assert error.document == name
        return
    assert isinstance(doc, ReadDocument) and doc.text.strip()
    assert doc.text == unicodedata.normalize("NFC", doc.text) and "\r" not in doc.text
    for offset in range(0, len(doc.text) + 1, max(1, len(doc.text) // 50)):
        doc.source_location(offset)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(data=st.binary(max_size=2048), name=st.sampled_from(FUZZ_NAMES))
def test_arbitrary_bytes_give_a_document_or_a_document_error(data: bytes, name: str) -> None:
    read_or_document_error(data, name)


@pytest.fixture(scope="module")
def good_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    tmp = tmp_path_factory.mktemp("fuzz")
    return {"x.pdf": _good_pdf(tmp), "x.docx": _good_docx(tmp), "x.html": STATUS_PAGE}


@settings(
    max_examples=200, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    name=st.sampled_from(["x.pdf", "x.docx", "x.html"]),
    position=st.floats(min_value=0, max_value=1),
    junk=st.binary(min_size=1, max_size=64),
    truncate=st.booleans(),
)
def test_damaged_files_give_a_document_or_a_document_error(
    good_files: dict[str, bytes], name: str, position: float, junk: bytes, truncate: bool
) -> None:
    good = good_files[name]
    at = int(position * len(good))
    damaged = good[:at] if truncate else good[:at] + junk + good[at + len(junk) :]
    read_or_document_error(damaged, name)
