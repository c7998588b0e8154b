"""Small helpers shared by the extractors: evidence spans and regex building blocks."""

from __future__ import annotations

import re

from rightsgraph.loaders.facts import Evidence

# Whitespace that may include one line break (names and titles wrap across lines).
WS = r"[ \t]*\n?[ \t]*"
# Inline Markdown emphasis that seeds carry around names ("**", "*", "_").
EMPH = r"[*_]{0,2}"


def evidence(text: str, start: int, end: int) -> Evidence:
    """The passage ``text[start:end]`` as Evidence.

    >>> evidence("ratified by China", 12, 17)
    Evidence(start=12, end=17, text='China')
    """
    return Evidence(start, end, text[start:end])


def match_evidence(text: str, match: re.Match[str], group: int | str = 0) -> Evidence:
    """Evidence of a regex match (or one of its groups)."""
    return evidence(text, match.start(group), match.end(group))


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the blank-line-separated paragraph around ``offset``."""
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return (0 if start < 0 else start + 2, len(text) if end < 0 else end)
