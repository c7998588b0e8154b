"""The store layer: one small interface over the RDF dataset, three backends.

The dataset model every backend keeps:

* All facts live in **named graphs**, one per source (a document, a reference table, the
  ontology). A graph is replaced whole with :meth:`Store.replace_graph`; readers never see a
  half-written graph, and when the write fails the old graph stays.
* The **default graph that queries see is the RDF merge of all named graphs**: a triple
  stored in several graphs matches once (the embedded store keeps the merge on every write,
  :mod:`rightsgraph.graph.store_merge`; a remote engine decides for itself). ``GRAPH``
  addresses one named graph and matches per graph. A query's ``FROM`` / ``FROM NAMED``, or a
  :class:`~rightsgraph.graph.store_evaluate.QueryDataset`, chooses the graphs instead.
* A graph "exists" when it holds at least one triple: replacing a graph with nothing drops it.
* Queries are read-only. ``SERVICE`` (federated queries) and ``LOAD`` are refused in queries
  *and* updates before anything runs, so no request ever leaves the machine because of a
  query text; an update sent to :meth:`Store.query` is refused too.

Backends, chosen by :func:`open_store`:

==========================  =========================================================
location                    backend
==========================  =========================================================
``None``                    ``$RIGHTSGRAPH_STORE`` if set, else the embedded on-disk
                            store in ``platformdirs.user_data_dir("rightsgraph")/store``
a directory path            embedded on-disk Oxigraph (created if missing)
``":memory:"``              in-memory Oxigraph (gone when closed)
``http://`` / ``https://``  a remote SPARQL 1.1 endpoint (:class:`RemoteStore`)
==========================  =========================================================

A remote location is the query URL; its write URLs may ride along in the fragment (never
sent to any server), relative to the query URL::

    http://localhost:7878/query#update=/update&gsp=/store

Errors are those of :mod:`rightsgraph.errors`: :class:`QuerySyntaxError` (with the engine's
line and column), :class:`QueryRefusedError`, :class:`StoreError` (cannot open, locked,
remote HTTP failure), :class:`UsageError` (a wrong argument: unknown format, invalid IRI,
a SELECT given to :meth:`Store.construct`), :class:`DocumentError` (unparsable import data).
"""

from __future__ import annotations

import functools
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import parse_qsl, urldefrag, urljoin

import platformdirs
import pyoxigraph as ox
import rdflib
from rdflib.term import Node, URIRef

from rightsgraph.errors import (
    QueryRefusedError,
    QueryTooLargeError,
    QuerySyntaxError,
    StoreError,
    UsageError,
)
from rightsgraph.graph.oxigraph_terms import named_node
from rightsgraph.graph.rdf_terms import STATE_VIEW_GRAPHS as VIEW_PREFIX
from rightsgraph.graph.store_scan import scan

if TYPE_CHECKING:
    from rightsgraph.graph.store_evaluate import QueryDataset

__all__ = [
    "DATASET_FORMATS",
    "GRAPH_RESULT_FORMATS",
    "MEMORY",
    "RESULT_MEDIA_TYPES",
    "SOLUTION_RESULT_FORMATS",
    "STORE_ENV",
    "Store",
    "Triple",
    "default_store_path",
    "open_store",
    "query_form",
]

STORE_ENV = "RIGHTSGRAPH_STORE"
MEMORY = ":memory:"

Triple = tuple[Node, Node, Node]

#: Result formats of SELECT and ASK queries.
SOLUTION_RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
#: Result formats of CONSTRUCT and DESCRIBE queries.
GRAPH_RESULT_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
#: The media type of each result format name (for ``Accept`` / ``Content-Type``).
RESULT_MEDIA_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
#: Formats of :meth:`Store.export` / :meth:`Store.import_dataset` that keep named graphs.
DATASET_FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
EXPORT_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


# --- the interface -------------------------------------------------------------------


