"""One way to run a read query on the embedded engine: dataset, base IRI, safe ORDER BY.

Used by :class:`~rightsgraph.graph.store_oxigraph.OxigraphStore` and by the /sparql worker
processes, so both answer alike:

* **Dataset.** Without a dataset, the default graph is the store's own, which the store
  keeps as the RDF merge of the named graphs (:mod:`rightsgraph.graph.store_merge`). A
  query's own ``FROM`` / ``FROM NAMED`` (SPARQL 1.1 §13.2) is honoured: the default graph is
  the merge of its ``FROM`` graphs and ``GRAPH`` sees only its ``FROM NAMED`` graphs. A
  :class:`QueryDataset` given by the protocol (``default-graph-uri``, ``named-graph-uri``)
  overrides the query's, as the SPARQL 1.1 Protocol §2.1.4 says; a graph that does not exist
  is an empty graph.
* **Base IRI.** Relative IRIs in the query resolve against ``base_iri`` (the endpoint's own
  URL on the service), unless the query says ``BASE``.
* **ORDER BY** never reaches the engine's sort (:mod:`rightsgraph.graph.sparql_order`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from rightsgraph.errors import EngineDefectError, StoreError, UsageError
from rightsgraph.graph.sparql_order import ENGINE_SORT_DEFECT, ordered_select, plan_order
from rightsgraph.graph.store import named_node, syntax_error

__all__ = ["QueryDataset", "evaluate"]

QueryResults = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


@dataclass(frozen=True)
class QueryDataset:
    """An RDF dataset given with a query (SPARQL Protocol ``default-graph-uri`` /
    ``named-graph-uri``): the default graph is the merge of ``default_graphs``, and only
    ``named_graphs`` are named. Invalid IRIs raise :class:`UsageError`.

    >>> QueryDataset(("http://e/g",)).default_graphs
    ('http://e/g',)
    >>> QueryDataset(("not an iri",))
    Traceback (most recent call last):
    rightsgraph.errors.UsageError: not a valid IRI: 'not an iri' (...)
    """

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for graph in (*self.default_graphs, *self.named_graphs):
            named_node(graph)

    @classmethod
    def from_protocol(cls, default: list[str], named: list[str]) -> QueryDataset | None:
        """The dataset of the protocol parameters, or None when neither is given."""
        if not default and not named:
            return None
        return cls(tuple(default), tuple(named))

    def engine_arguments(self) -> dict[str, Any]:
        return {
            "default_graph": [named_node(graph) for graph in self.default_graphs],
            "named_graphs": [named_node(graph) for graph in self.named_graphs],
        }


def evaluate(engine: ox.Store, sparql: str, *, base_iri: str | None = None,
             dataset: QueryDataset | None = None, engine_may_sort: bool = False) -> QueryResults:
    """Run a read query whose text has been checked (:func:`check_read_query`).

    ``engine_may_sort``: let an ORDER BY this module cannot take over reach the engine (only
    in a worker process, which may die of it); otherwise that is :class:`EngineDefectError`.
    """
    plan = plan_order(sparql)
    if plan.unsafe and not engine_may_sort:
        raise EngineDefectError(ENGINE_SORT_DEFECT, details={"defect": ENGINE_SORT_DEFECT})
    arguments = _dataset_arguments(sparql, dataset)

    def run(text: str) -> QueryResults:
        try:
            return engine.query(text, base_iri=base_iri, **arguments)
        except SyntaxError as error:
            raise syntax_error(str(error)) from error
        except RuntimeError as error:  # evaluation errors, e.g. a bound variable not projected
            raise UsageError(f"the query failed: {error}") from error
        except OSError as error:
            raise StoreError(f"store failure: {error}") from error

    if plan.ordered_here:
        return ordered_select(plan, run)
    return run(plan.text)


def _dataset_arguments(sparql: str, dataset: QueryDataset | None) -> dict[str, Any]:
    if dataset is not None:
        return dataset.engine_arguments()
    return {}  # the store's default graph is the merge of the named graphs (store_merge)
