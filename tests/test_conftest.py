"""The suite's own machinery (tests/conftest.py), run as an inner pytest on made-up test modules:
the reliability summary counts failures by their `reliability` marker, an unknown kind is a usage
error, and a run whose tests need no database starts no Neo4j. Pure: no Neo4j."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from graph.settings import PROJECT_ROOT

MODULE = """
import pytest

from tests.stress_stats import count

pytestmark = pytest.mark.reliability("crashes", "partial writes")


def test_counted_and_failing() -> None:
    count("examples", 3)
    count("requests")
    assert False


@pytest.mark.reliability("5xx")
def test_also_5xx_and_failing() -> None:
    assert False


def test_passing() -> None:
    count("faults")
"""


def _inner(
    tmp_path: Path, module: str, *args: str, name: str = "test_inner.py"
) -> subprocess.CompletedProcess[str]:
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\naddopts = --strict-markers\nmarkers =\n    reliability(kind): kinds\n",
        encoding="utf-8",
    )
    (tmp_path / name).write_text(module, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORGGRAPH_")}
    # An unreachable server: if anything started Neo4j, the run would fail.
    env.update(
        PYTHONPATH=str(PROJECT_ROOT),
        ORGGRAPH_NEO4J_URI="bolt://127.0.0.1:9",
        ORGGRAPH_NEO4J_PASSWORD="x",
    )
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_summary_counts_failures_by_marker_and_starts_no_neo4j(tmp_path: Path) -> None:
    ran = _inner(tmp_path, MODULE)
    assert ran.returncode == 1, ran.stdout + ran.stderr
    summary = ran.stdout.splitlines()[-1]
    assert "2 failed" in summary and "1 passed" in summary, ran.stdout
    assert (
        "reliability summary: 3 examples tried, 1 faults injected, 0 injection cases, "
        "1 requests made; 2 crashes, 2 partial writes, 0 unauthorised successes, 1 5xx"
    ) in ran.stdout, ran.stdout
    assert "neo4j: not started (no test needed it)" in ran.stdout, ran.stdout


def test_summary_ends_with_zeros_when_all_pass(tmp_path: Path) -> None:
    green = MODULE.replace("    assert False\n", "    pass\n")
    ran = _inner(tmp_path, green)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert (
        "reliability summary: 3 examples tried, 1 faults injected, 0 injection cases, "
        "1 requests made; 0 crashes, 0 partial writes, 0 unauthorised successes, 0 5xx"
    ) in ran.stdout, ran.stdout


def test_an_unknown_kind_is_a_usage_error(tmp_path: Path) -> None:
    ran = _inner(tmp_path, MODULE.replace('"partial writes"', '"partial write"'))
    assert ran.returncode == 4, ran.stdout + ran.stderr  # pytest's usage error
    assert "partial write" in ran.stderr and "crashes, partial writes" in ran.stderr, ran.stderr


def test_an_unreachable_server_is_an_error_of_the_tests_that_need_it(tmp_path: Path) -> None:
    """Only the tests that ask for the database fail, each naming the server; the session-scoped
    fixture's failure is cached by pytest, so the start is not retried per test."""
    needs_db = """
from neo4j import Driver


def test_one(driver: Driver) -> None:
    pass


def test_two(driver: Driver) -> None:
    pass


def test_pure() -> None:
    pass
"""
    ran = _inner(tmp_path, needs_db)
    assert ran.returncode == 1, ran.stdout + ran.stderr
    summary = ran.stdout.splitlines()[-1]
    assert "1 passed" in summary and "2 errors" in summary, ran.stdout
    assert ran.stdout.count("Neo4j at bolt://127.0.0.1:9 is not reachable") >= 2, ran.stdout


def test_two_workers_give_one_summary_of_both(tmp_path: Path) -> None:
    """`make test` runs two xdist workers: the counts and failures of both reach the summary."""
    _inner(tmp_path, MODULE, "--collect-only", name="test_other.py")  # writes pytest.ini
    ran = _inner(tmp_path, MODULE, "-n", "2", "--dist", "loadfile")
    assert ran.returncode == 1, ran.stdout + ran.stderr
    summary = ran.stdout.splitlines()[-1]
    assert "4 failed" in summary and "2 passed" in summary, ran.stdout
    assert (
        "reliability summary: 6 examples tried, 2 faults injected, 0 injection cases, "
        "2 requests made; 4 crashes, 4 partial writes, 0 unauthorised successes, 2 5xx"
    ) in ran.stdout, ran.stdout
    assert "neo4j: not started (no test needed it)" in ran.stdout, ran.stdout
