"""UN Member and observer States, their names in UN documents, and lookups over them.

``STATES`` holds the 193 UN Member States and the 2 observer States (Holy See, State of
Palestine). ``NON_MEMBER_STATES`` holds States that join UN treaties without UN membership
(Cook Islands, Niue); they resolve by name and code but never count among the 195.

Treaty participants that are not current States are kept apart as plain identifiers, not
``State`` records, so that nothing can count them as States by mistake:
``NON_STATE_PARTIES`` (the European Union, id ``"EU"``) and ``FORMER_STATE_PARTIES``
(the former Yugoslavia, id ``"YUG"``, Czechoslovakia ``"CSK"``...: ISO 3166-3's withdrawn
alpha-3 codes, see :mod:`~rightsgraph.loaders.reference.former_states`).
``participant_id`` maps any UN Treaty Collection participant name to one of these ids.

>>> find_state("gb").name
'United Kingdom'
>>> resolve_state_name("Belgium1").iso3
'BEL'
>>> [s.iso3 for s, _, _ in states_in_text("Nigeria and the Niger, not Niger Delta")]
['NGA', 'NER']
"""

from __future__ import annotations

import difflib
import functools
import gettext
import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

import pycountry

from rightsgraph.errors import UnknownStateError
from rightsgraph.loaders.reference.former_states import FORMER_STATES
from rightsgraph.loaders.reference.model import State

# iso3, iso2, UN short name, formal name, other names UN documents and UNTC tables use
_Row = tuple[str, str, str, str, tuple[str, ...]]

