"""The SPARQL behind the entity pages (:mod:`rightsgraph.graph.pages`).

Each query is run with ``Store.select(query, bindings)``: the entity the page is about is a
bound variable (``?comm``, ``?provision``, ``?instrument``, ``?company``, ``?mandate``), never
text formatted into the query. As in :mod:`rightsgraph.graph.obligations_queries`, every
``OPTIONAL`` follows the required patterns, and absence is tested with ``OPTIONAL`` +
``!BOUND``.
"""

from __future__ import annotations

from rightsgraph.graph.rdf_terms import SPARQL_PREFIXES as _PREFIXES


# The passage of a fact ?fact: quote, span and the document's file name.
PASSAGE = """
  ?fact prov:wasDerivedFrom ?passage .
  ?passage a rg:Passage ; oa:hasSource ?doc ; oa:hasSelector ?pos , ?quoteSel .
  ?pos oa:start ?start ; oa:end ?end .
  ?quoteSel oa:exact ?quote .
  ?doc rg:fileName ?file .
"""

# The work (letter, reply, report) ?work: its kind and name, optional.
_WORK_NAME = """
  OPTIONAL { ?work dcterms:identifier ?reference . }
  OPTIONAL { ?work rg:symbol ?symbol . }
  OPTIONAL { ?work dcterms:date ?workDate . }
"""

COMMUNICATION = _PREFIXES + """
SELECT ?comm ?reference ?type ?date ?deadline ?days WHERE {
  ?comm a rg:Communication .
  OPTIONAL { ?comm dcterms:identifier ?reference . }
  OPTIONAL { ?comm rg:communicationType ?type . }
  OPTIONAL { ?comm dcterms:date ?date . }
  OPTIONAL { ?comm rg:responseDeadline ?deadline . }
  OPTIONAL { ?comm rg:responseDeadlineDays ?days . }
}
"""

WORK_DOCUMENTS = _PREFIXES + """
SELECT DISTINCT ?work ?file ?sha ?format WHERE {
  ?work rg:recordedIn ?doc .
  ?doc rg:fileName ?file ; rg:sha256 ?sha .
  OPTIONAL { ?doc dcterms:format ?format . }
}
"""

ADDRESSEES = _PREFIXES + """
SELECT DISTINCT ?comm ?target ?label WHERE {
  ?comm rg:addressee ?target .
  OPTIONAL { ?target rdfs:label ?label . }
}
"""

ADDRESSEE_PERSON = _PREFIXES + """
SELECT DISTINCT ?comm ?personName WHERE { ?comm rg:addresseePerson ?person . ?person foaf:name ?personName . }
"""

# The mandates a work was sent on behalf of (a letter, a report) or answers (a reply).
MANDATES_OF = _PREFIXES + """
SELECT DISTINCT ?work ?mandate ?mandateId ?label WHERE {
  ?work rg:onBehalfOf|rg:answersMandate ?mandate .
  OPTIONAL { ?mandate dcterms:identifier ?mandateId . }
  OPTIONAL { ?mandate skos:prefLabel ?label . }
}
"""

SIGNATORIES = _PREFIXES + """
SELECT DISTINCT ?work ?fact ?name ?quote ?start ?end ?file WHERE {
  ?fact a rg:SignatoryMention ; rg:statedIn ?work ; rg:person ?person .
  ?person foaf:name ?name .
""" + PASSAGE + """
}
"""

# The optional part of SIGNATORIES, left-joined in Python on ?fact: after the passage chain,
# an OPTIONAL of two patterns is a hash join over every signatory of the store (3.5 s at
# 10,000 letters), see obligations_queries.
SIGNATORY_MANDATES = _PREFIXES + """
SELECT DISTINCT ?fact ?mandateId WHERE {
  ?fact a rg:SignatoryMention ; rg:statedIn ?work ; rg:mandate ?mandate .
  ?mandate dcterms:identifier ?mandateId .
}
"""

