"""Who writes, to whom, and who else is involved: the mandates a document is written on
behalf of (the opening "Mandates of ..." list, a reply's "Dear Special Rapporteur ..."
list, a report's author), signatories with their mandate, the addressee (a State, or a
company and a person for ``OTH`` letters), States also written to, and a reply's sender.

Ontology terms produced: ``org:Post`` (mandates), ``org:Membership`` (signatory holds the
post), ``rg:addressee``, ``rg:alsoSentTo``, ``rg:sender``.
"""

from __future__ import annotations

import re

from rightsgraph.loaders.extractors.companies import company_key
from rightsgraph.loaders.extractors.ignorecase import FoldedPattern
from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.facts import (
    Addressee,
    Evidence,
    CompanyMention,
    MandateMention,
    Signatory,
    StateMention,
)
from rightsgraph.loaders.reference.mandates import resolve_mandate
from rightsgraph.loaders.reference.states import state_by_code, states_in_text

HOLDER_RE = FoldedPattern(
    r"(?:Chair-Rapporteur\s+of\s+the\s+|Chair\s+of\s+the\s+|Vice-Chair\s+of\s+the\s+)?"
    r"(?:Special\s+Rapporteur|Working\s+Group|Independent\s+Expert|Rapporteuse\s+spéciale|"
    r"Rapporteur\s+spécial|Groupe\s+de\s+travail|Experte?\s+indépendante?|Relatora?\s+Especial|"
    r"Grupo\s+de\s+Trabajo|Experta?\s+Independiente)",
)
MANDATES_OPENING_RE = FoldedPattern(
    r"Mandates?\s+of\s+(?:the\s+)?|Mandats?\s+d(?:e|u|es)\s+|Mandatos?\s+d(?:e|el)\s+"
)
CAPACITIES_RE = FoldedPattern(
    r"in\s+(?:our|my)\s+capacit(?:ies|y)\s+as\s+|en\s+(?:nuestra|mi)\s+calidad\s+de\s+"
    r"|en\s+(?:notre|nos|ma)\s+qualités?\s+de\s+",
)
_CAPACITIES_END_RE = FoldedPattern(r"pursuant\s+to|de\s+conformidad\s+con|conformément")
DEAR_RE = FoldedPattern(r"^\s*Dear\s+", re.MULTILINE)
REPORT_AUTHOR_RE = re.compile(
    r"[Rr]eport\s+of\s+the\s+(?=Special\s+Rapporteur|Working\s+Group|Independent\s+Expert)"
    r"|[Rr]apport\s+d[eu]\s+(?:la\s+)?(?=Rapporteu(?:r|se)\s+spécial|Groupe\s+de\s+travail|Experte?\s+indépendant)"
    r"|[Ii]nforme\s+del?\s+(?:la\s+)?(?=Relatora?\s+Especial|Grupo\s+de\s+Trabajo|Experta?\s+Independiente)"
)
# "Report submitted by Mr. Juan Miguel Petit, Special Rapporteur on ..." (reports of the
# Commission on Human Rights era name the author first, then the title)
REPORT_SUBMITTED_BY_RE = re.compile(
    r"[Rr]eport\s+submitted\s+by\s+(?:(?:Ms|Mr|Mrs|Dr)\.?[ \t]+)?(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+"
    r"(?:[ \t]+(?:(?:de|da|del|van|von|der|dos|das|la|le)[ \t]+){0,2}[A-ZÀ-ÖØ-Þ][\w'’-]+){1,4}),\s+"
    r"(?=Special\s+Rapporteur|Independent\s+Expert|Chair)"
)
_PARTICLES = r"(?:de|da|del|van|von|der|al|el|bin|ben|dos|das|e|y|la|le)"
_CAPITALISED = r"(?=[^\W\d_])(?:[^\W\d_][\w'’.-]*)"
NAME_RE = re.compile(
    r"^[*_]*(?P<name>" + _CAPITALISED + r"(?:[ \t]+(?:" + _PARTICLES + "|" + _CAPITALISED + r")){1,5})[*_]*[ \t]*$"
)
CLOSING_RE = FoldedPattern(
    r"(?:assurances\s+of\s+(?:our|my)\s+highest\s+consideration|Yours\s+(?:sincerely|ever|faithfully|truly)"
    r"|(?:Veuillez|Veuillez\s+agréer).{0,80}considération|Acepte.{0,60}consideración)",
)
ALSO_SENT_RE = FoldedPattern(
    r"(?:also\s+been\s+(?:sent|addressed|transmitted)|(?:has|have)\s+been\s+(?:sent|addressed)\s+also|"
    r"similar\s+letters?\s+(?:has|have)\s+(?:also\s+)?been\s+(?:sent|addressed))\s+to\s+(?P<list>[^.]+)"
    r"|(?:se\s+han?\s+enviado|han?\s+sido\s+(?:enviad|dirigid)[oa]s?|également\s+été\s+(?:envoyée?s?|adressée?s?))"
    r"[^.]{0,80}?\s(?:a|aux?)\s+(?P<list2>[^.]+)",
)
REPLIED_RE = FoldedPattern(r"received\s+(?:a\s+)?repl(?:y|ies)\s+from\s+(?P<list>[^.]+)(?P<list2>)")
SALUTATION_RE = re.compile(
    r"^[ \t]*(?:Dear\s+)?(?P<title>Mr|Mrs|Ms|Dr|Sir|Madam|Mx)\.?[ \t]+(?P<name>[^,\n]{2,60}),[ \t]*$",
    re.MULTILINE,
)
_LEGAL_LINE_RE = re.compile(r"^[ \t]*(?P<name>[A-Z][\w.&-]*(?:[ \t][A-Z][\w.&-]*){0,3})[ \t]+(?:LLC|LCC|Inc\.?|Ltd\.?|Limited|Corp\.?|PLC|GmbH|S\.A\.)[ \t]*$", re.MULTILINE)
# The trailing alternative starts only where a run of separators starts (a segment starts
# with a holder word, never with one), so a long run of ", " is not tried at every offset.
_JOINERS_RE = re.compile(r"^[\s;,]*(?:and\s+)?(?:the\s+)?|(?<![\s;,])[\s;,]*+(?:and(?:\s+the)?)?[\s;,]*+$")


