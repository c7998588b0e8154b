"""The anchored name scan (loaders/reference/textscan.py) finds exactly what the full pattern
finds at every position, whatever the text: it only skips positions no name can start at."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rightsgraph.loaders.extractors.companies import PLATFORM_RE, PLATFORMS
from rightsgraph.loaders.reference.instruments import _anchored_names, instrument_name_pattern
from rightsgraph.loaders.reference.textscan import AnchoredPattern, word_starts

_PIECES = (
    "the Convention on the Rights of the Child", "Convention on the Rights of the Child", "CRC", "the Covenant",
    "International Covenant on Civil and Political Rights", "Optional Protocol", "Guiding Principles",
    "Convención sobre los Derechos del Niño", "Pacte international", "TikTok", "Facebook", "Meta Platforms",
    "Instagram", "the", "The", "THE", "Straße", "STRASSE", "ﬁ", "İstanbul", "Σ", "ς", "ͅ", "_", "é", "—",
    " ", "\n", ", ", ".", "(", ")", "-", "x",
)
TEXT = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=8)), max_size=30).map("".join)


def _spans(matches) -> list[tuple[int, int, str]]:  # noqa: ANN001 - re.Match iterators
    return [(m.start(), m.end(), m.group()) for m in matches]


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_instrument_names_are_found_as_by_the_full_pattern(text: str) -> None:
    word_starts.cache_clear()
    assert _spans(_anchored_names().finditer(text)) == _spans(
        m for m in instrument_name_pattern().finditer(text) if m.end() > m.start())


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_platform_names_are_found_as_by_the_full_pattern(text: str) -> None:
    word_starts.cache_clear()
    assert _spans(AnchoredPattern(PLATFORM_RE, PLATFORMS).finditer(text)) == _spans(PLATFORM_RE.finditer(text))


def test_a_leading_word_is_tried_only_before_a_name() -> None:
    scan = AnchoredPattern(re.compile(r"(?i:(?:the\s+)?united\s+kingdom)"), ["United Kingdom"], ["the"])
    assert _spans(scan.finditer("the end, the United Kingdom")) == [(9, 27, "the United Kingdom")]
