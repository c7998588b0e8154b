"""ORDER BY without the engine's sort: pyoxigraph 0.5.13 aborts the process on some orders.

Oxigraph 0.5.13 sorts solutions with a comparison that is not a total order over mixed
terms; Rust's sort detects that and panics, and the panic aborts the whole process ("user-
provided comparison function does not correctly implement a total order"), e.g.
``SELECT * { ?s ?p ?o } ORDER BY DESC(?o)`` on a store of the seeds. Nothing in Python can
catch an abort, so no query given to the embedded engine may reach that sort:

* The main ``ORDER BY`` of a SELECT is taken out of the text; each condition becomes a
  projected key (``?var`` itself, or ``(expression AS ?key)``), the engine answers without
  ``ORDER BY``/``LIMIT``/``OFFSET``, and :func:`sparql_order_key` orders the rows by the
  rules of SPARQL 1.1 §15.1 (unbound < blank nodes < IRIs < literals; literals by value
  where ``<`` defines it). ``DISTINCT``, ``OFFSET`` and ``LIMIT`` are applied after, as §18.5
  orders them.
* An ``ORDER BY`` whose order cannot change the answer is dropped: in ASK, in CONSTRUCT and
  DESCRIBE without LIMIT/OFFSET, in a subquery without LIMIT/OFFSET.
* What remains (a subquery or a CONSTRUCT with ORDER BY and LIMIT/OFFSET) is
  :class:`~rightsgraph.errors.EngineDefectError` in-process; a worker process (which can
  die safely) may try the engine and name the defect when it dies.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from rightsgraph.errors import EngineDefectError, QuerySyntaxError
from rightsgraph.graph.sparql_text import Token, matching_close, tokens

__all__ = ["ENGINE_SORT_DEFECT", "OrderPlan", "plan_order", "sparql_order_key", "ordered_select"]

ENGINE_SORT_DEFECT = (
    "pyoxigraph 0.5.13 aborts on ORDER BY over mixed terms (its comparison is not a total "
    "order); this ORDER BY sits where the service cannot order the rows itself "
    "(a subquery or CONSTRUCT with LIMIT/OFFSET)"
)
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {_XSD + name for name in (
    "integer", "decimal", "float", "double", "nonPositiveInteger", "negativeInteger", "long",
    "int", "short", "byte", "nonNegativeInteger", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte", "positiveInteger")}
_STRING = {_XSD + "string"}
_KEY_PREFIX = "rightsgraph_order_key_"
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

Term = ox.NamedNode | ox.BlankNode | ox.Literal | None


# --- the order of terms (SPARQL 1.1 §15.1) ----------------------------------------------


def sparql_order_key(term: Term) -> tuple[Any, ...]:
    """A key that orders terms as SPARQL ORDER BY does, and totally.

    Unbound, then blank nodes, IRIs, literals. Literals group by kind: numbers (by value,
    NaN last), booleans, date-times (a time zone-less value is read as UTC), dates, simple
    and xsd:string literals (by code point), language-tagged strings, then other datatypes
    by datatype IRI and lexical form; ties break on the lexical form.

    >>> terms = [ox.Literal("10", datatype=ox.NamedNode(_XSD + "integer")), ox.Literal("b"),
    ...          None, ox.NamedNode("http://e/x"), ox.Literal("9.5", datatype=ox.NamedNode(_XSD + "decimal")),
    ...          ox.BlankNode("b0")]
    >>> [str(t) for t in sorted(terms, key=sparql_order_key)]
    ['None', '_:b0', '<http://e/x>', '"9.5"^^<http://www.w3.org/2001/XMLSchema#decimal>', '"10"^^<http://www.w3.org/2001/XMLSchema#integer>', '"b"']
    """
    if term is None:
        return (0,)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, term.value)
    if isinstance(term, ox.Literal):
        return (3, *_literal_key(term))
    return (4, str(term))  # RDF-star quoted triples, after every literal


def _literal_key(literal: ox.Literal) -> tuple[Any, ...]:
    datatype, value = literal.datatype.value, literal.value
    if literal.language:
        return (5, value, literal.language)
    if datatype in _STRING:
        return (4, value, "")
    if datatype in _NUMERIC:
        number = _number(value)
        if number is not None:
            return (0, *number, value)
    if datatype == _XSD + "boolean" and value in ("true", "false", "1", "0"):
        return (1, value in ("true", "1"), value)
    if datatype == _XSD + "dateTime":
        moment = _date_time(value)
        if moment is not None:
            return (2, moment, value)
    if datatype == _XSD + "date":
        day = _date(value)
        if day is not None:
            return (3, day, value)
    return (6, datatype, value)


def _number(text: str) -> tuple[int, Decimal] | None:
    """``(0, value)`` for a number, ``(1, 0)`` for NaN (after every number), None if invalid."""
    try:
        if text.strip() in ("INF", "+INF", "-INF", "NaN"):
            number = float(text.replace("INF", "inf").replace("NaN", "nan"))
            return (1, Decimal(0)) if math.isnan(number) else (0, Decimal(number))
        return (0, Decimal(text.strip()))
    except (InvalidOperation, ValueError):
        return None


def _date_time(text: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


# --- where the ORDER BY clauses are ------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """One ORDER BY condition: its expression text, whether it is a bare variable, DESC."""

    expression: str
    variable: str | None
    descending: bool


@dataclass(frozen=True)
class OrderPlan:
    """What to do with a query's ORDER BY clauses (see the module docstring).

    ``text``: the query with the ORDER BYs whose order cannot matter dropped. For a SELECT
    ordered here, ``conditions``, ``limit``, ``offset`` and ``distinct`` say how, and
    ``text`` also lacks the main ORDER BY, LIMIT and OFFSET; ``projection`` is the span of
    the projection in ``text`` and ``modifiers_end`` where a LIMIT may be inserted.
    ``unsafe``: an ORDER BY is left that the engine must sort.
    """

    text: str
    conditions: tuple[Condition, ...] = ()
    limit: int | None = None
    offset: int = 0
    distinct: bool = False
    projection: tuple[int, int] = (0, 0)
    modifiers_end: int = 0
    unsafe: bool = False

    @property
    def ordered_here(self) -> bool:
        return bool(self.conditions)


def plan_order(sparql: str) -> OrderPlan:
    """How to run ``sparql`` without the engine's sort.

    >>> plan = plan_order("SELECT ?s { ?s ?p ?o } ORDER BY DESC(?o) ?s LIMIT 5 OFFSET 2")
    >>> " ".join(plan.text.split()), [(c.expression, c.descending) for c in plan.conditions]
    ('SELECT ?s { ?s ?p ?o }', [('(?o)', True), ('?s', False)])
    >>> plan.limit, plan.offset
    (5, 2)
    >>> " ".join(plan_order("ASK { ?s ?p ?o } ORDER BY ?o").text.split())
    'ASK { ?s ?p ?o }'
    >>> plan_order("SELECT * { { SELECT ?s { ?s ?p ?o } ORDER BY ?o LIMIT 1 } }").unsafe
    True
    """
    found = tokens(sparql)
    if not any(token.is_word("ORDER") for token in found):
        return OrderPlan(sparql)
    form_at = next((i for i, t in enumerate(found) if t.braces == 0 and t.is_word(*_FORMS)), None)
    drops: list[tuple[int, int]] = []
    unsafe = False
    main: _MainOrder | None = None
    for index, token in enumerate(found):
        if not (token.is_word("ORDER") and index + 1 < len(found) and found[index + 1].is_word("BY")):
            continue
        group_end = _end_of_group(found, index)
        clause_end = _conditions_end(found, index + 2, group_end)
        has_slice = any(t.is_word("LIMIT", "OFFSET") and t.braces == token.braces
                        for t in found[clause_end:group_end])
        span = (token.start, found[clause_end - 1].end)
        form = found[form_at].text.upper() if form_at is not None else None
        if token.braces == 0 and form == "SELECT":
            main = _MainOrder(index, clause_end, group_end)
        elif token.braces == 0 and form in ("CONSTRUCT", "DESCRIBE") and has_slice:
            unsafe = True
        elif token.braces > 0 and has_slice:
            unsafe = True
        else:
            drops.append(span)
    if main is None:
        return OrderPlan(_cut(sparql, drops), unsafe=unsafe)
    return _main_plan(sparql, found, form_at or 0, main, drops, unsafe)


@dataclass(frozen=True)
class _MainOrder:
    order_at: int  # token index of ORDER
    conditions_end: int  # token index after the last condition
    modifiers_end: int  # token index where the modifiers stop (VALUES or the end)


def _end_of_group(found: list[Token], index: int) -> int:
    """The token index where the solution modifiers around ``index`` stop: the ``}`` closing
    its group, a top-level ``VALUES``, or the end."""
    level = found[index].braces
    for position in range(index, len(found)):
        token = found[position]
        if token.braces < level or (token.text == "}" and token.braces == level - 1):
            return position
        if token.braces == level and token.is_word("VALUES"):
            return position
    return len(found)


def _conditions_end(found: list[Token], start: int, stop: int) -> int:
    """The token index after the last ORDER BY condition starting at ``start``."""
    position = start
    while position < stop:
        token = found[position]
        if token.is_word("LIMIT", "OFFSET"):
            break
        if token.text == "(":
            position = matching_close(found, position) + 1
            continue
        position += 1
    return position


def _conditions(sparql: str, found: list[Token], start: int, stop: int) -> tuple[Condition, ...]:
    conditions: list[Condition] = []
    position = start
    while position < stop:
        token = found[position]
        descending = token.is_word("DESC")
        if token.is_word("ASC", "DESC") and position + 1 < stop and found[position + 1].text == "(":
            close = matching_close(found, position + 1)
            inner = found[position + 2:close]
            variable = inner[0].text if len(inner) == 1 and inner[0].kind == "var" else None
            text = sparql[found[position + 1].start:found[close].end]
            conditions.append(Condition(text, variable, descending))
            position = close + 1
        elif token.kind == "var":
            conditions.append(Condition(token.text, token.text, False))
            position += 1
        else:
            call_start = position
            if token.text != "(":
                position += 1  # a function name, then its argument list
            if position >= stop or found[position].text != "(":
                raise QuerySyntaxError(f"SPARQL syntax error: cannot read the ORDER BY condition at {token.text!r}")
            close = matching_close(found, position)
            conditions.append(Condition(sparql[found[call_start].start:found[close].end], None, False))
            position = close + 1
    return tuple(conditions)


def _main_plan(sparql: str, found: list[Token], form_at: int, main: _MainOrder,
               drops: list[tuple[int, int]], unsafe: bool) -> OrderPlan:
    conditions = _conditions(sparql, found, main.order_at + 2, main.conditions_end)
    limit, offset, cut = None, 0, [(found[main.order_at].start, found[main.conditions_end - 1].end)]
    for position in range(main.conditions_end, main.modifiers_end - 1):
        token, value = found[position], found[position + 1]
        if token.is_word("LIMIT", "OFFSET") and value.kind == "number":
            if token.is_word("LIMIT"):
                limit = int(value.text)
            else:
                offset = int(value.text)
            cut.append((token.start, value.end))
    projection_start = form_at + 1
    distinct = found[projection_start].is_word("DISTINCT", "REDUCED")
    if distinct:
        projection_start += 1
    projection_end = next(i for i in range(projection_start, len(found))
                          if found[i].braces == 0 and (found[i].text == "{" or found[i].is_word("WHERE", "FROM")))
    modifiers_end = found[main.modifiers_end].start if main.modifiers_end < len(found) else len(sparql)
    everything = sorted(drops + cut)
    span = (found[projection_start].start, found[projection_end - 1].end)
    text = _cut(sparql, everything)
    return OrderPlan(text, conditions, limit, offset, distinct,
                     (_shift(span[0], everything), _shift(span[1], everything)),
                     _shift(modifiers_end, everything), unsafe)


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by one space (spans sorted, not overlapping)."""
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return text


