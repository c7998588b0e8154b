"""UNTC status tables: every row of the real tables, the damaged PDF layer, verdragen.nl."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pycountry
import pytest
from rightsgraph.loaders.facts import DocumentFacts, Evidence
from rightsgraph.loaders.readers import read_document
from rightsgraph.loaders.untc_status import looks_like_status_table, parse_status_table

from rightsgraph.errors import DocumentError, UnknownInstrumentError

SHARED = Path(__file__).resolve().parents[2] / "shared"
REFERENCE = SHARED / "reference"
UNTC = REFERENCE / "untc"
SAMPLES = REFERENCE / "untc-samples"
TABLES = sorted(UNTC.glob("treaties_*.csv")) if UNTC.is_dir() else []
PDF_SAMPLE = "untc_mtdsg_IV-11-c_opsc_pdf_text_excerpt.txt"
VERDRAGEN_SAMPLE = "verdragen_nl_opsc_parties_excerpt.txt"

needs_reference = pytest.mark.skipif(not UNTC.is_dir(), reason="../shared/reference absent")

# UNTC names pycountry does not know, with the ISO code they must resolve to.
UN_NAMES_NOT_IN_PYCOUNTRY = {
    "Bolivia (Plurinational State of)": "BOL",
    "Democratic Republic of the Congo": "COD",
    "Holy See": "VAT",
    "Iran (Islamic Republic of)": "IRN",
    "Micronesia (Federated States of)": "FSM",
    "Republic of Korea": "KOR",
    "St. Kitts and Nevis": "KNA",
    "St. Lucia": "LCA",
    "St. Vincent and the Grenadines": "VCT",
    "State of Palestine": "PSE",
    "Swaziland": "SWZ",
    "The former Yugoslav Republic of Macedonia": "MKD",
    "Turkey": "TUR",
    "Venezuela (Bolivarian Republic of)": "VEN",
}
KIND_WORDS = ("ratification", "accession", "succession", "acceptance", "approval")


def parse_file(path: Path, instrument: str | None = None) -> DocumentFacts:
    text = path.read_text(encoding="utf-8")
    return parse_status_table(
        text, source=path.name, sha256="0" * 64, instrument=instrument, media_type="text/csv"
    )


def parse_string(
    text: str,
    source: str = "table.csv",
    instrument: str | None = "CRC",
    media_type: str = "text/csv",
) -> DocumentFacts:
    return parse_status_table(
        text, source=source, sha256="0" * 64, instrument=instrument, media_type=media_type
    )


def all_evidence(facts: DocumentFacts) -> list[Evidence]:
    found = [p.evidence for p in facts.participants]
    found += [a.evidence for a in facts.actions]
    found += [a.entry_into_force_evidence for a in facts.actions if a.entry_into_force_evidence]
    found += [w.evidence for w in facts.warnings if w.evidence is not None]
    return found


def expected_iso3(name: str) -> str:
    """The ISO code of a UNTC name, found without the project's State table."""
    if name in UN_NAMES_NOT_IN_PYCOUNTRY:
        return UN_NAMES_NOT_IN_PYCOUNTRY[name]
    return pycountry.countries.lookup(name).alpha_3


def expected_kinds(header: str) -> tuple[str, dict[str, str]]:
    """The unsuffixed kind and the suffix -> kind map of a UNTC action column header."""
    by_suffix = {
        suffix: word.lower() for word, suffix in re.findall(r"([A-Za-z]+)\((\w+)\)", header)
    }
    plain = [p.strip().lower() for p in header.split(",") if "(" not in p]
    return plain[0], by_suffix


