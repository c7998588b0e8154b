"""The ``rightsgraph`` command line: each command is one function calling the library.

Exit codes: 0 when everything worked, 1 when some input failed (the rest still done),
2 on usage errors.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from rightsgraph.api import cli_ingest, cli_service, cli_store
from rightsgraph.api.cli_warnings import print_warnings
from rightsgraph.api.cli_viz import viz_command
from rightsgraph.errors import DocumentError, RightsgraphError, StoreInUseError, UsageError
from rightsgraph.loaders.contract import to_contract
from rightsgraph.loaders.pipeline import iter_input_files, load_file

app = typer.Typer(
    name="rightsgraph",
    help="A sourced knowledge graph of UN human-rights law on the online sexual exploitation of children.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)

PathsArg = Annotated[list[Path], typer.Argument(help="Files or folders.", show_default=False)]
InstrumentOpt = Annotated[
    Optional[str],
    typer.Option("--instrument", help="Instrument id of a status table or treaty text that does not name it (e.g. OPSC)."),
]


def parse_day(value: str, option: str) -> dt.date:
    """A ``YYYY-MM-DD`` option value; anything else is a usage error (exit 2)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} must be a date YYYY-MM-DD, not {value!r}", details={option: value}) from None


def fail_usage(error: RightsgraphError) -> typer.Exit:
    err.print(f"[red]error:[/red] {error.message}", highlight=False, soft_wrap=True)
    return typer.Exit(2)


@contextmanager
def exit_codes() -> Iterator[None]:
    """Usage errors exit 2 and other expected errors exit 1, each as one line on stderr."""
    try:
        yield
    except UsageError as error:
        raise fail_usage(error) from None
    except RightsgraphError as error:
        err.print(f"[red]error:[/red] {error.message}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


@app.command()
def extract(
    paths: PathsArg,
    fmt: Annotated[str, typer.Option("--format", help="Output format (json).")] = "json",
    instrument: InstrumentOpt = None,
) -> None:
    """Print the extraction of each file (extraction contract JSON); touches no store."""
    if fmt != "json":
        raise fail_usage(UsageError(f"unknown format {fmt!r}; use json"))
    try:
        files = list(iter_input_files(paths))
    except UsageError as error:
        raise fail_usage(error) from None
    results, failed = [], 0
    for path in files:
        try:
            results.append(to_contract(load_file(path, instrument=instrument)))
        except DocumentError as error:
            failed += 1
            err.print(f"[red]failed:[/red] {error.message}", highlight=False)
    json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    raise typer.Exit(1 if failed else 0)


StoreOpt = Annotated[
    Optional[str],
    typer.Option("--store", help="Store directory (default: $RIGHTSGRAPH_STORE or the user data directory)."),
]


@app.command()
def ingest(
    paths: PathsArg, store: StoreOpt = None, instrument: InstrumentOpt = None,
    processes: Annotated[Optional[int], typer.Option(
        "--processes", min=1, help="Worker processes that extract files (default: one per CPU).")] = None,
    bulk: Annotated[bool, typer.Option(
        "--bulk", help="Write batches through the engine's bulk loader: faster, not atomic; "
                       "if interrupted, run the same command again.")] = False,
    as_at: Annotated[Optional[str], typer.Option(
        "--as-at", metavar="YYYY-MM-DD",
        help="The day status tables and declarations show, for sources that do not print "
             "their own 'Status as at' (a printed date wins).")] = None,
    service: Annotated[Optional[str], typer.Option(
        "--service", help="URL of a running `rightsgraph serve`: upload through it (needs $RIGHTSGRAPH_WRITE_TOKEN); "
                          "the way to load into a store a server holds.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every warning (default: grouped by kind).")] = False,
) -> None:
    """Load files or folders into the store; a failing file leaves the store unchanged."""
    with exit_codes():
        as_at_day = parse_day(as_at, "--as-at") if as_at else None
        files = list(iter_input_files(paths))
        if service:
            summary = cli_service.ingest_through_service(service, files, instrument, err)
        else:
            try:
                opened = cli_store.open_cli_store(store)
            except StoreInUseError:
                raise fail_usage(UsageError(cli_service.served_store_hint(cli_store.store_location(store)))) from None
            with opened:
                summary = cli_ingest.ingest_files(
                    opened, files, instrument, err, processes=processes or cli_ingest.default_processes(), bulk=bulk,
                    as_at=as_at_day)
    print_warnings(err, summary.warning_messages, verbose)
    err.print(summary.line(), highlight=False, soft_wrap=True)
    raise typer.Exit(1 if summary.errors else 0)


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="A read-only SPARQL query.")],
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="json (SPARQL 1.1 JSON results), csv or table.")] = "table",
) -> None:
    """Run a read-only SPARQL query on the store."""
    try:
        with cli_store.open_cli_store(store, read_only_if_in_use=True) as opened:
            cli_store.print_query(opened, sparql, fmt)
    except (UsageError, RightsgraphError) as error:
        if isinstance(error, UsageError) or error.status in (400, 403):  # bad or refused query text
            raise fail_usage(error) from None
        err.print(f"[red]error:[/red] {error.message}", highlight=False)
        raise typer.Exit(1) from None


@app.command()
def export(
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="trig, nquads, turtle or jsonld.")] = "trig",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write (default stdout).")] = None,
) -> None:
    """The whole dataset with its named graphs."""
    with exit_codes(), cli_store.open_cli_store(store, read_only_if_in_use=True) as opened:
        data = opened.export(fmt)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)


@app.command()
def info(store: StoreOpt = None) -> None:
    """Counts of resources per class and of triples per named graph."""
    with exit_codes(), cli_store.open_cli_store(store, read_only_if_in_use=True) as opened:
        cli_store.print_info(opened)


@app.command()
def upgrade(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Source files or folders, for graphs written before graphs kept their text.", show_default=False)] = None,
    store: StoreOpt = None,
) -> None:
    """Derive again every document graph an older version of the pipeline made."""
    with exit_codes():
        with cli_store.open_cli_store(store) as opened:
            summary = cli_store.run_upgrade(opened, paths or [], err)
    err.print(summary.line(), highlight=False, soft_wrap=True)
    raise typer.Exit(1 if summary.failed or summary.needs_file else 0)


@app.command("import")
def import_(
    source: Annotated[Path, typer.Argument(help="A dataset written by `rightsgraph export` (TriG, N-Quads or JSON-LD).")],
    store: StoreOpt = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="trig, nquads or jsonld (default: from the extension).")] = None,
) -> None:
    """Restore a dataset written by `export`; its named graphs replace the store's graphs of the same name."""
    with exit_codes():
        data = cli_store.read_backup(source)
        with cli_store.open_cli_store(store) as opened:
            opened.import_dataset(data, fmt or cli_store.backup_format(source))


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
) -> None:
    """Serve the HTTP API (obligations, SPARQL endpoint, document upload)."""
    import uvicorn

    from rightsgraph.api.app import create_app
    from rightsgraph.api.settings import Settings

    with exit_codes():
        settings = Settings.from_env()
        with cli_store.open_cli_store(store) as opened:
            uvicorn.run(create_app(opened, settings), host=host, port=port)


app.command("viz")(viz_command)


def main() -> None:
    app()
