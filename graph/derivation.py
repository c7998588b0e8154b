"""Which version of the pipeline derived a document graph, and which graphs are stale.

A document graph is a derivation: reader output -> extractors -> mapping -> rules (entry into
force). Each graph records the version of that pipeline (``rg:pipelineVersion`` on the graph
node), so a store can tell which graphs an older release made and ``rightsgraph upgrade`` can
derive them again from the source text each graph keeps (``rg:sourceText``).

The version has three named parts:

- ``extraction``: :data:`EXTRACTION_VERSION`, raised by hand whenever an extractor's output
  changes for some input (a new extractor, a fixed pattern);
- ``mapping``: :data:`MAPPING_VERSION`, raised whenever the RDF written for the same facts
  changes (new triples, new IRIs);
- ``reference``: a digest of the reference tables the extractors and the rules read
  (instruments with their entry-into-force clauses, States, mandates), so that a changed
  rule or a new alias makes every graph stale without anyone remembering to say so.

>>> version = pipeline_version()
>>> version.startswith(f"extraction-{EXTRACTION_VERSION}.mapping-{MAPPING_VERSION}.reference-")
True
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rightsgraph.graph.rdf_terms import REFERENCE_GRAPH, RG, canonical_fact_json
from rightsgraph.loaders.reference import mandates, states
from rightsgraph.loaders.reference.instruments import INSTRUMENTS, instrument_by_id

if TYPE_CHECKING:  # the mapping imports this module and must not know the store
    from rightsgraph.graph.store import Store

__all__ = [
    "EXTRACTION_VERSION", "MAPPING_VERSION", "StaleGraph", "pipeline_version", "stale_graph_count",
    "stale_graphs",
]

#: Raise when extraction gives other facts for some document.
#: 2: successions' predecessors and dates of effect (letters, status tables' notes).
EXTRACTION_VERSION = 2
#: Raise when the same facts are written as other triples.
#: 2: fact IRIs hash canonical JSON of named fields (was ``repr``); graphs keep their text.
#: 3: every paragraph is a passage with its ``rg:paragraphNumber`` (search, citations).
#: 4: report sections, paragraphs and recommendations carry xsd:integer sequence numbers (as
#:    stored), and replies name their mandates with rg:answersMandate.
#: 5: rg:SuccessionNote nodes (predecessor, date of effect) linked from succession actions.
MAPPING_VERSION = 5


@functools.cache
def pipeline_version() -> str:
    """The version every document graph written now records (computed once per process;
    tests that change a reference table call ``pipeline_version.cache_clear()``)."""
    return f"extraction-{EXTRACTION_VERSION}.mapping-{MAPPING_VERSION}.reference-{_reference_digest()}"


def _reference_digest() -> str:
    # Read through instrument_by_id so that the digest sees the instruments the rules apply.
    instruments = [instrument_by_id(instrument.id) for instrument in INSTRUMENTS]
    tables = (instruments, states.STATES, mandates.MANDATES)
    return hashlib.sha256(canonical_fact_json(tables).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class StaleGraph:
    """A document graph made by another pipeline version (``version`` None: before versions
    were recorded)."""

    graph: str
    source: str
    version: str | None


_GRAPH_VERSIONS = f"""
SELECT ?g ?name ?version WHERE {{
  GRAPH ?g {{ ?g a <{RG.DocumentGraph}> ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc .
             ?doc <{RG.fileName}> ?name .
             OPTIONAL {{ ?g <{RG.pipelineVersion}> ?version }} }}
}}"""


def stale_graphs(store: Store) -> list[StaleGraph]:
    """Every complete document graph whose recorded version is not :func:`pipeline_version`,
    sorted by graph IRI."""
    current = pipeline_version()
    stale: dict[str, StaleGraph] = {}
    for row in store.select(_GRAPH_VERSIONS):
        graph = str(row["g"])
        version = str(row["version"]) if "version" in row else None
        if graph == str(REFERENCE_GRAPH) or version == current:
            continue
        stale[graph] = StaleGraph(graph, str(row["name"]), version)
    return [stale[graph] for graph in sorted(stale)]


def stale_graph_count(store: Store) -> int:
    """How many document graphs an older (or newer) pipeline made."""
    return len(stale_graphs(store))
