"""graph.cypher's wire form: every catalog query reaches Neo4j reading its parameters from ONE
map, `$args`, so Neo4j plans it once, not once per combination of given and missing (null)
parameters. Pure tests of the text; tests/queries/test_wire_plans.py shows the plan reused."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.catalog import catalog
from graph.cypher import WIRE_ARG, parse_query_file, wire_params, wire_text
from graph.errors import QueryError

QUERY = """// name: q
// doc: Posts of a unit, as of a date.
// params: id: str(200), as_of: date?, limit: int(1..500)?, idx: int?
// returns: id: str
// mode: read
// $id in a comment is harmless either way
MATCH (u:Entity {id: $id})<-[:PART_OF]-(p:$($id))
WHERE $as_of IS NULL OR p.valid_from <= $as_of AND $idx IS NULL
RETURN p.id AS id LIMIT coalesce($limit, 50)
"""


def test_each_declared_parameter_is_read_from_the_one_map(tmp_path: Path) -> None:
    path = tmp_path / "q.cypher"
    path.write_text(QUERY, encoding="utf-8")
    q = parse_query_file(path)
    assert "$id" in q.text and "$args" not in q.text  # the file as analysts read it
    assert "MATCH (u:Entity {id: $args.id})<-[:PART_OF]-(p:$($args.id))" in q.wire
    assert "$args.as_of IS NULL OR p.valid_from <= $args.as_of AND $args.idx IS NULL" in q.wire
    assert "LIMIT coalesce($args.limit, 50)" in q.wire
    assert wire_params(q.bind({"id": "u1"})) == {
        WIRE_ARG: {"id": "u1", "as_of": None, "limit": None, "idx": None}
    }


def test_a_query_without_parameters_is_sent_as_written() -> None:
    assert wire_text("MATCH (n) RETURN count(n) AS n", []) == "MATCH (n) RETURN count(n) AS n"


def test_the_map_name_cannot_be_a_parameter(tmp_path: Path) -> None:
    path = tmp_path / "q.cypher"
    path.write_text(QUERY.replace("idx: int?", "args: int?").replace("$idx", "$args"), "utf-8")
    with pytest.raises(QueryError, match=r"q\.cypher:3: parameter name 'args' is reserved"):
        parse_query_file(path)


def test_every_catalog_query_reads_only_the_map() -> None:
    for q in (q for ns in catalog().by_namespace.values() for q in ns.values()):
        leftover = [p for p in q.param_names if f"${p}" in q.wire.replace(f"${WIRE_ARG}.", "")]
        assert not leftover, f"{q.path}: ${leftover} still read directly"
        assert q.wire.count(f"${WIRE_ARG}.") >= len(q.params), q.path
