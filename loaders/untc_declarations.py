"""Declarations and reservations made by treaty participants -> Declaration facts.

Layouts read (offsets always point into the text given):

- UNTC exports (``declarations_<MTDSG no.>.txt``): a ``#Participant`` line, then the
  participant's text up to the next ``#`` line. One block -> its statements. A block whose
  text is empty, or whose participant is not a State (the European Union, the former
  Yugoslavia) or not known, gives a LoadWarning instead; every block gives a Participant.
- Pages that label the text (``Argentina`` ... ``Declaration:`` then paragraphs, as
  whatconvention.org writes), and dated entries (a name line, a ``dd-mm-yyyy`` line, then the
  text, as verdragenbank.overheid.nl writes) - used only when there are no ``#`` blocks.

Each block is split into its statements (:mod:`rightsgraph.loaders.untc_statements`): one
Declaration per reservation, declaration, understanding, objection or withdrawal, with its
kind (the label the text gives, else what the statement does:
:func:`~rightsgraph.loaders.untc_statement_kinds.infer_kind`), the articles of this
instrument it limits or interprets, those it only mentions, and the territories it is made
for or excludes. A block on the State's succession that names the predecessor also gives a
succession note (:func:`~rightsgraph.loaders.untc_successions.block_succession_notes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from rightsgraph.loaders.facts import (
    Declaration, DocumentFacts, Evidence, LoadWarning, ObjectionTarget, Participant,
)
from rightsgraph.loaders.instrument_hints import determine_instrument
from rightsgraph.loaders.reference.states import participant_id, resolve_state_name
from rightsgraph.loaders.untc_dates import find_dates
from rightsgraph.loaders.untc_layouts import iter_lines, trimmed
from rightsgraph.loaders.untc_statement_kinds import DeclarationKind, articles_named, infer_kind
from rightsgraph.loaders.untc_successions import block_succession_notes
from rightsgraph.loaders.untc_statements import (
    StatementSpan, linked_and_mentioned, objection_targets, split_statements, territories,
)

__all__ = ["articles_named", "infer_kind", "looks_like_declarations", "parse_declarations"]

_LABEL_WORDS: dict[str, DeclarationKind] = {
    "reservation": "reservation",
    "declaration": "declaration",
    "understanding": "understanding",
    "objection": "objection",
}


@dataclass(frozen=True, slots=True)
class _Block:
    name: Evidence
    body: Evidence
    label: DeclarationKind | None = None
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
    """One Declaration per statement of each participant's block; the instrument as for
    status tables.

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
        participant, statements, warning = _block_facts(text, block, instrument_id)
        participants.append(participant)
        declarations.extend(statements)
        if warning is not None:
            warnings.append(warning)
    successions = block_succession_notes(text, [(p.state, b.body) for p, b in zip(participants, blocks)], instrument_id)
    return DocumentFacts(
        source=source,
        sha256=sha256,
        text=text,
        kind="treaty_status",
        media_type=media_type,
        instrument=instrument_id,
        participants=tuple(participants),
        declarations=tuple(declarations),
        succession_notes=tuple(successions),
        warnings=tuple(warnings),
    )


def _block_facts(
    text: str, block: _Block, instrument: str
) -> tuple[Participant, list[Declaration], LoadWarning | None]:
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
        return participant, [], LoadWarning(f"{name}: empty declarations block", block.name)
    if state is None:
        why = "is not a State" if other_id else "is not a known State"
        return (
            participant,
            [],
            LoadWarning(f"{name} {why}: its declaration is not recorded as a State's", block.name),
        )
    statements = [
        _statement(text, state.iso3, instrument, span, block.label)
        for span in split_statements(text, block.body)
    ]
    if not statements:
        return participant, [], LoadWarning(f"{name}: no statement in the block", block.body)
    return participant, statements, None


_CONTINUES_FOR = re.compile(r"\bcontinues?\s+to\s+apply\b", re.IGNORECASE)
_PARTIAL = re.compile(r"\bpartial(?:ly)?\b", re.IGNORECASE)


def _statement(
    text: str, state: str, instrument: str, span: StatementSpan, block_label: DeclarationKind | None
) -> Declaration:
    """One statement's Declaration: kind, linked and mentioned articles, territories."""
    evidence = span.evidence
    kind = infer_kind(evidence.text, span.label or block_label)
    linked, mentioned = linked_and_mentioned(
        evidence.text, instrument, objection=kind == "objection"
    )
    applies, excluded = territories(evidence.text)
    continues_for: tuple[str, ...] = ()
    if kind == "withdrawal":
        kept = _CONTINUES_FOR.search(evidence.text)
        continues_for = articles_named(evidence.text[kept.end() :], instrument) if kept else ()
        linked = tuple(a for a in linked if a not in continues_for)
    return Declaration(
        state=state,
        instrument=instrument,
        kind=kind,
        text=evidence.text,
        articles=linked,
        evidence=evidence,
        mentioned=mentioned,
        territories=applies,
        excluded_territories=excluded,
        partial=kind == "withdrawal" and bool(_PARTIAL.search(evidence.text)),
        continues_for=continues_for,
        objects_to=_targets(text, evidence, state) if kind == "objection" else (),
        made_upon=span.made_upon,  # type: ignore[arg-type]  # one of the occasion words
    )


def _targets(text: str, evidence: Evidence, objector: str) -> tuple[ObjectionTarget, ...]:
    """The reserving States an objection names (never the objector itself)."""
    window = text[: evidence.end]
    return tuple(
        ObjectionTarget(state, date, span)
        for state, date, span in objection_targets(window, evidence.start)
        if state != objector
    )
