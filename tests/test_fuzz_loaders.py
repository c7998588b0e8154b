"""Fuzzing the readers and extractors: whatever bytes arrive, ``load_bytes`` returns facts
whose evidence quotes the text, or raises a :class:`~rightsgraph.errors.DocumentError`; it
never hangs on adversarial input.

Three layers: arbitrary bytes under every supported name; text built from the genre's own
fragments (which must load without any error, evidence exact, twice the same); mutations of
the real seeds. Then a table of adversarial long inputs, one for each regex-heavy extractor,
each run in a forked process under a watchdog that turns a hang into a failure naming the
input; and one regression test per backtracking or quadratic bug the fuzzing found.
"""

from __future__ import annotations

import multiprocessing
import random
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightsgraph.errors import DocumentError
from rightsgraph.graph.ingest_batch import spool_document
from rightsgraph.loaders.extractors.citations import find_citations
from rightsgraph.loaders.extractors.mentions import mention_timeline
from rightsgraph.loaders.extractors.parties import find_letter_mandates
from rightsgraph.loaders.extractors.ratifications import find_ratifications
from rightsgraph.loaders.extractors.references import find_references
from rightsgraph.loaders.facts import DocumentFacts, iter_evidence
from rightsgraph.loaders.pipeline import load_bytes
from rightsgraph.loaders.treaty_text import looks_like_treaty_text

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
NAMES = ("doc.txt", "doc.md", "doc.csv", "doc.pdf", "doc.docx", "doc.html")
WATCHDOG_SECONDS = 20
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- helpers ---------------------------------------------------------------------------


def load_or_document_error(data: bytes, name: str) -> DocumentFacts | None:
    """The facts, or None when a DocumentError says why not; any other exception escapes."""
    try:
        return load_bytes(data, name)
    except DocumentError:
        return None


def assert_evidence_quotes_text(facts: DocumentFacts) -> None:
    for found in iter_evidence(facts):
        assert 0 <= found.start <= found.end <= len(facts.text), found
        assert facts.text[found.start : found.end] == found.text, found


# --- arbitrary bytes -------------------------------------------------------------------

