"""Declarations and reservations made by treaty participants -> Declaration facts.

Layouts read (offsets always point into the text given):

- UNTC exports (``declarations_<MTDSG no.>.txt``): a ``#Participant`` line, then the
  participant's text up to the next ``#`` line. One block -> one Declaration. A block whose
  text is empty, or whose participant is not a State (the European Union, the former
  Yugoslavia) or not known, gives a LoadWarning instead; every block gives a Participant.
- Pages that label the text (``Argentina`` ... ``Declaration:`` then paragraphs, as
  whatconvention.org writes), and dated entries (a name line, a ``dd-mm-yyyy`` line, then the
  text, as verdragenbank.overheid.nl writes) - used only when there are no ``#`` blocks.

The kind is read from the wording (the first rule that applies wins):

1. a leading label (``Reservation:``, ``Declarations:``, ``Understanding:``, ``Objection:``),
   or the page's label;
2. ``objection``: "objects to", "objection to", "raises an objection";
3. ``reservation``: "reserves the right", "does not consider itself bound", "not be bound
   by", or the word "reservation(s)" - except "has entered a reservation", which reports one
   made to another instrument (Argentina's OPSC text);
4. ``understanding`` or ``declaration``, whichever cue comes first: "understands",
   "understanding", "is understood" / "declares", "declaration", "interprets", "construes";
5. otherwise ``declaration``.

The articles named ("article 14", "articles 8 and 9", "article 2 (c)", "paragraph 1 of
article 3", "Article 3(1)(a)(ii)", "articles 8 to 10") are kept when the text ties them to
this instrument - not "of the Charter", "of the Constitution" or "of" another named
instrument - and when ``provision_exists`` says the instrument has them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from rightsgraph.loaders.facts import Declaration, DocumentFacts, Evidence, LoadWarning, Participant
from rightsgraph.loaders.instrument_hints import determine_instrument
from rightsgraph.loaders.reference.instruments import instruments_in_text, provision_exists
from rightsgraph.loaders.reference.states import participant_id, resolve_state_name
from rightsgraph.loaders.untc_dates import find_dates
from rightsgraph.loaders.untc_layouts import iter_lines, trimmed

__all__ = ["articles_named", "infer_kind", "looks_like_declarations", "parse_declarations"]

DeclarationKind = Literal["reservation", "declaration", "objection", "understanding"]


@dataclass(frozen=True, slots=True)
class _Block:
    name: Evidence
    body: Evidence
    label: DeclarationKind | None = None


# --- kinds ------------------------------------------------------------------------------

_LABEL_WORDS: dict[str, DeclarationKind] = {
    "reservation": "reservation",
    "declaration": "declaration",
    "understanding": "understanding",
    "objection": "objection",
}
_LEADING_LABEL = re.compile(
    r"^\W{0,3}(reservation|declaration|understanding|objection)s?\s*:", re.IGNORECASE
)
_OBJECTION = re.compile(
    r"\bobjects?\s+to\b|\bobjection\s+to\b|\braises?\s+(?:an?\s+)?objection", re.I
)
_RESERVATION = re.compile(
    r"\breserves?\s+(?:the|its)\s+right\b|\bdoes\s+not\s+consider\s+itself\s+bound\b"
    r"|\bnot\s+(?:to\s+)?be\s+bound\s+by\b|\breservations?\b",
    re.IGNORECASE,
)
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
_QUALIFIER = re.compile(
    r"\s*,?\s*(?:paragraphs?\s+\d+" + _SUB + r"\s*,?\s*)?(?:of|in|under)\s+"
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


def articles_named(text: str, instrument: str) -> tuple[str, ...]:
    """The instrument's articles ``text`` names, in order of first mention.

    >>> articles_named("reservation to articles 8 and 9 and paragraph 1 of article 3", "CRC")
    ('8', '9', '3')
    >>> articles_named("article 2 (c), article 103 of the Charter, article 41 of the "
    ...                "Convention on the Rights of the Child", "OPSC")
    ('2',)
    """
    found: list[str] = []
    for match in _ARTICLE_LIST.finditer(text):
        preceding = text[max(0, match.start() - 200) : match.start()]
        if _names_another_text(preceding, text[match.end() : match.end() + 200], instrument):
            continue
        for number in _numbers_in_list(match.group("list")):
            if number not in found and provision_exists(instrument, number):
                found.append(number)
    return tuple(found)


# --- layouts ----------------------------------------------------------------------------

_HASH_HEADER = re.compile(r"^#(?![#\s])(?P<name>.+?)\s*$")
_PAGE_LABEL = re.compile(
    r"^\s*(?P<label>(?:reservations?|declarations?|understandings?|objections?)"
    r"(?:\s*(?:and|/|,)\s*(?:reservations?|declarations?|understandings?|objections?))*)\s*:\s*$",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(r"^\s*\d{1,2}[-./]\d{1,2}[-./]\d{4}\s*$")
_STOP_LINE = re.compile(r"^\s*(?:---|\[\.\.\.|#)")


def _hash_blocks(text: str) -> list[_Block]:
    lines = list(iter_lines(text))
    headers = [(i, m) for i, (_, line) in enumerate(lines) if (m := _HASH_HEADER.match(line))]
    blocks = []
    for position, (index, match) in enumerate(headers):
        offset = lines[index][0]
        body_start = offset + len(lines[index][1]) + 1
        following = headers[position + 1][0] if position + 1 < len(headers) else None
        body_end = lines[following][0] if following is not None else len(text)
        name = trimmed(text, offset + match.start("name"), offset + match.end("name"))
        blocks.append(_Block(name, trimmed(text, min(body_start, len(text)), body_end)))
    return blocks


def _is_entry_name(lines: list[tuple[int, str]], index: int) -> bool:
    """A line naming a participant whose entry follows (a date, a dash or a date line)."""
    line = lines[index][1].strip()
    if not line or participant_id(line) is None:
        return False
    following = next((text.strip() for _, text in lines[index + 1 :] if text.strip()), "")
    return following == "-" or bool(find_dates(following)) or bool(_DATE_LINE.match(following))


def _body_until_stop(text: str, lines: list[tuple[int, str]], first: int) -> tuple[Evidence, int]:
    """The text from line ``first`` to the next entry, separator or label; and where it ends."""
    index = first
    while index < len(lines):
        line = lines[index][1]
        if _STOP_LINE.match(line) or _PAGE_LABEL.match(line) or _is_entry_name(lines, index):
            break
        if index + 1 < len(lines) and _DATE_LINE.match(lines[index + 1][1]) and index > first:
            break
        index += 1
    start = lines[first][0] if first < len(lines) else len(text)
    end = lines[index][0] if index < len(lines) else len(text)
    return trimmed(text, start, end), index


def _page_blocks(text: str) -> list[_Block]:
    """Labelled entries (``Declaration:``) and dated entries (name, dd-mm-yyyy, text)."""
    lines = list(iter_lines(text))
    blocks: list[_Block] = []
    index = 0
    while index < len(lines):
        offset, line = lines[index]
        label = _PAGE_LABEL.match(line)
        if label is not None:
            name_index = _entry_name_before(lines, index)
            if name_index is not None:
                body, index = _body_until_stop(text, lines, index + 1)
                name = trimmed(
                    text, lines[name_index][0], lines[name_index][0] + len(lines[name_index][1])
                )
                blocks.append(_Block(name, body, _label_kind(label.group("label"))))
                continue
        elif (
            line.strip()
            and "|" not in line
            and not _DATE_LINE.match(line)
            and index + 2 < len(lines)
            and _DATE_LINE.match(lines[index + 1][1])
            and len(lines[index + 2][1].strip()) > 40
        ):
            body, index = _body_until_stop(text, lines, index + 2)
            blocks.append(_Block(trimmed(text, offset, offset + len(line)), body))
            continue
        index += 1
    return blocks


def _entry_name_before(lines: list[tuple[int, str]], label_index: int) -> int | None:
    """The participant line a page label belongs to: the nearest line above naming one."""
    for index in range(label_index - 1, max(label_index - 12, -1), -1):
        if participant_id(lines[index][1].strip()) is not None:
            return index
    return None


def _label_kind(label: str) -> DeclarationKind | None:
    """A page label's kind, or None when it names several ("Reservations and declarations")."""
    words = {w.rstrip("s").lower() for w in re.findall(r"[A-Za-z]+", label) if w.lower() != "and"}
    return _LABEL_WORDS.get(words.pop()) if len(words) == 1 else None


