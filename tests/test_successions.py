"""Successions carry their predecessor and date of effect (issue 22, item 6).

The shared UNTC tables give the `` d`` rows only (no notes), so the wording read here is ours:
snippets below and a fictional status table with notes (tests/fixtures/untc/), each marked as
such; deposit dates and dates of effect are those UNTC records. The legal effect is checked
on that table and on the real `` d`` rows of ../shared/reference/untc.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pyshacl
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

from rightsgraph.api import models as m
from rightsgraph.api.app import create_app
from rightsgraph.api.settings import Settings
from rightsgraph.graph.brief import brief
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.obligations import obligations, render_obligations_markdown
from rightsgraph.graph.rdf_document import document_graph
from rightsgraph.graph.rdf_reference import reference_graph
from rightsgraph.graph.obligations_model import Event, Source
from rightsgraph.graph.store import Store, open_store
from rightsgraph.graph.successions import succession_effect
from rightsgraph.loaders.extractors.successions import read_succession_note
from rightsgraph.loaders.facts import PartialDate, iter_evidence
from rightsgraph.loaders.pipeline import load_bytes, load_file
from rightsgraph.loaders.untc_declarations import parse_declarations

FICTIONAL_TABLE = Path(__file__).resolve().parent / "fixtures" / "untc" / "fictional_successions_4-11.csv"
EDITOR = Path(__file__).resolve().parents[1] / "api" / "static" / "sparql_editor.html"

# --- reading a passage: our own wording in the forms UNTC notes and letters use -------------


@pytest.mark.parametrize(
    ("state", "passage", "predecessor", "effective"),
    [
        ("CZE", "Czechoslovakia had signed and ratified the Convention. With effect from 1 January 1993, "
                "the Czech Republic is bound as a successor State.", "CSK", "1993-01-01"),
        ("HRV", "The former Yugoslavia had signed and ratified the Convention.", "YUG", None),
        ("MNE", "Montenegro notified its succession following its separation from Serbia and Montenegro, "
                "effective as from 3 June 2006.", "SCG", "2006-06-03"),
        ("SSD", "South Sudan is bound as successor State to the Sudan, with effect from 9 July 2011.", "SDN",
         "2011-07-09"),
        ("UKR", "The Union of Soviet Socialist Republics had ratified the Covenant.", "SUN", None),
        # a deposit is not a date of effect, and a passage naming neither gives no note
        ("SVN", "Slovenia notified its succession to the Convention on 6 July 1992.", None, None),
    ],
)
def test_a_passage_gives_predecessor_and_date_of_effect(
    state: str, passage: str, predecessor: str | None, effective: str | None
) -> None:
    note = read_succession_note(passage, 0, len(passage), state=state, instrument="CRC")
    if predecessor is None and effective is None:
        assert note is None
        return
    assert note is not None
    assert (note.predecessor, note.effective.iso() if note.effective else None) == (predecessor, effective)
    for span in iter_evidence(note):
        assert passage[span.start:span.end] == span.text


FICTIONAL_LETTER = """FICTIONAL LETTER written for rightsgraph's tests; it is not a UN document and makes no allegation.

Mandate of the Special Rapporteur on the sale, sexual exploitation and sexual abuse of children

REFERENCE: AL SVK 9/2099

Excellency,

I have the honour to address you in my capacity as Special Rapporteur, pursuant to Human Rights Council resolution 52/26.

Annex
Reference to international human rights law

