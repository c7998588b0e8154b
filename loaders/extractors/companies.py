"""Companies a document concerns or names as actors, with the State the text says they are
based in and their owner: "Omegle, a live video chat website based in the United States of
America", "Tiktok, a China-based company", "Instagram, owned by Facebook Inc.", "Apple and
Google stores, companies based in the United States of America", "X (formerly Twitter)".

Ontology terms produced: ``org:FormalOrganization`` with ``rg:homeState`` and ``rg:ownedBy``.
Names come from two rules: a list of online platforms and technology firms that letters
about online exploitation name, and any capitalised name with a legal-form suffix (Inc.,
LLC, Ltd ...). A home State is asserted only where the text says it; research sources and
NGOs are not companies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rightsgraph.loaders.extractors.spans import evidence
from rightsgraph.loaders.facts import CompanyMention
from rightsgraph.loaders.reference.states import state_by_demonym, states_in_text
from rightsgraph.loaders.reference.textscan import AnchoredPattern

# canonical name -> regex for its mentions (case-insensitive ones use (?i:...))
PLATFORMS: dict[str, str] = {
    "Meta": r"Meta(?:\s+Platforms)?(?!\w)",
    "Facebook": r"(?i:facebook)",
    "Instagram": r"(?i:instagram)",
    "WhatsApp": r"(?i:whatsapp)",
    "X": r"X(?=\s*\(formerly\s+Twitter\)|\s+Corp\b)",
    "Twitter": r"(?<!formerly )Twitter",
    "Google": r"Google",
    "YouTube": r"(?i:youtube)",
    "Alphabet": r"Alphabet(?=\s+Inc)",
    "Apple": r"Apple",
    "Microsoft": r"Microsoft",
    "TikTok": r"(?i:tiktok)",
    "ByteDance": r"(?i:bytedance)",
    "Snapchat": r"(?i:snapchat)",
    "Discord": r"Discord",
    "Telegram": r"Telegram",
    "Roblox": r"(?i:roblox)",
    "Omegle": r"(?i:omegle)",
    "Reddit": r"Reddit",
    "Twitch": r"Twitch",
    "Zoom": r"Zoom(?=\s+(?:Video|Communications|Inc))",
    "Skype": r"Skype",
    "OnlyFans": r"(?i:onlyfans)",
    "Pornhub": r"(?i:pornhub)",
    "MindGeek": r"(?i:mindgeek)",
    "Aylo": r"Aylo",
    "xHamster": r"(?i:xhamster)",
    "XVideos": r"(?i:xvideos)",
    "Tumblr": r"(?i:tumblr)",
    "Yahoo": r"Yahoo",
    "Kik": r"Kik(?=\s+(?:Messenger|Interactive))",
    "Yubo": r"Yubo",
    "Tinder": r"Tinder",
    "WeChat": r"(?i:wechat)",
    "Tencent": r"Tencent",
    "VKontakte": r"(?i:vkontakte)",
    "Pinterest": r"Pinterest",
    "LinkedIn": r"LinkedIn",
    "PayPal": r"(?i:paypal)",
    "Mastercard": r"(?i:mastercard)",
    "Cloudflare": r"(?i:cloudflare)",
    "OpenAI": r"OpenAI",
    "Stability AI": r"Stability\s+AI",
    "Midjourney": r"Midjourney",
    "Likee": r"Likee",
    "Bigo Live": r"Bigo\s+Live",
    "Kuaishou": r"Kuaishou",
    "Weibo": r"Weibo",
}
PLATFORM_RE = re.compile(
    "|".join(f"(?P<p{i}>(?<![\\w.@/-]){pattern}(?![\\w-]))" for i, pattern in enumerate(PLATFORMS.values()))
)
_CANONICAL = list(PLATFORMS)
_PLATFORM_SCAN = AnchoredPattern(PLATFORM_RE, PLATFORMS)
_NAME = r"[A-Z][\w&'’.-]*(?:[ \t][A-Z][\w&'’.-]*){0,3}"
LEGAL_FORM_RE = re.compile(
    r"(?<![\w.])(?P<name>" + _NAME + r")[ \t,]+(?P<form>Inc\.?|LLC|LCC|L\.L\.C\.|Ltd\.?|Limited|Corp\.?|Corporation|PLC|plc|GmbH|S\.A\.|AG)(?![\w])"
)
OWNED_BY_RE = re.compile(r",?\s*(?:owned|operated|acquired)\s+by\s+(?P<owner>" + _NAME + ")")
_BASED = r"(?:based|headquartered|registered|incorporated|domiciled)\s+in\s+"
BASED_AFTER_RE = re.compile(r"^[^.;:!?]{0,90}?\b" + _BASED, re.DOTALL)
STATE_BASED_RE = re.compile(r"^,?\s*an?\s+(?P<where>[A-Z][\w ]{1,40}?)-based\b")
BASED_BEFORE_RE = re.compile(_BASED + r"(?:the\s+)?[^:.;]{2,60}:\s*$")
COMPANIES_BASED_RE = re.compile(r"^[^.;]{0,40}?,\s*(?:both\s+|all\s+)?companies\s+" + _BASED)
_SUFFIXES = {"inc", "llc", "lcc", "ltd", "corp", "corporation", "limited", "plc", "gmbh", "sa", "ag", "com", "co"}


@dataclass(frozen=True, slots=True)
class _Found:
    name: str
    start: int
    end: int


def company_key(name: str) -> str:
    """Name without legal forms, for matching mentions of one company.

    >>> company_key("Facebook Inc."), company_key("Omegle.com LLC")
    ('facebook', 'omegle')
    """
    words = [w for w in re.findall(r"[a-z0-9]+", name.casefold()) if w not in _SUFFIXES]
    return " ".join(words)


def _platform_mentions(text: str) -> list[_Found]:
    found = []
    for match in _PLATFORM_SCAN.finditer(text):
        index = int(match.lastgroup[1:])  # type: ignore[index]
        found.append(_Found(_CANONICAL[index], match.start(), match.end()))
    return found


def _legal_form_mentions(text: str) -> list[_Found]:
    found = []
    for match in LEGAL_FORM_RE.finditer(text):
        name = re.sub(r"^(?:The|By|And|Of|In|On)\s+", "", match["name"])
        if len(company_key(name)) >= 2:
            found.append(_Found(name, match.start(), match.end()))
    return found


def _home_state_after(text: str, end: int) -> str | None:
    tail = text[end : end + 200]
    based = STATE_BASED_RE.match(tail)
    if based:
        states = states_in_text(based["where"])
        if states:
            return states[0][0].iso3
        demonym = state_by_demonym(based["where"].split()[-1])
        return demonym.iso3 if demonym else None
    for pattern in (BASED_AFTER_RE, COMPANIES_BASED_RE):
        match = pattern.match(tail)
        if match:
            states = states_in_text(tail[match.end() : match.end() + 80])
            if states and states[0][1] < 6:
                return states[0][0].iso3
    return None


def _home_state_before(text: str, start: int) -> str | None:
    head = text[max(0, start - 120) : start]
    match = BASED_BEFORE_RE.search(head)
    if match:
        states = states_in_text(match.group())
        if states:
            return states[0][0].iso3
    return None


def _owner(text: str, end: int) -> str | None:
    match = OWNED_BY_RE.match(text, end)
    return match["owner"] if match else None


def find_companies(text: str) -> list[CompanyMention]:
    """One mention per company (its first), with a home State where any mention states one."""
    mentions = sorted(_platform_mentions(text) + _legal_form_mentions(text), key=lambda f: f.start)
    by_key: dict[str, CompanyMention] = {}
    for found in mentions:
        key = company_key(found.name)
        home = _home_state_after(text, found.end) or _home_state_before(text, found.start)
        owner = _owner(text, found.end)
        current = by_key.get(key)
        if current is None:
            by_key[key] = CompanyMention(found.name, home, owner, evidence(text, found.start, found.end))
        elif current.home_state is None and home is not None or current.owner is None and owner:
            by_key[key] = CompanyMention(
                current.name, current.home_state or home, current.owner or owner, current.evidence
            )
    return _with_owner_homes(list(by_key.values()))


def _with_owner_homes(companies: list[CompanyMention]) -> list[CompanyMention]:
    """An owner named in the same breath shares the home State the text gives its subsidiary
    ("a company based in the United States of America: Instagram, owned by Facebook Inc.")."""
    out = []
    for company in companies:
        owned = [c for c in companies if c.owner and company_key(c.owner) == company_key(company.name)]
        if company.home_state is None and owned and owned[0].home_state:
            company = CompanyMention(company.name, owned[0].home_state, company.owner, company.evidence)
        out.append(company)
    return out
