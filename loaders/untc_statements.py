"""A participant's declarations block split into its statements, as a treaty lawyer reads it.

A UNTC block holds everything a State deposited for one instrument: reservations, declarations,
understandings, objections and withdrawals, often glued together ("...children.Declarations:
Concerning article 1 ..."). :func:`split_statements` cuts it where the text itself starts
something new, in this order of strength:

1. a label (``Reservation:``, ``Declarations:``, ``Understanding:``, ``Objection:``); it gives
   the kind of every statement after it up to the next label or the next entry;
2. a new entry: a closing quote followed by an opening one (``...1950."2.`` is not one,
   ``...territories.""The United Kingdom`` is);
3. an item marker after a sentence end or at the start (``1.``, ``2)``, ``(a)``, ``(ii)``,
   ``A.``, ``- ``) or an ``Article 7:`` heading;
4. a sentence that opens a statement of its own - it names an article as its topic
   ("Concerning article 38 ...", "With respect to article 10 ...") or makes its own
   reservation, declaration, objection or withdrawal, or names the State as its subject - after
   a statement that already made one. A sentence that continues ("Such a prohibition ...",
   "In particular, ...", "However, ...") stays with the statement before it.

Per statement, :func:`linked_and_mentioned` tells the articles the statement limits or
interprets (linked) from those it only mentions: an article introduced as the reason or the
frame ("by virtue of article 41", "incompatible with article 3", "in accordance with article
51") or named in a later sentence of a statement that already named its own articles is a
mention. :func:`territories` reads the territories a statement is made for and those it
excludes ("in respect of each of its dependent territories except Hong Kong and Pitcairn").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rightsgraph.loaders.facts import Evidence, PartialDate
from rightsgraph.loaders.reference.states import resolve_state_name, states_in_text
from rightsgraph.loaders.untc_dates import find_dates
from rightsgraph.loaders.untc_layouts import trimmed
from rightsgraph.loaders.untc_statement_kinds import (
    DeclarationKind,
    article_references,
)

__all__ = ["StatementSpan", "linked_and_mentioned", "objection_targets", "split_statements", "territories"]


@dataclass(frozen=True, slots=True)
class StatementSpan:
    """One statement of a block: its passage, the label the text gives it, if any, and the
    action it was made upon when a heading says so ("Upon signature:")."""

    evidence: Evidence
    label: DeclarationKind | None
    made_upon: str | None = None


_LABEL = re.compile(
    r"(?:(?<=^)|(?<=[.;:\"”)\s]))(?:Interpretative\s+)?"
    r"(?P<word>Reservation|Declaration|Understanding|Objection|Withdrawal)s?"
    r"(?:\s+and\s+(?:interpretative\s+)?(?:reservation|declaration|understanding)s?)?\s*:",
)
_ENTRY = re.compile(r"[\"”]\s*[\"“]")
_OCCASION = re.compile(r"\b(?:Upon|On)\s+(?P<kind>signature|ratification|accession|succession)\s*:")
# "art. 37)", "para. 2." are references, not item markers
_ABBREVIATION_BEFORE = re.compile(r"\b(?:arts?|paras?|nos?|Arts?|Paras?|Nos?)\.\s*$")
_ITEM = re.compile(
    r"(?:(?<=^)|(?<=[.;:\"“”]))\s*(?:\(?\d{1,2}[.)](?!\d)|\(?[a-h][.)]|\([ivx]{1,4}\)|[A-D]\.(?=\s*[A-Z])"
    r"|-\s+(?=[A-Z])|Article\s+\d{1,3}(?:\s*\([a-z]\))?\s*:)"
)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]'’])\.[\"”]?(?=\s*[\"“]?[A-Z])|(?<=[a-z)])\.\s+(?=[A-Z])")
_CONTINUATION = re.compile(
    r"^[\"“\s]*(?:In\s+particular|However|Such|This|These|That|Those|It|They|Its|Also|Moreover|Furthermore"
    r"|Accordingly|Nevertheless|In\s+any\s+event|Consequently|Therefore|Thus|For\s+example|Hence"
    r"|In\s+addition|Subsequently|Furthermore)\b"
)
_ARTICLE_TOPIC = re.compile(
    r"^[\"“\s]*(?:Concerning|With\s+(?:regard|respect|reference)\s+to|In\s+respect\s+of|As\s+regards"
    r"|Regarding|In\s+relation\s+to|In\s+applying)\b[^.]{0,60}?\barticles?\b",
    re.IGNORECASE,
)
_OPERATIVE = re.compile(
    r"\breserves?\s+(?:the|its)\s+right\b|\bdeclares?\b|\bunderstands?\b|\binterprets?\b|\bobjects?\s+to\b"
    r"|\bwithdraw|\bconstrues?\b|\b(?:does\s+not\s+)?considers?\s+itself\b|\bnot\s+(?:to\s+)?be\s+bound\b"
    r"|\b(?:enters?|expresses?|makes?|with)\s+(?:a\s+|its\s+)?(?:similar\s+|general\s+)?reservations?\b"
    r"|\bshall\s+not\s+(?:apply|be\s+binding)\b|\b(?:will|shall)\s+(?:only\s+)?be\s+applied\b"
    r"|\bwill\s+seek\s+to\s+apply\b|\bshall\s+fulfil\b",
    re.IGNORECASE,
)
_REASON_BEFORE = re.compile(
    r"(?:by\s+virtue\s+of|in\s+accordance\s+with|pursuant(?:\s+then)?\s+to|(?:in)?compatible\s+with"
    r"|consistent\s+with|in\s+conformity\s+with|in\s+the\s+light\s+of|as\s+recognized\s+in"
    r"|purposes\s+and\s+intent\s+of|as\s+(?:set\s+out|laid\s+down)\s+in)"
    r"\s+(?:the\s+)?(?:provisions?\s+of\s+)?(?:paragraph\s+\S+\s+of\s+)?"
    r"(?:articles?\s+\d+(?:\s*\(\w+\))*\s*(?:,|and)\s*)*$",
    re.IGNORECASE,
)
_STRIP = " \t\r\n\"“”'`"


def split_statements(text: str, body: Evidence) -> list[StatementSpan]:
    """The statements of the block whose text is ``body`` (a span of ``text``), in order.

    Each statement's evidence is a span of ``text`` without surrounding quotes and labels.
    """
    segment = text[body.start : body.end]
    labels = {m.start(): m for m in _LABEL.finditer(segment)}
    occasions = {m.start(): m for m in _OCCASION.finditer(segment)}
    cuts = sorted({*_hard_cuts(segment, labels), *occasions})
    statements: list[StatementSpan] = []
    label: DeclarationKind | None = None
    made_upon: str | None = None
    for index, start in enumerate(cuts):
        end = cuts[index + 1] if index + 1 < len(cuts) else len(segment)
        if start in occasions:
            made_upon, label = occasions[start].group("kind"), None
            start = occasions[start].end()
            if start >= end:  # "Upon ratification:Declarations:" - the label follows
                continue
        if start in labels:
            label = labels[start].group("word").lower()  # type: ignore[assignment]
            start = labels[start].end()
        elif _ENTRY.match(segment, start):
            label = None
        for piece_start, piece_end in _sentence_groups(segment, start, end):
            span = _stripped(text, body.start + piece_start, body.start + piece_end)
            if span is not None:
                statements.append(StatementSpan(span, label, made_upon))
    return statements


def _hard_cuts(segment: str, labels: dict[int, re.Match[str]]) -> list[int]:
    """Where labels, entries and item markers start (always 0 first)."""
    cuts = {0, *labels}
    cuts.update(m.start() for m in _ENTRY.finditer(segment))
    label_ends = {m.end() for m in labels.values()}
    for item in _ITEM.finditer(segment):
        if any(m.start() <= item.start() < m.end() for m in labels.values()):
            continue
        before = segment[: item.start()].rstrip(_STRIP)
        if before.endswith(":") and len(before) not in label_ends:
            continue  # a sub-item of the list the statement announces ("means that:")
        if _ABBREVIATION_BEFORE.search(segment[max(0, item.start() - 8) : item.start()]):
            continue
        cuts.add(item.start())
    return sorted(cuts)


def _sentence_groups(segment: str, start: int, end: int) -> list[tuple[int, int]]:
    """The statements within ``segment[start:end]``: sentences grouped by :func:`_opens_statement`."""
    bounds = [start] + [m.end() for m in _SENTENCE_END.finditer(segment, start, end)] + [end]
    groups: list[tuple[int, int]] = []
    group_start = start
    for left, right in zip(bounds, bounds[1:]):
        current = segment[group_start:left]
        sentence = segment[left:right]
        topic = _ARTICLE_TOPIC.match(sentence) is not None
        if left > group_start and (topic or _OPERATIVE.search(current)) and _opens_statement(sentence):
            groups.append((group_start, left))
            group_start = left
    groups.append((group_start, end))
    return groups


def _opens_statement(sentence: str) -> bool:
    if _CONTINUATION.match(sentence):
        return False
    if _ARTICLE_TOPIC.match(sentence) or _OPERATIVE.search(sentence):
        return True
    opening = sentence[:60]
    return "Government" in opening or bool(states_in_text(opening))


def _stripped(text: str, start: int, end: int) -> Evidence | None:
    """The span without quotes, whitespace or a lone item marker around it; None if nothing is left."""
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    span = trimmed(text, start, end)
    return span if re.search(r"[A-Za-z]{3}", span.text) else None


def linked_and_mentioned(
    statement: str, instrument: str, *, objection: bool = False
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The instrument's articles the statement limits or interprets, and those it only mentions.

    An objection's articles are those of the reservations it objects to, wherever it names them.

    >>> linked_and_mentioned("Concerning article 38 of the Convention, X declares that ... "
    ...     "Such a prohibition exists in its law which, by virtue of article 41 of the "
    ...     "Convention, it shall continue to apply.", "CRC")
    (('38',), ('41',))
    """
    linked: dict[str, None] = {}
    mentioned: dict[str, None] = {}
    sentence_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(statement)]
    for number, position in article_references(statement, instrument):
        sentence = max(s for s in sentence_starts if s <= position)
        own_sentence = statement[sentence : _sentence_end(statement, sentence_starts, sentence)]
        later_sentence = (
            not objection and sentence > 0 and bool(linked) and not _OPERATIVE.search(own_sentence)
        )
        if _REASON_BEFORE.search(statement[max(0, position - 80) : position]) or later_sentence:
            mentioned[number] = None
        else:
            linked[number] = None
    return tuple(linked), tuple(n for n in mentioned if n not in linked)


