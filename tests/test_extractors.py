"""Table-driven tests of each extractor over snippets in the genre's real forms.

Snippets are written for these tests (fictional States' names are real ISO entities only
where the form needs one; no allegation is made about anyone).
"""

from __future__ import annotations

import pytest

from rightsgraph.loaders.extractors.citations import find_citations
from rightsgraph.loaders.extractors.companies import find_companies
from rightsgraph.loaders.extractors.dates import find_dates, parse_date
from rightsgraph.loaders.extractors.mentions import mention_timeline
from rightsgraph.loaders.extractors.parties import find_letter_mandates, find_other_states, find_signatories
from rightsgraph.loaders.extractors.ratifications import find_ratifications
from rightsgraph.loaders.extractors.references import find_references, own_reference
from rightsgraph.loaders.extractors.resolutions import find_resolutions
from rightsgraph.loaders.extractors.structure import classify, document_date, find_questions, response_deadline
from rightsgraph.loaders.extractors.symbols import find_symbols


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("REFERENCE:\nAL CHN 3/2021", "AL CHN 3/2021"),
        ("Ref.: AL OTH 11/2023\n(Please use this reference in your reply)", "AL OTH 11/2023"),
        ("REFERENCE: JUA GBR 12/2019", "UA GBR 12/2019"),
        ("REFERENCE: OL USA 7/2022", "OL USA 7/2022"),
        ("REFERENCE: UA Housing (2000-9) G/SO 214 (53-24) SYR 3/2014", "UA SYR 3/2014"),
        ("REFERENCE: UA Housing (2000-9) G/SO 214 (53-24)\nSYR 3/2014", "UA SYR 3/2014"),
        ("Réf.: AL FRA 2/2020", "AL FRA 2/2020"),
    ],
)
def test_own_reference(text: str, expected: str) -> None:
    found = own_reference(text)
    assert found is not None and found.reference == expected
    assert text[found.evidence.start : found.evidence.end] == found.evidence.text


def test_reference_type_and_joint_flag() -> None:
    (ref,) = find_references("see JAL IND 4/2020 of the same date")
    assert (ref.communication_type, ref.joint, ref.country) == ("AL", True, "IND")


@pytest.mark.parametrize(
    ("phrase", "iso"),
    [
        ("2 March 1992", "1992-03-02"),
        ("le 1er mars 2019", "2019-03-01"),
        ("3 décembre 2002", "2002-12-03"),
        ("2 de marzo de 1992", "1992-03-02"),
        ("March 2, 1992", "1992-03-02"),
        ("8 Jun 1992", "1992-06-08"),
        ("1994", "1994"),
    ],
)
def test_dates_in_three_languages(phrase: str, iso: str) -> None:
    parsed = parse_date(phrase)
    assert parsed is not None and parsed.iso() == iso


