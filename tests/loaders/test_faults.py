"""Fault injection on a separate Neo4j (never the suite's): SIGKILL mid-load leaves the big
dataset all-or-nothing and old data intact; the API reports 503 while Neo4j is down and
recovers by itself once it is back."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from graph.db import create_driver
from graph.server import JarServer
from graph.settings import PROJECT_ROOT, Settings
from loaders.load import load
from tests.conftest import Neo4jHandle
from tests.loaders.gen import write_dataset
from tests.loaders.graph_hash import graph_hash
from tests.stress_stats import count
from tests.support import DATA_DIR, DATABASE, SOURCES_DIR, free_port

pytestmark = pytest.mark.reliability("crashes", "partial writes")

DB = DATABASE
DATA = DATA_DIR
# The kill waits for the first batch to be written inside the open transaction (see
# `progress` below), so the load is mid-transaction whatever its size: `make test` kills a
# 2k-entity load (several batches), `make stress` a 20k one.
BIG = 20_000 if os.environ.get("ORGGRAPH_STRESS") else 2_000
LIB = PROJECT_ROOT / ".neo4j" / "lib"


@pytest.fixture
def server(neo4j: Neo4jHandle) -> Iterator[tuple[JarServer, Settings]]:
    # `neo4j`: the suite's own server fetches the jars into .neo4j/lib on a fresh clone.
    if not any(LIB.glob(".complete-*")):
        pytest.skip("no cached Neo4j jars in .neo4j/lib (run the suite once first)")
    home = Path(tempfile.mkdtemp(prefix="orggraph-fault-"))
    settings = Settings(home=home, start_timeout_s=120, audit_log=home / "audit.log")
    srv = JarServer(settings, home=home, lib_dir=LIB, bolt_port=free_port())
    srv.start()
    try:
        yield srv, settings
    finally:
        srv.kill()
        srv.stop()
        shutil.rmtree(home, ignore_errors=True)


def _count(driver: Driver, dataset: str) -> int:
    rows, _, _ = driver.execute_query(
        "MATCH (n:Entity {dataset: $d}) RETURN count(n) AS c", d=dataset, database_=DB
    )
    return int(rows[0]["c"])


def _old_hash(driver: Driver) -> str:
    """Hash of everything except the big dataset (its :Dataset node included)."""
    return graph_hash(driver, exclude_dataset="big-gen")


def test_sigkill_mid_load_and_api_outage(
    server: tuple[JarServer, Settings], tmp_path: Path
) -> None:
    from api.app import create_app

    srv, settings = server
    big = write_dataset(tmp_path / "big.yaml", "big-gen", BIG)
    driver = create_driver(srv.connection())
    try:
        load(driver, [DATA], database=DB, sources_dir=SOURCES_DIR)
        old = _old_hash(driver)

        app = create_app(settings, driver)
        with TestClient(app) as client:
            assert client.get("/api/v1/health").status_code == 200

            writing = threading.Event()
            killed = threading.Event()
            outcome: list[Any] = []

            def progress(dataset: str, done: int, total: int) -> None:
                # The first batch is in the open transaction: hold the load there until the
                # server is dead, so the kill always lands mid-transaction.
                writing.set()
                killed.wait(timeout=120)

            def run() -> None:
                try:
                    outcome.append(
                        load(driver, [big], database=DB, sources_dir=None, progress=progress)
                    )
                except Exception as e:  # asserted below
                    outcome.append(e)

            t = threading.Thread(target=run)
            t.start()
            assert writing.wait(timeout=600), "the big load never started writing"
            srv.kill()
            killed.set()
            count("faults", 2)  # SIGKILL mid-load, and the API's Neo4j outage
            t.join(timeout=300)
            assert not t.is_alive()
            (result,) = outcome
            assert isinstance(result, Exception), "the load finished before the kill"

            # Outage: the API tells the truth instead of hanging or crashing.
            t0 = time.monotonic()
            down = client.get("/api/v1/health")
            assert down.status_code == 503, down.text
            assert time.monotonic() - t0 < 60

            srv.start()
            n = _count(driver, "big-gen")
            assert n in (0, BIG), f"partial dataset after SIGKILL: {n} of {BIG} entities"
            assert _old_hash(driver) == old

            # The same app and driver recover without a restart.
            deadline = time.monotonic() + 60
            status = 0
            while time.monotonic() < deadline:
                status = client.get("/api/v1/health").status_code
                if status == 200:
                    break
                time.sleep(1)
            assert status == 200

        report = load(driver, [big], database=DB, sources_dir=None)
        assert report.changes in (0, 2 * BIG - 1)
        assert _count(driver, "big-gen") == BIG
        assert _old_hash(driver) == old
    finally:
        driver.close()
