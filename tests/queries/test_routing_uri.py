"""The query library and the loader through a `neo4j://` routing URI, the way a cluster or Aura
is reached: the driver asks the server for its routing table and sends reads (READ access
mode, as every library read runs) to a reader and writes to the writer. On the suite's single
server both are the server itself, so every answer must equal the answer through `bolt://`.

Every library query is asked (the list below must name each `.cypher` file of queries/),
through the functions the API and the CLI use: names resolved by `resolve_params`, rows by
`queries.run`, the API's one-session path `run_by_ids` for ids; errors (not found, ambiguous)
compared too. Then the seeds are loaded through the routing driver and give the graph a load
through `bolt://` gives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from neo4j import BoltDriver, Driver, Neo4jDriver

import queries
from graph.connection import Connection
from graph.db import create_driver, wipe
from graph.errors import OrgGraphError
from graph.schema import apply_schema
from loaders.load import load
from queries.adhoc import run_readonly
from queries.resolve import ref_params, resolve_params, run_by_ids
from tests.conftest import Neo4jHandle
from tests.loaders.graph_hash import graph_hash
from tests.support import DATABASE, SEED_PATHS, SOURCES_DIR

# (library query, parameters as a user gives them: ids, names or abbreviations). Every query
# file at least once; names that resolve, a typo, one that is ambiguous, one that is unknown.
CASES: list[tuple[str, dict[str, Any]]] = [
    ("chain_of_command", {"id": "zone-000-diensthoofd-dsi"}),
    ("chain_of_command", {"id": "Diensthoofd DSI"}),
    ("chain_of_command", {"id": "zone-000-korpschf"}),  # a typo, found by full text
    ("chain_of_command", {"id": "Korpschef"}),  # every zone has one: Ambiguous
    ("entity", {"id": "xyzzy-no-such-thing"}),  # NotFound, with suggestions
    ("chairs", {"org": "zone-000"}),
    ("collaborations", {"id": "zone-000"}),
    ("contact_for", {"task": "fietsdiefstal"}),
    ("contact_for", {"task": "bicycle theft", "org": "zone-001"}),
    ("entity", {"id": "zone-000-operationeel-coordinator"}),
    ("entity_ref", {"id": "o-ltf-zone-000"}),
    ("forum_participants", {"id": "zone-000-wekelijks-operationeel-overleg"}),
    ("functionality_coverage", {"zone": "zone-001"}),
    ("graph_chain_of_command", {"id": "zone-000-diensthoofd-dsi"}),
    ("graph_neighbourhood", {"id": "zone-000-korpschef", "depth": 1}),
    ("graph_org_hierarchy", {"id": "zone-001"}),
    ("graph_partner_network", {"id": "zone-000"}),
    ("objectives", {"org": "lokeren"}),
    ("org_tree", {"id": "zone-001"}),
    ("organisations", {}),
    ("partner_network", {"id": "zone-000"}),
    ("path_between", {"from_id": "zone-000-diensthoofd-dsi", "to_id": "o-ltf-zone-000"}),
    ("resolve_ref", {"ref": "oltf"}),
    ("responsible_for", {"target": "drugs"}),
    ("responsible_for", {"target": "radicalisering", "org": "zone-000"}),
    ("search", {"q": "korpschef", "limit": 10}),
    ("staffing", {"id": "zone-000"}),
    ("subordinates", {"id": "zone-000-korpschef", "max_depth": 2}),
    ("who_represents", {"at": "o-ltf-zone-000"}),
    ("who_represents", {"at": "oltf", "org": "zone-000"}),
]
CYPHER = "MATCH (o:Organisation) RETURN o.id AS id, o.name AS name ORDER BY id"


def addresses(uri: str) -> tuple[str, str] | None:
    """(bolt://host:port, neo4j://host:port) for the suite's server, when its URI is plain."""
    parts = urlsplit(uri)
    if parts.scheme not in {"bolt", "neo4j"} or not parts.hostname:
        return None
    where = f"{parts.hostname}:{parts.port or 7687}"
    return f"bolt://{where}", f"neo4j://{where}"


def driver_for(neo4j: Neo4jHandle, uri: str) -> Driver:
    c = neo4j.conn
    return create_driver(Connection(uri, c.user, c.password, c.database, "test"))


@pytest.fixture(scope="module")
def drivers(neo4j: Neo4jHandle, seeded: Driver) -> Iterator[tuple[Driver, Driver]]:
    """(bolt driver, routing driver), both made by graph.db.create_driver as orggraph makes
    them; the seeds loaded (`seeded`)."""
    found = addresses(neo4j.conn.uri)
    if found is None:
        pytest.skip(f"the suite's server is at {neo4j.conn.uri}: no plain bolt/neo4j address")
    bolt, routing = driver_for(neo4j, found[0]), driver_for(neo4j, found[1])
    try:
        yield bolt, routing
    finally:
        bolt.close()
        routing.close()


def answer(driver: Driver, name: str, given: dict[str, Any]) -> dict[str, Any]:
    """What `orggraph query` and the API answer: rows or the error, by the names' path and,
    when every reference is an id, by the API's one-session path too."""
    out: dict[str, Any] = {}
    try:
        params, resolved = resolve_params(driver, name, given, database=DATABASE)
        out["resolved"] = resolved
        out["rows"] = queries.run(driver, name, params, database=DATABASE, timeout_s=60)
    except OrgGraphError as e:
        out["error"] = (type(e).__name__, str(e), getattr(e, "candidates", None))
    refs = {p: given[p] for p in ref_params(name) if isinstance(given.get(p), str)}
    kinds = {p: ref_params(name)[p] for p in refs}
    done = run_by_ids(driver, name, given, refs, database=DATABASE, timeout_s=60, kinds=kinds)
    if done is not None:
        out["by_ids"] = done
    return out


def test_the_routing_driver_routes_to_the_suite_server(drivers: tuple[Driver, Driver]) -> None:
    bolt, routing = drivers
    assert isinstance(bolt, BoltDriver) and isinstance(routing, Neo4jDriver)
    (row,) = bolt.execute_query(
        "CALL dbms.routing.getRoutingTable({}, $db) YIELD servers RETURN servers",
        db=DATABASE,
        database_=DATABASE,
    ).records
    roles = {s["role"]: s["addresses"] for s in row["servers"]}
    where = urlsplit(f"//{bolt.get_server_info().address}")
    expected = [f"{where.hostname}:{where.port}"]
    assert roles == {"WRITE": expected, "READ": expected, "ROUTE": expected}, roles
    assert routing.get_server_info().address == bolt.get_server_info().address


def test_every_library_query_answers_through_the_routing_uri_as_through_bolt(
    drivers: tuple[Driver, Driver],
) -> None:
    bolt, routing = drivers
    assert {name for name, _ in CASES} == set(queries.library()), "a query without a case"
    differ, answered = [], []
    for name, given in CASES:
        direct, routed = answer(bolt, name, given), answer(routing, name, given)
        if direct != routed:
            differ.append((name, given))
        if direct.get("rows"):
            answered.append(name)
    assert not differ, differ
    # The comparison is worth something only when the cases find something.
    assert len(answered) >= len(CASES) - 3, sorted({n for n, _ in CASES} - set(answered))
    errors = [answer(bolt, n, g).get("error", ("",))[0] for n, g in CASES]
    assert {"NotFound", "Ambiguous"} <= set(errors), errors


def test_ad_hoc_cypher_reads_through_the_routing_uri(drivers: tuple[Driver, Driver]) -> None:
    bolt, routing = drivers
    direct = run_readonly(bolt, CYPHER, database=DATABASE, timeout_s=30, row_limit=1000)
    routed = run_readonly(routing, CYPHER, database=DATABASE, timeout_s=30, row_limit=1000)
    assert routed == direct and direct.rows


def test_a_load_through_the_routing_uri_writes_what_bolt_writes(
    drivers: tuple[Driver, Driver],
) -> None:
    """Last in the module: it leaves the seeds loaded again, through the routing driver."""
    bolt, routing = drivers
    by_bolt = graph_hash(bolt)  # the seeds as `seeded` loaded them through bolt://
    answers = [answer(bolt, n, g) for n, g in CASES[:8]]
    wipe(routing, database=DATABASE)
    assert apply_schema(routing, database=DATABASE).created == ()  # the schema stayed
    report = load(routing, list(SEED_PATHS), database=DATABASE, sources_dir=SOURCES_DIR)
    assert report.changes > 0
    assert graph_hash(routing) == graph_hash(bolt) == by_bolt
    assert [answer(routing, n, g) for n, g in CASES[:8]] == answers
    again = load(routing, list(SEED_PATHS), database=DATABASE, sources_dir=SOURCES_DIR)
    assert again.changes == 0  # the manifests read back through the routing driver
