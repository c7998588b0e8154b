"""Fact IRIs are hashes of named fields: stable when a fact kind gains an optional field,
different whenever a field that is set differs (issue 20, item 3)."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import Literal, URIRef

from rightsgraph.graph.rdf_terms import canonical_fact_json, fact_iri
from rightsgraph.loaders.facts import Addressee, Evidence, PartialDate, ProvisionCitation, TreatyAction

SHA = "ab" * 32
EVIDENCE = Evidence(120, 160, "ratified by China on 2 March 1992")


def _with_optional_field(cls: type, name: str, default: object) -> type:
    """``cls`` as it would be after a release that adds ``name`` with ``default``."""
    fields = [(f.name, f.type, f) for f in dataclasses.fields(cls)]
    fields.append((name, object, dataclasses.field(default=default)))
    return dataclasses.make_dataclass(cls.__name__, fields, frozen=True, slots=True)


@pytest.mark.parametrize(
    ("cls", "values"),
    [
        (ProvisionCitation, {"instrument": "CRC", "provision": "34", "sub": None, "evidence": EVIDENCE}),
        (TreatyAction, {"state": "CHN", "instrument": "CRC", "kind": "ratification",
                        "date": PartialDate(1992, 3, 2), "evidence": EVIDENCE}),
    ],
)
@pytest.mark.parametrize("default", [None, (), ""])
def test_an_added_optional_field_keeps_the_iri(cls: type, values: dict, default: object) -> None:
    before = cls(**values)
    after = _with_optional_field(cls, "language", default)(**values)
    assert fact_iri("citation", SHA, before) == fact_iri("citation", SHA, after)


def test_the_added_field_changes_the_iri_once_it_is_set() -> None:
    values = {"instrument": "CRC", "provision": "34", "sub": None, "evidence": EVIDENCE}
    grown = _with_optional_field(ProvisionCitation, "language", None)
    assert fact_iri("citation", SHA, grown(**values)) != fact_iri("citation", SHA, grown(**values, language="fr"))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (ProvisionCitation("CRC", "34", None, EVIDENCE), ProvisionCitation("CRC", "35", None, EVIDENCE)),
        (ProvisionCitation("CRC", "34", None, EVIDENCE), ProvisionCitation("CRC", "34", "b", EVIDENCE)),
        (ProvisionCitation("CRC", "34", None, EVIDENCE),
         ProvisionCitation("CRC", "34", None, Evidence(121, 160, EVIDENCE.text[1:]))),
        # year and day precision are different facts, even for the same first day
        (PartialDate(1992), PartialDate(1992, 1, 1)),
        ((URIRef("urn:a"), Literal("34")), (URIRef("urn:a"), Literal(34))),
    ],
)
def test_different_facts_get_different_iris(first: object, second: object) -> None:
    assert fact_iri("citation", SHA, first) != fact_iri("citation", SHA, second)


def test_the_document_and_the_kind_are_part_of_the_name() -> None:
    citation = ProvisionCitation("CRC", "34", None, EVIDENCE)
    assert fact_iri("citation", SHA, citation) != fact_iri("citation", "cd" * 32, citation)
    assert fact_iri("citation", SHA, citation) != fact_iri("signatory", SHA, citation)


def test_canonical_json_names_fields_and_sorts_keys() -> None:
    text = canonical_fact_json(ProvisionCitation("CRC", "34", None, EVIDENCE))
    assert text.startswith('{"evidence":{"end":160,"start":120,')
    assert '"sub":null' in text  # a required field is named even when empty


def test_fields_at_their_default_are_left_out() -> None:
    assert canonical_fact_json(Addressee("state", state="CHN")) == '{"kind":"state","state":"CHN"}'


def test_a_field_without_canonical_form_is_refused() -> None:
    with pytest.raises(TypeError, match="set"):
        canonical_fact_json({"articles": {"1", "2"}})