def _sentence_end(statement: str, starts: list[int], start: int) -> int:
    later = [s for s in starts if s > start]
    return later[0] if later else len(statement)


_NAME = r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_NAMES = rf"{_NAME}(?:\s*,\s*{_NAME})*\s+and\s+{_NAME}|{_NAME}"
_DEPENDENT = (
    r"(?:each\s+of\s+|all\s+(?:of\s+)?)?(?:its|the)\s+(?:other\s+)?"
    r"(?P<group>dependent|overseas|non-metropolitan)\s+territories"
)
_APPLIES = re.compile(rf"\b(?i:in)\s+respect\s+(?:of|to)\s+(?:{_DEPENDENT}|(?P<names>{_NAMES}))")
_EXCEPT = re.compile(rf"\bexcept\s+(?P<names>{_NAMES})")


def territories(statement: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The territories a statement is made for, and those it excludes.

    >>> territories("The United Kingdom, in respect of each of its dependent territories "
    ...             "except Hong Kong and Pitcairn, reserves the right to apply article 32")
    (('dependent territories',), ('Hong Kong', 'Pitcairn'))
    >>> territories("In respect of Hong Kong, the United Kingdom reserves the right ...")
    (('Hong Kong',), ())
    """
    applies: dict[str, None] = {}
    for match in _APPLIES.finditer(statement):
        if match.group("group"):
            applies[f"{match.group('group')} territories"] = None
        else:
            applies.update(dict.fromkeys(_territory_names(match.group("names"))))
    excluded: dict[str, None] = {}
    for match in _EXCEPT.finditer(statement):
        excluded.update(dict.fromkeys(_territory_names(match.group("names"))))
    return tuple(applies), tuple(excluded)


def _territory_names(names: str) -> list[str]:
    """Names of a list ("Hong Kong and the Cayman Islands"), States and pronouns left out."""
    found = []
    for name in re.split(r"\s*,\s*|\s+and\s+", names):
        name = re.sub(r"^the\s+", "", name.strip())
        if name and resolve_state_name(name) is None and name not in {"It", "Its", "The"}:
            found.append(name)
    return found


_TARGET = re.compile(
    r"(?:(?P<date>\d{1,2}\s+[A-Z][a-z]+\s+\d{4})\s*:\s*)?"
    r"(?:with\s+regard\s+to|objects?\s+to|in\s+respect\s+of)\s+the\s+(?:\w+\s+)?reservations?\s+"
    r"(?:\w+\s+){0,3}?(?:made|formulated|entered)\s+by\s+(?:the\s+Government\s+of\s+)?(?P<name>[^;,.:]{2,80}?)"
    r"\s+(?:upon|on|at|when)\b",
)


def objection_targets(text: str, start: int) -> list[tuple[str, PartialDate | None, Evidence]]:
    """``(ISO alpha-3, date or None, evidence)`` for each State whose reservations the
    objection at ``text[start:]`` names; offsets are into ``text``.

    >>> [(s, d.iso()) for s, d, _ in objection_targets(
    ...     "-26 August 1992: with regard to the reservations made by Jordan upon ratification", 0)]
    [('JOR', '1992-08-26')]
    """
    found = []
    for match in _TARGET.finditer(text, start):
        states = states_in_text(match.group("name"))
        if not states:
            continue
        dates = find_dates(match.group("date") or "")
        found.append((
            states[0][0].iso3,
            dates[0].date if dates else None,
            Evidence(match.start(), match.end(), match.group()),
        ))
    return found
