"""States that no longer exist but that treaty records name as parties and as predecessors.

A successor State's notification of succession continues the participation of a
predecessor. Some predecessors still exist (a State from which another separated); others
have ceased to exist: they are kept here, apart from ``STATES``, so that nothing counts
them as current States. Each has the ISO 3166-3 alpha-3 code withdrawn for it (``CSK``,
``SUN``, ``SCG``; ``YUG`` for the Socialist Federal Republic of Yugoslavia), the names texts
use for it, and, where one exists, the current State that continues its international
legal personality (the Russian Federation for the USSR, Serbia for Serbia and Montenegro);
a continuator is not a successor and makes no notification of succession.

>>> former_state_by_name("the former Yugoslavia").id
'YUG'
>>> former_state_by_name("Czech and Slovak Federal Republic").name
'Czechoslovakia'
>>> former_state_by_name("Slovakia") is None
True
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["FORMER_STATES", "FormerState", "former_state_by_id", "former_state_by_name", "former_states_in_text"]


@dataclass(frozen=True, slots=True)
class FormerState:
    id: str  # the ISO 3166-3 alpha-3 code withdrawn for it
    name: str  # the name UNTC records use
    aliases: tuple[str, ...]  # other names texts use
    continued_by: str | None = None  # ISO alpha-3 of the State continuing its personality

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


FORMER_STATES: tuple[FormerState, ...] = (
    FormerState("YUG", "Yugoslavia (former)", (
        "former Yugoslavia", "Socialist Federal Republic of Yugoslavia", "former Socialist Federal Republic of Yugoslavia",
    )),
    FormerState("CSK", "Czechoslovakia", ("Czech and Slovak Federal Republic", "former Czechoslovakia")),
    FormerState("SUN", "Union of Soviet Socialist Republics", (
        "USSR", "Soviet Union", "former Soviet Union", "former USSR",
    ), continued_by="RUS"),
    # the Federal Republic of Yugoslavia took the name Serbia and Montenegro on 4 February 2003
    FormerState("SCG", "Serbia and Montenegro", ("State Union of Serbia and Montenegro", "Federal Republic of Yugoslavia"),
                continued_by="SRB"),
)


def former_state_by_id(former_id: str) -> FormerState | None:
    """The former State of an id (``"CSK"``), None for any other id."""
    return next((s for s in FORMER_STATES if s.id == former_id.strip().upper()), None)


def former_state_by_name(name: str) -> FormerState | None:
    """The former State a name denotes (a leading "the" and case ignored), else None."""
    key = _key(name)
    return next((s for s in FORMER_STATES if any(_key(n) == key for n in s.names)), None)


def former_states_in_text(text: str, start: int = 0, end: int | None = None) -> list[tuple[FormerState, int, int]]:
    """Every name of a former State in ``text[start:end]``, in order, longest name first at
    one place ("Serbia and Montenegro" is one former State, not two current ones).

    >>> [(s.id, a) for s, a, _ in former_states_in_text("Slovakia and Czechoslovakia")]
    [('CSK', 13)]
    """
    stop = len(text) if end is None else end
    return [(_by_lower_name()[m.group(0).casefold()], m.start(), m.end())
            for m in _names_pattern().finditer(text, start, stop)]


def _key(name: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(name.split()).casefold())


@functools.cache
def _by_lower_name() -> dict[str, FormerState]:
    return {n.casefold(): s for s in FORMER_STATES for n in s.names}


@functools.cache
def _names_pattern() -> re.Pattern[str]:
    names = sorted(_by_lower_name(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