_MEMBER_ROWS: tuple[_Row, ...] = (
    ("AFG", "AF", "Afghanistan", "Islamic Republic of Afghanistan", ()),
    ("ALB", "AL", "Albania", "Republic of Albania", ()),
    ("DZA", "DZ", "Algeria", "People's Democratic Republic of Algeria", ()),
    ("AND", "AD", "Andorra", "Principality of Andorra", ()),
    ("AGO", "AO", "Angola", "Republic of Angola", ()),
    ("ATG", "AG", "Antigua and Barbuda", "Antigua and Barbuda", ()),
    ("ARG", "AR", "Argentina", "Argentine Republic", ()),
    ("ARM", "AM", "Armenia", "Republic of Armenia", ()),
    ("AUS", "AU", "Australia", "Australia", ()),
    ("AUT", "AT", "Austria", "Republic of Austria", ()),
    ("AZE", "AZ", "Azerbaijan", "Republic of Azerbaijan", ()),
    ("BHS", "BS", "Bahamas", "Commonwealth of the Bahamas", ()),
    ("BHR", "BH", "Bahrain", "Kingdom of Bahrain", ()),
    ("BGD", "BD", "Bangladesh", "People's Republic of Bangladesh", ()),
    ("BRB", "BB", "Barbados", "Barbados", ()),
    ("BLR", "BY", "Belarus", "Republic of Belarus", ("Byelorussian Soviet Socialist Republic",)),
    ("BEL", "BE", "Belgium", "Kingdom of Belgium", ()),
    ("BLZ", "BZ", "Belize", "Belize", ()),
    ("BEN", "BJ", "Benin", "Republic of Benin", ()),
    ("BTN", "BT", "Bhutan", "Kingdom of Bhutan", ()),
    ("BOL", "BO", "Bolivia (Plurinational State of)", "Plurinational State of Bolivia", ("Bolivia",)),
    ("BIH", "BA", "Bosnia and Herzegovina", "Bosnia and Herzegovina", ()),
    ("BWA", "BW", "Botswana", "Republic of Botswana", ()),
    ("BRA", "BR", "Brazil", "Federative Republic of Brazil", ()),
    ("BRN", "BN", "Brunei Darussalam", "Brunei Darussalam", ("Brunei",)),
    ("BGR", "BG", "Bulgaria", "Republic of Bulgaria", ()),
    ("BFA", "BF", "Burkina Faso", "Burkina Faso", ()),
    ("BDI", "BI", "Burundi", "Republic of Burundi", ()),
    ("CPV", "CV", "Cabo Verde", "Republic of Cabo Verde", ("Cape Verde",)),
    ("KHM", "KH", "Cambodia", "Kingdom of Cambodia", ()),
    ("CMR", "CM", "Cameroon", "Republic of Cameroon", ()),
    ("CAN", "CA", "Canada", "Canada", ()),
    ("CAF", "CF", "Central African Republic", "Central African Republic", ()),
    ("TCD", "TD", "Chad", "Republic of Chad", ()),
    ("CHL", "CL", "Chile", "Republic of Chile", ()),
    ("CHN", "CN", "China", "People's Republic of China", ()),
    ("COL", "CO", "Colombia", "Republic of Colombia", ()),
    ("COM", "KM", "Comoros", "Union of the Comoros", ()),
    ("COG", "CG", "Congo", "Republic of the Congo", ("Republic of Congo",)),
    ("CRI", "CR", "Costa Rica", "Republic of Costa Rica", ()),
    ("CIV", "CI", "Côte d'Ivoire", "Republic of Côte d'Ivoire", ("Cote d'Ivoire", "Ivory Coast")),
    ("HRV", "HR", "Croatia", "Republic of Croatia", ()),
    ("CUB", "CU", "Cuba", "Republic of Cuba", ()),
    ("CYP", "CY", "Cyprus", "Republic of Cyprus", ()),
    ("CZE", "CZ", "Czechia", "Czech Republic", ()),
    ("PRK", "KP", "Democratic People's Republic of Korea", "Democratic People's Republic of Korea",
     ("North Korea", "DPRK")),
    ("COD", "CD", "Democratic Republic of the Congo", "Democratic Republic of the Congo",
     ("Democratic Republic of Congo", "DR Congo", "Zaire")),
    ("DNK", "DK", "Denmark", "Kingdom of Denmark", ()),
    ("DJI", "DJ", "Djibouti", "Republic of Djibouti", ()),
    ("DMA", "DM", "Dominica", "Commonwealth of Dominica", ()),
    ("DOM", "DO", "Dominican Republic", "Dominican Republic", ()),
    ("ECU", "EC", "Ecuador", "Republic of Ecuador", ()),
    ("EGY", "EG", "Egypt", "Arab Republic of Egypt", ()),
    ("SLV", "SV", "El Salvador", "Republic of El Salvador", ()),
    ("GNQ", "GQ", "Equatorial Guinea", "Republic of Equatorial Guinea", ()),
    ("ERI", "ER", "Eritrea", "State of Eritrea", ()),
    ("EST", "EE", "Estonia", "Republic of Estonia", ()),
    ("SWZ", "SZ", "Eswatini", "Kingdom of Eswatini", ("Swaziland", "Kingdom of Swaziland")),
    ("ETH", "ET", "Ethiopia", "Federal Democratic Republic of Ethiopia", ()),
    ("FJI", "FJ", "Fiji", "Republic of Fiji", ()),
    ("FIN", "FI", "Finland", "Republic of Finland", ()),
    ("FRA", "FR", "France", "French Republic", ()),
    ("GAB", "GA", "Gabon", "Gabonese Republic", ()),
    ("GMB", "GM", "Gambia", "Republic of the Gambia", ()),
    ("GEO", "GE", "Georgia", "Georgia", ()),
    ("DEU", "DE", "Germany", "Federal Republic of Germany", ()),
    ("GHA", "GH", "Ghana", "Republic of Ghana", ()),
    ("GRC", "GR", "Greece", "Hellenic Republic", ()),
    ("GRD", "GD", "Grenada", "Grenada", ()),
    ("GTM", "GT", "Guatemala", "Republic of Guatemala", ()),
    ("GIN", "GN", "Guinea", "Republic of Guinea", ()),
    ("GNB", "GW", "Guinea-Bissau", "Republic of Guinea-Bissau", ()),
    ("GUY", "GY", "Guyana", "Co-operative Republic of Guyana", ()),
    ("HTI", "HT", "Haiti", "Republic of Haiti", ()),
    ("HND", "HN", "Honduras", "Republic of Honduras", ()),
    ("HUN", "HU", "Hungary", "Hungary", ()),
    ("ISL", "IS", "Iceland", "Iceland", ()),
    ("IND", "IN", "India", "Republic of India", ()),
    ("IDN", "ID", "Indonesia", "Republic of Indonesia", ()),
    ("IRN", "IR", "Iran (Islamic Republic of)", "Islamic Republic of Iran", ("Iran",)),
    ("IRQ", "IQ", "Iraq", "Republic of Iraq", ()),
    ("IRL", "IE", "Ireland", "Ireland", ()),
    ("ISR", "IL", "Israel", "State of Israel", ()),
    ("ITA", "IT", "Italy", "Italian Republic", ()),
    ("JAM", "JM", "Jamaica", "Jamaica", ()),
    ("JPN", "JP", "Japan", "Japan", ()),
    ("JOR", "JO", "Jordan", "Hashemite Kingdom of Jordan", ()),
    ("KAZ", "KZ", "Kazakhstan", "Republic of Kazakhstan", ()),
    ("KEN", "KE", "Kenya", "Republic of Kenya", ()),
    ("KIR", "KI", "Kiribati", "Republic of Kiribati", ()),
    ("KWT", "KW", "Kuwait", "State of Kuwait", ()),
    ("KGZ", "KG", "Kyrgyzstan", "Kyrgyz Republic", ()),
    ("LAO", "LA", "Lao People's Democratic Republic", "Lao People's Democratic Republic",
     ("Laos", "Lao PDR")),
    ("LVA", "LV", "Latvia", "Republic of Latvia", ()),
    ("LBN", "LB", "Lebanon", "Lebanese Republic", ()),
    ("LSO", "LS", "Lesotho", "Kingdom of Lesotho", ()),
    ("LBR", "LR", "Liberia", "Republic of Liberia", ()),
    ("LBY", "LY", "Libya", "State of Libya", ("Libyan Arab Jamahiriya",)),
    ("LIE", "LI", "Liechtenstein", "Principality of Liechtenstein", ()),
    ("LTU", "LT", "Lithuania", "Republic of Lithuania", ()),
    ("LUX", "LU", "Luxembourg", "Grand Duchy of Luxembourg", ()),
    ("MDG", "MG", "Madagascar", "Republic of Madagascar", ()),
    ("MWI", "MW", "Malawi", "Republic of Malawi", ()),
    ("MYS", "MY", "Malaysia", "Malaysia", ()),
    ("MDV", "MV", "Maldives", "Republic of Maldives", ()),
    ("MLI", "ML", "Mali", "Republic of Mali", ()),
    ("MLT", "MT", "Malta", "Republic of Malta", ()),
    ("MHL", "MH", "Marshall Islands", "Republic of the Marshall Islands", ()),
    ("MRT", "MR", "Mauritania", "Islamic Republic of Mauritania", ()),
    ("MUS", "MU", "Mauritius", "Republic of Mauritius", ()),
    ("MEX", "MX", "Mexico", "United Mexican States", ()),
    ("FSM", "FM", "Micronesia (Federated States of)", "Federated States of Micronesia", ("Micronesia",)),
    ("MCO", "MC", "Monaco", "Principality of Monaco", ()),
    ("MNG", "MN", "Mongolia", "Mongolia", ()),
    ("MNE", "ME", "Montenegro", "Montenegro", ()),
    ("MAR", "MA", "Morocco", "Kingdom of Morocco", ()),
    ("MOZ", "MZ", "Mozambique", "Republic of Mozambique", ()),
    ("MMR", "MM", "Myanmar", "Republic of the Union of Myanmar", ("Burma",)),
    ("NAM", "NA", "Namibia", "Republic of Namibia", ()),
    ("NRU", "NR", "Nauru", "Republic of Nauru", ()),
    ("NPL", "NP", "Nepal", "Federal Democratic Republic of Nepal", ()),
    ("NLD", "NL", "Netherlands", "Kingdom of the Netherlands", ("Netherlands (Kingdom of the)",)),
    ("NZL", "NZ", "New Zealand", "New Zealand", ()),
    ("NIC", "NI", "Nicaragua", "Republic of Nicaragua", ()),
    ("NER", "NE", "Niger", "Republic of the Niger", ()),
    ("NGA", "NG", "Nigeria", "Federal Republic of Nigeria", ()),
    ("MKD", "MK", "North Macedonia", "Republic of North Macedonia",
     ("The former Yugoslav Republic of Macedonia",)),
    ("NOR", "NO", "Norway", "Kingdom of Norway", ()),
    ("OMN", "OM", "Oman", "Sultanate of Oman", ()),
    ("PAK", "PK", "Pakistan", "Islamic Republic of Pakistan", ()),
    ("PLW", "PW", "Palau", "Republic of Palau", ()),
    ("PAN", "PA", "Panama", "Republic of Panama", ()),
    ("PNG", "PG", "Papua New Guinea", "Independent State of Papua New Guinea", ()),
    ("PRY", "PY", "Paraguay", "Republic of Paraguay", ()),
    ("PER", "PE", "Peru", "Republic of Peru", ()),
    ("PHL", "PH", "Philippines", "Republic of the Philippines", ()),
    ("POL", "PL", "Poland", "Republic of Poland", ()),
    ("PRT", "PT", "Portugal", "Portuguese Republic", ()),
    ("QAT", "QA", "Qatar", "State of Qatar", ()),
    ("KOR", "KR", "Republic of Korea", "Republic of Korea", ("South Korea",)),
    ("MDA", "MD", "Republic of Moldova", "Republic of Moldova", ("Moldova",)),
    ("ROU", "RO", "Romania", "Romania", ()),
    ("RUS", "RU", "Russian Federation", "Russian Federation", ("Russia",)),
    ("RWA", "RW", "Rwanda", "Republic of Rwanda", ()),
    ("KNA", "KN", "Saint Kitts and Nevis", "Federation of Saint Kitts and Nevis", ()),
    ("LCA", "LC", "Saint Lucia", "Saint Lucia", ()),
    ("VCT", "VC", "Saint Vincent and the Grenadines", "Saint Vincent and the Grenadines", ()),
    ("WSM", "WS", "Samoa", "Independent State of Samoa", ()),
    ("SMR", "SM", "San Marino", "Republic of San Marino", ()),
    ("STP", "ST", "Sao Tome and Principe", "Democratic Republic of Sao Tome and Principe",
     ("São Tomé and Príncipe",)),
    ("SAU", "SA", "Saudi Arabia", "Kingdom of Saudi Arabia", ()),
    ("SEN", "SN", "Senegal", "Republic of Senegal", ()),
    ("SRB", "RS", "Serbia", "Republic of Serbia", ()),
    ("SYC", "SC", "Seychelles", "Republic of Seychelles", ()),
    ("SLE", "SL", "Sierra Leone", "Republic of Sierra Leone", ()),
    ("SGP", "SG", "Singapore", "Republic of Singapore", ()),
    ("SVK", "SK", "Slovakia", "Slovak Republic", ()),
    ("SVN", "SI", "Slovenia", "Republic of Slovenia", ()),
    ("SLB", "SB", "Solomon Islands", "Solomon Islands", ()),
    ("SOM", "SO", "Somalia", "Federal Republic of Somalia", ()),
    ("ZAF", "ZA", "South Africa", "Republic of South Africa", ()),
    ("SSD", "SS", "South Sudan", "Republic of South Sudan", ()),
    ("ESP", "ES", "Spain", "Kingdom of Spain", ()),
    ("LKA", "LK", "Sri Lanka", "Democratic Socialist Republic of Sri Lanka", ()),
    ("SDN", "SD", "Sudan", "Republic of the Sudan", ()),
    ("SUR", "SR", "Suriname", "Republic of Suriname", ()),
    ("SWE", "SE", "Sweden", "Kingdom of Sweden", ()),
    ("CHE", "CH", "Switzerland", "Swiss Confederation", ()),
    ("SYR", "SY", "Syrian Arab Republic", "Syrian Arab Republic", ("Syria",)),
    ("TJK", "TJ", "Tajikistan", "Republic of Tajikistan", ()),
    ("THA", "TH", "Thailand", "Kingdom of Thailand", ()),
    ("TLS", "TL", "Timor-Leste", "Democratic Republic of Timor-Leste", ("East Timor",)),
    ("TGO", "TG", "Togo", "Togolese Republic", ()),
    ("TON", "TO", "Tonga", "Kingdom of Tonga", ()),
    ("TTO", "TT", "Trinidad and Tobago", "Republic of Trinidad and Tobago", ()),
    ("TUN", "TN", "Tunisia", "Republic of Tunisia", ()),
    ("TUR", "TR", "Türkiye", "Republic of Türkiye", ("Turkey", "Republic of Turkey")),
    ("TKM", "TM", "Turkmenistan", "Turkmenistan", ()),
    ("TUV", "TV", "Tuvalu", "Tuvalu", ()),
    ("UGA", "UG", "Uganda", "Republic of Uganda", ()),
    ("UKR", "UA", "Ukraine", "Ukraine", ("Ukrainian Soviet Socialist Republic",)),
    ("ARE", "AE", "United Arab Emirates", "United Arab Emirates", ()),
    ("GBR", "GB", "United Kingdom", "United Kingdom of Great Britain and Northern Ireland",
     ("UK", "Great Britain")),
    ("TZA", "TZ", "United Republic of Tanzania", "United Republic of Tanzania", ("Tanzania",)),
    ("USA", "US", "United States", "United States of America", ("USA",)),
    ("URY", "UY", "Uruguay", "Eastern Republic of Uruguay", ()),
    ("UZB", "UZ", "Uzbekistan", "Republic of Uzbekistan", ()),
    ("VUT", "VU", "Vanuatu", "Republic of Vanuatu", ()),
    ("VEN", "VE", "Venezuela (Bolivarian Republic of)", "Bolivarian Republic of Venezuela",
     ("Venezuela",)),
    ("VNM", "VN", "Viet Nam", "Socialist Republic of Viet Nam", ("Vietnam",)),
    ("YEM", "YE", "Yemen", "Republic of Yemen", ()),
    ("ZMB", "ZM", "Zambia", "Republic of Zambia", ()),
    ("ZWE", "ZW", "Zimbabwe", "Republic of Zimbabwe", ()),
)

