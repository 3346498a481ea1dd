"""Ad-hoc Cypher is read-only, bounded in time and rows, and JSON-safe."""

from __future__ import annotations

import json
from typing import Any

import pytest
from neo4j import Driver

import queries.adhoc as adhoc
from graph.db import counts
from graph.errors import QueryError, ReadOnlyViolation
from queries.adhoc import run_readonly, strip_literals, to_jsonable
from tests.stress_stats import count
from tests.support import DATABASE

pytestmark = pytest.mark.reliability("unauthorised successes")

WRITES = [
    "CREATE (n:Entity {id: 'x'})",
    "create (n:Entity {id: 'x'})",
    "MATCH (n:Entity) MERGE (n)-[:PART_OF]->(m:Unit {id: 'y'})",
    "MERGE (n:Entity {id: 'zone-000'}) RETURN n",
    "MATCH (n:Entity {id: 'zone-000'}) SET n.name = 'x'",
    "MATCH (n:Entity {id: 'zone-000'}) set n:Hacked",
    "MATCH (n:Entity {id: 'zone-000'}) SET n += {name: 'x'} RETURN n",
    "MATCH (n:Entity {id: 'zone-000'}) DELETE n",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) detach delete n",
    "MATCH ()-[r]->() DELETE r",
    "MATCH (n:Entity {id: 'zone-000'}) REMOVE n.name",
    "MATCH (n:Entity {id: 'zone-000'}) REMOVE n:Entity",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "load csv with headers from 'http://example.com/x.csv' AS row RETURN row",
    "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
    "MATCH (n) CALL (n) { RETURN n.id AS i } IN TRANSACTIONS RETURN i",
    "MATCH (n) CALL (n) { RETURN n.id AS i } IN 2 CONCURRENT TRANSACTIONS RETURN i",
    "MATCH (n) WITH collect(n) AS ns FOREACH (x IN ns | SET x.y = 1)",
    "FOREACH (i IN [1] | CREATE (:X))",
    "CALL dbms.security.createUser('eve', 'pw', false)",
    "CALL dbms.listConfig()",
    "CALL dbms.killQueries(['query-1'])",
    "CALL db.clearQueryCaches()",
    "CALL `db`.`clearQueryCaches`()",
    "WITH 1 AS `//` CALL dbms.listConfig() YIELD name RETURN name",
    "CALL `dbms`.`listConfig`() YIELD name RETURN name",
    "CALL db.createLabel('Evil')",
    "CALL db.createProperty('evil')",
    "CALL db.index.fulltext.drop('entity_search')",
    "CALL db.awaitIndexes(10)",
    "CALL apoc.create.node(['X'], {})",
    "RETURN apoc.version()",
    "CREATE INDEX evil FOR (n:Entity) ON (n.evil)",
    "CREATE CONSTRAINT evil FOR (n:Entity) REQUIRE n.evil IS UNIQUE",
    "CREATE FULLTEXT INDEX evil FOR (n:Entity) ON EACH [n.name]",
    "DROP INDEX entity_name",
    "DROP CONSTRAINT entity_id",
    "MATCH (n) RETURN n; CREATE (m)",
    "RETURN 1; RETURN 2",
    "MATCH (n) RETURN count(n) /* CREATE (x) */ ; MATCH (m) DETACH DELETE m",
    "MATCH (n) // harmless\nSET n.x = 1",
    "MATCH (n) /* comment */ DELETE n",
    "MATCH (n) WHERE n.name = 'a' CREATE (m) RETURN m",
    "ＣＲＥＡＴＥ (n)",
    "MATCH (n) ＳＥＴ n.x = 1",
    "CrEaTe (n)",
    "SHOW USERS",
    "SHOW CURRENT USER",
    "SHOW ROLES",
    "SHOW PRIVILEGES",
    "SHOW DATABASES",
    "CREATE USER eve SET PASSWORD 'secret-pw'",
    "ALTER USER neo4j SET PASSWORD 'x'",
    "GRANT ROLE admin TO eve",
    "REVOKE ROLE admin FROM eve",
    "DENY READ {*} ON GRAPH * TO eve",
    "USE system SHOW USERS",
    "USE neo4j MATCH (n) RETURN n",
    "STOP DATABASE neo4j",
    "START DATABASE neo4j",
    "CREATE DATABASE evil",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "SHOW TRANSACTIONS",
    "MATCH (n) WITH n SET n.x = 1 RETURN n",
    "MATCH (n) RETURN n UNION MATCH (m) DELETE m RETURN m",
    "CALL { CREATE (x) RETURN x } RETURN x",
]


