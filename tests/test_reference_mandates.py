"""Special Procedures mandates: the table, and resolving titles as letters write them."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from rightsgraph.errors import NotFoundError
from rightsgraph.loaders.reference.mandates import (
    DISCONTINUED_MANDATES,
    MANDATE_STATES,
    MANDATES,
    mandate_by_id,
    mandate_state,
    mandates_in_text,
    resolve_mandate,
)
from rightsgraph.loaders.reference.states import state_by_code

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold"
HAVE_CORPUS = SEEDS.exists() and GOLD.exists()

CONTRACT_IDS = (
    "sale-of-children", "business-and-human-rights", "education", "slavery", "trafficking",
    "violence-against-women", "discrimination-against-women", "freedom-of-expression",
)

# A letter's list of mandates: split on ";" and on "and" before the next holder title.
_LIST_SEPARATOR = re.compile(
    r";\s*(?:and\s+)?|,?\s+and\s+(?=(?:the\s+)?(?:Special Rapporteur|Working Group|Independent"
    r" Expert))")
_MANDATES_OF = re.compile(r"^Mandates of (?P<list>.+)$", re.MULTILINE)
_CAPACITIES = re.compile(r"in our capacities as (?P<list>.+?), pursuant to", re.DOTALL)


def _seed_lists() -> list[tuple[str, str, str]]:
    """(seed file, which paragraph, the list text) for every seed letter."""
    if not HAVE_CORPUS:
        pytest.skip("shared corpus is absent")
    lists = []
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for kind, pattern in (("mandates-of", _MANDATES_OF), ("capacities", _CAPACITIES)):
            lists.extend((seed.name, kind, m.group("list")) for m in pattern.finditer(text))
    return lists


def _gold_mandates(seed_name: str) -> list[str]:
    gold = json.loads((GOLD / seed_name.replace(".txt", ".json")).read_text(encoding="utf-8"))
    return gold["mandates"]


# --- the table ----------------------------------------------------------------------------


def test_counts_as_of_2024():
    assert Counter(m.kind for m in MANDATES) == {"thematic": 46, "country": 14}


def test_ids_are_unique_and_lowercase_hyphenated():
    ids = [m.id for m in MANDATES + DISCONTINUED_MANDATES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", i) for i in ids)


@pytest.mark.parametrize("mandate_id", CONTRACT_IDS)
def test_contract_ids_exist(mandate_id):
    assert mandate_by_id(mandate_id).kind == "thematic"


def test_every_mandate_has_french_and_spanish_titles_and_a_year():
    for mandate in MANDATES:
        assert mandate.titles_fr and mandate.titles_es, mandate.id
        assert mandate.established is not None and 1980 <= mandate.established <= 2024


def test_country_mandates_name_their_states():
    for mandate in MANDATES + DISCONTINUED_MANDATES:
        if mandate.kind == "country":
            assert state_by_code(MANDATE_STATES[mandate.id]) is not None, mandate.id
    assert mandate_state("country-dprk") == "PRK"
    assert mandate_state("torture") is None


@pytest.mark.parametrize(
    ("mandate_id", "holder", "established"),
    [("sale-of-children", "Special Rapporteur", 1990),
     ("business-and-human-rights", "Working Group", 2011),
     ("albinism", "Independent Expert", 2015),
     ("arbitrary-detention", "Working Group", 1991),
     ("country-car", "Independent Expert", 2013),
     ("country-russia", "Special Rapporteur", 2022)],
)
def test_spot_checks(mandate_id, holder, established):
    mandate = mandate_by_id(mandate_id)
    assert (mandate.holder, mandate.established) == (holder, established)


def test_sale_of_children_titles_over_time():
    mandate = mandate_by_id("sale-of-children")
    assert mandate.title == "Special Rapporteur on the sale, sexual exploitation and sexual abuse of children"
    assert mandate.historical_titles == (
        "Special Rapporteur on the sale of children, child prostitution and child pornography",
        "Special Rapporteur on the sale and sexual exploitation of children, including child "
        "prostitution, child pornography and other child sexual abuse material",
    )


@pytest.mark.parametrize("mandate_id", ["", "unicorns", "Sale-Of-Children"])
def test_unknown_id_raises_not_found(mandate_id):
    with pytest.raises(NotFoundError):
        mandate_by_id(mandate_id)


def test_every_title_resolves_to_its_own_mandate():
    for mandate in MANDATES + DISCONTINUED_MANDATES:
        for title in mandate.titles:
            assert resolve_mandate(title) is mandate, title


def test_thematic_titles_resolve_by_keywords_when_worded_differently():
    # An extra word defeats exact matching, so this exercises the subject rules.
    for mandate in MANDATES:
        if mandate.kind == "thematic":
            for title in mandate.titles:
                assert resolve_mandate(f"{title} (renewed)") is mandate, title


# --- resolving phrases --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "mandate_id"),
    [
        ("the Special Rapporteur on the sale and sexual exploitation of children, including child "
         "prostitution, child pornography and other child sexual abuse material", "sale-of-children"),
        ("Special Rapporteur on the sale of children, child prostitution and child pornography",
         "sale-of-children"),
        ("sale, sexual exploitation and sexual abuse of children", "sale-of-children"),
        ("Rapporteuse spéciale sur la vente et l'exploitation sexuelle d'enfants, y compris la "
         "prostitution des enfants", "sale-of-children"),
        ("Relatora Especial sobre la venta y la explotación sexual de niños, incluidos la "
         "prostitución infantil", "sale-of-children"),
        ("Working Group on the issue of human rights and transnational\ncorporations and other "
         "business enterprises", "business-and-human-rights"),
        ("transnational corporations and other business enterprises", "business-and-human-rights"),
        ("Special Rapporteur on contemporary forms of slavery", "slavery"),
        ("Special Rapporteur on violence against women and girls, its causes and consequences",
         "violence-against-women"),
        ("violence against women", "violence-against-women"),
        ("Working Group on the issue of discrimination against women in law and in practice",
         "discrimination-against-women"),
        ("Groupe de travail sur la discrimination à l'égard des femmes et des filles",
         "discrimination-against-women"),
        ("Special Rapporteur on the promotion and protection of the right to freedom of opinion "
         "and expression", "freedom-of-expression"),
        ("freedom of opinion and expression", "freedom-of-expression"),
        ("Relator Especial sobre el derecho a la educación", "education"),
        ("Special Rapporteur on trafficking in persons, especially women and children",
         "trafficking"),
        ("Independent Expert on minority issues", "minority-issues"),
        ("Special Rapporteur on the situation of human rights defenders", "human-rights-defenders"),
        ("Special Rapporteur on the question of torture", "torture"),
        ("Special Rapporteur on the situation of human rights in Myanmar", "country-myanmar"),
        ("Special Rapporteur on the situation of human rights in the Islamic Republic of Iran",
         "country-iran"),
        ("Special Rapporteur on the situation of human rights in the Democratic People's Republic"
         " of Korea", "country-dprk"),
        ("Special Rapporteur on the situation of human rights in the Palestinian territories "
         "occupied since 1967", "country-opt"),
        ("Independent Expert on the situation of human rights in the Sudan", "country-sudan"),
        ("Special Rapporteur on Belarus", "country-belarus"),
    ],
)
def test_resolve_mandate(phrase, mandate_id):
    mandate = resolve_mandate(phrase)
    assert mandate is not None and mandate.id == mandate_id


@pytest.mark.parametrize(
    "phrase",
    ["", "Special Rapporteur", "Special Rapporteur on the rights of unicorns",
     "Committee against Torture", "Committee on the Elimination of Discrimination against Women",
     "Declaration on the Elimination of Violence against Women", "Human Rights Council",
     "Special Rapporteur on the situation of human rights in Atlantis", "Omegle"],
)
def test_unknown_phrases_resolve_to_none(phrase):
    assert resolve_mandate(phrase) is None


# --- the seed letters ---------------------------------------------------------------------


def test_seed_letters_have_mandate_lists():
    kinds = Counter(kind for _, kind, _ in _seed_lists())
    assert kinds["mandates-of"] >= 3 and kinds["capacities"] >= 3


@pytest.mark.parametrize("seed, kind, listed", _seed_lists() if HAVE_CORPUS else [])
def test_seed_mandate_lists_resolve_to_gold(seed, kind, listed):
    phrases = [p for p in _LIST_SEPARATOR.split(listed) if p.strip()]
    resolved = [resolve_mandate(p) for p in phrases]
    assert None not in resolved, phrases
    assert [m.id for m in resolved if m] == _gold_mandates(seed)


@pytest.mark.parametrize("seed, kind, listed", _seed_lists() if HAVE_CORPUS else [])
def test_seed_mandate_lists_found_in_running_text(seed, kind, listed):
    assert [m.id for m, _, _ in mandates_in_text(listed)] == _gold_mandates(seed)


def test_report_author_found_in_running_text():
    report = SEEDS / "004_79e438d2674d96cf.txt"
    if not report.exists():
        pytest.skip("shared corpus is absent")
    text = report.read_text(encoding="utf-8")
    # The report cites other mandates too; its author is the first one named.
    mandate, start, end = mandates_in_text(text)[0]
    assert [mandate.id] == _gold_mandates(report.name)
    assert text[start:end] == "Special Rapporteur on the sale, sexual exploitation and sexual abuse of children"