def expected_actions(path: Path) -> Counter[tuple[str, str, str]]:
    """(iso3, kind, date) for every non-empty date cell of a State, re-derived here."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    unsuffixed, by_suffix = expected_kinds(rows[0][2])
    result: Counter[tuple[str, str, str]] = Counter()
    for name, signature, action in rows[1:]:
        # issue 22 (6): the European Union's actions are recorded as a non-State party's
        iso3 = "EU" if name == "European Union" else expected_iso3(name)
        if signature:
            day = dt.datetime.strptime(signature, "%d %b %Y").date()
            result[(iso3, "signature", day.isoformat())] += 1
        if action:
            parts = action.split(" ")
            day = dt.datetime.strptime(" ".join(parts[:3]), "%d %b %Y").date()
            kind = by_suffix[parts[3]] if len(parts) > 3 else unsuffixed
            result[(iso3, kind, day.isoformat())] += 1
    return result


# --- the real tables, row by row --------------------------------------------------------


@needs_reference
@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_every_row_is_a_participant(path: Path) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    facts = parse_file(path)
    assert facts.kind == "treaty_status"
    assert [p.name for p in facts.participants] == [row[0] for row in rows]


@needs_reference
@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_participants_resolve_to_their_iso_code(path: Path) -> None:
    for participant in parse_file(path).participants:
        if participant.name == "European Union":
            assert participant.non_state_party and participant.state is None
        else:
            assert participant.state == expected_iso3(participant.name), participant.name
            assert not participant.non_state_party


@needs_reference
@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_every_date_cell_is_an_action_of_the_right_kind_and_date(path: Path) -> None:
    facts = parse_file(path)
    actual = Counter((a.state, a.kind, a.date.iso()) for a in facts.actions)
    assert actual == expected_actions(path)
    assert facts.warnings == ()


@needs_reference
@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_table_evidence_quotes_the_text(path: Path) -> None:
    facts = parse_file(path)
    for evidence in all_evidence(facts):
        assert facts.text[evidence.start : evidence.end] == evidence.text
    for action in facts.actions:
        assert re.search(r"\d{4}", action.evidence.text)


@needs_reference
@pytest.mark.parametrize(
    ("file", "instrument"),
    [
        ("treaties_4-11.csv", "CRC"),
        ("treaties_4-11-c.csv", "OPSC"),
        ("treaties_4-4.csv", "ICCPR"),
        ("treaties_4-2.csv", "ICERD"),
        ("treaties_4-8.csv", "CEDAW"),
        ("treaties_18-12-a.csv", "TRAFFICKING-PROTOCOL"),
    ],
)
def test_instrument_comes_from_the_mtdsg_number_in_the_file_name(
    file: str, instrument: str
) -> None:
    facts = parse_file(UNTC / file)
    assert facts.instrument == instrument
    assert {a.instrument for a in facts.actions} == {instrument}


@needs_reference
@pytest.mark.parametrize(
    ("file", "state", "kind", "date"),
    [
        ("treaties_4-11.csv", "CHN", "ratification", "1992-03-02"),
        ("treaties_4-4.csv", "USA", "ratification", "1992-06-08"),
        ("treaties_4-11.csv", "USA", "signature", "1995-02-16"),
        ("treaties_4-4.csv", "CHN", "signature", "1998-10-05"),
        ("treaties_4-11.csv", "GBR", "ratification", "1991-12-16"),
        ("treaties_18-12-a.csv", "CHN", "accession", "2010-02-08"),
        ("treaties_4-2.csv", "USA", "ratification", "1994-10-21"),
        ("treaties_4-2.csv", "CHN", "accession", "1981-12-29"),
        ("treaties_4-11.csv", "BIH", "succession", "1993-09-01"),
        ("treaties_4-11.csv", "MNE", "succession", "2006-10-23"),
        ("treaties_4-11.csv", "NLD", "acceptance", "1995-02-06"),
        ("treaties_18-12-a.csv", "FIN", "acceptance", "2006-09-07"),
    ],
)
def test_spot_checks(file: str, state: str, kind: str, date: str) -> None:
    facts = parse_file(UNTC / file)
    matches = [a for a in facts.actions if a.state == state and a.kind == kind]
    assert [a.date.iso() for a in matches] == [date]


@needs_reference
@pytest.mark.parametrize(
    ("file", "state"),
    [("treaties_4-11.csv", "USA"), ("treaties_4-4.csv", "CHN"), ("treaties_4-11.csv", "SOM")],
)
def test_signature_only_participants_have_no_binding_action(file: str, state: str) -> None:
    facts = parse_file(UNTC / file)
    kinds = [a.kind for a in facts.actions if a.state == state]
    assert kinds == ["signature"]


@needs_reference
def test_european_union_is_a_non_state_participant_with_its_actions() -> None:
    """Changed by issue 22 (6): the EU's signature and approval are recorded under its party
    id, so that the instrument's parties include it (never as a State)."""
    facts = parse_file(UNTC / "treaties_18-12-a.csv")
    (eu,) = [p for p in facts.participants if p.non_state_party]
    assert (eu.name, eu.state, eu.evidence.text) == ("European Union", None, "European Union")
    assert [(a.kind, a.date.iso()) for a in facts.actions if a.state == "EU"] == [
        ("signature", "2000-12-12"),
        ("approval", "2006-09-06"),
    ]
    assert not any("European Union" in w.message for w in facts.warnings)


