"""Read SPARQL text the way any engine might, without running it: keywords and nesting.

One character means two things in SPARQL: ``<`` opens an IRI (``<http://x/>``) or is the
less-than operator (``?a < 3``), and which one only the parser's context decides. A scanner
that always reads ``<...>`` as an IRI can be fooled: in ``BIND(?a<'>x' AS ?b) SERVICE <...>``
an engine reads ``'>x'`` as a string after an operator, while the IRI reading sees ``<'>``
and then a string that swallows ``SERVICE``. So :func:`scan` follows every reading at once (a
small nondeterministic lexer: its live states are a set) and reports a keyword if *any*
reading sees it as code, and the deepest bracket nesting any reading can reach.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

__all__ = ["Scan", "scan"]

# A bare word: not part of a prefixed name (``ex:service``), a variable or a longer name;
# nor right after ``/`` (division or a path step need an operand, never a keyword), which
# keeps path segments of IRIs (``<http://x/service>``) from counting when ``<`` is read as
# less-than.
_WORD = re.compile(r"(?<![\w:\-?$/])[A-Za-z]+(?![\w:\-])")
_NAME_RUN = re.compile(r"[\w:\-]+")
_VARIABLE = re.compile(r"[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+")
_IRI_BODY = re.compile(r"[^<>\"{}|^`\\\x00-\x20]*")
# Where a comment, a short string or a long string body may stop.
_STOPS = {
    "comment": re.compile(r"[\n\r]"),
    "short'": re.compile(r"['\\\n\r]"), 'short"': re.compile(r'["\\\n\r]'),
    "long'": re.compile(r"['\\]"), 'long"': re.compile(r'["\\]'),
}
_OPENERS, _CLOSERS = "({[", ")}]"

# Lexer states: code, inside an IRI, a comment, a short or a long string (with its quote).
CODE, IRI, COMMENT = "code", "iri", "comment"


@dataclass
class _Stops:
    """The next stop of each kind after a position, found by bisection (each body is
    skipped in O(log n), so many readings of one long line cost no more than one)."""

    text: str
    positions: dict[str, list[int]] = field(default_factory=dict)

    def next(self, kind: str, at: int) -> int:
        if kind not in self.positions:
            self.positions[kind] = [match.start() for match in _STOPS[kind].finditer(self.text)]
        found = self.positions[kind]
        index = bisect_left(found, at)
        return found[index] if index < len(found) else len(self.text)


@dataclass(frozen=True, slots=True)
class Scan:
    words: frozenset[str]  # bare words (upper case) some reading sees as code
    depth: int  # the deepest ( { [ nesting some reading reaches


def scan(sparql: str, watch: frozenset[str]) -> Scan:
    """The ``watch`` words (upper case) some reading of ``sparql`` sees as code, and the
    deepest nesting.

    >>> scan('SELECT * { ?service ex:load "SERVICE" <http://x/#load> }', frozenset({"SERVICE", "LOAD"})).words
    frozenset()
    >>> sorted(scan("SELECT * { BIND(?a<'>x' AS ?b) SERVICE <http://x/> {} } #'", frozenset({"SERVICE"})).words)
    ['SERVICE']
    >>> scan("SELECT * { { FILTER((1)) } }", frozenset()).depth
    4
    """
    frontier: dict[int, dict[str, int]] = {0: {CODE: 0}}
    stops = _Stops(sparql)
    found: set[str] = set()
    deepest = 0
    position = 0
    while frontier:
        position = min(frontier)
        states = frontier.pop(position)
        if position >= len(sparql):
            continue
        for state, depth in states.items():
            deepest = max(deepest, depth)
            for target, (state_after, depth_after) in _steps(stops, position, state, depth, watch, found):
                live = frontier.setdefault(target, {})
                live[state_after] = max(live.get(state_after, -1), depth_after)
    return Scan(frozenset(found), deepest)


def _steps(stops: _Stops, at: int, state: str, depth: int, watch: frozenset[str],
           found: set[str]) -> list[tuple[int, tuple[str, int]]]:
    """Where the lexer in ``state`` at ``at`` may go next: ``(position, (state, depth))``."""
    text = stops.text
    if state == CODE:
        return _code_steps(text, at, depth, watch, found)
    if state == IRI:
        end = _IRI_BODY.match(text, at).end()
        return [(end + 1, (CODE, depth))] if end < len(text) and text[end] == ">" else []
    if state == COMMENT:
        return [(stops.next("comment", at), (CODE, depth))]
    end = stops.next(state, at)
    quote = state[-1]
    if text.startswith("\\", end):
        return [(end + 2, (state, depth))]
    if state.startswith("long"):
        if text.startswith(quote * 3, end):  # it may close here, or hold a quote or two
            return [(end + 3, (CODE, depth)), (end + 1, (state, depth))]
        return [(end + 1, (state, depth))] if end < len(text) else []
    return [(end + 1, (CODE, depth))] if text.startswith(quote, end) else []


def _code_steps(text: str, at: int, depth: int, watch: frozenset[str],
                found: set[str]) -> list[tuple[int, tuple[str, int]]]:
    char = text[at]
    if char in _OPENERS:
        return [(at + 1, (CODE, depth + 1))]
    if char in _CLOSERS:
        return [(at + 1, (CODE, max(0, depth - 1)))]
    if char in "'\"":
        if text.startswith(char * 3, at):
            return [(at + 3, ("long" + char, depth))]
        return [(at + 1, ("short" + char, depth))]
    if char == "#":
        return [(at + 1, (COMMENT, depth))]
    if char == "<":  # an IRI, or the less-than operator: follow both
        return [(at + 1, (IRI, depth)), (at + 1, (CODE, depth))]
    if char in "?$":
        variable = _VARIABLE.match(text, at)
        return [(variable.end() if variable else at + 1, (CODE, depth))]
    word = _WORD.match(text, at)
    if word:
        if word.group().upper() in watch:
            found.add(word.group().upper())
        return [(word.end(), (CODE, depth))]
    run = _NAME_RUN.match(text, at)
    return [(run.end() if run else at + 1, (CODE, depth))]
