"""One plan per library query, whatever the caller gives: Neo4j keys its plan cache by the query
text and the types of its parameters (a missing optional one is a null, a type of its own), so
a query sent with `$as_of` once given and once not was planned twice, at 1-3 CPU-s each
(chain_of_command, measured). graph.cypher sends every parameter inside one map (`$args`);
Neo4j's own count of cached plans (db.clearQueryCaches) shows the one plan serving them all."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from neo4j import Driver

import queries
from tests.support import DATABASE


def _cached_plans_cleared(driver: Driver) -> int:
    """Empty the query caches; how many entries they held (Neo4j's message says)."""
    records, _, _ = driver.execute_query("CALL db.clearQueryCaches()", database_=DATABASE)
    message = str(records[0][0])
    if "already empty" in message:
        return 0
    found = re.search(r"(\d+)", message)
    assert found, message
    return int(found.group(1))


def test_every_combination_of_optional_parameters_shares_one_plan(seeded: Driver) -> None:
    combos: list[dict[str, Any]] = [
        {"id": "lokeren-korpschef"},
        {"id": "lokeren-korpschef", "as_of": dt.date(2024, 1, 1)},
        {"id": "lokeren-korpschef", "include_planned": True},
        {"id": "lokeren-korpschef", "as_of": dt.date(2023, 6, 30), "include_planned": False},
    ]
    _cached_plans_cleared(seeded)
    answers = [queries.run(seeded, "chain_of_command", c, database=DATABASE) for c in combos]
    assert all(answers), "chain_of_command answered nothing for the korpschef"
    # one entry for the library query, whichever parameters were null; the clearing call's
    # own entry is not counted by itself
    assert _cached_plans_cleared(seeded) == 1


def test_the_plan_cache_does_count_each_distinct_statement(seeded: Driver) -> None:
    """The count above means something: two different statements are two entries."""
    _cached_plans_cleared(seeded)
    queries.run(seeded, "chain_of_command", {"id": "lokeren-korpschef"}, database=DATABASE)
    queries.run(seeded, "subordinates", {"id": "lokeren-korpschef"}, database=DATABASE)
    assert _cached_plans_cleared(seeded) == 2
