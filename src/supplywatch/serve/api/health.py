"""GET /api/health: is the server up, which version, and can it reach its database."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from supplywatch import __version__
from supplywatch.serve.deps import StoreDep

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    version: str
    database: str
    counts: dict[str, int]


@router.get("/health", response_model=Health, summary="Server and database status")
def health(store: StoreDep) -> Health:
    """Always open (no token), so load balancers and monitors can call it."""
    return Health(status="ok", version=__version__, database=store.dialect, counts=store.counts())
