"""Model numbers for the query stage: the shared code lives in `supplywatch.codes.models`
(ingest and store normalise model numbers the same way)."""

from __future__ import annotations

from supplywatch.codes.models import (
    MIN_LENGTH,
    ModelCode,
    digit_fragments,
    is_model_code,
    model_codes,
    normalise_code,
)

__all__ = ["MIN_LENGTH", "ModelCode", "digit_fragments", "is_model_code", "model_codes",
           "normalise_code"]
