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
from typing import Literal

from rightsgraph.errors import NotFoundError
from rightsgraph.loaders.reference.model import Mandate
from rightsgraph.loaders.reference.states import resolve_state_name

Holder = Literal["Special Rapporteur", "Working Group", "Independent Expert"]
_FR_HOLDER = {"Special Rapporteur": "Rapporteur spécial", "Working Group": "Groupe de travail",
              "Independent Expert": "Expert indépendant"}
_ES_HOLDER = {"Special Rapporteur": "Relator Especial", "Working Group": "Grupo de Trabajo",
              "Independent Expert": "Experto Independiente"}


def _thematic(id_: str, holder: Holder, year: int, title: str, fr: str, es: str,
              history: tuple[str, ...] = (), fr_more: tuple[str, ...] = (),
              es_more: tuple[str, ...] = ()) -> Mandate:
    """A thematic mandate; ``title``, ``fr`` and ``es`` are given without the holder words
    when they start with "on"/"sur"/"sobre", else in full."""

    def full(text: str, holder_words: str) -> str:
        return text if text[0].isupper() else f"{holder_words} {text}"

    return Mandate(id_, "thematic", holder, full(title, holder), history,
                   (full(fr, _FR_HOLDER[holder]), *fr_more), (full(es, _ES_HOLDER[holder]), *es_more),
                   year)


def _country(id_: str, holder: Holder, year: int, en: str, fr: str, es: str,
             history: tuple[str, ...] = ()) -> Mandate:
    """A country mandate "on the situation of human rights in <en>"."""
    return Mandate(
        id_, "country", holder, f"{holder} on the situation of human rights in {en}", history,
        (f"{_FR_HOLDER[holder]} sur la situation des droits de l'homme {fr}",),
        (f"{_ES_HOLDER[holder]} sobre la situación de los derechos humanos {es}",), year)


_SR: Holder = "Special Rapporteur"
_WG: Holder = "Working Group"
_IE: Holder = "Independent Expert"

