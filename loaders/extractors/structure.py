"""What kind of document this is, its date, and a letter's questions and response deadline.

Ontology terms produced: ``rg:Communication`` / ``rg:Reply`` / ``rg:Report`` (the class),
``dcterms:date``, ``rg:Question``, ``rg:responseDeadlineDays``.
"""

from __future__ import annotations

import re

from rightsgraph.loaders.extractors.dates import (
    FULL_DATE_RE,
    MONTH_WORD,
    DateMatch,
    find_dates,
    in_date_range,
    is_crawl_date,
)
from rightsgraph.loaders.extractors.ignorecase import FoldedPattern
from rightsgraph.loaders.extractors.references import own_reference
from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.facts import DocumentKind, Question

REPORT_HEAD_RE = FoldedPattern(
    r"(?:^|\n)\s*(?:United\s+Nations\s+|Nations\s+Unies\s+|Naciones\s+Unidas\s+)?(?:A|E|S)/(?:HRC/)?\d+/\d+"
    r"|(?:^|\n)\s*(?:United\s+Nations\s+)?(?:CRC|CCPR|CEDAW|CERD|CAT|CRPD|CMW|CED|E/C\.12)/C/"
    r"|E/CN\.4/\d|A/HRC/(?:WGAD|RES)/|Distr\.?\s*:|General\s+Assembly|Asamblea\s+General|Assemblée\s+générale"
    r"|Human\s+Rights\s+Council\b\s*.{0,40}session|Conseil\s+des\s+droits\s+de\s+l['’]homme\s*.{0,40}session"
    r"|Consejo\s+de\s+Derechos\s+Humanos\s*.{0,40}per[ií]odo\s+de\s+sesiones",
)
# The words by which a UN document names its genre: reports, treaty bodies' concluding
# observations, Working Group opinions, Council resolutions, States' comments on a report.
REPORT_GENRE_RE = FoldedPattern(
    r"\b(?:reports?|rapports?|informes?|concluding\s+observations|observations\s+finales"
    r"|observaciones\s+finales|opinions?\s+(?:no\.|adopted)|avis\s+(?:n[o°]|adoptés?)"
    r"|opini[oó]n(?:es)?\s+(?:n[uú]m|aprobad)|resolution\s+adopted|résolution\s+adoptée"
    r"|resolución\s+aprobada|comments\s+(?:by|of)\s+the\s+State|observations\s+de\s+l['’]État"
    r"|observaciones\s+del\s+Estado)\b",
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
# A date alone on its line ("Geneva, 17 June 2021", "le 2 mars 2018"), or followed on the
# same line by the salutation, as scraped letters run them together ("31 January 2014
# Excellency,", "13 août 2013 Excellence, Nous avons ...").
STANDALONE_DATE_RE = FoldedPattern(
    r"^[ \t*]*(?:[A-Z][a-zé]+(?:[ \t][A-Z][a-zé]+)?,[ \t]*)?(?:le[ \t]+)?(?P<date>" + FULL_DATE_RE.pattern + r")[ \t*.]*"
    r"(?:$|(?:Your[ \t]+)?Excellen(?:cy|ce|cia)\b)", re.MULTILINE,
)
# The letter's own date line written without a year ("29 May Excellency," in a scrape).
YEARLESS_DATE_LINE_RE = FoldedPattern(
    r"^[ \t*]*(?:le[ \t]+)?[0-3]?\d(?:er|st|nd|rd|th)?[ \t]*(?:de[ \t]+)?" + MONTH_WORD
    + r"[ \t*.]*(?:$|(?:Your[ \t]+)?Excellen(?:cy|ce|cia)\b)", re.MULTILINE,
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
    if REPORT_HEAD_RE.search(head[:1500]) and REPORT_GENRE_RE.search(head):
        return "report"
    if REPLY_RE.search(head):
        return "reply"
    if is_letter:
        return "communication"
    if own_reference(text) is not None:
        return "communication"
    return "unknown"


def _usable(text: str, found: DateMatch) -> bool:
    """A date that can be the document's: not a range's end and not a site's crawl date."""
    return not in_date_range(text, found) and not is_crawl_date(text, found.start)


def _first_standalone(text: str, start: int = 0, end: int | None = None) -> DateMatch | None:
    for match in STANDALONE_DATE_RE.finditer(text, start, len(text) if end is None else end):
        dates = find_dates(text, match.start("date"), match.end("date") + 1)
        if dates and _usable(text, dates[0]):
            return dates[0]
    return None


def document_date(text: str, kind: DocumentKind, after: int = 0) -> DateMatch | None:
    """The date of the document: a report's "Distr." date, else the first date standing on a
    line of its own (or "Geneva, 17 June 2021", or before "Excellency,") after ``after``;
    else, for letters and replies, the first date. Ranges ("du 12 au 16 mars 2018") date a
    period, not the document, and a scraping site's crawl date is not the document's; a
    date without a year ("29 May") is no date: the result is then None, never a guess."""
    if kind == "report":
        distr = DISTR_DATE_RE.search(text, 0, 3000)
        if distr:
            return find_dates(text, distr.start("date"), distr.end("date") + 1)[0]
    found = _first_standalone(text, after) or _first_standalone(text)
    if found or kind == "report" or YEARLESS_DATE_LINE_RE.search(text, 0, 5000):
        return found
    return next((d for d in find_dates(text, 0, 5000) if _usable(text, d)), None)


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
