"""Wikidata items of the States and instruments: the reference data linked out (``skos:exactMatch``).

Facts, by ISO 3166-1 alpha-3 code: the Wikidata item of each of the 195 States (193 UN
Members, the Holy See and the State of Palestine) and of the two non-member treaty parties
(Cook Islands, Niue). A State is the item of the State as a country (the Netherlands Q55,
Denmark Q35, New Zealand Q664, as Wikidata's country statements use them); the Holy See is
the Holy See (Q159583), the party to the treaties, not Vatican City.

Instruments, by contract id: an item is given only where a public source that was read pairs
the instrument's full title with that item; the source is kept beside it (its evidence).
Every other instrument is listed with ``None``: not verified here, so not linked. A wrong
item would be invented precision; a missing one is a visible gap
(:data:`UNVERIFIED_INSTRUMENTS`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple
from types import MappingProxyType

__all__ = [
    "INSTRUMENT_EVIDENCE", "INSTRUMENT_QIDS", "QID", "STATE_QIDS", "UNVERIFIED_INSTRUMENTS",
    "WIKIDATA_ENTITY", "instrument_qid", "state_qid",
]

WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
#: A Wikidata item identifier.
QID = re.compile(r"Q[1-9][0-9]*")

_TABLE = """
    AFG=Q889 ALB=Q222 DZA=Q262 AND=Q228 AGO=Q916 ATG=Q781 ARG=Q414 ARM=Q399 AUS=Q408 AUT=Q40
    AZE=Q227 BHS=Q778 BHR=Q398 BGD=Q902 BRB=Q244 BLR=Q184 BEL=Q31 BLZ=Q242 BEN=Q962 BTN=Q917
    BOL=Q750 BIH=Q225 BWA=Q963 BRA=Q155 BRN=Q921 BGR=Q219 BFA=Q965 BDI=Q967 CPV=Q1011 KHM=Q424
    CMR=Q1009 CAN=Q16 CAF=Q929 TCD=Q657 CHL=Q298 CHN=Q148 COL=Q739 COM=Q970 COG=Q971 CRI=Q800
    CIV=Q1008 HRV=Q224 CUB=Q241 CYP=Q229 CZE=Q213 PRK=Q423 COD=Q974 DNK=Q35 DJI=Q977 DMA=Q784
    DOM=Q786 ECU=Q736 EGY=Q79 SLV=Q792 GNQ=Q983 ERI=Q986 EST=Q191 SWZ=Q1050 ETH=Q115 FJI=Q712
    FIN=Q33 FRA=Q142 GAB=Q1000 GMB=Q1005 GEO=Q230 DEU=Q183 GHA=Q117 GRC=Q41 GRD=Q769 GTM=Q774
    GIN=Q1006 GNB=Q1007 GUY=Q734 HTI=Q790 HND=Q783 HUN=Q28 ISL=Q189 IND=Q668 IDN=Q252 IRN=Q794
    IRQ=Q796 IRL=Q27 ISR=Q801 ITA=Q38 JAM=Q766 JPN=Q17 JOR=Q810 KAZ=Q232 KEN=Q114 KIR=Q710
    KWT=Q817 KGZ=Q813 LAO=Q819 LVA=Q211 LBN=Q822 LSO=Q1013 LBR=Q1014 LBY=Q1016 LIE=Q347 LTU=Q37
    LUX=Q32 MDG=Q1019 MWI=Q1020 MYS=Q833 MDV=Q826 MLI=Q912 MLT=Q233 MHL=Q709 MRT=Q1025
    MUS=Q1027 MEX=Q96 FSM=Q702 MCO=Q235 MNG=Q711 MNE=Q236 MAR=Q1028 MOZ=Q1029 MMR=Q836
    NAM=Q1030 NRU=Q697 NPL=Q837 NLD=Q55 NZL=Q664 NIC=Q811 NER=Q1032 NGA=Q1033 MKD=Q221 NOR=Q20
    OMN=Q842 PAK=Q843 PLW=Q695 PAN=Q804 PNG=Q691 PRY=Q733 PER=Q419 PHL=Q928 POL=Q36 PRT=Q45
    QAT=Q846 KOR=Q884 MDA=Q217 ROU=Q218 RUS=Q159 RWA=Q1037 KNA=Q763 LCA=Q760 VCT=Q757 WSM=Q683
    SMR=Q238 STP=Q1039 SAU=Q851 SEN=Q1041 SRB=Q403 SYC=Q1042 SLE=Q1044 SGP=Q334 SVK=Q214
    SVN=Q215 SLB=Q685 SOM=Q1045 ZAF=Q258 SSD=Q958 ESP=Q29 LKA=Q854 SDN=Q1049 SUR=Q730 SWE=Q34
    CHE=Q39 SYR=Q858 TJK=Q863 THA=Q869 TLS=Q574 TGO=Q945 TON=Q678 TTO=Q754 TUN=Q948 TUR=Q43
    TKM=Q874 TUV=Q672 UGA=Q1036 UKR=Q212 ARE=Q878 GBR=Q145 TZA=Q924 USA=Q30 URY=Q77 UZB=Q265
    VUT=Q686 VEN=Q717 VNM=Q881 YEM=Q805 ZMB=Q953 ZWE=Q954 VAT=Q159583 PSE=Q219060 COK=Q26988
    NIU=Q34020
