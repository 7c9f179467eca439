"""Parts listed one to a line with their maker, as teardowns and spec sheets write a bill of
materials; the buyer is the company the document is about. All companies are invented."""

from __future__ import annotations

SPEC_SHEET = """Brodek Stroje a.s. will build the E40 excavator in Brno from next year, Brodek said.
Brodek expects to sell 600 machines in the first year, and Brodek dealers have taken orders.

According to a briefing given to dealers, the main parts come from these suppliers:

- Battery system (two 22 kWh packs): Talven Energy GmbH, Regensburg, Germany
- Main hydraulic pump: Orvik Hydraulics Oy, Tampere, Finland
- 22 kW onboard charger: Yunlan Power Co., Ltd., Suzhou, China
- Telematics unit: developed in-house by Brodek
- Power management: a KT6021 power-management IC from Marlow Microsystems Corp.
"""


def supplies(result: dict) -> set[tuple[str, str]]:
    return {(f["supplier"], f["customer"]) for f in result["facts"] if f["type"] == "supplies"}


def test_each_listed_part_s_maker_supplies_the_document_s_company(extract_text):
    found = supplies(extract_text(SPEC_SHEET))
    buyer = "Brodek Stroje a.s."
    assert {("Talven Energy GmbH", buyer), ("Orvik Hydraulics Oy", buyer),
            ("Yunlan Power Co., Ltd.", buyer), ("Marlow Microsystems Corp.", buyer)} <= found


def test_a_record_s_company_fields_are_no_parts(extract_text):
    result = extract_text("Brodek Stroje a.s. recalls excavators.\n\nManufacturer: Orvik Hydraulics "
                          "Oy\nImporter: Talven Energy GmbH\nBrodek said owners should stop using"
                          " the machines.")
    assert not supplies(result)
