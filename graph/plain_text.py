"""Document text as a reader sees it: the Markdown markup some sources carry (the seeds and
treaty texts are Markdown, converted from PDF) taken out for display. Quotes in JSON stay
exact; pages, briefs and snippets show this.

>>> strip_markdown("#### Summary")
'Summary'
>>> strip_markdown("the **Convention on the Rights of the Child**[^4] and [the Protocol](https://x.org/p)")
'the Convention on the Rights of the Child and the Protocol'
>>> strip_markdown("- **Robust** age verification\\n> quoted")
'Robust age verification\\nquoted'
>>> strip_markdown("A/79/122 and 5 * 3 = 15")
'A/79/122 and 5 * 3 = 15'
"""

from __future__ import annotations

import re

__all__ = ["strip_markdown"]

_LINE_MARKS = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+(?=\S)|>[ \t]?)", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]+\)")
_STRAY_MARKS = re.compile(r"\*\*|__|#{2,}")


def strip_markdown(text: str) -> str:
    """``text`` without heading, list and quote marks, emphasis, footnote references and link
    targets (the link text stays)."""
    text = _FOOTNOTE_REF.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _LINE_MARKS.sub("", text)
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    return _STRAY_MARKS.sub("", text)