REPLIES = _PREFIXES + """
SELECT DISTINCT ?comm ?reply ?date ?file ?sha ?sender WHERE {
  ?reply a rg:Reply ; rg:repliesTo ?comm ; rg:recordedIn ?doc .
  ?doc rg:fileName ?file ; rg:sha256 ?sha .
  OPTIONAL { ?reply dcterms:date ?date . }
  OPTIONAL { ?reply rg:senderState ?sender . }
}
"""

# Letters this letter names (outgoing) and letters that name it (incoming), with the role.
MENTIONED = _PREFIXES + """
SELECT DISTINCT ?comm ?other ?otherRef ?role ?quote ?start ?end ?file WHERE {
  ?fact a rg:CommunicationMention ; rg:statedIn ?comm ; rg:communication ?other ; rg:mentionRole ?role .
  ?other dcterms:identifier ?otherRef .
""" + PASSAGE + """
}
"""

MENTIONED_BY = _PREFIXES + """
SELECT DISTINCT ?comm ?other ?otherRef ?role ?quote ?start ?end ?file WHERE {
  ?fact a rg:CommunicationMention ; rg:communication ?comm ; rg:statedIn ?other ; rg:mentionRole ?role .
  ?other a rg:Communication ; dcterms:identifier ?otherRef .
""" + PASSAGE + """
}
"""

# Candidate siblings of a joint action: another letter of the same date, or a letter to (or
# answered by) a State this letter was also sent to, or one also sent to this letter's State;
# with the candidate's own mandates (?mandate unbound when it has none), so the page needs no
# query per candidate. The State links are four queries, each starting at the bound ?comm: as
# one query, a UNION's branches are planned without knowing ?comm, from every letter or
# reply of the store (6.4 s at 10,000 letters).
_SIBLING = _PREFIXES + """
SELECT DISTINCT ?comm ?other ?state ?mandate WHERE {
  %s
  OPTIONAL { ?other rg:onBehalfOf ?mandate . }
}
"""

SAME_DATE = _PREFIXES + """
SELECT DISTINCT ?comm ?other ?mandate WHERE {
  ?comm dcterms:date ?date .
  ?other a rg:Communication ; dcterms:date ?date .
  OPTIONAL { ?other rg:onBehalfOf ?mandate . }
}
"""

STATE_LINKED = tuple(_SIBLING % links for links in (
    "?comm rg:alsoSentTo ?state . ?other rg:addressee ?state ; a rg:Communication .",
    "?comm rg:alsoSentTo ?state . ?reply rg:senderState ?state ; rg:repliesTo ?other .",
    "?comm rg:addressee ?state . ?other rg:alsoSentTo ?state ; a rg:Communication .",
    "?reply rg:repliesTo ?comm ; rg:senderState ?state . ?other rg:alsoSentTo ?state ; a rg:Communication .",
))

# Mandates of a letter as its replies state them (for letters known only through a reply).
REPLY_MANDATES = _PREFIXES + """
SELECT DISTINCT ?comm ?mandate WHERE { ?reply rg:repliesTo ?comm ; rg:answersMandate ?mandate . }
"""

ALSO_SENT_TO = _PREFIXES + """
SELECT DISTINCT ?comm ?state WHERE { ?comm rg:alsoSentTo ?state . }
"""

CITATIONS_IN = _PREFIXES + """
SELECT DISTINCT ?work ?fact ?instrumentId ?sub ?quote ?start ?end ?file WHERE {
  ?fact a rg:Citation ; rg:statedIn ?work ; rg:instrument ?instrument .
  ?instrument dcterms:identifier ?instrumentId .
""" + PASSAGE + """
  OPTIONAL { ?fact rg:subdivision ?sub . }
}
"""