_OBSERVER_ROWS: tuple[_Row, ...] = (
    ("VAT", "VA", "Holy See", "Holy See", ("Vatican",)),
    ("PSE", "PS", "State of Palestine", "State of Palestine", ("Palestine",)),
)

_NON_MEMBER_ROWS: tuple[_Row, ...] = (
    ("COK", "CK", "Cook Islands", "Cook Islands", ()),
    ("NIU", "NU", "Niue", "Niue", ()),
)


def _states(rows: tuple[_Row, ...], status: str) -> tuple[State, ...]:
    return tuple(State(iso3, iso2, name, formal, variants, status)  # type: ignore[arg-type]
                 for iso3, iso2, name, formal, variants in rows)


STATES: tuple[State, ...] = _states(_MEMBER_ROWS, "member") + _states(_OBSERVER_ROWS, "observer")
NON_MEMBER_STATES: tuple[State, ...] = _states(_NON_MEMBER_ROWS, "non-member")

NON_STATE_PARTIES: Mapping[str, str] = MappingProxyType({"European Union": "EU"})
FORMER_STATE_PARTIES: Mapping[str, str] = MappingProxyType({s.name: s.id for s in FORMER_STATES})

# Adjectives extractors meet in letters ("a Chinese company"). Ambiguous ones ("Korean",
# "Congolese", "Guinean", "Dominican") are left out on purpose.
_DEMONYMS: Mapping[str, str] = MappingProxyType({
    "afghan": "AFG", "albanian": "ALB", "algerian": "DZA", "angolan": "AGO", "argentine": "ARG",
    "argentinian": "ARG", "armenian": "ARM", "australian": "AUS", "austrian": "AUT",
    "azerbaijani": "AZE", "bahraini": "BHR", "bangladeshi": "BGD", "belarusian": "BLR",
    "belgian": "BEL", "bolivian": "BOL", "bosnian": "BIH", "brazilian": "BRA", "british": "GBR",
    "bulgarian": "BGR", "burmese": "MMR", "burundian": "BDI", "cambodian": "KHM",
    "cameroonian": "CMR", "canadian": "CAN", "chilean": "CHL", "chinese": "CHN",
    "colombian": "COL", "croatian": "HRV", "cuban": "CUB", "cypriot": "CYP", "czech": "CZE",
    "danish": "DNK", "dutch": "NLD", "ecuadorian": "ECU", "egyptian": "EGY", "emirati": "ARE",
    "eritrean": "ERI", "estonian": "EST", "ethiopian": "ETH", "fijian": "FJI", "filipino": "PHL",
    "finnish": "FIN", "french": "FRA", "georgian": "GEO", "german": "DEU", "ghanaian": "GHA",
    "greek": "GRC", "guatemalan": "GTM", "haitian": "HTI", "honduran": "HND",
    "hungarian": "HUN", "icelandic": "ISL", "indian": "IND", "indonesian": "IDN",
    "iranian": "IRN", "iraqi": "IRQ", "irish": "IRL", "israeli": "ISR", "italian": "ITA",
    "jamaican": "JAM", "japanese": "JPN", "jordanian": "JOR", "kazakh": "KAZ", "kenyan": "KEN",
    "kuwaiti": "KWT", "kyrgyz": "KGZ", "lao": "LAO", "latvian": "LVA", "lebanese": "LBN",
    "liberian": "LBR", "libyan": "LBY", "lithuanian": "LTU", "malagasy": "MDG",
    "malawian": "MWI", "malaysian": "MYS", "malian": "MLI", "maltese": "MLT",
    "mauritanian": "MRT", "mexican": "MEX", "moldovan": "MDA", "mongolian": "MNG",
    "montenegrin": "MNE", "moroccan": "MAR", "mozambican": "MOZ", "namibian": "NAM",
    "nepalese": "NPL", "nepali": "NPL", "nicaraguan": "NIC", "nigerian": "NGA",
    "nigerien": "NER", "north korean": "PRK", "norwegian": "NOR", "omani": "OMN",
    "pakistani": "PAK", "palestinian": "PSE", "panamanian": "PAN", "paraguayan": "PRY",
    "peruvian": "PER", "philippine": "PHL", "polish": "POL", "portuguese": "PRT",
    "qatari": "QAT", "romanian": "ROU", "russian": "RUS", "rwandan": "RWA", "salvadoran": "SLV",
    "saudi": "SAU", "saudi arabian": "SAU", "senegalese": "SEN", "serbian": "SRB",
    "singaporean": "SGP", "slovak": "SVK", "slovenian": "SVN", "somali": "SOM",
    "south african": "ZAF", "south korean": "KOR", "south sudanese": "SSD", "spanish": "ESP",
    "sri lankan": "LKA", "sudanese": "SDN", "swedish": "SWE", "swiss": "CHE", "syrian": "SYR",
    "tajik": "TJK", "tanzanian": "TZA", "thai": "THA", "togolese": "TGO", "tunisian": "TUN",
    "turkish": "TUR", "turkmen": "TKM", "ugandan": "UGA", "ukrainian": "UKR", "american": "USA",
    "uruguayan": "URY", "uzbek": "UZB", "venezuelan": "VEN", "vietnamese": "VNM",
    "yemeni": "YEM", "zambian": "ZMB", "zimbabwean": "ZWE",
})

