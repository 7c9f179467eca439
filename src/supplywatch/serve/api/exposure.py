"""Exposure: everything downstream of a supplier (`supplywatch exposure NAME --json`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Security

from supplywatch.query import exposure as run_exposure
from supplywatch.serve.api.params import MAX_QUERY_CHARS, NO_NUL
from supplywatch.serve.auth import bearer_scheme
from supplywatch.serve.deps import Reader, StoreDep
from supplywatch.serve.models import ExposureReport
from supplywatch.store import DEFAULT_MAX_DEPTH

router = APIRouter(tags=["exposure"], dependencies=[Security(bearer_scheme)])

MAX_DEPTH = 10


@router.get("/exposure", response_model=ExposureReport, summary="Exposure report for a supplier")
def exposure(
    store: StoreDep, _: Reader,
    name: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, pattern=NO_NUL,
                               description="The supplier's name or any of its aliases.")],
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Supply tiers and ownership "
                                "levels to follow.")] = DEFAULT_MAX_DEPTH,
) -> ExposureReport:
    """The supplier, its subsidiaries, every customer downstream (tier, relation status),
    their products and the recalls touching them (units per notice, never summed), each
    link with its evidence sentence and source. An unknown name gets 404 with the closest
    names the database knows."""
    return ExposureReport.model_validate(run_exposure(store, name, max_depth=depth).to_dict())
