"""``rightsgraph ingest`` on the console: progress, one line per failed file, the summary.

The work is :func:`rightsgraph.graph.ingest_files.ingest_paths`; this module only shows it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from rightsgraph.graph.ingest_batch import IngestResult
from rightsgraph.graph.ingest_files import IngestOptions, default_processes, ingest_paths
from rightsgraph.graph.store import Store

__all__ = ["IngestSummary", "default_processes", "ingest_files"]


@dataclass
class IngestSummary:
    documents: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    triples: int = 0
    warnings: int = 0
    errors: int = 0
    upgraded: int = 0  # derived again: the store held a graph of an older pipeline version
    warning_messages: list[tuple[str, str]] = field(default_factory=list)  # (file name, message)

    def line(self) -> str:
        """The one summary line the command prints (triples: those written by this run).

        >>> IngestSummary(3, 1, 0, 1, 120, 2, 1).line()
        '3 documents: 1 added, 0 replaced, 1 unchanged; 120 triples; 2 warnings; 1 errors'
        """
        upgraded = f", {self.upgraded} upgraded" if self.upgraded else ""
        return (f"{self.documents} documents: {self.added} added, {self.replaced} replaced, "
                f"{self.unchanged} unchanged{upgraded}; {self.triples} triples; {self.warnings} warnings; "
                f"{self.errors} errors")

    def count(self, result: IngestResult) -> None:
        setattr(self, result.outcome, getattr(self, result.outcome) + 1)
        if result.outcome != "unchanged":
            self.triples += result.triples


def ingest_files(
    store: Store, files: list[Path], instrument: str | None, console: Console, *,
    processes: int = 1, bulk: bool = False, as_at: dt.date | None = None,
) -> IngestSummary:
    """Ingest ``files`` with a progress bar; ``as_at``: the day status sources show, for those
    that do not print it (see :func:`~rightsgraph.graph.ingest_files.ingest_paths`)."""
    summary = IngestSummary(documents=len(files))
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    options = IngestOptions(instrument, as_at)
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("ingesting", total=len(files))
        for written in ingest_paths(store, files, options, processes=processes, bulk=bulk):
            for result in written.results:
                summary.count(result)
            if written.path is None:  # what the final flush settled
                continue
            progress.update(task, description=written.path.name)
            _report(written.path, written.error, written.warnings, summary, console)
            progress.advance(task)
    return summary


def _report(path: Path, error: str | None, warnings: tuple[str, ...], summary: IngestSummary, console: Console) -> None:
    if error is not None:
        summary.errors += 1
        console.print(f"[red]failed:[/red] {path}: {error}", highlight=False, soft_wrap=True)
        return
    summary.warnings += len(warnings)
    summary.warning_messages.extend((path.name, message) for message in warnings)
