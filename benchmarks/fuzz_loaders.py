"""Coverage-guided fuzzing of the loaders with atheris (run on demand, not by pytest).

    python benchmarks/fuzz_loaders.py -atheris_runs=20000 [corpus_dir ...]

Each input's first byte picks the name it is uploaded under (.txt .md .csv .pdf .docx
.html, or no extension); the rest is the document. ``load_bytes`` may return facts or raise
a :class:`~rightsgraph.errors.DocumentError`; any other exception is a crash, and so is a
piece of evidence that does not quote the text. Pass the seeds folder
(``../shared/corpus/seeds``) as a corpus directory to start from real documents. libFuzzer
flags work as usual (``-max_total_time=600``, ``-timeout=20`` to report a hang).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from rightsgraph.errors import DocumentError
    from rightsgraph.loaders.facts import DocumentFacts, iter_evidence
    from rightsgraph.loaders.pipeline import load_bytes

NAMES = ("fuzz.txt", "fuzz.md", "fuzz.csv", "fuzz.pdf", "fuzz.docx", "fuzz.html", "fuzz")
MAX_INPUT_BYTES = 200_000


class EvidenceMismatch(AssertionError):
    """An Evidence whose text is not ``facts.text[start:end]``."""


def name_for(first_byte: int) -> str:
    """The upload name an input's first byte selects."""
    return NAMES[first_byte % len(NAMES)]


def check_evidence(facts: DocumentFacts) -> None:
    """Raise :class:`EvidenceMismatch` for evidence that does not quote the text."""
    for found in iter_evidence(facts):
        if facts.text[found.start : found.end] != found.text:
            raise EvidenceMismatch(f"{found!r} does not quote the text")


def test_one_input(data: bytes) -> None:
    """The fuzz target: DocumentError is an answer, every other exception a crash."""
    if not data or len(data) > MAX_INPUT_BYTES:
        return
    try:
        facts = load_bytes(data[1:], name_for(data[0]))
    except DocumentError:
        return
    check_evidence(facts)


def main(argv: list[str]) -> None:
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
