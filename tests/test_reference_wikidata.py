"""The States linked out to Wikidata (issue 19, item 7): every State has one item, items are
well-formed and unique, and the reference graph states the link."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import URIRef
from rdflib.namespace import SKOS

from rightsgraph.graph.rdf_reference import reference_graph
from rightsgraph.graph.rdf_terms import state_iri
from rightsgraph.loaders.reference.states import NON_MEMBER_STATES, STATES
from rightsgraph.loaders.reference.wikidata import QID, STATE_QIDS, WIKIDATA_ENTITY, state_qid

ALL_STATES = STATES + NON_MEMBER_STATES


def test_all_195_states_and_the_non_member_parties_have_an_item():
    assert len(STATES) == 195
    assert [state.iso3 for state in ALL_STATES if state_qid(state.iso3) is None] == []


def test_the_table_names_no_state_the_reference_data_lacks():
    assert set(STATE_QIDS) == {state.iso3 for state in ALL_STATES}


def test_items_are_well_formed_and_unique():
    assert [qid for qid in STATE_QIDS.values() if not QID.fullmatch(qid)] == []
    assert [qid for qid, times in Counter(STATE_QIDS.values()).items() if times > 1] == []


@pytest.mark.parametrize(("iso3", "qid"), [("CHN", "Q148"), ("USA", "Q30"), ("GBR", "Q145"), ("FRA", "Q142"),
                                           ("VAT", "Q159583"), ("PSE", "Q219060")])
def test_known_items(iso3, qid):
    assert state_qid(iso3) == qid


def test_the_reference_graph_links_every_state_once():
    graph = reference_graph()
    for state in ALL_STATES:
        matches = [str(match) for match in graph.objects(state_iri(state.iso3), SKOS.exactMatch)
                   if str(match).startswith(WIKIDATA_ENTITY)]
        assert matches == [WIKIDATA_ENTITY + STATE_QIDS[state.iso3]], state.iso3
    assert (state_iri("CHN"), SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/Q148")) in graph
