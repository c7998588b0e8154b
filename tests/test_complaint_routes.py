"""Complaint routes about a State (issue 22, item 4): communications protocols from the
State's participation, optional-clause declarations from the statements a source records,
``unknown`` where the store has nothing; over HTTP with the one error shape."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rightsgraph.api.app import create_app
from rightsgraph.api.settings import Settings
from rightsgraph.graph.ingest import ensure_reference_data, ingest_facts
from rightsgraph.graph.store import Store, open_store
from rightsgraph.loaders.facts import DocumentFacts, Evidence, PartialDate, TreatyAction
from rightsgraph.loaders.pipeline import load_file
from rightsgraph.loaders.untc_declarations import parse_declarations

# Written for these tests (the shared data has no CAT declarations): Norway made declarations
# under articles 21 and 22 of the CAT on ratification (UNTC); the wording here is ours.
CAT_DECLARATIONS = """\
#Norway
"1.Norway recognizes the competence of the Committee against Torture to receive and consider communications to the effect that a State Party claims that another State Party is not fulfilling its obligations under the Convention."2.Norway recognizes the competence of the Committee against Torture to receive and consider communications from or on behalf of individuals subject to its jurisdiction who claim to be victims of a violation by a State Party of the provisions of the Convention."
"""
# Jamaica acceded to the ICCPR's First Optional Protocol on 3 Oct 1975 and denounced it on
# 23 Oct 1997 (UNTC); one line per action, written for these tests.
JAMAICA = "Jamaica, ICCPR-OP1, accession, 3 Oct 1975\nJamaica, ICCPR-OP1, denunciation, 23 Oct 1997\n"


def jamaica_facts() -> DocumentFacts:
    actions = []
    for kind, date in (("accession", PartialDate(1975, 10, 3)), ("denunciation", PartialDate(1997, 10, 23))):
        line = next(line for line in JAMAICA.splitlines() if kind in line)
        start = JAMAICA.index(line)
        actions.append(TreatyAction("JAM", "ICCPR-OP1", kind, date, Evidence(start, start + len(line), line)))
    return DocumentFacts(source="jamaica.txt", sha256=hashlib.sha256(JAMAICA.encode()).hexdigest(),
                         text=JAMAICA, kind="treaty_status", actions=tuple(actions))


@pytest.fixture(scope="module")
def client(shared_dir: Path):
    store: Store = open_store(":memory:")
    ensure_reference_data(store)
    ingest_facts(store, load_file(shared_dir / "reference" / "untc" / "declarations_4-2.txt"))
    ingest_facts(store, parse_declarations(CAT_DECLARATIONS, source="cat-declarations.txt", sha256="c" * 64,
                                           instrument="CAT", media_type="text/plain"))
    ingest_facts(store, jamaica_facts())
    with TestClient(create_app(store, Settings()), raise_server_exceptions=False) as test_client:
        yield test_client


def routes_of(client, state: str, as_of: str | None = None) -> dict[str, dict]:
    query = f"?as_of={as_of}" if as_of else ""
    response = client.get(f"/states/{state}/complaint-routes{query}")
    assert response.status_code == 200, response.text
    return {route["route"]: route for route in response.json()["routes"]}


def test_icerd_article_14_declaration_of_the_republic_of_korea(client) -> None:
    routes = routes_of(client, "KOR")
    icerd = routes["ICERD art. 14"]
    assert (icerd["status"], icerd["complainant"], icerd["since"]) == ("open", "individual", None)
    (source,) = icerd["sources"]
    assert source["document"] == "declarations_4-2.txt"
    assert "recognizes the competence of the Committee" in source["quote"]
    # nothing loaded on the protocols or on the CAT: unknown, not closed
    assert {routes[r]["status"] for r in ("OPIC", "ICCPR-OP1", "CAT art. 22", "ICCPR art. 41")} == {"unknown"}


def test_cat_inter_state_and_individual_declarations_are_told_apart(client) -> None:
    routes = routes_of(client, "NOR")
    assert routes["CAT art. 21"]["status"] == "open" and routes["CAT art. 21"]["complainant"] == "state"
    assert routes["CAT art. 22"]["status"] == "open"
    assert routes["CAT art. 21"]["sources"] != routes["CAT art. 22"]["sources"]
    assert routes["ICERD art. 14"]["status"] == "unknown"


@pytest.mark.parametrize(
    ("as_of", "status", "since", "until"),
    [
        # accession before the Protocol's own entry into force on 23 March 1976 (art. 9(1))
        ("1976-03-22", "not-yet-open", None, None),
        ("1990-01-01", "open", "1976-03-23", None),
        ("1998-01-22", "open", "1976-03-23", None),
        ("1998-01-23", "closed", "1976-03-23", "1998-01-23"),  # art. 12(1): three months after
        ("1970-01-01", "not-open", None, None),
    ],
)
def test_protocol_route_opens_and_closes_with_the_protocol(client, as_of: str, status: str, since, until) -> None:
    route = routes_of(client, "JAM", as_of)["ICCPR-OP1"]
    assert (route["status"], route["since"], route["until"]) == (status, since, until)


@pytest.mark.parametrize(("url", "status", "code"), [
    ("/states/XXX/complaint-routes", 404, "state_not_found"),
    ("/states/KOR/complaint-routes?as_of=2014-13-01", 400, "usage_error"),
])
def test_errors_have_the_one_json_shape(client, url: str, status: int, code: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (status, code)
    assert error["message"]


def test_the_editor_example_finds_the_same_routes(client) -> None:
    import re

    page = (Path(__file__).resolve().parents[1] / "api" / "static" / "sparql_editor.html").read_text(encoding="utf-8")
    prefixes = re.search(r"const PREFIXES = `(.*?)`;", page, re.S).group(1)
    (example,) = [q for title, q in re.findall(r'\["([^"]+)", `(.*?)`\]', page, re.S) if "complaint routes" in title]
    query = prefixes + example.replace('"CHN"^^rg:ISO3166Alpha3', '"KOR"^^rg:ISO3166Alpha3')
    answer = client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query",
                                                            "Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.text
    rows = answer.json()["results"]["bindings"]
    opened = {(r["route"]["value"], r["openedBy"]["value"], r["file"]["value"]) for r in rows if "file" in r}
    assert opened == {("ICERD art. 14", "declaration", "declarations_4-2.txt")}
    assert len(rows) == 11  # every route answered, unknown ones without a source


def test_obligations_json_and_brief_carry_the_routes(client) -> None:
    result = client.get("/states/JAM/obligations?as_of=2000-01-01").json()
    (route,) = [r for r in result["complaint_routes"] if r["route"] == "ICCPR-OP1"]
    assert (route["status"], route["until"]) == ("closed", "1998-01-23")
    brief = client.get("/states/JAM/obligations?as_of=2000-01-01&format=md").text
    assert "- ICCPR-OP1 (Human Rights Committee, individual): closed since 1976-03-23 until 1998-01-23" in brief
    assert "10 other route(s): no loaded source (unknown, not closed)" in brief


def test_the_filed_brief_shows_the_route_and_the_denunciation(client) -> None:
    """Issue 22: the State page (the brief to file) shows the protocol's end under its clause
    and the complaint route it closed, with both days."""
    page = client.get("/states/JAM", params={"as_of": "1999-01-01"}).text
    assert "Denounced or withdrawn: no longer bound" in page
    assert re.search(r"Denunciation notified 23 October 1997</th><td>effective 23 January 1998", page)
    routes = page.split("<h2>Complaint routes</h2>")[1].split("</table>")[0]
    assert re.search(r"<td>ICCPR-OP1</td>.*<td>closed</td><td>23 March 1976</td><td>23 January 1998</td>", routes, re.S)