"""


def _parse(table: str) -> Mapping[str, str]:
    pairs = [item.split("=") for item in table.split()]
    return MappingProxyType({code: qid for code, qid in pairs})


#: ISO alpha-3 code -> Wikidata item id, e.g. ``STATE_QIDS["CHN"] == "Q148"``.
STATE_QIDS: Mapping[str, str] = _parse(_TABLE)


def state_qid(iso3: str) -> str | None:
    """The Wikidata item of a State, or None when the table has none.

    >>> state_qid("CHN"), state_qid("USA"), state_qid("XXX")
    ('Q148', 'Q30', None)
    """
    return STATE_QIDS.get(iso3)


class Verified(NamedTuple):
    """An instrument's Wikidata item and where its pairing with the full title was read."""

    qid: str
    evidence: str  # "owner/repository: path" of the public file that states the pairing


_SPOCWIKI = "SpocWiki/_Standards: "

#: Every catalogued instrument: its verified item, or None (not verified here).
_INSTRUMENT_TABLE: Mapping[str, Verified | None] = MappingProxyType({
    # treaties and their protocols
    "CRC": None,  # not verified here
    "OPSC": None,  # not verified here
    "OPAC": None,  # not verified here
    "OPIC": None,  # not verified here
    "ICCPR": Verified("Q392119", _SPOCWIKI + "Society/Law/Contract/Treaty/"
                      "ICCPR(International_Covenant_on_Civil_and_Political_Rights).md"),
    "ICCPR-OP1": None,  # not verified here
    "ICCPR-OP2": None,  # not verified here
    "ICESCR": Verified("Q457862", _SPOCWIKI + "Society/Law/Contract/Treaty/"
                       "ICESCR(International_Covenant_on_Economic,_Social_and_Cultural_Rights).md"),
    "ICESCR-OP": None,  # not verified here
    "CEDAW": None,  # not verified here
    "OP-CEDAW": None,  # not verified here
    "ICERD": None,  # not verified here
    "CAT": None,  # not verified here
    "OPCAT": None,  # not verified here
    "CRPD": None,  # not verified here
    "CRPD-OP": None,  # not verified here
    "ICMW": None,  # not verified here
    "CPED": None,  # not verified here
    "UNTOC": None,  # not verified here
    "TRAFFICKING-PROTOCOL": None,  # not verified here
    "ILO-C182": None,  # not verified here
    "ILO-C138": None,  # not verified here
    "ILO-C029": None,  # not verified here
    # soft law
    "UDHR": Verified("Q7813", _SPOCWIKI + "Society/Social_Issues/Human_Rights/"
                     "Universal_Declaration_of_Human_Rights.md"),
    "UNGP": None,  # not verified here
    "DEVAW": None,  # not verified here
    "OHCHR-TRAFFICKING-PRINCIPLES": None,  # not verified here
    # general comments
    "CRC-GC-13": None,  # not verified here
    "CRC-GC-16": None,  # not verified here
    "CRC-GC-24": None,  # not verified here
    "CRC-GC-25": None,  # not verified here
    "CCPR-GC-31": None,  # not verified here
    "CCPR-GC-34": None,  # not verified here
    "CCPR-GC-36": None,  # not verified here
    "CEDAW-GC-35": None,  # not verified here
})

#: Instrument id -> its verified Wikidata item, e.g. ``INSTRUMENT_QIDS["ICCPR"] == "Q392119"``.
INSTRUMENT_QIDS: Mapping[str, str] = MappingProxyType(
    {iid: found.qid for iid, found in _INSTRUMENT_TABLE.items() if found is not None}
)
#: Instrument id -> the public file read to verify its item.
INSTRUMENT_EVIDENCE: Mapping[str, str] = MappingProxyType(
    {iid: found.evidence for iid, found in _INSTRUMENT_TABLE.items() if found is not None}
)
#: The catalogued instruments left unlinked because no item could be verified.
UNVERIFIED_INSTRUMENTS: tuple[str, ...] = tuple(
    iid for iid, found in _INSTRUMENT_TABLE.items() if found is None
)


def instrument_qid(instrument_id: str) -> str | None:
    """The verified Wikidata item of an instrument, or None (unverified or unknown).

    >>> instrument_qid("ICCPR"), instrument_qid("udhr"), instrument_qid("XYZ")
    ('Q392119', 'Q7813', None)
    """
    return INSTRUMENT_QIDS.get(instrument_id.strip().upper())
