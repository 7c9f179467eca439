"""HTML pages through trafilatura: main text and metadata, boilerplate gone."""

from __future__ import annotations

from pathlib import Path

import pytest

from supplywatch.errors import MalformedInput
from supplywatch.ingest import load
from supplywatch.settings import Settings


def test_html_page_gives_clean_story_and_metadata(fixtures: Path, settings: Settings) -> None:
    path = str(fixtures / "widget-deal.html")
    (doc,) = load(path, settings)

    assert doc.path == path and doc.kind == "article"
    assert doc.title == "Widgetco to buy cell maker Cellmax"
    assert doc.source == "The Daily Gear"
    assert doc.published == "2024-03-05"
    assert doc.text.startswith("Widgetco to buy cell maker Cellmax\nElectric bike maker Widgetco")
    assert "including Zoomr and Glidecraft" in doc.text
    assert "subject to approval by competition regulators" in doc.text
    for junk in ("cookies", "Reviews", "reader comment", "Ten e-bikes", "Copyright",
                 "Privacy policy", "<p>", "Subscribe"):
        assert junk not in doc.text


def test_html_tables_keep_one_row_per_line(fixtures: Path, settings: Settings) -> None:
    (doc,) = load(str(fixtures / "widget-deal.html"), settings)
    lines = doc.text.split("\n")

    z1 = next(line for line in lines if "Widgetco Z1" in line)
    assert "40" in z1 and "52" not in z1


def test_html_declared_charset_is_honoured(tmp_path: Path, settings: Settings) -> None:
    body = ("<p>Le fabricant Électrovolt a rappelé ses batteries après des départs de feu "
            "signalés par des clients en France et en Belgique, a indiqué la société.</p>") * 3
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
            f"<title>Rappel de batteries</title></head><body><article><h1>Rappel de batteries</h1>"
            f"{body}</article></body></html>")
    path = tmp_path / "latin1.html"
    path.write_bytes(page.encode("latin-1"))
    (doc,) = load(str(path), settings)

    assert "Électrovolt a rappelé" in doc.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>x</title></head><body><script>render()</script></body></html>",
        "<!DOCTYPE html><html><body><div></div></body></html>",
    ],
)
def test_html_without_text_is_malformed(tmp_path: Path, settings: Settings, page: str) -> None:
    path = tmp_path / "empty-shell.html"
    path.write_text(page, encoding="utf-8")

    with pytest.raises(MalformedInput) as info:
        load(str(path), settings)
    assert info.value.source == str(path)
    assert str(info.value).startswith(f"{path}: no article text could be extracted")
    assert ".txt" in info.value.message  # says what to do


def test_format_override_reads_html_as_text(fixtures: Path, settings: Settings) -> None:
    (doc,) = load(str(fixtures / "widget-deal.html"), settings, format="text")

    assert doc.title == "<!DOCTYPE html>"
    assert "<p>Cellmax supplies cells" in doc.text
