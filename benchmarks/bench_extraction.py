"""Extraction and ingest throughput on the seeds replicated to a target size.

Run on demand (not a test):

    .venv/bin/python benchmarks/bench_extraction.py [--megabytes 50] [--ingest]

Reports extraction MB/s of text per core (one process), and with ``--ingest`` the ingest
throughput (documents/s, triples/s) into an in-memory and an on-disk store. Each number is
also given as a ratio against a baseline measured in the same run: a plain regex scan of the
same text (the cost floor of reading every character once with ``re``).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import tempfile
import time
from pathlib import Path

from rightsgraph.loaders.extractors.documents import SourceInfo, extract_document_facts

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def _copies(megabytes: float) -> list[tuple[str, str]]:
    seeds = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    size = sum(len(t.encode()) for _, t in seeds)
    rounds = max(1, int(megabytes * 1024 * 1024 / size) + 1)
    # Each copy differs by a marker line, so content hashes (and graphs) differ.
    return [(f"{i:05d}-{name}", f"{text}\n\ncopy {i}\n") for i in range(rounds) for name, text in seeds]


def _baseline_seconds(docs: list[tuple[str, str]]) -> float:
    pattern = re.compile(r"[Aa]rticle\s+\d+")
    start = time.perf_counter()
    for _, text in docs:
        pattern.findall(text)
    return time.perf_counter() - start


def _extract_all(docs: list[tuple[str, str]]) -> tuple[float, list]:
    start = time.perf_counter()
    facts = []
    for name, text in docs:
        digest = hashlib.sha256(text.encode()).hexdigest()
        facts.append(extract_document_facts(text, SourceInfo(name, digest, "text/plain")))
    return time.perf_counter() - start, facts


def _ingest(facts: list, location: str) -> tuple[float, int]:
    from rightsgraph.graph.ingest import ingest_facts
    from rightsgraph.graph.store import open_store

    with open_store(location) as store:
        start = time.perf_counter()
        triples = sum(ingest_facts(store, f).triples for f in facts)
        return time.perf_counter() - start, triples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50.0)
    parser.add_argument("--ingest", action="store_true")
    args = parser.parse_args()
    docs = _copies(args.megabytes)
    megabytes = sum(len(t.encode()) for _, t in docs) / 1024 / 1024
    baseline = _baseline_seconds(docs)
    seconds, facts = _extract_all(docs)
    print(f"documents {len(docs)}, text {megabytes:.1f} MB")
    print(f"extraction: {megabytes / seconds:.2f} MB/s per core "
          f"({seconds / baseline:.0f}x the time of one regex scan, {megabytes / baseline:.0f} MB/s)")
    if args.ingest:
        with tempfile.TemporaryDirectory() as tmp:
            for label, location in (("memory", ":memory:"), ("disk", str(Path(tmp) / "store"))):
                took, triples = _ingest(facts, location)
                print(f"ingest {label}: {len(docs) / took:.1f} documents/s, {triples / took:,.0f} triples/s "
                      f"({took / seconds:.2f}x the extraction time)")


if __name__ == "__main__":
    main()