I would like to recall that your Excellency's Government succeeded to the Convention on the Rights of the Child on 28 May 1993 as a successor State to Czechoslovakia, with effect from 1 January 1993. Montenegro succeeded to the Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography on 23 October 2006, following its separation from Serbia and Montenegro, effective as from 3 June 2006. Slovenia succeeded to the Convention on the Rights of the Child on 6 July 1992.
"""


def test_a_letters_annex_gives_successions() -> None:
    facts = load_bytes(FICTIONAL_LETTER.encode("utf-8"), "fictional_letter_svk.txt")
    found = [(n.state, n.instrument, n.predecessor, n.effective.iso() if n.effective else None, n.evidence.text[:30])
             for n in facts.successions]
    assert [f[:4] for f in found] == [("SVK", "CRC", "CSK", "1993-01-01"), ("MNE", "OPSC", "SCG", "2006-06-03")]
    for span in iter_evidence(facts.successions):
        assert facts.text[span.start:span.end] == span.text


# --- a status table's notes -------------------------------------------------------------------


@pytest.fixture(scope="module")
def table():
    return load_file(FICTIONAL_TABLE)


@pytest.mark.parametrize(
    ("state", "predecessor", "effective"),
    [("HRV", "YUG", None), ("CZE", "CSK", "1993-01-01"), ("MNE", "SCG", "2006-06-03"), ("SVK", "CSK", "1993-01-01")],
)
def test_a_status_tables_notes_explain_its_succession_rows(table, state: str, predecessor: str, effective: str) -> None:
    (note,) = [n for n in table.succession_notes if n.state == state]
    assert (note.instrument, note.predecessor, note.effective.iso() if note.effective else None) == (
        "CRC", predecessor, effective)


def test_the_notes_are_not_rows_and_unmarked_rows_get_no_note(table) -> None:
    assert [p.state for p in table.participants] == ["BEL", "HRV", "CZE", "MNE", "SVK", "SVN"]
    assert table.warnings == ()
    assert "SVN" not in {n.state for n in table.succession_notes}  # no mark: nothing invented
    assert "BEL" not in {n.state for n in table.succession_notes}  # a note, but not on a succession
    for span in iter_evidence(table):
        assert table.text[span.start:span.end] == span.text


def test_real_tables_read_their_succession_rows_without_notes(shared_dir: Path) -> None:
    facts = load_file(shared_dir / "reference" / "untc" / "treaties_4-11.csv")
    successions = {a.state: a.date.iso() for a in facts.actions if a.kind == "succession"}
    assert successions["CZE"] == "1993-02-22" and successions["SVK"] == "1993-05-28"
    assert facts.succession_notes == ()  # the scraped table has no notes: no predecessor invented


# Our wording, in the layout of a UNTC declarations export (not any State's text).
FICTIONAL_DECLARATIONS = """#Slovakia
Czechoslovakia had signed and ratified the Convention on the Rights of the Child. Slovakia, as a successor State, notified its succession with effect from 1 January 1993.
#Belgium
The Government of Belgium declares that it interprets article 2 as written for this fictional test.
"""


def test_a_declarations_block_on_a_succession_gives_a_note() -> None:
    facts = parse_declarations(FICTIONAL_DECLARATIONS, source="fictional_declarations_4-11.txt", sha256="d" * 64,
                               instrument="CRC", media_type="text/plain")
    assert [(n.state, n.predecessor, n.effective.iso()) for n in facts.succession_notes] == [
        ("SVK", "CSK", "1993-01-01")]


@pytest.mark.parametrize(
    ("file", "wording"),
    [
        # "succession to, or possession and enjoyment of, the Throne" beside "with effect from
        # January 1983" (the United Kingdom's CEDAW statements): neither is a State succession
        ("declarations_4-8.txt", ("succession to", "with effect from January 1983")),
        # a state of emergency "extended ... with effect from 21 November 2014" (Peru, ICCPR)
        ("declarations_4-4.txt", ("hereditary succession", "with effect from 21 November 2014")),
        # the USSR's and Byelorussian SSR's own declarations (ICERD) name no predecessor
        ("declarations_4-2.txt", ("Union of Soviet Socialist Republics", "Byelorussian Soviet Socialist Republic")),
    ],
)
def test_real_declarations_speaking_of_succession_or_effect_give_no_note(
    shared_dir: Path, file: str, wording: tuple[str, str]
) -> None:
    facts = load_file(shared_dir / "reference" / "untc" / file)
    assert all(w in facts.text for w in wording)
    assert facts.succession_notes == ()


# --- the graph --------------------------------------------------------------------------------


def test_the_graph_links_the_succession_to_its_note(table, shapes: Graph, ontology: Graph) -> None:
    data = reference_graph() + document_graph(table)
    rows = data.query("""
        PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?successor ?predecessor ?effective ?quote WHERE {
          ?action rg:successionNote ?note ; dcterms:date ?notified .
          ?note rg:state/dcterms:identifier ?successor ; rg:predecessor/dcterms:identifier ?predecessor ;
                rg:dateOfEffect ?effective ; rg:dateOfEffectPassage/oa:hasSelector/oa:exact ?quote .
        }""")
    assert {tuple(str(v) for v in row) for row in rows} == {
        ("CZE", "CSK", "1993-01-01", "1 January 1993"), ("SVK", "CSK", "1993-01-01", "1 January 1993"),
        ("MNE", "SCG", "2006-06-03", "3 June 2006"),
    }
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
    assert conforms, text[:3000]


def test_former_states_are_not_states_and_name_their_continuator() -> None:
    data = reference_graph()
    rows = data.query("""
        PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?id ?continuator WHERE {
          ?former a rg:FormerState ; dcterms:identifier ?id .
          FILTER NOT EXISTS { ?former a rg:State }
          OPTIONAL { ?former rg:continuedBy/dcterms:identifier ?continuator }
        }""")
    found = {str(r[0]): str(r[1]) if r[1] is not None else None for r in rows}
    assert found == {"YUG": None, "CSK": None, "SUN": "RUS", "SCG": "SRB"}


# --- legal effect -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(shared_dir: Path) -> Store:
    memory = open_store(":memory:")
    ensure_reference_data(memory)
    ingest_facts(memory, load_file(FICTIONAL_TABLE))
    ingest_facts(memory, load_file(shared_dir / "reference" / "untc" / "treaties_4-11.csv"))
    return memory


@pytest.fixture(scope="module")
def real_only(shared_dir: Path) -> Store:
    memory = open_store(":memory:")
    ensure_reference_data(memory)
    ingest_facts(memory, load_file(shared_dir / "reference" / "untc" / "treaties_4-11.csv"))
    return memory


def crc(store: Store, state: str, as_of: dt.date | None) -> dict:
    (entry,) = [o for o in obligations(store, state, as_of)["obligations"] if o["instrument"] == "CRC"]
    return entry


@pytest.mark.parametrize(
    ("state", "as_of", "status", "entry_into_force"),
    [
        # a party from the date of the succession of States, before the notification (22 Feb 1993)
        ("CZE", dt.date(1993, 1, 1), "party", "1993-01-01"),
        ("CZE", dt.date(1993, 2, 1), "party", "1993-01-01"),
        ("CZE", dt.date(1992, 12, 31), "no-action", None),
        ("SVK", dt.date(1993, 3, 1), "party", "1993-01-01"),
        ("MNE", dt.date(2006, 6, 2), "no-action", None),
        ("MNE", dt.date(2006, 6, 3), "party", "2006-06-03"),
        # the note names the predecessor only: the date stays unknown, not deposit + 30 days
        ("HRV", dt.date(1992, 6, 1), "uncertain", None),
        ("HRV", dt.date(1992, 10, 12), "party", None),
    ],
)
def test_a_succession_binds_from_the_date_of_effect(
    store: Store, state: str, as_of: dt.date, status: str, entry_into_force: str | None
) -> None:
    entry = crc(store, state, as_of)
    assert (entry["status"], entry["entry_into_force"]) == (status, entry_into_force)


@pytest.mark.parametrize(
    ("effective", "entry_into_force", "bounds"),
    [
        (PartialDate(1993, 1, 1), "1993-01-01", ("1993-01-01", "1993-01-01")),
        # a year stays a year; the notification (22 Feb 1993) is the latest day it can be
        (PartialDate(1993), "1993", ("1993-01-01", "1993-02-22")),
        # not before the treaty's own entry into force (VCSST art. 23(1)): the CRC's, 2 Sep 1990
        (PartialDate(1990, 1, 1), "1990-09-02", ("1990-09-02", "1990-09-02")),
        (None, None, ("1990-09-02", "1993-02-22")),
    ],
)
def test_the_date_of_effect_as_stated_and_its_limits(
    effective: PartialDate | None, entry_into_force: str | None, bounds: tuple[str, str]
) -> None:
    event = Event("succession", PartialDate(1993, 2, 22))  # the Czech Republic's CRC notification
    if effective is not None:
        event.add_effective(effective, Source("note.txt", "with effect from", 0, 16))
    effect = succession_effect("CRC", event)
    assert (effect.date.iso() if effect.date else None) == entry_into_force
    assert tuple(d.isoformat() for d in effect.bounds) == bounds


def test_a_succession_notified_before_the_treaty_is_in_force_binds_from_its_entry_into_force() -> None:
    effect = succession_effect("CRC", Event("succession", PartialDate(1990, 7, 1)))  # before 2 Sep 1990
    assert (effect.date.iso(), effect.bounds) == ("1990-09-02", (dt.date(1990, 9, 2), dt.date(1990, 9, 2)))


@pytest.mark.parametrize(
    ("as_of", "status"),
    [(dt.date(1990, 9, 1), "no-action"), (dt.date(1993, 1, 15), "uncertain"), (dt.date(1993, 2, 21), "uncertain"),
     (dt.date(1993, 2, 22), "party"), (None, "party")],
)
def test_a_real_d_row_alone_binds_by_its_deposit_from_an_unstated_day(real_only: Store, as_of, status) -> None:
    """The Czech Republic's CRC row "22 Feb 1993 d": the day it became a party is not in the
    table; it is no later than the deposit and not before the CRC's entry into force."""
    entry = crc(real_only, "CZE", as_of)
    assert entry["status"] == status
    if status != "no-action":
        assert entry["entry_into_force"] is None  # never 1993-03-24 (deposit + 30 days)
        assert entry["entry_into_force_bounds"] == {"earliest": "1990-09-02", "latest": "1993-02-22"}
        assert "no loaded source states" in entry["entry_into_force_rule"]
        (event,) = entry["events"]
        assert (event["kind"], event["predecessor"], event["effective"]) == ("succession", None, None)


