"""Query and path parameters shared by the routers, with the bounds the database needs."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

# PostgreSQL refuses NUL characters in text; refuse them up front (422), not as a 503.
NO_NUL = r"^[^\x00]*$"
MAX_QUERY_CHARS = 200
# Ids are 32-bit integers in the database: a larger number can name nothing.
MAX_ID = 2**31 - 1

EntityId = Annotated[int, Path(ge=1, le=MAX_ID, description="The entity's id.")]
DocumentId = Annotated[str, Path(max_length=64, pattern=NO_NUL,
                                 description="The document's id (sha256 of its text).")]