@needs_reference
def test_instrument_parameter_overrides_the_file_name() -> None:
    assert parse_file(UNTC / "treaties_4-11.csv", instrument="IV-11-c").instrument == "OPSC"
    assert parse_file(UNTC / "treaties_4-11.csv", instrument="crc").instrument == "CRC"


# --- strings: header kinds, suffixes, damaged cells, unresolved names -------------------


@pytest.mark.parametrize(
    ("header", "cell", "kind", "date"),
    [
        ("Ratification, Accession(a), Succession(d)", "8 Jun 1992", "ratification", "1992-06-08"),
        ("Ratification, Accession(a), Succession(d)", "8 June 1992", "ratification", "1992-06-08"),
        ("Ratification, Accession(a), Succession(d)", "08-Jun-1992 a", "accession", "1992-06-08"),
        ("Ratification, Accession(a), Succession(d)", "8Jun1992 d", "succession", "1992-06-08"),
        (
            "Ratification, Accession(a), Succession(d)",
            " 8  Jun. 1992  a ",
            "accession",
            "1992-06-08",
        ),
        ("Accession(a), Succession(d), Ratification", "21 Oct 1994", "ratification", "1994-10-21"),
        ("Ratification, Acceptance(A), Approval(AA)", "6 Sep 2006 AA", "approval", "2006-09-06"),
        ("Ratification, Acceptance(A), Approval(AA)", "7 Sep 2006 A", "acceptance", "2006-09-07"),
        ("Accession, Succession(d)", "1 Jan 2000", "accession", "2000-01-01"),
    ],
)
def test_action_cell_kind_follows_the_header(header: str, cell: str, kind: str, date: str) -> None:
    facts = parse_string(f'Participant,Signature,"{header}"\nDenmark,,{cell}\n')
    assert [(a.state, a.kind, a.date.iso()) for a in facts.actions] == [("DNK", kind, date)]
    (action,) = facts.actions
    assert action.evidence.text == cell.strip()


def test_suffix_missing_from_the_header_is_read_with_a_warning() -> None:
    facts = parse_string(
        'Participant,Signature,"Ratification, Accession(a)"\nDenmark,,1 May 2001 d\n'
    )
    assert [a.kind for a in facts.actions] == ["succession"]
    assert "not in the column header" in facts.warnings[0].message


@pytest.mark.parametrize("cell", ["31 Feb 1992", "Jun 1992 a", "n/a", "8 Jun 1992 zz"])
def test_unreadable_cells_become_warnings_not_actions(cell: str) -> None:
    facts = parse_string(f'Participant,Signature,"Ratification, Accession(a)"\nDenmark,,{cell}\n')
    assert facts.actions == ()
    assert facts.participants[0].state == "DNK"
    (warning,) = facts.warnings
    assert warning.evidence is not None and warning.evidence.text == cell


def test_unresolved_name_is_kept_and_reported() -> None:
    text = (
        'Participant,Signature,"Ratification, Accession(a)"\n'
        "Atlantis,1 Jan 2000,2 Feb 2001\n"
        "China,,3 Mar 2002 a\n"
    )
    facts = parse_string(text)
    assert [(p.name, p.state, p.non_state_party) for p in facts.participants] == [
        ("Atlantis", None, False),
        ("China", "CHN", False),
    ]
    assert [a.state for a in facts.actions] == ["CHN"]
    (warning,) = facts.warnings
    assert "Atlantis" in warning.message and warning.evidence.text == "Atlantis"


def test_instrument_is_required_somewhere() -> None:
    text = "Participant,Signature,Ratification\nChina,,2 Mar 1992\n"
    with pytest.raises(DocumentError, match="pass --instrument"):
        parse_string(text, source="status.csv", instrument=None)
    assert parse_string(text, source="IV-11-c.csv", instrument=None).instrument == "OPSC"
    with pytest.raises(UnknownInstrumentError):
        parse_string(text, instrument="NO-SUCH-TREATY")


def test_text_without_a_table_is_refused() -> None:
    with pytest.raises(DocumentError, match="no treaty status table"):
        parse_string("Dear Excellency,\nthank you.\n", instrument="CRC")


# --- the HTML table of a status page (fictional sample with the UNTC columns) -----------

