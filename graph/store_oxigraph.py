"""The embedded store: Oxigraph on disk (RocksDB) or in memory.

Queries run on Oxigraph's own engine and serialisers, with the union of all graphs as the
default graph. Writes that must be atomic (:meth:`OxigraphStore.replace_graph`,
:meth:`OxigraphStore.import_dataset`) are sent as ONE SPARQL update, which Oxigraph runs in
one transaction: readers see the old graph or the new one, and a failure keeps the old one.

An on-disk store is locked by the process that opens it; a second opener (another process,
or a second handle in the same process) gets :class:`~rightsgraph.errors.StoreError`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Node, URIRef

from rightsgraph.errors import StoreError, StoreInUseError, UsageError
from rightsgraph.graph.store import (
    DATASET_FORMATS,
    EXPORT_PREFIXES,
    GRAPH_RESULT_FORMATS,
    SOLUTION_RESULT_FORMATS,
    Store,
    Triple,
    check_read_query,
    check_result_format,
    check_variable_name,
    iri,
    named_node,
    parse_ntriples,
    refuse_remote_access,
    syntax_error,
)
from rightsgraph.graph.oxigraph_terms import from_oxigraph, to_oxigraph
from rightsgraph.graph.store_evaluate import QueryDataset, evaluate
from rightsgraph.graph.store_updates import (  # noqa: F401 - nquads/parse/replace re-exported for store_remote
    nquads_of_markers,
    ntriples_lines,
    parse_dataset,
    replace_graphs_update,
    with_leading_values,
)
from rightsgraph.graph import state_view_write as view
from rightsgraph.graph.state_view import is_current, is_view_graph
from rightsgraph.graph.store_merge import (
    MERGE_ALL_UPDATE,
    needs_merge,
    quads_with_merge,
    resync_after,
    unmerge_update,
    write_without_graph,
)

QueryResults = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


# --- terms and data, shared with the remote store ----------------------------------


def to_oxigraph_triples(triples: rdflib.Graph | Iterable[Triple | ox.Triple]) -> list[ox.Triple]:
    """Convert and check rdflib triples (subject IRI/blank node, predicate IRI); pyoxigraph
    triples, valid by construction, pass as they are."""
    bnodes: dict[BNode, ox.BlankNode] = {}
    # A document repeats the same IRIs (classes, predicates, its own nodes) many times;
    # converting each distinct term once halves the cost of handing a graph to the store.
    seen: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}

    def convert(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        found = seen.get(term)
        if found is None:
            found = seen[term] = to_oxigraph(term, bnodes)
        return found

    converted = []
    for triple in triples:
        if type(triple) is ox.Triple:  # already converted (rdf_document's own triples)
            converted.append(triple)
            continue
        subject, predicate, obj = triple
        if not isinstance(subject, URIRef | BNode) or not isinstance(predicate, URIRef):
            raise UsageError(f"not an RDF triple: ({subject!r}, {predicate!r}, {obj!r})")
        converted.append(ox.Triple(convert(subject), convert(predicate), convert(obj)))
    return converted


def rdflib_graph(triples: Iterable[ox.Triple]) -> rdflib.Graph:
    """An rdflib graph holding Oxigraph triples."""
    graph = rdflib.Graph()
    for triple in triples:
        graph.add(
            (
                from_oxigraph(triple.subject),
                from_oxigraph(triple.predicate),
                from_oxigraph(triple.object),
            )
        )
    return graph


def solution_rows(solutions: ox.QuerySolutions) -> list[dict[str, Node]]:
    """SELECT solutions as rdflib rows (unbound variables left out).

    Rows repeat the same terms (a State, an instrument, a document); each distinct term is
    converted once, as making an rdflib literal costs more than the engine takes to find it.
    """
    columns = [(var, var.value) for var in solutions.variables]
    converted: dict[ox.NamedNode | ox.BlankNode | ox.Literal, Node] = {}
    rows = []
    for solution in solutions:
        row = {}
        for var, name in columns:
            term = solution[var]
            if term is not None:
                value = converted.get(term)
                if value is None:
                    value = converted[term] = from_oxigraph(term)
                row[name] = value
        rows.append(row)
    return rows


def _descriptor_path(stream: BinaryIO) -> str | None:
    """A path that opens the whole file behind ``stream`` (Linux ``/proc/self/fd``), or None
    for a stream without a file descriptor (or where that path does not exist)."""
    try:
        path = Path(f"/proc/self/fd/{stream.fileno()}")
    except (AttributeError, OSError, ValueError):  # io.BytesIO and the like: no descriptor
        return None
    return str(path) if path.exists() else None


# --- the store -----------------------------------------------------------------------


def replace_with_merge(graphs: Mapping[str, list[ox.Triple]], default: list[ox.Triple] | None = None) -> str:
    """:func:`replace_graphs_update` that keeps the default graph the merge of the named
    graphs: the old graphs' own triples leave it, the new graphs' triples join it."""
    merged = list(default or []) + [triple for triples in graphs.values() for triple in triples]
    unmerge = [unmerge_update(graph) for graph in graphs]
    return " ;\n".join([*unmerge, replace_graphs_update(graphs, merged)])


def _is_lock_error(error: OSError) -> bool:
    """RocksDB's "While lock file: .../LOCK: Resource temporarily unavailable"."""
    return "LOCK" in str(error) and "temporarily unavailable" in str(error)