def _holder_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a list of mandate titles at each holder word ("Special Rapporteur", ...)."""
    starts = [m.start() for m in HOLDER_RE.finditer(text, start, end)]
    segments = []
    for i, seg_start in enumerate(starts):
        seg_end = starts[i + 1] if i + 1 < len(starts) else end
        raw = text[seg_start:seg_end]
        trimmed = _JOINERS_RE.sub("", raw)
        offset = raw.find(trimmed[:20]) if trimmed else 0
        segments.append((seg_start + max(offset, 0), seg_start + max(offset, 0) + len(trimmed)))
    return segments


def mandates_in_list(text: str, start: int, end: int) -> list[MandateMention]:
    """Mandates named in ``text[start:end]``, each once, in order."""
    out: list[MandateMention] = []
    seen: set[str] = set()
    for seg_start, seg_end in _holder_segments(text, start, end):
        mandate = resolve_mandate(text[seg_start:seg_end])
        if mandate is not None and mandate.id not in seen:
            seen.add(mandate.id)
            out.append(MandateMention(mandate.id, evidence(text, seg_start, seg_end)))
    return out


def _paragraph_end(text: str, start: int, stop_re: str = r"\n[ \t]*\n") -> int:
    match = re.compile(stop_re).search(text, start)
    return match.start() if match else len(text)


def find_letter_mandates(text: str) -> list[MandateMention]:
    """The opening "Mandates of ..." list; else the "in our capacities as ..." list."""
    opening = MANDATES_OPENING_RE.search(text, 0, 2000)
    if opening:
        found = mandates_in_list(text, opening.start(), _paragraph_end(text, opening.end()))
        if found:
            return found
    capacities = CAPACITIES_RE.search(text)
    if capacities:
        end = _CAPACITIES_END_RE.search(text, capacities.end())
        return mandates_in_list(text, capacities.end(), end.start() if end else _paragraph_end(text, capacities.end()))
    return []


def find_reply_mandates(text: str) -> list[MandateMention]:
    """The mandates a reply answers: its "Dear ..." list, else the "letter ... from the ..." list."""
    for match in DEAR_RE.finditer(text):
        found = mandates_in_list(text, match.end(), _paragraph_end(text, match.end()))
        if found:
            return found
    letter_from = re.search(r"letter\s+dated[^.]{0,40}?\s+from\s+the\s+", text)
    if letter_from:
        return mandates_in_list(text, letter_from.end(), _paragraph_end(text, letter_from.end(), r"\.\s|\n[ \t]*\n"))
    return []


def find_report_mandates(text: str) -> list[MandateMention]:
    """A report's author mandate: "Report of the Special Rapporteur on ..."."""
    match = REPORT_AUTHOR_RE.search(text) or REPORT_SUBMITTED_BY_RE.search(text)
    if not match:
        return []
    return mandates_in_list(text, match.end(), _paragraph_end(text, match.end(), r"\n"))[:1]