# --- public -----------------------------------------------------------------------------


def looks_like_declarations(text: str, name: str) -> bool:
    """Whether a document holds participants' declarations and reservations.

    >>> looks_like_declarations("#China\\nThe Government declares ...\\n", "d.txt")
    True
    >>> looks_like_declarations("Participant,Signature\\nChina,,", "treaties_4-11.csv")
    False
    """
    if re.search(r"declarations?|reservations?", PurePath(name).name, re.I):
        return bool(text.strip())
    lines = [line for line in text.splitlines()[:400] if line.strip()]
    headers = [m.group("name") for m in map(_HASH_HEADER.match, lines) if m]
    known = [h for h in headers if participant_id(h) is not None]
    opens_with_block = bool(lines) and _HASH_HEADER.match(lines[0]) is not None
    return opens_with_block and bool(known) and len(known) * 2 >= len(headers)


def parse_declarations(
    text: str, *, source: str, sha256: str, instrument: str | None, media_type: str
) -> DocumentFacts:
    """One Declaration per participant block; the instrument as for status tables.

    Raises :class:`~rightsgraph.errors.DocumentError` when the instrument cannot be told.
    """
    instrument_id = determine_instrument(
        text, source=source, instrument=instrument, what="declarations file"
    )
    blocks = _hash_blocks(text) or _page_blocks(text)
    participants: list[Participant] = []
    declarations: list[Declaration] = []
    warnings: list[LoadWarning] = []
    if not blocks:
        warnings.append(LoadWarning("no participant's declarations found"))
    for block in blocks:
        participant, declaration, warning = _block_facts(block, instrument_id)
        participants.append(participant)
        if declaration is not None:
            declarations.append(declaration)
        if warning is not None:
            warnings.append(warning)
    return DocumentFacts(
        source=source,
        sha256=sha256,
        text=text,
        kind="treaty_status",
        media_type=media_type,
        instrument=instrument_id,
        participants=tuple(participants),
        declarations=tuple(declarations),
        warnings=tuple(warnings),
    )


def _block_facts(
    block: _Block, instrument: str
) -> tuple[Participant, Declaration | None, LoadWarning | None]:
    name = block.name.text
    state = resolve_state_name(name)
    other_id = participant_id(name) if state is None else None
    participant = Participant(
        name=name,
        state=state.iso3 if state else None,
        non_state_party=other_id == "EU",
        evidence=block.name,
    )
    if not block.body.text:
        return participant, None, LoadWarning(f"{name}: empty declarations block", block.name)
    if state is None:
        why = "is not a State" if other_id else "is not a known State"
        return (
            participant,
            None,
            LoadWarning(f"{name} {why}: its declaration is not recorded as a State's", block.name),
        )
    declaration = Declaration(
        state=state.iso3,
        instrument=instrument,
        kind=infer_kind(block.body.text, block.label),
        text=block.body.text,
        articles=articles_named(block.body.text, instrument),
        evidence=block.body,
    )
    return participant, declaration, None
