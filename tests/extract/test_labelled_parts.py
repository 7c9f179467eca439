"""Parts listed one to a line with their maker, as teardowns and spec sheets write a bill of
materials; the buyer is the company the document is about. All companies are invented."""

from __future__ import annotations

import pytest

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
    # the fields say who made and who imported the machines, not parts bought by Brodek
    assert supplies(result) == {("Orvik Hydraulics Oy", "Talven Energy GmbH")}


NOTICE = (
    "Hearthline Space Heaters Recalled Due to Fire Hazard\n\n"
    "Name of Product: Hearthline ceramic space heaters\n"
    "Hazard: The heaters can overheat, posing a fire hazard.\n"
    "Units: About 118,000\n"
    "{fields}\n"
    "Manufactured In: China\n"
)


@pytest.mark.parametrize("fields", [
    "Importer(s): Hearthline Home Products LLC, of Columbus, Ohio, a subsidiary of Tallis Group\n"
    "Manufacturer(s): Foshan Kaiwen Electric Appliance Co., Ltd., of Foshan, China",
    "Manufacturer: Foshan Kaiwen Electric Appliance Co., Ltd., Foshan, China\n"
    "Distributor: Hearthline Home Products LLC, Columbus, Ohio",
])
def test_a_notice_s_manufacturer_supplies_its_importer(extract_text, fields):
    result = extract_text(NOTICE.format(fields=fields))
    found = {(f["supplier"], f["customer"]) for f in result["facts"] if f["type"] == "supplies"}
    assert found == {("Foshan Kaiwen Electric Appliance Co., Ltd.", "Hearthline Home Products LLC")}


def test_a_notice_with_only_a_manufacturer_names_no_buyer(extract_text):
    result = extract_text(NOTICE.format(
        fields="Manufacturer(s): Foshan Kaiwen Electric Appliance Co., Ltd., of Foshan, China"))
    assert not [f for f in result["facts"] if f["type"] == "supplies"]
