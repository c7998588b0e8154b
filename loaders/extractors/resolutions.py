"""Resolutions that found a mandate: "pursuant to Human Rights Council resolutions 43/22,
44/15 and 41/6", "Human Rights Council resolution 52/26".

Ontology term produced: ``rg:ResolutionCitation`` (body HRC, GA or CHR).
"""

from __future__ import annotations

import re

from rightsgraph.loaders.extractors.ignorecase import FoldedPattern
from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.facts import ResolutionCitation

_NUMBER = r"\d{1,4}/\d{1,3}"
_LIST = _NUMBER + r"(?:\s*(?:,|;|and|et|y)\s*(?:and\s+)?" + _NUMBER + r")*"
RESOLUTIONS_RE = FoldedPattern(
    r"(?P<body>Human\s+Rights\s+Council|Human\s+Rights|General\s+Assembly|Commission\s+on\s+Human\s+Rights"
    r"|Conseil\s+des\s+droits\s+de\s+l[’']homme|Consejo\s+de\s+Derechos\s+Humanos)"
    r"\s+(?:resolutions?|résolutions?|resoluciones|resolución)\s+(?:No\.?\s*)?(?P<list>" + _LIST + ")",
)
# "resoluciones 43/22 y 41/6 del Consejo de Derechos Humanos", "résolutions ... du Conseil ..."
RESOLUTIONS_AFTER_RE = FoldedPattern(
    r"(?:resolutions?|résolutions?|resoluciones|resolución)\s+(?:No\.?\s*)?(?P<list>" + _LIST + r")\s+"
    r"(?:of\s+the|del|du|de\s+la)\s+(?P<body>Human\s+Rights\s+Council|Consejo\s+de\s+Derechos\s+Humanos"
    r"|Conseil\s+des\s+droits\s+de\s+l[’']homme|General\s+Assembly|Asamblea\s+General|Assemblée\s+générale)",
)
_BODY = {
    "general assembly": "GA", "asamblea general": "GA", "assemblée générale": "GA",
    "commission on human rights": "CHR",
}


def _body(name: str) -> str:
    return _BODY.get(re.sub(r"\s+", " ", name).casefold(), "HRC")


def find_resolutions(text: str) -> list[ResolutionCitation]:
    """Each resolution number once, with the body that adopted it.

    >>> [r.resolution for r in find_resolutions("pursuant to Human Rights Council resolutions 43/22, 44/15 and 41/6.")]
    ['43/22', '44/15', '41/6']
    """
    seen: set[tuple[str, str]] = set()
    out = []
    matches = [*RESOLUTIONS_RE.finditer(text), *RESOLUTIONS_AFTER_RE.finditer(text)]
    for match in sorted(matches, key=lambda m: m.start()):
        body = _body(match["body"])
        for number in re.finditer(_NUMBER, match["list"]):
            key = (body, number.group())
            if key in seen:
                continue
            seen.add(key)
            start = match.start("list") + number.start()
            out.append(ResolutionCitation(number.group(), body, evidence(text, start, start + len(number.group()))))  # type: ignore[arg-type]
    return out
