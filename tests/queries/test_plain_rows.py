"""Library rows are taken as `dict(record)` (graph/cypher.py run_query, queries.resolve
run_by_ids), which is only right while no query returns a node, a relationship or a path
anywhere in a row: `record.data()` would turn those into dicts, `dict(record)` does not, and the
API's JSON encoder would then fail on them. Every library query is asked (the cases of
test_routing_uri.py name each file) and every value of every row is checked."""

from __future__ import annotations

from typing import Any

from neo4j import Driver
from neo4j.graph import Node, Path, Relationship

import queries
from graph.errors import OrgGraphError
from queries.resolve import resolve_params
from tests.queries.test_routing_uri import CASES
from tests.support import DATABASE


def graph_values(value: Any, where: str) -> list[str]:
    """Where in `value` a node, relationship or path sits."""
    if isinstance(value, Node | Relationship | Path):
        return [f"{where}: {type(value).__name__}"]
    if isinstance(value, dict):
        return [hit for k, v in value.items() for hit in graph_values(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [hit for i, v in enumerate(value) for hit in graph_values(v, f"{where}[{i}]")]
    return []


def test_graph_values_are_found_at_any_depth() -> None:
    node = Node(None, "4:x:1", 1, ["Post"], {"id": "p"})  # type: ignore[arg-type]
    assert graph_values({"a": [1, {"b": node}]}, "row") == ["row.a[1].b: Node"]
    assert graph_values({"a": [1, {"b": "p"}], "c": None}, "row") == []


def test_no_library_query_returns_a_node_relationship_or_path(seeded: Driver) -> None:
    assert {name for name, _ in CASES} == set(queries.library()), "a query without a case"
    found, asked = [], set()
    for name, given in CASES:
        try:
            params, _ = resolve_params(seeded, name, given, database=DATABASE)
        except OrgGraphError:
            continue  # the cases that are meant to be ambiguous or unknown
        query = queries.get(name)
        records, _, _ = seeded.execute_query(
            query.text, query.bind(params), database_=DATABASE, routing_="r"
        )
        asked.add(name)
        for i, rec in enumerate(records):
            found += graph_values(dict(rec), f"{name} row {i}")
        assert queries.run(seeded, name, params, database=DATABASE) == [r.data() for r in records]
    assert asked == set(queries.library()), f"never answered: {set(queries.library()) - asked}"
    assert found == []
