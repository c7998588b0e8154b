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
import itertools
import re
from dataclasses import dataclass
from collections.abc import Iterable, Iterator

WORD_RE = re.compile(r"\w+")


def _variants(word: str) -> set[str]:
    """Spelling variants a name pattern may accept for its first word."""
    word = word.casefold()
    return {word, word.replace("iz", "is"), word.replace("is", "iz"), word.replace("our", "or")}


class AnchoredPattern:
    """``pattern`` tried only where a word that starts one of ``names`` begins.

    ``extra_first_words`` are words a match may also begin with. Those that begin no name
    (an optional "the" before a name) are tried only when the next word could begin one: a
    full try at every "the" of a text cost more than all the other candidates together.
    """

    def __init__(self, pattern: re.Pattern[str], names: Iterable[str], extra_first_words: Iterable[str] = ()) -> None:
        self.pattern = pattern
        extra = {w.casefold() for w in extra_first_words}
        first: set[str] = set()
        for name in names:
            words = WORD_RE.findall(name)
            if words:
                first |= _variants(words[0])
        self.first_words = frozenset(first | extra)
        self.leading_words = frozenset(extra - first)
        self._followers = self.first_words - self.leading_words

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Non-overlapping matches, leftmost first, as ``pattern.finditer`` would give."""
        index = word_starts(text)
        present = self.first_words & index.starts.keys()
        leading = set(itertools.chain.from_iterable(index.starts[w] for w in present & self.leading_words))
        resume = 0
        for start in heapq.merge(*(index.starts[word] for word in present)):
            if start < resume or (start in leading and index.following.get(start) not in self._followers):
                continue
            match = self.pattern.match(text, start)
            if match and match.end() > match.start():
                yield match
                resume = match.end()


@dataclass(frozen=True, slots=True)
class WordIndex:
    """The words of a text, casefolded: where each starts, and which word follows a start."""

    starts: dict[str, list[int]]
    following: dict[int, str]


@functools.lru_cache(maxsize=4)
def word_starts(text: str) -> WordIndex:
    """The :class:`WordIndex` of ``text`` (shared: do not modify it).

    >>> index = word_starts("The UK and the uk")
    >>> index.starts
    {'the': [0, 11], 'uk': [4, 15], 'and': [7]}
    >>> index.following[11]
    'uk'
    """
    starts: dict[str, list[int]] = {}
    following: dict[int, str] = {}
    previous = -1
    for word in WORD_RE.finditer(text):
        folded = word.group().casefold()
        starts.setdefault(folded, []).append(word.start())
        following[previous] = folded
        previous = word.start()
    return WordIndex(starts, following)
