"""SPARQL updates and datasets built from data, shared by the embedded and remote stores."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from rightsgraph.errors import DocumentError, UsageError
from rightsgraph.graph.store import DATASET_FORMATS, iri

__all__ = [
    "dataset_format", "nquads_of_markers", "ntriples_lines", "parse_dataset", "replace_graphs_update",
    "with_leading_values",
]


def ntriples_lines(triples: Iterable[ox.Triple]) -> str:
    """Triples as N-Triples lines, which are also valid SPARQL ``INSERT DATA`` content."""
    return "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)


def replace_graphs_update(
    graphs: Mapping[str, list[ox.Triple]], default_triples: list[ox.Triple] | None = None
) -> str:
    """One SPARQL update that replaces each graph of ``graphs`` with its triples.

    Being one request, it is one transaction on Oxigraph and on conforming servers.
    Blank node labels are shared across all graphs of the request.
    """
    drops = [f"DROP SILENT GRAPH {iri(name)}" for name in graphs]
    blocks = [
        f"GRAPH {iri(name)} {{\n{ntriples_lines(triples)}\n}}"
        for name, triples in graphs.items()
        if triples
    ]
    if default_triples:
        blocks.insert(0, ntriples_lines(default_triples))
    operations = drops + ([f"INSERT DATA {{\n{chr(10).join(blocks)}\n}}"] if blocks else [])
    return " ;\n".join(operations)


def nquads_of_markers(markers: Mapping[str, str]) -> str:
    return "".join(f"{line[:-1]}{iri(graph)} .\n" for graph, line in markers.items())


def parse_dataset(data: bytes, fmt: str) -> tuple[dict[str, list[ox.Triple]], list[ox.Triple]]:
    """Parse ``data`` into ``({graph IRI: triples}, default-graph triples)``."""
    rdf_format = dataset_format(fmt)
    graphs: dict[str, list[ox.Triple]] = {}
    default: list[ox.Triple] = []
    try:
        for quad in ox.parse(data, format=rdf_format):
            name = quad.graph_name
            if isinstance(name, ox.DefaultGraph):
                default.append(quad.triple)
            elif isinstance(name, ox.NamedNode):
                graphs.setdefault(name.value, []).append(quad.triple)
            else:
                raise DocumentError(
                    f"{fmt} import", "graphs named by blank nodes are not supported"
                )
    except SyntaxError as error:
        raise DocumentError(f"{fmt} import", str(error)) from error
    return graphs, default


def dataset_format(fmt: str) -> ox.RdfFormat:
    """The Oxigraph format of a dataset format name, or :class:`UsageError`."""
    try:
        return DATASET_FORMATS[fmt]
    except KeyError:
        raise UsageError(
            f"unknown dataset format {fmt!r}; use one of {', '.join(DATASET_FORMATS)}",
            details={"format": fmt},
        ) from None


_WHERE_GROUP = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def with_leading_values(sparql: str, substitutions: Mapping[ox.Variable, ox.NamedNode | ox.Literal]) -> str:
    r"""``sparql`` with the bindings as a ``VALUES`` block opening its WHERE group.

    pyoxigraph plans a query without looking at ``substitutions`` and filters afterwards
    (32x slower on an obligations join at 7.7M triples than the same value written in the
    query); a VALUES block at the head of the group is planned as the first join. Terms are
    written by Oxigraph itself (N-Triples syntax), so no value can change the query's shape.
    Meant for the project's own queries, which open their main group with ``WHERE {``.

    >>> with_leading_values("SELECT ?s WHERE { ?s ?p ?o }", {ox.Variable("o"): ox.Literal('x" } .')})
    'SELECT ?s WHERE { VALUES (?o) { ("x\\" } .") } ?s ?p ?o }'
    """
    where = _WHERE_GROUP.search(sparql)
    if where is None:
        raise UsageError("bindings need a query whose main group opens with 'WHERE {'")
    names = " ".join(str(variable) for variable in substitutions)
    values = " ".join(str(term) for term in substitutions.values())
    return f"{sparql[: where.end()]} VALUES ({names}) {{ ({values}) }}{sparql[where.end():]}"
