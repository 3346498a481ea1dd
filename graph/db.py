"""Driver creation and the few graph-level reads every layer shares.

One driver per process: the CLI command or the API lifespan creates it and passes it down.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError

from graph.catalog import catalog
from graph.connection import Connection
from graph.cypher import run_query
from graph.errors import Neo4jUnavailable, translate_driver_errors


def create_driver(conn: Connection, *, verify: bool = True) -> Driver:
    """A driver for `conn`, checked once (unless `verify` is off, as for a server that must
    start while Neo4j is down and recover when it returns)."""
    driver = GraphDatabase.driver(
        conn.uri,
        auth=(conn.user, conn.password),
        connection_acquisition_timeout=10.0,
        connection_timeout=5.0,
        max_transaction_retry_time=5.0,
        # Server notifications (e.g. "label does not exist" on an empty graph) are noise for
        # users of a fixed query library; real errors still raise.
        notifications_min_severity="OFF",
    )
    if not verify:
        return driver
    try:
        with translate_driver_errors(unreachable=f"Neo4j at {conn.uri} is not reachable"):
            try:
                driver.verify_connectivity()
            except AuthError as e:
                raise Neo4jUnavailable(f"Neo4j at {conn.uri} refused the credentials") from e
    except Neo4jUnavailable:
        driver.close()
        raise
    return driver


@contextmanager
def connected(conn: Connection) -> Iterator[Driver]:
    """A driver for one short command (validate's id probe), closed at the end."""
    driver = create_driver(conn)
    try:
        yield driver
    finally:
        driver.close()


def server_version(driver: Driver, *, database: str) -> str:
    """Version string of the server, e.g. '5.26.30'."""
    rows = run_query(driver, catalog().get("graph.server_version"), database=database)
    return str(rows[0]["version"])


def counts(driver: Driver, *, database: str) -> dict[str, Any]:
    """Node and relationship totals, for reports and tests."""
    return run_query(driver, catalog().get("graph.graph_counts"), database=database)[0]


def wipe(driver: Driver, *, database: str) -> None:
    """Delete all data (tests, benchmark). Runs in batches, so it needs an auto-commit tx."""
    with translate_driver_errors("wipe"), driver.session(database=database) as session:
        session.run(catalog().get("graph.wipe").wire).consume()