def find_signatories(text: str) -> list[Signatory]:
    """Name lines after the closing formula, each with the mandate of the title under it."""
    closing = None
    for closing in CLOSING_RE.finditer(text):
        pass
    if closing is None:
        return []
    region_end = _annex_start(text, closing.end())
    lines = _lines(text, closing.end(), region_end)
    out: list[Signatory] = []
    for i, (start, end, line) in enumerate(lines):
        match = NAME_RE.match(line)
        if not match or not _capitalised_words(match["name"]) or HOLDER_RE.search(line) or line.strip().casefold() in {"annex"}:
            continue
        title = lines[i + 1][2] if i + 1 < len(lines) else ""
        if out and not HOLDER_RE.search(title) and not _is_title_line(title):
            continue
        mandate = resolve_mandate(title) if HOLDER_RE.search(title) else None
        name_start = start + match.start("name")
        out.append(Signatory(match["name"], mandate.id if mandate else None, evidence(text, name_start, name_start + len(match["name"]))))
    return out


def _capitalised_words(name: str) -> bool:
    """Every word but particles starts with a capital (Unicode-aware: "Šimonovic")."""
    words = [w for w in name.split() if not re.fullmatch(_PARTICLES, w)]
    return all(w[0].isupper() for w in words)


def _is_title_line(line: str) -> bool:
    return bool(re.match(r"\s*(?:Ambassador|Permanent\s+Representative|Deputy|Minister|Chargé|Head|Director)", line))


def _annex_start(text: str, start: int) -> int:
    match = re.compile(r"^[ \t*#]*Annex\b", re.MULTILINE).search(text, start)
    return match.start() if match else len(text)


