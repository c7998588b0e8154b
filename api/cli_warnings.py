"""What ``rightsgraph ingest`` says about warnings: grouped by kind, with a count and a few
examples each; ``--verbose`` lists every one with its file.

A warning's kind is its message without what varies (a leading participant or file name,
quoted values, numbers):

>>> warning_kind("Qatar: empty declarations block")
'empty declarations block'
>>> warning_kind("signature of 'Chad': date not understood: '3 Fbe 1999'")
"signature of '…': date not understood: '…'"
>>> warning_kind("row has 2 cell(s) more than the header")
'row has N cell(s) more than the header'
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rich.console import Console

__all__ = ["print_warnings", "warning_kind"]

_LEADING_NAME = re.compile(r"^[^:'\"]{1,60}: (?=\S)")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_NUMBER = re.compile(r"\d+")
_EXAMPLES = 3


def warning_kind(message: str) -> str:
    kind = _LEADING_NAME.sub("", message, count=1) if ":" in message else message
    return _NUMBER.sub("N", _QUOTED.sub(lambda m: m.group()[0] + "…" + m.group()[0], kind))


def print_warnings(console: Console, warnings: list[tuple[str, str]], verbose: bool) -> None:
    """``warnings`` as (file name, message): every one when ``verbose``, else one line per
    kind, most frequent first, with the files and a few examples."""
    if not warnings:
        return
    if verbose:
        for source, message in warnings:
            console.print(f"[yellow]warning:[/yellow] {source}: {message}", highlight=False, soft_wrap=True)
        return
    kinds = Counter(warning_kind(message) for _, message in warnings)
    examples: dict[str, list[str]] = defaultdict(list)
    files: dict[str, set[str]] = defaultdict(set)
    for source, message in warnings:
        kind = warning_kind(message)
        files[kind].add(source)
        if len(examples[kind]) < _EXAMPLES and message != kind:
            examples[kind].append(message)
    console.print(f"{len(warnings)} warnings of {len(kinds)} kinds (--verbose lists each):", highlight=False)
    for kind, count in kinds.most_common():
        where = ", ".join(sorted(files[kind])[:_EXAMPLES]) + (" …" if len(files[kind]) > _EXAMPLES else "")
        console.print(f"  {count:>5} × {kind}  [dim]({where})[/dim]", highlight=False, soft_wrap=True)
        for example in examples[kind]:
            console.print(f"          e.g. {example}", highlight=False, soft_wrap=True)