# A short name that is also the tail of a longer place name ("Northern Ireland") must not
# match there; the key is the name, the value the word that may not precede it.
_NOT_AFTER: Mapping[str, str] = MappingProxyType({
    "Ireland": "Northern", "Samoa": "American", "Georgia": "South", "Guinea": "New",
    "Mexico": "New",
})
_NOT_BEFORE: Mapping[str, str] = MappingProxyType({"Niger": "Delta"})

_FOOTNOTE_TAIL = re.compile(r"[\d\s*,†‡]+$")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise_name(name: str) -> str:
    """The comparison key of a State name.

    Casefolds, strips diacritics, drops footnote marks UNTC PDF text glues to names, a
    leading "the", punctuation and extra whitespace; "St." becomes "saint", "&" "and".

    >>> normalise_name("  The Côte d’Ivoire 2*")
    'cote d ivoire'
    >>> normalise_name("St. Kitts And Nevis")
    'saint kitts and nevis'
    """
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    text = _FOOTNOTE_TAIL.sub("", text.replace("&", " and "))
    words = _NON_ALNUM.sub(" ", text).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join("saint" if w == "st" else w for w in words)


def _all_states() -> tuple[State, ...]:
    return STATES + NON_MEMBER_STATES


# Translated names that are also common words or given names in running text.
_AMBIGUOUS_TRANSLATIONS = frozenset({"Maurice", "Granada", "Guyane"})