def _state(driver: Driver) -> tuple[Any, ...]:
    c = counts(driver, database=DATABASE)
    with driver.session(database=DATABASE) as s:
        names = sorted(r["name"] for r in s.run("SHOW INDEXES YIELD name RETURN name"))
        labels = sorted(r["label"] for r in s.run("CALL db.labels() YIELD label RETURN label"))
    return c["nodes"], c["relationships"], tuple(names), tuple(labels)


def run(driver: Driver, cypher: str, **kw: Any) -> adhoc.AdhocResult:
    opts: dict[str, Any] = {"database": DATABASE, "timeout_s": 5.0, "row_limit": 100}
    opts.update(kw)
    return run_readonly(driver, cypher, **opts)


def test_there_are_at_least_40_attempts() -> None:
    assert len(WRITES) >= 40


@pytest.mark.parametrize("cypher", WRITES)
def test_write_schema_and_admin_statements_are_refused(seeded: Driver, cypher: str) -> None:
    count("injections")
    before = _state(seeded)
    with pytest.raises(ReadOnlyViolation):
        run(seeded, cypher)
    assert _state(seeded) == before


def test_the_explain_plan_guards_without_the_keyword_scan(
    seeded: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(adhoc, "check_text", lambda c, **_: c)
    before = _state(seeded)
    for cypher in ("CREATE (n:Evil)", "MATCH (n:Entity {id: 'zone-000'}) SET n.name = 'x'"):
        with pytest.raises(ReadOnlyViolation, match="classifies"):
            run(seeded, cypher)
    assert _state(seeded) == before


def test_the_read_session_guards_without_the_other_checks(
    seeded: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(adhoc, "check_text", lambda c, **_: c)
    monkeypatch.setattr(adhoc, "_check_plan", lambda tx, explain, params: None)
    before = _state(seeded)
    with pytest.raises(ReadOnlyViolation, match="Neo4j refused"):
        run(seeded, "CREATE (n:Evil {id: 'evil'})")
    with pytest.raises(ReadOnlyViolation):
        run(seeded, "MATCH (n:Entity {id: 'zone-000'}) SET n.name = 'x'")
    assert _state(seeded) == before


@pytest.mark.parametrize(
    "cypher",
    [
        "MATCH (n:Entity) WHERE n.name = 'create' RETURN n.id AS id",
        "MATCH (n:Entity) WHERE n.name CONTAINS 'DELETE FROM' OR n.name = \"SET x\" RETURN n.id",
        "MATCH (n:Entity) WHERE n.quote CONTAINS 'drop; merge' RETURN count(n) AS c",
        "// list the domains (no CREATE here)\nMATCH (n:Domain) RETURN n.id AS id",
        "MATCH (n:Entity {id: 'zone-000'}) RETURN n.created_by AS c, n.dataset AS d",
        "RETURN 'it\\'s SET' AS x, \"a \\\" DELETE\" AS y",
        "MATCH (n:Domain) RETURN n.id AS id;",
        "CALL db.index.fulltext.queryNodes('entity_search', 'oltf') YIELD node RETURN node.id",
        "CALL db.labels() YIELD label RETURN label",
        "SHOW INDEXES YIELD name RETURN name",
        "MATCH (n:Entity) CALL (n) { RETURN n.id AS i } RETURN i LIMIT 3",
    ],
)
def test_reads_with_the_words_in_strings_work(seeded: Driver, cypher: str) -> None:
    res = run(seeded, cypher)
    assert res.columns and not res.truncated


def test_parameters_are_passed(seeded: Driver) -> None:
    res = run(
        seeded, "MATCH (n:Entity {id: $id}) RETURN n.name AS name", params={"id": "zone-000-dsi"}
    )
    assert res.rows == [{"name": "Dienst Steun en Informatie"}]


def test_row_limit_truncates(seeded: Driver) -> None:
    res = run(seeded, "UNWIND range(1, 50) AS x RETURN x", row_limit=10)
    assert res.truncated and [r["x"] for r in res.rows] == list(range(1, 11))
    exact = run(seeded, "UNWIND range(1, 10) AS x RETURN x", row_limit=10)
    assert not exact.truncated and len(exact.rows) == 10


def test_timeout_stops_a_slow_query(seeded: Driver) -> None:
    with pytest.raises(QueryError, match="did not finish within 1s") as e:
        run(
            seeded,
            "UNWIND range(1, 100000000) AS x UNWIND range(1, 100000000) AS y RETURN count(*) AS c",
            timeout_s=1.0,
        )
    assert not isinstance(e.value, ReadOnlyViolation)


def test_syntax_errors_are_query_errors(seeded: Driver) -> None:
    with pytest.raises(QueryError, match="syntax"):
        run(seeded, "MATCH (n RETURN n")
    with pytest.raises(QueryError, match="empty"):
        run(seeded, "  // only a comment")


def test_results_are_json_safe(seeded: Driver) -> None:
    res = run(
        seeded,
        "MATCH p = (a:Entity {id: 'zone-000-diensthoofd-dsi'})-[r:REPORTS_TO]->(b) "
        "RETURN a, r, p, date('2024-01-02') AS d, datetime('2024-01-02T03:04:05Z') AS t, "
        "duration('P1D') AS du, point({x: 1, y: 2}) AS pt, 0.0/0.0 AS nan",
    )
    row = res.rows[0]
    json.dumps(res.rows)
    assert row["a"]["id"] == "zone-000-diensthoofd-dsi" and "Post" in row["a"]["labels"]
    assert (
        row["r"]["type"] == "REPORTS_TO" and row["r"]["end"] == "zone-000-operationeel-coordinator"
    )
    assert row["r"]["properties"]["line"] == "hierarchical"
    assert [n["id"] for n in row["p"]["nodes"]] == [
        "zone-000-diensthoofd-dsi",
        "zone-000-operationeel-coordinator",
    ]
    assert row["d"] == "2024-01-02" and row["t"].startswith("2024-01-02T03:04:05")
    assert row["nan"] is None and row["pt"]["coordinates"] == [1.0, 2.0]


def test_lokeren_holds_date_is_an_iso_string(seeded: Driver) -> None:
    res = run(seeded, "MATCH ()-[h:HOLDS]->() RETURN h.valid_from AS f")
    assert res.rows == [{"f": "2019-01-01"}]


def test_strip_literals() -> None:
    code = strip_literals("MATCH (n) WHERE n.x = 'CREATE' // DELETE\nRETURN \"SET\" /* DROP */")
    assert (
        "CREATE" not in code and "DELETE" not in code and "SET" not in code and "DROP" not in code
    )
    assert "MATCH" in code and "RETURN" in code


def test_to_jsonable_plain_values() -> None:
    import datetime as dt

    assert to_jsonable(
        {"a": (1, 2), "b": dt.date(2020, 1, 1), "c": b"\x00", "d": float("inf")}
    ) == {
        "a": [1, 2],
        "b": "2020-01-01",
        "c": "AA==",
        "d": None,
    }
