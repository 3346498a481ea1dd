"""The analysts' floor: the query library (`queries/*.cypher`), name resolution, ad-hoc Cypher.

Stands on graph/ (the catalog runs the files); loaders/ and api/ are out of reach from here.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from graph.catalog import catalog
from graph.cypher import QueryDef, run_query


def library() -> dict[str, QueryDef]:
    """All library queries by their public name (the catalog's `library` namespace)."""
    return catalog().namespace("library")


def get(name: str) -> QueryDef:
    return catalog().get(f"library.{name}")


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
