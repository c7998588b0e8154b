"""Fast search for a large alternation of names in running text.

Python's ``re`` tries every alternative of ``a|b|c|...`` at every position, so a pattern of a
few hundred names scans text hundreds of times slower than a simple one. An
:class:`AnchoredPattern` first finds the words a name can begin with, and tries the full
pattern only there. The words of a text are indexed once (:func:`word_starts`) and shared by
every pattern that scans it (instruments, companies, ...).

>>> scan = AnchoredPattern(re.compile(r"(?i:united\\s+kingdom)|(?i:uk)"), ["United Kingdom", "UK"])
>>> [m.group() for m in scan.finditer("the United\\nKingdom and the uk")]
['United\\nKingdom', 'uk']
"""

from __future__ import annotations

import functools
import heapq
import re
from collections.abc import Iterable, Iterator

WORD_RE = re.compile(r"\w+")


def _variants(word: str) -> set[str]:
    """Spelling variants a name pattern may accept for its first word."""
    word = word.casefold()
    return {word, word.replace("iz", "is"), word.replace("is", "iz"), word.replace("our", "or")}


class AnchoredPattern:
    """``pattern`` tried only where a word that starts one of ``names`` begins."""

    def __init__(self, pattern: re.Pattern[str], names: Iterable[str], extra_first_words: Iterable[str] = ()) -> None:
        self.pattern = pattern
        first: set[str] = {w.casefold() for w in extra_first_words}
        for name in names:
            words = WORD_RE.findall(name)
            if words:
                first |= _variants(words[0])
        self.first_words = frozenset(first)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Non-overlapping matches, leftmost first, as ``pattern.finditer`` would give."""
        index = word_starts(text)
        resume = 0
        for start in heapq.merge(*(index[word] for word in self.first_words & index.keys())):
            if start < resume:
                continue
            match = self.pattern.match(text, start)
            if match and match.end() > match.start():
                yield match
                resume = match.end()


@functools.lru_cache(maxsize=4)
def word_starts(text: str) -> dict[str, list[int]]:
    """Where each word of ``text`` starts, by its casefolded form (do not modify the result:
    it is shared).

    >>> word_starts("The UK and the uk")
    {'the': [0, 11], 'uk': [4, 15], 'and': [7]}
    """
    index: dict[str, list[int]] = {}
    for word in WORD_RE.finditer(text):
        index.setdefault(word.group().casefold(), []).append(word.start())
    return index