class Store(ABC):
    """An RDF dataset of named graphs, queried with SPARQL (see the module docstring).

    Every method may raise :class:`~rightsgraph.errors.StoreError` when the storage itself
    fails (disk, lock, remote endpoint). Use it as a context manager to close it.
    """

    #: Whether the store keeps the per-State view (graph/state_view.py) with its writes: the
    #: embedded store does; a remote one does not, and obligations are computed in full.
    keeps_state_view: bool = False

    # writes

    @abstractmethod
    def replace_graph(self, graph: str, triples: rdflib.Graph | Iterable[Triple]) -> None:
        """Atomically make ``graph`` hold exactly ``triples`` (nothing at all drops it).

        Blank nodes are scoped to this call: the same :class:`rdflib.BNode` is one node
        within the graph, and never shared with other graphs. Replacing twice with the same
        triples leaves the same content. Raises :class:`UsageError` for an invalid graph IRI
        or a term that cannot be stored (e.g. a literal subject).
        """

    def replace_graph_ntriples(self, graph: str, ntriples: str) -> None:
        """:meth:`replace_graph` with the triples given as an N-Triples document (what the
        document mapper writes); text that is not N-Triples raises :class:`UsageError` and
        writes nothing. Backends override this when they can take the text as it is."""
        self.replace_graph(graph, parse_ntriples(ntriples))

    def bulk_add_nquads(self, nquads: BinaryIO, *, markers: Mapping[str, str]) -> None:
        """Write new graphs, given as a UTF-8 N-Quads stream in which each graph's lines come
        together and its marker is left out (what :func:`spool_lines` writes), on the
        backend's fastest path.

        May not be atomic: the marker of each graph (``markers[graph]``, an N-Triples line)
        is written after every quad of the call, so whoever trusts only graphs with their
        marker never trusts a half-written one. When the call fails it drops every graph of
        ``markers`` and raises (:class:`UsageError` for text that is not N-Quads). This
        default writes graph by graph, each atomically with its marker.

        The lines must be the mapper's (terms written by pyoxigraph, which checked them when
        it made them): a backend may skip checking IRIs again, as the embedded one does.
        """
        try:
            for graph, ntriples in graphs_of_spool(nquads):
                if graph not in markers:
                    raise UsageError(f"no completion marker for graph {graph}")
                self.replace_graph_ntriples(graph, ntriples + markers[graph] + "\n")
        except (UsageError, StoreError):
            for graph in markers:
                self.drop_graph(graph)
            raise

    @abstractmethod
    def drop_graph(self, graph: str) -> None:
        """Remove ``graph`` and its triples; a graph that does not exist is no error."""

    @abstractmethod
    def update(self, sparql_update: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL 1.1 Update (atomic on the embedded store). Callers gate access.
        ``base_iri`` resolves its relative IRIs (unless it says ``BASE``).

        Updates address named graphs with ``GRAPH``/``WITH``; unlike queries, an update's
        default graph is the store's own unnamed graph. ``SERVICE`` and ``LOAD`` are refused.
        """

    @abstractmethod
    def import_dataset(self, data: bytes, fmt: str) -> None:
        """Load a serialised dataset (``trig``, ``nquads`` or ``jsonld``) in one update.

        Every named graph in ``data`` replaces the graph of that name; triples outside any
        graph are added to the unnamed default graph. Exporting a store and importing the
        result into an empty store gives an isomorphic dataset. Unparsable data raises
        :class:`DocumentError`.
        """

    # reads

    @abstractmethod
    def query(self, sparql: str, *, result_format: str = "json", base_iri: str | None = None,
              dataset: QueryDataset | None = None) -> bytes:
        """Run a read-only query and serialise its results with the engine's serialisers.

        ``base_iri`` resolves the query's relative IRIs (unless it says ``BASE``);
        ``dataset`` (the protocol's ``default-graph-uri`` / ``named-graph-uri``) replaces the
        default graph and the named graphs, and the query's own ``FROM`` / ``FROM NAMED``.

        ``result_format``: ``json``, ``xml``, ``csv``, ``tsv`` for SELECT/ASK;
        ``turtle``, ``ntriples``, ``jsonld``, ``rdfxml`` for CONSTRUCT/DESCRIBE (a format that
        does not fit the query form raises :class:`UsageError`). Updates, ``SERVICE`` and
        ``LOAD`` raise :class:`QueryRefusedError`; syntax errors :class:`QuerySyntaxError`.
        """

    @abstractmethod
    def select(
        self, sparql: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, Node]]:
        """Rows of a SELECT query as ``{variable: rdflib term}`` (unbound variables absent).

        ``bindings`` fix variables (name without ``?``) to IRIs or literals without ever
        putting them into the query text unescaped: they become a ``VALUES`` block opening the
        ``WHERE`` group, written from the terms' N-Triples forms, so that the engine plans the
        query with them (Oxigraph ignores substitutions when planning; Virtuoso failed on a
        trailing ``VALUES``). The query text itself is checked as written.
        """

    @abstractmethod
    def construct(self, sparql: str) -> rdflib.Graph:
        """The triples of a CONSTRUCT or DESCRIBE query as a new :class:`rdflib.Graph`."""

    @abstractmethod
    def ask(self, sparql: str) -> bool:
        """The answer of an ASK query."""

    @abstractmethod
    def export(self, fmt: str) -> bytes:
        """The whole dataset: ``trig``, ``nquads``, ``jsonld`` keep the named graphs;
        ``turtle`` is the merge of all graphs. Other names raise :class:`UsageError`."""

    @abstractmethod
    def close(self) -> None:
        """Release the store (the lock of an on-disk store, HTTP connections)."""

    # built on the primitives above; backends may override for speed

    def has_graph(self, graph: str) -> bool:
        """Whether ``graph`` holds at least one triple."""
        return self.ask(f"ASK {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}")

    def change_token(self) -> tuple[object, ...]:
        """A value that differs whenever the content may have changed, for caches built from
        the store (the search index, the network projection). This default lists the graphs:
        another client may write a remote store at any time."""
        return tuple(self.graphs())

    def graphs(self) -> list[str]:
        """The IRIs of all graphs holding triples, sorted."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(row["g"]) for row in rows if isinstance(row.get("g"), URIRef))

    def graph_triples(self, graph: str) -> rdflib.Graph:
        """A copy of the triples of ``graph`` (empty when it does not exist)."""
        return self.construct(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}"
        )

    def count(self, graph: str | None = None) -> int:
        """The number of triples in ``graph``, or in all named graphs together when None."""
        scope = iri(graph) if graph is not None else "?g"
        views = "" if graph is not None else f'FILTER(!STRSTARTS(STR(?g), "{VIEW_PREFIX}"))'
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {scope} {{ ?s ?p ?o }} {views} }}")
        return int(rows[0]["n"].toPython()) if rows else 0

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