def test_impossible_dates_are_not_read() -> None:
    assert find_dates("on 31 February 2020") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Article 34 of the Convention on the Rights of the Child provides", [("CRC", "34", None)]),
        ("article 3 (1) (c) of the Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography",
         [("OPSC", "3", "1c")]),
        ("We refer to articles 7, 8 and 24 of the International Covenant on Civil and Political Rights.",
         [("ICCPR", "7", None), ("ICCPR", "8", None), ("ICCPR", "24", None)]),
        ("Article 4 (c & d) of the Declaration on the Elimination of Violence against Women",
         [("DEVAW", "4", "c"), ("DEVAW", "4", "d")]),
        ("The Convention on the Rights of the Child protects non-discrimination (art. 2) and the best interests of the child (art. 3).",
         [("CRC", "2", None), ("CRC", "3", None)]),
        ("as set out in Guiding Principle 1", [("UNGP", "1", None)]),
        ("The UN Guiding Principles on Business and Human Rights apply. Principles 17-21 set out due diligence.",
         [("UNGP", str(n), None) for n in range(17, 22)]),
        ("The UN Guiding Principles on Business and Human Rights apply: principles 11 to 13 and principles 29 to 31.",
         [("UNGP", n, None) for n in ("11", "12", "13", "29", "30", "31")]),
        ("Article 5 of the Convention on the Elimination of All Forms of Discrimination against Women applies. Article 10 (h) of the same Convention also applies.",
         [("CEDAW", "5", None), ("CEDAW", "10", "h")]),
        ("Human Rights Committee, General Comment no. 31 para. 8", [("CCPR-GC-31", "8", None)]),
        ("Section 172 of the Companies Act 2006 and article 3 of the Companies Act", []),
        ("article 25 of the Optional Protocol on the sale of children, child prostitution and child pornography", []),
    ],
)
def test_provision_citations(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    found = [(c.instrument, c.provision, c.sub) for c in find_citations(text) if c.provision]
    assert found == expected


def test_principle_of_the_trafficking_principles_is_not_a_ungp() -> None:
    text = (
        "According to the OHCHR Recommended Principles and Guidelines on Human Rights and Human "
        "Trafficking, States must identify victims. Principle 13 of these recommended Principles "
        "and Guidelines provides that States shall investigate."
    )
    assert [(c.instrument, c.provision) for c in find_citations(text)] == [("OHCHR-TRAFFICKING-PRINCIPLES", "13")]


@pytest.mark.parametrize(
    ("text", "addressee", "expected"),
    [
        ("Article 34 of the Convention on the Rights of the Child, ratified by China on 2 March 1992, provides",
         "CHN", ("CHN", "CRC", "ratification", "1992-03-02")),
        ("the Palermo Protocol, acceded by your Excellency's Government on 8 February 2010.",
         "CHN", ("CHN", "TRAFFICKING-PROTOCOL", "accession", "2010-02-08")),
        ("the International Convention on the Elimination of All Forms of Racial Discrimination, ratified by your Excellency's Government in 1994.",
         "USA", ("USA", "ICERD", "ratification", "1994")),
        ("the Optional Protocol on the sale of children, child prostitution and child pornography, which Mexico has ratified on 15 March 2002",
         "USA", ("MEX", "OPSC", "ratification", "2002-03-15")),
        ("the Convention on the Rights of the Child, to which your Government acceded in June 1995,",
         "FRA", ("FRA", "CRC", "accession", "1995-06")),
    ],
)
def test_ratification_statements(text: str, addressee: str, expected: tuple[str, str, str, str]) -> None:
    (action,) = find_ratifications(text, mention_timeline(text), addressee)
    assert (action.state, action.instrument, action.kind, action.date.iso()) == expected


def test_negated_ratification_is_not_an_action() -> None:
    text = "the Convention on the Rights of the Child, which the State has not ratified on 2 March 1992"
    assert find_ratifications(text, mention_timeline(text), "USA") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Omegle, a live video chat website based in the United States of America, hosts", [("Omegle", "USA")]),
        ("videos on Tiktok, a China-based company, were viewed", [("TikTok", "CHN")]),
        ("a company based in the United States of America: Instagram, owned by Facebook Inc. by a network",
         [("Instagram", "USA"), ("Facebook", "USA")]),
        ("downloadable via Apple and Google stores, companies based in the United States of America",
         [("Apple", "USA"), ("Google", "USA")]),
        ("proceedings against X (formerly Twitter) for", [("X", None)]),
        ("The Internet Watch Foundation, a registered charity, found", []),
    ],
)
def test_companies(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(c.name, c.home_state) for c in find_companies(text)] == expected


def test_owner_is_recorded() -> None:
    (instagram, _) = find_companies("a company based in the United States of America: Instagram, owned by Facebook Inc. by")
    assert instagram.owner == "Facebook Inc."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a letter on this subject matter has also been sent to the Governments of the United States of America, Mexico, India, United Kingdom and the companies",
         ["USA", "MEX", "IND", "GBR"]),
        ("letters on the same subject have also been addressed to the Governments of Romania, the United Kingdom, and to the companies",
         ["ROU", "GBR"]),
    ],
)
def test_also_sent_to(text: str, expected: list[str]) -> None:
    assert [s.state for s in find_other_states(text, "CHN") if s.role == "also_sent_to"] == expected


def test_mandates_from_the_opening_list() -> None:
    text = (
        "Mandates of the Special Rapporteur on the sale and sexual exploitation of children, including child "
        "prostitution, child pornography and other child sexual abuse material; the Special Rapporteur on "
        "trafficking in persons, especially women and children; and the Working Group on discrimination "
        "against women and girls\n\nREFERENCE: AL XYZ 1/2024"
    )
    assert [m.mandate for m in find_letter_mandates(text)] == ["sale-of-children", "trafficking", "discrimination-against-women"]


