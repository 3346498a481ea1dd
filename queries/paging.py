"""Paged library queries: the answers that can run long (who represents at a body, who takes
part in it) come a page at a time.

A paged query declares `limit: int(1..MAX_LIMIT)?` and `offset: int(0..MAX_OFFSET)?` and
returns `total` on every row: it orders the whole answer stably, counts it, and builds and
sends only the page's rows, so Python decodes at most `limit` rows. A page past the end has no
row to carry `total`; `page_of` then asks the query once more for one row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from neo4j import Driver

import queries

LIMIT = "limit"
OFFSET = "offset"
TOTAL = "total"
DEFAULT_LIMIT = 50  # the queries' own `coalesce($limit, 50)`
MAX_LIMIT = 500
MAX_OFFSET = 100_000


@dataclass(frozen=True)
class Page:
    """Rows `offset` .. `offset + len(rows) - 1` of an answer of `total` rows (without the
    `total` column the query repeats on each)."""

    rows: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


def is_paged(name: str) -> bool:
    """True for a library query that takes `limit` and `offset` and returns `total`."""
    q = queries.get(name)
    returns = {part.split(":", 1)[0].strip() for part in q.returns.split(",")}
    return {LIMIT, OFFSET} <= set(q.param_names) and TOTAL in returns


def page_of(
    driver: Driver,
    name: str,
    params: dict[str, Any],
    rows: list[dict[str, Any]],
    *,
    database: str,
    timeout_s: float | None = None,
) -> Page:
    """The rows a paged query `name` answered to `params`, as a Page."""
    bound = queries.get(name).bind(params)
    limit = bound[LIMIT] if bound[LIMIT] is not None else DEFAULT_LIMIT
    offset = bound[OFFSET] or 0
    if rows:
        total = int(rows[0][TOTAL])
    elif offset > 0:  # past the end: how long is the answer?
        first = queries.run(
            driver,
            name,
            {**params, LIMIT: 1, OFFSET: 0},
            database=database,
            timeout_s=timeout_s,
        )
        total = int(first[0][TOTAL]) if first else 0
    else:
        total = 0
    return Page([{k: v for k, v in r.items() if k != TOTAL} for r in rows], total, limit, offset)


def describe(page: Page) -> str:
    """'rows 51-100 of 134; the next page starts at offset 100', for a person reading it."""
    if not page.rows:
        return f"no rows at offset {page.offset}: the answer has {page.total}"
    last = page.offset + len(page.rows)
    text = f"rows {page.offset + 1}-{last} of {page.total}"
    if last < page.total:
        text += f"; the next page starts at offset {last} (limit {page.limit})"
    return text
