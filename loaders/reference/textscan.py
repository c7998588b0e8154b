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
import itertools
import re
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
        leading = set(itertools.chain.from_iterable(index.starts(w) for w in self.leading_words))
        resume = 0
        for start in sorted(itertools.chain.from_iterable(index.starts(w) for w in self.first_words)):
            if start < resume or (start in leading and index.following(start) not in self._followers):
                continue
            match = self.pattern.match(text, start)
            if match and match.end() > match.start():
                yield match
                resume = match.end()


class WordIndex:
    """Where the words of a text start, looked up one casefolded word at a time.

    A word is a run of ``\\w`` characters of the text, compared casefolded. The set of
    words present is read once (in C); a word present is then found by searching the
    casefolded text for it, so a pattern pays for the few of its first words a text
    holds, not for indexing every word of the text in Python.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._present = frozenset(map(str.casefold, WORD_RE.findall(text)))
        folded = text.casefold()
        # Casefolding maps most characters to one; where it maps one to several ("ß" ->
        # "ss"), offsets in the folded text are not the text's, and words are read instead.
        self._folded = folded if len(folded) == len(text) else None
        self._cache: dict[str, list[int]] = {}
        self._by_word: dict[str, list[int]] | None = None

    def starts(self, word: str) -> list[int]:
        """Offsets of the words of the text that casefold to ``word``, in text order."""
        if word not in self._present:
            return []
        found = self._cache.get(word)
        if found is None:
            found = self._cache[word] = self._search(word) if self._folded is not None else self._read(word)
        return found

    def following(self, start: int) -> str | None:
        """The casefolded word after the word starting at ``start`` (None at the end)."""
        word = WORD_RE.match(self.text, start)
        after = WORD_RE.search(self.text, word.end()) if word else None
        return after.group().casefold() if after else None

    def _search(self, word: str) -> list[int]:
        text, folded, found = self.text, self._folded, []
        assert folded is not None
        at = folded.find(word)
        while at >= 0:
            end = at + len(word)
            whole = WORD_RE.match(text, at)
            if whole is not None and whole.end() == end and (at == 0 or not WORD_RE.match(text, at - 1)):
                found.append(at)
            at = folded.find(word, end)
        return found

    def _read(self, word: str) -> list[int]:
        if self._by_word is None:
            self._by_word = {}
            for match in WORD_RE.finditer(self.text):
                self._by_word.setdefault(match.group().casefold(), []).append(match.start())
        return self._by_word.get(word, [])


@functools.lru_cache(maxsize=4)
def word_starts(text: str) -> WordIndex:
    """The :class:`WordIndex` of ``text``, shared by the patterns that scan it.

    >>> index = word_starts("The UK and the uk, theUK")
    >>> index.starts("the"), index.starts("uk"), index.following(11)
    ([0, 11], [4, 15], 'uk')
    >>> word_starts("Straße and STRASSE").starts("strasse")  # offsets kept when folding expands
    [0, 11]
    """
    return WordIndex(text)
