"""The 31 UN Guiding Principles on Business and Human Rights (A/HRC/17/31), by number.

Pillar I (principles 1-10) is the State duty to protect, pillar II (11-24) the corporate
responsibility to respect, pillar III (25-31) access to remedy. Each pillar opens with
foundational principles (1-2, 11-15, 25); the rest are operational. Topics are short
summaries written for this project, not the text of the principles.

>>> guiding_principle(17).topic
'human rights due diligence'
>>> guiding_principle(25).pillar, guiding_principle(25).role
('III', 'foundational')
"""

from __future__ import annotations

from typing import Literal

from rightsgraph.errors import NotFoundError
from rightsgraph.loaders.reference.model import GuidingPrinciple

Pillar = Literal["I", "II", "III"]

PILLAR_TITLES: dict[Pillar, str] = {
    "I": "The State duty to protect human rights",
    "II": "The corporate responsibility to respect human rights",
    "III": "Access to remedy",
}

_FOUNDATIONAL = frozenset({1, 2, 11, 12, 13, 14, 15, 25})

_TOPICS: tuple[str, ...] = (
    "State duty to protect against business-related human rights abuse",  # 1
    "setting the expectation that businesses respect human rights abroad",
    "general State regulatory and policy functions",
    "State-owned and State-supported enterprises",
    "privatisation and contracting out of public services",  # 5
    "commercial transactions of the State",
    "business respect for human rights in conflict-affected areas",
    "policy coherence across government",
    "policy space in investment treaties and contracts",
    "action within multilateral institutions",  # 10
    "responsibility to respect human rights",
    "internationally recognized human rights as the baseline",
    "avoiding, preventing and mitigating adverse impacts",
    "application to all enterprises whatever their size or structure",
    "policies and processes to meet the responsibility",  # 15
    "policy commitment",
    "human rights due diligence",
    "identifying and assessing impacts",
    "integrating findings and taking action",
    "tracking the effectiveness of responses",  # 20
    "communicating how impacts are addressed",
    "remediation of impacts caused or contributed to",
    "issues of context and legal compliance",
    "prioritising the most severe impacts",
    "State duty to ensure access to effective remedy",  # 25
    "State-based judicial mechanisms",
    "State-based non-judicial grievance mechanisms",
    "non-State-based grievance mechanisms",
    "operational-level grievance mechanisms",
    "industry and multi-stakeholder grievance mechanisms",  # 30
    "effectiveness criteria for non-judicial grievance mechanisms",
)


def pillar_of(number: int) -> Pillar:
    """The pillar a principle number belongs to (ValueError outside 1..31)."""
    if not 1 <= number <= len(_TOPICS):
        raise ValueError(f"the Guiding Principles are numbered 1 to 31, not {number}")
    if number <= 10:
        return "I"
    return "II" if number <= 24 else "III"


GUIDING_PRINCIPLES: tuple[GuidingPrinciple, ...] = tuple(
    GuidingPrinciple(
        number=number,
        pillar=pillar_of(number),
        role="foundational" if number in _FOUNDATIONAL else "operational",
        topic=topic,
    )
    for number, topic in enumerate(_TOPICS, start=1)
)


def guiding_principle(number: int) -> GuidingPrinciple:
    """Principle ``number`` (1..31); :class:`NotFoundError` otherwise."""
    if not 1 <= number <= len(GUIDING_PRINCIPLES):
        raise NotFoundError(
            f"no Guiding Principle {number}: they are numbered 1 to 31",
            details={"number": number},
        )
    return GUIDING_PRINCIPLES[number - 1]
