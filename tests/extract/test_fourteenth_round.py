"""Phrasings read in the fourteenth extraction round. All companies are invented; places
are real."""

from __future__ import annotations

import pytest


def supplies(result: dict) -> set[tuple[str, str]]:
    return {(f["supplier"], f["customer"]) for f in result["facts"] if f["type"] == "supplies"}


TEARDOWN_START = ("Inside the Pellucor Aster 6\n\n"
                  "Pellucor Mobile makes the Aster 6 phone. Pellucor sells the Aster 6 in Europe. "
                  "Pellucor said sales were strong.\n\n")


@pytest.mark.parametrize(("sentence", "maker"), [
    ("The battery pack uses cells from Xiamen-based Jiahong Power Technology, and the main "
     "camera's image sensor comes from Moriyama Imaging Ltd. of Tokyo.", "Jiahong Power Technology"),
    ("The battery pack uses cells from Xiamen-based Jiahong Power Technology, and the main "
     "camera's image sensor comes from Moriyama Imaging Ltd. of Tokyo.", "Moriyama Imaging Ltd."),
    ("The drum is turned by a brushless motor from Oberlin Antriebstechnik GmbH, a family-owned "
     "motor maker.", "Oberlin Antriebstechnik GmbH"),
], ids=["uses-parts-from", "conjoined-clause", "by-a-part-from"])
def test_a_teardown_reads_parts_from_makers_in_more_shapes(extract_text, sentence, maker):
    assert (maker, "Pellucor Mobile") in supplies(extract_text(TEARDOWN_START + sentence))


def test_a_teardown_lab_saying_it_does_not_hide_the_part_s_maker(extract_text):
    result = extract_text(
        "Inside the Norvik Pulse 7 Pro\n\n"
        "Repair firm Fixwell Labs has taken apart the Norvik Pulse 7 Pro, the flagship that "
        "Norvik Technology Co., Ltd. launched last month. Norvik sells it in China. Norvik "
        "said demand was strong. Fixwell Labs said the main sensor carries the logo of Sorami "
        "Imaging K.K.")
    assert ("Sorami Imaging K.K.", "Norvik Technology Co., Ltd.") in supplies(result)


def test_page_rubrics_and_menus_are_no_recallers(extract_text):
    result = extract_text(
        "Recalls & Product Safety Warnings\n\n"
        "| Ratings | Recalls | Risky Driving | Road Safety |\n\n"
        "Recalls & Product Safety Warnings recalls Brightwave kettles, the page said.\n\n"
        "Larchfield Home Ltd. recalled 12,000 Brightwave cordless kettles on Tuesday.")
    assert {f["company"] for f in result["facts"] if f["type"] == "recall"} == {"Larchfield Home Ltd."}

