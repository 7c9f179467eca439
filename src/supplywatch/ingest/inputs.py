"""Expand the inputs a user names (files, folders, URLs) into the list `load` reads."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from supplywatch.ingest.fetch import is_url

if TYPE_CHECKING:
    from supplywatch.ingest.registry import SourceRegistry

PEEK_BYTES = 4096


def expand_inputs(items: list[str], suffixes: Iterable[str] | None = None,
                  registry: SourceRegistry | None = None) -> list[str]:
    """Files and URLs as given; folders replaced by their files, recursively, in sorted order.

    Inside a folder, hidden files and folders (names starting with ".") are skipped,
    and so are files whose ending no source claims (`suffixes`, by default those of
    the built-in sources): a folder of articles may also hold notes, labels or
    images. A file named on its own is always read. A path that does not exist is
    kept: `load` then reports it as a SkipInput for that one input instead of the
    whole run failing here.

    Endings a structured source claims by content (`.json`, `.csv`, `.xml`) are taken
    from a folder only when that source recognises the file's first bytes: a folder
    of articles and their `.json` labels yields the articles.
    """
    if registry is None:
        from supplywatch.ingest.registry import default_registry

        registry = default_registry()
    wanted = frozenset(s.lower() for s in suffixes) if suffixes is not None else registry.suffixes()
    sniffed = frozenset() if suffixes is not None else registry.sniffed_suffixes()
    out: list[str] = []
    for item in items:
        if not is_url(item) and Path(item).is_dir():
            for path in _walk(item):
                suffix = Path(path).suffix.lower()
                if suffix in wanted or (suffix in sniffed and _recognised(path, registry)):
                    out.append(path)
        else:
            out.append(item)
    return out


def _recognised(path: str, registry: SourceRegistry) -> bool:
    from supplywatch.ingest.raw import RawInput

    try:
        with open(path, "rb") as handle:
            head = handle.read(PEEK_BYTES)
    except OSError:
        return True  # let `load` report what is wrong with it
    return registry.recognises(RawInput(path=path, data=head))


def _walk(root: str) -> list[str]:
    found: list[tuple[tuple[str, ...], str]] = []
    base = Path(root)
    # Symlinked folders are not followed (os.walk's default), which also rules out loops.
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            path = Path(folder) / name
            if name.startswith(".") or not path.is_file():
                continue
            # Sorting on path parts keeps a folder's files together ("a/b" before "a.txt").
            found.append((path.relative_to(base).parts, str(path)))
    return [path for _, path in sorted(found)]