# The cited provision's number, left-joined in Python on ?fact (as SIGNATORY_MANDATES).
CITATION_NUMBERS = _PREFIXES + """
SELECT DISTINCT ?fact ?number WHERE {
  ?fact a rg:Citation ; rg:statedIn ?work ; rg:provision ?provision .
  ?provision eli:number ?number .
}
"""

COMPANIES_IN = _PREFIXES + """
SELECT DISTINCT ?work ?company ?written ?home ?quote ?start ?end ?file WHERE {
  ?fact a rg:CompanyMention ; rg:statedIn ?work ; rg:company ?company ; rg:nameAsWritten ?written .
""" + PASSAGE + """
  OPTIONAL { ?company rg:homeState ?home . }
}
"""

ACTIONS_IN = _PREFIXES + """
SELECT DISTINCT ?work ?state ?instrumentId ?type ?date ?quote ?start ?end ?file WHERE {
  ?fact a rg:TreatyAction ; rg:statedIn ?work ; rg:state ?state ; rg:instrument ?instrument ;
        rg:actionType ?type ; dcterms:date ?date .
  ?instrument dcterms:identifier ?instrumentId .
""" + PASSAGE + """
}
"""

PROVISION = _PREFIXES + """
SELECT ?provision ?label WHERE {
  ?provision a rg:Provision .
  OPTIONAL { ?provision rdfs:label ?label . }
}
"""

# From the treaty texts, not from the bound provision: rg:provision is also on every citation
# of it (CRC art. 34: 1 ms at 1,000 letters, 6.5 ms at 10,000).
PROVISION_TEXT = _PREFIXES + """
SELECT DISTINCT ?provision ?text ?heading ?quote ?start ?end ?file WHERE {
  ?fact a rg:ProvisionText ; rg:provision ?ofProvision ; rg:text ?text .
  FILTER(?ofProvision = ?provision)
""" + PASSAGE + """
  OPTIONAL { ?fact rg:heading ?heading . }
}
"""

CITING_PROVISION = _PREFIXES + """
SELECT DISTINCT ?provision ?work ?kind ?sub ?quote ?start ?end ?file ?reference ?symbol ?workDate WHERE {
  ?fact a rg:Citation ; rg:provision ?provision ; rg:statedIn ?work .
  ?work a rg:SourceWork , ?kind .
  FILTER(?kind IN (rg:Communication, rg:Reply, rg:Report))
""" + PASSAGE + """
  OPTIONAL { ?fact rg:subdivision ?sub . }
""" + _WORK_NAME + """
}
"""

PARTY_LABELS = _PREFIXES + """
SELECT DISTINCT ?instrument ?party ?label WHERE {
  ?fact a rg:TreatyAction ; rg:instrument ?instrument ; rg:state ?party .
  ?party rdfs:label ?label .
}
"""

INSTRUMENT = _PREFIXES + """
SELECT ?instrument ?title ?binding ?kind WHERE {
  ?instrument a rg:Instrument .
  OPTIONAL { ?instrument dcterms:title ?title . }
  OPTIONAL { ?instrument rg:binding ?binding . }
  OPTIONAL { ?instrument eli:type_document ?kind . }
}
"""

# The items elsewhere (Wikidata) the same entity ?entity is linked to.
EXACT_MATCHES = _PREFIXES + """
SELECT DISTINCT ?match WHERE { ?entity skos:exactMatch ?match . }
ORDER BY ?match
"""

COMPANY = _PREFIXES + """
SELECT DISTINCT ?company ?label ?home ?owner ?ownerLabel WHERE {
  ?company a rg:Company ; rdfs:label ?label .
  OPTIONAL { ?company rg:homeState ?home . }
  OPTIONAL { ?company rg:ownedBy ?owner . ?owner rdfs:label ?ownerLabel . }
}
"""

COMPANY_OWNS = _PREFIXES + """
SELECT DISTINCT ?company ?owned ?ownedLabel WHERE { ?owned rg:ownedBy ?company ; rdfs:label ?ownedLabel . }
"""

