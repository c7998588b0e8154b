"""The Special Procedures mandates as data: 46 thematic and 14 country mandates (2024), each
with its current, earlier, French and Spanish titles and the year it was created.

Facts written for rightsgraph; :mod:`rightsgraph.loaders.reference.mandates` resolves titles.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

from rightsgraph.loaders.reference.model import Mandate

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
    _thematic("freedom-of-assembly-and-association", _SR, 2010,
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


# Dated title history: (first day the title applies as precisely as known, title, the act
# that gave it). A year or month stands for itself ("2017-03": some day of March 2017), never
# a padded day. Only changes whose resolution and date are established are listed; a mandate
# absent here has no dated history and its earlier titles stay undated.
TITLE_HISTORY: Mapping[str, tuple[tuple[str, str, str], ...]] = MappingProxyType({
    "sale-of-children": (
        ("1990", "Special Rapporteur on the sale of children, child prostitution and child pornography",
         "Commission on Human Rights resolution 1990/68"),
        ("2017-03", "Special Rapporteur on the sale and sexual exploitation of children, including child "
         "prostitution, child pornography and other child sexual abuse material",
         "Human Rights Council resolution 34/16"),
        ("2023-04", "Special Rapporteur on the sale, sexual exploitation and sexual abuse of children",
         "Human Rights Council resolution 52/26"),
    ),
    "violence-against-women": (
        ("1994", "Special Rapporteur on violence against women, its causes and consequences",
         "Commission on Human Rights resolution 1994/45"),
        ("2022-07", "Special Rapporteur on violence against women and girls, its causes and consequences",
         "Human Rights Council resolution 50/7"),
    ),
    "discrimination-against-women": (
        ("2010", "Working Group on the issue of discrimination against women in law and in practice",
         "Human Rights Council resolution 15/23"),
        ("2019-07", "Working Group on discrimination against women and girls",
         "Human Rights Council resolution 41/6"),
    ),
    "human-rights-defenders": (
        ("2000", "Special Representative of the Secretary-General on the situation of human rights defenders",
         "Commission on Human Rights resolution 2000/61"),
        ("2008", "Special Rapporteur on the situation of human rights defenders",
         "Human Rights Council resolution 7/8"),
    ),
    "extreme-poverty": (
        ("1998", "Independent Expert on the question of human rights and extreme poverty",
         "Commission on Human Rights resolution 1998/25"),
        ("2008", "Special Rapporteur on extreme poverty and human rights", "Human Rights Council resolution 8/11"),
    ),
    "cultural-rights": (
        ("2009", "Independent Expert in the field of cultural rights", "Human Rights Council resolution 10/23"),
        ("2012", "Special Rapporteur in the field of cultural rights", "Human Rights Council resolution 19/6"),
    ),
    "minority-issues": (
        ("2005", "Independent Expert on minority issues", "Commission on Human Rights resolution 2005/79"),
        ("2014", "Special Rapporteur on minority issues", "Human Rights Council resolution 25/5"),
    ),
})