def _shift(position: int, spans: list[tuple[int, int]]) -> int:
    """Where ``position`` lands once ``spans`` (all before or after it) are cut."""
    return position - sum(end - start - 1 for start, end in spans if end <= position)


# --- running an ordered SELECT ----------------------------------------------------------


def ordered_select(plan: OrderPlan, evaluate: Callable[[str], Any]) -> ox.QuerySolutions:
    """The solutions of the SELECT ``plan`` was made from, ordered here.

    ``evaluate`` runs a query text on the engine (with the caller's dataset and base IRI)
    and returns its results.
    """
    variables = _projected_variables(plan, evaluate)
    extras, keys = _order_keys(plan, variables)
    start, end = plan.projection
    projection = plan.text[start:end]
    if projection.strip() == "*":
        projection = " ".join(f"?{name}" for name in variables)
    text = f"{plan.text[:start]}{projection} {' '.join(extras)}{plan.text[end:]}"
    solutions = evaluate(text)
    width = len(variables)
    rows = [tuple(solution[index] for index in range(width + len(extras))) for solution in solutions]
    for index, descending in reversed(keys):
        rows.sort(key=lambda row, i=index: sparql_order_key(row[i]) if i is not None else (0,),
                  reverse=descending)
    projected = [row[:width] for row in rows]
    if plan.distinct:
        projected = list(dict.fromkeys(projected))
    stop = None if plan.limit is None else plan.offset + plan.limit
    return solutions_from_rows(variables, projected[plan.offset:stop])


