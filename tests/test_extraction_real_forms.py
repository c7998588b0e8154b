"""Documents as they come from the open web (issue 16): pre-2017 references, scraped pages,
dates in every shape, reports and other UN genres, French and Spanish letters.

Whole real files are loaded from ../shared/corpus/real; the table rows are short snippets
(real ones, or fictional ones with fictional names) of each form.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rightsgraph.api.cli import app
from rightsgraph.loaders.extractors.documents import SourceInfo, extract_document_facts
from rightsgraph.loaders.facts import DocumentFacts, iter_evidence
from rightsgraph.loaders.pipeline import load_file

_INFO = SourceInfo("snippet.txt", "0" * 64, "text/plain")
_SCORE_LINE = re.compile(r"^(?P<field>[a-z_]+)\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+(?P<tp>\d+)/(?P<fp>\d+)/(?P<fn>\d+)$", re.M)


def _facts(text: str) -> DocumentFacts:
    return extract_document_facts(text, _INFO)


def _score(paths: list[Path], gold: Path | None, scorer: Path, tmp_path: Path) -> str:
    result = CliRunner().invoke(app, ["extract", *map(str, paths), "--format", "json"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out.json"
    out.write_text(result.stdout)
    args = [sys.executable, str(scorer), str(out), "-v"] + (["--gold", str(gold)] if gold else [])
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def real_paths(shared_dir: Path) -> list[Path]:
    paths = sorted((shared_dir / "corpus" / "real").glob("*.txt"))
    if not paths:
        pytest.skip("../shared/corpus/real holds no documents")
    return paths


def test_real_documents_score_at_least_095_with_no_false_positive(
    real_paths: list[Path], shared_dir: Path, tmp_path: Path
) -> None:
    report = _score(real_paths, shared_dir / "gold" / "real", shared_dir / "tools" / "score_extraction.py", tmp_path)
    overall = float(report.strip().splitlines()[-1].split()[-1])
    assert overall >= 0.95, report
    assert all(m["fp"] == "0" for m in _SCORE_LINE.finditer(report)), report


def test_seeds_keep_precision_one(seed_paths: list[Path], shared_dir: Path, tmp_path: Path) -> None:
    report = _score(seed_paths, None, shared_dir / "tools" / "score_extraction.py", tmp_path)
    assert all(m["fp"] == "0" for m in _SCORE_LINE.finditer(report)), report
    assert "scalar fields accuracy      1.000" in report, report


def test_every_fact_of_a_real_document_has_a_span_quoting_its_text(real_paths: list[Path]) -> None:
    for path in real_paths:
        facts = load_file(path)
        facts_with_values = [facts.mandates, facts.signatories, facts.resolutions, facts.symbols]
        for group in facts_with_values:
            for fact in group:
                assert fact.evidence.text == facts.text[fact.evidence.start : fact.evidence.end], path.name
        for span in iter_evidence(facts):
            assert facts.text[span.start : span.end] == span.text, path.name
        if facts.reference is not None:
            assert facts.reference_evidence is not None, path.name
        if facts.date is not None:
            assert facts.date_evidence is not None, path.name
        if facts.addressee is not None:
            assert facts.addressee.evidence is not None, path.name


# --- pre-2017 references: one file code per mandate before the country code ------------

_LETTER_HEAD = "Mandates of the Special Rapporteur on the right to food\n\n"


@pytest.mark.parametrize(
    ("line", "reference", "kind", "state"),
    [
        ("REFERENCE: UA G/SO 214 (3-3-16) G/SO 214 (107-9) Health (2002-7) IND 5/2012", "UA IND 5/2012", "UA", "IND"),
        ("REFERENCE: AL Housing (2000-9) Food (2000-9) KEN 2/2013", "AL KEN 2/2013", "AL", "KEN"),
        ("REFERENCE: UA G/SO 218/2 G/SO 214 (67-17) Assembly & Association (2010-1) G/SO 214 (107-9)\n"
         "G/SO 214 (3-3-16) G/SO 214 (53-24) SAU 5/2014", "UA SAU 5/2014", "UA", "SAU"),
        ("REFERENCE: AL G/SO 214 (67-17) Assembly & Association (2010-1) G/SO 214 (107-9) G/SO 214 (33-27)\n"
         "CMR 3/2013", "AL CMR 3/2013", "AL", "CMR"),
        ("REFERENCE: UA Housing (2000-9) Food (2000-9) Health (2002-7) G/SO 214 (53-24) Water (2008-1) "
         "SYR 3/2014", "UA SYR 3/2014", "UA", "SYR"),
        ("REFERENCE: JUA G/SO 214 (89-15) BRA 4/2015", "UA BRA 4/2015", "UA", "BRA"),
    ],
)
def test_old_style_reference_gives_type_reference_and_addressee(line: str, reference: str, kind: str, state: str) -> None:
    facts = _facts(_LETTER_HEAD + line + "\n\n3 May 2014\n\nExcellency,\n")
    assert (facts.kind, facts.reference, facts.communication_type) == ("communication", reference, kind)
    assert facts.addressee is not None and facts.addressee.state == state
    assert facts.addressee.evidence is not None and facts.addressee.evidence.text == state


def test_scraped_page_without_a_mandates_opening_is_still_a_letter() -> None:
    text = ("Similar documents\nPALAIS DES NATIONS 1211 GENEVA 10, SWITZERLAND\n\n29 May Excellency,\n\n"
            "REFERENCE: UA G/SO 218/2 G/SO 214 (53-24) SAU 5/2014\n\nPALAIS DES NATIONS 1211 GENEVA 10\n")
    facts = _facts(text)
    assert (facts.kind, facts.reference) == ("communication", "UA SAU 5/2014")
    assert facts.date is None  # "29 May" has no year: no year is invented


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("REFERENCE: AL KEN 2/2013\n\n2 June2015\n\nExcellency,\n", "2015-06-02"),
        ("REFERENCE: AL KEN 2/2013\n\n9 March2019\nExcellency,\n", "2019-03-09"),
        ("REFERENCE: AL KEN 2/2013\n\n8. February 2010\nExcellency,\n", "2010-02-08"),
        ("REFERENCE: UA SYR 3/2014\n\n31 January 2014  Excellency,\n\nWe have the honour", "2014-01-31"),
        ("13 août 2013 Excellence, Nous avons l’honneur\nRÉFÉRENCE: AL CMR 3/2013\n", "2013-08-13"),
        ("REFERENCIA: UA MEX 4/2016\n\n12 de abril de 2016\n\nExcelencia:\n", "2016-04-12"),
        ("REFERENCE: UA SAU 5/2014\n\n29 May Excellency,\n\nWe have the honour", None),
        ("REFERENCE: UA SAU 5/2014\n\n29 May\n\nExcellency,\n\nOn 10 May 2014, Mr. X was arrested.", None),
        ("Uploaded on 3 July 2020\nREFERENCE: AL KEN 2/2013\n\nExcellency,\n", None),
        ("REFERENCE: AL FRA 1/2018\n\nExcellence,\nLa réunion s’est tenue du 12 au 16 mars 2018 à Paris.", None),
    ],
)
def test_letter_date_forms(snippet: str, expected: str | None) -> None:
    facts = _facts(_LETTER_HEAD + snippet)
    assert (facts.date.iso() if facts.date else None) == expected
    if facts.date is not None:
        assert facts.date_evidence is not None


@pytest.mark.parametrize(
    "head",
    [
        "Human Rights Council\nForty-fifth session\n14 September–2 October 2020\n",
        "Conseil des droits de l’homme\nTrente-septième session\ndu 26 février au 23 mars 2018\n",
        "Human Rights Council\nTwenty-ninth session\nCommunications sent, 1 December 2014 to 28 February 2015\n",
    ],
)
def test_a_session_range_is_never_a_reports_date(head: str) -> None:
    facts = _facts("Report of the Independent Expert on the situation of human rights in the Sudan - "
                   "Comments by the State (A/HRC/45/53/Add.1)\n" + head)
    assert facts.date is None


# --- reports -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "symbol", "date"),
    [
        ("United Nations A/HRC/28/56\n\nGeneral Assembly Distr.: General 22 December 2014\n\nReport of the", "A/HRC/28/56", "2014-12-22"),
        ("United Nations / A/HRC/29/50\n/ General Assembly / Distr.: General\n2 June2015\n\nCommunications report of",
         "A/HRC/29/50", "2015-06-02"),
        ("United Nations A/HRC/40/51/Add.2\n\nGeneral Assembly Distr.: General\n3 January 2019\n\nVisit: report of the",
         "A/HRC/40/51/Add.2", "2019-01-03"),
        ("United Nations A/74/162\n\nGeneral Assembly Distr.: General\n15 July 2019\n\nNote by the Secretary-General\n"
         "the report of the", "A/74/162", "2019-07-15"),
        ("United Nations CRC/C/CHN/CO/3-4\n\nConvention on the Rights of the Child Distr.: General\n29 October 2013\n\n"
         "Concluding observations on the combined third and fourth periodic reports of China", "CRC/C/CHN/CO/3-4", "2013-10-29"),
        ("UNITED NATIONS\nE\nEconomic and Social Council\nDistr.\nGENERAL\n\nE/CN.4/2004/9\n5 January 2004\n\n"
         "COMMISSION ON HUMAN RIGHTS\nReport submitted by", "E/CN.4/2004/9", "2004-01-05"),
        ("United Nations A/HRC/WGAD/2019/12\n\nGeneral Assembly Distr.: General\n14 June 2019\n\n"
         "Opinions adopted by the Working Group on Arbitrary Detention at its eighty-fourth session, 23 April–3 May 2019",
         "A/HRC/WGAD/2019/12", "2019-06-14"),
        ("United Nations A/HRC/RES/40/12\n\nGeneral Assembly Distr.: General\n1 April 2019\n\nHuman Rights Council\n"
         "Fortieth session\n25 February–22 March 2019\n\nResolution adopted by the Human Rights Council on 22 March 2019",
         "A/HRC/RES/40/12", "2019-04-01"),
        ("Report of the Independent Expert on the situation of human rights in the Sudan - Comments by the State "
         "(A/HRC/45/53/Add.1)\nHuman Rights Council\nForty-fifth session\n", "A/HRC/45/53/Add.1", None),
    ],
)
def test_un_documents_are_reports_with_their_own_symbol_and_date(head: str, symbol: str, date: str | None) -> None:
    facts = _facts(head + "\n\n1. The present document ...")
    assert (facts.kind, facts.reference) == ("report", symbol)
    assert (facts.date.iso() if facts.date else None) == date
    assert facts.reference_evidence is not None and symbol in facts.reference_evidence.text


def test_a_symbol_named_in_a_comments_title_stays_a_cited_symbol() -> None:
    facts = _facts("Report of the Independent Expert on the Sudan - Comments by the State (A/HRC/45/53/Add.1)\n"
                   "Human Rights Council\nForty-fifth session\n")
    assert [s.symbol for s in facts.symbols] == ["A/HRC/45/53/Add.1"]


def test_a_cover_symbol_and_its_running_headers_are_not_cited() -> None:
    facts = _facts("United Nations A/HRC/28/56\nGeneral Assembly Distr.: General 22 December 2014\nReport of the "
                   "Special Rapporteur on the sale of children\n\n2 A/HRC/28/56\n\n1. See A/HRC/12/47.")
    assert [s.symbol for s in facts.symbols] == ["A/HRC/12/47"]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Report of the Special Rapporteur on the sale of children, child prostitution and child pornography, "
         "Maud de Boer-Buquicchio\n", "Maud de Boer-Buquicchio"),
        ("Rapport de la Rapporteuse spéciale sur la vente d’enfants, la prostitution des enfants et la pornographie "
         "mettant en scène des enfants, Maud de Boer-Buquicchio\n", "Maud de Boer-Buquicchio"),
        ("Informe de la Relatora Especial sobre la venta de niños, la prostitución infantil y la utilización de "
         "niños en la pornografía, Maud de Boer-Buquicchio\n", "Maud de Boer-Buquicchio"),
        ("Report of the Special Rapporteur on the sale, sexual exploitation and sexual abuse of children,\n"
         "Mama Fatima Singhateh\nSummary\n", "Mama Fatima Singhateh"),
        ("Report submitted by Mr. Juan Miguel Petit, Special Rapporteur on the sale of children, child "
         "prostitution and child pornography\n", "Juan Miguel Petit"),
        ("Note by the Secretary-General\n\nReport of the Special Rapporteur on the sale of children, child "
         "prostitution and child pornography\n\nSummary\nIn the present report, the Special Rapporteur, "
         "Maud de Boer-Buquicchio, describes ...\n", "Maud de Boer-Buquicchio"),
    ],
)
def test_report_author_is_its_signatory(title: str, name: str) -> None:
    facts = _facts("United Nations A/HRC/28/56\nGeneral Assembly Distr.: General 22 December 2014\n\n" + title)
    assert [m.mandate for m in facts.mandates] == ["sale-of-children"]
    assert [(s.name, s.mandate) for s in facts.signatories] == [(name, "sale-of-children")]
    assert facts.signatories[0].evidence.text == name


@pytest.mark.parametrize(
    ("sentence", "hrc", "others"),
    [
        ("pursuant to Human Rights Council resolutions 7/13 and 25/6.", ["7/13", "25/6"], []),
        ("pursuant to Human Rights Council resolutions 7/13 of 27 March 2008 and 25/6 of 27 March 2014.",
         ["7/13", "25/6"], []),
        ("conformément aux résolutions 16/4, 15/21, 16/5, et 17/5 du Conseil des droits de l’homme.",
         ["16/4", "15/21", "16/5", "17/5"], []),
        ("en application des résolutions 7/13 du 27 mars 2008 et 25/6 du 28 mars 2014 du Conseil des droits de "
         "l’homme.", ["7/13", "25/6"], []),
        ("de conformidad con las resoluciones 7/13, de 27 de marzo de 2008, y 25/6 del Consejo de Derechos Humanos.",
         ["7/13", "25/6"], []),
        ("Article 13(c) of the Annex to HRC Resolution 5/2 of 18 June 2007", ["5/2"], []),
        ("established by Commission on Human Rights resolution 1990/68 and General Assembly resolution 44/25.",
         [], [("1990/68", "CHR"), ("44/25", "GA")]),
        ("la resolución 2004/48 de la Comisión de Derechos Humanos", [], [("2004/48", "CHR")]),
    ],
)
def test_resolution_forms(sentence: str, hrc: list[str], others: list[tuple[str, str]]) -> None:
    facts = _facts("United Nations A/HRC/28/56\nDistr.: General 22 December 2014\nReport\n\n1. " + sentence)
    assert [r.resolution for r in facts.resolutions if r.body == "HRC"] == hrc
    assert [(r.resolution, r.body) for r in facts.resolutions if r.body != "HRC"] == others


# --- French and Spanish letters; ratifications to the month ------------------------------


@pytest.mark.parametrize(
    ("text", "reference", "state", "mandates"),
    [
        ("Mandats du Rapporteur spécial sur le droit de réunion et d’association pacifiques ; et de la Rapporteuse "
         "spéciale sur la situation des défenseurs des droits de l'homme.\nREFERENCE: AL G/SO 214 (67-17)\nCMR 3/2013\n"
         "13 août 2013\nExcellence,\n", "AL CMR 3/2013", "CMR",
         ["freedom-of-assembly-and-association", "human-rights-defenders"]),
        ("Mandatos del Relator Especial sobre la tortura y otros tratos o penas crueles, inhumanos o degradantes\n\n"
         "REFERENCIA: UA MEX 4/2016\n\n12 de abril de 2016\n\nExcelencia:\n", "UA MEX 4/2016", "MEX", ["torture"]),
    ],
)
def test_french_and_spanish_letters(text: str, reference: str, state: str, mandates: list[str]) -> None:
    facts = _facts(text)
    assert (facts.kind, facts.reference) == ("communication", reference)
    assert facts.addressee is not None and facts.addressee.state == state
    assert [m.mandate for m in facts.mandates] == mandates


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("the Convention on the Rights of the Child, which India ratified in December 1992.", ("IND", "CRC", "1992-12")),
        ("the Convention against Torture, ratified by your Excellency's Government in July, 2001.",
         ("IND", "CAT", "2001-07")),
        ("the Convention against Torture, ratified by your Excellency's Government in 1997.", ("IND", "CAT", "1997")),
    ],
)
def test_ratification_keeps_the_precision_it_is_stated_with(sentence: str, expected: tuple[str, str, str]) -> None:
    facts = _facts(_LETTER_HEAD + "REFERENCE: UA IND 5/2012\n\n3 May 2012\n\nExcellency,\n\nWe recall " + sentence)
    assert [(a.state, a.instrument, a.date.iso()) for a in facts.actions] == [expected]
