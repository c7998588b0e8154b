"""UN Special Procedures mandates (2024) and resolution of the titles letters use.

``MANDATES`` holds the 46 thematic and 14 country mandates of the Human Rights Council as
of 2024, each with its current English title, earlier English titles, and French and
Spanish titles. ``DISCONTINUED_MANDATES`` keeps country mandates that older letters still
cite (Haiti, the Sudan) without counting them as current.

``resolve_mandate`` keys on distinctive subject words rather than exact titles, because the
wording of a mandate drifts with every renewal resolution:

>>> resolve_mandate("Special Rapporteur on the sale of children, child prostitution and "
...                 "child pornography").id
'sale-of-children'
>>> resolve_mandate("Relatora Especial sobre la violencia contra la mujer").id
'violence-against-women'
>>> resolve_mandate("Committee against Torture") is None
True
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

from rightsgraph.errors import NotFoundError
from rightsgraph.loaders.reference.mandate_table import (  # noqa: F401 - re-exported
    DISCONTINUED_MANDATES,
    MANDATE_STATES,
    MANDATES,
    TITLE_HISTORY,
    Holder,
)
from rightsgraph.loaders.facts import PartialDate
from rightsgraph.loaders.reference.model import Mandate
from rightsgraph.loaders.reference.states import resolve_state_name

_SUBJECT_RULES: tuple[tuple[str, str], ...] = (
    ("sale-of-children", r"\b(sale|vente|venta)\b.*\b(child|children|enfants?|ninos?)\b"
     r"|child (prostitution|pornography)|sexual (exploitation|abuse) of children"),
    ("business-and-human-rights", r"transnational corporations|business enterprises"
     r"|business and human rights|societes transnationales|empresas transnacionales"),
    ("leprosy", r"\b(leprosy|lepre|lepra)\b"),
    ("discrimination-against-women", r"discrimination against women"
     r"|discrimination a l egard des femmes|discriminacion contra (la mujer|las mujeres)"),
    ("violence-against-women", r"violence against women|violence (contre|a l egard des) "
     r"(les )?femmes|violencia contra (la mujer|las mujeres)"),
    ("trafficking", r"trafficking|traite des (etres humains|personnes)|trata de personas"),
    ("slavery", r"slavery|esclavage|esclavitud"),
    ("people-of-african-descent", r"african descent|ascendance africaine|afrodescendientes"),
    ("racism", r"\bracism|racisme|racismo|racial discrimination|xenophob"),
    ("freedom-of-expression", r"opinion and expression|freedom of expression"
     r"|opinion et d expression|liberte d expression|opinion y de expresion"
     r"|libertad de expresion"),
    ("freedom-of-assembly-and-association", r"peaceful assembly|freedom of association"
     r"|reunion pacifique|reunion et d association|reunion pacifica|liberte d association"
     r"|libertad de asociacion|reunion y de asociacion"),
    ("freedom-of-religion", r"religion or belief|religious intolerance|freedom of religion"
     r"|religion ou de conviction|liberte de religion|religion o de creencias"),
    ("torture", r"\btortur"),
    ("human-rights-defenders", r"human rights defenders|defenseurs (et defenseuses )?des droits"
     r"|defensor(es|as)? de (los )?derechos humanos"),
    ("privacy", r"\bprivacy\b|vie privee|\bprivacidad\b"),
    ("extreme-poverty", r"extreme poverty|extreme pauvrete|pobreza extrema|extrema pobreza"),
    ("foreign-debt", r"foreign debt|external debt|dette exterieure|deuda externa"),
    ("toxics", r"hazardous substances|\btoxic|dechets dangereux|desechos peligrosos"),
    ("climate-change", r"climate change|changements? climatiques?|cambio climatico"),
    ("environment", r"sustainable environment|human rights and the environment"
     r"|environnement sur propre sain|medio ambiente"),
    ("water-and-sanitation", r"drinking water|eau potable|agua potable|water and sanitation"),
    ("health", r"physical and mental health|right to health|sante physique et mentale"
     r"|droit a la sante|salud fisica y mental|derecho a la salud"),
    ("housing", r"adequate housing|right to housing|logement convenable|vivienda adecuada"),
    ("food", r"right to food|droit a l alimentation|derecho a la alimentacion"),
    ("education", r"right to education|droit a l education|derecho a la educacion"),
    ("development", r"right to development|droit au developpement|derecho al desarrollo"),
    ("international-order", r"international order|ordre international|orden internacional"),
    ("international-solidarity", r"international solidarity|solidarite internationale"
     r"|solidaridad internacional"),
    ("mercenaries", r"mercena"),
    ("unilateral-coercive-measures", r"unilateral coercive|coercitives unilaterales"
     r"|coercitivas unilaterales"),
    ("migrants", r"\bmigrant"),
    ("minority-issues", r"\bminorit|\bminoria"),
    ("indigenous-peoples", r"indigenous|autochtones|indigenas"),
    ("disability", r"disabilit|handicapees|discapacidad"),
    ("albinism", r"albinis"),
    ("older-persons", r"older persons|personnes agees|personas de edad|personas mayores"),
    ("sexual-orientation-and-gender-identity", r"sexual orientation|gender identity"
     r"|orientation sexuelle|orientacion sexual"),
    ("arbitrary-detention", r"arbitrary detention|detention arbitraire|detencion arbitraria"),
    ("enforced-disappearances", r"disappearances|disparitions forcees|desapariciones forzadas"),
    ("summary-executions", r"\bexecutions\b|\bejecuciones\b"),
    ("independence-of-judges-and-lawyers", r"judges and lawyers|independence of judges"
     r"|independance des juges|independencia de (los )?magistrados"),
    ("counter-terrorism", r"terroris"),
    ("truth-and-justice", r"\btruth\b|\bverite\b|\bverdad\b|non recurrence"),
    ("cultural-rights", r"cultural rights|droits culturels|derechos culturales"),
    ("internally-displaced-persons", r"internally displaced|deplacees dans leur propre pays"
     r"|desplazados internos"),
    ("peasants", r"\b(peasants|paysans|campesinos)\b"),
    ("country-opt", r"palestinian territor|territoires palestiniens|territorios palestinos"),
)

_HOLDER = re.compile(
    r"^(the )?(special rapporteur|special representative of the secretary general"
    r"|representative of the secretary general|working group of experts|working group"
    r"|independent expert|rapporteuse speciale|rapporteur special|groupe de travail d experts"
    r"|groupe de travail|experte independante|expert independant|relatora especial"
    r"|relator especial|grupo de trabajo de expertos|grupo de trabajo|experta independiente"
    r"|experto independiente)\b")
_FILLER = frozenset(
    "on of in for the issue question sur sobre en la le les el los las l d de des du del "
    "cuestion charge chargee dans".split())
# Bodies that are not Special Procedures; a phrase naming one without a holder title
# ("Committee against Torture") is not a mandate.
_OTHER_BODY = re.compile(
    r"\b(committee|comite|commission|council|conseil|consejo|convention|convencion|covenant"
    r"|pacte|pacto|protocol|protocole|protocolo|declaration|declaracion|mechanism|mecanisme"
    r"|mecanismo|forum|foro|fund|fonds|fondo|commissioner|commissaire|comisionado)\b")
_COUNTRY_PHRASE = re.compile(r"\bhuman rights (situation )?in (?P<state>.+)$")


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def _subject(normalised: str) -> str:
    """The phrase without its holder words and the filler after them."""
    words = _HOLDER.sub("", normalised).split()
    while words and words[0] in _FILLER:
        words.pop(0)
    return " ".join(words)


def _all_mandates() -> tuple[Mandate, ...]:
    return MANDATES + DISCONTINUED_MANDATES


@functools.cache
def _by_id() -> Mapping[str, Mandate]:
    return MappingProxyType({m.id: m for m in _all_mandates()})


@functools.cache
def _by_subject() -> Mapping[str, Mandate]:
    return MappingProxyType({_subject(_normalise(t)): m for m in _all_mandates() for t in m.titles})


@functools.cache
def _compiled_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((id_, re.compile(rule)) for id_, rule in _SUBJECT_RULES)


def mandate_by_id(mandate_id: str) -> Mandate:
    """The mandate with this contract id; raises :class:`NotFoundError` when unknown.

    >>> mandate_by_id("slavery").holder
    'Special Rapporteur'
    """
    mandate = _by_id().get(mandate_id)
    if mandate is None:
        raise NotFoundError(f"no mandate {mandate_id!r}", details={"mandate": mandate_id})
    return mandate


def mandate_state(mandate_id: str) -> str | None:
    """The ISO alpha-3 code of the State a country mandate covers, else None."""
    return MANDATE_STATES.get(mandate_id)


def _leading_state(words: list[str]) -> str | None:
    """The ISO alpha-3 code of the State named by the longest prefix of ``words``."""
    for end in range(len(words), 0, -1):
        state = resolve_state_name(" ".join(words[:end]))
        if state is not None:
            return state.iso3
    return None


def _country_mandate(subject: str) -> Mandate | None:
    match = _COUNTRY_PHRASE.search(subject)
    iso3 = _leading_state(match.group("state").split()) if match else None
    iso3 = iso3 or (state.iso3 if (state := resolve_state_name(subject)) else None)
    return next((_by_id()[m] for m, code in MANDATE_STATES.items() if code == iso3), None)


def resolve_mandate(phrase: str) -> Mandate | None:
    """The mandate a title phrase names, with or without holder words, in English, French or
    Spanish, in any of its historical wordings; None when no mandate fits.

    The caller splits lists of titles first; if a phrase still names several mandates,
    the most specific subject rule wins.

    >>> resolve_mandate("Working Group on the issue of human rights and transnational\\n"
    ...                 "corporations and other business enterprises").id
    'business-and-human-rights'
    >>> resolve_mandate("Special Rapporteur on the situation of human rights in Myanmar").id
    'country-myanmar'
    """
    normalised = _normalise(phrase)
    subject = _subject(normalised)
    if not subject:
        return None
    exact = _by_subject().get(subject)
    if exact is not None:
        return exact
    if _HOLDER.match(normalised) is None and _OTHER_BODY.search(normalised):
        return None
    for mandate_id, rule in _compiled_rules():
        if rule.search(subject):
            return _by_id()[mandate_id]
    return _country_mandate(subject)


def _title_regex(title: str) -> str:
    words = (re.escape(w).replace("'", "['’ʼ]") for w in title.split())
    return r"\s+".join(words)


@functools.cache
def mandate_title_pattern() -> re.Pattern[str]:
    """A regex finding any known mandate title (any language, any wording on record) in
    running text, case-insensitive, longest first, spaces matching line breaks."""
    titles = sorted({t for m in _all_mandates() for t in m.titles}, key=lambda t: (-len(t), t))
    body = "|".join(_title_regex(t) for t in titles)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def mandates_in_text(text: str) -> list[tuple[Mandate, int, int]]:
    """Every known mandate title in ``text`` as ``(mandate, start, end)``, in order."""
    found = []
    for match in mandate_title_pattern().finditer(text):
        mandate = resolve_mandate(match.group())
        if mandate is not None:
            found.append((mandate, match.start(), match.end()))
    return found


def title_on(mandate_id: str, date: PartialDate | None) -> dict[str, object]:
    """The title the mandate had on ``date``, from the dated title history.

    ``certain`` is False when ``date`` falls where a change's date is known only to the month
    or year (both titles are then given in ``candidates``); ``dated`` is False for a mandate
    without a dated history (the current title is given, and says so).

    >>> title_on("sale-of-children", PartialDate(2021, 3, 30))["title"]
    'Special Rapporteur on the sale and sexual exploitation of children, including child prostitution, child pornography and other child sexual abuse material'
    >>> title_on("sale-of-children", PartialDate(2024, 7, 9))["basis"]
    'Human Rights Council resolution 52/26'
    >>> [c["since"] for c in title_on("sale-of-children", PartialDate(2023, 4, 2))["candidates"]]
    ['2017-03', '2023-04']
    """
    history = TITLE_HISTORY.get(mandate_id)
    mandate = mandate_by_id(mandate_id)
    if not history or date is None:
        # Without a dated history the current title is certain only if it never changed.
        unchanged = date is not None and not mandate.historical_titles
        return {"title": mandate.title, "since": None, "basis": None, "dated": False, "certain": unchanged,
                "candidates": []}
    steps = [(PartialDate.parse(since), title, basis) for since, title, basis in history]
    before = [s for s in steps if s[0].latest() < date.earliest()]
    unsure = [s for s in steps if s[0].latest() >= date.earliest() and s[0].earliest() <= date.latest()]
    chosen = (before[-1:] + unsure) if unsure else before[-1:]
    if not chosen:  # before the mandate's first recorded title
        return {"title": None, "since": None, "basis": None, "dated": True, "certain": True, "candidates": []}
    candidates = [{"title": t, "since": s.iso(), "basis": b} for s, t, b in chosen]
    last = candidates[-1] if not unsure else candidates[0]
    return {**last, "dated": True, "certain": len(candidates) == 1,
            "candidates": candidates if len(candidates) > 1 else []}
