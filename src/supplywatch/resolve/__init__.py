"""resolve: names in one document -> canonical entities across documents.

Resolution is separate from extraction and storage: it takes an `Extraction` and a
lookup of entities already known (alias key -> canonical entities), and says where
every name goes and why. It never writes anything.
"""

from supplywatch.resolve.resolver import AliasLookup, resolve

__all__ = ["AliasLookup", "resolve"]
