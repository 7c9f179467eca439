"""Plain-text pages unlike the seed: other outlets, headings, furniture and header blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from supplywatch.ingest import load, parse_furniture
from supplywatch.settings import Settings

PARA = (
    "The regulator said on Thursday that the recalled chargers could overheat when left "
    "plugged in overnight, and asked owners to stop using them at once."
)


def write(tmp_path: Path, text: str, name: str = "page.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_other_outlet_teasers_are_split_out(fixtures: Path, settings: Settings) -> None:
    path = str(fixtures / "teaser-page.txt")
    main, *teasers = load(path, settings)

    assert main.title == "Brightpath Scooters signs cell deal with Voltmere after battery fires"
    assert main.text.endswith("raise Brightpath's costs by about 4 per cent per scooter.")
    assert [t.title for t in teasers] == [
        "Port of Kestrel expands container terminal to handle larger ships",
        "Fishing fleet owners call for fuel subsidy as prices climb",
    ]
    assert [t.source for t in teasers] == ["The Harbour Ledger", "The Harbour Ledger"]
    assert [t.path for t in teasers] == [f"{path}#2", f"{path}#3"]
    assert all(t.kind == "teaser" and t.parent_path == path for t in teasers)
    assert teasers[1].text.endswith("but made no promises.")  # "Load more" is not teaser text


def test_other_outlet_page_furniture_is_dropped(fixtures: Path, settings: Settings) -> None:
    main = load(str(fixtures / "teaser-page.txt"), settings)[0]

    # The story goes on after the mid-article link and the ad.
    assert "stopped buying from that supplier in March." in main.text
    for junk in ("Share this article", "Read also", "Advertisement", "Subscribe", "newsletter",
                 "Join the conversation", "comments", "Great news for riders", "You might also like",
                 "Harbour Ledger", "Port of Kestrel"):
        assert junk not in main.text


def test_more_from_heading_names_the_teasers_outlet(tmp_path: Path, settings: Settings) -> None:
    page = "\n".join([
        "Regulator orders charger recall", PARA, "", "More from The Coastal Courier", "",
        "5 hours ago", "Ferry operator adds night sailings to the islands",
        "The operator said the extra sailings would run from June until the end of September, "
        "when demand from tourists is highest.", "",
        "Harbour cranes to be replaced after storm damage",
        "Two of the harbour's four cranes were damaged beyond repair in last week's storm and "
        "will be replaced by the end of the year, the port authority said.",
    ])
    main, first, second = load(write(tmp_path, page), settings)

    assert main.text == f"Regulator orders charger recall\n{PARA}"
    assert first.title == "Ferry operator adds night sailings to the islands"
    # A block without meta lines after a recognised block is a teaser too.
    assert second.title == "Harbour cranes to be replaced after storm damage"
    assert first.source == second.source == "The Coastal Courier"


def test_read_also_heading_mid_story_keeps_the_rest(tmp_path: Path, settings: Settings) -> None:
    after = ("Owners can return the chargers to any shop that sold them for a full refund, "
             "the regulator added in its statement.")
    page = "\n".join(["Regulator orders charger recall", PARA, "Read also",
                      "Charger makers face tougher tests", after])
    docs = load(write(tmp_path, page), settings)

    assert len(docs) == 1
    assert docs[0].text == f"Regulator orders charger recall\n{PARA}\n{after}"


def test_header_block_sets_metadata_and_leaves_the_text(fixtures: Path, settings: Settings) -> None:
    (doc,) = load(str(fixtures / "header-page.txt"), settings)

    assert doc.title == "Voltmere Energy opens cell plant in Tampere"
    assert doc.source == "Nordic Battery Review"
    assert doc.published == "2023-05-17"
    assert doc.url == "https://news.example.org/voltmere-tampere-plant"
    # Title once, then the story; header, breadcrumb, repeated title, cookies, credits gone.
    assert doc.text.startswith(
        "Voltmere Energy opens cell plant in Tampere\nVoltmere Energy opened its first"
    )
    assert doc.text.count("opens cell plant") == 1
    for junk in ("Source:", "URL:", "example.org", "Home /", "cookie", "Photo:", "Follow us"):
        assert junk not in doc.text
    assert "VX-21 | 5 Ah | Kestrel Tools" in doc.text  # table rows are kept as they were


@pytest.mark.parametrize(
    ("line", "source", "published"),
    [
        ("Source: Daily Planet", "Daily Planet", None),
        ("Source: Daily Planet (via Wire), 12 October 2021", "Daily Planet (via Wire)", "2021-10-12"),
        ("Source: Smith, Jones and Partners", "Smith, Jones and Partners", None),
    ],
)
def test_source_line_splits_name_and_date(
    tmp_path: Path, settings: Settings, line: str, source: str, published: str | None
) -> None:
    (doc,) = load(write(tmp_path, f"A title\n{line}\n\n{PARA}"), settings)

    assert (doc.source, doc.published) == (source, published)
    assert doc.text == f"A title\n{PARA}"


def test_crlf_page_gives_the_same_document(tmp_path: Path, settings: Settings) -> None:
    text = f"A title\nSource: Daily Planet\n\n{PARA}\nShare\n"
    unix = load(write(tmp_path, text, "unix.txt"), settings)[0]
    dos = load(write(tmp_path, text.replace("\n", "\r\n"), "dos.txt"), settings)[0]

    assert dos.text == unix.text and dos.id == unix.id


def test_furniture_file_errors_name_the_line() -> None:
    with pytest.raises(ValueError, match="line 2: bad regular expression"):
        parse_furniture("[drop]\n^(unclosed\n")
    with pytest.raises(ValueError, match="line 1: unknown section"):
        parse_furniture("[sidebar]\n")
    with pytest.raises(ValueError, match="needs a"):
        parse_furniture("[byline]\n^- (.+)$\n")


def test_one_line_teasers_after_a_related_heading_are_split_out(tmp_path: Path, settings: Settings) -> None:
    page = "\n".join([
        "Regulator orders charger recall", PARA, "", "Related:",
        "Harlan Group buys scooter brand Zippa - The Danish group takes full control of the "
        "Aarhus-based brand.",
        "Coastline Cycles picks Mirado motors for its cargo bikes - The Dutch brand signs a "
        "three-year deal with the drive unit maker.",
        "", "Sign up for our newsletter",
    ])
    main, first, second = load(write(tmp_path, page), settings)

    assert main.text == f"Regulator orders charger recall\n{PARA}"
    assert first.title == "Harlan Group buys scooter brand Zippa"
    assert first.text.endswith("takes full control of the Aarhus-based brand.")
    assert second.title == "Coastline Cycles picks Mirado motors for its cargo bikes"


def test_a_dash_in_the_story_after_a_read_also_link_is_no_teaser(tmp_path: Path, settings: Settings) -> None:
    after = ("Owners of the chargers - about 4,000 of them, the regulator said - can return them "
             "to any shop that sold them for a full refund.")
    more = ("The regulator added that it had received no reports of injuries so far, and that "
            "the maker had cooperated fully with its investigation.")
    page = "\n".join(["Regulator orders charger recall", PARA, "Read also",
                      "Charger makers face tougher tests", after, more])
    docs = load(write(tmp_path, page), settings)

    assert len(docs) == 1
    assert docs[0].text.endswith(f"{after}\n{more}")


def test_one_line_teasers_with_a_lower_case_summary_are_split_out(tmp_path: Path, settings: Settings) -> None:
    page = "\n".join([
        "Heat pump maker adds a second compressor supplier", PARA, "", "Related stories:",
        "Kalvo Thermal recalls 3,000 outdoor units - the Finnish maker found a faulty fan "
        "motor from Liangshan Motors.",
        "Installers face a skills gap, says trade body - training places fall short by 10,000 "
        "a year.",
    ])
    main, *teasers = load(write(tmp_path, page), settings)

    assert main.text == f"Heat pump maker adds a second compressor supplier\n{PARA}"
    assert [t.title for t in teasers] == ["Kalvo Thermal recalls 3,000 outdoor units",
                                          "Installers face a skills gap, says trade body"]


def test_labelled_links_after_a_one_line_teaser_leave_the_story(tmp_path: Path, settings: Settings) -> None:
    # a "Read also" list whose entries carry their section's label; only the first has a summary
    page = "\n".join([
        "Ferraguti closes its purchase of a German valve maker", PARA, "Read also:",
        "Hydraulics: Mardell Controls recalls 3,000 relief valves - Mardell says a spring from "
        "supplier Oxbury Wire can fracture.",
        "Machine building: Vesterholm to buy a 30% stake in Spanish press maker Talleres Urdaneta "
        "after two years of talks.",
        "(c) 2025 FPM Media GmbH. All rights reserved.",
    ])
    main, *teasers = load(write(tmp_path, page), settings)

    assert "Vesterholm" not in main.text and "Mardell" not in main.text
    assert main.text.startswith(f"Ferraguti closes its purchase of a German valve maker\n{PARA}")
    assert [t.title for t in teasers] == ["Hydraulics: Mardell Controls recalls 3,000 relief valves"]


def test_an_aside_set_off_by_dashes_after_a_related_link_stays_in_the_story(
        tmp_path: Path, settings: Settings) -> None:
    aside = ("Owners of the recalled chargers - about 4,000 of them, the regulator said - can "
             "return them to any shop for a refund.")
    page = "\n".join(["Regulator orders charger recall", PARA, "Related:", aside])
    docs = load(write(tmp_path, page), settings)

    assert len(docs) == 1 and docs[0].text.endswith(aside)


def test_related_headline_and_summary_pairs_without_meta_are_split_out(
        tmp_path: Path, settings: Settings) -> None:
    # a regulator's "Related Recalls" box: headline, one-sentence summary, no time stamps
    page = "\n".join([
        "Harlan Recalls Power Banks", PARA, "", "Related Recalls",
        "Brisko Outdoor Recalls Camp Lanterns Due to Burn Hazard",
        "Brisko Outdoor Co. is recalling about 52,000 lanterns made by Tarvel Lighting after "
        "reports of overheating batteries.",
        "Lindvale Kids Recalls Light-Up Sneakers Due to Ingestion Hazard",
        "About 18,000 pairs of Lindvale sneakers are affected.",
    ])
    main, *teasers = load(write(tmp_path, page), settings)

    assert main.text == f"Harlan Recalls Power Banks\n{PARA}"
    assert teasers and teasers[0].title.startswith("Brisko Outdoor Recalls")
    assert not any("Tarvel" in d.text or "Lindvale" in d.text for d in [main])


def test_bulleted_and_cut_one_line_teasers_are_split_out(tmp_path: Path, settings: Settings) -> None:
    page = "\n".join([
        "Teardown: inside the Korrin K2 battery", PARA, "", "Related teardowns",
        "- Inside the Holvik PS-2000 power station: Tarumo cells and a surprise fuse - We found "
        "cells from Tarumo Battery Works inside Holvik's flagship.",
        "Review: the Ostra Ring 3 is the comfiest ring we've worn - but that subscription...",
        "Pennwick posts record quarter on chip demand - Pennwick shipped 60 million chips to "
        "Danish hearing-aid maker Orlund Audio.",
    ])
    main, *teasers = load(write(tmp_path, page), settings)

    assert main.text == f"Teardown: inside the Korrin K2 battery\n{PARA}"
    assert [t.title for t in teasers] == [
        "Inside the Holvik PS-2000 power station: Tarumo cells and a surprise fuse",
        "Pennwick posts record quarter on chip demand"]


def test_a_row_of_share_buttons_is_dropped_and_a_sentence_naming_them_stays(
        tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path, "Halden Motors drops its caliper supplier\n\nShare  Tweet  Email  Save\n\n"
                 "Facebook | LinkedIn | Print\n\n" + PARA
                 + "\n\nShare this story by email and save it for later.\n")
    text = load(path, settings)[0].text
    assert "Tweet" not in text and "LinkedIn" not in text
    assert PARA in text
    assert "Share this story by email and save it for later." in text


def test_a_comment_count_under_the_byline_does_not_end_the_story(
        tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path, "Ostrel recalls 80,000 kettles over a faulty thermostat\n\n"
                 "If you bought one last year, stop using it now\n\nby Ana Pereira\n"
                 "Aug 12, 2025, 3:45 PM EDT\n31 Comments\n\n" + PARA + "\n\n" + PARA
                 + "\n\nComments\n\nGreat article, thanks!\n")
    text = load(path, settings)[0].text
    assert PARA in text
    # a "Comments" heading after the story still ends it
    assert "Great article" not in text
