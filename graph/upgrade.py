"""``rightsgraph upgrade``: derive again every document graph an older pipeline made.

Each document graph keeps the plain text its reader made (``rg:sourceText``), its file name,
media type and the instrument it was ingested for, so the extractors, the mapping and the
rules of this release can run on it without the original file. Graphs written before the text
was kept need the file: give it (or a folder holding it) and it is found by the hash of its
bytes. Every graph is rewritten through the one write path
(:class:`~rightsgraph.graph.ingest_batch.BatchWriter`), each in its own transaction, so an
interrupted upgrade leaves every graph whole, old or new, and running it again finishes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rdflib import URIRef

from rightsgraph.errors import DocumentError, RightsgraphError
from rightsgraph.graph.derivation import StaleGraph, stale_graphs
from rightsgraph.graph.ingest import ensure_reference_data
from rightsgraph.graph.ingest_batch import BatchWriter, map_document
from rightsgraph.graph.rdf_terms import DCTERMS, ID, RG
from rightsgraph.graph.store import Store
from rightsgraph.loaders.facts import DocumentFacts
from rightsgraph.loaders.pipeline import facts_of, iter_input_files, load_file
from rightsgraph.loaders.readers import ReadDocument

__all__ = ["UpgradeResult", "upgrade_store"]

UpgradeOutcome = Literal["upgraded", "needs-file", "failed"]

_STORED_SOURCE = f"""
SELECT ?text ?name ?media ?instrument WHERE {{
  GRAPH ?g {{ ?g <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc .
             ?doc <{RG.fileName}> ?name ; <{DCTERMS.format}> ?media ; <{RG.sha256}> ?sha .
             OPTIONAL {{ ?doc <{RG.sourceText}> ?text }}
             OPTIONAL {{ ?doc <{RG.aboutInstrument}> ?instrument }} }}
}}"""
_INSTRUMENT_PREFIX = str(ID) + "instrument/"


@dataclass(frozen=True, slots=True)
class UpgradeResult:
    graph: str
    source: str
    outcome: UpgradeOutcome
    message: str = ""


def upgrade_store(store: Store, files: Iterable[Path] = ()) -> Iterator[UpgradeResult]:
    """Derive every stale graph again (see the module docstring), one result per graph.

    ``files`` are searched, by the SHA-256 of their bytes, for graphs that keep no text; a
    file given is preferred to the stored text (its reader may have improved too).
    """
    ensure_reference_data(store)
    by_sha = _files_by_sha(files)
    with BatchWriter(store) as writer:
        for stale in stale_graphs(store):
            yield _upgrade_one(store, writer, stale, by_sha)


def _upgrade_one(store: Store, writer: BatchWriter, stale: StaleGraph, by_sha: dict[str, Path]) -> UpgradeResult:
    sha = stale.graph.rsplit("/", 1)[-1]
    try:
        facts = _facts_again(store, stale, by_sha.get(sha))
    except RightsgraphError as error:
        message = error.reason if isinstance(error, DocumentError) else error.message
        return UpgradeResult(stale.graph, stale.source, "failed", message)
    if facts is None:
        return UpgradeResult(stale.graph, stale.source, "needs-file",
                             "the graph keeps no source text: give the file to `rightsgraph upgrade`")
    writer.write(map_document(facts))
    return UpgradeResult(stale.graph, stale.source, "upgraded")


def _facts_again(store: Store, stale: StaleGraph, path: Path | None) -> DocumentFacts | None:
    rows = store.select(_STORED_SOURCE, {"g": URIRef(stale.graph)})
    if not rows:
        return None
    row = rows[0]
    instrument = _instrument_id(row.get("instrument"))
    if path is not None:
        return load_file(path, instrument=instrument)
    if "text" not in row:
        return None
    sha = stale.graph.rsplit("/", 1)[-1]
    document = ReadDocument(str(row["name"]), str(row["media"]), sha, str(row["text"]))
    return facts_of(document, instrument=instrument)


def _instrument_id(node: object) -> str | None:
    text = str(node) if node is not None else ""
    return text[len(_INSTRUMENT_PREFIX):] if text.startswith(_INSTRUMENT_PREFIX) else None


def _files_by_sha(files: Iterable[Path]) -> dict[str, Path]:
    return {hashlib.sha256(path.read_bytes()).hexdigest(): path for path in iter_input_files(files)}
