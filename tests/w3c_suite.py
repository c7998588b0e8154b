"""The W3C SPARQL 1.1 test suite (../shared/w3c-sparql11), read from its manifests with rdflib.

* :func:`evaluation_tests`: every approved ``mf:QueryEvaluationTest`` (and CSV/TSV result
  tests) of the query manifests: query file, default-graph data (``qt:data``), named graphs
  (``qt:graphData``), expected result.
* :func:`syntax_tests`: the positive and negative syntax tests of queries and updates.
* :func:`same_results`: expected and actual results compared as bags of solutions, blank
  nodes insensitive (each blank node matches any blank node; co-reference is not checked),
  in order where the query orders by a projected variable; graphs by isomorphism.

Tests marked ``dawgt:NotClassified``/``Withdrawn`` (or not approved) are left out, as
SOURCE.md allows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, Namespace, URIRef
from rightsgraph.graph.oxigraph_terms import to_oxigraph
from rdflib.collection import Collection
from rdflib.compare import isomorphic

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
DAWGT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")
RS = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {_XSD + name for name in ("integer", "decimal", "float", "double", "int", "long", "short", "byte",
                                     "nonNegativeInteger", "positiveInteger", "negativeInteger",
                                     "nonPositiveInteger", "unsignedInt", "unsignedLong")}

QUERY_MANIFESTS = ("manifest-sparql11-query.ttl", "manifest-sparql11-results.ttl")
SYNTAX_MANIFESTS = ("manifest-sparql11-query.ttl", "manifest-sparql11-update.ttl", "manifest-sparql11-fed.ttl")
_EVALUATION_TYPES = {MF.QueryEvaluationTest, MF.CSVResultFormatTest}
_SYNTAX_TYPES = {
    MF.PositiveSyntaxTest11: (True, "query"), MF.NegativeSyntaxTest11: (False, "query"),
    MF.PositiveUpdateSyntaxTest11: (True, "update"), MF.NegativeUpdateSyntaxTest11: (False, "update"),
}
_RDF_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".rdf": ox.RdfFormat.RDF_XML}
_RESULT_FORMATS = {".srx": ox.QueryResultsFormat.XML, ".srj": ox.QueryResultsFormat.JSON,
                   ".tsv": ox.QueryResultsFormat.TSV, ".csv": ox.QueryResultsFormat.CSV}


@dataclass(frozen=True)
class EvaluationTest:
    name: str  # folder/local name, e.g. "aggregates/agg01"
    query: Path
    data: tuple[Path, ...]
    graph_data: tuple[Path, ...]
    result: Path


@dataclass(frozen=True)
class SyntaxTest:
    name: str
    path: Path
    positive: bool
    kind: str  # "query" or "update"


def _manifests(root: Path, top: str) -> list[tuple[Path, Graph]]:
    """The manifest ``top`` and every manifest it includes, parsed."""
    found: list[tuple[Path, Graph]] = []
    pending = [root / top]
    while pending:
        path = pending.pop(0)
        graph = Graph().parse(path, format="turtle")
        found.append((path, graph))
        for manifest in graph.subjects(RDF.type, MF.Manifest):
            for include in graph.objects(manifest, MF.include):
                pending.extend(Path(str(item).removeprefix("file://")) for item in Collection(graph, include))
    return found


def _entries(graph: Graph) -> list[URIRef]:
    entries: list[URIRef] = []
    for manifest in graph.subjects(RDF.type, MF.Manifest):
        for listed in graph.objects(manifest, MF.entries):
            entries.extend(Collection(graph, listed))
    return entries


def _approved(graph: Graph, test: URIRef) -> bool:
    approval = graph.value(test, DAWGT.approval)
    return approval is None or approval == DAWGT.Approved


def _path(node: object) -> Path:
    return Path(str(node).removeprefix("file://"))


def _name(manifest: Path, test: URIRef) -> str:
    local = re.split(r"[#/]", str(test))[-1]
    return f"{manifest.parent.name}/{local}"


def evaluation_tests(root: Path) -> list[EvaluationTest]:
    tests = []
    for top in QUERY_MANIFESTS:
        for manifest, graph in _manifests(root, top):
            for test in _entries(graph):
                if graph.value(test, RDF.type) not in _EVALUATION_TYPES or not _approved(graph, test):
                    continue
                action = graph.value(test, MF.action)
                tests.append(EvaluationTest(
                    _name(manifest, test), _path(graph.value(action, QT.query)),
                    tuple(sorted(_path(item) for item in graph.objects(action, QT.data))),
                    tuple(sorted(_path(item) for item in graph.objects(action, QT.graphData))),
                    _path(graph.value(test, MF.result)),
                ))
    return tests


def syntax_tests(root: Path) -> list[SyntaxTest]:
    tests = []
    for top in SYNTAX_MANIFESTS:
        for manifest, graph in _manifests(root, top):
            for test in _entries(graph):
                kind = _SYNTAX_TYPES.get(graph.value(test, RDF.type))
                if kind is None or not _approved(graph, test):
                    continue
                positive, language = kind
                if "update" in top:  # the update manifests' syntax tests are updates
                    language = "update"
                tests.append(SyntaxTest(_name(manifest, test), _path(graph.value(test, MF.action)), positive, language))
    return tests


# --- data and results ---------------------------------------------------------------------


def read_triples(path: Path) -> list[ox.Triple]:
    """The triples of a data file, relative IRIs resolved against its own location."""
    with path.open("rb") as data:
        quads = ox.parse(data, format=_RDF_FORMATS[path.suffix], base_iri=path.as_uri())
        return [quad.triple for quad in quads]


def expected_result(path: Path) -> object:
    """``bool`` for ASK, a list of rows for SELECT (also from an RDF result set), an rdflib
    graph for CONSTRUCT/DESCRIBE, or the text of a CSV result (CSV cannot be read back)."""
    if path.suffix == ".csv":
        return CsvText(path.read_text(encoding="utf-8"))
    if path.suffix in (".ttl", ".nt", ".rdf"):
        graph = Graph().parse(path, format={".ttl": "turtle", ".nt": "nt", ".rdf": "xml"}[path.suffix],
                              publicID=path.as_uri())
        result_set = graph.value(None, RDF.type, RS.ResultSet, any=True)
        return graph if result_set is None else _result_set_rows(graph, result_set)
    return parse_results(path.read_bytes(), _RESULT_FORMATS[path.suffix])


class CsvText(str):
    """An expected CSV result: compared as a bag of lines, blank node labels ignored."""

    def lines(self) -> Counter:
        return Counter(re.sub(r"_:\w+", "_:b", line) for line in self.replace("\r\n", "\n").splitlines() if line)


def _result_set_rows(graph: Graph, result_set: object) -> list[dict[str, str]]:
    rows = []
    for solution in graph.objects(result_set, RS.solution):
        row = {}
        for binding in graph.objects(solution, RS.binding):
            row[str(graph.value(binding, RS.variable))] = _term_key(to_oxigraph(graph.value(binding, RS.value), {}))
        rows.append(row)
    return rows


def parse_results(data: bytes, fmt: ox.QueryResultsFormat) -> bool | list[dict[str, str]]:
    results = ox.parse_query_results(data, format=fmt)
    if isinstance(results, ox.QueryBoolean):
        return bool(results)
    names = [variable.value for variable in results.variables]
    return [{name: _term_key(solution[name]) for name in names if solution[name] is not None} for solution in results]


def parse_graph(data: bytes, media: str) -> Graph:
    return Graph().parse(data=data, format={"text/turtle": "turtle", "application/n-triples": "nt"}[media])


def _term_key(term: object) -> str:
    """A term as text, every blank node the same (blank-node-insensitive comparison) and a
    number by its value within its datatype (``"1.0"^^xsd:decimal`` is ``"1"^^xsd:decimal``,
    ``"3.0E4"^^xsd:double`` is ``"30000"^^xsd:double``: engines write canonical forms)."""
    if isinstance(term, ox.BlankNode):
        return "_:b"
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC:
        try:
            return f"{Decimal(term.value.strip()).normalize()}^^{term.datatype.value}"
        except InvalidOperation:
            return str(term)
    return str(term)


def ordering_variable(query: str) -> str | None:
    """The first ORDER BY variable of the query, when its first condition is a variable."""
    match = re.search(r"ORDER\s+BY\s+(?:ASC\s*\(\s*|DESC\s*\(\s*)?[?$](\w+)", query, re.IGNORECASE)
    return match.group(1) if match else None


def same_results(expected: object, actual: object, query: str) -> bool:
    if isinstance(expected, CsvText):
        return isinstance(actual, str) and expected.lines() == CsvText(actual).lines()
    if isinstance(expected, Graph):
        return isinstance(actual, Graph) and isomorphic(expected, actual)
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected == actual
    if Counter(_row_key(row) for row in expected) != Counter(_row_key(row) for row in actual):
        return False
    variable = ordering_variable(query)
    if variable is None:
        return True
    return [row.get(variable) for row in expected] == [row.get(variable) for row in actual]


def _row_key(row: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(row.items()))
