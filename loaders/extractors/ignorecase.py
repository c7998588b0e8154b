"""Case-insensitive patterns that scan as fast as case-sensitive ones.

Python's ``re`` skips ahead to where a case-sensitive pattern's first characters occur, but
tries a case-insensitive (``re.IGNORECASE``) pattern at every position of the text, and
compares every character through its lower case: a dozen such scans over each letter were a
third of extraction. A :class:`FoldedPattern` runs the same pattern without the flag, its
literal characters lower-cased, on the lower-cased text, and gives back matches whose
offsets, groups and text are the original text's (lower-casing keeps every offset, checked
per text). Where the two could differ, it runs the case-insensitive pattern itself: a text
whose lower case is longer ("İ" becomes two characters) or that holds a character ``re``
matches case-insensitively with a letter of a different lower case (dotless "ı" with "i",
long "ſ" with "s": CPython's ``re/_casefix.py``).

>>> pattern = FoldedPattern(r"(?P<verb>ratified|acceded)\\s+by\\s+(?P<who>\\w+)")
>>> [(m.start(), m["verb"], m.group("who")) for m in pattern.finditer("RATIFIED by China; Acceded by Chile")]
[(0, 'RATIFIED', 'China'), (19, 'Acceded', 'Chile')]
>>> pattern.search("Signed by X").__class__.__name__
'NoneType'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

__all__ = ["FoldedMatch", "FoldedPattern"]

# Characters that re.IGNORECASE equates with an ASCII or Latin-1 letter of another lower case.
_UNFOLDABLE = re.compile("[\u0131\u017f]")


@functools.lru_cache(maxsize=8)
def _lowered(text: str) -> str | None:
    """The lower-cased text when its offsets are the text's and nothing in it needs the
    case-insensitive pattern; else None."""
    lowered = text.lower()
    if len(lowered) != len(text) or _UNFOLDABLE.search(text):
        return None
    return lowered


def _lower_literals(pattern: str) -> str:
    """``pattern`` with its literal characters lower-cased (escapes and group names kept).

    >>> _lower_literals(r"(?P<Verb>Ratified)\\s+\\W(?P=Verb)\\x41")
    '(?P<Verb>ratified)\\\\s+\\\\W(?P=Verb)\\\\x41'
    """
    out, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            width = {"x": 4, "u": 6, "U": 10}.get(pattern[index + 1 : index + 2], 2)
            if pattern.startswith("\\N{", index):
                width = pattern.index("}", index) + 1 - index
            out.append(pattern[index : index + width])
            index += width
            continue
        if pattern.startswith(("(?P<", "(?P="), index):
            close = pattern.index(">" if pattern[index + 3] == "<" else ")", index) + 1
            out.append(pattern[index:close])
            index = close
            continue
        if pattern.startswith(("(?-", "(?("), index):
            raise ValueError(f"FoldedPattern cannot fold {pattern[index:index + 4]!r} in {pattern!r}")
        lowered = char.lower()
        if len(lowered) != 1 or (ord(char) > 0xFF and (lowered != char or char.upper() != char)):
            raise ValueError(f"FoldedPattern takes ASCII and Latin-1 letters only, not {char!r}")
        out.append(lowered)
        index += 1
    return "".join(out)


class FoldedMatch:
    """A match of a :class:`FoldedPattern`: offsets of the lower-cased text, text of the original."""

    __slots__ = ("_match", "string")

    def __init__(self, match: re.Match[str], string: str) -> None:
        self._match = match
        self.string = string

    def group(self, *groups: int | str) -> str | None | tuple[str | None, ...]:
        if len(groups) > 1:
            return tuple(self._text(g) for g in groups)
        return self._text(groups[0] if groups else 0)

    def _text(self, group: int | str) -> str | None:
        start, end = self._match.span(group)
        return None if start < 0 else self.string[start:end]

    def __getitem__(self, group: int | str) -> str | None:
        return self._text(group)

    def groupdict(self) -> dict[str, str | None]:
        return {name: self._text(name) for name in self._match.re.groupindex}

    def start(self, group: int | str = 0) -> int:
        return self._match.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._match.end(group)

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self._match.span(group)

    @property
    def lastgroup(self) -> str | None:
        return self._match.lastgroup

    def __repr__(self) -> str:
        return f"<FoldedMatch span={self.span()} match={self.group()!r}>"


class FoldedPattern:
    """``re.compile(pattern, flags | re.IGNORECASE)``, scanning fast (module docstring).

    ``finditer``, ``search`` and ``match`` take ``pos``/``endpos`` as ``re`` does and give
    :class:`FoldedMatch` objects (``re.Match`` ones where the case-insensitive pattern ran).
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.insensitive = re.compile(pattern, flags | re.IGNORECASE)
        self._folded = re.compile(_lower_literals(pattern), flags & ~re.IGNORECASE)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[FoldedMatch | re.Match[str]]:
        end = len(text) if endpos is None else endpos
        lowered = _lowered(text)
        if lowered is None:
            yield from self.insensitive.finditer(text, pos, end)
            return
        for match in self._folded.finditer(lowered, pos, end):
            yield FoldedMatch(match, text)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> FoldedMatch | re.Match[str] | None:
        return self._first("search", text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> FoldedMatch | re.Match[str] | None:
        return self._first("match", text, pos, endpos)

    def _first(self, how: str, text: str, pos: int, endpos: int | None) -> FoldedMatch | re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        lowered = _lowered(text)
        if lowered is None:
            return getattr(self.insensitive, how)(text, pos, end)
        found = getattr(self._folded, how)(lowered, pos, end)
        return FoldedMatch(found, text) if found else None
