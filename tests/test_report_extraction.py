"""Reports as citable sources: paragraphs, sub-paragraphs, footnotes and recommendations.

Checked on A/79/122 (the seed with gold in ../shared/gold/reports) and on a fictional report
of another layout (tests/fixtures/reports: recommendations under "To States" / "To business
enterprises" headings, plain-text footnotes under page footers).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rightsgraph.loaders.contract import to_contract
from rightsgraph.loaders.extractors.report_facts import report_structure_facts
from rightsgraph.loaders.facts import DocumentFacts, iter_evidence
from rightsgraph.loaders.pipeline import load_file

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reports"
FICTIONAL = FIXTURES / "fictional_report_a_hrc_99_901.txt"
A79_122 = "004_79e438d2674d96cf"


@pytest.fixture(scope="module")
def a79(shared_dir: Path) -> DocumentFacts:
    return load_file(shared_dir / "corpus" / "seeds" / f"{A79_122}.txt")


@pytest.fixture(scope="module")
def a79_gold(shared_dir: Path) -> dict:
    return json.loads((shared_dir / "gold" / "reports" / f"{A79_122}.json").read_text())


@pytest.fixture(scope="module")
def fictional() -> DocumentFacts:
    return load_file(FICTIONAL)


def test_the_report_gold_scores_at_least_095_on_each_field(shared_dir: Path, seed_paths: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text(json.dumps([to_contract(load_file(p)) for p in seed_paths]))
    scorer = shared_dir / "tools" / "score_extraction.py"
    run = subprocess.run(
        [sys.executable, str(scorer), str(out), "--gold", str(shared_dir / "gold" / "reports"), "--min-field", "0.95"],
        capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_a79_paragraphs_and_recommendations_are_the_gold(a79: DocumentFacts, a79_gold: dict) -> None:
    view = to_contract(a79)
    assert view["paragraphs"] == a79_gold["paragraphs"]
    assert [r["id"] for r in view["recommendations"]] == [r["id"] for r in a79_gold["recommendations"]]
    assert [(r["heading"], r["addressee"]) for r in view["recommendations"]] == [
        (r["heading"], r["addressee"]) for r in a79_gold["recommendations"]
    ]
    got = {(c["recommendation"], c["instrument"]) for c in view["recommendation_citations"]}
    assert got == {(c["recommendation"], c["instrument"]) for c in a79_gold["recommendation_citations"]}


@pytest.mark.parametrize("path", [None, FICTIONAL], ids=["A/79/122", "fictional"])
def test_every_new_span_quotes_the_text(path: Path | None, a79: DocumentFacts) -> None:
    facts = a79 if path is None else load_file(path)
    groups = (facts.sections, facts.paragraphs, facts.footnotes, facts.recommendations, facts.recommendation_citations)
    spans = list(iter_evidence(groups))
    assert spans
    assert all(facts.text[s.start : s.end] == s.text for s in spans)


def _paragraph(facts: DocumentFacts, pid: str):
    return next(p for p in facts.paragraphs if p.id == pid)


@pytest.mark.parametrize(
    ("pid", "resumes_with", "footnote_text_left_out"),
    [
        ("16", "online, with 45 per cent", "www.weprotect.org"),  # split by a page break
        ("25", "which makes then vulnerable", "eSafety initiates civil penalty"),
        ("20", "allegedly neglecting child abuse content", "See submission from NetSafe"),
    ],
)
def test_a_paragraph_split_by_a_page_break_skips_the_footnotes(
    a79: DocumentFacts, pid: str, resumes_with: str, footnote_text_left_out: str
) -> None:
    paragraph = _paragraph(a79, pid)
    assert len(paragraph.parts) == 2
    assert paragraph.parts[1].text.startswith(resumes_with)
    assert footnote_text_left_out not in paragraph.body
    assert footnote_text_left_out in paragraph.evidence.text  # the span itself covers the page foot


def test_a_1_printed_for_l_keeps_its_letter(a79: DocumentFacts) -> None:
    subs = [p.sub for p in a79.paragraphs if p.number == "99" and p.sub]
    assert subs == list("abcdefghijkl")
    assert _paragraph(a79, "99(l)").evidence.text.startswith("(1) Foster early intervention")


def test_paragraphs_carry_their_heading_and_footnote_calls(a79: DocumentFacts) -> None:
    paragraph = _paragraph(a79, "33")
    assert paragraph.section == "Cybersexual harassment"
    assert paragraph.section_path[:2] == (
        "III. Existing and emerging sexually exploitative practices against children in the digital environment",
        "C. Existing challenges",
    )
    assert "34" in paragraph.footnotes
    notes = {f.number: f.text for f in a79.footnotes}
    assert notes["3"] == "A/HRC/55/55."


@pytest.mark.parametrize("pid", ["93", "96", "97"])
def test_conclusions_and_lead_ins_are_not_recommendations(a79: DocumentFacts, pid: str) -> None:
    assert pid not in {r.id for r in a79.recommendations}


@pytest.mark.parametrize(
    ("rid", "addressee", "heading", "theme"),
    [
        ("7(a)", "states", "age verification", "age-verification"),
        ("7(b)", "states", "age verification", "age-verification"),
        ("8", "states", None, "international-cooperation"),
        ("9(a)", "business", "safety by design", "safety-by-design"),
        ("9(c)", "business", "safety by design", "safety-by-design"),
        ("10", "un", None, "safety-by-design"),
    ],
)
def test_fictional_recommendations_take_their_addressee_from_the_heading(
    fictional: DocumentFacts, rid: str, addressee: str, heading: str | None, theme: str
) -> None:
    recommendation = next(r for r in fictional.recommendations if r.id == rid)
    assert (recommendation.addressee, recommendation.heading, recommendation.theme) == (addressee, heading, theme)


def test_fictional_report_keeps_conclusions_and_annex_out(fictional: DocumentFacts) -> None:
    assert [r.id for r in fictional.recommendations] == ["7(a)", "7(b)", "8", "9(a)", "9(b)", "9(c)", "10"]


@pytest.mark.parametrize(("rid", "instrument", "provision"), [("8", "OPSC", "10"), ("9(a)", "UNGP", "17")])
def test_fictional_recommendations_cite_provisions(fictional: DocumentFacts, rid: str, instrument: str, provision: str) -> None:
    cited = {(c.recommendation, c.instrument, c.provision) for c in fictional.recommendation_citations}
    assert (rid, instrument, provision) in cited


def test_plain_text_footnotes_under_a_page_footer(fictional: DocumentFacts) -> None:
    assert [(f.number, f.text) for f in fictional.footnotes] == [
        ("1", "This document is fictional."),
        ("2", "See the fictional submission of Fictional Company Ltd."),
    ]
    assert _paragraph(fictional, "2").footnotes == ("1",)
    four = _paragraph(fictional, "4")
    assert four.parts[-1].text == "companies to respect human rights."


def test_a_letter_has_no_paragraphs(seed_paths: list[Path]) -> None:
    letters = [load_file(p) for p in seed_paths]
    letters = [f for f in letters if f.kind == "communication"]
    assert letters
    assert all(not to_contract(f)["paragraphs"] and not f.recommendations for f in letters)


def test_a_table_of_contents_is_not_paragraphs(shared_dir: Path) -> None:
    facts = load_file(shared_dir / "corpus" / "real" / "thematic_report_a_hrc_28_56_opening_excerpt.txt")
    assert [p.id for p in facts.paragraphs] == ["1"]
    assert _paragraph(facts, "1").evidence.text.startswith("1. The present report is submitted")


VISIT = FIXTURES / "fictional_visit_report_a_hrc_99_902_add_1.txt"


def test_a_country_visit_report_names_its_state_and_addresses_the_government() -> None:
    facts = load_file(VISIT)
    assert (facts.reference, facts.visited_state) == ("A/HRC/99/902/Add.1", "DEU")
    assert [(r.id, r.addressee) for r in facts.recommendations] == [("2(a)", "states"), ("2(b)", "states"), ("3", "business")]


def test_a_thematic_report_concerns_no_single_state(a79: DocumentFacts) -> None:
    assert a79.visited_state is None


@pytest.mark.parametrize(
    ("lead", "addressee"),
    [
        ("The Special Rapporteur recommends that the Office of the United Nations High Commissioner compile", "un"),
        ("The Special Rapporteur recommends that States ensure that technology companies publish", "states"),
        ("The Special Rapporteur urges business enterprises to publish", "business"),
        ("The Special Rapporteur recommends that the participation of children be encouraged", "states"),
    ],
)
def test_the_lead_in_names_who_must_act(lead: str, addressee: str) -> None:
    text = f"Report\n\nI. Recommendations\n\n1. {lead} their data.\n"
    facts = report_structure_facts(text, [], [])
    assert [r.addressee for r in facts["recommendations"]] == [addressee]
