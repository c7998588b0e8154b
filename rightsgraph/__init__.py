"""rightsgraph: UN human-rights law on the online sexual exploitation of children, as sourced RDF.

The code is split by pipeline stage: ``rightsgraph.loaders`` (documents to typed facts with
spans), ``rightsgraph.graph`` (facts to RDF, store, queries, reasoning) and
``rightsgraph.api`` (HTTP and CLI). This package holds only what every stage shares.
"""

__version__ = "0.1.0"
