"""What a participant's statement is (its kind) and which of the instrument's articles it names.

Shared by the UNTC declarations loader (:mod:`rightsgraph.loaders.untc_declarations`) and the
splitting of a participant's block into statements (:mod:`rightsgraph.loaders.untc_statements`).

The kind is read from the wording (the first rule that applies wins):

1. a leading label (``Reservation:``, ``Declarations:``, ``Understanding:``, ``Objection:``),
   or the page's label;
2. ``objection``: "objects to", "objection to", "raises an objection";
3. ``withdrawal``: "withdraws", "withdrawal of" a reservation (whole or partial);
   ``modification``: "modifies", "modification of" a reservation;
4. ``declaration``: "reserves the right to formulate/make/extend ..." (a statement about
   reservations or territories to come, not a reservation);
5. ``reservation``: "reserves the right", "does not consider itself bound", "not be bound
   by", "will be applied provided", "shall fulfil its obligations ... under the prerequisite
   that", or the word "reservation(s)" - except "has entered a reservation", which reports one
   made to another instrument (Argentina's OPSC text);
6. ``understanding`` or ``declaration``, whichever cue comes first: "understands",
   "understanding", "is understood" / "declares", "declaration", "interprets", "construes";
7. otherwise ``declaration``.

The articles named ("article 14", "articles 8 and 9", "article 2 (c)", "paragraph 1 of
article 3", "Article 3(1)(a)(ii)", "articles 8 to 10") are kept when the text ties them to
this instrument - not "of the Charter", "of the Constitution", "concerning family planning of
the Constitution", "article 10 and article 11 of the European Convention" or "of" another
named instrument - and when ``provision_exists`` says the instrument has them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from rightsgraph.loaders.reference.instruments import instruments_in_text, provision_exists

__all__ = ["DeclarationKind", "article_references", "articles_named", "infer_kind"]

DeclarationKind = Literal[
    "reservation", "declaration", "objection", "understanding", "withdrawal", "modification"
]


# --- kinds ------------------------------------------------------------------------------

_LABEL_WORDS: dict[str, DeclarationKind] = {
    "reservation": "reservation",
    "declaration": "declaration",
    "understanding": "understanding",
    "objection": "objection",
    "withdrawal": "withdrawal",
}
_LEADING_LABEL = re.compile(
    r"^\W{0,3}(reservation|declaration|understanding|objection|withdrawal)s?\s*:", re.IGNORECASE
)
_OBJECTION = re.compile(
    r"\bobjects?\s+to\b|\bobjection\s+to\b|\braises?\s+(?:an?\s+)?objection", re.I
)
_WITHDRAWAL = re.compile(
    r"\bwithdraws?\s+(?:\w+\s+){0,4}reservations?\b|\bwithdrawal\s+(?:\w+\s+){0,8}of\s+(?:\w+\s+){0,3}"
    r"reservations?\b",
    re.IGNORECASE,
)
_MODIFICATION = re.compile(
    r"\bmodif(?:y|ies|ied|ication)\s+(?:\w+\s+){0,4}?(?:of\s+)?(?:\w+\s+){0,3}?reservations?\b", re.IGNORECASE
)
# reserving a right to act later (formulate reservations, extend to territories) is a
# declaration about the future, not a reservation
_FUTURE_RIGHT = re.compile(
    r"\b(?:reserves?|preserves?)\s+(?:the|its)\s+right\s+to\s+(?:formulate|make|express|extend|enter)\b",
    re.IGNORECASE,
)
_RESERVATION_ACT = re.compile(
    r"\breserves?\s+(?:the|its)\s+right\b|\bdoes\s+not\s+consider\s+itself\s+bound\b"
    r"|\bconsiders?\s+itself\s+not\s+bound\b|\bnot\s+(?:to\s+)?be\s+bound\s+by\b"
    r"|\bshall\s+not\s+be\s+binding\b"
    r"|\b(?:will|shall)\s+(?:only\s+)?be\s+applied\s+(?:only\s+)?(?:provided|to\s+the\s+extent|in\s+so\s+far|insofar)\b"
    r"|\bunder\s+the\s+prerequisite\s+that\b|\bon\s+(?:the\s+)?condition\s+that\b",
    re.IGNORECASE,
)
_RESERVATION = re.compile(rf"{_RESERVATION_ACT.pattern}|\breservations?\b", re.IGNORECASE)
_REPORTED_RESERVATION = re.compile(
    r"\b(?:has|have|had)\s+(?:entered|made|formulated)\s+(?:a\s+|the\s+)?reservations?\b", re.I
)
_UNDERSTANDING = re.compile(r"\bunderstands?\b|\bunderstanding\b|\bis\s+understood\b", re.I)
_DECLARATION = re.compile(r"\bdeclares?\b|\bdeclarations?\b|\binterprets?\b|\bconstrues?\b", re.I)


def infer_kind(text: str, label: DeclarationKind | None = None) -> DeclarationKind:
    """The kind of a participant's statement, from a label or its wording.

    >>> infer_kind("The Government reserves the right not to apply article 14.")
    'reservation'
    >>> infer_kind("Declaration:The Government understands that article 3 ...")
    'declaration'
    >>> infer_kind("Argentina has entered a reservation to article 21 of the CRC and construes ...")
    'declaration'
    """
    if label is not None:
        return label
    leading = _LEADING_LABEL.match(text)
    if leading is not None:
        return _LABEL_WORDS[leading.group(1).lower()]
    if _OBJECTION.search(text):
        return "objection"
    if _WITHDRAWAL.search(text):
        return "withdrawal"
    if _MODIFICATION.search(text):
        return "modification"
    if _FUTURE_RIGHT.search(text) and not _RESERVATION_ACT.search(_FUTURE_RIGHT.sub("", text)):
        return "declaration"
    reported = [m.span() for m in _REPORTED_RESERVATION.finditer(text)]
    for match in _RESERVATION.finditer(text):
        if not any(start <= match.start() < end for start, end in reported):
            return "reservation"
    understanding = _UNDERSTANDING.search(text)
    declaration = _DECLARATION.search(text)
    if understanding and (declaration is None or understanding.start() < declaration.start()):
        return "understanding"
    return "declaration"


# --- articles ---------------------------------------------------------------------------

_SUB_ONE = r"\s*\(\s*[0-9a-z]{1,5}\s*\)"
_SUB = rf"(?:{_SUB_ONE})*"
_NUMBER = rf"\d{{1,3}}{_SUB}"
_ARTICLE_LIST = re.compile(
    rf"\b(?:articles?|arts?\.)\s*(?P<list>{_NUMBER}(?:\s*(?:,|and|&|or|to|-|–)\s*{_NUMBER})*)",
    re.IGNORECASE,
)
# "and article 11", "and 15": further articles of the same list, whose text comes after them
_LIST_CONTINUATION = re.compile(
    rf"(?:\s*,?\s*(?:and|or|&)\s*(?:articles?\s+|arts?\.\s*)?{_NUMBER}(?:\s*,?\s*paragraphs?\s+\d+{_SUB})?)*",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(
    r"\s*,?\s*(?:paragraphs?\s+\d+" + _SUB + r"\s*,?\s*)?"
    r"(?:(?:concerning|relating\s+to|regarding|on)\s+[a-z][a-z ]{0,40}?\s+)?(?:of|in|under)\s+"
    r"(?:the\s+|its\s+|this\s+|that\s+)?(?P<what>[^,.;:()\"“”]{1,120})"
)
# "the Covenant", "the present Convention", "the said Optional Protocol" - not "the
# Convention of 4 November 1950" or "the Convention on X", which name some other text.
_BARE_OWN_REFERENCE = re.compile(
    r"(?:(?:present|said|aforementioned|above-mentioned|aforesaid|same|optional)\s+)*"
    r"(?:covenant|convention|protocol|instrument|treaty)\b"
    r"(?!\s+(?:of|for|on|against|concerning|relating)\b|\s+to\s+the\s+(?-i:[A-Z]))",
    re.IGNORECASE,
)
# every "of/in/under the X" (overlapping, so that the last one is the nearest)
_EARLIER_TEXT = re.compile(
    r"(?=\b(?:of|in|under)\s+(?:the\s+)?(?P<what>[A-Z][^,.;:()\"“”]{0,100}))"
)
_OTHER_TEXTS = {"charter", "constitution", "act", "law", "code", "decree", "statute", "rules"}
_MAX_RANGE = 30


def _numbers_in_list(listed: str) -> list[str]:
    """``"8 and 9"`` -> 8, 9; ``"8 to 10"`` -> 8, 9, 10; sub-paragraphs dropped."""
    bare = re.sub(_SUB_ONE, "", listed, flags=re.IGNORECASE)
    numbers: list[str] = []
    pieces = re.split(r"\s*(,|and|&|or|to|-|–)\s*", bare, flags=re.I)
    previous: int | None = None
    joiner = ","
    for piece in pieces:
        if piece.lower() in {",", "and", "&", "or", "to", "-", "–"}:
            joiner = piece.lower()
            continue
        if not piece.strip().isdigit():
            continue
        current = int(piece)
        if (
            joiner in {"to", "-", "–"}
            and previous is not None
            and 0 < current - previous <= _MAX_RANGE
        ):
            numbers.extend(str(n) for n in range(previous + 1, current + 1))
        else:
            numbers.append(str(current))
        previous = current
    return numbers


def _names_another_text(preceding: str, following: str, instrument: str) -> bool:
    """Whether the words around an article reference tie it to another text.

    "of the Covenant", "of the said Optional Protocol" and this instrument's own name keep
    it; "of the Charter", "of the Convention of 4 November 1950", another instrument's name
    or any other capitalised name do not; "thereof" looks back to the text named before.
    """
    if re.match(r"\s*,?\s*thereof\b", following):
        earlier = list(_EARLIER_TEXT.finditer(preceding))
        return bool(earlier) and _is_other_text(earlier[-1].group("what"), instrument)
    continuation = _LIST_CONTINUATION.match(following)
    following = following[continuation.end() :] if continuation else following
    qualifier = _QUALIFIER.match(following)
    return qualifier is not None and _is_other_text(qualifier.group("what"), instrument)


def _is_other_text(what: str, instrument: str) -> bool:
    words = what.split()
    first = words[0] if words else ""
    if first.lower() in _OTHER_TEXTS:
        return True
    named = instruments_in_text(what)
    if named and named[0][1] <= 12:
        return named[0][0].id != instrument
    if _BARE_OWN_REFERENCE.match(what.strip()):
        return False
    return first[:1].isupper()


def article_references(text: str, instrument: str) -> Iterator[tuple[str, int]]:
    """``(number, position)`` of each of the instrument's articles ``text`` names, in text order.

    The position is where the reference ("article", "arts.") starts; a number repeats when
    the text names it again.
    """
    for match in _ARTICLE_LIST.finditer(text):
        preceding = text[max(0, match.start() - 200) : match.start()]
        if _names_another_text(preceding, text[match.end() : match.end() + 200], instrument):
            continue
        for number in _numbers_in_list(match.group("list")):
            if provision_exists(instrument, number):
                yield number, match.start()


def articles_named(text: str, instrument: str) -> tuple[str, ...]:
    """The instrument's articles ``text`` names, in order of first mention.

    >>> articles_named("reservation to articles 8 and 9 and paragraph 1 of article 3", "CRC")
    ('8', '9', '3')
    >>> articles_named("article 2 (c), article 103 of the Charter, article 41 of the "
    ...                "Convention on the Rights of the Child", "OPSC")
    ('2',)
    >>> articles_named("article 6 of the Convention under the prerequisite that it accords with "
    ...                "article 25 concerning family planning of the Constitution", "CRC")
    ('6',)
    """
    return tuple(dict.fromkeys(number for number, _ in article_references(text, instrument)))
