"""The serve stage: the REST API, the web UI, feeds and alerts, over the query stage.

`create_app(settings)` builds the FastAPI application; `supplywatch serve` runs it
with uvicorn. API routers live in `api/` (one per resource), pages in `web/`.
"""

from supplywatch.serve.app import create_app

__all__ = ["create_app"]
