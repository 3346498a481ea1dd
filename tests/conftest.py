"""The one fixture set: one real Neo4j for the whole suite, started when a test first asks
for it (pure tests never start a JVM), the seed data per module, settings and CLI environment
pointing at the server; and the reliability summary.

Resolution: ORGGRAPH_NEO4J_URI if set; else testcontainers' Neo4j where a Docker engine answers;
else the local jar server on a free port with a temporary data directory (jars cached in the
project's .neo4j/lib), stopped at the end. No mocks: every data test talks to this server.
Helpers that are not fixtures live in tests/support.py.

`make test` runs the suite in two pytest-xdist workers, each with its own server (a session
fixture is per process). Modules go to a worker whole (`--dist loadfile`), so a module's
`seeded` load is shared by its tests; SHARED_SCOPES keeps modules that share one load together.
The workers send their reliability counts and server to the controller, which prints one summary.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graph.connection import Connection
from graph.db import create_driver, server_version, wipe
from graph.schema import apply_schema
from graph.server import JarServer, docker_available
from graph.settings import PROJECT_ROOT, Settings
from loaders.load import load
from tests.support import DATABASE, SEED_PATHS, SOURCES_DIR, free_port


@dataclass
class Neo4jHandle:
    conn: Connection
    version: str
    stop: Any
    server: JarServer | None = None


_HANDLE: Neo4jHandle | None = None


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
    # Plans kept for the run: every module wipes and reloads the graph, and each reload
    # replanned the queries it then ran (Settings.cypher_min_replan_s).
    settings = Settings(home=home, start_timeout_s=120, cypher_min_replan_s=3600)
    server = JarServer(
        settings, home=home, lib_dir=PROJECT_ROOT / ".neo4j" / "lib", bolt_port=free_port()
    )
    conn = server.start()
    _reap_when_gone(server, home)

    def stop() -> None:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)

    with create_driver(conn) as d:
        return Neo4jHandle(conn, server_version(d, database=DATABASE), stop, server)


# Watches the pytest process that started the suite's server: when it is gone without having
# stopped it (an xdist worker killed by its controller, SIGKILL), the server is stopped and its
# temporary store removed, so no JVM outlives the run.
_WATCHDOG = """
import os, shutil, signal, sys, time
owner, server, home = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False
while alive(owner) and alive(server):
    time.sleep(2)
if alive(server):
    os.kill(server, signal.SIGTERM)
    for _ in range(60):
        if not alive(server):
            break
        time.sleep(1)
    else:
        os.kill(server, signal.SIGKILL)
shutil.rmtree(home, ignore_errors=True)
"""


def _reap_when_gone(server: JarServer, home: Path) -> None:
    pid = server._pid()
    if pid is None:
        return
    subprocess.Popen(
        [sys.executable, "-c", _WATCHDOG, str(os.getpid()), str(pid), str(home)],
        start_new_session=True,  # a Ctrl-C of the run's process group does not end it first
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def neo4j_handle() -> Neo4jHandle:
    global _HANDLE
    if _HANDLE is None:
        _HANDLE = _start()
    return _HANDLE


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


# A run ended by SIGTERM (CI cancelling a job, `timeout`) stops its Neo4j on the way out, as
# Ctrl-C does, instead of leaving the JVM running with its temporary store.
if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
    signal.signal(signal.SIGTERM, _interrupt)

# Modules that read one shared load (tests/api/conftest.py `combined`) run on the same worker.
SHARED_SCOPES = {
    "tests/api/test_questions.py": "combined graph",
    "tests/api/test_questions_no_silent_picks.py": "combined graph",
}


# Modules of a minute or more (their own servers, imports, the combined graph, the benchmark):
# handed out first, so the two workers finish together instead of one running them at the end.
HEAVY_FIRST = (
    "tests/api/test_questions.py",
    "tests/api/test_questions_no_silent_picks.py",
    "tests/loaders/test_bulk.py",
    "tests/bench/test_bench_quick.py",
    "tests/loaders/test_faults.py",
    "tests/graph/test_local_server.py",
    "tests/api/test_security.py",
    "tests/api/test_cli_lifecycle.py",
)


def _heavy_first(items: list[pytest.Item]) -> None:
    rank = {path: i for i, path in enumerate(HEAVY_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`--dist loadfile` with SHARED_SCOPES: a module (or a group of them) is one work unit,
    handed out in collection order (HEAVY_FIRST first), not by size."""
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    config.option.loadscopereorder = False

    class GroupedFiles(LoadFileScheduling):  # type: ignore[misc]  # xdist has no type hints: Any base
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return SHARED_SCOPES.get(path, path)

    return GroupedFiles(config, log)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--record-golden",
        action="store_true",
        help="re-record tests/api/golden/seed_answers.json from the current code",
    )


