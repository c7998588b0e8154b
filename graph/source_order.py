"""The one order of a fact's sources, "authoritative first" (issue 18).

The treaty depositary's documents (UN Treaty Collection status tables and their
declarations files) come first; then letters, replies and reports by their date, earliest
first, documents of unknown date last; then by document name and start offset, so the order
is deterministic. Pages and the obligations view both sort with :func:`source_order_key`.
"""

from __future__ import annotations

import datetime as dt

from rightsgraph.loaders.facts import PartialDate

__all__ = ["DEPOSITARY_KINDS", "source_order_key"]

# Document kinds (``rg:documentKind``, see rdf_terms.document_kind_iri) the depositary publishes.
DEPOSITARY_KINDS = frozenset({"treaty_status"})


def source_order_key(*, depositary: bool, date: PartialDate | str | None, document: str, start: int,
                     end: int = 0, quote: str = "") -> tuple[int, int, dt.date, str, int, int, str]:
    """Sort key of one source. ``date`` is the document's date, a :class:`PartialDate` or its
    ISO form, possibly partial ("2021", "2021-03"): ordered by the first day it can denote.

    >>> table = source_order_key(depositary=True, date=None, document="treaties_4-11.csv", start=9)
    >>> early = source_order_key(depositary=False, date="2019", document="AL X 1/2019", start=5)
    >>> late = source_order_key(depositary=False, date="2021-03-30", document="AL CHN 3/2021", start=0)
    >>> undated = source_order_key(depositary=False, date=None, document="a.txt", start=0)
    >>> sorted([undated, late, early, table]) == [table, early, late, undated]
    True
    """
    if isinstance(date, str):
        date = PartialDate.parse(date)
    earliest = date.earliest() if date is not None else dt.date.min
    return (0 if depositary else 1, 1 if date is None else 0, earliest, document, start, end, quote)
