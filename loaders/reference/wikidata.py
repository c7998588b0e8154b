"""Wikidata items of the States: the reference data linked out (``skos:exactMatch``).

Facts, by ISO 3166-1 alpha-3 code: the Wikidata item of each of the 195 States (193 UN
Members, the Holy See and the State of Palestine) and of the two non-member treaty parties
(Cook Islands, Niue). A State is the item of the State as a country (the Netherlands Q55,
Denmark Q35, New Zealand Q664, as Wikidata's country statements use them); the Holy See is
the Holy See (Q159583), the party to the treaties, not Vatican City. Instruments are not
linked: no item is given here that has not been checked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["QID", "WIKIDATA_ENTITY", "state_qid", "STATE_QIDS"]

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
