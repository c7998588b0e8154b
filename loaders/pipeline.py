"""The loaders stage end to end: a file (or uploaded bytes) -> :class:`DocumentFacts`.

read (``loaders.readers``) -> recognise the genre -> run its extractors. Nothing here
touches a store; ``rightsgraph.graph`` takes the facts from here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from rightsgraph.errors import UsageError
from rightsgraph.loaders.extractors.documents import SourceInfo, extract_document_facts
from rightsgraph.loaders.facts import DocumentFacts, LoadWarning
from rightsgraph.loaders.readers import DEFAULT_MAX_BYTES, SUPPORTED_EXTENSIONS, ReadDocument, read_document
from rightsgraph.loaders.treaty_text import looks_like_treaty_text, parse_treaty_text
from rightsgraph.loaders.untc_declarations import looks_like_declarations, parse_declarations
from rightsgraph.loaders.status_years import looks_like_year_table, parse_year_table
from rightsgraph.loaders.untc_status import looks_like_status_table, parse_status_table, with_status_as_at


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and the supported files inside folders named (sorted, hidden skipped).

    Raises :class:`UsageError` for a path that does not exist.
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in SUPPORTED_EXTENSIONS:
                    yield child
        elif path.exists():
            yield path
        else:
            raise UsageError(f"{path}: no such file or folder")


def facts_of(
    document: ReadDocument, *, instrument: str | None = None, as_at: dt.date | None = None
) -> DocumentFacts:
    """Recognise the genre of a read document and extract its facts.

    ``as_at``: the day a status source (status table, declarations) shows, when the source
    does not print its own "Status as at"; ignored for other documents.
    """
    common = {
        "source": document.name,
        "sha256": document.sha256,
        "instrument": instrument,
        "media_type": document.media_type,
    }
    text = document.text
    if looks_like_year_table(text):
        return with_status_as_at(parse_year_table(text, **common), as_at)
    if looks_like_status_table(text, document.name):
        return with_status_as_at(parse_status_table(text, **common), as_at)
    if looks_like_declarations(text, document.name):
        return with_status_as_at(parse_declarations(text, **common), as_at)
    if looks_like_treaty_text(text, document.name):
        return parse_treaty_text(text, **common)
    info = SourceInfo(document.name, document.sha256, document.media_type)
    return _marked_if_ocr(document, extract_document_facts(text, info))


def _marked_if_ocr(document: ReadDocument, facts: DocumentFacts) -> DocumentFacts:
    """Facts of a scanned document say so: a warning carrying the reader's OCR note, and
    ``read_by_ocr`` (the JSON view marks every evidence span ``"ocr": true``)."""
    if not document.read_by_ocr:
        return facts
    notes = tuple(LoadWarning(note) for note in document.notes)
    return dataclasses.replace(facts, read_by_ocr=True, warnings=facts.warnings + notes)


def load_file(
    path: Path, *, instrument: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
    as_at: dt.date | None = None,
) -> DocumentFacts:
    """Read and extract one file; raises a :class:`~rightsgraph.errors.DocumentError`."""
    return facts_of(read_document(path, max_bytes=max_bytes), instrument=instrument, as_at=as_at)


def load_bytes(
    data: bytes, name: str, *, instrument: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
    as_at: dt.date | None = None,
) -> DocumentFacts:
    """Read and extract uploaded bytes named ``name``."""
    return facts_of(read_document(data, name, max_bytes=max_bytes), instrument=instrument, as_at=as_at)
