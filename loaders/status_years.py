"""Year-only ratification status tables -> participants and year-precision treaty actions.

The tables of world-politics-datalab (``hr_status_<treaty>.csv``, 2022) give one row per UN
member State: ``iso2,member,state party,year ratification or accession,signatory,no
action,status,note``. They say *whether* a State is a party and in which *year* it ratified
or acceded, never the day, and not which of the two it was. So each row gives:

- a :class:`Participant` with the row's own status words (``state party``, ``signatory
  state``, ``no action``), quoted;
- for a party with a year, one :class:`TreatyAction` of kind ``consent`` (ratification or
  accession, unnamed) dated at year precision, quoting the year: never a made-up day.

A signatory row gives no action: the table has no signature year. The tables do not print the
day they show; that comes from ``ingest --as-at`` (:attr:`DocumentFacts.status_as_at`).

>>> text = "iso2,member,state party,year ratification or accession,signatory,no action,status,note\\n"
>>> text += "SO,Somalia,1,2015,0,0,state party,\\nCN,China,0,,1,0,signatory state,\\n"
>>> facts = parse_year_table(text, source="hr_status_crc.csv", sha256="0" * 64, instrument=None,
...                          media_type="text/csv")
>>> [(p.state, p.status) for p in facts.participants]
[('SOM', 'state party'), ('CHN', 'signatory state')]
>>> [(a.state, a.kind, a.date.iso(), a.evidence.text) for a in facts.actions]
[('SOM', 'consent', '2015', '2015')]
"""

from __future__ import annotations

import csv
import re
from pathlib import PurePath

from rightsgraph.errors import UnknownStateError
from rightsgraph.loaders.facts import DocumentFacts, Evidence, LoadWarning, Participant, PartialDate, TreatyAction
from rightsgraph.loaders.instrument_hints import determine_instrument
from rightsgraph.loaders.reference.states import find_state, resolve_state_name
from rightsgraph.loaders.untc_layouts import iter_lines

__all__ = ["looks_like_year_table", "parse_year_table"]

_HEADER = re.compile(r"^\s*iso2\s*,\s*member\s*,\s*state party\s*,\s*year ratification or accession", re.I)
# The datalab's names for the optional protocols, which name-token guessing reads as the CRC.
_DATALAB_NAMES = {"op_crc_sc": "OPSC", "op_crc_ac": "OPAC", "op_crc_ic": "OPIC"}
_COLUMNS = ("iso2", "member", "party", "year", "signatory", "no_action", "status", "note")


def looks_like_year_table(text: str) -> bool:
    """Whether the text is a year-only status table (by its header line).

    >>> looks_like_year_table("iso2,member,state party,year ratification or accession,signatory")
    True
    >>> looks_like_year_table("Participant,Signature,Ratification")
    False
    """
    first = next((line for _, line in iter_lines(text[:2000]) if line.strip()), "")
    return bool(_HEADER.match(first))


def parse_year_table(
    text: str, *, source: str, sha256: str, instrument: str | None, media_type: str
) -> DocumentFacts:
    """Participants and year-precision actions of one year-only table (see the module doc).

    Raises :class:`~rightsgraph.errors.DocumentError` when the instrument cannot be told.
    """
    instrument_id = _instrument(text, source, instrument)
    participants: list[Participant] = []
    actions: list[TreatyAction] = []
    warnings: list[LoadWarning] = []
    lines = list(iter_lines(text))
    for offset, line in lines[1:]:
        if not line.strip():
            continue
        row = _row(line, offset)
        if row is None:
            warnings.append(LoadWarning(f"unreadable row {line!r}", _span(line, offset, line.strip())))
            continue
        participant, action, warning = _row_facts(row, instrument_id)
        participants.append(participant)
        actions.extend([action] if action else [])
        warnings.extend([warning] if warning else [])
    return DocumentFacts(
        source=source, sha256=sha256, text=text, kind="treaty_status", media_type=media_type,
        instrument=instrument_id, participants=tuple(participants), actions=tuple(actions),
        warnings=tuple(warnings),
    )


def _instrument(text: str, source: str, instrument: str | None) -> str:
    stem = PurePath(source).stem.lower()
    for name, found in _DATALAB_NAMES.items():
        if instrument is None and stem.endswith(name):
            return found
    return determine_instrument(text, source=source, instrument=instrument, what="status table")


def _span(line: str, offset: int, value: str, after: int = 0) -> Evidence:
    start = line.find(value, after) if value else -1
    if start < 0:
        return Evidence(offset, offset + len(line), line)
    return Evidence(offset + start, offset + start + len(value), value)


def _row(line: str, offset: int) -> dict[str, tuple[str, Evidence]] | None:
    """The cells of one row, each with its span in the text."""
    cells = next(csv.reader([line]))
    if len(cells) < len(_COLUMNS) - 1:
        return None
    row: dict[str, tuple[str, Evidence]] = {}
    cursor = 0
    for column, value in zip(_COLUMNS, cells, strict=False):
        evidence = _span(line, offset, value.strip(), cursor)
        if value.strip():
            cursor = evidence.end - offset
        row[column] = (value.strip(), evidence)
    return row


def _state_code(iso2: str, name: str) -> str | None:
    """The State by its ISO alpha-2 code, else by name (the tables keep retired codes: TP)."""
    try:
        return find_state(iso2).iso3
    except UnknownStateError:
        found = resolve_state_name(name)
        return found.iso3 if found is not None else None


def _row_facts(
    row: dict[str, tuple[str, Evidence]], instrument: str
) -> tuple[Participant, TreatyAction | None, LoadWarning | None]:
    name, name_evidence = row["member"]
    status = row["status"][0].casefold() or None
    state = _state_code(row["iso2"][0], name)
    participant = Participant(name=name, state=state, non_state_party=False, evidence=name_evidence, status=status)
    if state is None:
        return participant, None, LoadWarning(f"participant {name!r} is not a known State", name_evidence)
    year, year_evidence = row["year"]
    if status != "state party":
        return participant, None, None
    if not year.isdigit():
        return participant, None, LoadWarning(f"{name!r} is a state party without a year", name_evidence)
    action = TreatyAction(state=state, instrument=instrument, kind="consent", date=PartialDate(int(year)),
                          evidence=year_evidence)
    return participant, action, None
