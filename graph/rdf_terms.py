"""Namespaces and the IRI scheme of rightsgraph (``https://w3id.org/rightsgraph/``).

Every IRI the graph mints comes from a function here, so that the same thing always gets the
same name: reference entities from their ids, documents from the SHA-256 of their bytes,
extracted facts from a hash of their fields and their document's hash (re-ingesting a document
yields identical triples; no blank nodes stand for facts).

>>> str(state_iri("chn"))
'https://w3id.org/rightsgraph/id/state/CHN'
>>> str(provision_iri("CRC", "34"))
'https://w3id.org/rightsgraph/id/instrument/CRC/article/34'
>>> str(provision_iri("UNGP", 13)).rsplit("/", 2)[1:]
['principle', '13']
>>> str(communication_iri("AL CHN 3/2021"))
'https://w3id.org/rightsgraph/id/communication/AL-CHN-3-2021'
>>> company_iri("Omegle.com LLC") == company_iri("Omegle")
True
>>> company_iri("Instagram") == company_iri("Facebook, Inc.")
False
>>> date_literal(PartialDate(1994)).datatype == XSD.gYear
True
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import unicodedata
from functools import cache
from urllib.parse import quote

from rdflib import Literal, Namespace, URIRef
from rdflib.term import Identifier
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS

from rightsgraph.errors import InvalidIdentifierError, UnknownInstrumentError
from rightsgraph.loaders.facts import PartialDate
from rightsgraph.loaders.reference.instruments import instrument_by_id

__all__ = [
    "InvalidIdentifierError", "BASE", "statement_iri", "territory_iri", "DCTERMS", "ELI", "FOAF", "ID", "OA", "ORG", "OWL", "PROV", "RDF", "RDFS",
    "REFERENCE_GRAPH", "RG", "SKOS", "SOFTWARE_AGENT", "SPECIAL_PROCEDURES", "TIME", "VANN",
    "XSD", "action_type_iri", "bind_prefixes", "communication_iri", "communication_type_iri",
    "company_iri", "company_key", "canonical_fact_json", "date_literal", "document_graph_iri", "document_iri",
    "document_kind_iri", "fact_iri", "ingest_iri", "instrument_iri", "instrument_kind_iri",
    "mandate_iri", "mention_role_iri", "parse_quote_selector_iri", "party_iri", "passage_iri",
    "person_iri", "position_selector_iri", "quote_selector_iri",
    "precision_iri", "provision_iri", "provision_segment", "resolution_iri", "slug",
    "state_iri", "un_document_iri", "work_iri",
]

BASE = "https://w3id.org/rightsgraph/"
ID = Namespace(BASE + "id/")
RG = Namespace(BASE + "ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
TIME = Namespace("http://www.w3.org/2006/time#")
VANN = Namespace("http://purl.org/vocab/vann/")
# A plain Namespace: rdflib's XSD warns on attribute probes (doctest collection).
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

REFERENCE_GRAPH = URIRef(BASE + "graph/reference")
#: The per-State view's graphs (graph/state_view.py): internal rows, outside the merged default graph.
STATE_VIEW_GRAPHS = BASE + "graph/state-view"
SOFTWARE_AGENT = URIRef(BASE + "id/agent/rightsgraph")
SPECIAL_PROCEDURES = URIRef(BASE + "id/organization/special-procedures")

_PREFIXES = {
    "rg": RG, "eli": ELI, "prov": PROV, "org": ORG, "oa": OA, "skos": SKOS, "dcterms": DCTERMS,
    "time": TIME, "foaf": FOAF, "xsd": XSD, "owl": OWL, "rdfs": RDFS,
}

#: The same prefixes as a SPARQL prologue, for the project's own queries.
SPARQL_PREFIXES = "\n" + "".join(
    f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in {**_PREFIXES, "rdf": RDF}.items()
)

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_INSTRUMENT_ID = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
_MANDATE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FACT_KIND = re.compile(r"^[a-z]+(?:-[a-z]+)*$")

# Legal-form words dropped from the end of a company name ("Facebook, Inc." = "Facebook").
_LEGAL_SUFFIXES = frozenset({
    "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "plc",
    "gmbh", "ag", "sa", "sas", "sarl", "bv", "nv", "pte", "pty", "srl", "spa", "ab", "lp",
    "llp", "kk", "oy", "se",
})
_WEB_DOMAIN = re.compile(r"\.(?:com|net|org|io|tv|app)$")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "madam"})


def bind_prefixes(graph) -> None:  # noqa: ANN001 - any rdflib Graph or Dataset
    """Bind the conventional prefixes, so serialisations read as the ontology does."""
    for prefix, namespace in _PREFIXES.items():
        graph.bind(prefix, namespace, override=True)


# --- names from ids -----------------------------------------------------------------------


def slug(text: str) -> str:
    """Lower-case words joined by hyphens, accents folded; other scripts are kept.

    >>> slug("Mama Fatima Singhateh"), slug("  Leif K-Brooks "), slug("Türkiye")
    ('mama-fatima-singhateh', 'leif-k-brooks', 'turkiye')
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return "-".join(word for word in re.split(r"[\W_]+", folded) if word)


