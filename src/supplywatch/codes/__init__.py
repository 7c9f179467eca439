"""Identifiers printed on products and in recall notices, normalised one way for every stage.

Ingest normalises what a record states, the store indexes it, and `check` normalises
the user's query with the same functions, so the two meet by exact comparison:

- `models`: model numbers ("A1681", "a-1681", "Model No: 616"), on token boundaries;
- `gtin`: UPC-A, UPC-E, EAN-8, EAN-13 and GTIN-14, compared as GTIN-14 with check digits;
- `vehicles`: model years and make/model keys ("CR-V" = "CRV");
- `units`: unit counts as notices write them ("About 4.1 million");
- `urls`: notice URLs compared without scheme, "www." or trailing slash.

Plain functions, no I/O: every stage may import this package.
"""
