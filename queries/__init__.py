"""The analysts' query library: every `queries/*.cypher` file, loaded and checked once."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from neo4j import Driver

from graph.errors import QueryError
from queries.library import QueryDef, load_dir, run_query

QUERY_DIR = Path(__file__).resolve().parent


@cache
def library() -> dict[str, QueryDef]:
    """All library queries by name (parsed and header-checked on first use)."""
    return load_dir(QUERY_DIR)


def get(name: str) -> QueryDef:
    try:
        return library()[name]
    except KeyError:
        valid = ", ".join(sorted(library()))
        raise QueryError(f"unknown query {name!r}; valid queries: {valid}") from None


def run(
    driver: Driver,
    name: str,
    params: dict[str, Any] | None = None,
    *,
    database: str,
    timeout_s: float | None = None,
) -> list[dict[str, Any]]:
    """Run a library query by name with checked parameters."""
    return run_query(driver, get(name), params, database=database, timeout_s=timeout_s)
