"""The instruments table: treaties, protocols, ILO conventions and soft law, by contract id.

Facts only (titles, dates, article counts, UNTC chapter numbers, the entry-into-force clause a
joining State is subject to), written by hand from the UN Treaty Collection, the ILO's
NORMLEX and the instruments' final clauses. Lookups live in ``instruments``.
"""

from __future__ import annotations

from typing import Literal

from rightsgraph.loaders.facts import PartialDate
from rightsgraph.loaders.reference.model import EntryIntoForceRule, Instrument, InstrumentKind

UN_DEPOSITARY = "Secretary-General of the United Nations"
ILO_DEPOSITARY = "Director-General of the International Labour Office"

THIRTIETH_DAY = "thirtieth day after deposit"
ONE_MONTH = "one month after deposit"
THREE_MONTHS = "three months after deposit"
ILO_TWELVE_MONTHS = "twelve months after registration of the ratification"


def _day(value: str) -> PartialDate:
    return PartialDate.parse(value)


def _thirtieth_day(article: int) -> EntryIntoForceRule:
    return EntryIntoForceRule(
        f"art. {article}(2)", THIRTIETH_DAY, days=30, general_clause=f"art. {article}(1)"
    )


def _months_after_deposit(article: int, months: int) -> EntryIntoForceRule:
    description = ONE_MONTH if months == 1 else THREE_MONTHS
    return EntryIntoForceRule(
        f"art. {article}(2)", description, months=months, general_clause=f"art. {article}(1)"
    )


def _ilo_rule(article: int) -> EntryIntoForceRule:
    return EntryIntoForceRule(
        f"art. {article}(3)",
        ILO_TWELVE_MONTHS,
        months=12,
        counted_from="registration",
        general_clause=f"art. {article}(2)",
    )


def _binding(
    id: str,
    title: str,
    *,
    kind: InstrumentKind,
    adopted: str,
    in_force: str,
    mtdsg: str | None,
    articles: int,
    rule: EntryIntoForceRule,
    short: tuple[str, ...] = (),
    aliases: tuple[str, ...] = (),
    parent: str | None = None,
    depositary: str = UN_DEPOSITARY,
) -> Instrument:
    return Instrument(
        id=id,
        title=title,
        short_names=short,
        aliases=aliases,
        kind=kind,
        binding=True,
        adopted=_day(adopted),
        entry_into_force=_day(in_force),
        depositary=depositary,
        mtdsg=mtdsg,
        parent=parent,
        provision_count=articles,
        provision_label="article",
        eif_rule=rule,
    )


CRC_OP_TITLE = "Optional Protocol to the Convention on the Rights of the Child"

