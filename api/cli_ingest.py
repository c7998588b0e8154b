"""``rightsgraph ingest``: read, extract and map files in worker processes; write in batches.

Extraction and mapping are pure functions of a file's bytes, so ``processes`` workers run
them side by side (and, for ``--bulk``, also write the spool lines, so the parent only copies
bytes); the parent alone writes, through
:class:`~rightsgraph.graph.ingest_batch.BatchWriter` (each document atomically, or in bulk
batches). Files whose bytes are already in the
store (complete) are recognised by their hash and not extracted again.
A file that cannot be read or extracted is reported in one line and skipped; it writes
nothing.
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

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from rightsgraph.errors import DocumentError, RightsgraphError
from rightsgraph.graph.ingest import IngestResult, ensure_reference_data
from rightsgraph.graph.ingest_batch import BatchWriter, MappedDocument, SpooledDocument, map_document, spool_document
from rightsgraph.graph.rdf_terms import document_graph_iri
from rightsgraph.graph.store import Store
from rightsgraph.loaders.pipeline import load_file

__all__ = [
    "FileOutcome", "IngestSummary", "default_processes", "ingest_files", "map_file", "map_files",
]

_CHUNK = 16  # files per worker task


@dataclass
class IngestSummary:
    documents: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    triples: int = 0
    warnings: int = 0
    errors: int = 0
    warning_messages: list[tuple[str, str]] = field(default_factory=list)  # (file name, message)

    def line(self) -> str:
        """The one summary line the command prints (triples: those written by this run).

        >>> IngestSummary(3, 1, 0, 1, 120, 2, 1).line()
        '3 documents: 1 added, 0 replaced, 1 unchanged; 120 triples; 2 warnings; 1 errors'
        """
        return (f"{self.documents} documents: {self.added} added, {self.replaced} replaced, "
                f"{self.unchanged} unchanged; {self.triples} triples; {self.warnings} warnings; "
                f"{self.errors} errors")

    def count(self, result: IngestResult) -> None:
        setattr(self, result.outcome, getattr(self, result.outcome) + 1)
        if result.outcome != "unchanged":
            self.triples += result.triples


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What a worker made of one file: a mapped document, a known graph, or an error."""

    path: Path
    mapped: MappedDocument | SpooledDocument | None = None
    known_graph: str | None = None
    error: str | None = None


def default_processes() -> int:
    """Worker processes when not given: one per CPU this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_file(path: Path, instrument: str | None, spooled: bool = False, as_at: dt.date | None = None) -> FileOutcome:
    """Read, extract and map one file (in a worker process); ``spooled``: as bulk spool lines."""
    try:
        facts = load_file(path, instrument=instrument, as_at=as_at)
        return FileOutcome(path, mapped=spool_document(facts) if spooled else map_document(facts))
    except DocumentError as error:
        return FileOutcome(path, error=error.reason)
    except RightsgraphError as error:
        return FileOutcome(path, error=error.message)


def ingest_files(
    store: Store, files: list[Path], instrument: str | None, console: Console, *,
    processes: int = 1, bulk: bool = False, as_at: dt.date | None = None,
) -> IngestSummary:
    """Ingest ``files`` (see the module docstring); ``processes`` > 1 extracts in parallel;
    ``bulk`` writes through the store's bulk path (see :mod:`rightsgraph.graph.ingest_batch`);
    ``as_at``: the day status sources show, for those that do not print it."""
    ensure_reference_data(store)
    summary = IngestSummary(documents=len(files))
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as progress, BatchWriter(store, bulk=bulk) as writer:
        task = progress.add_task("ingesting", total=len(files))
        for outcome in _outcomes(files, instrument, writer, processes, as_at):
            progress.update(task, description=outcome.path.name)
            for result in _write(writer, outcome, summary, console):
                summary.count(result)
            progress.advance(task)
        for result in writer.flush():
            summary.count(result)
    return summary


def _write(writer: BatchWriter, outcome: FileOutcome, summary: IngestSummary, console: Console) -> list[IngestResult]:
    """Hand one outcome to the writer. In atomic mode a document the store refuses (e.g. a
    full disk) fails alone, like a file that cannot be read; a failed bulk batch ends the run."""
    if outcome.known_graph is not None:
        return [IngestResult(outcome.path.name, outcome.known_graph, 0, "unchanged")]
    if outcome.mapped is not None:
        try:
            results = writer.write(outcome.mapped)
        except RightsgraphError as error:
            if writer.bulk:
                raise
            outcome = FileOutcome(outcome.path, error=error.message)
        else:
            summary.warnings += outcome.mapped.warnings
            summary.warning_messages.extend((outcome.path.name, m) for m in outcome.mapped.warning_messages)
            return results
    summary.errors += 1
    console.print(f"[red]failed:[/red] {outcome.path}: {outcome.error}", highlight=False, soft_wrap=True)
    return []


def _outcomes(
    files: list[Path], instrument: str | None, writer: BatchWriter, processes: int, as_at: dt.date | None = None,
) -> Iterator[FileOutcome]:
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
    mapped = _map_all(todo, instrument, processes, spooled=writer.bulk, as_at=as_at)
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


def map_files(
    paths: list[Path], instrument: str | None, spooled: bool = False, as_at: dt.date | None = None,
) -> list[FileOutcome]:
    """:func:`map_file` for a chunk of files (one task for a worker)."""
    return [map_file(path, instrument, spooled, as_at) for path in paths]


def _map_all(
    files: list[Path], instrument: str | None, processes: int, *, spooled: bool, as_at: dt.date | None = None,
) -> Iterator[FileOutcome]:
    """Outcomes in file order. At most a few chunks per worker are in flight, so workers that
    extract faster than the store writes do not pile mapped documents up in memory."""
    if processes <= 1 or len(files) < 2:
        yield from (map_file(path, instrument, spooled, as_at) for path in files)
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
                    in_flight.append(pool.submit(map_files, chunk, instrument, spooled, as_at))
                while in_flight and (chunk is None or len(in_flight) >= 2 * processes):
                    yield from in_flight.popleft().result()
        finally:  # stopped early (a store error): do not extract the rest first
            pool.shutdown(cancel_futures=True)
