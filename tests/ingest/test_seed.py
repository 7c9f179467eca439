"""The seed page: one main story and three related-article teasers, furniture gone."""

from __future__ import annotations

from pathlib import Path

from supplywatch.ingest import load
from supplywatch.settings import Settings

MAIN_TITLE = "Anker partners with Apple battery supplier ATL after massive power bank recall"
TEASER_TITLES = [
    "From Cambridge to Suzhou: a Chinese AI start-up's journey to unicorn status",
    "Alibaba unveils new AI model for image creation, as open-source approach gains recognition",
    "Central banks rush to gold as fears of US dollar crisis mount",
]
SCMP = "South China Morning Post"


def test_seed_is_four_documents_in_page_order(seed_path: str, settings: Settings) -> None:
    docs = load(seed_path, settings)

    assert [d.path for d in docs] == [seed_path, f"{seed_path}#2", f"{seed_path}#3", f"{seed_path}#4"]
    assert [d.kind for d in docs] == ["article", "teaser", "teaser", "teaser"]
    assert [d.title for d in docs] == [MAIN_TITLE, *TEASER_TITLES]
    assert [d.parent_path for d in docs] == [None, seed_path, seed_path, seed_path]
    assert [d.source for d in docs[1:]] == [SCMP, SCMP, SCMP]


def test_seed_main_story_is_clean(seed_path: str, settings: Settings) -> None:
    main = load(seed_path, settings)[0]

    assert main.text.startswith(MAIN_TITLE + "\nChinese charging peripherals maker Anker")
    assert main.text.endswith("according to previous Chongdiantiou teardown reports.")
    for furniture in ("Try Our AI Features", "Daily8", "Comments", "No comments", "Related Articles",
                      "minutes ago", SCMP):
        assert furniture not in main.text
    # Paragraphs are kept whole, one per line, in page order.
    assert len(main.text.split("\n")) == 7


def test_seed_main_story_holds_no_teaser_sentence(seed_path: str, settings: Settings) -> None:
    main, *teasers = load(seed_path, settings)

    for teaser in teasers:
        for line in teaser.text.split("\n"):
            assert line not in main.text
    assert "Qwen" not in main.text and "Yu Kai" not in main.text and "bullion" not in main.text


def test_seed_teasers_are_headline_then_paragraph(seed_path: str, settings: Settings) -> None:
    teasers = load(seed_path, settings)[1:]

    for teaser, title in zip(teasers, TEASER_TITLES, strict=True):
        headline, paragraph = teaser.text.split("\n")
        assert headline == title
        assert len(paragraph) > 500
        assert "ago" not in headline and not paragraph.startswith("-")
    assert teasers[0].text.endswith("according to Yu.")
    assert teasers[2].text.endswith("when the heat is on in financial markets.")


def test_seed_text_lines_are_verbatim_input_lines(seed_path: str, settings: Settings) -> None:
    # Offsets later stages compute must point into text the page really had: no re-wrapping.
    source_lines = set(Path(seed_path).read_text(encoding="utf-8").split("\n"))
    for doc in load(seed_path, settings):
        for line in doc.text.split("\n"):
            assert line in source_lines
