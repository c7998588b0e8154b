"""Random sequences of ingests, replacements and deletions that the view property tests
(tests/test_state_view.py, tests/test_citation_view.py) run on a store, one step at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

from rightsgraph.graph.ingest import ingest_facts
from rightsgraph.graph.store import Store
from rightsgraph.loaders.pipeline import load_file

# The depositary's files among the real documents: replaced only by an amended copy of
# themselves (another genre under their name would be a status table that is no table).
UNTC_FILES = ("treaties_4-11.csv", "declarations_4-11.txt", "treaties_4-2.csv")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def steps(letters: st.SearchStrategy[str], *, letters_again: bool = True) -> st.SearchStrategy[tuple]:
    """One step: ingest a real document, replace one (same file name, another text), delete
    one, ingest a fictional letter, or (``letters_again``) replace a fictional letter's file by
    another letter."""
    choices = [
        st.tuples(st.just("ingest"), st.integers(0, 14)),
        st.tuples(st.just("replace"), st.integers(0, 14), st.integers(0, 14)),
        st.tuples(st.just("delete"), st.integers(0, 14)),
        st.tuples(st.just("letter"), letters),
    ]
    if letters_again:
        choices.append(st.tuples(st.just("letter again"), st.integers(0, 14), letters))
    return st.one_of(*choices)


@dataclass
class StepRunner:
    """Runs steps on ``store`` with the real documents ``texts`` (file name -> text)."""

    store: Store
    folder: Path
    texts: dict[str, str]
    written: dict[str, str] = field(default_factory=dict)  # file name -> its graph
    letters: list[str] = field(default_factory=list)  # the fictional letters' file names

    def run(self, action: str, *args: object) -> None:
        names = sorted(self.texts)
        if action == "ingest":
            name = names[int(args[0]) % len(names)]  # type: ignore[call-overload]
            self._ingest(name, self.texts[name])
        elif action == "replace":
            name, other = (names[int(a) % len(names)] for a in args)  # type: ignore[call-overload]
            same_genre = other != name and UNTC_FILES.count(name) == UNTC_FILES.count(other) == 0
            self._ingest(name, self.texts[other] if same_genre else self.texts[name] + "\n[amended for a test]\n")
        elif action == "delete" and self.written:
            name = sorted(self.written)[int(args[0]) % len(self.written)]  # type: ignore[call-overload]
            self.store.drop_graph(self.written.pop(name))
        elif action == "letter":
            self.letters.append(f"fictional_letter_{len(self.letters)}.txt")
            self._ingest(self.letters[-1], str(args[0]))
        elif action == "letter again" and self.letters:
            self._ingest(self.letters[int(args[0]) % len(self.letters)], str(args[1]))  # type: ignore[call-overload]

    def _ingest(self, name: str, text: str) -> None:
        self.written[name] = ingest_facts(self.store, load_file(write(self.folder, name, text))).graph
