"""The recall check: is this product recalled? The check contract (supplywatch.check/1),
exactly as `supplywatch check QUERY --json` prints it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Security

from supplywatch.query import check as run_check
from supplywatch.serve.api.params import MAX_QUERY_CHARS, NO_NUL
from supplywatch.serve.auth import bearer_scheme
from supplywatch.serve.deps import Reader, StoreDep
from supplywatch.serve.models import CheckResult

router = APIRouter(tags=["check"], dependencies=[Security(bearer_scheme)])


@router.get("/check", response_model=CheckResult, summary="Is this product recalled?")
def check(
    store: StoreDep, _: Reader,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, pattern=NO_NUL,
                            description="A model number, UPC/GTIN, product name or vehicle "
                            "(\"2013 Acura ILX\").")],
) -> CheckResult:
    """`status` is `recalled` (a confident match), `possible` (only weaker ones) or
    `no_record`: no recall known to this database, which is never a statement that the
    product is safe; `database` says how much the database holds and how fresh it is."""
    return CheckResult.model_validate(run_check(store, q).to_dict())
