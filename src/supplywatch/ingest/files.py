"""Read a local file into a RawInput without ever reading more than the size limit."""

from __future__ import annotations

import stat
from pathlib import Path

from supplywatch.errors import SkipInput, TooLarge
from supplywatch.ingest.raw import RawInput, human_size


def too_large(source: str, size: int, limit: int, *, at_least: bool = False) -> TooLarge:
    amount = f"at least {human_size(size)}" if at_least else human_size(size)
    return TooLarge(
        source,
        f"{amount} is over the {human_size(limit)} limit; split it into smaller files, "
        "or raise the limit with SUPPLYWATCH_MAX_INPUT_BYTES",
    )


def read_file(path: str, max_bytes: int) -> RawInput:
    """The file's bytes; SkipInput (or TooLarge) when it cannot or should not be read."""
    target = Path(path)
    try:
        info = target.stat()
    except FileNotFoundError:
        raise SkipInput(path, "no such file or directory; check the path") from None
    except PermissionError:
        raise SkipInput(path, "permission denied; check the file's permissions") from None
    except OSError as exc:
        raise SkipInput(path, f"cannot be read ({exc.strerror}); check the path") from None
    if stat.S_ISDIR(info.st_mode):
        raise SkipInput(path, "is a directory; pass it through expand_inputs to read its files")
    # Checked before opening so that an oversized file is never read at all.
    if info.st_size > max_bytes:
        raise too_large(path, info.st_size, max_bytes)
    try:
        with target.open("rb") as handle:
            # One byte over the limit tells a file that grew (or a device) from one that fits.
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise SkipInput(path, "permission denied; check the file's permissions") from None
    except OSError as exc:
        raise SkipInput(path, f"cannot be read ({exc.strerror}); check the path") from None
    if len(data) > max_bytes:
        raise too_large(path, len(data), max_bytes, at_least=True)
    return RawInput(path=path, data=data)
