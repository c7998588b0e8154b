"""UN document symbols ("A/HRC/28/56", "CRC/C/156", "E/CN.4/2005/78/Corr.1").

Ontology term produced: ``rg:citesDocument`` to a document identified by its symbol.
Obvious typos are normalised (``A/HRC728/56`` -> ``A/HRC/28/56``, ``A/HR/38/47`` ->
``A/HRC/38/47``); the raw form stays in the evidence.
"""

from __future__ import annotations

import re

from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.facts import SymbolMention

_SERIES = (
    r"A|E|S|CRC|CCPR|CEDAW|CERD|CAT|CRPD|CMW|CED|HRI|ST|UNEP|TD|DP|HRC"
)
SYMBOL_RE = re.compile(
    r"(?<![\w./-])(?P<symbol>(?:" + _SERIES + r")/(?:[A-Za-z0-9][A-Za-z0-9.()]*/)*"
    r"[A-Za-z0-9][A-Za-z0-9.()]*)"
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