# A fictional letter that deliberately gives Montenegro's succession another date of effect
# than the table's (3 June 2006): sources that disagree are shown, never resolved by a guess.
DISAGREEING_LETTER = """FICTIONAL LETTER written for rightsgraph's tests; it is not a UN document and makes no allegation.

REFERENCE: AL MNE 9/2099

Excellency,

I would like to recall that Montenegro succeeded to the Convention on the Rights of the Child as a successor State to Serbia and Montenegro, with effect from 3 July 2006.
"""


def test_sources_disagreeing_on_the_date_of_effect_leave_it_unknown(shared_dir: Path) -> None:
    memory = open_store(":memory:")
    ensure_reference_data(memory)
    ingest_facts(memory, load_file(FICTIONAL_TABLE))
    ingest_facts(memory, load_bytes(DISAGREEING_LETTER.encode("utf-8"), "fictional_letter_mne.txt"))
    entry = crc(memory, "MNE", dt.date(2006, 6, 10))
    (conflict,) = [c for c in entry["conflicts"] if c["kind"] == "succession (date of effect)"]
    assert sorted(v["date"] for v in conflict["values"]) == ["2006-06-03", "2006-07-03"]
    assert (entry["status"], entry["entry_into_force"]) == ("uncertain", None)
    (event,) = entry["events"]
    assert event["effective"] is None and event["predecessor"]["id"] == "SCG"
    assert len(event["predecessor"]["sources"]) == 2  # both sources name Serbia and Montenegro
    assert "**Sources disagree** (date)" in render_obligations_markdown(obligations(memory, "MNE", dt.date(2006, 6, 10)))


