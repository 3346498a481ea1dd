"""Starting, stopping and resetting through the CLI, run as subprocesses: `db reset` asks and
empties, Ctrl-C ends `serve` and `demo` with exit 0 and no traceback, and `demo` stops only the
Neo4j it started itself."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from neo4j import Driver

import queries
from graph.db import counts
from graph.schema import LATEST, apply_schema, current_version
from graph.settings import PROJECT_ROOT
from loaders.load import load
from tests.api.test_cli_pipes import write_tiny_dataset
from tests.conftest import Neo4jHandle
from tests.support import DATABASE, ORGGRAPH, free_port


def cli(
    env: dict[str, str], *args: str, stdin: str | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ORGGRAPH, *args],
        env=env,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# --- db reset ----------------------------------------------------------------------------


@pytest.fixture
def loaded(db: Driver, tmp_path: Path) -> dict[str, int]:
    data, seeds = write_tiny_dataset(tmp_path)
    load(db, [data], database=DATABASE, sources_dir=seeds)
    before = counts(db, database=DATABASE)
    assert before["nodes"] > 3 and before["relationships"] > 0
    return before


def organisation_ids(driver: Driver) -> set[str]:
    return {r["id"] for r in queries.run(driver, "organisations", database=DATABASE)}


@pytest.mark.parametrize("answer", ["n\n", "\n", None])
def test_db_reset_keeps_the_data_unless_the_answer_is_yes(
    loaded: dict[str, int], db: Driver, cli_env: dict[str, str], answer: str | None
) -> None:
    res = cli(cli_env, "db", "reset", stdin=answer)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "Delete all" in res.stderr and "nothing deleted" in res.stderr
    assert counts(db, database=DATABASE) == loaded
    assert organisation_ids(db) == {"evil"}


@pytest.mark.parametrize("how", ["answer", "--yes"])
def test_db_reset_empties_the_database_and_keeps_the_schema(
    loaded: dict[str, int], db: Driver, cli_env: dict[str, str], how: str
) -> None:
    res = (
        cli(cli_env, "db", "reset", stdin="y\n")
        if how == "answer"
        else cli(cli_env, "db", "reset", "--yes")
    )
    assert res.returncode == 0, res.stdout + res.stderr
    if how == "--yes":
        assert "Delete all" not in res.stderr  # no question asked
    after = counts(db, database=DATABASE)
    assert after["relationships"] == 0 and organisation_ids(db) == set()
    deleted = re.search(r"deleted (\d+) nodes? and (\d+) relationships?", res.stdout)
    assert deleted, res.stdout
    assert after["nodes"] == 1  # the schema-version node, recorded again
    assert int(deleted[1]) == loaded["nodes"] - 1
    assert int(deleted[2]) == loaded["relationships"]
    assert current_version(db, database=DATABASE) == LATEST
    assert apply_schema(db, database=DATABASE).created == ()  # constraints and indexes stayed
    again = cli(cli_env, "db", "reset")
    assert again.returncode == 0 and "already empty" in again.stdout, again.stderr


# --- Ctrl-C -------------------------------------------------------------------------------


def wait_until_serving(proc: subprocess.Popen[str], url: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"exited with {proc.returncode} before serving:\n{out}\n{err}")
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise AssertionError(f"{url} did not answer within {timeout:.0f}s")


def interrupt(
    proc: subprocess.Popen[str], signals: tuple[signal.Signals, ...]
) -> tuple[int, str, str]:
    for sig in signals:
        proc.send_signal(sig)
        time.sleep(0.05)
    try:
        out, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"still running after {signals}:\n{out}\n{err}") from None
    return proc.returncode, out, err


@pytest.mark.parametrize(
    "signals",
    [(signal.SIGINT,), (signal.SIGINT, signal.SIGINT), (signal.SIGTERM,)],
    ids=["ctrl-c", "ctrl-c-twice", "sigterm"],
)
def test_ctrl_c_ends_serve_with_exit_0_and_no_traceback(
    driver: Driver, cli_env: dict[str, str], tmp_path: Path, signals: tuple[signal.Signals, ...]
) -> None:
    port = free_port()
    env = {**cli_env, "ORGGRAPH_API_KEYS": "reader:r-key-123,analyst:a-key-123"}
    proc = subprocess.Popen(
        [ORGGRAPH, "serve", "--port", str(port)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until_serving(proc, f"http://127.0.0.1:{port}")
    with httpx.Client() as keep_alive:  # an open connection while shutting down
        keep_alive.get(f"http://127.0.0.1:{port}/api/v1/health")
        code, out, err = interrupt(proc, signals)
    assert code == 0, out + err
    assert "Traceback" not in out + err and "Error" not in err, out + err
    assert "Application shutdown complete" in err  # the app's lifespan ran to its end


# --- demo stops what it started -------------------------------------------------------------


@pytest.fixture
def local_env(tmp_path: Path) -> dict[str, str]:
    """A local jar Neo4j of the test's own (not running yet) and a tiny dataset to demo."""
    home = tmp_path / "neo4j-home"
    home.mkdir()
    (home / "lib").symlink_to(PROJECT_ROOT / ".neo4j" / "lib", target_is_directory=True)
    data, seeds = write_tiny_dataset(tmp_path / "demo")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORGGRAPH_")}
    env.update(
        ORGGRAPH_HOME=str(home),
        ORGGRAPH_BOLT_PORT=str(free_port()),
        ORGGRAPH_BACKEND="jars",
        ORGGRAPH_DATA_DIR=str(data),
        ORGGRAPH_SOURCES_DIR=str(seeds),
        ORGGRAPH_AUDIT_LOG=str(tmp_path / "audit.log"),
        ORGGRAPH_API_PORT=str(free_port()),
        ORGGRAPH_START_TIMEOUT_S="180",
        COLUMNS="80",
    )
    return env