def test_signatories_with_their_mandates() -> None:
    text = (
        "Please accept, Excellency, the assurances of our highest consideration.\n\n"
        "Ana Example-Person\nSpecial Rapporteur on the right to education\n\n"
        "Jean de la Fiction\n\nChair-Rapporteur of the Working Group on discrimination against women and girls\n\n"
        "Annex\nReference to international human rights law\n"
    )
    assert [(s.name, s.mandate) for s in find_signatories(text)] == [
        ("Ana Example-Person", "education"),
        ("Jean de la Fiction", "discrimination-against-women"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pursuant to Human Rights Council resolutions 43/22, 44/15, 44/3 and 41/6.", ["43/22", "44/15", "44/3", "41/6"]),
        ("submitted in accordance with Human Rights Council resolution 52/26.", ["52/26"]),
    ],
)
def test_resolutions(text: str, expected: list[str]) -> None:
    assert [r.resolution for r in find_resolutions(text) if r.body == "HRC"] == expected


def test_general_assembly_resolutions_are_not_hrc() -> None:
    assert [r.body for r in find_resolutions("See General Assembly resolution 77/320.")] == ["GA"]


@pytest.mark.parametrize(
    ("raw", "symbol"),
    [("(A/HRC728/56)", "A/HRC/28/56"), ("(A/HR/38/47)", "A/HRC/38/47"), ("See E/CN.4/2005/78/Corr.1.", "E/CN.4/2005/78/Corr.1"),
     ("(CRC/C/156)", "CRC/C/156"), ("A/C.3/78/L.19/Rev.1;", "A/C.3/78/L.19/Rev.1")],
)
def test_symbols_normalised_with_raw_evidence(raw: str, symbol: str) -> None:
    (found,) = find_symbols(raw)
    assert found.symbol == symbol
    assert found.evidence.text in raw


def test_symbols_skip_urls() -> None:
    assert find_symbols("see www.ohchr.org/en/A/HRC/1 and https://x.org/S/2020/1") == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Mandates of the Special Rapporteur on torture\n\nREFERENCE: UA SYR 3/2014\n\n3 May 2014", "communication"),
        ("Note Verbale No. 1\n\nThe Permanent Mission of Ruritania presents its compliments", "reply"),
        ("La Misión Permanente de México saluda atentamente a la Oficina y, en relación con la comunicación AL MEX 4/2021", "reply"),
        ("La Mission permanente de la France présente ses compliments au Haut-Commissariat", "reply"),
        ("Dear Special Rapporteurs,\n\nWith reference to your joint communication AL OTH 21/2021, we write", "reply"),
        ("United Nations A/79/122\n\nDistr.: General 9 July 2024\n\nReport of the Special Rapporteur", "report"),
        ("Shopping list: apples, pears", "unknown"),
    ],
)
def test_classification(text: str, kind: str) -> None:
    assert classify(text) == kind


def test_document_date_prefers_the_standalone_date() -> None:
    text = "further to the letter dated 30 March 2021\n\nGeneva, 17 June 2021\n"
    found = document_date(text, "reply")
    assert found is not None and found.date.iso() == "2021-06-17"


def test_questions_and_deadline() -> None:
    text = (
        "we would be grateful for your observations on the following matters:\n\n"
        "1. Please provide any additional information.\n2. Please explain the measures taken.\n\n"
        "We would appreciate receiving a response within 60 days."
    )
    assert [q.number for q in find_questions(text)] == [1, 2]
    assert response_deadline(text) == 60


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("In this connection, we write in reference to the joint communication of 30 March 2021 "
         "addressed to your company (Ref: AL OTH 21/2021).", "follow_up"),
        ("A letter on a similar matter was sent to another State (AL XYZ 2/2020).", "related"),
    ],
)
def test_related_and_follow_up_references(text: str, role: str) -> None:
    from rightsgraph.loaders.extractors.references import other_references

    (found,) = other_references(text, own="AL OTH 11/2023")
    assert found.role == role
