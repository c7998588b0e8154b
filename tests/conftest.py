"""Shared fixtures: where ../shared lives, and the seeds' extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seed_paths(shared_dir: Path) -> list[Path]:
    return sorted((shared_dir / "corpus" / "seeds").glob("*.txt"))
