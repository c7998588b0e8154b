"""UN Treaty Collection status tables -> participants and their treaty actions.

:func:`parse_status_table` reads any layout of :mod:`rightsgraph.loaders.untc_layouts`
(UNTC CSV; the tab-separated lines the HTML reader makes of a status page's table, or the
page's raw HTML; the damaged text layer of a UNTC status PDF; verdragen.nl party entries)
and returns one :class:`DocumentFacts` of kind ``treaty_status``:

- one :class:`Participant` per table row, never dropped: ``state`` is the ISO alpha-3
  code, or None with a :class:`LoadWarning` when the name is not a known State;
- one :class:`TreatyAction` per dated cell: the ``Signature`` cell gives kind
  ``signature``; the action cell's kind comes from its suffix as the column header defines
  it (``a`` accession, ``d`` succession, ``A`` acceptance, ``AA`` approval; no suffix = the
  header's unsuffixed kind, ratification in every UNTC table). An empty action cell means
  signature only;
- a succession row whose participant carries a footnote mark gets, from that note, the
  predecessor and the date of effect when the note gives them (``succession_notes``,
  :mod:`rightsgraph.loaders.untc_successions`);
- verdragen.nl states each party's entry into force: it is kept on the ratification (or
  accession...) action as ``TreatyAction.entry_into_force``.

Non-State parties (the European Union) are kept as ``Participant(non_state_party=True,
state=None)``; their actions are TreatyActions whose ``state`` is the party id (``EU``),
which the graph maps to the party's node (``id/party/EU``), never to a State. The row stays quoted
in the Participant's evidence. Dates the layout damaged beyond reading (a PDF day and month
without a year) become warnings, never invented dates.

Every Evidence quotes the text: ``text[e.start:e.end] == e.text``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from rightsgraph.loaders.facts import (
    ActionKind,
    DocumentFacts,
    Evidence,
    LoadWarning,
    Participant,
    PartialDate,
    TreatyAction,
)
from rightsgraph.loaders.instrument_hints import determine_instrument
from rightsgraph.loaders.reference.states import participant_id, resolve_state_name
from rightsgraph.loaders.untc_successions import footnote_succession_notes
from rightsgraph.loaders.untc_dates import DateMatch, find_dates, find_status_as_at, find_yearless
from rightsgraph.loaders.untc_layouts import (
    STANDARD_SUFFIXES,
    HeaderKinds,
    StatusCell,
    StatusLayout,
    StatusRow,
    count_label_lines,
    read_delimited,
    read_html_table,
    read_pdf_layer,
    read_verdragen,
)

from rightsgraph.errors import DocumentError

__all__ = ["looks_like_status_table", "parse_status_table", "with_status_as_at"]

_STATUS_FILE_NAME = re.compile(
    r"(?:^|[/\\])treaties_[0-9IVXL]+-\d+(?:-[a-z])?\.(?:csv|tsv|txt|html?)$", re.I
)
_FOOTNOTE_OR_PUNCT = re.compile(r"[^A-Za-z]")


def looks_like_status_table(text: str, name: str) -> bool:
    """Whether a document is a treaty status table (for the document classifier).

    >>> looks_like_status_table("Participant,Signature,Ratification\\nChina,,2 Mar 1992", "x.csv")
    True
    >>> looks_like_status_table("Excellency, I have the honour ...", "letter.txt")
    False
    """
    if _STATUS_FILE_NAME.search(name):
        return True
    head = text[:20000]
    if re.search(r"^\s*\"?Participants?\"?\s*[,\t]\s*\"?Signature", head, re.I | re.M):
        return True
    if re.search(r"<t[dh]\b[^>]*>\s*Participants?\s*<", head, re.I) and "Signature" in head:
        return True
    if re.search(r"^\s*Participant\s*$", head, re.M) and len(re.findall(r"\.{5,}", head)) >= 3:
        return True
    return count_label_lines(head) >= 3


def parse_status_table(
    text: str, *, source: str, sha256: str, instrument: str | None, media_type: str
) -> DocumentFacts:
    """Participants and treaty actions of one status table.

    ``instrument`` is the caller's ``--instrument`` (an id such as ``OPSC``, an MTDSG number
    or a name); without it the MTDSG number in ``source`` (``treaties_4-11-c.csv``,
    ``IV-11-c``) or the title in the text decides. Raises
    :class:`~rightsgraph.errors.DocumentError` when nothing does, and when the text holds no
    status table; :class:`~rightsgraph.errors.UnknownInstrumentError` for an unknown
    ``instrument``.
    """
    instrument_id = determine_instrument(
        text, source=source, instrument=instrument, what="status table"
    )
    layout = _read_layout(text, media_type)
    if layout is None:
        raise DocumentError(
            source,
            "no treaty status table found (expected a 'Participant' header "
            "row, a UNTC status PDF text or verdragen.nl party entries)",
        )
    participants: list[Participant] = []
    actions: list[TreatyAction] = []
    warnings: list[LoadWarning] = list(layout.warnings)
    for row in layout.rows:
        participant, row_actions, row_warnings = _row_facts(row, instrument_id, layout.kinds)
        participants.append(participant)
        actions.extend(row_actions)
        warnings.extend(row_warnings)
    successions = footnote_succession_notes(text, participants, actions)
    return DocumentFacts(
        source=source,
        sha256=sha256,
        text=text,
        kind="treaty_status",
        media_type=media_type,
        instrument=instrument_id,
        participants=tuple(participants),
        actions=tuple(actions),
        warnings=tuple(warnings),
        succession_notes=tuple(successions),
    )


def with_status_as_at(facts: DocumentFacts, as_at: dt.date | None) -> DocumentFacts:
    """``facts`` with the day its status is as at: the "Status as at" the source prints
    (quoted), else ``as_at`` (the ``ingest --as-at`` option), else unknown (None). When the
    source prints a date other than ``as_at``, the printed one wins and a warning says so.
    """
    stated = find_status_as_at(facts.text)
    if stated is not None:
        evidence = Evidence(stated.start, stated.end, stated.text)
        warnings = facts.warnings
        if as_at is not None and stated.date != PartialDate.from_date(as_at):
            note = f"the source prints status as at {stated.date.iso()}; --as-at {as_at.isoformat()} not used"
            warnings = (*warnings, LoadWarning(note, evidence))
        return dataclasses.replace(facts, status_as_at=stated.date, status_as_at_evidence=evidence,
                                   status_as_at_origin="stated", warnings=warnings)
    if as_at is not None:
        return dataclasses.replace(facts, status_as_at=PartialDate.from_date(as_at), status_as_at_origin="ingest-option")
    return facts


def _read_layout(text: str, media_type: str) -> StatusLayout | None:
    """The first layout that finds a table; raw markup is read as HTML first."""
    is_markup = "html" in media_type.lower() or re.search(r"<t[dr]\b", text[:50000], re.I)
    readers = (read_html_table, read_delimited) if is_markup else (read_delimited,)
    for reader in (*readers, read_verdragen, read_pdf_layer):
        layout = reader(text)
        if layout is not None and layout.rows:
            return layout
    return None


def _row_facts(
    row: StatusRow, instrument: str, kinds: HeaderKinds
) -> tuple[Participant, list[TreatyAction], list[LoadWarning]]:
    """The participant of one row, its actions and what could not be read."""
    state = resolve_state_name(row.value)
    non_state = state is None and participant_id(row.value) == "EU"
    participant = Participant(
        name=row.value,
        state=state.iso3 if state is not None else None,
        non_state_party=non_state,
        evidence=row.name,
    )
    actions: list[TreatyAction] = []
    warnings: list[LoadWarning] = []
    for cell in row.cells:
        if cell.role == "entry_into_force":
            continue
        cell_actions, cell_warnings = _cell_actions(cell, kinds, row.value)
        actions.extend(cell_actions)
        warnings.extend(cell_warnings)
    warnings.extend(_attach_entry_into_force(row, actions))
    if state is None and non_state:
        return participant, [_with_state(a, "EU", instrument) for a in actions], warnings
    if state is None:
        if not non_state:
            warnings.append(
                LoadWarning(
                    f"participant {row.value!r} is not a known State; kept as an unresolved "
                    f"participant, its {len(actions)} action(s) not recorded",
                    row.name,
                )
            )
        return participant, [], warnings
    return participant, [_with_state(a, state.iso3, instrument) for a in actions], warnings


def _with_state(action: _PendingAction, state: str, instrument: str) -> TreatyAction:
    return TreatyAction(
        state=state,
        instrument=instrument,
        kind=action.kind,
        date=action.date.date,
        evidence=action.evidence,
        entry_into_force=action.entry_into_force.date if action.entry_into_force else None,
        entry_into_force_evidence=action.entry_into_force_evidence,
    )


@dataclass(slots=True)
class _PendingAction:
    """An action read from a cell before its participant is known to be a State."""

    kind: ActionKind
    date: DateMatch
    evidence: Evidence
    entry_into_force: DateMatch | None = None
    entry_into_force_evidence: Evidence | None = None


def _cell_actions(
    cell: StatusCell, kinds: HeaderKinds, name: str
) -> tuple[list[_PendingAction], list[LoadWarning]]:
    """Every dated action in a cell (normally one) and warnings for what is unreadable."""
    dates = find_dates(cell.value)
    if not dates:
        yearless = find_yearless(cell.value)
        reason = "gives a day and month without a year" if yearless else "has no readable date"
        return [], [LoadWarning(f"{cell.role} of {name!r} {reason}: {cell.value!r}", cell.evidence)]
    actions: list[_PendingAction] = []
    warnings: list[LoadWarning] = []
    for index, date in enumerate(dates):
        following = dates[index + 1].start if index + 1 < len(dates) else len(cell.value)
        suffix = _FOOTNOTE_OR_PUNCT.sub("", cell.value[date.end : following])
        kind, problem = _kind_of(cell, suffix, kinds)
        if kind is None:
            warnings.append(LoadWarning(f"{cell.role} of {name!r}: {problem}", cell.evidence))
            continue
        if problem:
            warnings.append(LoadWarning(f"{cell.role} of {name!r}: {problem}", cell.evidence))
        actions.append(_PendingAction(kind, date, cell.evidence))
    return actions, warnings


def _kind_of(
    cell: StatusCell, suffix: str, kinds: HeaderKinds
) -> tuple[ActionKind | None, str | None]:
    """The kind of a dated cell, and a note when the header did not define its suffix."""
    if cell.role == "signature":
        return "signature", None
    if cell.kind is not None:
        return cell.kind, None
    if not suffix:
        return kinds.unsuffixed, None
    if suffix in kinds.by_suffix:
        return kinds.by_suffix[suffix], None
    if suffix in STANDARD_SUFFIXES:
        kind = STANDARD_SUFFIXES[suffix]
        return kind, f"suffix {suffix!r} not in the column header; read as {kind}"
    return None, f"unknown suffix {suffix!r}; action not recorded"


def _attach_entry_into_force(row: StatusRow, actions: list[_PendingAction]) -> list[LoadWarning]:
    """Put a stated entry into force on the row's last consent-to-be-bound action."""
    warnings: list[LoadWarning] = []
    for cell in row.cells:
        if cell.role != "entry_into_force":
            continue
        dates = find_dates(cell.value)
        binding = [a for a in actions if a.kind != "signature"]
        if not dates or not binding:
            reason = "no readable date" if not dates else "no ratification or accession beside it"
            warnings.append(
                LoadWarning(
                    f"entry into force of {row.value!r} not recorded: {reason}", cell.evidence
                )
            )
            continue
        binding[-1].entry_into_force = dates[0]
        binding[-1].entry_into_force_evidence = cell.evidence
    return warnings
