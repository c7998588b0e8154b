"""The benchmarks' synthetic corpus generator, importable from tests (``benchmarks/`` is not a
package): ``from synthetic_corpus import synthetic``; and :func:`counts_alone`, what a
corpus's documents weigh each on its own, to compare a store built from them against."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.rdf_terms import REFERENCE_GRAPH, document_graph_iri
from rightsgraph.graph.store import open_store
from rightsgraph.loaders.pipeline import load_file

_NAME = "rightsgraph_benchmarks_synthetic"


def _load() -> ModuleType:
    if _NAME in sys.modules:
        return sys.modules[_NAME]
    spec = importlib.util.spec_from_file_location(
        _NAME, Path(__file__).resolve().parents[1] / "benchmarks" / "synthetic.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[_NAME] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


synthetic = _load()


def counts_alone(files: list[Path]) -> dict[str, int]:
    """Graph IRI -> triples of each document ingested alone into its own fresh store; the
    reference graph likewise."""
    alone: dict[str, int] = {}
    for path in files:
        facts = load_file(path)
        with open_store(":memory:") as fresh:
            result = ingest_facts(fresh, facts)
            assert result.graph == str(document_graph_iri(facts.sha256))
            alone[result.graph] = fresh.count(result.graph)
    with open_store(":memory:") as fresh:
        ensure_reference_data(fresh)
        alone[str(REFERENCE_GRAPH)] = fresh.count(str(REFERENCE_GRAPH))
    return alone
