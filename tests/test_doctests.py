"""Docstring examples are part of each module's contract: every module's examples must hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

# The stages live in their own top-level folders (pyproject's package-dir), so each is walked.
_PACKAGES = ("rightsgraph", "rightsgraph.ontology", "rightsgraph.loaders", "rightsgraph.graph", "rightsgraph.api")


def _modules() -> list[str]:
    names = set(_PACKAGES)
    for package in _PACKAGES:
        module = importlib.import_module(package)
        names |= {info.name for info in pkgutil.walk_packages(module.__path__, package + ".")}
    return sorted(names)


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples_hold(name: str) -> None:
    results = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert results.failed == 0, f"{results.failed} of {results.attempted} examples failed in {name}"


def test_the_modules_with_examples_are_found() -> None:
    names = _modules()
    assert {"rightsgraph.graph.store", "rightsgraph.graph.rdf_native", "rightsgraph.loaders.reference.textscan"} <= set(names)


def test_the_synthetic_corpus_examples_hold() -> None:
    from synthetic_corpus import synthetic

    results = doctest.testmod(synthetic)
    assert results.attempted > 0 and results.failed == 0