class OxigraphStore(Store):
    """Oxigraph at ``path`` (a directory, created if missing), or in memory when None.

    ``read_only``: open an existing on-disk store without its lock, as it stood when opened
    (what the CLI's read commands do while ``rightsgraph serve`` holds the store); writes fail.
    A store another process holds raises :class:`~rightsgraph.errors.StoreInUseError`.
    """

    def __init__(self, path: Path | None, read_only: bool = False, *, keep_state_view: bool = True) -> None:
        self.path = path
        self.read_only = read_only
        if not keep_state_view and path is not None:  # writes would leave a stored view wrong
            raise UsageError("only a scratch store in memory may skip the per-State view")
        self.keeps_state_view = keep_state_view  # the per-State view (graph/state_view.py)
        self._writes = 0  # this handle holds the store's lock: it sees every write
        try:
            self._store: ox.Store | None = self._open(path, read_only)
        except OSError as error:
            if _is_lock_error(error):
                raise StoreInUseError(
                    f"the store at {path} is in use by another process (a running `rightsgraph serve`?)",
                    details={"path": str(path)},
                ) from None
            raise StoreError(
                f"cannot open the store at {path}: {error}", details={"path": str(path)}
            ) from error
        if not read_only and needs_merge(self._store):  # a read-only handle cannot write it
            self._apply_update(MERGE_ALL_UPDATE)
        if not read_only and keep_state_view and not is_current(self):  # missing, or older code's
            self._apply_update(" ;\n".join(view.rebuild_update(self)))

    @staticmethod
    def _open(path: Path | None, read_only: bool) -> ox.Store:
        if path is None:
            return ox.Store()
        if read_only:
            if not (path / "CURRENT").is_file():
                raise StoreError(f"no store at {path}", details={"path": str(path)})
            return ox.Store.read_only(str(path))
        return ox.Store(str(path))

    def __repr__(self) -> str:
        return f"OxigraphStore({str(self.path) if self.path else ':memory:'!r})"

    @property
    def _engine(self) -> ox.Store:
        if self._store is None:
            raise StoreError("the store is closed", details={"path": str(self.path)})
        return self._store

    def _storage_error(self, error: OSError) -> StoreError:
        return StoreError(
            f"store failure at {self.path or ':memory:'}: {error}", details={"path": str(self.path)}
        )

    # --- writes ----------------------------------------------------------------------

    def change_token(self) -> tuple[object, ...]:
        # Listing 80k graphs costs seconds; the lock means no other writer exists.
        return ("oxigraph", id(self), self._writes)

    def replace_graph(self, graph: str, triples: rdflib.Graph | Iterable[Triple]) -> None:
        self._writes += 1
        name = named_node(graph)
        converted = to_oxigraph_triples(triples)
        views = self._view_change(graph, ntriples_lines(converted))
        if self.has_graph(graph) or views:
            self._apply_update(" ;\n".join([replace_with_merge({graph: converted}), *views]))
            return
        # A new graph needs no DROP: one atomic extend (all quads or none, its triples in the
        # merged default graph too) skips writing and parsing a SPARQL update, the bulk of
        # the cost of ingesting a document.
        try:
            self._engine.extend(quads_with_merge(name, converted))
        except OSError as error:
            raise self._storage_error(error) from error

    def replace_graph_ntriples(self, graph: str, ntriples: str) -> None:
        self._writes += 1
        if self.has_graph(graph):
            self.replace_graph(graph, parse_ntriples(ntriples))
            return
        # A new graph: one transactional load of the text, parsed by the engine itself, as
        # the graph's quads and the same lines for the merged default graph.
        text = ntriples if ntriples.endswith("\n") or not ntriples else ntriples + "\n"
        if text.count("\n") != text.count(" .\n"):  # not one triple a line: name it by parsing
            self.replace_graph(graph, parse_ntriples(ntriples))
            return
        if view.touches_view(text) and self._keeps_current_view():  # one update with the view's rows
            self.replace_graph(graph, parse_ntriples(ntriples))
            return
        named = text.replace(" .\n", f" {iri(graph)} .\n")
        try:
            self._engine.load(text + named, format=ox.RdfFormat.N_QUADS)
        except SyntaxError as error:
            raise UsageError(f"not N-Triples: {error}") from error
        except OSError as error:
            raise self._storage_error(error) from error

    def bulk_add_nquads(self, nquads: BinaryIO, *, markers: Mapping[str, str]) -> None:
        # The engine's bulk loader (several times faster than a transaction, not atomic;
        # faster still the more it loads per call), then the markers in one transaction.
        # The spool holds terms pyoxigraph already checked (see Store.bulk_add_nquads), so
        # the loader skips checking IRIs again (lenient: a quarter of the CPU at 4M lines),
        # and reads a spool with a file descriptor itself, without a GIL round trip per read.
        self._writes += 1
        source = _descriptor_path(nquads)
        current = self._keeps_current_view()
        if current:  # rebuilt on the next open for writing if this batch is cut short
            self._apply_update(view.stale_update())
        try:
            if source is not None:
                self._engine.bulk_load(path=source, format=ox.RdfFormat.N_QUADS, lenient=True)
            else:
                self._engine.bulk_load(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)
            self._bulk_load_merge(nquads, source)
            if current:  # the touched States again, before the markers complete the batch
                self._apply_update(" ;\n".join(view.recompute_update(self, markers)))
            merged_markers = "".join(f"{line}\n" for line in markers.values())
            self._engine.load(nquads_of_markers(markers) + merged_markers, format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, UsageError, OSError) as error:
            for graph in markers:
                self.drop_graph(graph)
            if isinstance(error, OSError):
                raise self._storage_error(error) from error
            raise UsageError(f"not N-Quads: {error}") from error

    def _bulk_load_merge(self, nquads: BinaryIO, source: str | None) -> None:
        """Bulk-load the spool's triples again into the merged default graph (the spool's
        lines end with the graph name: each is cut off)."""
        with tempfile.TemporaryFile() as triples:
            if source is not None:
                with open(source, "rb") as spool:
                    write_without_graph(spool, triples)
            else:
                nquads.seek(0)
                write_without_graph(nquads, triples)
            triples.flush()
            triples.seek(0)
            path = _descriptor_path(triples)
            if path is not None:
                self._engine.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES, lenient=True)
            else:
                self._engine.bulk_load(triples, format=ox.RdfFormat.N_TRIPLES, lenient=True)

    def drop_graph(self, graph: str) -> None:
        self._writes += 1
        named_node(graph)
        views = self._view_change(graph, None)
        self._apply_update(" ;\n".join([unmerge_update(graph), f"DROP SILENT GRAPH {iri(graph)}", *views]))

    def update(self, sparql_update: str, *, base_iri: str | None = None) -> None:
        refuse_remote_access(sparql_update)
        # Any graph may change: the per-State view is rebuilt on the next open for writing.
        stale = f" ;\n{view.stale_update()}" if self.keeps_state_view else ""
        self._apply_update(resync_after(sparql_update) + stale, base_iri=base_iri)

    def import_dataset(self, data: bytes, fmt: str) -> None:
        graphs, default = parse_dataset(data, fmt)
        if graphs or default:
            stale = [view.stale_update()] if self.keeps_state_view else []
            self._apply_update(" ;\n".join([replace_with_merge(graphs, default), *stale]))

    def _apply_update(self, sparql_update: str, *, base_iri: str | None = None) -> None:
        self._writes += 1
        try:
            self._engine.update(sparql_update, base_iri=base_iri)
        except SyntaxError as error:
            raise syntax_error(str(error)) from error
        except RuntimeError as error:  # evaluation errors, e.g. CREATE of an existing graph
            raise UsageError(f"the update failed: {error}") from error
        except OSError as error:
            raise self._storage_error(error) from error

    # --- reads -----------------------------------------------------------------------

    def _run(self, sparql: str) -> QueryResults:
        check_read_query(sparql)
        return self._evaluate(sparql)

    def _evaluate(self, sparql: str, *, base_iri: str | None = None,
                  dataset: QueryDataset | None = None) -> QueryResults:
        """Run a query whose text has been checked (see :func:`store_evaluate.evaluate`)."""
        try:
            return evaluate(self._engine, sparql, base_iri=base_iri, dataset=dataset)
        except StoreError as error:
            raise StoreError(f"store failure at {self.path or ':memory:'}: {error.message}",
                             details={"path": str(self.path)}) from error

    def query(self, sparql: str, *, result_format: str = "json", base_iri: str | None = None,
              dataset: QueryDataset | None = None) -> bytes:
        form = check_read_query(sparql)
        check_result_format(form, result_format)
        results = self._evaluate(sparql, base_iri=base_iri, dataset=dataset)
        if isinstance(results, ox.QueryTriples):
            check_result_format("CONSTRUCT", result_format)
            data = results.serialize(format=GRAPH_RESULT_FORMATS[result_format])
        else:
            check_result_format("SELECT", result_format)
            data = results.serialize(format=SOLUTION_RESULT_FORMATS[result_format])
        return data or b""

    def select(
        self, sparql: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, Node]]:
        check_read_query(sparql)  # the text as written: the VALUES added below hold only terms
        substitutions = self._substitutions(bindings or {})
        results = self._evaluate(with_leading_values(sparql, substitutions) if substitutions else sparql)
        if not isinstance(results, ox.QuerySolutions):
            raise UsageError("select() needs a SELECT query")
        return solution_rows(results)

    @staticmethod
    def _substitutions(
        bindings: Mapping[str, Node],
    ) -> dict[ox.Variable, ox.NamedNode | ox.Literal] | None:
        substitutions = {}
        for name, term in bindings.items():
            check_variable_name(name)
            if isinstance(term, BNode):
                raise UsageError(
                    f"?{name}: blank nodes cannot be bound", details={"variable": name}
                )
            substitutions[ox.Variable(name)] = to_oxigraph(term, {})
        return substitutions or None

    def construct(self, sparql: str) -> rdflib.Graph:
        results = self._run(sparql)
        if not isinstance(results, ox.QueryTriples):
            raise UsageError("construct() needs a CONSTRUCT or DESCRIBE query")
        return rdflib_graph(results)

    def ask(self, sparql: str) -> bool:
        results = self._run(sparql)
        if not isinstance(results, ox.QueryBoolean):
            raise UsageError("ask() needs an ASK query")
        return bool(results)

    def has_graph(self, graph: str) -> bool:
        quads = self._engine.quads_for_pattern(None, None, None, named_node(graph))
        return next(iter(quads), None) is not None

    def graphs(self) -> list[str]:
        return sorted(
            name.value
            for name in self._engine.named_graphs()
            if isinstance(name, ox.NamedNode) and not is_view_graph(name.value) and self.has_graph(name.value)
        )

    def view_graphs(self) -> list[str]:
        """The per-State view's graphs (left out of :meth:`graphs`)."""
        return sorted(name.value for name in self._engine.named_graphs()
                      if isinstance(name, ox.NamedNode) and is_view_graph(name.value))

    def load_default_ntriples(self, ntriples: str) -> None:
        """Load N-Triples into the default graph alone (a scratch store's content)."""
        self._engine.load(ntriples, format=ox.RdfFormat.N_TRIPLES)

    def graph_ntriples(self, graph: str) -> str:
        """The triples of ``graph`` as N-Triples lines (empty when it does not exist)."""
        return ntriples_lines(quad.triple for quad in self._engine.quads_for_pattern(None, None, None, named_node(graph)))

    def _keeps_current_view(self) -> bool:
        return self.keeps_state_view and not self.read_only and is_current(self)

    def _view_change(self, graph: str, new: str | None) -> list[str]:
        """:func:`~rightsgraph.graph.state_view_write.view_change_update` of writing ``new``
        (N-Triples; None drops it) to ``graph``; none when the view is not kept or current."""
        if is_view_graph(graph) or not self._keeps_current_view():
            return []
        return view.view_change_update(self, self.graph_ntriples(graph) or None, new, graph)

    def graph_triples(self, graph: str) -> rdflib.Graph:
        quads = self._engine.quads_for_pattern(None, None, None, named_node(graph))
        return rdflib_graph(quad.triple for quad in quads)

    def export(self, fmt: str) -> bytes:
        try:
            if fmt == "turtle":  # the merge: the default graph
                return self._engine.dump(
                    format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=EXPORT_PREFIXES
                ) or b""
            if fmt not in DATASET_FORMATS:
                raise UsageError(
                    f"unknown export format {fmt!r}; use trig, nquads, turtle or jsonld",
                    details={"format": fmt},
                )
            prefixes = EXPORT_PREFIXES if fmt == "trig" else None
            named = (quad for quad in self._engine if not isinstance(quad.graph_name, ox.DefaultGraph)
                     and not is_view_graph(quad.graph_name.value))
            return ox.serialize(named, format=DATASET_FORMATS[fmt], prefixes=prefixes) or b""
        except OSError as error:
            raise self._storage_error(error) from error

    def close(self) -> None:
        """Flush and release the store; closing twice is harmless."""
        if self._store is not None:
            if self.path is not None and not self.read_only:
                try:
                    self._store.flush()
                except OSError as error:
                    raise self._storage_error(error) from error
            # RocksDB releases its lock when the last reference to the store goes away.
            self._store = None
