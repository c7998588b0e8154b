"""What kind of document this is, its date, and a letter's questions and response deadline.

Ontology terms produced: ``rg:Communication`` / ``rg:Reply`` / ``rg:Report`` (the class),
``dcterms:date``, ``rg:Question``, ``rg:responseDeadlineDays``.
"""

from __future__ import annotations

import re

from rightsgraph.loaders.extractors.dates import FULL_DATE_RE, DateMatch, find_dates
from rightsgraph.loaders.extractors.ignorecase import FoldedPattern
from rightsgraph.loaders.extractors.references import own_reference
from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.facts import DocumentKind, Question

REPORT_HEAD_RE = FoldedPattern(
    r"(?:^|\n)\s*(?:United\s+Nations\s+)?(?:A|E|S)/(?:HRC/)?\d+/\d+|Distr\.?\s*:|General\s+Assembly|Human\s+Rights\s+Council\b.{0,40}session",
)
REPLY_RE = re.compile(
    r"Note\s+[Vv]erbale|presents\s+its\s+compliments|has\s+the\s+honou?r\s+to\s+(?:submit|transmit|forward|refer)"
    r"|in\s+(?:reply|response)\s+to\s+(?:the\s+|your\s+)?(?:joint\s+)?(?:communication|letter)"
    r"|response\s+to\s+(?:the\s+)?communication|I\s+am\s+responding\s+to\s+your\s+letter"
    r"|[Ww]ith\s+reference\s+to\s+(?:the\s+|your\s+)?(?:joint\s+)?(?:communication|letter)"
    r"|Nota\s+[Vv]erbal|saluda\s+atentamente|présente\s+ses\s+compliments",
)
LETTER_RE = re.compile(
    r"Mandates?\s+of\s+the|We\s+have\s+the\s+honou?r\s+to\s+address\s+you|in\s+our\s+capacities\s+as"
    r"|Mandats?\s+d(?:e|u|es)\s|Mandatos?\s+d(?:e|el)\s|Tenemos\s+el\s+honor\s+de\s+dirigirnos"
    r"|Nous\s+avons\s+l['’]honneur\s+de\s+nous\s+adresser"
)
STANDALONE_DATE_RE = FoldedPattern(
    r"^[ \t*]*(?:[A-Z][a-zé]+(?:[ \t][A-Z][a-zé]+)?,[ \t]*)?(?:le[ \t]+)?(?P<date>" + FULL_DATE_RE.pattern + r")[ \t*.]*$", re.MULTILINE,
)
DISTR_DATE_RE = FoldedPattern(r"Distr\.?\s*:?\s*\w+\s+(?P<date>" + FULL_DATE_RE.pattern + ")")
DEADLINE_RE = FoldedPattern(
    r"(?:response|reply|answer)\s+within\s+(?P<days>\d{1,3})\s+days|within\s+(?P<days2>\d{1,3})\s+days"
    r"|(?:plazo\s+de|délai\s+de)\s+(?P<days3>\d{1,3})\s+(?:días|jours)",
)
QUESTIONS_START_RE = FoldedPattern(
    r"(?:following\s+matters|following\s+questions|siguientes\s+(?:asuntos|cuestiones|puntos)"
    r"|(?:questions|points)\s+suivants?)\s*:",
)
QUESTION_RE = re.compile(r"^[ \t]*(?:[-*][ \t]*)?(?P<number>\d{1,2})[.)][ \t]+(?P<text>\S[^\n]*)$", re.MULTILINE)


def classify(text: str) -> DocumentKind:
    """communication, reply, report or unknown, from the document's own markers.

    >>> classify("Mandates of the Special Rapporteur on torture\\n\\nREFERENCE: UA SYR 3/2014")
    'communication'
    """
    head = text[:4000]
    is_letter = bool(LETTER_RE.search(head[:1500]))
    if is_letter and own_reference(text) is not None:
        return "communication"
    if REPORT_HEAD_RE.search(head[:1500]) and re.search(r"\b[Rr]eport\b", head):
        return "report"
    if REPLY_RE.search(head):
        return "reply"
    if is_letter:
        return "communication"
    if own_reference(text) is not None:
        return "communication"
    return "unknown"


def _first_standalone(text: str, start: int = 0, end: int | None = None) -> DateMatch | None:
    for match in STANDALONE_DATE_RE.finditer(text, start, len(text) if end is None else end):
        dates = find_dates(text, match.start("date"), match.end("date") + 1)
        if dates:
            return dates[0]
    return None


def document_date(text: str, kind: DocumentKind, after: int = 0) -> DateMatch | None:
    """The date of the document: a report's "Distr." date, else the first date standing on a
    line of its own (or "Geneva, 17 June 2021") after ``after``; else the first date."""
    if kind == "report":
        distr = DISTR_DATE_RE.search(text, 0, 3000)
        if distr:
            return find_dates(text, distr.start("date"), distr.end("date") + 1)[0]
    found = _first_standalone(text, after) or _first_standalone(text)
    if found:
        return found
    dates = find_dates(text, 0, 5000)
    return dates[0] if dates else None


def response_deadline(text: str) -> int | None:
    match = DEADLINE_RE.search(text)
    return int(match["days"] or match["days2"] or match["days3"]) if match else None


def find_questions(text: str) -> list[Question]:
    """The numbered questions after "... on the following matters:"."""
    start = QUESTIONS_START_RE.search(text)
    if not start:
        return []
    out: list[Question] = []
    for match in QUESTION_RE.finditer(text, start.end()):
        number = int(match["number"])
        if number != len(out) + 1:
            if out:
                break
            continue
        out.append(Question(number, match["text"].strip(), evidence(text, match.start("text"), match.end("text"))))
    return out