# --- the factory ---------------------------------------------------------------------


def default_store_path() -> Path:
    """Where the embedded store lives when nothing else is said."""
    return Path(platformdirs.user_data_dir("rightsgraph")) / "store"


def open_store(location: str | os.PathLike[str] | None = None, read_only: bool = False,
               **remote_options: Any) -> Store:
    """Open the store at ``location`` (see the module docstring for the forms it takes);
    ``read_only`` opens an on-disk store without taking its lock (others are unaffected).

    ``remote_options`` (``auth``, ``timeout``, ``update_url``, ``gsp_url``) go to
    :class:`~rightsgraph.graph.store_remote.RemoteStore` for an ``http(s)://`` location.

    >>> with open_store(":memory:") as store:
    ...     store.count()
    0
    """
    from rightsgraph.graph.store_oxigraph import OxigraphStore

    if location is None:
        location = os.environ.get(STORE_ENV) or default_store_path()
    text = os.fspath(location)
    if text == MEMORY:
        return OxigraphStore(None)
    if text.startswith(("http://", "https://")):
        from rightsgraph.graph.store_remote import RemoteStore

        query_url, urls = split_remote_location(text)
        return RemoteStore(query_url, **{**urls, **remote_options})
    return OxigraphStore(Path(text).expanduser(), read_only=read_only)


def split_remote_location(location: str) -> tuple[str, dict[str, str]]:
    """Split ``query_url#update=...&gsp=...`` into the query URL and the write URLs.

    >>> split_remote_location("http://h/ds/query#update=update&gsp=/store")
    ('http://h/ds/query', {'update_url': 'http://h/ds/update', 'gsp_url': 'http://h/store'})
    """
    query_url, fragment = urldefrag(location)
    names = {"update": "update_url", "gsp": "gsp_url"}
    urls = {
        names[key]: urljoin(query_url, value) for key, value in parse_qsl(fragment) if key in names
    }
    return query_url, urls


# --- reading SPARQL text without running it ------------------------------------------

# Everything whose content is not SPARQL keywords: strings, IRIs, comments, variables.
_OPAQUE = re.compile(
    r"""'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*"
      |<[^<>"{}|^`\\\x00-\x20]*>
      |\#[^\n\r]*
      |[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+""",
    re.VERBOSE | re.DOTALL,
)
# A bare word: not part of a prefixed name (``ex:service``) or of a longer name.
_KEYWORD = re.compile(r"(?<![\w:\-])[A-Za-z]+(?![\w:\-])")
_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UPDATE_KEYWORDS = {
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
}
_REFUSED_KEYWORDS = frozenset({"SERVICE", "LOAD"})
#: Deepest bracket nesting a query may have; the engine's parser recurses per level.
MAX_NESTING = 200
#: Longest query text, in characters: the keyword scan is pure Python (about 2 s per MB),
#: and no real query comes near this.
MAX_QUERY_CHARS = 200_000


