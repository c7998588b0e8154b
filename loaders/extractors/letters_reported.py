"""What a later document says about an earlier letter (ontology: ``rg:LetterReport`` facts,
mapped as attribute statements on the earlier letter).

Patterns of the genre:

- a reply "further to the letter dated 30 March 2021" about "communication AL GBR 3/2021":
  the letter's date, and its addressee (the replying State);
- a follow-up letter "in reference to the joint communication of 30 March 2021 addressed to
  your company ... (Ref: AL OTH 21/2021)": the earlier letter's date and addressee (this
  letter's addressee), and the earlier letter is followed up (role ``follow_up``);
- "We regret that we have not received a response from you to our letter": the earlier
  letter went unanswered as of this letter's date.

>>> text = ("we write in reference to the joint communication of 30 March 2021 addressed to your "
...         "company regarding Omegle (Ref: AL OTH 21/2021). We regret that we have not received "
...         "a response from you to our letter as requested.")
>>> [(r.reference, r.date.iso(), r.addressee_company, r.unanswered_evidence is not None)
...  for r in earlier_letters(text, own="AL OTH 11/2023", addressee_company="Omegle")]
[('AL OTH 21/2021', '2021-03-30', 'Omegle', True)]
>>> r = letter_of_reply("the response to communication AL GBR 3/2021, further to the letter dated 30 March 2021",
...                     "AL GBR 3/2021", "GBR", None)
>>> r.date.iso(), r.date_evidence.text, r.addressee_state
('2021-03-30', '30 March 2021', 'GBR')
"""

from __future__ import annotations

import re

from rightsgraph.loaders.extractors.references import find_references
from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.facts import CommunicationReference, CompanyMention, Evidence, LetterReport
from rightsgraph.loaders.untc_dates import find_dates

__all__ = ["companies_replied", "earlier_letters", "follow_up_roles", "letter_of_reply"]

_DATED_LETTER = re.compile(r"\b(?:letter|communication)\s+(?:dated|of)\s+", re.I)
_REFERENCE_TO = re.compile(
    r"\bin\s+reference\s+to\s+(?:the|our)\s+(?:joint\s+)?(?:communication|letter)\s+(?:dated\s+|of\s+)", re.I
)
_TO_COMPANY = re.compile(r"[^.]{0,40}?\baddressed\s+to\s+your\s+company\b", re.I)
_NO_RESPONSE = re.compile(
    r"\bwe\s+regret\s+that\s+we\s+have\s+not\s+(?:yet\s+)?received\s+(?:a|any)\s+(?:response|reply)\b", re.I
)
_REFERENCE_WINDOW = 1200  # the "(Ref: ...)" closing the sentence that names the earlier letter


def _date_after(text: str, start: int) -> tuple[object, Evidence] | None:
    dates = find_dates(text, start, min(len(text), start + 30))
    if not dates or dates[0].start != start:
        return None
    return dates[0].date, evidence(text, dates[0].start, dates[0].end)


def letter_of_reply(text: str, answered: str, sender_state: str | None,
                    sender_evidence: Evidence | None) -> LetterReport | None:
    """What a reply says of the letter it answers: its date ("further to the letter dated
    ...") and its addressee (the replying State). None when it says neither."""
    for match in _DATED_LETTER.finditer(text):
        found = _date_after(text, match.end())
        if found is not None:
            date, span = found
            return LetterReport(answered, date=date, date_evidence=span,  # type: ignore[arg-type]
                                addressee_state=sender_state, addressee_evidence=sender_evidence)
    if sender_state is not None:
        return LetterReport(answered, addressee_state=sender_state, addressee_evidence=sender_evidence)
    return None


def earlier_letters(text: str, own: str | None, addressee_company: str | None) -> list[LetterReport]:
    """The earlier letter a follow-up refers back to, with what it says of it."""
    reports = []
    for match in _REFERENCE_TO.finditer(text):
        found = _date_after(text, match.end())
        refs = [r for r in find_references(text, match.end(), min(len(text), match.end() + _REFERENCE_WINDOW))
                if r.reference != own]
        if found is None or not refs:
            continue
        date, span = found
        to_company = _TO_COMPANY.match(text, span.end, span.end + 60)
        company = addressee_company if to_company else None
        company_span = evidence(text, to_company.end() - len("your company"), to_company.end()) if to_company else None
        unanswered = _NO_RESPONSE.search(text, match.end())
        reports.append(LetterReport(
            refs[0].reference, date=date, date_evidence=span,  # type: ignore[arg-type]
            addressee_company=company, addressee_evidence=company_span if company else None,
            unanswered_evidence=evidence(text, unanswered.start(), unanswered.end()) if unanswered else None,
        ))
    return reports


def follow_up_roles(references: list[CommunicationReference], reports: list[LetterReport]) -> list[CommunicationReference]:
    """``references`` with the letters a follow-up refers back to marked ``follow_up``."""
    followed = {r.reference for r in reports if r.date is not None}
    return [CommunicationReference(r.reference, "follow_up", r.evidence)
            if r.reference in followed and r.role == "related" else r for r in references]


_REPLIES_FROM = re.compile(r"\breceived\s+(?:a\s+)?repl(?:y|ies)\s+from\b[^.]{0,800}", re.I)
_NAMELY = re.compile(r"\bnamely\b", re.I)


def companies_replied(text: str, companies: list[CompanyMention]) -> list[CompanyMention]:
    """Companies a letter says replied ("we have received replies from the Governments of
    ... and other concerned parties, namely TikTok"), each quoted where it is named there.

    >>> tiktok = CompanyMention("TikTok", "CHN", None, Evidence(0, 6, "TikTok"))
    >>> text = "TikTok ... we have received replies from the Governments of China and other concerned parties, namely [TikTok](#) on this matter."
    >>> [(c.name, text[c.evidence.start - 8:c.evidence.end]) for c in companies_replied(text, [tiktok])]
    [('TikTok', 'namely [TikTok')]
    """
    found: dict[str, CompanyMention] = {}
    for sentence in _REPLIES_FROM.finditer(text):
        namely = _NAMELY.search(text, sentence.start(), sentence.end())
        if namely is None:
            continue
        span = text[namely.end():sentence.end()]
        for company in companies:
            where = re.search(rf"\b{re.escape(company.name)}\b", span, re.I)
            if where is not None and company.name not in found:
                start = namely.end() + where.start()
                found[company.name] = CompanyMention(company.name, company.home_state, None,
                                                     evidence(text, start, start + len(company.name)))
    return list(found.values())
