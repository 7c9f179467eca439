"""One error hierarchy. Messages say what was wrong and what to do about it.

`SkipInput` errors cost one input (a file, a URL) and the batch goes on;
every other `SupplywatchError` aborts the run.
"""

from __future__ import annotations


class SupplywatchError(Exception):
    """Base of every error supplywatch raises on purpose."""


class SkipInput(SupplywatchError):
    """This input cannot be used; the rest of the batch goes on."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


class EmptyInput(SkipInput):
    pass


class BinaryInput(SkipInput):
    pass


class EncodingError(SkipInput):
    pass


class TooLarge(SkipInput):
    pass


class MalformedInput(SkipInput):
    pass


class FetchError(SkipInput):
    pass


class ModelNotInstalled(SupplywatchError):
    pass


class DatabaseError(SupplywatchError):
    pass


class ConfigError(SupplywatchError):
    """A setting has a value supplywatch cannot use."""


class NotFound(SupplywatchError):
    pass