_THEMATIC: tuple[Mandate, ...] = (
    _thematic(
        "sale-of-children", _SR, 1990,
        "on the sale, sexual exploitation and sexual abuse of children",
        "Rapporteuse spéciale sur la vente, l'exploitation sexuelle et les abus sexuels d'enfants",
        "Relatora Especial sobre la venta, la explotación sexual y el abuso sexual de niños",
        history=(
            "Special Rapporteur on the sale of children, child prostitution and child pornography",
            "Special Rapporteur on the sale and sexual exploitation of children, including child "
            "prostitution, child pornography and other child sexual abuse material"),
        fr_more=(
            "Rapporteuse spéciale sur la vente et l'exploitation sexuelle d'enfants, y compris la "
            "prostitution des enfants, la pornographie mettant en scène des enfants et d'autres "
            "contenus montrant des violences sexuelles sur enfant",
            "Rapporteur spécial sur la vente d'enfants, la prostitution des enfants et la "
            "pornographie mettant en scène des enfants"),
        es_more=(
            "Relatora Especial sobre la venta y la explotación sexual de niños, incluidos la "
            "prostitución infantil, la utilización de niños en la pornografía y demás material "
            "que muestre abusos sexuales de niños",
            "Relator Especial sobre la venta de niños, la prostitución infantil y la utilización "
            "de niños en la pornografía")),
    _thematic(
        "business-and-human-rights", _WG, 2011,
        "on the issue of human rights and transnational corporations and other business "
        "enterprises",
        "sur la question des droits de l'homme et des sociétés transnationales et autres "
        "entreprises",
        "sobre la cuestión de los derechos humanos y las empresas transnacionales y otras "
        "empresas"),
    _thematic("education", _SR, 1998, "on the right to education",
              "sur le droit à l'éducation", "sobre el derecho a la educación"),
    _thematic(
        "slavery", _SR, 2007,
        "on contemporary forms of slavery, including its causes and consequences",
        "sur les formes contemporaines d'esclavage, y compris leurs causes et leurs conséquences",
        "sobre las formas contemporáneas de la esclavitud, incluidas sus causas y consecuencias"),
    _thematic(
        "trafficking", _SR, 2004, "on trafficking in persons, especially women and children",
        "sur la traite des êtres humains, en particulier les femmes et les enfants",
        "sobre la trata de personas, especialmente mujeres y niños"),
    _thematic(
        "violence-against-women", _SR, 1994,
        "on violence against women and girls, its causes and consequences",
        "Rapporteuse spéciale sur la violence contre les femmes et les filles, ses causes et ses "
        "conséquences",
        "Relatora Especial sobre la violencia contra las mujeres y las niñas, sus causas y "
        "consecuencias",
        history=("Special Rapporteur on violence against women, its causes and consequences",),
        fr_more=("Rapporteuse spéciale chargée de la question de la violence contre les femmes, y "
                 "compris ses causes et ses conséquences",),
        es_more=("Relatora Especial sobre la violencia contra la mujer, sus causas y "
                 "consecuencias",)),
    _thematic(
        "discrimination-against-women", _WG, 2010, "on discrimination against women and girls",
        "sur la discrimination à l'égard des femmes et des filles",
        "sobre la discriminación contra las mujeres y las niñas",
        history=("Working Group on the issue of discrimination against women in law and in "
                 "practice",),
        fr_more=("Groupe de travail chargé de la question de la discrimination à l'égard des "
                 "femmes dans la législation et dans la pratique",),
        es_more=("Grupo de Trabajo sobre la cuestión de la discriminación contra la mujer en la "
                 "legislación y en la práctica",)),
    _thematic(
        "freedom-of-expression", _SR, 1993,
        "on the promotion and protection of the right to freedom of opinion and expression",
        "sur la promotion et la protection du droit à la liberté d'opinion et d'expression",
        "sobre la promoción y protección del derecho a la libertad de opinión y de expresión"),
    _thematic(
        "torture", _SR, 1985, "on torture and other cruel, inhuman or degrading treatment or "
        "punishment",
        "sur la torture et autres peines ou traitements cruels, inhumains ou dégradants",
        "sobre la tortura y otros tratos o penas crueles, inhumanos o degradantes",
        history=("Special Rapporteur on the question of torture",)),
    _thematic(
        "human-rights-defenders", _SR, 2000, "on the situation of human rights defenders",
        "sur la situation des défenseurs des droits de l'homme",
        "sobre la situación de los defensores de los derechos humanos",
        history=("Special Representative of the Secretary-General on the situation of human "
                 "rights defenders",)),
    _thematic("privacy", _SR, 2015, "on the right to privacy", "sur le droit à la vie privée",
              "sobre el derecho a la privacidad"),
    _thematic(
        "freedom-of-religion", _SR, 1986, "on freedom of religion or belief",
        "sur la liberté de religion ou de conviction",
        "sobre la libertad de religión o de creencias",
        history=("Special Rapporteur on religious intolerance",)),
    _thematic(
        "extreme-poverty", _SR, 1998, "on extreme poverty and human rights",
        "sur l'extrême pauvreté et les droits de l'homme",
        "sobre la extrema pobreza y los derechos humanos",
        history=("Independent Expert on the question of human rights and extreme poverty",)),
    _thematic(
        "health", _SR, 2002, "on the right of everyone to the enjoyment of the highest "
        "attainable standard of physical and mental health",
        "sur le droit qu'a toute personne de jouir du meilleur état de santé physique et "
        "mentale possible",
        "sobre el derecho de toda persona al disfrute del más alto nivel posible de salud física "
        "y mental"),
    _thematic(
        "housing", _SR, 2000, "on adequate housing as a component of the right to an adequate "
        "standard of living, and on the right to non-discrimination in this context",
        "sur le logement convenable en tant qu'élément du droit à un niveau de vie suffisant "
        "ainsi que sur le droit à la non-discrimination dans ce contexte",
        "sobre una vivienda adecuada como elemento integrante del derecho a un nivel de vida "
        "adecuado y sobre el derecho de no discriminación a este respecto"),
    _thematic("food", _SR, 2000, "on the right to food", "sur le droit à l'alimentation",
              "sobre el derecho a la alimentación"),
    _thematic(
        "water-and-sanitation", _SR, 2008, "on the human rights to safe drinking water and "
        "sanitation",
        "sur les droits de l'homme à l'eau potable et à l'assainissement",
        "sobre los derechos humanos al agua potable y al saneamiento",
        history=("Independent Expert on the issue of human rights obligations related to access "
                 "to safe drinking water and sanitation",
                 "Special Rapporteur on the human right to safe drinking water and sanitation")),
    _thematic("migrants", _SR, 1999, "on the human rights of migrants",
              "sur les droits de l'homme des migrants",
              "sobre los derechos humanos de los migrantes"),
    _thematic("minority-issues", _SR, 2005, "on minority issues",
              "sur les questions relatives aux minorités", "sobre cuestiones de las minorías",
              history=("Independent Expert on minority issues",)),
    _thematic(
        "indigenous-peoples", _SR, 2001, "on the rights of Indigenous Peoples",
        "sur les droits des peuples autochtones", "sobre los derechos de los pueblos indígenas",
        history=("Special Rapporteur on the situation of human rights and fundamental freedoms "
                 "of indigenous people",)),
    _thematic("disability", _SR, 2014, "on the rights of persons with disabilities",
              "sur les droits des personnes handicapées",
              "sobre los derechos de las personas con discapacidad"),
    _thematic("albinism", _IE, 2015, "on the enjoyment of human rights by persons with albinism",
              "sur l'exercice des droits de l'homme par les personnes atteintes d'albinisme",
              "sobre el disfrute de los derechos humanos por las personas con albinismo"),
    _thematic("older-persons", _IE, 2013, "on the enjoyment of all human rights by older persons",
              "Expert indépendant chargé de promouvoir l'exercice par les personnes âgées de tous "
              "les droits de l'homme",
              "sobre el disfrute de todos los derechos humanos por las personas de edad"),
    _thematic(
        "sexual-orientation-and-gender-identity", _IE, 2016,
        "on protection against violence and discrimination based on sexual orientation and "
        "gender identity",
        "Expert indépendant chargé de la question de la protection contre la violence et la "
        "discrimination fondées sur l'orientation sexuelle et l'identité de genre",
        "sobre la protección contra la violencia y la discriminación por motivos de orientación "
        "sexual o identidad de género"),
    _thematic(
        "racism", _SR, 1993, "on contemporary forms of racism, racial discrimination, xenophobia "
        "and related intolerance",
        "sur les formes contemporaines de racisme, de discrimination raciale, de xénophobie et de "
        "l'intolérance qui y est associée",
        "sobre las formas contemporáneas de racismo, discriminación racial, xenofobia y formas "
        "conexas de intolerancia"),
    _thematic("people-of-african-descent", _WG, 2002,
              "Working Group of Experts on People of African Descent",
              "Groupe de travail d'experts sur les personnes d'ascendance africaine",
              "Grupo de Trabajo de Expertos sobre los Afrodescendientes"),
    _thematic("arbitrary-detention", _WG, 1991, "on Arbitrary Detention",
              "sur la détention arbitraire", "sobre la Detención Arbitraria"),
    _thematic("enforced-disappearances", _WG, 1980, "on Enforced or Involuntary Disappearances",
              "sur les disparitions forcées ou involontaires",
              "sobre las Desapariciones Forzadas o Involuntarias"),
    _thematic("summary-executions", _SR, 1982, "on extrajudicial, summary or arbitrary executions",
              "sur les exécutions extrajudiciaires, sommaires ou arbitraires",
              "sobre las ejecuciones extrajudiciales, sumarias o arbitrarias",
              history=("Special Rapporteur on summary or arbitrary executions",)),
    _thematic("independence-of-judges-and-lawyers", _SR, 1994,
              "on the independence of judges and lawyers",
              "sur l'indépendance des juges et des avocats",
              "sobre la independencia de los magistrados y abogados"),
    _thematic(
        "counter-terrorism", _SR, 2005, "on the promotion and protection of human rights and "
        "fundamental freedoms while countering terrorism",
        "sur la promotion et la protection des droits de l'homme et des libertés fondamentales "
        "dans la lutte antiterroriste",
        "sobre la promoción y la protección de los derechos humanos y las libertades "
        "fundamentales en la lucha contra el terrorismo"),
    _thematic(
        "truth-and-justice", _SR, 2011, "on the promotion of truth, justice, reparation and "
        "guarantees of non-recurrence",
        "sur la promotion de la vérité, de la justice, de la réparation et des garanties de "
        "non-répétition",
        "sobre la promoción de la verdad, la justicia, la reparación y las garantías de no "
        "repetición"),
    _thematic("freedom-of-assembly", _SR, 2010,
              "on the rights to freedom of peaceful assembly and of association",
              "sur le droit de réunion pacifique et la liberté d'association",
              "sobre los derechos a la libertad de reunión pacífica y de asociación"),
    _thematic("cultural-rights", _SR, 2009, "Special Rapporteur in the field of cultural rights",
              "Rapporteuse spéciale dans le domaine des droits culturels",
              "Relatora Especial en la esfera de los derechos culturales",
              history=("Independent Expert in the field of cultural rights",)),
    _thematic(
        "environment", _SR, 2012, "on the issue of human rights obligations relating to the "
        "enjoyment of a safe, clean, healthy and sustainable environment",
        "sur la question des obligations relatives aux droits de l'homme se rapportant aux "
        "moyens de bénéficier d'un environnement sûr, propre, sain et durable",
        "sobre la cuestión de las obligaciones de derechos humanos relacionadas con el disfrute "
        "de un medio ambiente sin riesgos, limpio, saludable y sostenible",
        history=("Independent Expert on the issue of human rights obligations relating to the "
                 "enjoyment of a safe, clean, healthy and sustainable environment",
                 "Special Rapporteur on human rights and the environment")),
    _thematic("climate-change", _SR, 2021, "on the promotion and protection of human rights in "
              "the context of climate change",
              "sur la promotion et la protection des droits de l'homme dans le contexte des "
              "changements climatiques",
              "sobre la promoción y protección de los derechos humanos en el contexto del cambio "
              "climático"),
    _thematic(
        "toxics", _SR, 1995, "on the implications for human rights of the environmentally sound "
        "management and disposal of hazardous substances and wastes",
        "sur les incidences sur les droits de l'homme de la gestion et de l'élimination "
        "écologiquement rationnelles des produits et déchets dangereux",
        "sobre las implicaciones para los derechos humanos de la gestión y eliminación "
        "ecológicamente racionales de las sustancias y los desechos peligrosos",
        history=("Special Rapporteur on the adverse effects of the movement and dumping of toxic "
                 "and dangerous products and wastes on the enjoyment of human rights",)),
    _thematic("development", _SR, 2016, "on the right to development",
              "sur le droit au développement", "sobre el derecho al desarrollo"),
    _thematic("international-order", _IE, 2011,
              "on the promotion of a democratic and equitable international order",
              "sur la promotion d'un ordre international démocratique et équitable",
              "sobre la promoción de un orden internacional democrático y equitativo"),
    _thematic("international-solidarity", _IE, 2005,
              "on human rights and international solidarity",
              "sur les droits de l'homme et la solidarité internationale",
              "sobre los derechos humanos y la solidaridad internacional"),
    _thematic(
        "mercenaries", _WG, 1987, "on the use of mercenaries as a means of violating human rights "
        "and impeding the exercise of the right of peoples to self-determination",
        "sur l'utilisation de mercenaires comme moyen de violer les droits de l'homme et "
        "d'empêcher l'exercice du droit des peuples à l'autodétermination",
        "sobre la utilización de mercenarios como medio de violar los derechos humanos y "
        "obstaculizar el ejercicio del derecho de los pueblos a la libre determinación",
        history=("Special Rapporteur on the use of mercenaries as a means of violating human "
                 "rights and impeding the exercise of the right of peoples to "
                 "self-determination",)),
    _thematic("unilateral-coercive-measures", _SR, 2014, "on the negative impact of unilateral "
              "coercive measures on the enjoyment of human rights",
              "sur les effets négatifs des mesures coercitives unilatérales sur l'exercice des "
              "droits de l'homme",
              "sobre las repercusiones negativas de las medidas coercitivas unilaterales en el "
              "disfrute de los derechos humanos"),
    _thematic(
        "foreign-debt", _IE, 2000, "on the effects of foreign debt and other related international "
        "financial obligations of States on the full enjoyment of all human rights, particularly "
        "economic, social and cultural rights",
        "Expert indépendant chargé d'examiner les effets de la dette extérieure et des "
        "obligations financières internationales connexes des États sur le plein exercice de "
        "tous les droits de l'homme, en particulier des droits économiques, sociaux et culturels",
        "sobre las consecuencias de la deuda externa y las obligaciones financieras "
        "internacionales conexas de los Estados para el pleno goce de todos los derechos "
        "humanos, sobre todo los derechos económicos, sociales y culturales"),
    _thematic("leprosy", _SR, 2017, "on the elimination of discrimination against persons "
              "affected by leprosy and their family members",
              "sur l'élimination de la discrimination à l'égard des personnes touchées par la "
              "lèpre et des membres de leur famille",
              "sobre la eliminación de la discriminación contra las personas afectadas por la "
              "lepra y sus familiares"),
    _thematic(
        "internally-displaced-persons", _SR, 1992,
        "on the human rights of internally displaced persons",
        "sur les droits de l'homme des personnes déplacées dans leur propre pays",
        "sobre los derechos humanos de los desplazados internos",
        history=("Representative of the Secretary-General on the human rights of internally "
                 "displaced persons",
                 "Representative of the Secretary-General on internally displaced persons")),
    _thematic("peasants", _WG, 2023,
              "on the rights of peasants and other people working in rural areas",
              "sur les droits des paysans et des autres personnes travaillant dans les zones "
              "rurales",
              "sobre los derechos de los campesinos y de otras personas que trabajan en las "
              "zonas rurales"),
)

