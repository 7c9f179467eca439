"""A BOM or teardown product -> its facts: the brand makes the product, and each row's
supplier supplies the row's component for it. The rows state these facts directly,
so nothing is read by the extractor; each fact keeps its row's evidence type."""

from __future__ import annotations

from supplywatch.model import Document, Extraction, Fact
from supplywatch.notice import BomProduct, render_bom
from supplywatch.records.entities import EntityBook

# How sure a row is, by what established it: a teardown is seen, a BOM is the maker's
# own list, a recall notice is official, the news is second-hand.
CONFIDENCE = {"bom": 0.97, "teardown": 0.95, "recall notice": 0.93, "news": 0.8}


def bom_extraction(doc: Document, product: BomProduct) -> Extraction:
    rendered = render_bom(product)
    if rendered.text != doc.text:
        raise ValueError(f"{doc.path}: text differs from its BOM rows' rendering")
    book = EntityBook(doc.text)
    brand = book.add(product.brand, "company")
    aliases = [product.model] if product.model else []
    name = book.add(f"{product.brand} {product.product}".strip(), "product", aliases)
    head = rendered.span("product") or (0, 0)
    facts = [Fact("makes", {"company": brand, "product": name, "evidence_type": "bom",
                            "record_key": product.key},
                  rendered.text[head[0]:head[1]], head, 0.97)]
    for n, line in enumerate(product.lines):
        supplier = book.add(line.supplier, "company")
        book.add(line.component, "component")
        start, end = rendered.span(f"line[{n}]") or head
        args = {
            "supplier": supplier, "customer": brand, "component": line.component,
            "product": name, "quantity": None, "status": "active",
            "evidence_type": line.evidence_type, "source": line.source,
            "part_number": line.part_number, "date": line.date, "reference": line.reference,
            "row": line.row, "record_key": product.key,
        }
        facts.append(Fact("supplies", {k: v for k, v in args.items() if v is not None or k in
                                       ("product", "quantity")},
                          rendered.text[start:end], (start, end),
                          CONFIDENCE.get(line.evidence_type, 0.8)))
    return Extraction(document=doc, entities=book.entities(), facts=facts)
