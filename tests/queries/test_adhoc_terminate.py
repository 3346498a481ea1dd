"""An ad-hoc query given up at its client-side deadline does not run on in Neo4j (issue 12,
known gap of finding 3): it is terminated server-side, found by the tag its transaction
carries in its metadata, on a separate short session.

The deadline normally comes after Neo4j's own timeout (timeout_s + DEADLINE_MARGIN_S), but not
always: the plan check takes part of the time, and Neo4j checks its timeout only now and then.
The test makes that case certain by moving the deadline before the server-side timeout.
"""

from __future__ import annotations

import time

import pytest
from neo4j import Driver

from graph.errors import QueryError
from queries import adhoc
from queries.adhoc import run_readonly
from tests.support import DATABASE

# About 10^10 rows to filter: runs far longer than the test, stopped only by a termination.
LONG = (
    "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b "
    "WITH a, b WHERE a * b = -1 RETURN count(*) AS n"
)
MARKER = "WHERE a * b = -1"


def _running(driver: Driver) -> list[dict[str, object]]:
    """The transactions Neo4j still lists for LONG (found by its text, not by our tag)."""
    with driver.session(database=DATABASE) as s:
        return s.run(
            "SHOW TRANSACTIONS YIELD transactionId, currentQuery, status, metaData "
            "WHERE currentQuery CONTAINS $marker RETURN transactionId, status, metaData",
            marker=MARKER,
        ).data()


def _gone_within(driver: Driver, seconds: float) -> list[dict[str, object]]:
    deadline = time.monotonic() + seconds
    while (listed := _running(driver)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return listed


def _without_private_drop(self: adhoc._Attempt) -> bool:
    """drop_connection as it is when a driver version has moved the private attributes it
    reaches the socket through: it marks the attempt abandoned and cannot drop anything."""
    with self.lock:
        self.abandoned.set()
    return False


@pytest.mark.parametrize("private_drop", [True, False], ids=["socket-drop", "no-socket-drop"])
def test_a_query_abandoned_at_its_deadline_is_terminated_in_neo4j(
    seeded: Driver, monkeypatch: pytest.MonkeyPatch, private_drop: bool
) -> None:
    """Before the fix only the private-attribute socket drop ended the query in Neo4j (Neo4j
    stops a transaction whose connection closes); without it the query ran on, listed
    'Running', until Neo4j's own timeout. Now the termination does it through public Cypher."""
    if not private_drop:
        monkeypatch.setattr(adhoc._Attempt, "drop_connection", _without_private_drop)
    assert _running(seeded) == []
    # Neo4j would stop it after 20 s; the caller gives up after 2 s.
    monkeypatch.setattr(adhoc, "DEADLINE_MARGIN_S", -18.0)
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"no answer within 2s") as e:
        run_readonly(seeded, LONG, database=DATABASE, timeout_s=20.0, row_limit=10)
    assert time.monotonic() - started < 2.0 + 2.0
    assert _gone_within(seeded, 2.0) == []
    assert "terminated in Neo4j" in str(e.value)
    # Terminated, the worker ended by itself: the connection went back to the pool unharmed
    # and no socket had to be dropped.
    assert "dropped" not in str(e.value)
    monkeypatch.undo()
    for _ in range(3):
        res = run_readonly(seeded, "RETURN 1 AS x", database=DATABASE, timeout_s=5.0, row_limit=1)
        assert res.rows == [{"x": 1}]


def test_only_the_abandoned_query_is_terminated(
    seeded: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another caller's query with the same text runs on: termination is by tag, not by text."""
    import threading

    other: list[object] = []

    def run_other() -> None:
        try:
            other.append(run_readonly(seeded, LONG, database=DATABASE, timeout_s=4.0, row_limit=1))
        except QueryError as e:
            other.append(e)

    worker = threading.Thread(target=run_other, daemon=True)
    worker.start()
    time.sleep(0.5)
    monkeypatch.setattr(adhoc, "DEADLINE_MARGIN_S", -19.0)  # this one: deadline 1 s
    with pytest.raises(QueryError, match="no answer within 1s") as e:
        run_readonly(seeded, LONG, database=DATABASE, timeout_s=20.0, row_limit=10)
    time.sleep(0.5)
    listed = _running(seeded)
    assert len(listed) == 1 and listed[0]["status"] == "Running", listed
    assert "terminated in Neo4j" in str(e.value)
    monkeypatch.undo()
    worker.join(10)
    # The other one ended by its own (server-side) timeout, not by our termination.
    assert len(other) == 1 and isinstance(other[0], QueryError), other
    assert "did not finish within 4s" in str(other[0]), other[0]
    assert _gone_within(seeded, 2.0) == []
