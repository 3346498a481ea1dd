"""One real Neo4j for the whole suite.

Resolution: ORGGRAPH_NEO4J_URI if set; else testcontainers' Neo4j where a Docker engine answers;
else the local jar server on a free port with a temporary data directory (jars cached in the
project's .neo4j/lib), stopped at the end. No mocks: every data test talks to this server.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graph.db import create_driver, server_version, wipe
from graph.schema import apply_schema
from graph.server import Connection, JarServer, docker_available
from graph.settings import PROJECT_ROOT, Settings

DATABASE = "neo4j"
DATA_DIR = PROJECT_ROOT / "data"
# The documents the datasets cite, kept in the repository: a clone checks every quote.
SOURCES_DIR = DATA_DIR / "sources"


@dataclass
class Neo4jHandle:
    conn: Connection
    version: str
    stop: Any
    server: JarServer | None = None


_HANDLE: Neo4jHandle | None = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start() -> Neo4jHandle:
    explicit = Settings()
    if explicit.neo4j_uri:
        assert explicit.neo4j_password, "set ORGGRAPH_NEO4J_PASSWORD with ORGGRAPH_NEO4J_URI"
        conn = Connection(
            explicit.neo4j_uri,
            explicit.neo4j_user,
            explicit.neo4j_password.get_secret_value(),
            explicit.neo4j_database,
            "ORGGRAPH_NEO4J_URI",
        )
        with create_driver(conn) as d:
            return Neo4jHandle(conn, server_version(d, database=conn.database), lambda: None)
    if docker_available():
        from testcontainers.neo4j import Neo4jContainer

        container = Neo4jContainer("neo4j:5.26-community", password="orggraph-test-pw")
        container.start()
        conn = Connection(
            container.get_connection_url(), "neo4j", "orggraph-test-pw", DATABASE, "testcontainers"
        )
        with create_driver(conn) as d:
            return Neo4jHandle(conn, server_version(d, database=DATABASE), container.stop)
    home = Path(tempfile.mkdtemp(prefix="orggraph-neo4j-test-"))
    settings = Settings(home=home, start_timeout_s=120)
    server = JarServer(
        settings, home=home, lib_dir=PROJECT_ROOT / ".neo4j" / "lib", bolt_port=free_port()
    )
    conn = server.start()

    def stop() -> None:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)

    with create_driver(conn) as d:
        return Neo4jHandle(conn, server_version(d, database=DATABASE), stop, server)


def neo4j_handle() -> Neo4jHandle:
    global _HANDLE
    if _HANDLE is None:
        _HANDLE = _start()
    return _HANDLE


def pytest_report_header(config: pytest.Config) -> list[str]:
    h = neo4j_handle()
    return [f"neo4j: {h.version} at {h.conn.uri} ({h.conn.origin})"]


# Which failing tests count as which kind of reliability failure in the summary.
_FAILURE_KINDS = {
    "crashes": ("test_fuzz_load", "test_validate", "test_faults", "test_concurrency"),
    "partial writes": ("test_faults", "test_load.py", "test_fuzz_load", "test_concurrency"),
    "unauthorised successes": ("test_api_auth", "test_security", "test_adhoc", "test_api_cypher"),
    "5xx": ("test_api_hostile_input", "test_contract", "test_load_concurrency", "test_health"),
}


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _HANDLE is not None:
        terminalreporter.write_line(
            f"tests ran against Neo4j {_HANDLE.version} ({_HANDLE.conn.origin})"
        )
    from tests.stress_stats import COUNTS

    if not COUNTS:
        return
    failed = [r.nodeid for r in terminalreporter.stats.get("failed", [])]
    bad = {
        kind: sum(any(m in nodeid for m in modules) for nodeid in failed)
        for kind, modules in _FAILURE_KINDS.items()
    }
    terminalreporter.write_line(
        f"reliability summary: {COUNTS['examples']} examples tried, {COUNTS['faults']} faults "
        f"injected, {COUNTS['injections']} injection cases, {COUNTS['requests']} requests made; "
        + ", ".join(f"{n} {kind}" for kind, n in bad.items())
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    global _HANDLE
    if _HANDLE is not None:
        _HANDLE.stop()
        _HANDLE = None


@pytest.fixture(scope="session")
def neo4j() -> Neo4jHandle:
    return neo4j_handle()


@pytest.fixture(scope="session")
def driver(neo4j: Neo4jHandle) -> Iterator[Driver]:
    d = create_driver(neo4j.conn)
    apply_schema(d, database=DATABASE)
    yield d
    d.close()


@pytest.fixture
def db(driver: Driver) -> Driver:
    """An empty database (schema kept) for a test that writes."""
    wipe(driver, database=DATABASE)
    return driver


@pytest.fixture(scope="session")
def test_settings(neo4j: Neo4jHandle, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings pointing at the suite's server, for the API and CLI under test."""
    return Settings(
        neo4j_uri=neo4j.conn.uri,
        neo4j_password=neo4j.conn.password,  # type: ignore[arg-type]
        neo4j_database=DATABASE,
        audit_log=tmp_path_factory.mktemp("audit") / "audit.log",
    )


@pytest.fixture(scope="session")
def cli_env(neo4j: Neo4jHandle, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for running the `orggraph` CLI as a subprocess against the suite's server."""
    env = dict(os.environ)
    env.update(
        ORGGRAPH_NEO4J_URI=neo4j.conn.uri,
        ORGGRAPH_NEO4J_PASSWORD=neo4j.conn.password,
        ORGGRAPH_NEO4J_DATABASE=DATABASE,
        ORGGRAPH_AUDIT_LOG=str(tmp_path_factory.mktemp("cli-audit") / "audit.log"),
    )
    return env