def _hashed_slug(text: str) -> str:
    """``slug`` or, for text without any letter or digit, a short hash of it."""
    return slug(text) or "h-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def state_iri(iso3: str) -> URIRef:
    """A State by ISO 3166-1 alpha-3 code (any case); raises InvalidIdentifierError otherwise."""
    code = iso3.strip().upper()
    if not _ISO3.match(code):
        raise InvalidIdentifierError(f"not an ISO alpha-3 code: {iso3!r}")
    return ID[f"state/{code}"]


def party_iri(party_id: str) -> URIRef:
    """A treaty participant that is not a current State ("EU", "YUG", or a name's slug).

    >>> str(party_iri("EU"))
    'https://w3id.org/rightsgraph/id/party/EU'
    """
    key = party_id.strip()
    return ID["party/" + (key if re.fullmatch(r"[A-Z]{2,3}", key) else _hashed_slug(key))]


def instrument_iri(instrument_id: str) -> URIRef:
    """An instrument by contract id (any case): ``.../id/instrument/OPSC``."""
    key = instrument_id.strip().upper()
    if not _INSTRUMENT_ID.match(key):
        raise InvalidIdentifierError(f"not an instrument id: {instrument_id!r}")
    return ID[f"instrument/{key}"]


def provision_segment(instrument_id: str) -> str:
    """The path word for the instrument's provisions: its ``provision_label`` ("article",
    "principle", "paragraph" or "guideline"); "article" for instruments not in the tables.

    >>> provision_segment("CRC-GC-13"), provision_segment("NOT-CATALOGUED")
    ('paragraph', 'article')
    """
    try:
        return instrument_by_id(instrument_id).provision_label
    except UnknownInstrumentError:
        return "article"


def provision_iri(instrument_id: str, number: str | int) -> URIRef:
    """A numbered provision: ``.../id/instrument/CRC/article/34``, ``.../UNGP/principle/13``,
    ``.../CRC-GC-13/paragraph/8``."""
    text = str(number).strip()
    if not re.fullmatch(r"[0-9A-Za-z]+", text):
        raise InvalidIdentifierError(f"not a provision number: {number!r}")
    return URIRef(f"{instrument_iri(instrument_id)}/{provision_segment(instrument_id)}/{text}")


def mandate_iri(mandate_id: str) -> URIRef:
    """A special procedure mandate by contract id: ``.../id/mandate/sale-of-children``."""
    key = mandate_id.strip()
    if not _MANDATE_ID.match(key):
        raise InvalidIdentifierError(f"not a mandate id: {mandate_id!r}")
    return ID[f"mandate/{key}"]


def company_key(name: str) -> str:
    """The comparison key of a company name: legal-form suffixes and a trailing web domain
    dropped, then slugged.

    "Omegle.com LLC", "Omegle" and "omegle.com" are one company (the operator of a service and
    the service share a node); "Meta Platforms, Inc." and "Facebook Inc." stay apart, since
    names are never merged by meaning, only by form.

    >>> company_key("TikTok Pte. Ltd."), company_key("Facebook, Inc."), company_key("Booking.com B.V.")
    ('tiktok', 'facebook', 'booking')
    >>> company_key("Meta Platforms, Inc.")
    'meta-platforms'
    """
    words = [w for w in re.split(r"[\s,]+", unicodedata.normalize("NFKC", name).casefold()) if w]
    while len(words) > 1 and words[-1].replace(".", "") in _LEGAL_SUFFIXES:
        words.pop()
    if words:
        words[-1] = _WEB_DOMAIN.sub("", words[-1].rstrip("."))
    return _hashed_slug(" ".join(words) or name)


def company_iri(name: str) -> URIRef:
    """A company by normalised name (see :func:`company_key`)."""
    return ID[f"company/{company_key(name)}"]


