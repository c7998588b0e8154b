"""Treaty texts: one ProvisionText per article heading, quoting the article's own text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rightsgraph.loaders.facts import DocumentFacts
from rightsgraph.loaders.treaty_text import looks_like_treaty_text, parse_treaty_text

from rightsgraph.errors import DocumentError

SHARED = Path(__file__).resolve().parents[2] / "shared"
TEXTS = SHARED / "reference" / "treaty-texts"
FILES = sorted(TEXTS.glob("*.txt")) if TEXTS.is_dir() else []

needs_reference = pytest.mark.skipif(not TEXTS.is_dir(), reason="../shared/reference absent")

EXPECTED = {
    "crc_articles.txt": ("CRC", 54),
    "opsc_articles.txt": ("OPSC", 17),
    "palermo_protocol_articles.txt": ("TRAFFICKING-PROTOCOL", 20),
    "cerd_articles.txt": ("ICERD", 25),
    "ilo_c182_articles.txt": ("ILO-C182", 16),
}


def parse_file(
    path: Path, instrument: str | None = None, source: str | None = None
) -> DocumentFacts:
    return parse_treaty_text(
        path.read_text(encoding="utf-8"),
        source=source or path.name,
        sha256="0" * 64,
        instrument=instrument,
        media_type="text/plain",
    )


def parse_string(
    text: str, instrument: str | None = "OPSC", source: str = "text.txt"
) -> DocumentFacts:
    return parse_treaty_text(
        text, source=source, sha256="0" * 64, instrument=instrument, media_type="text/plain"
    )


def provision(facts: DocumentFacts, number: str):
    (found,) = [p for p in facts.provision_texts if p.provision == number]
    return found


@needs_reference
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_one_provision_per_article_heading(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    # counted here with its own pattern; the CRC writes "###Article 35" without a space
    headings = re.findall(r"^#+ *Article +(\d+)", text, re.M)
    facts = parse_file(path)
    assert [p.provision for p in facts.provision_texts] == headings
    instrument, count = EXPECTED[path.name]
    assert facts.kind == "treaty_text" and facts.instrument == instrument
    assert headings == [str(n) for n in range(1, count + 1)]
    assert facts.warnings == ()


@needs_reference
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_article_text_is_quoted_exactly_and_stays_within_its_article(path: Path) -> None:
    facts = parse_file(path)
    for item in facts.provision_texts:
        assert (
            facts.text[item.evidence.start : item.evidence.end] == item.evidence.text == item.text
        )
        assert item.text, item.provision
        assert "#" not in item.text  # no heading of the next part or article
        assert (
            "IN WITNESS" not in item.text and "The foregoing is the authentic text" not in item.text
        )
        assert item.instrument == facts.instrument


@needs_reference
def test_crc_article_34_is_about_sexual_exploitation() -> None:
    facts = parse_file(TEXTS / "crc_articles.txt")
    article = provision(facts, "34")
    assert "sexual exploitation" in article.text
    text = facts.text
    heading = re.search(r"^#+ *Article +34 *$", text, re.M)
    following = re.search(r"^#+ *Article +35 *$", text, re.M)
    assert heading.end() < article.evidence.start < article.evidence.end < following.start()
    assert provision(facts, "35").text  # "###Article 35" (no space) is read too


@needs_reference
def test_palermo_titles_are_headings_not_text() -> None:
    facts = parse_file(TEXTS / "palermo_protocol_articles.txt")
    assert provision(facts, "2").heading == "Statement of purpose"
    assert provision(facts, "3").heading == "Use of terms"
    assert not provision(facts, "2").text.startswith("####")
    # Article 5 ends where chapter II starts
    assert "Protection of victims" not in provision(facts, "5").text


@needs_reference
@pytest.mark.parametrize(
    ("file", "instrument"),
    [(name, instrument) for name, (instrument, _) in EXPECTED.items()],
)
def test_instrument_from_file_name_and_from_title(file: str, instrument: str) -> None:
    assert parse_file(TEXTS / file).instrument == instrument
    # renamed, the title in the text still tells
    assert parse_file(TEXTS / file, source="upload.txt").instrument == instrument


@needs_reference
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_looks_like_treaty_text(path: Path) -> None:
    assert looks_like_treaty_text(path.read_text(encoding="utf-8"), path.name)


@needs_reference
@pytest.mark.parametrize(
    "path",
    sorted((SHARED / "reference" / "untc").glob("*.*"))
    + sorted((SHARED / "reference" / "untc-samples").glob("*.txt")),
    ids=lambda p: p.name,
)
def test_tables_and_declarations_are_not_treaty_texts(path: Path) -> None:
    assert not looks_like_treaty_text(path.read_text(encoding="utf-8"), path.name)


# --- plain headings ---------------------------------------------------------------------

PLAIN = """Optional Protocol (a fictional layout of a plain-text copy)

Article 1
Prohibition
States Parties shall prohibit the practices defined below.

Article 1 bis
A later insertion, numbered as the amending instrument numbers it.

ARTICLE 2. - Definitions
For the purpose of the present Protocol: the terms mean what they say.

PART II
Article IV
An article numbered in Roman numerals.

Article 99
An article number the instrument does not have.

IN WITNESS WHEREOF the undersigned have signed.
"""


def test_plain_article_headings() -> None:
    facts = parse_string(PLAIN)
    assert [p.provision for p in facts.provision_texts] == ["1", "1 bis", "2", "IV", "99"]
    assert [p.heading for p in facts.provision_texts] == [
        "Prohibition",
        None,
        "Definitions",
        None,
        None,
    ]
    assert (
        provision(facts, "1").text == "States Parties shall prohibit the practices defined below."
    )
    assert "PART II" not in provision(facts, "2").text
    assert "IN WITNESS" not in provision(facts, "99").text
    messages = [w.message for w in facts.warnings]
    assert any("Roman numerals (IV = 4)" in m for m in messages)
    assert any("article 99 is beyond the 17 articles OPSC has" in m for m in messages)
    for item in facts.provision_texts:
        assert facts.text[item.evidence.start : item.evidence.end] == item.text
    for warning in facts.warnings:
        assert facts.text[warning.evidence.start : warning.evidence.end] == warning.evidence.text


def test_repeated_and_empty_articles_are_warned_about() -> None:
    facts = parse_string("### Article 1\n\nText.\n\n### Article 1\n\n### Article 2\n\nMore.\n")
    messages = [w.message for w in facts.warnings]
    assert "article 1 appears twice" in messages
    assert "article 1 has no text" in messages


def test_instrument_is_required_somewhere() -> None:
    with pytest.raises(DocumentError, match="pass --instrument"):
        parse_string("### Article 1\n\nText.\n", instrument=None, source="upload.txt")


def test_a_letter_citing_articles_is_not_a_treaty_text() -> None:
    letter = "We recall article 34 of the Convention.\nArticle 3 of the Protocol applies.\n"
    assert not looks_like_treaty_text(letter, "AL_CHN_3_2021.txt")