def _projected_variables(plan: OrderPlan, evaluate: Callable[[str], Any]) -> list[str]:
    """The variables the query projects, from the engine (a LIMIT 0 run)."""
    at = plan.modifiers_end
    probe = f"{plan.text[:at]} LIMIT 0 {plan.text[at:]}"
    return [variable.value for variable in evaluate(probe).variables]


def _order_keys(plan: OrderPlan, variables: list[str]) -> tuple[list[str], list[tuple[int | None, bool]]]:
    """The projection items to add, and for each condition (column index, descending)."""
    extras: list[str] = []
    keys: list[tuple[int | None, bool]] = []
    star = plan.text[plan.projection[0]:plan.projection[1]].strip() == "*"
    for number, condition in enumerate(plan.conditions):
        name = condition.variable[1:] if condition.variable else None
        if name is not None and name in variables:
            keys.append((variables.index(name), condition.descending))
        elif name is not None and star:
            keys.append((None, condition.descending))  # not in scope: unbound in every row
        else:
            key = f"?{_KEY_PREFIX}{number}"
            extras.append(f"({condition.expression} AS {key})")
            keys.append((len(variables) + len(extras) - 1, condition.descending))
    return extras, keys


def solutions_from_rows(variables: list[str], rows: list[tuple[Term, ...]]) -> ox.QuerySolutions:
    """Rows of Oxigraph terms as a :class:`pyoxigraph.QuerySolutions` (through SPARQL JSON,
    so the engine's serialisers write them)."""
    bindings = [
        {name: _json_term(term) for name, term in zip(variables, row) if term is not None}
        for row in rows
    ]
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return ox.parse_query_results(json.dumps(document).encode(), format=ox.QueryResultsFormat.JSON)


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        if term.language:
            return {"type": "literal", "value": term.value, "xml:lang": term.language}
        if term.datatype.value in _STRING:
            return {"type": "literal", "value": term.value}
        return {"type": "literal", "value": term.value, "datatype": term.datatype.value}
    raise EngineDefectError("RDF-star quoted triples cannot be ordered by this service",
                            details={"term": str(term)})