def _keywords(sparql: str) -> Iterator[str]:
    """The bare words of ``sparql`` outside strings, IRIs, comments and variables."""
    for match in _KEYWORD.finditer(_OPAQUE.sub(" ", sparql)):
        yield match.group().upper()


def _unescape_codepoints(sparql: str) -> str:
    r"""Apply ``\uXXXX`` escapes as SPARQL 1.1 says a parser may, before tokenising."""
    return _CODEPOINT_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)


def query_form(sparql: str) -> str | None:
    """The form of a request: ``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``, ``UPDATE``,
    or None when it starts with none of these (the engine will report the syntax error).

    >>> query_form('PREFIX ex: <http://e/#select> # ASK\\nconstruct { ?s ex:p "INSERT" } WHERE {}')
    'CONSTRUCT'
    >>> query_form("DROP GRAPH <http://e/g>")
    'UPDATE'
    """
    for word in _keywords(sparql):
        if word in ("PREFIX", "BASE"):
            continue
        if word in _QUERY_FORMS:
            return word
        return "UPDATE" if word in _UPDATE_KEYWORDS else None
    return None


def refuse_remote_access(sparql: str) -> None:
    """Raise :class:`QueryRefusedError` if ``sparql`` uses ``SERVICE`` or ``LOAD``, or nests
    brackets more than :data:`MAX_NESTING` deep (deeper text overflows the engine parser's
    stack and crashes the process).

    The words count only as keywords: inside a string, an IRI, a comment, a variable or a
    prefixed name they are fine. Every way an engine may read ``<`` (IRI or less-than) is
    followed (:mod:`rightsgraph.graph.store_scan`), and both the raw text and the text with
    codepoint escapes applied are checked, so neither trick hides a keyword.

    >>> refuse_remote_access('SELECT * { ?service ex:load "SERVICE <http://x/> {}" }')
    >>> refuse_remote_access('SELECT * { SERVICE <http://x/> { ?s ?p ?o } }')
    Traceback (most recent call last):
    rightsgraph.errors.QueryRefusedError: SERVICE is not allowed: queries never leave this store
    """
    if len(sparql) > MAX_QUERY_CHARS:
        raise QueryTooLargeError(
            f"the query is {len(sparql)} characters long; at most {MAX_QUERY_CHARS} are allowed",
            details={"length": len(sparql), "limit": MAX_QUERY_CHARS},
        )
    for text in {sparql, _unescape_codepoints(sparql)}:
        found = scan(text, _REFUSED_KEYWORDS)
        for word in sorted(found.words):
            raise QueryRefusedError(
                f"{word} is not allowed: queries never leave this store",
                details={"keyword": word},
            )
        if found.depth > MAX_NESTING:
            raise QueryRefusedError(
                f"the query nests brackets {found.depth} deep; at most {MAX_NESTING} levels are allowed",
                details={"depth": found.depth, "limit": MAX_NESTING},
            )


@functools.lru_cache(maxsize=1024)
def check_read_query(sparql: str) -> str | None:
    """Refuse updates, ``SERVICE`` and ``LOAD``; return :func:`query_form` otherwise.

    Memoised (refusals are not): the service sends its own query texts again and again,
    and scanning a text costs more than the engine takes for many of them.
    """
    form = query_form(sparql)
    if form == "UPDATE":
        raise QueryRefusedError(
            "updates are not allowed here: this endpoint is read-only",
            details={"form": form},
        )
    refuse_remote_access(sparql)
    return form


def check_result_format(form: str | None, result_format: str) -> None:
    """Raise :class:`UsageError` unless ``result_format`` fits the query ``form``."""
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    allowed = GRAPH_RESULT_FORMATS if graph_form else SOLUTION_RESULT_FORMATS
    if form is not None and result_format not in allowed:
        raise UsageError(
            f"result format {result_format!r} does not apply to {form} queries; "
            f"use one of {', '.join(allowed)}",
            details={"format": result_format, "form": form, "allowed": list(allowed)},
        )
    if result_format not in SOLUTION_RESULT_FORMATS and result_format not in GRAPH_RESULT_FORMATS:
        raise UsageError(
            f"unknown result format {result_format!r}",
            details={"format": result_format, "allowed": list(RESULT_MEDIA_TYPES)},
        )


