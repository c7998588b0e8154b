"""Declarations and reservations: every block of the real UNTC files, kinds, articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rightsgraph.loaders.facts import DocumentFacts
from rightsgraph.loaders.untc_declarations import (
    articles_named,
    infer_kind,
    looks_like_declarations,
    parse_declarations,
)

from rightsgraph.errors import DocumentError

SHARED = Path(__file__).resolve().parents[2] / "shared"
REFERENCE = SHARED / "reference"
UNTC = REFERENCE / "untc"
SAMPLE = REFERENCE / "untc-samples" / "opsc_declarations_argentina_excerpt.txt"
FILES = sorted(UNTC.glob("declarations_*.txt")) if UNTC.is_dir() else []

needs_reference = pytest.mark.skipif(not UNTC.is_dir(), reason="../shared/reference absent")


def parse_file(path: Path, instrument: str | None = None) -> DocumentFacts:
    return parse_declarations(
        path.read_text(encoding="utf-8"),
        source=path.name,
        sha256="0" * 64,
        instrument=instrument,
        media_type="text/plain",
    )


def blocks_of(path: Path) -> list[tuple[str, str]]:
    """(participant, text) of every ``#`` block, split here without the loader."""
    parts = re.split(r"^#(?=\S)", path.read_text(encoding="utf-8"), flags=re.M)[1:]
    return [(part.split("\n", 1)[0].strip(), part.split("\n", 1)[1].strip()) for part in parts]


def declaration_of(facts: DocumentFacts, state: str):
    (found,) = [d for d in facts.declarations if d.state == state]
    return found


@needs_reference
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_block_is_a_participant_and_a_declaration_or_a_warning(path: Path) -> None:
    blocks = blocks_of(path)
    facts = parse_file(path)
    assert [p.name for p in facts.participants] == [name for name, _ in blocks]
    # empty blocks and participants that are not States (the former Yugoslavia) are
    # reported, not recorded as a State's declaration
    recordable = [(n, t) for n, t in blocks if t and n != "Yugoslavia (former)"]
    assert len(facts.declarations) == len(recordable)
    assert len(facts.declarations) + len(facts.warnings) == len(blocks)
    assert [d.text for d in facts.declarations] == [t for _, t in recordable]
    assert {d.instrument for d in facts.declarations} <= {facts.instrument}


@needs_reference
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_declaration_evidence_quotes_the_text(path: Path) -> None:
    facts = parse_file(path)
    spans = [d.evidence for d in facts.declarations] + [p.evidence for p in facts.participants]
    spans += [w.evidence for w in facts.warnings if w.evidence is not None]
    for evidence in spans:
        assert facts.text[evidence.start : evidence.end] == evidence.text
    for declaration in facts.declarations:
        assert declaration.evidence.text == declaration.text


@needs_reference
@pytest.mark.parametrize(
    ("file", "instrument"),
    [
        ("declarations_4-11-c.txt", "OPSC"),
        ("declarations_4-11.txt", "CRC"),
        ("declarations_4-4.txt", "ICCPR"),
        ("declarations_4-2.txt", "ICERD"),
        ("declarations_4-8.txt", "CEDAW"),
    ],
)
def test_instrument_from_the_file_name(file: str, instrument: str) -> None:
    assert parse_file(UNTC / file).instrument == instrument


@needs_reference
@pytest.mark.parametrize(
    ("file", "state", "kind", "articles"),
    [
        # "has entered a reservation" reports one made to the CRC; the text construes terms
        ("declarations_4-11-c.txt", "ARG", "declaration", ("2", "3", "7")),
        ("declarations_4-11-c.txt", "DNK", "declaration", ("2",)),  # "article 2 (c)"
        (
            "declarations_4-11-c.txt",
            "LAO",
            "reservation",
            ("5",),
        ),  # "does not consider itself bound"
        ("declarations_4-11-c.txt", "MYS", "declaration", ("2", "3")),
        ("declarations_4-11-c.txt", "KOR", "declaration", ("3",)),  # leading "Declaration:"
        ("declarations_4-11-c.txt", "SYR", "reservation", ("3",)),  # "paragraph 5 of article 3"
        ("declarations_4-11-c.txt", "BLR", "declaration", ()),  # its article 3 is OPAC's
        ("declarations_4-11.txt", "SWE", "objection", ("14", "20", "21")),
        ("declarations_4-4.txt", "BRB", "reservation", ("14",)),  # "reserves the right"
        ("declarations_4-4.txt", "ISR", "reservation", ("23",)),
        (
            "declarations_4-4.txt",
            "TUR",
            "reservation",
            ("27",),
        ),  # not "Article 1 and 2 thereof" of the Charter
        ("declarations_4-2.txt", "CHN", "reservation", ("22",)),
        ("declarations_4-8.txt", "CHN", "reservation", ("29",)),  # "paragraph 1 of article 29"
    ],
)
def test_kind_and_articles_of_real_blocks(
    file: str, state: str, kind: str, articles: tuple[str, ...]
) -> None:
    declaration = declaration_of(parse_file(UNTC / file), state)
    assert declaration.kind == kind
    assert declaration.articles == articles