@functools.cache
def _translations() -> Mapping[str, tuple[str, ...]]:
    """French and Spanish names of each State, from pycountry's ISO 3166 translations."""
    catalogues = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in ("fr", "es")
    ]
    english = {normalise_name(n): s.iso3 for s in _all_states() for n in s.names}
    out: dict[str, tuple[str, ...]] = {}
    for state in _all_states():
        record = pycountry.countries.get(alpha_3=state.iso3)
        if record is None:
            continue
        sources = {record.name, getattr(record, "official_name", record.name)}
        names = {c.gettext(n) for c in catalogues for n in sources} - sources
        out[state.iso3] = tuple(
            sorted(
                n for n in names
                if n not in _AMBIGUOUS_TRANSLATIONS and english.get(normalise_name(n), state.iso3) == state.iso3
            )
        )
    return MappingProxyType(out)


def all_names(state: State) -> tuple[str, ...]:
    """English names and variants, then the French and Spanish names."""
    return (*state.names, *_translations().get(state.iso3, ()))


@functools.cache
def _by_code() -> Mapping[str, State]:
    index: dict[str, State] = {}
    for state in _all_states():
        index[state.iso3] = state
        index[state.iso2] = state
    return MappingProxyType(index)


@functools.cache
def _by_name() -> Mapping[str, State]:
    index: dict[str, State] = {}
    for state in _all_states():
        for name in all_names(state):
            index.setdefault(normalise_name(name), state)
    return MappingProxyType(index)