TREATIES: tuple[Instrument, ...] = (
    _binding(
        "CRC", "Convention on the Rights of the Child", kind="treaty",
        adopted="1989-11-20", in_force="1990-09-02", mtdsg="IV-11", articles=54,
        rule=_thirtieth_day(49), short=("CRC", "UNCRC"),
        aliases=("UN Convention on the Rights of the Child",),
    ),
    _binding(
        "OPSC",
        f"{CRC_OP_TITLE} on the sale of children, child prostitution and child pornography",
        kind="optional_protocol", adopted="2000-05-25", in_force="2002-01-18",
        mtdsg="IV-11-c", articles=17, rule=_months_after_deposit(14, 1), parent="CRC",
        short=("OPSC", "OP-SC", "OPSC-CRC", "OP-CRC-SC"),
        aliases=(
            "Optional Protocol on the sale of children, child prostitution and child pornography",
            "Optional Protocol on the sale of children",
            "Optional Protocol to the CRC on the sale of children, child prostitution and "
            "child pornography",
            "Optional Protocol to the Convention on the Rights of the Child on the sale of "
            "children",
        ),
    ),
    _binding(
        "OPAC",
        f"{CRC_OP_TITLE} on the involvement of children in armed conflict",
        kind="optional_protocol", adopted="2000-05-25", in_force="2002-02-12",
        mtdsg="IV-11-b", articles=13, rule=_months_after_deposit(10, 1), parent="CRC",
        short=("OPAC", "OP-AC", "OP-CRC-AC"),
        aliases=(
            "Optional Protocol on the involvement of children in armed conflict",
            "Optional Protocol to the CRC on the involvement of children in armed conflict",
        ),
    ),
    _binding(
        "OPIC",
        f"{CRC_OP_TITLE} on a communications procedure",
        kind="optional_protocol", adopted="2011-12-19", in_force="2014-04-14",
        mtdsg="IV-11-d", articles=24, rule=_months_after_deposit(19, 3), parent="CRC",
        short=("OPIC", "OP3-CRC", "OP-CRC-IC"),
        aliases=(
            "Optional Protocol on a communications procedure",
            "Third Optional Protocol to the Convention on the Rights of the Child",
        ),
    ),
    _binding(
        "ICCPR", "International Covenant on Civil and Political Rights", kind="treaty",
        adopted="1966-12-16", in_force="1976-03-23", mtdsg="IV-4", articles=53,
        rule=_months_after_deposit(49, 3), short=("ICCPR",),
        aliases=("Covenant on Civil and Political Rights",),
    ),
    _binding(
        "ICESCR", "International Covenant on Economic, Social and Cultural Rights",
        kind="treaty", adopted="1966-12-16", in_force="1976-01-03", mtdsg="IV-3",
        articles=31, rule=_months_after_deposit(27, 3), short=("ICESCR",),
        aliases=("Covenant on Economic, Social and Cultural Rights",),
    ),
    _binding(
        "CEDAW", "Convention on the Elimination of All Forms of Discrimination against Women",
        kind="treaty", adopted="1979-12-18", in_force="1981-09-03", mtdsg="IV-8",
        articles=30, rule=_thirtieth_day(27), short=("CEDAW",),
        aliases=(
            "Convention on Elimination of Discrimination Against Women",
            "Convention on the Elimination of Discrimination against Women",
        ),
    ),
    _binding(
        "ICERD",
        "International Convention on the Elimination of All Forms of Racial Discrimination",
        kind="treaty", adopted="1965-12-21", in_force="1969-01-04", mtdsg="IV-2",
        articles=25, rule=_thirtieth_day(19), short=("ICERD",),
        aliases=(
            "Convention on the Elimination of All Forms of Racial Discrimination",
            "Convention on the Elimination of Racial Discrimination",
        ),
    ),
    _binding(
        "CAT",
        "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or "
        "Punishment",
        kind="treaty", adopted="1984-12-10", in_force="1987-06-26", mtdsg="IV-9",
        articles=33, rule=_thirtieth_day(27), short=("CAT", "UNCAT"),
        aliases=("Convention against Torture",),
    ),
    _binding(
        "CRPD", "Convention on the Rights of Persons with Disabilities", kind="treaty",
        adopted="2006-12-13", in_force="2008-05-03", mtdsg="IV-15", articles=50,
        rule=_thirtieth_day(45), short=("CRPD", "UNCRPD"),
    ),
    _binding(
        "ICMW",
        "International Convention on the Protection of the Rights of All Migrant Workers and "
        "Members of Their Families",
        kind="treaty", adopted="1990-12-18", in_force="2003-07-01", mtdsg="IV-13",
        articles=93,
        rule=EntryIntoForceRule(
            "art. 87(2)",
            "first day of the month following three months after deposit",
            months=3,
            first_day_of_next_month=True,
            general_clause="art. 87(1)",
        ),
        short=("ICMW", "ICRMW"),
        aliases=("Migrant Workers Convention", "Convention on Migrant Workers"),
    ),
    _binding(
        "CPED",
        "International Convention for the Protection of All Persons from Enforced "
        "Disappearance",
        kind="treaty", adopted="2006-12-20", in_force="2010-12-23", mtdsg="IV-16",
        articles=45, rule=_thirtieth_day(39), short=("CPED", "ICPPED"),
        aliases=("Convention on Enforced Disappearance",),
    ),
    _binding(
        "ICCPR-OP1",
        "Optional Protocol to the International Covenant on Civil and Political Rights",
        kind="optional_protocol", adopted="1966-12-16", in_force="1976-03-23",
        mtdsg="IV-5", articles=14, rule=_months_after_deposit(9, 3), parent="ICCPR",
        short=("ICCPR-OP1", "OP1-ICCPR"),
        aliases=(
            "First Optional Protocol to the International Covenant on Civil and Political "
            "Rights",
        ),
    ),
    _binding(
        "ICCPR-OP2",
        "Second Optional Protocol to the International Covenant on Civil and Political "
        "Rights, aiming at the abolition of the death penalty",
        kind="optional_protocol", adopted="1989-12-15", in_force="1991-07-11",
        mtdsg="IV-12", articles=11, rule=_months_after_deposit(8, 3), parent="ICCPR",
        short=("ICCPR-OP2", "OP2-ICCPR"),
        aliases=(
            "Second Optional Protocol to the International Covenant on Civil and Political "
            "Rights",
        ),
    ),
    _binding(
        "ICESCR-OP",
        "Optional Protocol to the International Covenant on Economic, Social and Cultural "
        "Rights",
        kind="optional_protocol", adopted="2008-12-10", in_force="2013-05-05",
        mtdsg="IV-3-a", articles=22, rule=_months_after_deposit(18, 3), parent="ICESCR",
        short=("OP-ICESCR",),
    ),
    _binding(
        "OP-CEDAW",
        "Optional Protocol to the Convention on the Elimination of All Forms of "
        "Discrimination against Women",
        kind="optional_protocol", adopted="1999-10-06", in_force="2000-12-22",
        mtdsg="IV-8-b", articles=21, rule=_months_after_deposit(16, 3), parent="CEDAW",
        short=("OP-CEDAW",),
    ),
    _binding(
        "OPCAT",
        "Optional Protocol to the Convention against Torture and Other Cruel, Inhuman or "
        "Degrading Treatment or Punishment",
        kind="optional_protocol", adopted="2002-12-18", in_force="2006-06-22",
        mtdsg="IV-9-b", articles=37, rule=_thirtieth_day(28), parent="CAT",
        short=("OPCAT", "OP-CAT"),
        aliases=("Optional Protocol to the Convention against Torture",),
    ),
    _binding(
        "CRPD-OP",
        "Optional Protocol to the Convention on the Rights of Persons with Disabilities",
        kind="optional_protocol", adopted="2006-12-13", in_force="2008-05-03",
        mtdsg="IV-15-a", articles=18, rule=_thirtieth_day(13), parent="CRPD",
        short=("OP-CRPD",),
    ),
    _binding(
        "UNTOC", "United Nations Convention against Transnational Organized Crime",
        kind="treaty", adopted="2000-11-15", in_force="2003-09-29", mtdsg="XVIII-12",
        articles=41, rule=_thirtieth_day(38), short=("UNTOC", "Palermo Convention"),
        aliases=("Convention against Transnational Organised Crime",),
    ),
    _binding(
        "TRAFFICKING-PROTOCOL",
        "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women "
        "and Children, supplementing the United Nations Convention against Transnational "
        "Organized Crime",
        kind="optional_protocol", adopted="2000-11-15", in_force="2003-12-25",
        mtdsg="XVIII-12-a", articles=20, rule=_thirtieth_day(17), parent="UNTOC",
        short=("Palermo Protocol", "Trafficking Protocol", "Trafficking in Persons Protocol"),
        aliases=(
            "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women "
            "and Children",
            # misspelling found in Special Procedures letters (seed 003)
            "Protocol to Prevent, Supress and Punish Trafficking in Persons, Especially Women "
            "and Children, supplementing the United Nations Convention against Transnational "
            "Organized Crime",
            "Protocol to Prevent, Supress and Punish Trafficking in Persons, Especially Women "
            "and Children",
        ),
    ),
    _binding(
        "ILO-C182",
        "Convention concerning the Prohibition and Immediate Action for the Elimination of "
        "the Worst Forms of Child Labour",
        kind="ilo_convention", adopted="1999-06-17", in_force="2000-11-19", mtdsg=None,
        articles=16, rule=_ilo_rule(10), depositary=ILO_DEPOSITARY,
        short=("C182", "ILO C182", "ILO Convention No. 182", "Convention No. 182"),
        aliases=(
            "Worst Forms of Child Labour Convention, 1999 (No. 182)",
            "Worst Forms of Child Labour Convention, 1999",
            "Worst Forms of Child Labour Convention",
            "ILO Worst Forms of Child Labour Convention",
            "Worst Forms of Child Labor Convention",
            "ILO Convention No. 182 on the Prohibition and Immediate Action for the Elimination "
            "of the Worst Forms of Child Labour",
            "International Labour Organization Convention No. 182 on the Prohibition and "
            "Immediate Action for the Elimination of the Worst Forms of Child Labour",
        ),
    ),
    _binding(
        "ILO-C138", "Convention concerning Minimum Age for Admission to Employment",
        kind="ilo_convention", adopted="1973-06-26", in_force="1976-06-19", mtdsg=None,
        articles=18, rule=_ilo_rule(12), depositary=ILO_DEPOSITARY,
        short=("C138", "ILO C138", "ILO Convention No. 138", "Convention No. 138"),
        aliases=(
            "Minimum Age Convention, 1973 (No. 138)",
            "Minimum Age Convention, 1973",
            "ILO Minimum Age Convention",
        ),
    ),
    _binding(
        "ILO-C029", "Convention concerning Forced or Compulsory Labour",
        kind="ilo_convention", adopted="1930-06-28", in_force="1932-05-01", mtdsg=None,
        articles=33, rule=_ilo_rule(28), depositary=ILO_DEPOSITARY,
        short=("C029", "C29", "ILO C029", "ILO C29", "ILO Convention No. 29", "Convention No. 29"),
        aliases=(
            "Forced Labour Convention, 1930 (No. 29)",
            "Forced Labour Convention, 1930",
            "ILO Forced Labour Convention",
        ),
    ),
)


