"""The web UI: server-rendered pages, each with a JSON twin, and their static files."""
