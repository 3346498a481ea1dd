# orggraph: `make demo` and `make test` are the two commands a new user needs.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ORGGRAPH := $(BIN)/orggraph

.PHONY: setup demo test lint typecheck pytest stress bench bench-quick eval neo4j-start neo4j-stop clean

# Python 3.11 from PATH (pyenv's python3 on our machines), in a venv of the project's own.
$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "need Python 3.11 ($(PY)) on PATH"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

neo4j-start: setup
	$(ORGGRAPH) db start

neo4j-stop: setup
	$(ORGGRAPH) db stop

demo: setup
	$(ORGGRAPH) demo

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy

# Two workers, each with its own Neo4j, a module whole to one worker (tests/conftest.py):
# on two cores the suite's Python and its Neo4j otherwise take turns on one core.
# TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= 2
XDIST := $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile)

pytest: setup
	$(BIN)/pytest -p no:cacheprovider --durations=10 $(XDIST) $(PYTEST_ARGS)

# Lint and types first (fast), then the suite against a real Neo4j the fixtures provision.
test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest -p no:cacheprovider --durations=10 $(XDIST) $(PYTEST_ARGS)

stress: setup
	ORGGRAPH_STRESS=1 ORGGRAPH_STRESS_EXAMPLES=10000 $(BIN)/pytest -p no:cacheprovider -m "slow or not slow" tests/ $(PYTEST_ARGS)

bench: setup
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python -m bench $(BENCH_ARGS)

bench-quick: setup
	$(BIN)/python -m bench --quick $(BENCH_ARGS)

# Drafts of the five seed texts scored against the hand-made datasets (issue 18).
eval: setup
	$(BIN)/python -m bench.drafts_eval

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