_MAGIC_PREFIXES = (b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html>", b"<!DOCTYPE html><p>", b"\xef\xbb\xbf", b"\xff\xfe")


@FUZZ
@given(
    prefix=st.sampled_from(_MAGIC_PREFIXES),
    body=st.binary(max_size=3000),
    name=st.sampled_from(NAMES),
)
def test_arbitrary_bytes_give_facts_or_a_document_error(prefix: bytes, body: bytes, name: str) -> None:
    facts = load_or_document_error(prefix + body, name)
    if facts is not None:
        assert_evidence_quotes_text(facts)


# --- text from the genre's fragments ---------------------------------------------------

# Letters, replies and reports only: a status-table header or article headings would make the
# text a UNTC table or a treaty text, which may rightly ask for --instrument.

_FRAGMENTS = (
    "Article 34 of the Convention on the Rights of the Child",
    "article 3 (1) (c) of the Optional Protocol",
    "articles 7, 8 and 24 of the International Covenant on Civil and Political Rights",
    "Article 4 (c & d)",
    "(art. 2 (c))",
    "Guiding Principle 1",
    "principles 11 to 24",
    "Principles 17-21",
    "the same Convention",
    "the Covenant",
    "General Comment no. 31 para. 8 of the Human Rights Committee",
    "ratified by China on 2 March 1992",
    "which China has ratified on 3 December 2002",
    "acceded by your Excellency's Government on 8 February 2010",
    "ratified by your Excellency's Government in 1994",
    "AL CHN 3/2021",
    "JUA OTH 11/2023",
    "UA Housing (2000-9) G/SO 214 (53-24)\nSYR 3/2014",
    "REFERENCE: OL GBR 4/2022",
    "Mandates of the Special Rapporteur on the sale and sexual exploitation of children",
    "and the Working Group on Business and Human Rights",
    "pursuant to Human Rights Council resolutions 43/22, 44/15 and 41/6",
    "A/HRC/28/56",
    "CRC/C/156",
    "E/CN.4/2005/78/Corr.1",
    "Omegle, a live video chat website based in the United States of America",
    "Instagram, owned by Facebook Inc.",
    "Tiktok, a China-based company",
    "X (formerly Twitter)",
    "Omegle.com LLC",
    "Please accept, Excellency, the assurances of our highest consideration.",
    "Yours sincerely,",
    "Mama Fatima Singhateh\nSpecial Rapporteur on the sale and sexual exploitation of children",
    "Dear Mr. Brooks,",
    "on the following matters:\n1. Please provide information.\n2. Please explain.",
    "within 60 days",
    "Geneva, 17 June 2021",
    "le 2 mars 1992",
    "2 de marzo de 1992",
    "March 2, 1992",
    "31 February 2020",
    "has also been sent to the Governments of France and Germany",
    "The Permanent Mission of Brazil presents its compliments",
    "Note verbale",
    "Distr.: General 12 July 2019",
    "[1]", "¹", "*", "**bold**", "_emphasis_", "# Heading",
    "Côte d'Ivoire", "Türkiye", "Bolivia (Plurinational State of)", "Democratic People's Republic of Korea",
    ", and", "; ", "(", ")", "\n", "\n\n", "\t", "  ",
)
_TEXT_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
_PIECE = st.one_of(
    st.sampled_from(_FRAGMENTS),
    st.text(_TEXT_CHARS, max_size=30),
    st.builds(lambda fragment, n: fragment * n, st.sampled_from(_FRAGMENTS), st.integers(1, 200)),
    st.builds(lambda n: "x" * n, st.integers(1, 20000)),
)
GENRE_TEXT = st.lists(_PIECE, min_size=1, max_size=40).map(" ".join).filter(lambda t: t.strip() != "")


@FUZZ
@given(text=GENRE_TEXT, name=st.sampled_from(("letter.txt", "letter.md", "table.csv")))
def test_genre_text_loads_with_exact_evidence_and_deterministically(text: str, name: str) -> None:
    data = text.encode("utf-8")
    facts = load_bytes(data, name)
    assert_evidence_quotes_text(facts)
    assert load_bytes(data, name) == facts


@FUZZ
@given(text=GENRE_TEXT)
def test_genre_text_maps_to_lines_the_strict_parser_reads_alike(text: str) -> None:
    """The bulk loader reads spool lines without checking IRIs (graph/store_oxigraph.py): that
    is sound only if the mapper never writes a line the strict parser rejects or reads otherwise."""
    spooled = spool_document(load_bytes(text.encode("utf-8"), "letter.txt"))
    strict = list(ox.parse(spooled.nquads, format=ox.RdfFormat.N_QUADS))
    assert strict == list(ox.parse(spooled.nquads, format=ox.RdfFormat.N_QUADS, lenient=True))
    assert len(strict) == spooled.triples - 1  # all but the completion marker, written last


# --- mutated seeds ---------------------------------------------------------------------


def _seed_bytes() -> list[bytes]:
    return [path.read_bytes() for path in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []


_SEED_DATA = _seed_bytes()


def _flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        position = rng.randrange(len(out))
        out[position] ^= 1 << rng.randrange(8)
    return bytes(out)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _duplicate_paragraphs(data: bytes, rng: random.Random) -> bytes:
    paragraphs = data.split(b"\n\n")
    for _ in range(rng.randint(1, 5)):
        index = rng.randrange(len(paragraphs))
        paragraphs.insert(index, paragraphs[index])
    return b"\n\n".join(paragraphs)


def _shuffle_paragraphs(data: bytes, rng: random.Random) -> bytes:
    paragraphs = data.split(b"\n\n")
    rng.shuffle(paragraphs)
    return b"\n\n".join(paragraphs)


_MUTATIONS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    _flip_bytes,
    _truncate,
    _duplicate_paragraphs,
    _shuffle_paragraphs,
)


@pytest.mark.skipif(not _SEED_DATA, reason="../shared/corpus/seeds is not beside the checkout")
@FUZZ
@given(
    seed=st.integers(0, 10_000),
    mutations=st.lists(st.sampled_from(_MUTATIONS), min_size=1, max_size=3),
    rng=st.randoms(use_true_random=False),
    name=st.sampled_from(NAMES),
)
def test_mutated_seeds_give_facts_or_a_document_error(
    seed: int, mutations: list[Callable[[bytes, random.Random], bytes]], rng: random.Random, name: str
) -> None:
    data = _SEED_DATA[seed % len(_SEED_DATA)]
    for mutate in mutations:
        data = mutate(data, rng) if data else data
    facts = load_or_document_error(data, name)
    if facts is not None:
        assert_evidence_quotes_text(facts)


# --- watchdog --------------------------------------------------------------------------


def _child(run: Callable[[], object], pipe: Connection) -> None:
    try:
        run()
    except DocumentError:
        pass
    except Exception:  # noqa: BLE001 - the child reports whatever escaped to the parent
        pipe.send(traceback.format_exc())
        return
    pipe.send("")


def finishes_in_time(label: str, run: Callable[[], object]) -> None:
    """Run ``run`` in a forked process; fail naming ``label`` if it hangs or raises anything
    but a DocumentError. (Fork: the child reuses the parent's compiled patterns.)"""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(run, sender))
    process.start()
    sender.close()
    process.join(WATCHDOG_SECONDS)
    if process.is_alive():
        process.kill()
        process.join()
        pytest.fail(f"{label}: no result within {WATCHDOG_SECONDS} s (catastrophic backtracking?)")
    error = receiver.recv() if receiver.poll() else f"child died with exit code {process.exitcode}"
    assert error == "", f"{label}: {error}"


