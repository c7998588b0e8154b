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


def statements_of(facts: DocumentFacts, state: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(d.kind, d.articles) for d in facts.declarations if d.state == state]


@needs_reference
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_block_is_a_participant_and_statements_or_a_warning(path: Path) -> None:
    """Changed by issue 15 (item 3): a block is split into its statements, in text order,
    each quoting a part of its block; a block with nothing to record gives a warning."""
    blocks = blocks_of(path)
    facts = parse_file(path)
    assert [p.name for p in facts.participants] == [name for name, _ in blocks]
    recordable = [(n, t) for n, t in blocks if t and n != "Yugoslavia (former)"]
    assert len(facts.declarations) >= len(recordable) - len(facts.warnings)
    for name, block in recordable:
        state = next(p.state for p in facts.participants if p.name == name)
        texts = [d.text for d in facts.declarations if d.state == state]
        position = 0
        for text in texts:  # in order and without overlap
            found = block.find(text, position)
            assert found >= 0, (name, text[:60])
            position = found + len(text)
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
    ("file", "state", "statements"),
    [
        # issue 15 item 3, as a lawyer reads them: China's condition on article 6 (article 25
        # is the Constitution's, article 2 the Law on Minors')
        ("declarations_4-11.txt", "CHN", [("reservation", ("6",))]),
        # a reservation to article 21; declarations on articles 1, 38 and 24 (article 41 is
        # only the reason domestic law keeps applying)
        (
            "declarations_4-11.txt",
            "ARG",
            [
                ("reservation", ("21",)),
                ("declaration", ("1",)),
                ("declaration", ("38",)),
                ("declaration", ("24",)),
            ],
        ),
        # the European Convention's articles 10 and 11 are not the CRC's; article 3 is the
        # reason Austria gives, not what it declares on
        (
            "declarations_4-11.txt",
            "AUT",
            [
                ("reservation", ("13", "15")),
                ("reservation", ("17",)),
                ("declaration", ("38",)),
                ("declaration", ("38",)),
            ],
        ),
        ("declarations_4-11.txt", "SWE", [("objection", ("14", "20", "21"))]),
        # "has entered a reservation" reports one made to the CRC; each topic its statement
        (
            "declarations_4-11-c.txt",
            "ARG",
            [("declaration", ("2",)), ("declaration", ("3",)), ("declaration", ("7",))],
        ),
        ("declarations_4-11-c.txt", "DNK", [("declaration", ("2",))]),  # "article 2 (c)"
        ("declarations_4-11-c.txt", "LAO", [("reservation", ("5",))]),  # "not ... bound"
        (
            "declarations_4-11-c.txt",
            "MYS",
            [("declaration", ("2",)), ("understanding", ("3",))],
        ),
        ("declarations_4-11-c.txt", "KOR", [("declaration", ("3",))]),  # "Declaration:"
        ("declarations_4-11-c.txt", "SYR", [("reservation", ("3",))]),  # "paragraph 5 of article 3"
        ("declarations_4-4.txt", "BRB", [("reservation", ("14",))]),  # "reserves the right"
        ("declarations_4-4.txt", "ISR", [("reservation", ("23",))]),
        ("declarations_4-2.txt", "CHN", [("reservation", ("22",))]),
        ("declarations_4-8.txt", "CHN", [("reservation", ("29",))]),  # "paragraph 1 of article 29"
    ],
)
def test_statements_kinds_and_articles_of_real_blocks(
    file: str, state: str, statements: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert statements_of(parse_file(UNTC / file), state) == statements


@needs_reference
@pytest.mark.parametrize(
    ("file", "state", "articles", "mentioned"),
    [
        ("declarations_4-11.txt", "ARG", ("21", "1", "38", "24"), ("41",)),
        ("declarations_4-11.txt", "AUT", ("13", "15", "17", "38"), ("3",)),
        ("declarations_4-11.txt", "CHN", ("6",), ()),
        # "with a view to ensuring full respect for ... article 20 (3) and article 30"
        ("declarations_4-11.txt", "CAN", ("21", "37", "30", "4"), ("20", "30")),
    ],
)
def test_articles_only_mentioned_are_kept_apart(
    file: str, state: str, articles: tuple[str, ...], mentioned: tuple[str, ...]
) -> None:
    found = [d for d in parse_file(UNTC / file).declarations if d.state == state]
    assert tuple(dict.fromkeys(a for d in found for a in d.articles)) == articles
    assert tuple(dict.fromkeys(m for d in found for m in d.mentioned)) == mentioned


@needs_reference
def test_turkey_keeps_only_article_27_of_the_covenant() -> None:
    # not "Article 1 and 2 thereof" of the Charter
    turkey = statements_of(parse_file(UNTC / "declarations_4-4.txt"), "TUR")
    assert [articles for _, articles in turkey if articles] == [("27",)]
    assert ("reservation", ("27",)) in turkey


@needs_reference
def test_articles_tied_to_other_texts_are_left_out() -> None:
    facts = parse_file(UNTC / "declarations_4-4.txt")
    germany = [d.articles for d in facts.declarations if d.state == "DEU"]
    # "Articles 19, 21 and 22 in conjunction with Article 2 (1) of the Covenant shall be applied
    # within the scope of Article 16 of the Convention of 4 November 1950"
    assert germany[0] == ("19", "21", "22", "2")
    assert all("16" not in articles for articles in germany)
    france = [a for d in facts.declarations if d.state == "FRA" for a in d.articles]
    assert "4" in france and "1" not in france  # Article 103 / 1 of the Charter


@needs_reference
def test_whatconvention_and_verdragenbank_sample() -> None:
    facts = parse_file(SAMPLE)
    assert facts.instrument == "OPSC"
    argentina = facts.declarations
    assert {(d.state, d.kind) for d in argentina} == {("ARG", "declaration")}
    assert argentina[0].text.startswith("With reference to article 2")
    assert [d.articles for d in argentina] == [("2",), ("3",), ("7",)]
    assert all("[...excerpt" not in d.text for d in argentina)
    # the Dutch page's entry names the State in Dutch: kept as an unresolved participant
    assert [(p.name, p.state) for p in facts.participants] == [
        ("Argentina", "ARG"),
        ("Argentinië", None),
    ]
    assert "Argentinië" in facts.warnings[0].message
    for evidence in [*(d.evidence for d in argentina), *(p.evidence for p in facts.participants)]:
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
        # issue 22 (2): reservations have a life
        ("The Government withdraws its reservation to article 14.", "withdrawal"),
        ("The Government decided to modify its reservation to article 7 as follows.", "modification"),
        ("The Government notified a modification of the reservation made to article 21.", "modification"),
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


# --- statements: territories, withdrawals, instruments not seen in ../shared -----------


@needs_reference
def test_united_kingdom_crc_statements_per_territory() -> None:
    """Issue 22 (3): each of the UK's CRC statements with the territories it is made for."""
    facts = parse_file(UNTC / "declarations_4-11.txt")
    found = [
        (d.kind, d.articles, d.territories, d.excluded_territories)
        for d in facts.declarations
        if d.state == "GBR" and (d.territories or d.articles)
    ]
    assert found == [
        ("reservation", (), ("dependent territories",), ()),
        ("reservation", ("32",), ("dependent territories",), ("Hong Kong", "Pitcairn")),
        ("reservation", ("32",), ("Hong Kong",), ()),
        ("reservation", ("37",), ("dependent territories",), ()),
        ("reservation", ("22",), ("Hong Kong", "Cayman Islands"), ()),
    ]
    # reserving the right to extend the Convention later is a territorial declaration
    extensions = [d for d in facts.declarations if d.state == "GBR" and "to extend" in d.text]
    assert [d.kind for d in extensions] == ["declaration", "declaration"]


@needs_reference
def test_qatar_partial_withdrawal_of_its_general_crc_reservation() -> None:
    (qatar,) = [d for d in parse_file(UNTC / "declarations_4-11.txt").declarations if d.state == "QAT"]
    assert (qatar.kind, qatar.partial, qatar.continues_for) == ("withdrawal", True, ("2", "14"))
    assert qatar.articles == ()


# Fictional statements written for these tests (not any State's real text): the same rules on
# instruments whose declarations ../shared does not hold.
@pytest.mark.parametrize(
    ("instrument", "text", "statements"),
    [
        (
            "CAT",
            "Reservation:The Government does not consider itself bound by article 30, "
            "paragraph 1.Declarations:Concerning article 1, the Government declares that the "
            "definition is read in accordance with article 16.",
            [("reservation", ("30",), ()), ("declaration", ("1",), ("16",))],
        ),
        (
            "ICESCR",
            '"1.Article 8 will be applied provided that it is compatible with article 22 of the '
            'Constitution."2.The Government interprets article 13 as applying progressively."',
            [("reservation", ("8",), ()), ("declaration", ("13",), ())],
        ),
        (
            "CRPD",
            "The Government understands that article 12 permits supported decision-making. "
            "The Government reserves the right not to apply article 18 in so far as it relates "
            "to nationality law. This is required by article 4 of the Nationality Act.",
            [("understanding", ("12",), ()), ("reservation", ("18",), ())],
        ),
    ],
)
def test_the_same_rules_on_other_instruments(
    instrument: str, text: str, statements: list[tuple[str, tuple[str, ...], tuple[str, ...]]]
) -> None:
    facts = parse_declarations(
        "#Norway\n" + text + "\n",
        source="fictional.txt",
        sha256="0" * 64,
        instrument=instrument,
        media_type="text/plain",
    )
    assert [(d.kind, d.articles, d.mentioned) for d in facts.declarations] == statements


@needs_reference
def test_sweden_crc_objections_name_each_reserving_state_and_date() -> None:
    (sweden,) = [d for d in parse_file(UNTC / "declarations_4-11.txt").declarations if d.state == "SWE"]
    targets = [(t.state, t.date.iso() if t.date else None) for t in sweden.objects_to]
    assert targets[:3] == [("PAK", "1991-09-20"), ("JOR", "1992-08-26"), ("SYR", "1994-03-29")]
    assert "SWE" not in {state for state, _ in targets}
    for target in sweden.objects_to:
        assert sweden.evidence.start <= target.evidence.start < target.evidence.end <= sweden.evidence.end


@needs_reference
def test_headings_say_upon_which_action_a_statement_was_made() -> None:
    """France's CEDAW block: "Upon signature:" then "Upon ratification:" sections; "(art. 37)"
    in Algeria's text is a reference, not an item marker."""
    facts = parse_file(UNTC / "declarations_4-8.txt")
    france = [(d.made_upon, d.articles) for d in facts.declarations if d.state == "FRA"]
    assert france[0] == ("signature", ("9",))
    assert {made for made, _ in france[1:]} == {"ratification"}
    assert ("ratification", ("29",)) in france
    assert all(not d.text.startswith("37)") for d in facts.declarations if d.state == "DZA")
