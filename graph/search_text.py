"""What search does with words: stemming for English, French and Spanish, the user's text
turned into a safe FTS5 query, and highlighted snippets.

What the user types is text: every run of characters between spaces is a phrase of its
words ("A/79/122" is the phrase ``a 79 122``), text in double quotes is one phrase (a
missing closing quote ends at the end), and all of them must occur. Nothing the user types
reaches FTS5 as syntax: every token is written as a quoted string.

>>> parse_terms('age verification "live video" A/79/122')
[('age',), ('verification',), ('live', 'video'), ('a', '79', '122')]
>>> stem_token("verifications", "en"), stem_token("vérifications", "fr"), stem_token("verificaciones", "es")
('verif', 'verif', 'verif')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

import snowballstemmer

__all__ = ["LANGUAGES", "highlight", "match_expression", "parse_terms", "stem_text", "stem_token"]

LANGUAGES = {"en": "english", "fr": "french", "es": "spanish"}
_TOKEN = re.compile(r"\w+", re.UNICODE)
_CHUNK = re.compile(r'"([^"]*)"?|([^\s"]+)')
_SNIPPET = 320  # characters of a long passage shown around its first match


@functools.cache
def _stemmer(language: str) -> Any:
    return snowballstemmer.stemmer(LANGUAGES[language])


def _fold(word: str) -> str:
    """Lower case without diacritics (the stemmers see accents; the index does not)."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def stem_token(token: str, language: str) -> str:
    """The stem of one word in ``language`` (``en``, ``fr``, ``es``), folded."""
    return _fold(_stemmer(language).stemWord(token.casefold()))


def stem_text(text: str, language: str) -> str:
    """``text`` as its stems in order, for the index column of ``language``."""
    return " ".join(stem_token(token, language) for token in _TOKEN.findall(text))


def parse_terms(query: str) -> list[tuple[str, ...]]:
    """The phrases the user asked for, each a tuple of its words (see the module docstring)."""
    terms = []
    for match in _CHUNK.finditer(query):
        words = tuple(token.casefold() for token in _TOKEN.findall(match.group(1) or match.group(2) or ""))
        if words:
            terms.append(words)
    return terms


def match_expression(terms: list[tuple[str, ...]]) -> str:
    """The FTS5 MATCH expression: every phrase, stemmed, in any one language's column.

    >>> match_expression([("children",)])
    '{en} : ("children") OR {fr} : ("children") OR {es} : ("childr")'
    """
    per_language = []
    for language in LANGUAGES:
        phrases = " AND ".join('"' + " ".join(stem_token(w, language) for w in words) + '"' for words in terms)
        per_language.append(f"{{{language}}} : ({phrases})")
    return " OR ".join(per_language)


def _query_stems(terms: list[tuple[str, ...]]) -> set[str]:
    return {stem_token(word, language) for words in terms for word in words for language in LANGUAGES}


def highlight(text: str, terms: list[tuple[str, ...]]) -> list[dict[str, Any]]:
    """``text`` (cut around the first match when long) as segments, the matching words with
    ``mark: true``: a word matches when one of its stems is a stem of a query word."""
    stems = _query_stems(terms)
    marks = [m.span() for m in _TOKEN.finditer(text)
             if any(stem_token(m.group(), language) in stems for language in LANGUAGES)]
    start, end = _window(text, marks)
    segments: list[dict[str, Any]] = [{"text": "…", "mark": False}] if start > 0 else []
    position = start
    for low, high in marks:
        if low < start or high > end:
            continue
        segments.append({"text": text[position:low], "mark": False})
        segments.append({"text": text[low:high], "mark": True})
        position = high
    segments.append({"text": text[position:end] + ("…" if end < len(text) else ""), "mark": False})
    return [s for s in segments if s["text"]]


def _window(text: str, marks: list[tuple[int, int]]) -> tuple[int, int]:
    if len(text) <= _SNIPPET:
        return 0, len(text)
    first = marks[0][0] if marks else 0
    start = max(0, first - _SNIPPET // 3)
    space = text.find(" ", start) if start else 0
    start = space + 1 if 0 < space < first else start
    end = min(len(text), start + _SNIPPET)
    space = text.rfind(" ", start, end)
    return start, space if end < len(text) and space > first else end
