"""Every case-insensitive extractor pattern written as a FoldedPattern
(loaders/extractors/ignorecase.py) finds what ``re.IGNORECASE`` finds, with the same offsets
and groups, whatever the text's case and whatever letters whose lower case is special."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rightsgraph.loaders import extractors
from rightsgraph.loaders.extractors.ignorecase import (
    FoldedPattern,
    _lower_literals,
    _lowered,
)

# Letters whose case rules trip naive lower-casing: two-character lower case (İ), letters
# re equates with another letter (ı ~ i, ſ ~ s, K ~ k), ß, final sigma.
_AWKWARD = ("İ", "ı", "ſ", "K", "ß", "ẞ", "ς", "Σ", "ǅ", "ﬁ", "é", "É", "’", "'", ".", ",", " ", "\n", "  ")


def _folded_patterns() -> list[tuple[str, FoldedPattern]]:
    found = []
    for module_info in pkgutil.iter_modules(extractors.__path__):
        module = importlib.import_module(f"{extractors.__name__}.{module_info.name}")
        found += [(f"{module_info.name}.{name}", value) for name, value in vars(module).items()
                  if isinstance(value, FoldedPattern)]
    return found


PATTERNS = _folded_patterns()


def _words(pattern: str) -> list[str]:
    return sorted(set(re.findall(r"[^\W\d_]{2,}", pattern.replace(r"\s", " "))) - {"P", "s", "w"})


def _cased(word: str) -> st.SearchStrategy[str]:
    odd = word.replace("i", "ı").replace("s", "ſ").replace("k", "K")
    return st.sampled_from((word, word.upper(), word.capitalize(), word.swapcase(), odd))


def _text_for(pattern: str) -> st.SearchStrategy[str]:
    pieces = st.one_of(
        st.sampled_from(_words(pattern)).flatmap(_cased),
        st.sampled_from(_AWKWARD),
        st.from_regex(r"[0-3]?\d|(?:19|20)\d\d", fullmatch=True),
        st.text(max_size=4),
    )
    return st.lists(pieces, max_size=24).map(" ".join)


def _found(matches: Iterable[Any], groups: int) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    """Span and every group's text of each match, re.Match or FoldedMatch alike."""
    return [(m.span(), tuple(m.group(g) for g in range(groups + 1))) for m in matches]


def test_the_extractors_use_folded_patterns() -> None:
    assert len(PATTERNS) >= 15, [name for name, _ in PATTERNS]


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_a_folded_pattern_finds_what_ignorecase_finds(name: str, pattern: FoldedPattern) -> None:
    @settings(max_examples=150, deadline=None)
    @given(text=_text_for(pattern.pattern), start=st.integers(0, 6))
    def check(text: str, start: int) -> None:
        _lowered.cache_clear()
        groups, plain = pattern.insensitive.groups, pattern.insensitive
        assert _found(pattern.finditer(text), groups) == _found(plain.finditer(text), groups)
        assert _found(filter(None, [pattern.search(text, start)]), groups) == _found(
            filter(None, [plain.search(text, start)]), groups)
        assert _found(filter(None, [pattern.match(text)]), groups) == _found(
            filter(None, [plain.match(text)]), groups)

    check()


@pytest.mark.parametrize("text", [
    "Ratified by İstanbul",  # lower case is one character longer
    "ratıfied by Chile",  # dotless i matches i case-insensitively
    "ratified by Chile",
    "RATIFIED BY CHILE",
])
def test_awkward_letters_give_the_case_insensitive_answer(text: str) -> None:
    pattern = FoldedPattern(r"ratified\s+by\s+(?P<who>\w+)")
    assert _found(pattern.finditer(text), 1) == _found(pattern.insensitive.finditer(text), 1)


@pytest.mark.parametrize("pattern", [r"(?-i:Ab)", r"(?(1)a|b)", "Ǆ"])
def test_patterns_it_cannot_fold_are_refused(pattern: str) -> None:
    with pytest.raises(ValueError, match="FoldedPattern"):
        _lower_literals(pattern)