def _lines(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Non-blank lines of ``text[start:end]`` with their offsets."""
    out = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        if match.group().strip():
            out.append((start + match.start(), start + match.end(), match.group()))
    return out


_AUTHOR_NAME = (
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ \t]+(?:" + _PARTICLES + r"[ \t]+){0,2}[A-ZÀ-ÖØ-Þ][\w'’-]+){1,4})"
    r"(?=[ \t]*(?:,|\.|\n|$))"
)
# The name may start the next line when the title fills one ("... of children,\nMama Fatima
# Singhateh"), never run on over a line end (the next line is a heading).
AUTHOR_AFTER_TITLE_RE = re.compile(r",[ \t]*\n?[ \t]*(?:(?:Ms|Mr|Mrs|Dr)\.?[ \t]+)?" + _AUTHOR_NAME)
# "the Special Rapporteur, Maud de Boer-Buquicchio, ..." (the title alone, then the name)
AUTHOR_APPOSITION_RE = re.compile(
    r"\b(?:the\s+(?:Special\s+Rapporteur|Independent\s+Expert|Chair-Rapporteur|Chairperson)"
    r"|(?:la|le)\s+(?:Rapporteu(?:r|se)\s+spéciale?|Experte?\s+indépendante?)"
    r"|(?:la|el)\s+(?:Relatora?\s+Especial|Experta?\s+Independiente))"
    r",[ \t]*(?:(?:Ms|Mr|Mrs|Dr)\.?[ \t]+)?" + _AUTHOR_NAME
)
_APPOSITION_HEAD = 6000


def report_signatory(text: str, mandates: list[MandateMention]) -> list[Signatory]:
    """A report's author: the name after the mandate title ("..., Mama Fatima Singhateh",
    "..., Maud de Boer-Buquicchio"), else the name set after "the Special Rapporteur," in
    the report's opening pages.

    >>> text = "Report of the Special Rapporteur on the sale of children, Maud de Boer-Buquicchio\\n"
    >>> [s.name for s in report_signatory(text, find_report_mandates(text))]
    ['Maud de Boer-Buquicchio']
    """
    if not mandates:
        return []
    first = mandates[0]
    submitted = REPORT_SUBMITTED_BY_RE.search(text, max(0, first.evidence.start - 200), first.evidence.end)
    match = submitted or AUTHOR_AFTER_TITLE_RE.search(text, first.evidence.start, first.evidence.end + 120)
    if not match:
        match = AUTHOR_APPOSITION_RE.search(text, 0, _APPOSITION_HEAD)
    if not match or not _capitalised_words(match["name"]):
        return []
    return [Signatory(match["name"], first.mandate, evidence(text, match.start("name"), match.end("name")))]


def letter_addressee(
    text: str, country: str | None, companies: list[CompanyMention], country_span: Evidence | None = None
) -> Addressee | None:
    """The State of the reference's country code (``country_span``: where the code is
    written), or for ``OTH`` the company and person."""
    if country is None:
        return None
    if country != "OTH":
        state = state_by_code(country)
        return Addressee("state", state=state.iso3, evidence=country_span) if state else None
    salutation = SALUTATION_RE.search(text)
    person = salutation["name"].strip() if salutation else None
    name = _addressee_company(text, companies)
    span = evidence(text, salutation.start("name"), salutation.end("name")) if salutation else None
    return Addressee("company", name=name, person=person, evidence=span)


def _addressee_company(text: str, companies: list[CompanyMention]) -> str | None:
    """A company named on a line of its own near the top ("Omegle LCC"), else the company
    the letter names most often."""
    legal_line = _LEGAL_LINE_RE.search(text, 0, max(2000, len(text) // 3))
    if legal_line:
        key = company_key(legal_line["name"])
        for company in companies:
            if company_key(company.name) == key:
                return company.name
        return legal_line["name"]
    if not companies:
        return None
    return max(companies, key=lambda c: len(re.findall(re.escape(c.name), text, re.IGNORECASE))).name


def _states_in_list(text: str, match: re.Match[str], role: str, exclude: str | None) -> list[StateMention]:
    group = "list" if match.group("list") is not None else "list2"
    out = []
    for state, start, end in states_in_text(match[group]):
        if state.iso3 == exclude:
            continue
        offset = match.start(group)
        out.append(StateMention(state.iso3, role, evidence(text, offset + start, offset + end)))  # type: ignore[arg-type]
    return out


def find_other_states(text: str, addressee_state: str | None) -> list[StateMention]:
    """States also written to on the same matter, and States said to have replied."""
    out: list[StateMention] = []
    for match in ALSO_SENT_RE.finditer(text):
        out.extend(_states_in_list(text, match, "also_sent_to", addressee_state))
    for match in REPLIED_RE.finditer(text):
        out.extend(_states_in_list(text, match, "replied", addressee_state))
    seen: set[tuple[str, str]] = set()
    unique = []
    for mention in out:
        if (mention.state, mention.role) not in seen:
            seen.add((mention.state, mention.role))
            unique.append(mention)
    return unique


def reply_sender(text: str) -> tuple[str, int, int] | None:
    """The State whose Permanent Mission (or Government) sends a reply."""
    match = re.search(
        r"(?:Permanent\s+Mission|Mission\s+permanente|Misión\s+Permanente|Government)\s+(?:of|de|du|de\s+la)\s+",
        text,
    )
    if not match:
        return None
    states = states_in_text(text[match.end() : match.end() + 120])
    if not states or states[0][1] > 6:
        return None
    state, start, end = states[0]
    return state.iso3, match.end() + start, match.end() + end
