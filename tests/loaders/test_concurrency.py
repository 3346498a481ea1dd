"""Concurrent loads through one shared driver: different datasets both land; the same
dataset twice never duplicates anything, and the loser says so clearly."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graph.db import counts
from graph.errors import LoadConflict
from loaders.load import LoadReport, load
from tests.loaders.gen import write_dataset
from tests.loaders.graph_hash import graph_hash
from tests.support import DATABASE

pytestmark = pytest.mark.reliability("crashes", "partial writes")

DB = DATABASE
N = 300


def _race(driver: Driver, paths: list[Path]) -> list[Any]:
    """Start one load per path at the same instant; each result is a LoadReport or the
    exception it raised."""
    barrier = threading.Barrier(len(paths))
    results: list[Any] = [None] * len(paths)

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = load(driver, [paths[i]], database=DB, sources_dir=None)
        except Exception as e:  # recorded and asserted on by the test
            results[i] = e

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(paths))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "a load hung"
    return results


def _entities(driver: Driver, dataset: str) -> int:
    rows, _, _ = driver.execute_query(
        "MATCH (n:Entity {dataset: $d}) RETURN count(n) AS c", d=dataset, database_=DB
    )
    return int(rows[0]["c"])


def test_two_datasets_at_once(db: Driver, tmp_path: Path) -> None:
    a = write_dataset(tmp_path / "a.yaml", "conc-a", N)
    b = write_dataset(tmp_path / "b.yaml", "conc-b", N)
    results = _race(db, [a, b])
    for r in results:
        assert isinstance(r, LoadReport), r
        assert r.changes == 2 * N - 1
    assert _entities(db, "conc-a") == N
    assert _entities(db, "conc-b") == N
    raced = graph_hash(db)
    # The same graph as loading them one after the other.
    db.execute_query("MATCH (n) DETACH DELETE n", database_=DB)
    load(db, [a], database=DB, sources_dir=None)
    load(db, [b], database=DB, sources_dir=None)
    assert graph_hash(db) == raced


def test_same_dataset_twice_at_once(db: Driver, tmp_path: Path) -> None:
    a = write_dataset(tmp_path / "a.yaml", "conc-same", N)
    load(db, [a], database=DB, sources_dir=None)
    single = counts(db, database=DB)
    single_hash = graph_hash(db)
    db.execute_query("MATCH (n) DETACH DELETE n", database_=DB)

    results = _race(db, [a, a])
    reports = [r for r in results if isinstance(r, LoadReport)]
    errors = [r for r in results if not isinstance(r, LoadReport)]
    assert reports, f"both loads failed: {errors}"
    assert sorted(r.changes for r in reports)[-1] == 2 * N - 1
    if len(reports) == 2:
        # The loser waited on the dataset lock, then found everything already there.
        assert sorted(r.changes for r in reports) == [0, 2 * N - 1]
    else:
        (e,) = errors
        assert isinstance(e, LoadConflict), repr(e)
        assert "run it again" in str(e).lower() or "conflict" in str(e).lower()
    assert counts(db, database=DB) == single
    assert _entities(db, "conc-same") == N
    assert graph_hash(db) == single_hash
    # A load after the race has nothing left to do.
    assert load(db, [a], database=DB, sources_dir=None).changes == 0
