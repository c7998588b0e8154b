"""What the CLI commands do with a store: open it, print queries and counts.

Kept apart from :mod:`rightsgraph.api.cli` so each command stays one small function.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from rightsgraph.errors import StoreError, StoreInUseError, UsageError
from rightsgraph.graph.derivation import stale_graph_count
from rightsgraph.graph.upgrade import upgrade_store
from rightsgraph.graph.store import MEMORY, STORE_ENV, Store, default_store_path, open_store, query_form

__all__ = ["UpgradeSummary", "open_cli_store", "print_info", "print_query", "run_upgrade", "store_location"]

_GRAPH_FORMAT_FOR = {"json": "jsonld", "csv": "ntriples", "table": "turtle"}


def store_location(location: str | None) -> str:
    """``--store``, else ``$RIGHTSGRAPH_STORE``, else the user data directory."""
    return location or os.environ.get(STORE_ENV) or str(default_store_path())


def open_cli_store(location: str | None, read_only_if_in_use: bool = False) -> Store:
    """The store of ``store_location(location)`` (its parent directory created).

    ``read_only_if_in_use``: for read commands, a store another process holds (a running
    ``rightsgraph serve``) is opened read-only, as it stands now, with a note on stderr;
    otherwise that is a :class:`~rightsgraph.errors.StoreInUseError`."""
    location = store_location(location)
    if location != MEMORY and not location.startswith(("http://", "https://")):
        try:
            Path(location).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # e.g. a parent is a file, or not writable
            raise StoreError(
                f"cannot open the store at {location}: {error.filename}: {error.strerror}",
                details={"path": location},
            ) from None
    try:
        return open_store(location)
    except StoreInUseError:
        if not read_only_if_in_use:
            raise
    Console(stderr=True).print(f"note: the store at {location} is in use by another process (a running server?); "
                               "reading it read-only as it stands now", highlight=False, soft_wrap=True)
    return open_store(location, read_only=True)


def print_query(store: Store, sparql: str, fmt: str) -> None:
    """Print the results of a read-only query as SPARQL JSON, CSV or a table."""
    if fmt not in ("json", "csv", "table"):
        from rightsgraph.errors import UsageError

        raise UsageError(f"unknown format {fmt!r}; use json, csv or table")
    form = query_form(sparql)
    if form in ("CONSTRUCT", "DESCRIBE"):
        sys.stdout.buffer.write(store.query(sparql, result_format=_GRAPH_FORMAT_FOR[fmt]))
    elif fmt in ("json", "csv"):
        sys.stdout.buffer.write(store.query(sparql, result_format=fmt))
        if fmt == "json":
            sys.stdout.write("\n")
    elif form == "ASK":
        print(json.loads(store.query(sparql, result_format="json"))["boolean"])
    else:
        _print_table(store, sparql)
    sys.stdout.flush()


def _print_table(store: Store, sparql: str) -> None:
    data = json.loads(store.query(sparql, result_format="json"))
    variables = data["head"]["vars"]
    table = Table(*variables)
    for binding in data["results"]["bindings"]:
        table.add_row(*(binding.get(var, {}).get("value", "") for var in variables))
    Console(soft_wrap=True).print(table)


_CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n) ?class
"""
_GRAPH_COUNTS = """
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g
"""


def print_info(store: Store) -> None:
    """Counts per class and per named graph, as two tables."""
    console = Console(soft_wrap=True)
    classes = Table(title="Resources per class")
    classes.add_column("class", overflow="fold")
    classes.add_column("resources", justify="right")
    for row in store.select(_CLASS_COUNTS):
        classes.add_row(str(row["class"]), str(row["n"]))
    graphs = Table(title="Triples per named graph")
    graphs.add_column("graph", overflow="fold")
    graphs.add_column("triples", justify="right")
    for row in store.select(_GRAPH_COUNTS):
        graphs.add_row(str(row["g"]), str(row["n"]))
    console.print(classes)
    console.print(graphs)
    console.print(f"total: {store.count()} triples in {len(store.graphs())} graphs")
    stale = stale_graph_count(store)
    if stale:
        console.print(f"stale: {stale} document graphs were derived by another version of the pipeline; "
                      "run `rightsgraph upgrade`")


@dataclass
class UpgradeSummary:
    upgraded: int = 0
    needs_file: int = 0
    failed: int = 0

    def line(self) -> str:
        """The one summary line ``upgrade`` prints.

        >>> UpgradeSummary(3, 1, 0).line()
        '3 graphs upgraded; 1 need their source file; 0 failed'
        """
        return f"{self.upgraded} graphs upgraded; {self.needs_file} need their source file; {self.failed} failed"


def run_upgrade(store: Store, paths: list[Path], console: Console) -> UpgradeSummary:
    """Upgrade every stale graph, printing one line for each that could not be."""
    summary = UpgradeSummary()
    for result in upgrade_store(store, paths):
        if result.outcome == "upgraded":
            summary.upgraded += 1
            continue
        if result.outcome == "needs-file":
            summary.needs_file += 1
        else:
            summary.failed += 1
        console.print(f"[red]{result.outcome}:[/red] {result.source}: {result.message}", highlight=False, soft_wrap=True)
    return summary


_BACKUP_FORMATS = {".trig": "trig", ".nq": "nquads", ".nquads": "nquads", ".jsonld": "jsonld", ".json": "jsonld"}


def backup_format(path: Path) -> str:
    """The dataset format of a backup file, from its extension."""
    fmt = _BACKUP_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(f"{path}: cannot tell the format from the extension; pass --format")
    return fmt


def read_backup(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UsageError(f"{path}: {error.strerror}") from None
