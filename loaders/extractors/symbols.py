"""UN document symbols ("A/HRC/28/56", "CRC/C/156", "E/CN.4/2005/78/Corr.1",
"CRC/C/CHN/CO/3-4"), and a document's own symbol.

Ontology term produced: ``rg:citesDocument`` to a document identified by its symbol.
Obvious typos are normalised (``A/HRC728/56`` -> ``A/HRC/28/56``, ``A/HR/38/47`` ->
``A/HRC/38/47``); the raw form stays in the evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.facts import SymbolMention

_SERIES = (
    r"A|E|S|CRC|CCPR|CEDAW|CERD|CAT|CRPD|CMW|CED|HRI|ST|UNEP|TD|DP|HRC"
)
SYMBOL_RE = re.compile(
    r"(?<![\w./-])(?P<symbol>(?:" + _SERIES + r")/(?:[A-Za-z0-9][A-Za-z0-9.()]*/)*"
    r"[A-Za-z0-9](?:[A-Za-z0-9.()]|-(?=[A-Za-z0-9]))*)"
)
# Typos seen in letters: a digit typed instead of the slash after HRC, a dropped "C".
_TYPO_FIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^A/HRC\d(\d{1,2})/"), r"A/HRC/\1/"),
    (re.compile(r"^A/HR/(\d)"), r"A/HRC/\1"),
)


def normalise_symbol(raw: str) -> str:
    """The official form of a symbol as written.

    >>> normalise_symbol("A/HRC728/56"), normalise_symbol("A/HR/38/47")
    ('A/HRC/28/56', 'A/HRC/38/47')
    >>> normalise_symbol("E/CN.4/2005/78/Corr.1.")
    'E/CN.4/2005/78/Corr.1'
    """
    symbol = raw.rstrip(".,;:)")
    if symbol.count("(") < symbol.count(")"):
        symbol = symbol.rstrip(")")
    for pattern, replacement in _TYPO_FIXES:
        symbol = pattern.sub(replacement, symbol)
    return symbol


def _plausible(symbol: str) -> bool:
    parts = symbol.split("/")
    return len(parts) >= 2 and any(ch.isdigit() for ch in symbol) and parts[1] != ""


def find_symbols(text: str, exclude: set[str] | None = None) -> list[SymbolMention]:
    """Each distinct symbol once (first occurrence), minus ``exclude`` (the document's own)."""
    seen = set(exclude or ())
    out = []
    for match in SYMBOL_RE.finditer(text):
        raw = match["symbol"]
        symbol = normalise_symbol(raw)
        if symbol in seen or not _plausible(symbol):
            continue
        seen.add(symbol)
        trimmed_end = match.start() + len(raw.rstrip(".,;:"))
        out.append(SymbolMention(symbol, evidence(text, match.start(), trimmed_end)))
    return out


# What may stand before a document's own symbol on its cover line or running header:
# "United Nations", "Nations Unies", "Naciones Unidas", a page number, layout marks.
_COVER_PREFIX_RE = re.compile(
    r"^[\s/|*#]*(?:(?:United\s+Nations|Nations\s+Unies|Naciones\s+Unidas)[\s/|*]*)?(?:\d{1,3}[ \t]+)?$"
)
_OWN_HEAD = 1500


@dataclass(frozen=True, slots=True)
class OwnSymbol:
    """A document's own symbol; ``on_cover`` when printed as its cover symbol (then its
    other occurrences, the running headers, are not citations), False when read from a
    title that names it ("Comments by the State (A/HRC/45/53/Add.1)")."""

    mention: SymbolMention
    on_cover: bool


def own_symbol(text: str) -> OwnSymbol | None:
    """The symbol a UN document carries at its head: the first one on a cover line, else
    the first one in the opening lines.

    >>> own_symbol("United Nations CRC/C/CHN/CO/3-4\\nDistr.: General").mention.symbol
    'CRC/C/CHN/CO/3-4'
    >>> own_symbol("Report - Comments by the State (A/HRC/45/53/Add.1)").on_cover
    False
    """
    head = find_symbols(text[:_OWN_HEAD])
    for mention in head:
        line_start = text.rfind("\n", 0, mention.evidence.start) + 1
        if _COVER_PREFIX_RE.match(text[line_start : mention.evidence.start]):
            return OwnSymbol(mention, True)
    if not head:
        return None
    first = head[0]
    in_brackets = text[first.evidence.start - 1 : first.evidence.start] == "("
    return OwnSymbol(first, not in_brackets)