@needs_reference
def test_articles_tied_to_other_texts_are_left_out() -> None:
    germany = declaration_of(parse_file(UNTC / "declarations_4-4.txt"), "DEU")
    # "Articles 19, 21 and 22 in conjunction with Article 2 (1) of the Covenant shall be applied
    # within the scope of Article 16 of the Convention of 4 November 1950"
    assert germany.articles[:4] == ("19", "21", "22", "2")
    assert "16" not in germany.articles
    france = declaration_of(parse_file(UNTC / "declarations_4-4.txt"), "FRA")
    assert "4" in france.articles and "1" not in france.articles  # Article 103 / 1 of the Charter


@needs_reference
def test_whatconvention_and_verdragenbank_sample() -> None:
    facts = parse_file(SAMPLE)
    assert facts.instrument == "OPSC"
    (argentina,) = facts.declarations
    assert (argentina.state, argentina.kind) == ("ARG", "declaration")
    assert argentina.text.startswith("With reference to article 2")
    assert argentina.articles == ("2", "3", "7")
    assert "[...excerpt" not in argentina.text
    # the Dutch page's entry names the State in Dutch: kept as an unresolved participant
    assert [(p.name, p.state) for p in facts.participants] == [
        ("Argentina", "ARG"),
        ("Argentinië", None),
    ]
    assert "Argentinië" in facts.warnings[0].message
    for evidence in [argentina.evidence, *(p.evidence for p in facts.participants)]:
        assert facts.text[evidence.start : evidence.end] == evidence.text


# --- strings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The Government reserves the right not to apply article 14.", "reservation"),
        ("Subject to a reservation in respect of article 22.", "reservation"),
        ("The Government of X objects to the reservations made by Y.", "objection"),
        ("The Government declares that article 1 shall be interpreted ...", "declaration"),
        ("The United States understands that the term ...", "understanding"),
        ("Reservation:The Government considers itself bound ...", "reservation"),
        ("See chapter IV.3.", "declaration"),
    ],
)
def test_kind_from_wording(text: str, kind: str) -> None:
    assert infer_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "instrument", "articles"),
    [
        ("a reservation to article 14", "ICCPR", ("14",)),
        ("articles 8 and 9 of the Covenant", "ICCPR", ("8", "9")),
        ("articles 19, 21 and 22", "ICCPR", ("19", "21", "22")),
        ("articles 8 to 10", "ICCPR", ("8", "9", "10")),
        ("article 2 (c) of the Protocol", "OPSC", ("2",)),
        ("paragraph 1 of article 3", "OPSC", ("3",)),
        ("Article 3(1)(a)(ii) of the Protocol", "OPSC", ("3",)),
        ("article 41 of the Convention on the Rights of the Child", "OPSC", ()),
        ("article 54 and article 60", "CRC", ("54",)),  # the CRC has 54 articles
        ("Article 103 of the Charter of the United Nations", "ICCPR", ()),
    ],
)
def test_articles_named(text: str, instrument: str, articles: tuple[str, ...]) -> None:
    assert articles_named(text, instrument) == articles


def test_european_union_block_is_a_non_state_participant() -> None:
    text = "#European Union\nThe European Union declares that ...\n\n#Italy\nItaly declares ...\n"
    facts = parse_declarations(
        text,
        source="declarations_18-12-a.txt",
        sha256="0" * 64,
        instrument=None,
        media_type="text/plain",
    )
    assert facts.instrument == "TRAFFICKING-PROTOCOL"
    assert [(p.name, p.state, p.non_state_party) for p in facts.participants] == [
        ("European Union", None, True),
        ("Italy", "ITA", False),
    ]
    assert [d.state for d in facts.declarations] == ["ITA"]
    assert "not a State" in facts.warnings[0].message


def test_instrument_is_required_somewhere() -> None:
    with pytest.raises(DocumentError, match="pass --instrument"):
        parse_declarations(
            "#China\nChina declares ...\n",
            source="notes.txt",
            sha256="0" * 64,
            instrument=None,
            media_type="text/plain",
        )


@needs_reference
@pytest.mark.parametrize(
    ("path", "expected"),
    [(p, True) for p in FILES]
    + [(SAMPLE, True)]
    + [(p, False) for p in sorted(UNTC.glob("treaties_*.csv"))]
    + [(p, False) for p in sorted((REFERENCE / "treaty-texts").glob("*.txt"))],
    ids=lambda v: v.name if isinstance(v, Path) else str(v),
)
def test_looks_like_declarations(path: Path, expected: bool) -> None:
    assert looks_like_declarations(path.read_text(encoding="utf-8"), path.name) is expected


def test_declarations_without_a_telling_file_name() -> None:
    text = "#China\nThe Government declares ...\n\n#Cuba\nCuba reserves the right ...\n"
    assert looks_like_declarations(text, "upload.txt")
    assert not looks_like_declarations("# Notes\nsee #China below\n", "upload.txt")
