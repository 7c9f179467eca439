"""The exposure report, `/exposure?name=` (JSON twin `/exposure.json`, spreadsheet
`/exposure.csv`): a tree from the supplier through customers to products and recalls."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from supplywatch.query import UnknownName, exposure
from supplywatch.query.exposure import ExposureReport
from supplywatch.serve.deps import StoreDep
from supplywatch.serve.errors import ApiError
from supplywatch.serve.web.access import PageReader
from supplywatch.serve.web.exposure_view import TreeNode, exposure_csv, exposure_tree
from supplywatch.serve.web.render import page, secure
from supplywatch.store import Store

router = APIRouter(dependencies=[PageReader], include_in_schema=False)

Name = Annotated[str | None, Query(max_length=200, description="A supplier's name or alias.")]


@dataclass(frozen=True, slots=True)
class ExposurePage:
    name: str | None
    tree: TreeNode | None
    report: ExposureReport | None  # the full report (query/exposure.py), evidence and all
    message: str | None = None  # why there is no report
    suggestions: tuple[str, ...] = ()


def exposure_page(store: Store, name: str | None) -> tuple[ExposurePage, int]:
    name = (name or "").strip() or None
    if name is None:
        return ExposurePage(None, None, None), 200
    try:
        report = exposure(store, name)
    except UnknownName as exc:
        return ExposurePage(name, None, None, str(exc), tuple(exc.suggestions)), 404
    return ExposurePage(name, exposure_tree(report), report), 200


@router.get("/exposure")
@router.get("/exposure.json")
def exposure_report(request: Request, store: StoreDep, name: Name = None) -> Response:
    context, status = exposure_page(store, name)
    return page(request, "exposure.html", context, status=status)


@router.get("/exposure.csv")
def exposure_export(request: Request, store: StoreDep, name: Name = None) -> Response:
    if not (name or "").strip():
        raise ApiError(400, "name is required: /exposure.csv?name=SUPPLIER")
    context, _ = exposure_page(store, name)
    if context.tree is None:
        raise ApiError(404, context.message or f"no entity called {name!r}")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", context.tree.name).strip("-").lower() or "supplier"
    response = Response(exposure_csv(context.tree), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition":
                                 f'attachment; filename="exposure-{slug}.csv"'})
    return secure(request, response)
