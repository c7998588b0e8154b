"""The ``rightsgraph`` command line: each command is one function calling the library.

Exit codes: 0 when everything worked, 1 when some input failed (the rest still done),
2 on usage errors.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from rightsgraph.errors import DocumentError, RightsgraphError, UsageError
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


def fail_usage(error: RightsgraphError) -> typer.Exit:
    err.print(f"[red]error:[/red] {error.message}", highlight=False)
    return typer.Exit(2)


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


def main() -> None:
    app()