COMPANY_MENTIONS = _PREFIXES + """
SELECT DISTINCT ?company ?work ?kind ?written ?quote ?start ?end ?file ?reference ?symbol ?workDate WHERE {
  ?fact a rg:CompanyMention ; rg:company ?company ; rg:statedIn ?work ; rg:nameAsWritten ?written .
  ?work a rg:SourceWork , ?kind .
  FILTER(?kind IN (rg:Communication, rg:Reply, rg:Report))
""" + PASSAGE + _WORK_NAME + """
}
"""

ADDRESSED_TO = _PREFIXES + """
SELECT DISTINCT ?target ?work ?reference ?workDate WHERE {
  ?work a rg:Communication ; rg:addressee ?target .
  OPTIONAL { ?work dcterms:identifier ?reference . }
  OPTIONAL { ?work dcterms:date ?workDate . }
}
"""

MANDATE = _PREFIXES + """
SELECT ?mandate ?label ?established WHERE {
  ?mandate a rg:Mandate .
  OPTIONAL { ?mandate skos:prefLabel ?label . }
  OPTIONAL { ?mandate rg:established ?established . }
}
"""

MANDATE_HOLDERS = _PREFIXES + """
SELECT DISTINCT ?mandate ?name ?work ?reference ?workDate WHERE {
  ?fact a rg:SignatoryMention ; rg:mandate ?mandate ; rg:person ?person ; rg:statedIn ?work .
  ?person foaf:name ?name .
  OPTIONAL { ?work dcterms:identifier ?reference . }
  OPTIONAL { ?work dcterms:date ?workDate . }
}
"""

MANDATE_WORKS = _PREFIXES + """
SELECT DISTINCT ?mandate ?work ?kind ?reference ?workDate ?target WHERE {
  ?work rg:onBehalfOf|rg:answersMandate ?mandate ; a rg:SourceWork , ?kind .
  FILTER(?kind IN (rg:Communication, rg:Reply))
  OPTIONAL { ?work dcterms:identifier ?reference . }
  OPTIONAL { ?work dcterms:date ?workDate . }
  OPTIONAL { ?work rg:addressee ?target . }
}
"""

# How the work itself writes each mandate's title (the mention's passage).
MANDATE_MENTIONS = _PREFIXES + """
SELECT DISTINCT ?work ?mandate ?quote ?start ?end ?file WHERE {
  ?fact a rg:MandateMention ; rg:statedIn ?work ; rg:mandate ?mandate .
""" + PASSAGE + """
}
"""

# --- bounded lists (issue 18) -------------------------------------------------------------------
# A list query returns one row per item with the keys the page orders by, ``ORDER BY`` plain
# literals (``STR``, ``COALESCE(..., "")``) and the work's IRI, so the order is total and the
# engine never compares mixed term types (decision 0009); ``%s`` takes ``LIMIT``/``OFFSET``.
# Its count query counts the same items. The passages of a page's items are read afterwards,
# one bound query per item.
# The keys are grouped in a subquery and ordered outside it: Virtuoso 7.2 refuses an aggregate
# inside COALESCE ("Aggregate function not allowed in context"). The outer group is written
# without the WHERE keyword on purpose: Store.select puts the bindings in the first
# "WHERE {" group, which must be the subquery's (a subquery does not see outer bindings).

# A work's key fields, grouped per work (and, for the citation view, per provision): the
# smallest of each over the graphs that state it. ``%s``: the pattern that finds ?fact and ?work.
_KEY_FIELDS = """(MIN(STR(?kind)) AS ?kindIri) (MIN(STR(?ref)) AS ?reference) (MIN(STR(?sym)) AS ?symbol)
           (MIN(STR(?date)) AS ?workDate) (MIN(STR(?fileName)) AS ?file)"""
