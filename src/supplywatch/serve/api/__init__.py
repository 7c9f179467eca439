"""API routers, one module per resource; each has a `router` mounted under /api."""