# --- shown: JSON, briefs, the State page, the editor ----------------------------------------------


@pytest.fixture(scope="module")
def client(store: Store):
    with TestClient(create_app(store, Settings())) as test_client:
        yield test_client


def test_the_obligations_json_carries_predecessor_and_date_of_effect(client) -> None:
    answer = client.get("/states/CZE/obligations?as_of=1993-01-15")
    assert answer.status_code == 200
    m.ObligationsAnswer.model_validate(answer.json())
    (entry,) = [o for o in answer.json()["obligations"] if o["instrument"] == "CRC"]
    (event,) = entry["events"]
    assert (event["predecessor"]["id"], event["predecessor"]["name"], event["predecessor"]["former_state"]) == (
        "CSK", "Czechoslovakia", True)
    assert event["effective"]["date"] == "1993-01-01"
    assert [s["quote"] for s in event["effective"]["sources"]] == ["1 January 1993"]
    assert {s["document"] for s in event["sources"]} == {"fictional_successions_4-11.csv", "treaties_4-11.csv"}


def test_other_events_keep_their_shape(client) -> None:
    (entry,) = [o for o in client.get("/states/BEL/obligations").json()["obligations"] if o["instrument"] == "CRC"]
    assert all(set(e) == {"kind", "date", "sources", "id", "sources_total", "sources_next"} for e in entry["events"])


