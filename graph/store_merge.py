"""The embedded store's default graph: the RDF merge of its named graphs, kept on write.

SPARQL users read the default graph as one graph: each triple once. Oxigraph's "union
default graph" is not that: it yields a triple once per named graph holding it (a company's
label stated by three letters counted 3), and it has no merge mode. So the embedded store
keeps the merge itself, in the engine's own default graph, in the same transaction as every
write of a named graph:

* writing a graph adds its triples to the default graph (a graph is a set: a triple already
  there stays once);
* replacing or dropping a graph first removes from the default graph the triples of the old
  graph that no other named graph holds (:func:`unmerge_update`);
* after a SPARQL update (which may write any graph) the default graph is made the merge
  again (:data:`RESYNC_UPDATE`); the default graph is the merge, so triples an update
  writes to the default graph itself do not stay;
* a store written before this (named graphs, empty default graph) is merged once when it is
  opened for writing (:func:`needs_merge`).

Queries then run on the default graph as it is, and a query's ``FROM`` / the protocol's
dataset chooses graphs as SPARQL says. ``OPTIONAL`` + ``!BOUND`` rather than ``FILTER NOT
EXISTS``: Oxigraph evaluates the latter super-linearly.
"""

from __future__ import annotations

import pyoxigraph as ox

from typing import BinaryIO

from rightsgraph.graph.sparql_text import tokens
from rightsgraph.graph.rdf_terms import STATE_VIEW_GRAPHS as VIEW_PREFIX
from rightsgraph.graph.store import iri

__all__ = [
    "MERGE_ALL_UPDATE", "RESYNC_UPDATE", "needs_merge", "quads_with_merge", "resync_after",
    "unmerge_update", "write_without_graph",
]

#: Copy every named graph's triples into the default graph.
#: The per-State view's graphs (graph/state_view.py) stay out of it: they state nothing
#: about the world, and SPARQL users' answers over documents must not change with them.
MERGE_ALL_UPDATE = (
    "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
    f"FILTER(!STRSTARTS(STR(?g), \"{VIEW_PREFIX}\")) }}"
)
#: Make the default graph the merge again after an arbitrary update.
RESYNC_UPDATE = (
    "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o OPTIONAL { GRAPH ?g { ?s ?p ?o } } FILTER(!BOUND(?g)) } ;\n"
    + MERGE_ALL_UPDATE
)


def unmerge_update(graph: str) -> str:
    """The update removing from the default graph the triples only ``graph`` holds.

    >>> print(unmerge_update("http://e/g"))
    DELETE { ?s ?p ?o } WHERE { GRAPH <http://e/g> { ?s ?p ?o } OPTIONAL { GRAPH ?other { ?s ?p ?o } FILTER(?other != <http://e/g>) } FILTER(!BOUND(?other)) }
    """
    name = iri(graph)
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} "
        f"OPTIONAL {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {name}) }} FILTER(!BOUND(?other)) }}"
    )


def quads_with_merge(graph: ox.NamedNode, triples: list[ox.Triple]) -> list[ox.Quad]:
    """The quads of a new graph, and the same triples in the default graph."""
    named = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    return named + [ox.Quad(t.subject, t.predicate, t.object) for t in triples]


def needs_merge(engine: ox.Store) -> bool:
    """A store with named graphs and an empty default graph (written before the merge)."""
    if next(iter(engine.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        return False
    return any(
        next(iter(engine.quads_for_pattern(None, None, None, name)), None) is not None
        for name in engine.named_graphs()
    )


def resync_after(sparql_update: str) -> str:
    """``sparql_update`` followed, in the same request, by :data:`RESYNC_UPDATE`.

    >>> [resync_after(text).count(";") for text in ("CLEAR ALL ;", "CLEAR ALL", "PREFIX : <http://e/>")]
    [2, 2, 1]
    """
    operations = [token for token in tokens(sparql_update)
                  if not (token.is_word("BASE", "PREFIX") or token.kind == "iri"
                          or (token.kind == "name" and token.text.endswith(":")))]
    # After a prologue alone, or a trailing ';', another ';' would be a syntax error.
    separator = "\n" if not operations or operations[-1].text == ";" else "\n;\n"
    return f"{sparql_update}{separator}{RESYNC_UPDATE}"


def write_without_graph(nquads: BinaryIO, out: BinaryIO) -> None:
    """Copy N-Quads lines that each name a graph as N-Triples lines (the graph cut off)."""
    for line in nquads:
        out.write(line.rsplit(b" ", 2)[0] + b" .\n")
