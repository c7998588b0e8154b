"""Successions a UNTC status table explains in its footnotes, or a declarations file in a
State's block.

A status page marks a participant with a footnote number glued to its name ("Czech
Republic4") and prints the notes below the table, numbered ("4. Czechoslovakia had signed
and ratified the Convention on ... With effect from 1 January 1993 ..."). For every
succession (`` d``) row whose participant carries a mark, the note of that number is read
for the predecessor and the date of effect
(:func:`~rightsgraph.loaders.extractors.successions.read_succession_note`). A note that
gives neither, a mark without a note, a table without notes: nothing is recorded.

A declarations block is read the same way (:func:`block_succession_notes`) when it speaks of
a succession and names the predecessor: other blocks that merely say "succession" (to a
throne) or "with effect from" (a state of emergency) are not successions.

>>> table = "Participant,Signature,Succession(d)\\nSlovakia2,,28 May 1993 d\\n\\nNotes:\\n2. Czechoslovakia had ratified the Convention. With effect from 1 January 1993.\\n"
>>> from rightsgraph.loaders.facts import Evidence, Participant, PartialDate, TreatyAction
>>> row = Participant("Slovakia2", "SVK", False, Evidence(35, 44, "Slovakia2"))
>>> action = TreatyAction("SVK", "CRC", "succession", PartialDate(1993, 5, 28), Evidence(46, 59, "28 May 1993 d"))
>>> [(n.predecessor, n.effective.iso()) for n in footnote_succession_notes(table, (row,), (action,))]
[('CSK', '1993-01-01')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rightsgraph.loaders.extractors.successions import SUCCESSION_WORD, read_succession_note
from rightsgraph.loaders.facts import Evidence, Participant, SuccessionNote, TreatyAction
from rightsgraph.loaders.untc_layouts import NOTES_HEADING

__all__ = ["block_succession_notes", "footnote_succession_notes"]

_NOTE_START = re.compile(r"^[ \t]*(\d{1,3})[.)]?[ \t]+(?=\S)", re.M)
_NAME_MARK = re.compile(r"(?<=[^\d\s])[ \t]*(\d{1,3})\W*$")


def footnote_succession_notes(
    text: str, participants: Iterable[Participant], actions: Iterable[TreatyAction]
) -> list[SuccessionNote]:
    """One note per succession row whose footnote gives a predecessor or a date of effect."""
    notes = _numbered_notes(text)
    if not notes:
        return []
    marks = {p.state: m.group(1) for p in participants if p.state and (m := _NAME_MARK.search(p.evidence.text))}
    found: list[SuccessionNote] = []
    for action in actions:
        mark = marks.get(action.state)
        if action.kind != "succession" or mark not in notes:
            continue
        start, end = notes[mark]
        note = read_succession_note(text, start, end, state=action.state, instrument=action.instrument)
        if note is not None:
            found.append(note)
    return found


def block_succession_notes(
    text: str, blocks: Iterable[tuple[str | None, Evidence]], instrument: str
) -> list[SuccessionNote]:
    """The succession notes of declarations blocks: (State, block body) pairs, State None
    for a participant that is not one."""
    found: list[SuccessionNote] = []
    for state, body in blocks:
        if state is None or not SUCCESSION_WORD.search(text, body.start, body.end):
            continue
        note = read_succession_note(text, body.start, body.end, state=state, instrument=instrument)
        if note is not None and note.predecessor is not None:
            found.append(note)
    return found


def _numbered_notes(text: str) -> dict[str, tuple[int, int]]:
    """Each numbered note after the notes heading: number -> span (marker excluded)."""
    heading = NOTES_HEADING.search(text)
    if heading is None:
        return {}
    starts = list(_NOTE_START.finditer(text, heading.end()))
    spans: dict[str, tuple[int, int]] = {}
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        body = text[match.end():end].rstrip()
        spans.setdefault(match.group(1), (match.end(), match.end() + len(body)))
    return spans