# --- adversarial long inputs, one or more per regex-heavy extractor --------------------

_CAPITALISED = " ".join(["Alpha", "Beta", "Gamma", "Delta"] * 6000)
_LINE_UNIT = "the text goes on about other things " * 6 + "Article 2 of the CRC ratified by Chile in 1990; see A/HRC/1/2 "
_ONE_MEGABYTE_LINE = (_LINE_UNIT * (1_000_000 // len(_LINE_UNIT) + 1))[:1_000_000]
_DOTTED_TABLE = "Participant\n" + "China ........ 2 Mar 1992\n" * 3
ADVERSARIAL: dict[str, tuple[str, str]] = {
    # citations.py
    "article list without instrument": ("Article 1, " * 18_000, "x.txt"),
    "article list with instrument": ("Article 1 of the Convention on the Rights of the Child, " * 3000, "x.txt"),
    "open-bracket nest after article": ("Article 1 " + "( " * 50_000, "x.txt"),
    "sub-paragraph 'and' chain": ("Article 1 (" + "and" * 20_000, "x.txt"),
    "spaces before the instrument": ("Article 1" + " " * 100_000 + "of the CRC", "x.txt"),
    "dense citations": ("Article 2 CRC " * 15_000, "x.txt"),
    "general comments without committee": ("general comment no. 1 para. 2 " * 20_000, "x.txt"),
    # mentions.py
    "anaphors after many mentions": ("the Convention on the Rights of the Child and the same Convention " * 4000, "x.txt"),
    # parties.py
    "mandates of the, repeated": ("Mandates of the " * 5000, "x.txt"),
    "commas and 'and' after a mandate": ("Mandates of the Special Rapporteur on torture" + ", and" * 5000 + " x", "x.txt"),
    "commas after a mandate": ("Mandates of the Special Rapporteur on torture" + " ," * 10_000 + " x", "x.txt"),
    "closing then many name lines": ("Yours sincerely\n" + "John Smith\n" * 20_000, "x.txt"),
    "dear, repeated": ("Dear " * 50_000, "x.txt"),
    "salutation without comma": ("Dear Mr. " + "a" * 100_000, "x.txt"),
    # companies.py
    "capitalised words": (_CAPITALISED, "x.txt"),
    "capitalised words then Inc.": (_CAPITALISED + " Inc.", "x.txt"),
    "owned by capitalised words": ("Instagram, owned by " + "Abc " * 50_000, "x.txt"),
    "based-in without a State": ("Omegle, a " + "X" * 50_000 + "-based", "x.txt"),
    # references.py
    "spaces after AL": ("AL" + " " * 100_000 + "x", "x.txt"),
    "capitals after AL": ("AL " + "ABCDEFGHIJ" * 2000, "x.txt"),
    "digits after AL": (("AL " + "1" * 40 + "\n") * 2000, "x.txt"),
    # resolutions.py
    "resolution slashes": ("Human Rights Council resolutions " + "1/" * 50_000, "x.txt"),
    "resolution list without end": ("Human Rights Council resolutions " + "1/1, " * 20_000 + "x", "x.txt"),
    # symbols.py
    "symbol slashes": ("A/" * 50_000, "x.txt"),
    # structure.py and dates.py
    "a run": ("a" * 100_000, "x.txt"),
    "spaces before a report symbol": ("\n" + " " * 200_000 + "A/HRC/1/1", "x.txt"),
    "spaces between day and month": ("2" + " " * 100_000 + "March", "x.txt"),
    "numbered lines after questions": ("following questions:\n" + "1. x\n" * 50_000, "x.txt"),
    # ratifications.py
    "verbs without sentence ends": ("ratified " * 10_000, "x.txt"),
    "ratification statements": ("CRC ratified by China on 2 March 1992 " * 2500, "x.txt"),
    # treaty_text.py
    "spaces after a markdown article number": ("### Article 1" + " " * 100_000 + "x\n", "x.md"),
    "long plain article title": ("Article 1 - a" + " " * 100_000 + "b\nArticle 2\nArticle 3\n", "x.txt"),
    # untc_* layouts
    "dotted leaders without end": (_DOTTED_TABLE + "China" + " ...." * 20_000 + "]\n", "x.txt"),
    "suffixed date cell": (_DOTTED_TABLE + "Chile ...... 2 Mar 1992" + " a" * 50_000 + "]\n", "x.txt"),
    "status csv of commas": ("Participant,Signature,Ratification\n" + "China," * 100_000 + "\n", "x.csv"),
    "dates of dashes in a status table": ("Participant,Signature\n" + "1-1-" * 100_000, "x.csv"),
    # everything at once
    "one-megabyte single line": (_ONE_MEGABYTE_LINE, "x.txt"),
    "html element nesting": ("<html>" + "<div>" * 100_000, "x.html"),
}
@pytest.mark.parametrize("label", list(ADVERSARIAL))
def test_adversarial_input_finishes(label: str) -> None:
    text, name = ADVERSARIAL[label]
    finishes_in_time(label, lambda: load_bytes(text.encode("utf-8"), name))


# --- regressions: one per bug found ----------------------------------------------------


def test_bug_trailing_brackets_quadratic_on_a_long_title_line() -> None:
    # reference.instruments._TRAILING_BRACKETS '^(.*?)\s*\(' backtracked over a long run of
    # spaces (instrument_hints passes whole title lines to resolve_instrument_name).
    text = "### Article 1\nA.\n### Article 2\nB.\n### Article 3\n# a" + " " * 100_000 + "b\n"
    finishes_in_time("long title line", lambda: load_bytes(text.encode("utf-8"), "x.md"))


def test_bug_html_xpath_per_element_quadratic_in_siblings() -> None:
    # readers.html called tree.getpath for every element, linear in the number of siblings.
    text = "<html><body>" + "<p>x</p>" * 60_000
    finishes_in_time("many sibling html elements", lambda: load_bytes(text.encode("utf-8"), "x.html"))


def test_bug_reference_file_tokens_split_a_capital_run_exponentially() -> None:
    # "[A-Z][A-Za-z]+" tokens joined by optional spaces could split "ABCDEFGHIJ..." in every
    # way, and "[ \t]*\n?[ \t]*" could split a run of spaces in every way.
    for label, text in (("capitals", "AL " + "ABCDEFGHIJ" * 300), ("spaces", "UA" + " " * 50_000 + "x")):
        finishes_in_time(label, lambda text=text: find_references(text))
    older = find_references("UA Housing (2000-9) G/SO 214 (53-24)\nSYR 3/2014")
    assert [r.reference for r in older] == ["UA SYR 3/2014"]


def test_bug_mandate_joiner_trim_cubic_on_a_run_of_commas() -> None:
    # "[\s;,]*(?:and...)?[\s;,]*$" was tried at every offset of a run of separators.
    text = "Mandates of the Special Rapporteur on torture" + " ," * 10_000 + " x"
    finishes_in_time("commas after a mandate", lambda: find_letter_mandates(text))
    found = find_letter_mandates("Mandates of the Special Rapporteur on torture; and the Working Group on "
                                 "Arbitrary Detention\n\nREFERENCE: UA SYR 3/2014")
    assert [m.evidence.text for m in found][:1] == ["Special Rapporteur on torture"]


def test_bug_ratification_sentence_end_searched_to_the_end_of_the_text() -> None:
    text = "ratified " * 3000 + "x" * 1_000_000
    finishes_in_time("verbs then a megabyte", lambda: find_ratifications(text, [], "CHN"))


def test_bug_ratification_subject_and_instrument_scanned_all_text_before_the_verb() -> None:
    # Without a sentence end in the 600 characters before a verb its sentence started at the
    # top of the text: every verb scanned every earlier mention and all text for a State.
    text = "CRC " * 20_000 + "ratified by China on 2 March 1992 " * 3000
    timeline = mention_timeline(text)
    finishes_in_time("ratifications after many mentions", lambda: find_ratifications(text, timeline, None))
    statement = "The CRC was ratified by China on 2 March 1992."
    actions = find_ratifications(statement, mention_timeline(statement), None)
    assert [(a.state, a.instrument, a.date.iso()) for a in actions] == [("CHN", "CRC", "1992-03-02")]


def test_bug_citation_binding_scanned_the_whole_timeline() -> None:
    text = "CRC " * 100_000 + "Article 2 CRC " * 2000
    timeline = mention_timeline(text)
    finishes_in_time("citations after many mentions", lambda: find_citations(text, timeline))
    cited = find_citations("Article 34 of the Convention on the Rights of the Child")
    assert [(c.instrument, c.provision) for c in cited] == [("CRC", "34")]


def test_bug_anaphor_resolution_rescanned_every_earlier_mention() -> None:
    text = "CRC " * 50_000 + "the Covenant " * 5000
    finishes_in_time("anaphors after many mentions", lambda: mention_timeline(text))
    timeline = mention_timeline("the Convention on the Rights of the Child and the ICCPR; the same Convention")
    assert [(m.instrument, m.explicit) for m in timeline] == [("CRC", True), ("ICCPR", True), ("CRC", False)]


def test_bug_treaty_article_heading_quadratic_on_trailing_spaces() -> None:
    text = "Article 1" + " " * 100_000 + "x\n### Article 1" + " " * 100_000 + "x\n"
    finishes_in_time("spaces after article numbers", lambda: looks_like_treaty_text(text, "x.txt"))
    assert looks_like_treaty_text("Article 1 .  \nA.\nArticle 2 - Title\nB.\nArticle 3\n", "x.txt")