def state_by_code(code: str) -> State | None:
    """The State with this ISO 3166-1 alpha-2 or alpha-3 code, in any case.

    >>> state_by_code("tur").name
    'Türkiye'
    """
    return _by_code().get(code.strip().upper())


def resolve_state_name(name: str) -> State | None:
    """The State any of whose names equals ``name`` once both are normalised.

    >>> resolve_state_name("Micronesia, Federated States Of").iso3
    'FSM'
    >>> resolve_state_name("European Union") is None
    True
    """
    return _by_name().get(normalise_name(name))


def participant_id(name: str) -> str | None:
    """The id of any UN Treaty Collection participant: ISO alpha-3 for a State, "EU" for the
    European Union, "YUG" for the former Yugoslavia; None when unknown.

    >>> participant_id("European Union"), participant_id("Niue")
    ('EU', 'NIU')
    """
    state = resolve_state_name(name)
    if state is not None:
        return state.iso3
    key = normalise_name(name)
    others = {**NON_STATE_PARTIES, **FORMER_STATE_PARTIES}
    return next((pid for other, pid in others.items() if normalise_name(other) == key), None)


def close_state_matches(query: str, limit: int = 5) -> list[State]:
    """Up to ``limit`` States whose names look like ``query`` (difflib), best first."""
    names = _by_name()
    found: list[State] = []
    for key in difflib.get_close_matches(normalise_name(query), list(names), n=50, cutoff=0.6):
        if names[key] not in found:
            found.append(names[key])
    return found[:limit]