_COUNTRY: tuple[Mandate, ...] = (
    _country("country-afghanistan", _SR, 2021, "Afghanistan", "en Afghanistan", "en el Afganistán"),
    _country("country-belarus", _SR, 2012, "Belarus", "au Bélarus", "en Belarús"),
    _country("country-burundi", _SR, 2021, "Burundi", "au Burundi", "en Burundi"),
    _country("country-cambodia", _SR, 1993, "Cambodia", "au Cambodge", "en Camboya",
             history=("Special Representative of the Secretary-General for human rights in "
                      "Cambodia",)),
    _country("country-car", _IE, 2013, "the Central African Republic",
             "en République centrafricaine", "en la República Centroafricana"),
    _country("country-dprk", _SR, 2004, "the Democratic People's Republic of Korea",
             "en République populaire démocratique de Corée",
             "en la República Popular Democrática de Corea"),
    _country("country-eritrea", _SR, 2012, "Eritrea", "en Érythrée", "en Eritrea"),
    _country("country-iran", _SR, 2011, "the Islamic Republic of Iran",
             "en République islamique d'Iran", "en la República Islámica del Irán"),
    _country("country-mali", _IE, 2013, "Mali", "au Mali", "en Malí"),
    _country("country-myanmar", _SR, 1992, "Myanmar", "au Myanmar", "en Myanmar"),
    _country("country-opt", _SR, 1993, "the Palestinian territories occupied since 1967",
             "dans les territoires palestiniens occupés depuis 1967",
             "en los territorios palestinos ocupados desde 1967"),
    _country("country-russia", _SR, 2022, "the Russian Federation", "en Fédération de Russie",
             "en la Federación de Rusia"),
    _country("country-somalia", _IE, 1993, "Somalia", "en Somalie", "en Somalia"),
    _country("country-syria", _SR, 2011, "the Syrian Arab Republic",
             "en République arabe syrienne", "en la República Árabe Siria"),
)