def person_iri(name: str) -> URIRef:
    """A person by the slug of the name, leading honorifics dropped.

    >>> person_iri("Ms. Mama Fatima Singhateh") == person_iri("Mama Fatima Singhateh")
    True
    """
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".").casefold() in _HONORIFICS:
        words.pop(0)
    return ID[f"person/{_hashed_slug(' '.join(words))}"]


def communication_iri(reference: str) -> URIRef:
    """The node a letter, its replies and follow-ups share: runs of characters other than
    letters and digits become one hyphen ("AL CHN 3/2021" -> ``AL-CHN-3-2021``)."""
    key = "-".join(part for part in re.split(r"[^0-9A-Za-z]+", reference.strip().upper()) if part)
    if not key:
        raise InvalidIdentifierError(f"not a communication reference: {reference!r}")
    return ID[f"communication/{key}"]


def un_document_iri(symbol: str) -> URIRef:
    """A UN document by symbol, one path segment per symbol part:
    ``.../id/un-document/A/HRC/17/31``."""
    parts = [p for p in symbol.strip().split("/") if p.strip()]
    if not parts:
        raise InvalidIdentifierError(f"not a UN document symbol: {symbol!r}")
    return ID["un-document/" + "/".join(quote(p.strip(), safe="().-_~") for p in parts)]


def resolution_iri(body: str, number: str) -> URIRef:
    """A resolution by adopting body and number: ``.../id/resolution/HRC/43/22``."""
    parts = [quote(p.strip(), safe=".-_~") for p in number.split("/") if p.strip()]
    return ID["resolution/" + "/".join([body.strip().upper(), *parts])]


def _checked_sha(sha256: str) -> str:
    if not _SHA256.match(sha256):
        raise InvalidIdentifierError(f"not a lower-case hex SHA-256: {sha256!r}")
    return sha256


def document_iri(sha256: str) -> URIRef:
    """A source document by the SHA-256 of its bytes."""
    return ID[f"document/{_checked_sha(sha256)}"]


def document_graph_iri(sha256: str) -> URIRef:
    """The named graph holding one document's statements: ``.../graph/document/<sha256>``."""
    return URIRef(f"{BASE}graph/document/{_checked_sha(sha256)}")


def ingest_iri(sha256: str) -> URIRef:
    """The PROV activity that read the document and wrote its graph."""
    return ID[f"ingest/{_checked_sha(sha256)}"]


def passage_iri(sha256: str, start: int, end: int) -> URIRef:
    """A span of a document's text: ``.../id/document/<sha256>/passage/<start>-<end>``."""
    return URIRef(f"{document_iri(sha256)}/passage/{start}-{end}")


def quote_selector_iri(sha256: str, start: int, end: int) -> URIRef:
    """The ``oa:TextQuoteSelector`` of a passage: ``<passage>/quote``."""
    return URIRef(f"{passage_iri(sha256, start, end)}/quote")


def position_selector_iri(sha256: str, start: int, end: int) -> URIRef:
    """The ``oa:TextPositionSelector`` of a passage: ``<passage>/position``."""
    return URIRef(f"{passage_iri(sha256, start, end)}/position")


_QUOTE_SELECTOR = re.compile(re.escape(BASE) + r"id/document/([0-9a-f]{64})/passage/(\d+)-(\d+)/quote")


def parse_quote_selector_iri(iri: str) -> tuple[str, int, int] | None:
    """``(sha256, start, end)`` of a quote selector IRI minted by :func:`quote_selector_iri`;
    None for any other IRI.

    >>> parse_quote_selector_iri(str(quote_selector_iri("ab" * 32, 5, 9)))[1:]
    (5, 9)
    >>> parse_quote_selector_iri("https://example.org/quote") is None
    True
    """
    match = _QUOTE_SELECTOR.fullmatch(iri)
    return (match[1], int(match[2]), int(match[3])) if match else None


def work_iri(kind: str, sha256: str, reference: str | None) -> URIRef | None:
    """The letter, reply or report a document carries; None for other kinds.

    A letter is named by its reference, a report by its symbol; without one (and always
    for a reply, which has no reference of its own) the name derives from the document hash.
    """
    if kind == "communication":
        return communication_iri(reference) if reference else ID[f"communication/doc-{_checked_sha(sha256)}"]
    if kind == "report":
        return un_document_iri(reference) if reference else ID[f"report/doc-{_checked_sha(sha256)}"]
    if kind == "reply":
        return ID[f"reply/doc-{_checked_sha(sha256)}"]
    return None


