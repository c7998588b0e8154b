"""SPARQL query text as tokens with their nesting, for rewriting solution modifiers.

A deterministic tokeniser: strings, IRIs, comments, variables, names (keywords, prefixed
names, ``a``), numbers and single punctuation characters, each with its position and the
``{}`` and ``()`` depth it stands at. It reads ``<...>`` without spaces as an IRI, as every
query written with spaces around ``<`` is read by engines too. It is not a security check
(that is :mod:`rightsgraph.graph.store_scan`): a text it misreads only misses a rewrite,
and the engine still parses the query itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Token", "matching_close", "tokens"]

_TOKEN = re.compile(
    r"""(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
          |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
      |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      |(?P<comment>\#[^\n\r]*)
      |(?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
      |(?P<name>(?:[A-Za-z_][\w\-.]*)?:(?:[\w\-.%:]|\\.)*|[A-Za-z_][\w\-]*)
      |(?P<number>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
      |(?P<punct>\S)""",
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``kind`` (string, iri, var, name, number, punct), its text and span, and
    the brace and parenthesis depth it stands at (an opening bracket stands outside itself)."""

    kind: str
    text: str
    start: int
    end: int
    braces: int
    parens: int

    def is_word(self, *words: str) -> bool:
        """Whether this is a bare name equal (case-insensitively) to one of ``words``."""
        return self.kind == "name" and self.text.upper() in words


def tokens(sparql: str) -> list[Token]:
    """The tokens of ``sparql``, comments left out.

    >>> [(t.text, t.braces) for t in tokens("SELECT * { ?s <p> 'a}' } # }")]
    [('SELECT', 0), ('*', 0), ('{', 0), ('?s', 1), ('<p>', 1), ("'a}'", 1), ('}', 0)]
    """
    found: list[Token] = []
    braces = parens = 0
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup or "punct"
        text = match.group()
        if kind == "comment":
            continue
        if text == "}":
            braces = max(0, braces - 1)
        elif text == ")":
            parens = max(0, parens - 1)
        found.append(Token(kind, text, match.start(), match.end(), braces, parens))
        if text == "{":
            braces += 1
        elif text == "(":
            parens += 1
    return found


def matching_close(found: list[Token], index: int) -> int:
    """The index of the bracket closing the one at ``index`` (``len(found)`` if none).

    >>> found = tokens("(a (b) c) d")
    >>> found[matching_close(found, 0)].start
    8
    """
    opener = found[index]
    closer = {"(": ")", "{": "}", "[": "]"}[opener.text]
    level = opener.parens if opener.text == "(" else opener.braces
    for position in range(index + 1, len(found)):
        token = found[position]
        depth = token.parens if opener.text == "(" else token.braces
        if token.text == closer and depth == level:
            return position
    return len(found)
