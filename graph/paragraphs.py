"""A document's paragraphs: the passages search indexes and citations number.

A paragraph is a block of text between blank lines; a block longer than
:data:`MAX_PARAGRAPH` characters (a status table, a text without blank lines) is cut at line
ends so every passage stays a readable snippet. Its number is the one the document prints
("12. The Special Rapporteur ...", as UN reports number their paragraphs), else its ordinal
among the document's paragraphs. Printed numbers are taken only where asked
(``printed_numbers=True``: reports, whose paragraphs are cited by number): a letter's
numbered questions would otherwise clash with the ordinals of its other paragraphs.

>>> [(p.number, p.printed, text[p.start:p.end]) for text in ["Excellency,\\n\\n12. We note.\\n"]
...  for p in paragraphs(text, printed_numbers=True)]
[('1', False, 'Excellency,'), ('12', True, '12. We note.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["MAX_PARAGRAPH", "Paragraph", "paragraphs"]

MAX_PARAGRAPH = 1500
_BLOCK = re.compile(r"\S(?:.|\n(?![ \t\r\f\v]*\n))*", re.UNICODE)
_PRINTED_NUMBER = re.compile(r"(\d{1,4})\.\s")


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    number: str
    printed: bool  # the document prints the number; else it is the ordinal


def _blocks(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _BLOCK.finditer(text):
        start, end = match.start(), len(match.group().rstrip()) + match.start()
        spans.extend(_cut_long(text, start, end))
    return spans


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at line ends into pieces of at most about MAX_PARAGRAPH characters."""
    pieces = []
    while end - start > MAX_PARAGRAPH:
        cut = text.rfind("\n", start, start + MAX_PARAGRAPH)
        if cut <= start:
            cut = start + MAX_PARAGRAPH
        pieces.append((start, len(text[start:cut].rstrip()) + start))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return [p for p in pieces if p[0] < p[1]]


def paragraphs(text: str, printed_numbers: bool = False) -> list[Paragraph]:
    """The paragraphs of ``text`` in order (see the module docstring)."""
    found = []
    for ordinal, (start, end) in enumerate(_blocks(text), 1):
        printed = _PRINTED_NUMBER.match(text, start) if printed_numbers else None
        number = printed.group(1) if printed else str(ordinal)
        found.append(Paragraph(start, end, number, printed is not None))
    return found