def pytest_report_header(config: pytest.Config) -> list[str]:
    return ["neo4j: started when a test first needs it"]


# The kinds of reliability failure the summary counts; a test says which it guards against with
# @pytest.mark.reliability(kind, ...) (module-level `pytestmark` in the modules that count).
FAILURE_KINDS = ("crashes", "partial writes", "unauthorised successes", "5xx")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if hasattr(config, "workerinput"):  # an xdist worker: its order is the schedule's
        _heavy_first(items)
    for item in items:
        kinds = tuple(k for m in item.iter_markers("reliability") for k in m.args)
        unknown = [k for k in kinds if k not in FAILURE_KINDS]
        if unknown or any(not m.args for m in item.iter_markers("reliability")):
            raise pytest.UsageError(
                f"{item.nodeid}: reliability marker kinds {unknown or '(none)'}; "
                f"give one or more of {', '.join(FAILURE_KINDS)}"
            )
        if kinds:
            # user_properties travel with the report to the xdist controller.
            item.user_properties.append(("reliability", kinds))


# What the xdist workers reported (pytest_testnodedown): their servers and counts.
_WORKER_SERVERS: list[str] = []


def _server_line(handle: Neo4jHandle) -> str:
    return f"Neo4j {handle.version} at {handle.conn.uri} ({handle.conn.origin})"


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is None:  # the controller, or a run without workers
        return
    from tests.stress_stats import COUNTS

    workeroutput["orggraph_counts"] = dict(COUNTS)
    workeroutput["orggraph_server"] = _server_line(_HANDLE) if _HANDLE is not None else None


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    from tests.stress_stats import COUNTS

    out = getattr(node, "workeroutput", None) or {}
    COUNTS.update(out.get("orggraph_counts", {}))
    if out.get("orggraph_server"):
        _WORKER_SERVERS.append(out["orggraph_server"])


def pytest_terminal_summary(terminalreporter: Any) -> None:
    servers = [_server_line(_HANDLE)] if _HANDLE is not None else []
    servers += _WORKER_SERVERS
    for server in servers:
        terminalreporter.write_line(f"tests ran against {server}")
    if not servers:
        terminalreporter.write_line("neo4j: not started (no test needed it)")
    from tests.stress_stats import COUNTS

    if not COUNTS:
        return
    failed = terminalreporter.stats.get("failed", [])
    kinds_of = [
        {k for name, v in r.user_properties if name == "reliability" for k in v} for r in failed
    ]
    bad = {kind: sum(kind in kinds for kinds in kinds_of) for kind in FAILURE_KINDS}
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


# The hash of the graph `seeded` left behind last: a module that finds exactly that graph
# (every label and property of every node and relationship, tests/loaders/graph_hash.py) reuses
# it instead of wiping and loading the seeds again, as consecutive read-only modules do.
_SEEDED: dict[str, str] = {}


@pytest.fixture(scope="module")
def seeded(driver: Driver) -> Driver:
    """The seed datasets (SEED_PATHS: not data/examples), loaded once per module after a wipe:
    what one module writes never reaches another (a graph that differs in anything from the
    one loaded is wiped and loaded again)."""
    from tests.loaders.graph_hash import graph_hash

    if _SEEDED and graph_hash(driver, DATABASE) == _SEEDED["hash"]:
        return driver
    _SEEDED.clear()
    wipe(driver, database=DATABASE)
    load(driver, list(SEED_PATHS), database=DATABASE, sources_dir=SOURCES_DIR)
    _SEEDED["hash"] = graph_hash(driver, DATABASE)
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
