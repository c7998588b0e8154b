"""States reference data: counts, codes, names UN sources use, and finding States in text."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from rightsgraph.errors import UnknownStateError
from rightsgraph.loaders.reference.states import (
    FORMER_STATE_PARTIES,
    NON_MEMBER_STATES,
    NON_STATE_PARTIES,
    STATES,
    find_state,
    normalise_name,
    participant_id,
    resolve_state_name,
    state_by_code,
    state_by_demonym,
    states_in_text,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
REFERENCE = SHARED / "reference"
SEEDS = SHARED / "corpus" / "seeds"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


def _untc_participants() -> set[str]:
    names: set[str] = set()
    for table in sorted(_need(REFERENCE / "untc").glob("treaties_*.csv")):
        with table.open(encoding="utf-8", newline="") as rows:
            names.update(row["Participant"] for row in csv.DictReader(rows))
    for declarations in sorted((REFERENCE / "untc").glob("declarations_*.txt")):
        lines = declarations.read_text(encoding="utf-8").splitlines()
        names.update(line[1:].strip() for line in lines if line.startswith("#"))
    return names


def _ratification_year_rows() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for table in sorted(_need(REFERENCE / "ratification-years").glob("*.csv")):
        with table.open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


# --- the table ----------------------------------------------------------------------------


def test_193_members_and_2_observers():
    assert len(STATES) == 195
    assert Counter(s.un_status for s in STATES) == {"member": 193, "observer": 2}
    assert {s.iso3 for s in STATES if s.un_status == "observer"} == {"VAT", "PSE"}


def test_codes_are_unique():
    assert len({s.iso3 for s in STATES}) == len({s.iso2 for s in STATES}) == 195


def test_non_member_parties_are_not_among_the_195():
    assert {s.iso3 for s in NON_MEMBER_STATES} == {"COK", "NIU"}
    assert all(s.un_status == "non-member" for s in NON_MEMBER_STATES)
    assert not {s.iso3 for s in NON_MEMBER_STATES} & {s.iso3 for s in STATES}
    assert NON_STATE_PARTIES == {"European Union": "EU"}
    assert resolve_state_name("European Union") is None


@pytest.mark.parametrize("state", STATES + NON_MEMBER_STATES, ids=lambda s: s.iso3)
def test_codes_agree_with_pycountry(state):
    country = pycountry.countries.get(alpha_3=state.iso3)
    assert country is not None and country.alpha_2 == state.iso2


def test_no_name_points_at_two_states():
    owners: dict[str, set[str]] = {}
    for state in STATES + NON_MEMBER_STATES:
        for name in state.names:
            owners.setdefault(normalise_name(name), set()).add(state.iso3)
    assert {key: iso3s for key, iso3s in owners.items() if len(iso3s) > 1} == {}


@pytest.mark.parametrize(
    ("iso3", "iso2", "name", "formal_name"),
    [
        ("CHN", "CN", "China", "People's Republic of China"),
        ("GBR", "GB", "United Kingdom", "United Kingdom of Great Britain and Northern Ireland"),
        ("USA", "US", "United States", "United States of America"),
        ("TUR", "TR", "Türkiye", "Republic of Türkiye"),
        ("IRN", "IR", "Iran (Islamic Republic of)", "Islamic Republic of Iran"),
        ("BOL", "BO", "Bolivia (Plurinational State of)", "Plurinational State of Bolivia"),
        ("MEX", "MX", "Mexico", "United Mexican States"),
        ("PRK", "KP", "Democratic People's Republic of Korea", "Democratic People's Republic of Korea"),
        ("VAT", "VA", "Holy See", "Holy See"),
        ("PSE", "PS", "State of Palestine", "State of Palestine"),
        ("SSD", "SS", "South Sudan", "Republic of South Sudan"),
    ],
)
def test_spot_checks(iso3, iso2, name, formal_name):
    state = state_by_code(iso3)
    assert state is not None
    assert (state.iso2, state.name, state.formal_name) == (iso2, name, formal_name)
    assert state_by_code(iso2.lower()) is state


@pytest.mark.parametrize("code", ["", "XX", "XXX", "CHINA"])
def test_unknown_codes(code):
    assert state_by_code(code) is None


# --- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("United States of America", "USA"),
        ("Turkey", "TUR"),
        ("Turkiye", "TUR"),
        ("Swaziland", "SWZ"),
        ("Cape Verde", "CPV"),
        ("Czech Republic", "CZE"),
        ("The former Yugoslav Republic of Macedonia", "MKD"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Republic of Korea", "KOR"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d’Ivoire", "CIV"),
        ("Lao People's Democratic Republic", "LAO"),
        ("Syrian Arab Republic", "SYR"),
        ("Russian Federation", "RUS"),
        ("Republic of Moldova", "MDA"),
        ("United Republic of Tanzania", "TZA"),
        ("Micronesia (Federated States of)", "FSM"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("the Gambia", "GMB"),
        ("Albania1", "ALB"),
        ("Belgium 2", "BEL"),
        ("Germany*", "DEU"),
        ("Bolivia (Plurinational\nState of)", "BOL"),
        ("St. Vincent And The Grenadines", "VCT"),
        ("Cook Islands", "COK"),
    ],
)
def test_resolve_state_name(name, iso3):
    state = resolve_state_name(name)
    assert state is not None and state.iso3 == iso3


@pytest.mark.parametrize("name", ["", "Korea", "Atlantis", "Northern Ireland", "Guinea Bissau X"])
def test_unresolvable_names(name):
    assert resolve_state_name(name) is None


def test_every_untc_participant_resolves():
    non_states = {normalise_name(n) for n in (*NON_STATE_PARTIES, *FORMER_STATE_PARTIES)}
    participants = _untc_participants() - {"Participant"}
    assert len(participants) > 190
    unresolved = {n for n in participants if resolve_state_name(n) is None}
    assert {normalise_name(n) for n in unresolved} <= non_states
    assert {participant_id(n) for n in unresolved} <= {"EU", "YUG"}


def test_every_ratification_year_member_resolves_to_its_iso2():
    rows = _ratification_year_rows()
    assert rows
    mismatched = {
        (row["member"], row["iso2"])
        for row in rows
        if (state := resolve_state_name(row["member"])) is None or state.iso2 != row["iso2"]
    }
    # The dataset still uses East Timor's withdrawn code TP; the name itself resolves.
    assert mismatched == {("East Timor", "TP")}
    assert resolve_state_name("East Timor").iso2 == "TL"


# --- find_state ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "iso3"),
    [("cn", "CHN"), ("GBR", "GBR"), ("usa", "USA"), ("UK", "GBR"), ("Türkiye", "TUR"),
     ("viet nam", "VNM"), ("Niue", "NIU")],
)
def test_find_state(query, iso3):
    assert find_state(query).iso3 == iso3


def test_find_state_suggests_close_matches_for_a_typo():
    with pytest.raises(UnknownStateError) as raised:
        find_state("Chna")
    matches = raised.value.details["close_matches"]
    assert {"iso3": "CHN", "name": "China"} in matches
    assert 1 <= len(matches) <= 5
    assert raised.value.details["query"] == "Chna"


# --- demonyms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "iso3"),
    [("Chinese", "CHN"), ("American", "USA"), ("British", "GBR"), ("Mexican", "MEX"),
     ("Indian", "IND"), ("French", "FRA"), ("german", "DEU"), ("Saudi", "SAU"),
     ("South African", "ZAF"), ("Turkish", "TUR"), ("Argentine", "ARG"), ("Australian", "AUS"),
     ("Brazilian", "BRA"), ("Canadian", "CAN"), ("Indonesian", "IDN"), ("Italian", "ITA"),
     ("Japanese", "JPN"), ("Russian", "RUS"), ("South Korean", "KOR"), ("Romanian", "ROU")],
)
def test_state_by_demonym(word, iso3):
    state = state_by_demonym(word)
    assert state is not None and state.iso3 == iso3


@pytest.mark.parametrize("word", ["Korean", "Martian", ""])
def test_ambiguous_or_unknown_demonyms(word):
    assert state_by_demonym(word) is None


# --- running text -------------------------------------------------------------------------


def _found(text: str) -> list[str]:
    return [state.iso3 for state, _, _ in states_in_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Omegle, a live video chat website based in the United States of America, in", ["USA"]),
        ("Tiktok, a company based in China, have reportedly been viewed", ["CHN"]),
        ("Tiktok, a China-based company, have reportedly", ["CHN"]),
        ("The Permanent Mission of the United Kingdom of Great Britain and Northern Ireland "
         "presents its compliments", ["GBR"]),
        ("replies from the Governments of [China](#), [Mexico](#), [United Kingdom of Great "
         "Britain and Northern Ireland](#), [United States of America](#) and other", 
         ["CHN", "MEX", "GBR", "USA"]),
        ("the lack of adequate legal protection for the girl child victims of online sexual "
         "exploitation and abuse in Romania.", ["ROU"]),
        ("the National Crime Agency of the United Kingdom of Great Britain and Northern\n"
         "Ireland and the New Zealand Police", ["GBR", "NZL"]),
        ("gangs based in the United States and in West Africa", ["USA"]),
        ("Nigeria and Niger", ["NGA", "NER"]),
        ("Mr. Chadwick visited Papua New Guinea and Equatorial Guinea, then Guinea-Bissau",
         ["PNG", "GNQ", "GNB"]),
        ("the Dominican Republic and Dominica", ["DOM", "DMA"]),
        ("Northern Ireland is part of the United Kingdom; Ireland is not", ["GBR", "IRL"]),
        ("the Democratic Republic of the Congo borders the Congo", ["COD", "COG"]),
        ("the Democratic People's Republic of Korea and the Republic of Korea", ["PRK", "KOR"]),
        ("oil in the Niger Delta", []),
        ("fine china and a turkey", []),
        ("Belgium1 ....... 6 Sep", ["BEL"]),
        ("St. Kitts and Nevis and Côte d’Ivoire", ["KNA", "CIV"]),
    ],
)
def test_states_in_text(text, expected):
    assert _found(text) == expected


def test_states_in_text_gives_offsets_of_the_name():
    text = "the Government of the United Kingdom of Great Britain and Northern Ireland."
    [(state, start, end)] = states_in_text(text)
    assert state.iso3 == "GBR"
    assert text[start:end] == "United Kingdom of Great Britain and Northern Ireland"


def test_seed_letter_states():
    letter = _need(SEEDS / "001_ad508d7864522b13.txt").read_text(encoding="utf-8")
    assert {"CHN", "USA", "MEX", "GBR"} <= set(_found(letter))
    assert "IRL" not in _found(letter)
