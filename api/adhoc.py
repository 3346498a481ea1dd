"""Ad-hoc read-only Cypher run within every bound the settings give (ORGGRAPH_CYPHER_*),
the same way for `POST /cypher` and `orggraph cypher`. No FastAPI here: the CLI imports it."""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from graph.settings import Settings
from queries.adhoc import AdhocResult, run_readonly


def run_adhoc(
    driver: Driver, settings: Settings, text: str, params: dict[str, Any] | None = None
) -> AdhocResult:
    """`queries.adhoc.run_readonly` bounded by `settings`: time, rows, length, nesting and
    response size."""
    return run_readonly(
        driver,
        text,
        database=settings.neo4j_database,
        timeout_s=settings.cypher_timeout_s,
        row_limit=settings.cypher_row_limit,
        params=params,
        max_chars=settings.cypher_max_chars,
        max_nesting=settings.cypher_max_nesting,
        max_response_bytes=settings.cypher_max_response_bytes,
    )
