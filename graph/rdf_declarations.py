"""How a State's statement on an instrument is written beside its node in a document graph.

The node itself (its class, State, instrument, text and passage) is written by
:mod:`rightsgraph.graph.rdf_document`; this module holds what is particular to statements:

* the class of each kind (``rg:Reservation``, ``rg:InterpretativeDeclaration``,
  ``rg:Understanding``, ``rg:Objection``, ``rg:Withdrawal``);
* which provisions it is linked to, and how: ``rg:limitsProvision`` (the articles the
  statement limits or interprets), ``rg:mentionsProvision`` (named only in passing),
  ``rg:continuesToLimit`` (for a partial withdrawal: the articles the reservation still
  covers);
* its scope: ``rg:appliesToTerritory`` / ``rg:excludesTerritory`` (``rg:Territory`` nodes
  named as the text names them) and ``rg:partialWithdrawal``;
* for an objection, the reserving States it objects to: ``rg:objectsToReservationsOf`` the
  State, and an ``rg:ObjectionTarget`` node (``<objection>/to/<ISO3>``) with the objection's
  date to that State when the text gives one;
* ``rg:madeUpon`` the action type a heading of the source names ("Upon signature:").
"""

from __future__ import annotations

from collections.abc import Callable

from rightsgraph.graph.rdf_native import DCTERMS, RDF, RDFS, RG, XSD, NTerm, literal, typed_literal
from rightsgraph.graph.rdf_terms import action_type_iri, date_literal, precision_iri, state_iri, territory_iri
from rightsgraph.loaders import facts as f

__all__ = ["DECLARATION_CLASSES", "describe_statement_scope", "statement_provisions"]

DECLARATION_CLASSES: dict[str, NTerm] = {
    "reservation": RG.Reservation,
    "declaration": RG.InterpretativeDeclaration,
    "objection": RG.Objection,
    "understanding": RG.Understanding,
    "withdrawal": RG.Withdrawal,
    "modification": RG.ReservationModification,
}

Add = Callable[[object, object, object], None]


def statement_provisions(declaration: f.Declaration) -> list[tuple[NTerm, tuple[str, ...]]]:
    """``(predicate, article numbers)`` pairs: limited, mentioned, still limited after a
    partial withdrawal."""
    return [
        (RG.limitsProvision, declaration.articles),
        (RG.mentionsProvision, declaration.mentioned),
        (RG.continuesToLimit, declaration.continues_for),
    ]


def describe_statement_scope(add: Add, node: NTerm, declaration: f.Declaration) -> None:
    """The territories the statement is made for or excludes, and whether a withdrawal is partial."""
    for predicate, names in (
        (RG.appliesToTerritory, declaration.territories),
        (RG.excludesTerritory, declaration.excluded_territories),
    ):
        for name in names:
            territory = territory_iri(name)
            add(territory, RDF.type, RG.Territory)
            add(territory, RDFS.label, literal(name))
            add(node, predicate, territory)
    if declaration.made_upon is not None:
        add(node, RG.madeUpon, action_type_iri(declaration.made_upon))
    if declaration.kind == "withdrawal":
        add(node, RG.partialWithdrawal, typed_literal("true" if declaration.partial else "false", XSD.boolean))
    for target in declaration.objects_to:
        reserving = state_iri(target.state)
        add(node, RG.objectsToReservationsOf, reserving)
        qualified = f"{node[:-1]}/to/{target.state}>"
        add(qualified, RDF.type, RG.ObjectionTarget)
        add(node, RG.objectionTarget, qualified)
        add(qualified, RG.state, reserving)
        if target.date is not None:
            add(qualified, DCTERMS.date, date_literal(target.date))
            add(qualified, RG.datePrecision, precision_iri(target.date.precision))
