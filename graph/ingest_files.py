"""Files into the store: read, extract and map in worker processes; write through one writer.

The write path of ``rightsgraph ingest`` (the HTTP upload and ``rightsgraph upgrade`` write
single documents through the same :class:`~rightsgraph.graph.ingest_batch.BatchWriter`).
Extraction and mapping are pure functions of a file's bytes, so ``processes`` workers run
them side by side (and, for ``--bulk``, also write the spool lines, so the parent only copies
bytes); the parent alone writes. Files whose bytes are already in the store (complete, and
derived by this pipeline version) are recognised by their hash and not extracted again. A
file that cannot be read or extracted is reported and skipped; it writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rightsgraph.errors import DocumentError, RightsgraphError
from rightsgraph.graph.ingest import ensure_reference_data
from rightsgraph.graph.ingest_batch import (
    BatchWriter, IngestResult, MappedDocument, SpooledDocument, map_document, spool_document,
)
from rightsgraph.graph.rdf_terms import document_graph_iri
from rightsgraph.graph.store import Store
from rightsgraph.loaders.pipeline import load_file

__all__ = [
    "FileOutcome", "IngestOptions", "WrittenFile", "default_processes", "ingest_paths", "map_file", "map_files",
]

_CHUNK = 16  # files per worker task


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """What the user says of the files: the instrument of a status table or treaty text that
    does not name it, and the day status sources show when they do not print it."""

    instrument: str | None = None
    as_at: dt.date | None = None


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What a worker made of one file: a mapped document, a known graph, or an error."""

    path: Path
    mapped: MappedDocument | SpooledDocument | None = None
    known_graph: str | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class WrittenFile:
    """One file's end: the graphs settled by writing it (possibly none yet, while a bulk batch
    fills), its warnings, or why it failed; ``path`` None: what the final flush settled."""

    path: Path | None
    results: list[IngestResult] = field(default_factory=list)
    warnings: tuple[str, ...] = ()
    error: str | None = None


def default_processes() -> int:
    """Worker processes when not given: one per CPU this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_file(path: Path, options: IngestOptions, spooled: bool = False) -> FileOutcome:
    """Read, extract and map one file (in a worker process); ``spooled``: as bulk spool lines."""
    try:
        facts = load_file(path, instrument=options.instrument, as_at=options.as_at)
        return FileOutcome(path, mapped=spool_document(facts) if spooled else map_document(facts))
    except DocumentError as error:
        return FileOutcome(path, error=error.reason)
    except RightsgraphError as error:
        return FileOutcome(path, error=error.message)


def ingest_paths(
    store: Store, files: list[Path], options: IngestOptions, *, processes: int = 1, bulk: bool = False,
) -> Iterator[WrittenFile]:
    """Ingest ``files`` in order (see the module docstring), one :class:`WrittenFile` each,
    then one without a path for what the final flush settles; ``processes`` > 1
    extracts in parallel; ``bulk`` writes through the store's bulk path
    (:mod:`rightsgraph.graph.ingest_batch`)."""
    ensure_reference_data(store)
    with BatchWriter(store, bulk=bulk) as writer:
        for outcome in _outcomes(files, options, writer, processes):
            yield _write(writer, outcome)
        yield WrittenFile(None, writer.flush())


def _write(writer: BatchWriter, outcome: FileOutcome) -> WrittenFile:
    """Hand one outcome to the writer. In atomic mode a document the store refuses (e.g. a
    full disk) fails alone, like a file that cannot be read; a failed bulk batch ends the run."""
    if outcome.known_graph is not None:
        return WrittenFile(outcome.path, [IngestResult(outcome.path.name, outcome.known_graph, 0, "unchanged")])
    if outcome.mapped is None:
        return WrittenFile(outcome.path, error=outcome.error)
    try:
        results = writer.write(outcome.mapped)
    except RightsgraphError as error:
        if writer.bulk:
            raise
        return WrittenFile(outcome.path, error=error.message)
    return WrittenFile(outcome.path, results, outcome.mapped.warning_messages)


def _outcomes(files: list[Path], options: IngestOptions, writer: BatchWriter, processes: int) -> Iterator[FileOutcome]:
    """One outcome per file, in order: files already complete in the store are recognised by
    the hash of their bytes here, without extracting them again."""
    todo: list[Path] = []
    known: dict[Path, FileOutcome] = {}
    for path in files:
        try:
            graph = str(document_graph_iri(hashlib.sha256(path.read_bytes()).hexdigest()))
        except OSError as error:
            known[path] = FileOutcome(path, error=f"cannot read: {error.strerror or error}")
            continue
        if writer.is_complete(graph):
            known[path] = FileOutcome(path, known_graph=graph)
        else:
            todo.append(path)
    mapped = _map_all(todo, options, processes, spooled=writer.bulk)
    for path in files:
        yield known[path] if path in known else next(mapped)


def exit_with_parent(parent: int) -> None:
    """Make this worker exit soon after ``parent`` dies. Without it a worker of a killed
    ingest lived on, blocked sending its result into a pipe that its sibling workers also
    held open (regression test in tests/test_crash_safety.py)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def map_files(paths: list[Path], options: IngestOptions, spooled: bool = False) -> list[FileOutcome]:
    """:func:`map_file` for a chunk of files (one task for a worker)."""
    return [map_file(path, options, spooled) for path in paths]


def _map_all(files: list[Path], options: IngestOptions, processes: int, *, spooled: bool) -> Iterator[FileOutcome]:
    """Outcomes in file order. At most a few chunks per worker are in flight, so workers that
    extract faster than the store writes do not pile mapped documents up in memory."""
    if processes <= 1 or len(files) < 2:
        yield from (map_file(path, options, spooled) for path in files)
        return
    chunks = (files[i:i + _CHUNK] for i in range(0, len(files), _CHUNK))
    # spawn: the parent holds the open store (and its lock); forked children must not.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context,
                             initializer=exit_with_parent, initargs=(os.getpid(),)) as pool:
        in_flight: deque[Future[list[FileOutcome]]] = deque()
        try:
            for chunk in itertools.chain(chunks, [None]):
                if chunk is not None:
                    in_flight.append(pool.submit(map_files, chunk, options, spooled))
                while in_flight and (chunk is None or len(in_flight) >= 2 * processes):
                    yield from in_flight.popleft().result()
        finally:  # stopped early (a store error): do not extract the rest first
            pool.shutdown(cancel_futures=True)