def _soft(
    id: str,
    title: str,
    *,
    kind: InstrumentKind,
    adopted: str,
    count: int,
    label: Literal["article", "principle", "paragraph", "guideline"],
    symbol: str,
    short: tuple[str, ...] = (),
    aliases: tuple[str, ...] = (),
) -> Instrument:
    return Instrument(
        id=id,
        title=title,
        short_names=short,
        aliases=aliases,
        kind=kind,
        binding=False,
        adopted=_day(adopted),
        entry_into_force=None,
        depositary=None,
        mtdsg=None,
        parent=None,
        provision_count=count,
        provision_label=label,
        eif_rule=None,
        symbol=symbol,
    )


SOFT_LAW: tuple[Instrument, ...] = (
    _soft(
        # adopted = the Human Rights Council's endorsement (resolution 17/4)
        "UNGP", "Guiding Principles on Business and Human Rights", kind="guiding_principles",
        adopted="2011-06-16", count=31, label="principle", symbol="A/HRC/17/31",
        short=("UNGPs", "UNGP", "UN Guiding Principles", "UNGPs on Business and Human Rights"),
        aliases=(
            "UN Guiding Principles on Business and Human Rights",
            "United Nations Guiding Principles on Business and Human Rights",
            "Guiding Principles on Business and Human Rights: Implementing the United Nations "
            "\u201cProtect, Respect and Remedy\u201d Framework",
            "Ruggie Principles",
        ),
    ),
    _soft(
        "DEVAW", "Declaration on the Elimination of Violence against Women",
        kind="declaration", adopted="1993-12-20", count=6, label="article",
        symbol="A/RES/48/104", short=("DEVAW",),
        aliases=("United Nations Declaration on the Elimination of Violence against Women",),
    ),
    _soft(
        "UDHR", "Universal Declaration of Human Rights", kind="declaration",
        adopted="1948-12-10", count=30, label="article", symbol="A/RES/217(III)",
        short=("UDHR",),
    ),
    _soft(
        "OHCHR-TRAFFICKING-PRINCIPLES",
        "Recommended Principles and Guidelines on Human Rights and Human Trafficking",
        kind="principles", adopted="2002-05-20", count=17, label="principle",
        symbol="E/2002/68/Add.1",
        aliases=(
            "OHCHR Recommended Principles and Guidelines on Human Rights and Human Trafficking",
            "OHCHR Recommended Principles and Guidelines",
            "Recommended Principles and Guidelines on Human Rights and Trafficking",
        ),
    ),
)
