"""Resolutions that found a mandate: "pursuant to Human Rights Council resolutions 43/22,
44/15 and 41/6", "Human Rights Council resolution 52/26", "HRC Resolution 5/2", lists that
give each number's date ("resolutions 7/13 of 27 March 2008 and 25/6 of ..."), French and
Spanish phrasings. Resolutions of the Commission on Human Rights and of the General
Assembly keep their own body: they are not Council resolutions.

Ontology term produced: ``rg:ResolutionCitation`` (body HRC, GA or CHR).
"""

from __future__ import annotations

import re

from rightsgraph.loaders.extractors.dates import MONTH_WORD
from rightsgraph.loaders.extractors.ignorecase import FoldedPattern
from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.facts import ResolutionCitation

_NUMBER = r"\d{1,4}/\d{1,3}"
# "7/13 of 27 March 2008", "7/13 du 27 mars 2008", "7/13, de 27 de marzo de 2008,": a list
# may give each number's adoption date after it; the date is skipped, the number kept.
_ADOPTED = (
    r"(?:,?\s+(?:of|du|de|del)\s+[0-3]?\d(?:er)?\s+(?:de\s+)?" + MONTH_WORD
    + r",?\s+(?:de\s+)?(?:19|20)\d\d)?"
)
_SEPARATOR = r"\s*(?:,|;)?\s*(?:(?:and|et|y)\s+)?"
_LIST = _NUMBER + _ADOPTED + r"(?:" + _SEPARATOR + _NUMBER + _ADOPTED + r")*"
_HRC = (
    r"Human\s+Rights\s+Council|HRC|Conseil\s+des\s+droits\s+de\s+l[’']homme"
    r"|Consejo\s+de\s+Derechos\s+Humanos"
)
_GA = r"General\s+Assembly|Asamblea\s+General|Assemblée\s+générale"
_CHR = (
    r"Commission\s+on\s+Human\s+Rights|Commission\s+des\s+droits\s+de\s+l[’']homme"
    r"|Comisión\s+de\s+Derechos\s+Humanos"
)
_WORD = r"(?:resolutions?|résolutions?|resoluciones|resolución)"
# "Human Rights resolution" (a letter's slip for the Council) stays with the Council; the
# Commission on Human Rights (before 2006) and the General Assembly are bodies of their own.
RESOLUTIONS_RE = FoldedPattern(
    r"(?P<body>" + _CHR + "|" + _HRC + r"|Human\s+Rights|" + _GA + r")"
    r"\s+" + _WORD + r"\s+(?:No\.?\s*)?(?P<list>" + _LIST + ")",
)
# "resoluciones 43/22 y 41/6 del Consejo de Derechos Humanos", "résolutions ... du Conseil ..."
RESOLUTIONS_AFTER_RE = FoldedPattern(
    _WORD + r"\s+(?:No\.?\s*)?(?P<list>" + _LIST + r")\s+"
    r"(?:of\s+the|del|du|de\s+la|de\s+l[’'])\s*(?P<body>" + _HRC + "|" + _GA + "|" + _CHR + ")",
)
_BODY_RES = (
    (re.compile(_GA, re.IGNORECASE), "GA"),
    (re.compile(_CHR, re.IGNORECASE), "CHR"),
)


def _body(name: str) -> str:
    for pattern, body in _BODY_RES:
        if pattern.fullmatch(name):
            return body
    return "HRC"


def find_resolutions(text: str) -> list[ResolutionCitation]:
    """Each resolution number once, with the body that adopted it.

    >>> [(r.resolution, r.body) for r in find_resolutions(
    ...     "Commission on Human Rights resolution 2004/5; Council resolutions 7/13 of 27 March 2008 and 25/6")]
    [('2004/5', 'CHR')]
    >>> [r.resolution for r in find_resolutions(
    ...     "Human Rights Council resolutions 7/13 of 27 March 2008 and 25/6 of 28 March 2014")]
    ['7/13', '25/6']

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
