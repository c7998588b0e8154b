"""The scored JSON view of one document (``../shared/spec/extraction-contract.md``).

The graph models much more; this is the common view that ``rightsgraph extract --format
json`` prints. Every list item carries its ``evidence`` span.
"""

from __future__ import annotations

from typing import Any

from rightsgraph.loaders.facts import DocumentFacts, Evidence


def _ev(item: dict[str, Any], span: Evidence | None) -> dict[str, Any]:
    if span is not None:
        item["evidence"] = span.to_json()
    return item


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
        "mandates": [_ev({"id": m.mandate}, m.evidence)["id"] for m in facts.mandates],
        "signatories": [_ev({"name": s.name, "mandate": s.mandate}, s.evidence) for s in facts.signatories],
        "hrc_resolutions": [r.resolution for r in facts.resolutions if r.body == "HRC"],
        "companies": [
            _ev({"name": c.name, "home_state": c.home_state, "owner": c.owner}, c.evidence)
            for c in facts.companies
        ],
        "also_sent_to": [s.state for s in facts.states if s.role == "also_sent_to"],
        "related_communications": [r.reference for r in facts.references if r.role in ("related", "follow_up")],
        "ratifications": [
            _ev({"state": a.state, "instrument": a.instrument, "date": a.date.iso(), "kind": a.kind}, a.evidence)
            for a in facts.actions
        ],
        "cited_provisions": _citations(facts),
        "document_symbols": [s.symbol for s in facts.symbols],
        "evidence": _scalar_evidence(facts),
        "warnings": [w.message for w in facts.warnings],
    }


def _citations(facts: DocumentFacts) -> list[dict[str, Any]]:
    seen: set[tuple[str, str, str | None]] = set()
    out = []
    for c in facts.citations:
        if c.provision is None or (c.instrument, c.provision, c.sub) in seen:
            continue  # an instrument named without a number is not a provision citation
        seen.add((c.instrument, c.provision, c.sub))
        out.append(_ev({"instrument": c.instrument, "provision": c.provision, "sub": c.sub}, c.evidence))
    return out


def _scalar_evidence(facts: DocumentFacts) -> dict[str, Any]:
    spans = {"reference": facts.reference_evidence, "date": facts.date_evidence, "sender_state": facts.sender_evidence}
    if facts.addressee is not None:
        spans["addressee"] = facts.addressee.evidence
    return {k: v.to_json() for k, v in spans.items() if v is not None}