HTML_PAGE = """<html><body><h1>11. Convention on the Rights of the Child</h1>
<table class="status">
  <tr><th>Participant</th><th>Signature</th>
      <th>Ratification, Acceptance(A), Accession(a), Succession(d)</th></tr>
  <tr><td><a href="#n1">Belgium</a><sup>1</sup></td><td>26 Jan&nbsp;1990</td>
      <td>16 Dec 1991</td></tr>
  <tr><td>Côte d&#39;Ivoire</td><td></td><td>4 Feb 1991 a</td></tr>
  <tr><td>Netherlands</td><td>26 Jan 1990</td><td>6 Feb 1995 A</td></tr>
  <tr><td>United States of America</td><td>16 Feb 1995</td><td> </td></tr>
</table></body></html>"""

EXPECTED_HTML_ACTIONS = [
    ("BEL", "signature", "1990-01-26"),
    ("BEL", "ratification", "1991-12-16"),
    ("CIV", "accession", "1991-02-04"),
    ("NLD", "signature", "1990-01-26"),
    ("NLD", "acceptance", "1995-02-06"),
    ("USA", "signature", "1995-02-16"),
]


def test_raw_html_status_table() -> None:
    facts = parse_string(HTML_PAGE, source="status.html", instrument=None, media_type="text/html")
    assert facts.instrument == "CRC"  # from the page title
    assert [p.state for p in facts.participants] == ["BEL", "CIV", "NLD", "USA"]
    assert [(a.state, a.kind, a.date.iso()) for a in facts.actions] == EXPECTED_HTML_ACTIONS
    assert facts.participants[1].name == "Côte d'Ivoire"
    for evidence in all_evidence(facts):
        assert facts.text[evidence.start : evidence.end] == evidence.text


def test_tab_separated_rows_of_an_html_reader() -> None:
    rows = [
        "Participant\tSignature\tRatification, Acceptance(A), Accession(a), Succession(d)",
        "Belgium1\t26 Jan 1990\t16 Dec 1991",
        "Côte d'Ivoire\t\t4 Feb 1991 a",
        "Netherlands\t26 Jan 1990\t6 Feb 1995 A",
        "United States of America\t16 Feb 1995\t",
    ]
    text = "Convention on the Rights of the Child\n\n" + "\n".join(rows) + "\n\nFootnotes\n1 ...\n"
    facts = parse_string(text, source="status.html", instrument=None, media_type="text/html")
    assert [(a.state, a.kind, a.date.iso()) for a in facts.actions] == EXPECTED_HTML_ACTIONS
    assert [p.evidence.text for p in facts.participants][:2] == ["Belgium1", "Côte d'Ivoire"]


def test_html_page_through_the_html_reader() -> None:
    document = read_document(HTML_PAGE.encode("utf-8"), "status.html")
    facts = parse_status_table(
        document.text,
        source=document.name,
        sha256=document.sha256,
        instrument=None,
        media_type=document.media_type,
    )
    assert facts.instrument == "CRC"
    assert [(a.state, a.kind, a.date.iso()) for a in facts.actions] == EXPECTED_HTML_ACTIONS
    for evidence in all_evidence(facts):
        assert document.text[evidence.start : evidence.end] == evidence.text


@needs_reference
@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_tables_through_the_document_reader(path: Path) -> None:
    document = read_document(path)
    facts = parse_status_table(
        document.text,
        source=document.name,
        sha256=document.sha256,
        instrument=None,
        media_type=document.media_type,
    )
    assert len(facts.participants) == len(parse_file(path).participants)
    assert facts.sha256 == document.sha256


# --- the damaged PDF text layer ---------------------------------------------------------


@needs_reference
def test_pdf_layer_participants_survive_leaders_footnotes_and_wrapping() -> None:
    text = (SAMPLES / PDF_SAMPLE).read_text(encoding="utf-8")
    facts = parse_status_table(
        text, source=PDF_SAMPLE, sha256="0" * 64, instrument=None, media_type="text/plain"
    )
    assert facts.instrument == "OPSC"
    by_name = {p.name: p for p in facts.participants}
    assert len(facts.participants) == 22
    assert by_name["Belgium"].state == "BEL" and by_name["Belgium"].evidence.text == "Belgium1"
    bolivia = by_name["Bolivia (Plurinational State of)"]
    assert bolivia.state == "BOL" and bolivia.evidence.text == "Bolivia (Plurinational\nState of)"
    assert by_name["Bosnia and Herzegovina"].state == "BIH"
    assert all(p.state is not None for p in facts.participants)
    # the excerpt's signature dates lost their years: reported, never completed by guesswork
    assert facts.actions == ()
    yearless = [w for w in facts.warnings if "without a year" in w.message]
    assert len(yearless) == len(re.findall(r"\.\s+\d{1,2} [A-Z][a-z]{2}$", text, re.M))
    for evidence in all_evidence(facts):
        assert facts.text[evidence.start : evidence.end] == evidence.text


