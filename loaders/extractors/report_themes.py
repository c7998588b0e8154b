"""Theme concepts of report recommendations (the SKOS scheme ``ontology/themes.ttl``).

The scheme was drawn from the reports' own headings ("regulation and oversight", "access to
justice and support services", "End-to-end encryption", ...). A recommendation's ``theme`` is
the concept its heading falls under (the first concept, in the order below, whose words the
heading uses); its ``topics`` are the concepts its own text names.

>>> theme_of_heading("regulation and oversight")
'regulation-oversight'
>>> theme_of_heading("knowledge-sharing, awareness-raising and capacity-building")
'awareness-education'
>>> topics_of_text("robust age verification and end-to-end encryption")
('age-verification', 'encryption')
"""

from __future__ import annotations

import re

# (concept id, words that call it), most specific first: a heading takes the first match.
THEME_WORDS: tuple[tuple[str, str], ...] = (
    ("child-participation", r"child(?:ren)?(?:'s)?\s+participation|participation\s+of\s+children"),
    ("age-verification", r"age[\s-]+(?:verification|assurance|appropriate)"),
    ("encryption", r"encrypt"),
    ("safety-by-design", r"by[\s-]+design"),
    ("artificial-intelligence", r"artificial\s+intelligence|deepfake|generative"),
    ("reporting-helplines", r"help\s*lines?|hotlines?|reporting\s+(?:and\s+referral\s+)?(?:systems?|mechanisms?)"),
    ("access-to-justice", r"access\s+to\s+justice|judicial|proceedings|investigat"),
    ("victim-support", r"support\s+services|victims?\s+support|reparation|rehabilitation|recovery"),
    ("criminalisation", r"criminali[sz]|criminal\s+sanctions|prosecut"),
    ("legal-frameworks", r"legal\s+(?:and\s+policy\s+)?frameworks?|legislat"),
    ("regulation-oversight", r"regulat|oversight"),
    ("business-responsibility", r"due\s+diligence|corporate\s+responsibility|business\s+models?|Guiding\s+Principles"),
    ("international-cooperation", r"international\s+cooperation|cooperation|multilateral"),
    ("research-data", r"research|data\s+collection|evidence-based\s+data"),
    ("awareness-education", r"awareness|education|digital\s+literacy|knowledge[\s-]+sharing"),
    ("capacity-building", r"capacity[\s-]+building|training"),
    ("prevention", r"prevent|deterrence|early\s+intervention"),
)
_COMPILED = tuple((concept, re.compile(words, re.IGNORECASE)) for concept, words in THEME_WORDS)


def theme_concepts() -> tuple[str, ...]:
    """Every concept id the extractors may produce (each is defined in ``themes.ttl``)."""
    return tuple(concept for concept, _ in THEME_WORDS)


def theme_of_heading(heading: str) -> str | None:
    """The concept a report's heading falls under, or None."""
    for concept, pattern in _COMPILED:
        if pattern.search(heading):
            return concept
    return None


def topics_of_text(text: str) -> tuple[str, ...]:
    """Every concept whose words the text uses, in the scheme's order."""
    return tuple(concept for concept, pattern in _COMPILED if pattern.search(text))