def fact_iri(kind: str, sha256: str, content: object) -> URIRef:
    """An extracted fact: ``.../id/fact/<kind>/<hash>``, the hash taken over the document hash
    and the fact's named fields as canonical JSON (:func:`canonical_fact_json`), so the same
    fact in the same document always gets the same IRI, different ones never share it, and a
    new optional field left at its default changes no IRI."""
    return URIRef(fact_iri_text(kind, sha256, content))


def fact_iri_text(kind: str, sha256: str, content: object) -> str:
    """:func:`fact_iri` as a plain string, for the mapper's hot path: made only of the base,
    a checked kind and hex digits, it is a valid IRI without further checks.

    >>> fact_iri_text("citation", "ab" * 32, ("CRC", "34")) == str(fact_iri("citation", "ab" * 32, ("CRC", "34")))
    True
    """
    if not _FACT_KIND.match(kind):
        raise InvalidIdentifierError(f"not a fact kind: {kind!r}")
    key = f"{_checked_sha(sha256)}\x1f{kind}\x1f{canonical_fact_json(content)}"
    return f"{BASE}id/fact/{kind}/{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}"


def canonical_fact_json(content: object) -> str:
    """The JSON a fact's IRI is hashed from: dataclasses as objects of their named fields
    (a field at its default is left out, so adding an optional field keeps every IRI),
    sequences as arrays, RDF terms in N-Triples form, keys sorted, no spaces.

    >>> canonical_fact_json((PartialDate(1994), None, URIRef("urn:x")))
    '[{"year":1994},null,"<urn:x>"]'
    """
    return json.dumps(_canonical(content), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _canonical(value: object) -> object:
    if isinstance(value, Identifier):
        return value.n3()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            name: _canonical(field_value)
            for name, default in _field_defaults(type(value))
            if (field_value := getattr(value, name)) != default
        }
    if isinstance(value, (tuple, list)):
        return [_canonical(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _canonical(item) for key, item in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"a fact field of type {type(value).__name__} has no canonical JSON form")


_NO_DEFAULT = object()


@cache
def _field_defaults(cls: type) -> tuple[tuple[str, object], ...]:
    """Each field's name and default (a sentinel equal to nothing when it has none)."""
    result = []
    for item in dataclasses.fields(cls):
        if item.default is not dataclasses.MISSING:
            default = item.default
        elif item.default_factory is not dataclasses.MISSING:
            default = item.default_factory()
        else:
            default = _NO_DEFAULT
        result.append((item.name, default))
    return tuple(result)


def statement_iri(state: str, instrument: str, kind: str, text: str) -> URIRef:
    """A State's reservation, declaration, objection or withdrawal, the same whichever source
    records it: ``.../id/statement/<STATE>/<INSTRUMENT>/<kind>-<hash of the normalised text>``
    (case, quotes, punctuation and spacing ignored), so that two sources quoting one
    statement describe one node, each with its own passage.

    >>> a = statement_iri("qat", "CRC", "withdrawal", '"Now therefore  We declare ..."')
    >>> a == statement_iri("QAT", "CRC", "withdrawal", "now therefore we declare")
    True
    """
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())
    digest = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:24]
    return ID[f"statement/{state_iri(state).rsplit('/', 1)[-1]}/{slug(instrument).upper()}/{slug(kind)}-{digest}"]


def territory_iri(name: str) -> URIRef:
    """A territory named in a State's statement: ``.../id/territory/hong-kong``."""
    return ID["territory/" + _hashed_slug(name)]


# --- code-list concepts (declared in the ontology) ----------------------------------------


def action_type_iri(kind: str) -> URIRef:
    return RG[f"action-{kind}"]


def precision_iri(precision: str) -> URIRef:
    return RG[f"precision-{precision}"]


def communication_type_iri(code: str) -> URIRef:
    return RG[f"commtype-{code.strip().upper()}"]


def instrument_kind_iri(kind: str) -> URIRef:
    return RG[f"kind-{kind}"]


def document_kind_iri(kind: str) -> URIRef:
    return RG[f"doc-{kind}"]


def mention_role_iri(role: str) -> URIRef:
    """``also_sent_to`` -> ``rg:mention-also-sent-to``."""
    return RG["mention-" + role.replace("_", "-")]


# --- literals -----------------------------------------------------------------------------

_PRECISION_DATATYPE = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


def date_literal(date: PartialDate) -> Literal:
    """The date at its own precision: xsd:date, xsd:gYearMonth or xsd:gYear (no invented day).

    >>> date_literal(PartialDate(2021, 3, 30)).datatype == XSD.date
    True
    """
    return Literal(date.iso(), datatype=_PRECISION_DATATYPE[date.precision])