def test_pdf_layer_with_years_split_from_their_dates() -> None:
    text = (
        "Participant Signature Ratification, Accession(a), Succession(d)\n"
        "Albania .......................... 5 Feb 2008 a\n"
        "Andorra ......................... 7 Sep 2000 30 Apr 2001\n"
        "Benin ............................. 22 Feb\n"
        "2001\n"
        "Bosnia and\n"
        "Herzegovina ............ 7 Sep 2000 4 Sep 2002\n"
        "Belgium1 ....................... 6 Sep 2000\n"
    )
    facts = parse_string(text, source="IV-11-c.txt", instrument=None, media_type="text/plain")
    assert [(a.state, a.kind, a.date.iso()) for a in facts.actions] == [
        ("ALB", "accession", "2008-02-05"),
        ("AND", "signature", "2000-09-07"),
        ("AND", "ratification", "2001-04-30"),
        ("BEN", "signature", "2001-02-22"),
        ("BIH", "signature", "2000-09-07"),
        ("BIH", "ratification", "2002-09-04"),
        ("BEL", "signature", "2000-09-06"),
    ]
    assert facts.warnings == ()
    benin = [a for a in facts.actions if a.state == "BEN"][0]
    assert benin.evidence.text == "22 Feb\n2001"


# --- verdragen.nl -----------------------------------------------------------------------


@needs_reference
def test_verdragen_entries_with_entry_into_force() -> None:
    text = (SAMPLES / VERDRAGEN_SAMPLE).read_text(encoding="utf-8")
    facts = parse_status_table(
        text, source=VERDRAGEN_SAMPLE, sha256="0" * 64, instrument=None, media_type="text/plain"
    )
    assert facts.instrument == "OPSC"
    states = [p.state for p in facts.participants]
    assert states[:3] == ["AFG", "ALB", "DZA"] and states[-1] == "BWA"
    # the Kingdom's parts and the change log are not party entries
    assert not {"NLD", "ABW", "CUW", "SGP", "GBR"} & set(states)
    assert len(states) == len(set(states)) == 19
    actions = {(a.state, a.kind): a for a in facts.actions}
    afghanistan = actions[("AFG", "accession")]
    assert (afghanistan.date.iso(), afghanistan.entry_into_force.iso()) == (
        "2002-09-19",
        "2002-10-19",
    )
    assert afghanistan.entry_into_force_evidence.text == "19-10-2002"
    andorra = actions[("AND", "ratification")]
    assert (andorra.date.iso(), andorra.entry_into_force.iso()) == ("2001-04-30", "2002-01-18")
    assert actions[("AND", "signature")].date.iso() == "2000-09-07"
    assert actions[("AND", "signature")].entry_into_force is None
    assert actions[("BHS", "accession")].date.iso() == "2015-09-28"
    assert actions[("BWA", "accession")].entry_into_force is None  # the excerpt cuts it off
    for evidence in all_evidence(facts):
        assert facts.text[evidence.start : evidence.end] == evidence.text


# --- the classifier hook ----------------------------------------------------------------


@needs_reference
@pytest.mark.parametrize(
    ("path", "expected"),
    [(p, True) for p in TABLES]
    + [(SAMPLES / PDF_SAMPLE, True), (SAMPLES / VERDRAGEN_SAMPLE, True)]
    + [(p, False) for p in sorted(UNTC.glob("declarations_*.txt"))]
    + [(p, False) for p in sorted((REFERENCE / "treaty-texts").glob("*.txt"))]
    + [(SAMPLES / "opsc_declarations_argentina_excerpt.txt", False)],
    ids=lambda v: v.name if isinstance(v, Path) else str(v),
)
def test_looks_like_status_table(path: Path, expected: bool) -> None:
    assert looks_like_status_table(path.read_text(encoding="utf-8"), path.name) is expected


def test_a_letter_does_not_look_like_a_status_table() -> None:
    letter = "Excellency,\nWe have the honour to address you ... ratified on 2 March 1992.\n"
    assert not looks_like_status_table(letter, "AL_CHN_3_2021.txt")
    assert looks_like_status_table(HTML_PAGE, "page.html")
