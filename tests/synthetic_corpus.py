"""The benchmarks' synthetic corpus generator, importable from tests (``benchmarks/`` is not a
package): ``from synthetic_corpus import synthetic``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

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
