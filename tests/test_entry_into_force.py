"""Entry into force for a joining State: real ratifications and the clauses they fall under."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rightsgraph.errors import UnknownInstrumentError, UsageError
from rightsgraph.graph.entry_into_force import EntryIntoForce, entry_into_force
from rightsgraph.loaders.facts import PartialDate
from rightsgraph.loaders.reference.instruments import instrument_by_id


@pytest.mark.parametrize(
    ("instrument", "kind", "action", "expected", "clause"),
    [
        # China: CRC ratified 2 March 1992 (art. 49(2): thirtieth day)
        ("CRC", "ratification", "1992-03-02", "1992-04-01", "art. 49(2)"),
        # United Kingdom: CRC ratified 16 December 1991, across the year end
        ("CRC", "ratification", "1991-12-16", "1992-01-15", "art. 49(2)"),
        # China: CEDAW ratified 4 November 1980, before the general entry into force
        ("CEDAW", "ratification", "1980-11-04", "1981-09-03", "art. 27(1)"),
        # China: OPSC ratified 3 December 2002 (art. 14(2): one month)
        ("OPSC", "ratification", "2002-12-03", "2003-01-03", "art. 14(2)"),
        # one month from 31 January is the end of February
        ("OPSC", "ratification", "2005-01-31", "2005-02-28", "art. 14(2)"),
        ("OPSC", "ratification", "2004-01-31", "2004-02-29", "art. 14(2)"),
        # joined before the general entry into force on 18 January 2002
        ("OPSC", "ratification", "2001-04-30", "2002-01-18", "art. 14(1)"),
        # United States: ICCPR ratified 8 June 1992 (art. 49(2): three months)
        ("ICCPR", "ratification", "1992-06-08", "1992-09-08", "art. 49(2)"),
        ("ICESCR", "ratification", "1992-11-30", "1993-02-28", "art. 27(2)"),
        # China: Palermo Protocol accession 8 February 2010 (art. 17(2): thirtieth day)
        ("TRAFFICKING-PROTOCOL", "accession", "2010-02-08", "2010-03-10", "art. 17(2)"),
        # China: ILO C182 ratified 8 August 2002 (art. 10(3): twelve months)
        ("ILO-C182", "ratification", "2002-08-08", "2003-08-08", "art. 10(3)"),
        ("ILO-C182", "ratification", "1999-09-01", "2000-11-19", "art. 10(2)"),
        # Romania: ICERD, the year only, and the day
        ("ICERD", "accession", "1994", "1994", "art. 19(2)"),
        ("ICERD", "accession", "1994-10-21", "1994-11-20", "art. 19(2)"),
        # ICMW art. 87(2): first day of the month following three months
        ("ICMW", "ratification", "2005-03-14", "2005-07-01", "art. 87(2)"),
        ("ICMW", "ratification", "2005-03", "2005-07-01", "art. 87(2)"),
        ("ICMW", "ratification", "1995-06-01", "2003-07-01", "art. 87(1)"),
        # month precision: as precise as every day of the month agrees on, no more
        ("ICCPR", "ratification", "1992-06", "1992-09", "art. 49(2)"),
        ("CRC", "ratification", "1992-03", "1992", "art. 49(2)"),
        ("ILO-C182", "ratification", "2002", "2003", "art. 10(3)"),
        # the whole year precedes the general entry into force: the general day is certain
        ("CEDAW", "ratification", "1980", "1981-09-03", "art. 27(1)"),
        # a year straddling the general entry into force keeps to the year
        ("CEDAW", "ratification", "1981", "1981", "art. 27(2)"),
    ],
)
def test_entry_into_force_for_a_joining_state(
    instrument: str, kind: str, action: str, expected: str, clause: str
) -> None:
    result = entry_into_force(instrument, kind, PartialDate.parse(action))
    assert result is not None
    assert (result.date.iso(), result.clause) == (expected, clause)
    assert result.rule.startswith(f"{clause}: ")


@pytest.mark.parametrize(
    ("instrument", "kind"),
    [
        ("CRC", "signature"),
        ("OPSC", "signature"),
        ("UNGP", "ratification"),
        ("UDHR", "ratification"),
        ("CRC-GC-13", "ratification"),
        ("CRC", "succession"),
    ],
)
def test_no_entry_into_force(instrument: str, kind: str) -> None:
    assert entry_into_force(instrument, kind, PartialDate(2002, 1, 1)) is None


def test_rule_text_names_the_clause_and_the_period() -> None:
    result = entry_into_force("CRC", "ratification", PartialDate(1992, 3, 2))
    assert result == EntryIntoForce(
        PartialDate(1992, 4, 1), "art. 49(2)", "art. 49(2): thirtieth day after deposit"
    )


def test_ilo_rule_says_ratification_stands_for_registration() -> None:
    result = entry_into_force("ILO-C182", "ratification", PartialDate(2002, 8, 8))
    assert result is not None
    assert "twelve months after registration" in result.rule
    assert "ratification date is taken as the registration date" in result.rule


def test_straddling_year_says_not_before_general_entry_into_force() -> None:
    result = entry_into_force("CEDAW", "ratification", PartialDate(1981))
    assert result is not None
    assert "not before the general entry into force on 1981-09-03" in result.rule


def test_unknown_instrument_raises() -> None:
    with pytest.raises(UnknownInstrumentError):
        entry_into_force("NOT-A-TREATY", "ratification", PartialDate(2000, 1, 1))


def test_unknown_action_kind_raises() -> None:
    with pytest.raises(UsageError):
        entry_into_force("CRC", "ratified", PartialDate(2000, 1, 1))


def test_instrument_id_is_case_insensitive() -> None:
    result = entry_into_force("opsc", "ratification", PartialDate(2002, 12, 3))
    assert result is not None and result.date == PartialDate(2003, 1, 3)


BINDING = ["CRC", "OPSC", "OPAC", "ICCPR", "CEDAW", "ICERD", "ICMW", "UNTOC", "ILO-C182"]


@given(
    instrument=st.sampled_from(BINDING),
    day=st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_never_before_the_action_nor_the_general_entry_into_force(
    instrument: str, day: dt.date
) -> None:
    result = entry_into_force(instrument, "ratification", PartialDate.from_date(day))
    assert result is not None
    in_force = result.date.as_date()
    general = instrument_by_id(instrument).entry_into_force
    assert in_force is not None and general is not None
    assert in_force > day and in_force >= general.earliest()


@given(
    instrument=st.sampled_from(BINDING),
    day=st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_coarse_dates_stay_consistent_with_the_exact_answer(instrument: str, day: dt.date) -> None:
    exact = entry_into_force(instrument, "ratification", PartialDate.from_date(day))
    for coarse in (PartialDate(day.year, day.month), PartialDate(day.year)):
        approximate = entry_into_force(instrument, "ratification", coarse)
        assert exact is not None and approximate is not None
        assert approximate.date.precision != "day" or approximate.date == exact.date
        if approximate.date.precision == "month":
            assert approximate.date.consistent_with(exact.date)
        if approximate.date.precision == "year":  # the earliest year it can be
            assert approximate.date.year <= exact.date.year
