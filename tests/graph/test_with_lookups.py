"""graph.cypher.with_lookups: a lookup (one `$id`, at most one row) and a read query nested in
ONE statement, composed only from shipped texts whose headers name plain columns. Pure: the
statement's answers are compared with the two-step ones in tests/queries/test_run_by_ids.py."""

from __future__ import annotations

from pathlib import Path

from graph.cypher import QueryDef, declared_columns, lookup_param, parse_query_file, with_lookups

LOOKUP = """// name: lookup
// doc: One entity by id.
// params: id: str(200)
// returns: id: str, name: str
// mode: read
MATCH (n:Entity {id: $id})
RETURN n.id AS id, n.name AS name
"""

MAIN = """// name: main
// doc: Things around an entity.
// params: id: str(200)
// returns: depth: int, id: str
// mode: {mode}
MATCH (n:Entity {{id: $id}})-->(m)
RETURN 1 AS depth, m.id AS id ORDER BY id
"""


def _query(tmp: Path, name: str, text: str) -> QueryDef:
    path = tmp / f"{name}.cypher"
    path.write_text(text, encoding="utf-8")
    return parse_query_file(path)


def test_the_lookups_come_first_each_with_its_own_parameter(tmp_path: Path) -> None:
    lookup = _query(tmp_path, "lookup", LOOKUP)
    main = _query(tmp_path, "main", MAIN.format(mode="read"))
    text = with_lookups(main, lookup, 2)
    assert text is not None
    first, second, rest = text.partition("MATCH (n:Entity {id: $args.__ref0})")[2].partition(
        "MATCH (n:Entity {id: $args.__ref1})"
    )
    assert first and second and rest  # two lookups, in order, then the query
    assert "WITH __ref0, {id: id, name: name} AS __ref1" in rest
    assert rest.rstrip().endswith(f"RETURN {lookup_param(0)}, {lookup_param(1)}, __row, depth, id")
    assert main.wire in rest  # the query as sent alone (its $args.id included)


def test_only_reads_with_plain_columns_and_one_id_lookup_are_composed(tmp_path: Path) -> None:
    lookup = _query(tmp_path, "lookup", LOOKUP)
    main = _query(tmp_path, "main", MAIN.format(mode="read"))
    write = _query(tmp_path, "main", MAIN.format(mode="write"))
    prose = _query(
        tmp_path,
        "main",
        MAIN.format(mode="read").replace(
            "// returns: depth: int, id: str", "// returns: one row {root, nodes: [{id, kind}]}"
        ),
    )
    twice = _query(
        tmp_path,
        "lookup",
        LOOKUP.replace("RETURN n.id AS id", "WHERE $id <> ''\nRETURN n.id AS id"),
    )
    assert declared_columns(prose) is None
    assert with_lookups(write, lookup, 1) is None
    assert with_lookups(prose, lookup, 1) is None
    assert with_lookups(main, twice, 1) is None
    assert with_lookups(main, lookup, 0) is not None  # no lookup: the query, marked
