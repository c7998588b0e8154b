"""The reference data linked out to Wikidata (issue 19, item 7): every State has one item; an
instrument has one only where a source pairing its title with the item was read (its
evidence), the others are listed as unverified; items are well-formed and unique, and the
reference graph states each link once and no other."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import URIRef
from rdflib.namespace import SKOS

from rightsgraph.graph.rdf_reference import reference_graph
from rightsgraph.graph.rdf_terms import instrument_iri, state_iri
from rightsgraph.loaders.reference.instruments import INSTRUMENTS
from rightsgraph.loaders.reference.states import NON_MEMBER_STATES, STATES
from rightsgraph.loaders.reference.wikidata import (
    INSTRUMENT_EVIDENCE, INSTRUMENT_QIDS, QID, STATE_QIDS, UNVERIFIED_INSTRUMENTS, WIKIDATA_ENTITY,
    instrument_qid, state_qid,
)

ALL_STATES = STATES + NON_MEMBER_STATES


@pytest.fixture(scope="module")
def graph():
    return reference_graph()


def _wikidata_matches(graph, node: URIRef) -> list[str]:
    return [str(match) for match in graph.objects(node, SKOS.exactMatch) if str(match).startswith(WIKIDATA_ENTITY)]


# --- States ------------------------------------------------------------------------------


def test_all_195_states_and_the_non_member_parties_have_an_item():
    assert len(STATES) == 195
    assert [state.iso3 for state in ALL_STATES if state_qid(state.iso3) is None] == []


def test_the_table_names_no_state_the_reference_data_lacks():
    assert set(STATE_QIDS) == {state.iso3 for state in ALL_STATES}


@pytest.mark.parametrize(("iso3", "qid"), [("CHN", "Q148"), ("USA", "Q30"), ("GBR", "Q145"), ("FRA", "Q142"),
                                           ("VAT", "Q159583"), ("PSE", "Q219060")])
def test_known_items(iso3, qid):
    assert state_qid(iso3) == qid


def test_the_reference_graph_links_every_state_once(graph):
    for state in ALL_STATES:
        assert _wikidata_matches(graph, state_iri(state.iso3)) == [WIKIDATA_ENTITY + STATE_QIDS[state.iso3]], state.iso3
    assert (state_iri("CHN"), SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/Q148")) in graph


# --- States and instruments together -----------------------------------------------------


def test_items_are_well_formed_and_unique_across_states_and_instruments():
    items = [*STATE_QIDS.values(), *INSTRUMENT_QIDS.values()]
    assert [qid for qid in items if not QID.fullmatch(qid)] == []
    assert [qid for qid, times in Counter(items).items() if times > 1] == []


# --- instruments -------------------------------------------------------------------------


def test_every_catalogued_instrument_is_either_linked_or_listed_as_unverified():
    catalogued = [instrument.id for instrument in INSTRUMENTS]
    assert sorted(catalogued) == sorted([*INSTRUMENT_QIDS, *UNVERIFIED_INSTRUMENTS])
    assert set(INSTRUMENT_QIDS).isdisjoint(UNVERIFIED_INSTRUMENTS)


def test_every_linked_instrument_names_the_public_file_that_pairs_title_and_item():
    assert set(INSTRUMENT_EVIDENCE) == set(INSTRUMENT_QIDS)
    for instrument_id, evidence in INSTRUMENT_EVIDENCE.items():
        repository, _, path = evidence.partition(": ")
        owner, _, name = repository.partition("/")
        assert owner and name and "/" not in name and path.strip(), instrument_id


@pytest.mark.parametrize(("instrument_id", "qid"), [("ICCPR", "Q392119"), ("ICESCR", "Q457862"), ("UDHR", "Q7813"),
                                                    ("iccpr", "Q392119"), ("CRC-GC-25", None), ("XYZ", None)])
def test_known_instrument_items(instrument_id, qid):
    assert instrument_qid(instrument_id) == qid


def test_the_reference_graph_links_each_verified_instrument_once_and_no_other(graph):
    for instrument in INSTRUMENTS:
        expected = [WIKIDATA_ENTITY + INSTRUMENT_QIDS[instrument.id]] if instrument.id in INSTRUMENT_QIDS else []
        assert _wikidata_matches(graph, instrument_iri(instrument.id)) == expected, instrument.id
    assert (instrument_iri("ICCPR"), SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/Q392119")) in graph