def run_demo(env: dict[str, str]) -> tuple[int, str, str]:
    proc = subprocess.Popen(
        [ORGGRAPH, "demo"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until_serving(proc, f"http://127.0.0.1:{env['ORGGRAPH_API_PORT']}", timeout=300)
    return interrupt(proc, (signal.SIGINT,))


def test_demo_stops_the_neo4j_it_started_and_leaves_one_that_ran_before(
    neo4j: Neo4jHandle, local_env: dict[str, str]
) -> None:
    # `neo4j`: the suite's own server fetches the jars into .neo4j/lib on a fresh clone.
    if not (PROJECT_ROOT / ".neo4j" / "lib").is_dir():
        pytest.skip("needs the suite's Neo4j jar cache (ORGGRAPH_NEO4J_URI or Docker in use)")
    uri = f"bolt://127.0.0.1:{local_env['ORGGRAPH_BOLT_PORT']}"
    assert cli(local_env, "db", "status").returncode == 3  # not running
    try:
        started = cli(local_env, "db", "start")
        assert started.returncode == 0, started.stderr
        code, out, err = run_demo(local_env)
        assert code == 0 and "Traceback" not in out + err, out + err
        assert f"left the Neo4j at {uri} running (it was running before)" in err, err
        curl_hint = (
            "  send one as the X-API-Key header: curl -H 'X-API-Key: <key>' …/api/v1/search?q=drugs"
        )
        assert curl_hint in out.splitlines(), out  # first demo: keys generated, hint whole
        assert cli(local_env, "db", "status").returncode == 0  # still running
        assert cli(local_env, "db", "stop").returncode == 0

        code, out, err = run_demo(local_env)
        assert code == 0 and "Traceback" not in out + err, out + err
        assert "stopped the local Neo4j started by this demo" in err, err
        # The banner is one whole line at 80 columns (no wrap inside a URL).
        url = f"http://127.0.0.1:{local_env['ORGGRAPH_API_PORT']}"
        assert f"serving {url}  (API docs: {url}/docs; Ctrl-C to stop)" in out.splitlines()

        assert cli(local_env, "db", "status").returncode == 3  # stopped
    finally:
        cli(local_env, "db", "stop")
