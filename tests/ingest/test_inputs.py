"""expand_inputs: what a list of user-named inputs becomes."""

from __future__ import annotations

from pathlib import Path

from supplywatch.ingest import expand_inputs


def test_folders_are_walked_in_sorted_order_without_hidden_files(tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.txt", "a/b/deep.html", "a.txt", ".hidden.txt", ".git/config",
                 "a/.cache/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")

    found = expand_inputs([str(tmp_path)])

    assert [Path(p).relative_to(tmp_path).as_posix() for p in found] == [
        "a/b/deep.html", "a/z.txt", "a.txt", "b.txt",
    ]


def test_files_urls_and_missing_paths_are_kept_in_order(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "one.txt").write_text("x", encoding="utf-8")
    single = tmp_path / ".explicit-hidden.txt"
    single.write_text("x", encoding="utf-8")
    missing = str(tmp_path / "missing.txt")

    items = ["https://news.test/a", str(single), str(folder), missing, "HTTP://news.test/b"]

    assert expand_inputs(items) == [
        "https://news.test/a", str(single), str(folder / "one.txt"), missing, "HTTP://news.test/b",
    ]


def test_empty_folder_gives_nothing(tmp_path: Path) -> None:
    assert expand_inputs([str(tmp_path)]) == []


def test_folder_walk_takes_only_files_a_source_reads(tmp_path: Path) -> None:
    for name in ("story.txt", "page.HTM", "labels.json", "README.md", "photo.jpg", "notes"):
        (tmp_path / name).write_text("x", encoding="utf-8")

    found = [Path(p).name for p in expand_inputs([str(tmp_path)])]

    assert found == ["page.HTM", "story.txt"]
    # named on its own, any file is read (and judged by its content)
    assert expand_inputs([str(tmp_path / "labels.json")]) == [str(tmp_path / "labels.json")]
    assert [Path(p).name for p in expand_inputs([str(tmp_path)], suffixes=[".json"])] == [
        "labels.json"]