_POSITION_PATTERNS = (
    re.compile(r"\bat (\d+):(\d+)"),  # Oxigraph: "error at 3:17: expected ..."
    re.compile(r"\bline:? (\d+),? col(?:umn)?\.?:? (\d+)", re.IGNORECASE),  # Jena, RDF4J
    re.compile(r"\bline:? (\d+)", re.IGNORECASE),  # Virtuoso: line only
)


def syntax_error(message: str) -> QuerySyntaxError:
    """A :class:`QuerySyntaxError` with the line and column found in an engine message.

    >>> error = syntax_error("error at 3:17: expected one of ABS, AVG")
    >>> (error.line, error.column, error.message)
    (3, 17, 'SPARQL syntax error at line 3, column 17: expected one of ABS, AVG')
    >>> syntax_error('Encountered " "}" "} "" at line 2, column 5.').line
    2
    """
    line = column = None
    for pattern in _POSITION_PATTERNS:
        match = pattern.search(message)
        if match:
            line = int(match.group(1))
            column = int(match.group(2)) if pattern.groups > 1 else None
            break
    detail = re.sub(r"^error at \d+:\d+:\s*", "", message.strip())[:400]
    where = f" at line {line}" if line is not None else ""
    where += f", column {column}" if column is not None else ""
    return QuerySyntaxError(f"SPARQL syntax error{where}: {detail}", line, column)


def check_variable_name(name: str) -> None:
    """Raise :class:`UsageError` unless ``name`` is a SPARQL variable name (no ``?``)."""
    if not re.fullmatch(r"[A-Za-z_][\w]*", name):
        raise UsageError(f"not a SPARQL variable name: {name!r}", details={"variable": name})


# --- terms: rdflib <-> Oxigraph ------------------------------------------------------


def iri(value: str) -> str:
    """``value`` as a SPARQL IRI reference, or :class:`UsageError` if it is no valid IRI.

    >>> iri("http://example.org/g1")
    '<http://example.org/g1>'
    """
    return str(named_node(value))


def parse_ntriples(ntriples: str) -> list[ox.Triple]:
    """Parse an N-Triples document; :class:`UsageError` (with the line) when it is not one."""
    try:
        return [quad.triple for quad in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)]
    except SyntaxError as error:
        raise UsageError(f"not N-Triples: {error}") from error


def spool_lines(graph: str, ntriples: str, marker: str) -> str:
    """The N-Quads lines of one graph for :meth:`Store.bulk_add_nquads`: its N-Triples lines
    (one triple per line, as the document mapper writes them) named with ``graph``, minus
    ``marker``. Each such line ends with `` .`` and a newline (newlines inside literals are
    escaped), so one replacement names the graph on every line; text that is not N-Triples
    fails in the store's parser.

    >>> spool_lines("http://g", '<http://s> <http://p> "o" .\\n<http://g> <http://p> <http://m> .\\n',
    ...             "<http://g> <http://p> <http://m> .")
    '<http://s> <http://p> "o" <http://g> .\\n'
    """
    text = ntriples if ntriples.endswith("\n") or not ntriples else ntriples + "\n"
    text = text.replace(marker + "\n", "", 1)
    return text.replace(" .\n", f" {iri(graph)} .\n")


def graphs_of_spool(nquads: BinaryIO) -> Iterator[tuple[str, str]]:
    """``(graph, N-Triples)`` of each graph in a stream of :func:`spool_lines`, in order.

    >>> import io
    >>> list(graphs_of_spool(io.BytesIO(b'<http://s> <http://p> "a b" <http://g> .\\n')))
    [('http://g', '<http://s> <http://p> "a b" .\\n')]
    """
    graph, lines = None, []
    for number, raw in enumerate(nquads, 1):
        parts = raw.decode("utf-8").rsplit(" ", 2)
        if len(parts) != 3 or not (parts[1].startswith("<") and parts[1].endswith(">")):
            raise UsageError(f"not N-Quads naming a graph, line {number}: {raw[:200]!r}")
        triple, name, _ = parts
        if name != graph and lines:
            yield graph[1:-1], "".join(lines)
            lines = []
        graph = name
        lines.append(f"{triple} .\n")
    if lines:
        yield graph[1:-1], "".join(lines)