MANDATES: tuple[Mandate, ...] = _THEMATIC + _COUNTRY

DISCONTINUED_MANDATES: tuple[Mandate, ...] = (
    _country("country-haiti", _IE, 1995, "Haiti", "en Haïti", "en Haití"),
    _country("country-sudan", _IE, 1993, "the Sudan", "au Soudan", "en el Sudán",
             history=("Special Rapporteur on the situation of human rights in the Sudan",)),
)

# The State each country mandate covers (ISO alpha-3).
MANDATE_STATES: Mapping[str, str] = MappingProxyType({
    "country-afghanistan": "AFG", "country-belarus": "BLR", "country-burundi": "BDI",
    "country-cambodia": "KHM", "country-car": "CAF", "country-dprk": "PRK",
    "country-eritrea": "ERI", "country-iran": "IRN", "country-mali": "MLI",
    "country-myanmar": "MMR", "country-opt": "PSE", "country-russia": "RUS",
    "country-somalia": "SOM", "country-syria": "SYR", "country-haiti": "HTI",
    "country-sudan": "SDN",
})

# Distinctive subject words, tried in order (specific before general: "foreign debt ...
# cultural rights" is foreign-debt, "hazardous ... environmentally" is toxics). Patterns
# run on text normalised by ``_normalise`` (no accents, lower case, no punctuation).
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
    ("freedom-of-assembly", r"peaceful assembly|freedom of association|reunion pacifique"
     r"|reunion pacifica|liberte d association|libertad de asociacion"),
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
