"""Instrument reference data against the contract, the letters' wording and the shared texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rightsgraph.errors import UnknownInstrumentError
from rightsgraph.loaders.reference.instruments import (
    GUIDING_PRINCIPLES,
    INSTRUMENTS,
    general_comment,
    instrument_by_id,
    instrument_by_mtdsg,
    instrument_name_pattern,
    instrument_names,
    instruments_in_text,
    provision_exists,
    resolve_instrument_name,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"

CONTRACT_IDS = (
    "CRC OPSC OPAC OPIC ICCPR ICESCR CEDAW ICERD CAT CRPD ICMW CPED ICCPR-OP1 ICCPR-OP2 "
    "ICESCR-OP OP-CEDAW OPCAT CRPD-OP UNTOC TRAFFICKING-PROTOCOL ILO-C182 ILO-C138 ILO-C029 "
    "UNGP DEVAW UDHR OHCHR-TRAFFICKING-PRINCIPLES"
).split()
GENERAL_COMMENT_IDS = (
    "CRC-GC-13 CRC-GC-16 CRC-GC-24 CRC-GC-25 CCPR-GC-31 CCPR-GC-34 CCPR-GC-36 CEDAW-GC-35"
).split()


def shared_dir(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.is_dir():
        pytest.skip(f"shared material absent: {path}")
    return path


def test_every_contract_id_is_present_once() -> None:
    ids = [i.id for i in INSTRUMENTS]
    assert len(ids) == len(set(ids))
    assert set(CONTRACT_IDS + GENERAL_COMMENT_IDS) <= set(ids)


@pytest.mark.parametrize(
    ("instrument", "count"),
    [
        ("CRC", 54), ("OPSC", 17), ("OPAC", 13), ("OPIC", 24), ("ICCPR", 53), ("ICESCR", 31),
        ("CEDAW", 30), ("ICERD", 25), ("CAT", 33), ("CRPD", 50), ("CPED", 45), ("ICMW", 93),
        ("TRAFFICKING-PROTOCOL", 20), ("UNTOC", 41), ("ILO-C182", 16), ("ILO-C138", 18),
        ("ILO-C029", 33), ("UDHR", 30), ("DEVAW", 6), ("UNGP", 31),
        ("OHCHR-TRAFFICKING-PRINCIPLES", 17),
    ],
)
def test_provision_counts(instrument: str, count: int) -> None:
    assert instrument_by_id(instrument).provision_count == count


@pytest.mark.parametrize(
    ("instrument", "mtdsg", "parent", "clause"),
    [
        ("ICERD", "IV-2", None, "art. 19(2)"),
        ("ICESCR", "IV-3", None, "art. 27(2)"),
        ("ICESCR-OP", "IV-3-a", "ICESCR", "art. 18(2)"),
        ("ICCPR", "IV-4", None, "art. 49(2)"),
        ("ICCPR-OP1", "IV-5", "ICCPR", "art. 9(2)"),
        ("CEDAW", "IV-8", None, "art. 27(2)"),
        ("OP-CEDAW", "IV-8-b", "CEDAW", "art. 16(2)"),
        ("CAT", "IV-9", None, "art. 27(2)"),
        ("OPCAT", "IV-9-b", "CAT", "art. 28(2)"),
        ("CRC", "IV-11", None, "art. 49(2)"),
        ("OPAC", "IV-11-b", "CRC", "art. 10(2)"),
        ("OPSC", "IV-11-c", "CRC", "art. 14(2)"),
        ("OPIC", "IV-11-d", "CRC", "art. 19(2)"),
        ("ICCPR-OP2", "IV-12", "ICCPR", "art. 8(2)"),
        ("ICMW", "IV-13", None, "art. 87(2)"),
        ("CRPD", "IV-15", None, "art. 45(2)"),
        ("CRPD-OP", "IV-15-a", "CRPD", "art. 13(2)"),
        ("CPED", "IV-16", None, "art. 39(2)"),
        ("UNTOC", "XVIII-12", None, "art. 38(2)"),
        ("TRAFFICKING-PROTOCOL", "XVIII-12-a", "UNTOC", "art. 17(2)"),
        ("ILO-C182", None, None, "art. 10(3)"),
        ("ILO-C138", None, None, "art. 12(3)"),
        ("ILO-C029", None, None, "art. 28(3)"),
    ],
)
def test_binding_instruments(
    instrument: str, mtdsg: str | None, parent: str | None, clause: str
) -> None:
    record = instrument_by_id(instrument)
    assert (record.mtdsg, record.parent, record.binding) == (mtdsg, parent, True)
    assert record.eif_rule is not None and record.eif_rule.clause == clause
    ilo = instrument.startswith("ILO-")
    assert record.depositary == (
        "Director-General of the International Labour Office"
        if ilo
        else "Secretary-General of the United Nations"
    )
    assert record.adopted is not None and record.entry_into_force is not None
    assert record.adopted < record.entry_into_force


@pytest.mark.parametrize(
    ("instrument", "symbol", "label"),
    [
        ("UNGP", "A/HRC/17/31", "principle"),
        ("DEVAW", "A/RES/48/104", "article"),
        ("UDHR", "A/RES/217(III)", "article"),
        ("OHCHR-TRAFFICKING-PRINCIPLES", "E/2002/68/Add.1", "principle"),
        ("CRC-GC-25", "CRC/C/GC/25", "paragraph"),
    ],
)
def test_soft_law_is_not_binding(instrument: str, symbol: str, label: str) -> None:
    record = instrument_by_id(instrument)
    assert (record.binding, record.eif_rule, record.symbol) == (False, None, symbol)
    assert record.provision_label == label


@pytest.mark.parametrize(
    ("number", "pillar", "role"),
    [(1, "I", "foundational"), (2, "I", "foundational"), (3, "I", "operational"),
     (10, "I", "operational"), (11, "II", "foundational"), (15, "II", "foundational"),
     (16, "II", "operational"), (17, "II", "operational"), (24, "II", "operational"),
     (25, "III", "foundational"), (26, "III", "operational"), (31, "III", "operational")],
)
def test_guiding_principle_pillars(number: int, pillar: str, role: str) -> None:
    principle = GUIDING_PRINCIPLES[number - 1]
    assert (principle.number, principle.pillar, principle.role) == (number, pillar, role)


def test_guiding_principles_are_numbered_1_to_31_with_topics() -> None:
    assert [p.number for p in GUIDING_PRINCIPLES] == list(range(1, 32))
    assert all(p.topic for p in GUIDING_PRINCIPLES)
    assert GUIDING_PRINCIPLES[16].topic == "human rights due diligence"


# (name as a letter or report writes it, the instrument); the first block is quoted from the
# seed letters and report in ../shared/corpus/seeds and checked to occur there below.
SEED_NAMES = [
    ("Convention on Elimination of Discrimination Against Women", "CEDAW"),
    ("Convention on the Rights of the Child", "CRC"),
    ("Optional Protocol to the Convention on the Rights of the Child on the sale of children, "
     "child prostitution and child pornography", "OPSC"),
    ("Optional Protocol on the sale of children, child prostitution and child pornography",
     "OPSC"),
    ("Optional Protocol on the involvement of children in armed conflict", "OPAC"),
    ("Worst Forms of Child Labour Convention, 1999 (No. 182)", "ILO-C182"),
    ("United Nations Protocol to Prevent, Suppress and Punish Trafficking in Persons, "
     "Especially Women and Children, supplementing the United Nations Convention against "
     "Transnational Organized Crime", "TRAFFICKING-PROTOCOL"),
    ("United Nations Protocol to Prevent, Supress and Punish Trafficking in Persons, "
     "Especially Women and Children, supplementing the United Nations Convention against "
     "Transnational Organized Crime", "TRAFFICKING-PROTOCOL"),
    ("Palermo Protocol", "TRAFFICKING-PROTOCOL"),
    ("OHCHR Recommended Principles and Guidelines on Human Rights and Human Trafficking",
     "OHCHR-TRAFFICKING-PRINCIPLES"),
    ("Recommended Principles and Guidelines on Human Rights and Human Trafficking",
     "OHCHR-TRAFFICKING-PRINCIPLES"),
    ("UN Guiding Principles on Business and Human Rights", "UNGP"),
    ("United Nations Guiding Principles on Business and Human Rights", "UNGP"),
    ("Guiding Principles on Business and Human Rights", "UNGP"),
    ("UNGPs", "UNGP"),
    ("International Covenant on Civil and Political Rights", "ICCPR"),
    ("United Nations Declaration on the Elimination of Violence against Women", "DEVAW"),
    ("International Convention on the Elimination of All Forms of Racial Discrimination",
     "ICERD"),
    ("General Comment n° 13 on the right of the child to freedom from all forms of violence",
     "CRC-GC-13"),
    ("general comment No. 13 (2011) on the right of the child to freedom from all forms of "
     "violence", "CRC-GC-13"),
    ("general comment No. 25 (2021) on children's rights in relation to the digital "
     "environment", "CRC-GC-25"),
    ("Human Rights Committee, General Comment no. 31", "CCPR-GC-31"),
]
OTHER_NAMES = [
    ("Convention on the Elimination of All Forms of Discrimination against Women", "CEDAW"),
    ("CEDAW", "CEDAW"),
    ("Optional Protocol on the sale of children", "OPSC"),
    ("OPSC", "OPSC"),
    ("Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and "
     "Children, supplementing the United Nations Convention against Transnational Organized "
     "Crime", "TRAFFICKING-PROTOCOL"),
    ("ILO Convention No. 182", "ILO-C182"),
    ("ILO Worst Forms of Child Labour Convention", "ILO-C182"),
    ("Worst Forms of Child Labor Convention", "ILO-C182"),
    ("UN Guiding Principles", "UNGP"),
    ("Declaration on the Elimination of Violence against Women", "DEVAW"),
    ("Universal Declaration of Human Rights", "UDHR"),
    ("the  UNIVERSAL declaration of human\nrights.", "UDHR"),
    ("United Nations Convention against Transnational Organised Crime", "UNTOC"),
    ("Convention against Transnational Organized Crime", "UNTOC"),
    ("Minimum Age Convention, 1973 (No. 138)", "ILO-C138"),
    ("Forced Labour Convention, 1930 (No. 29)", "ILO-C029"),
    ("Convention against Torture", "CAT"),
    ("Convention on the Rights of Persons with Disabilities", "CRPD"),
    ("Convention on the Rights of the Child (CRC)", "CRC"),
    ("Conventión on the Rights of the Child", "CRC"),
    ("crc-gc-16", "CRC-GC-16"),
    ("iccpr-op2", "ICCPR-OP2"),
]


@pytest.mark.parametrize(("name", "expected"), SEED_NAMES + OTHER_NAMES)
def test_names_resolve(name: str, expected: str) -> None:
    resolved = resolve_instrument_name(name)
    assert resolved is not None and resolved.id == expected


@pytest.mark.parametrize(
    "name", ["Convention", "Optional Protocol", "General Comment No. 25", "Guidelines", ""]
)
def test_vague_names_do_not_resolve(name: str) -> None:
    assert resolve_instrument_name(name) is None


def test_seed_names_occur_in_the_seeds_and_are_found_there() -> None:
    seeds = shared_dir("corpus", "seeds")
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    found = {(t[s:e], i.id) for t in texts for i, s, e in instruments_in_text(t)}
    for name, expected in SEED_NAMES:
        assert any(name in text for text in texts), name
        assert (name, expected) in found, name


def test_every_name_is_found_by_the_pattern_and_maps_back() -> None:
    for instrument in INSTRUMENTS:
        for name in instrument_names(instrument):
            hits = instruments_in_text(f"see the {name}, please")
            assert hits, name
            got, start, end = hits[0]
            assert got.id == instrument.id, (name, got.id)
            assert end - start >= len(name) - 1, name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Article 34 of the Convention on the Rights\nof the Child", [("CRC", "Convention on the "
                                                                       "Rights\nof the Child")]),
        ("the Guidelines regarding the implementation of the OPSC to the Convention on the "
         "Rights of the Child (CRC/C/156)",
         [("OPSC", "OPSC"), ("CRC", "Convention on the Rights of the Child")]),
        ("crc and cedaw in lower case are not acronyms", []),
        ("CRC/C/GC/25 and CEDAW/C/GC/35 are symbols", []),
        ("the UNCRC, the CRC's article 3 and the ICCPR", [("CRC", "UNCRC"), ("CRC", "CRC"),
                                                          ("ICCPR", "ICCPR")]),
        ("Optional Protocol to the CRC on the sale of children, child prostitution and child "
         "pornography",
         [("OPSC", "Optional Protocol to the CRC on the sale of children, child prostitution "
                   "and child pornography")]),
    ],
)
def test_instruments_in_text(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(i.id, text[s:e]) for i, s, e in instruments_in_text(text)] == expected


def test_pattern_is_cached() -> None:
    assert instrument_name_pattern() is instrument_name_pattern()


@pytest.mark.parametrize(
    ("number", "expected"),
    [("IV-11-c", "OPSC"), ("4-11-c", "OPSC"), ("iv-11-c", "OPSC"), ("IV-11", "CRC"),
     ("18-12-a", "TRAFFICKING-PROTOCOL"), ("XVIII-12", "UNTOC"), ("4-2", "ICERD"),
     ("IV-4", "ICCPR"), ("4-8", "CEDAW"), ("IV-3-a", "ICESCR-OP")],
)
def test_instrument_by_mtdsg(number: str, expected: str) -> None:
    found = instrument_by_mtdsg(number)
    assert found is not None and found.id == expected


@pytest.mark.parametrize("number", ["IV-99", "4-11-z", "XI", "not a number"])
def test_unknown_mtdsg(number: str) -> None:
    assert instrument_by_mtdsg(number) is None


UNTC_FILE = re.compile(r"^treaties_(.+)\.csv$")
UNTC_FILE_INSTRUMENTS = {
    "4-2": "ICERD", "4-4": "ICCPR", "4-8": "CEDAW", "4-11": "CRC", "4-11-c": "OPSC",
    "18-12-a": "TRAFFICKING-PROTOCOL",
}


def test_untc_file_names_resolve_by_mtdsg() -> None:
    untc = shared_dir("reference", "untc")
    numbers = {m.group(1) for p in untc.iterdir() if (m := UNTC_FILE.match(p.name))}
    assert numbers, "no UNTC tables found"
    for number in numbers:
        found = instrument_by_mtdsg(number)
        assert found is not None, number
        assert found.id == UNTC_FILE_INSTRUMENTS[number]


ARTICLE_HEADING = re.compile(r"^###\s*Article\s+(\d+)\s*$", re.MULTILINE)
TEXT_FILES = {
    "crc_articles.txt": "CRC",
    "opsc_articles.txt": "OPSC",
    "cerd_articles.txt": "ICERD",
    "palermo_protocol_articles.txt": "TRAFFICKING-PROTOCOL",
    "ilo_c182_articles.txt": "ILO-C182",
}


@pytest.mark.parametrize(("file_name", "instrument"), sorted(TEXT_FILES.items()))
def test_treaty_texts_have_provision_count_articles(file_name: str, instrument: str) -> None:
    path = shared_dir("reference", "treaty-texts") / file_name
    if not path.exists():
        pytest.skip(f"{file_name} absent")
    numbers = [int(n) for n in ARTICLE_HEADING.findall(path.read_text(encoding="utf-8"))]
    count = instrument_by_id(instrument).provision_count
    assert len(numbers) == count
    assert numbers == list(range(1, (count or 0) + 1))
    assert all(provision_exists(instrument, str(n)) for n in numbers)
    assert not provision_exists(instrument, str(len(numbers) + 1))


@pytest.mark.parametrize(
    ("instrument", "number", "expected"),
    [("CRC", "34", True), ("CRC", "0", False), ("CRC", "55", False), ("CRC", "34c", False),
     ("UNGP", "1", True), ("UNGP", "31", True), ("UNGP", "32", False),
     ("CRC-GC-13", "60", True), ("CCPR-GC-99", "3", True), ("CCPR-GC-31", "-1", False),
     ("OPSC", " 2 ", True)],
)
def test_provision_exists(instrument: str, number: str, expected: bool) -> None:
    assert provision_exists(instrument, number) is expected


def test_general_comments_on_demand() -> None:
    built = general_comment("CESCR", 24)
    assert (built.id, built.parent, built.kind, built.binding) == (
        "CESCR-GC-24", "ICESCR", "general_comment", False,
    )
    assert (built.provision_label, built.provision_count) == ("paragraph", None)
    assert instrument_by_id("cescr-gc-24") == built
    assert instrument_by_id("CEDAW-GC-35").title.startswith(
        "Committee on the Elimination of Discrimination against Women general recommendation"
    )


@pytest.mark.parametrize("bad", ["XYZ", "CRC-GC-0", "ABC-GC-1", "", "CRC-OP"])
def test_unknown_ids_raise(bad: str) -> None:
    with pytest.raises(UnknownInstrumentError):
        instrument_by_id(bad)


def test_unknown_committee_raises() -> None:
    with pytest.raises(UnknownInstrumentError):
        general_comment("WHO", 1)
