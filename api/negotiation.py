"""Which representation a request asks for: ``?format=`` first, else the ``Accept`` header;
the result formats of /sparql; RDF or HTML for Linked Data."""

from __future__ import annotations

from fastapi import Request

from rightsgraph.errors import UsageError

__all__ = ["accepted", "negotiate_format", "rdf_format_or_html", "wants_alternative"]


def wants_alternative(request: Request, fmt: str | None, alternative: str, media_type: str) -> bool:
    """True for the ``alternative`` format (e.g. ``html``) over the default JSON:
    ``?format=`` must be ``json`` or ``alternative``; without it, ``media_type`` in ``Accept``
    decides. Any other format is a :class:`UsageError` (400)."""
    if fmt is not None:
        if fmt not in ("json", alternative):
            raise UsageError(f"format must be json or {alternative}, not {fmt!r}", details={"format": fmt})
        return fmt == alternative
    return media_type in request.headers.get("accept", "")


_SOLUTION_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
}


def negotiate_format(accept: str | None, form: str | None) -> str:
    """The result format for an ``Accept`` header and a query form (defaults when nothing fits).

    >>> negotiate_format("text/csv;q=0.5, application/sparql-results+xml", "SELECT")
    'xml'
    >>> negotiate_format("application/rdf+xml, application/n-triples;q=0.9", "CONSTRUCT")
    'rdfxml'
    >>> negotiate_format(None, "DESCRIBE")
    'turtle'
    """
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    table = _GRAPH_TYPES if graph_form else _SOLUTION_TYPES
    ranked = [(-quality, position, table[media]) for media, quality, position in accepted(accept) if media in table]
    if ranked:
        return min(ranked)[2]
    return "turtle" if graph_form else "json"


def accepted(accept: str | None) -> list[tuple[str, float, int]]:
    """``(media type, quality, position)`` of each range of an ``Accept`` header with q > 0.

    >>> accepted("text/html;q=0.9, text/turtle, */*;q=0")
    [('text/html', 0.9, 0), ('text/turtle', 1.0, 1)]
    """
    ranges = []
    for position, part in enumerate((accept or "").split(",")):
        media, *params = [piece.strip() for piece in part.split(";")]
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranges.append((media.lower(), quality, position))
    return ranges


def rdf_format_or_html(accept: str | None) -> str:
    """``html`` when ``Accept`` ranks ``text/html`` above every RDF format, else the RDF
    format name of :func:`negotiate_format` (Turtle by default).

    >>> rdf_format_or_html("text/html,application/xhtml+xml,*/*;q=0.8")
    'html'
    >>> rdf_format_or_html("application/ld+json, text/html;q=0.5")
    'jsonld'
    >>> rdf_format_or_html(None)
    'turtle'
    """
    best_rdf = max((quality for media, quality, _ in accepted(accept) if media in _GRAPH_TYPES), default=0.0)
    html = max((quality for media, quality, _ in accepted(accept) if media in ("text/html", "application/xhtml+xml")),
               default=0.0)
    if html > best_rdf:
        return "html"
    return negotiate_format(accept, "CONSTRUCT")