_KEY_PATTERNS = """
    %s
    ?work a rg:SourceWork , ?kind .
    FILTER(?kind IN (rg:Communication, rg:Reply, rg:Report))
    ?fact prov:wasDerivedFrom ?passage .
    ?passage a rg:Passage ; oa:hasSource ?doc .
    ?doc rg:fileName ?fileName .
    OPTIONAL { ?work dcterms:identifier ?ref . }
    OPTIONAL { ?work rg:symbol ?sym . }
    OPTIONAL { ?work dcterms:date ?date . }
"""

_WORK_KEYS = """
SELECT ?work ?kindIri ?reference ?symbol ?workDate ?file ?sortDate ?name {
  { SELECT ?work """ + _KEY_FIELDS + """ WHERE {""" + _KEY_PATTERNS + """  } GROUP BY ?work }
  BIND(COALESCE(?workDate, "") AS ?sortDate)
  BIND(COALESCE(?reference, ?symbol, ?file, STR(?work)) AS ?name)
}
ORDER BY ?sortDate ?name STR(?work)
"""

_WORK_COUNT = """
SELECT (COUNT(DISTINCT ?work) AS ?total) WHERE {
  %s
  ?work a rg:SourceWork , ?kind .
  FILTER(?kind IN (rg:Communication, rg:Reply, rg:Report))
  ?fact prov:wasDerivedFrom ?passage .
  ?passage a rg:Passage ; oa:hasSource ?doc .
  ?doc rg:fileName ?file .
}
"""

_CITING = "?fact a rg:Citation ; rg:provision ?provision ; rg:statedIn ?work ."
_NAMING_COMPANY = "?fact a rg:CompanyMention ; rg:company ?company ; rg:statedIn ?work ; rg:nameAsWritten ?written ."

# The passages of one work on a list, the bound ?work first (as PARTY_ACTIONS).
WORK_CITING = _PREFIXES + """
SELECT DISTINCT ?quote ?start ?end ?file WHERE {
  ?fact rg:statedIn ?work ; rg:provision ?provision ; a rg:Citation .
""" + PASSAGE + """
}
"""

WORK_NAMING_COMPANY = _PREFIXES + """
SELECT DISTINCT ?quote ?start ?end ?file WHERE {
  ?fact rg:statedIn ?work ; rg:company ?company ; a rg:CompanyMention ; rg:nameAsWritten ?written .
""" + PASSAGE + """
}
"""

CITING_WORKS = _PREFIXES + (_WORK_KEYS % _CITING) + "%s"
CITING_WORKS_COUNT = _PREFIXES + _WORK_COUNT % _CITING
COMPANY_WORKS = _PREFIXES + (_WORK_KEYS % _NAMING_COMPANY) + "%s"
COMPANY_WORKS_COUNT = _PREFIXES + _WORK_COUNT % _NAMING_COMPANY

# The participants of an instrument with the kinds of their actions (at most a few hundred
# rows: one per State and kind, whatever the number of letters restating them).
PARTY_KINDS = _PREFIXES + """
SELECT DISTINCT ?instrument ?party ?type WHERE {
  ?fact a rg:TreatyAction ; rg:instrument ?instrument ; rg:state ?party ; rg:actionType ?type ; dcterms:date ?date .
  ?fact prov:wasDerivedFrom ?passage .
  ?passage a rg:Passage .
}
"""

# One participant's actions on an instrument from every source (letters' annexes, UNTC
# tables), and for the documents stating them: the kind of document (the depositary's status
# table first), and the date and reference of the work recorded in each (sources are ordered
# by them). Bound ?party and ?instrument open each pattern: starting from ``?fact a
# rg:TreatyAction`` the engine walked every action of the store (18 ms against 0.8 ms per
# participant at 1,000 letters).
PARTY_ACTIONS = _PREFIXES + """
SELECT DISTINCT ?type ?date ?quote ?start ?end ?file ?doc WHERE {
  ?fact rg:state ?party ; rg:instrument ?instrument ; a rg:TreatyAction ; rg:actionType ?type ; dcterms:date ?date .
""" + PASSAGE + """
}
"""

