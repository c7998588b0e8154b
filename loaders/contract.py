"""The scored JSON view of one document (``../shared/spec/extraction-contract.md``).

The graph models much more; this is the common view that ``rightsgraph extract --format
json`` prints. Every list item carries its ``evidence`` span. The document's identity is
written here; the lists come from each registered kind's ``contract`` view
(``loaders/registry.py``).
"""

from __future__ import annotations

from typing import Any

from rightsgraph.loaders.facts import DocumentFacts
from rightsgraph.loaders import registry


def _addressee(facts: DocumentFacts) -> dict[str, Any] | None:
    a = facts.addressee
    if a is None:
        return None
    if a.kind == "state":
        return {"kind": "state", "state": a.state}
    return {"kind": "company", "name": a.name, "person": a.person}


def _replies_to(facts: DocumentFacts) -> str | None:
    return next((r.reference for r in facts.references if r.role == "replies_to"), None)


def _mark_ocr(value: Any) -> None:
    """Add ``"ocr": true`` to every evidence object inside ``value``."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "evidence" and isinstance(item, dict) and "start" in item:
                item["ocr"] = True
            else:
                _mark_ocr(item)
    elif isinstance(value, list):
        for item in value:
            _mark_ocr(item)


def to_contract(facts: DocumentFacts) -> dict[str, Any]:
    """The extraction-contract object for one document; evidence quoted from OCR text is
    marked ``"ocr": true``."""
    view = _view(facts)
    if facts.read_by_ocr:
        _mark_ocr(view)
        for span in view["evidence"].values():
            span["ocr"] = True
    return view


def _view(facts: DocumentFacts) -> dict[str, Any]:
    treaty_status = facts.kind == "treaty_status"
    return {
        "source": facts.source,
        "kind": facts.kind if facts.kind != "treaty_text" else "unknown",
        "communication_type": facts.communication_type,
        "reference": facts.instrument if treaty_status else facts.reference,
        "date": facts.date.iso() if facts.date else None,
        "addressee": _addressee(facts),
        "replies_to": _replies_to(facts),
        "sender_state": facts.sender_state,
        **_registered_fields(facts),
        "evidence": _scalar_evidence(facts),
        "warnings": [w.message for w in facts.warnings],
    }


def _registered_fields(facts: DocumentFacts) -> dict[str, Any]:
    """The contract fields of every kind of fact in the registry, in its order."""
    fields: dict[str, Any] = {}
    for extractor in registry.EXTRACTORS:
        if extractor.contract is not None:
            fields.update(extractor.contract(facts.of(extractor.field)))
    return fields


def _scalar_evidence(facts: DocumentFacts) -> dict[str, Any]:
    spans = {"reference": facts.reference_evidence, "date": facts.date_evidence, "sender_state": facts.sender_evidence}
    if facts.addressee is not None:
        spans["addressee"] = facts.addressee.evidence
    return {k: v.to_json() for k, v in spans.items() if v is not None}
