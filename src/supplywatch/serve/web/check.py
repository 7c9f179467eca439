"""The recall check, `/check?q=` (JSON twin `/check.json`): one search box for a model
number, UPC, vehicle or product name; `no_record` comes with its caveat."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from supplywatch.query import NO_RECORD_CAVEAT, CheckResult, check
from supplywatch.serve.deps import StoreDep
from supplywatch.serve.web.access import PageReader
from supplywatch.serve.web.render import page
from supplywatch.store import Store

router = APIRouter(dependencies=[PageReader], include_in_schema=False)


@dataclass(frozen=True, slots=True)
class CheckPage:
    q: str | None
    result: CheckResult | None
    caveat: str | None  # shown when there is no record: not a statement of safety
    documents: dict[str, str]  # a statement's fact id -> the document it was read from


def check_page(store: Store, q: str | None) -> CheckPage:
    q = (q or "").strip() or None
    if q is None:
        return CheckPage(None, None, None, {})
    result = check(store, q)
    # A recall only the news states has its statement's id for recall_id: link it too.
    fact_ids = {s.fact_id for m in result.matches for s in m.sources}
    fact_ids |= {m.recall_id for m in result.matches if not m.sources}
    documents = {fid: f.document.id for fid, f in store.facts_by_ids(fact_ids).items()}
    return CheckPage(q, result, NO_RECORD_CAVEAT if result.status == "no_record" else None,
                     documents)


@router.get("/check")
@router.get("/check.json")
def recall_check(request: Request, store: StoreDep,
                 q: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    return page(request, "check.html", check_page(store, q))