PARTY_DOCUMENT_KINDS = _PREFIXES + """
SELECT DISTINCT ?doc ?docKind WHERE {
  ?fact rg:state ?party ; rg:instrument ?instrument ; a rg:TreatyAction ; prov:wasDerivedFrom ?passage .
  ?passage oa:hasSource ?doc .
  ?doc rg:documentKind ?docKind .
}
"""

PARTY_DOCUMENT_WORKS = _PREFIXES + """
SELECT DISTINCT ?doc ?work ?kind ?reference ?workDate WHERE {
  ?fact rg:state ?party ; rg:instrument ?instrument ; a rg:TreatyAction ; prov:wasDerivedFrom ?passage .
  ?passage oa:hasSource ?doc .
  ?work rg:recordedIn ?doc ; a ?kind .
  FILTER(?kind IN (rg:Communication, rg:Reply, rg:Report))
  OPTIONAL { ?work dcterms:identifier ?reference . }
  OPTIONAL { ?work dcterms:date ?workDate . }
}
"""

_LETTER_KEYS = """
SELECT ?work ?reference ?workDate ?sortDate ?sortRef {
  { SELECT ?work (MIN(STR(?ref)) AS ?reference) (MIN(STR(?date)) AS ?workDate) WHERE {
    %s
    OPTIONAL { ?work dcterms:identifier ?ref . }
    OPTIONAL { ?work dcterms:date ?date . }
  } GROUP BY ?work }
  BIND(COALESCE(?workDate, "") AS ?sortDate)
  BIND(COALESCE(?reference, "") AS ?sortRef)
}
ORDER BY ?sortDate ?sortRef STR(?work)
"""

ADDRESSED_WORKS = _PREFIXES + _LETTER_KEYS % "?work a rg:Communication ; rg:addressee ?target ." + "%s"

ADDRESSED_COUNT = _PREFIXES + """
SELECT (COUNT(DISTINCT ?work) AS ?total) WHERE { ?work a rg:Communication ; rg:addressee ?target . }
"""

# Letters (?kind rg:Communication) or replies (rg:Reply) of a mandate, one row per work.
MANDATE_WORK_KEYS = _PREFIXES + _LETTER_KEYS % "?work rg:onBehalfOf|rg:answersMandate ?mandate ; a ?kind ." + "%s"

MANDATE_WORK_COUNT = _PREFIXES + """
SELECT (COUNT(DISTINCT ?work) AS ?total) WHERE { ?work rg:onBehalfOf|rg:answersMandate ?mandate ; a ?kind . }
"""

WORK_ADDRESSEES = _PREFIXES + """
SELECT DISTINCT ?work ?target WHERE { ?work rg:addressee ?target . }
"""

# --- the per-provision citation view (graph/citation_view.py) -----------------------------------
# The keys of every provision's cited_by list at once, one row per (provision, work), grouped
# as _WORK_KEYS groups one provision's works (order and count are made in Python from them):
# what the view is rebuilt from and what the instrument page's most cited provisions read
# without a current view (``%s``: the instrument's pattern, or none).
_CITING_KEYS = """
SELECT ?provision ?number ?work """ + _KEY_FIELDS + """ WHERE {""" + _KEY_PATTERNS % """%s
    ?fact a rg:Citation ; rg:provision ?provision ; rg:statedIn ?work .""" + """} GROUP BY ?provision ?number ?work
"""

ALL_CITING_KEYS = _PREFIXES + _CITING_KEYS % ""
INSTRUMENT_CITING_KEYS = _PREFIXES + _CITING_KEYS % "?provision eli:is_part_of ?instrument ; eli:number ?number ."

# The instruments a provision is part of, with its number there.
PROVISION_PARTS = _PREFIXES + """
SELECT DISTINCT ?provision ?instrument ?number WHERE { ?provision eli:is_part_of ?instrument ; eli:number ?number . }
"""