def test_the_markdown_brief_shows_the_succession(store: Store) -> None:
    text = render_obligations_markdown(obligations(store, "CZE", dt.date(1993, 1, 15)))
    assert re.search(r"- Succession: 1993-02-22\[\^\d+\]\[\^\d+\]\n  - Predecessor \(former State\): "
                     r"Czechoslovakia\[\^\d+\]\n  - Date of effect \(succession of States\): 1993-01-01\[\^\d+\]", text)
    assert "“1 January 1993”" in text
    unstated = render_obligations_markdown(obligations(store, "SVN", dt.date(1992, 1, 1)))
    assert "Date of effect (succession of States): not stated by any loaded source" in unstated
    assert "the date of the succession of States is not stated" in unstated


def test_the_state_page_and_its_documents_show_the_succession(client, store: Store) -> None:
    page = client.get("/states/CZE?as_of=1993-01-15")
    assert page.status_code == 200
    assert "Predecessor (former State)" in page.text and "Czechoslovakia" in page.text
    docx = client.get("/states/CZE?as_of=1993-01-15&format=docx")
    assert docx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "Predecessor (former State)" in body and "1 January 1993" in body
    facts = [f for s in brief(obligations(store, "CZE"), lambda sources, context=None: "")["sections"]
             for i in s.get("instruments", []) for f in i.get("facts", [])]
    labels = {f["label"]: f["text"] for f in facts}
    assert labels["Date of effect (succession of States)"] == "1 January 1993"


def test_the_editor_example_lists_successions_and_predecessors(client) -> None:
    page = EDITOR.read_text(encoding="utf-8")
    prefixes = re.search(r"const PREFIXES = `(.*?)`;", page, re.S).group(1)
    (example,) = [q for title, q in re.findall(r'\["([^"]+)", `(.*?)`\]', page, re.S) if "predecessors" in title]
    answer = client.post("/sparql", content=prefixes + example, headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.text
    rows = [{k: v["value"] for k, v in r.items()} for r in answer.json()["results"]["bindings"]]
    czech = {(r["notified"], r.get("predecessor"), r.get("effective"), r["file"]) for r in rows
             if r.get("successor") == "CZE"}
    assert ("1993-02-22", "Czechoslovakia", "1993-01-01", "treaties_4-11.csv") in czech
    assert {r["predecessor"]: r.get("continuedBy") for r in rows if "successor" not in r}["Serbia and Montenegro"] == "SRB"