def find_state(query: str) -> State:
    """The State named or coded by ``query`` (alpha-2, alpha-3 or any name).

    Raises :class:`UnknownStateError` whose ``close_matches`` lists up to five
    ``{"iso3", "name"}`` suggestions.

    >>> find_state("Chna")
    Traceback (most recent call last):
    ...
    rightsgraph.errors.UnknownStateError: no State matches 'Chna'
    """
    state = state_by_code(query) if len(query.strip()) in (2, 3) else None
    state = state or resolve_state_name(query)
    if state is None:
        matches = [{"iso3": s.iso3, "name": s.name} for s in close_state_matches(query)]
        raise UnknownStateError(query, close_matches=matches)
    return state


def state_by_demonym(word: str) -> State | None:
    """The State a nationality adjective refers to ("Chinese" -> China), any case.

    >>> state_by_demonym("British").iso3
    'GBR'
    """
    iso3 = _DEMONYMS.get(normalise_name(word))
    return state_by_code(iso3) if iso3 else None


def _word_regex(word: str) -> str:
    escaped = re.escape(word)
    return escaped.replace("'", "['’ʼ]").replace(r"\-", r"-\s*")


def _name_regex(name: str) -> str:
    """A regex for one name: initial capital exact, the rest any case, any whitespace."""
    words = name.split()
    if words[0].casefold() == "the":
        words = words[1:]
    if all(w.isupper() for w in words):  # acronyms ("UK", "DPRK") match exactly
        return r"\s+".join(map(_word_regex, words))
    prefix = ""
    if words[0] == "Saint" and len(words) > 1:
        prefix, words = r"(?:Saint|St\.?)\s+", words[1:]
    head, rest = words[0][0], " ".join([words[0][1:], *words[1:]])
    tail = r"\s+".join(_word_regex(w) for w in rest.split(" "))
    guard_before = rf"(?<!{_NOT_AFTER[name]}\s)" if name in _NOT_AFTER else ""
    guard_after = rf"(?!\s+{_NOT_BEFORE[name]})" if name in _NOT_BEFORE else ""
    return f"{guard_before}{prefix}{re.escape(head)}(?i:{tail}){guard_after}"


@functools.cache
def state_name_pattern() -> re.Pattern[str]:
    """A regex finding any State name or variant in running English text.

    Longest names are tried first so "Papua New Guinea" wins over "Guinea"; names are
    word-bounded ("Niger" not in "Nigeria") and start with a capital letter; spaces inside
    a name may be line breaks. A footnote digit glued to the name ("Belgium1") is allowed.
    """
    names = {n.removeprefix("The ").removeprefix("the ") for s in _all_states() for n in all_names(s)}
    alternatives = sorted(names, key=lambda n: (-len(n), n))
    body = "|".join(_name_regex(n) for n in alternatives)
    return re.compile(rf"(?<!\w)(?:{body})(?![^\W\d_])")


def states_in_text(text: str) -> list[tuple[State, int, int]]:
    """Every State named in ``text`` as ``(state, start, end)``, in order of appearance.

    >>> [(s.iso3, a, b) for s, a, b in states_in_text("a company based in the United States")]
    [('USA', 23, 36)]
    """
    found = []
    for match in state_name_pattern().finditer(text):
        state = resolve_state_name(match.group())
        if state is not None:
            found.append((state, match.start(), match.end()))
    return found
