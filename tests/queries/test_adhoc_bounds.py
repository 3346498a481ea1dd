"""Ad-hoc Cypher cannot freeze or flood the caller (issue 12, findings 3, 6, 7, 8).

Length and nesting are checked before anything is sent; the statement runs once (no driver
retry) under a hard client-side deadline; the response has a byte budget; a result nested too
deep and a lone surrogate are QueryErrors. The stalled-server cases run through a small TCP relay
in front of the suite's Neo4j that can stop forwarding: the server then never answers, as the
300-deep `[[[…]]]` made it do.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase

from graph.errors import Neo4jUnavailable, QueryError
from graph.settings import Settings
from queries.adhoc import DEADLINE_MARGIN_S, check_text, nesting_depth, run_readonly
from tests.conftest import Neo4jHandle
from tests.support import DATABASE

pytestmark = pytest.mark.reliability("unauthorised successes")

NESTED_300 = "RETURN " + "[" * 300 + "1" + "]" * 300 + " AS x"
# 260 deep, built by the server: the text itself nests only 3 deep.
DEEP_VALUE = "RETURN reduce(acc = null, i IN range(1, 260) | [acc]) AS deep"


def run(driver: Driver, cypher: str, **kw: Any) -> Any:
    opts: dict[str, Any] = {"database": DATABASE, "timeout_s": 5.0, "row_limit": 100}
    opts.update(kw)
    return run_readonly(driver, cypher, **opts)


@pytest.fixture
def closed_driver(neo4j: Neo4jHandle) -> Driver:
    """A driver that cannot send anything: a check that passes it would fail differently."""
    d = GraphDatabase.driver(neo4j.conn.uri, auth=(neo4j.conn.user, neo4j.conn.password))
    d.close()
    return d


# -- finding 3: length and nesting, before anything is sent -----------------------------------


def test_the_300_deep_reproduction_is_refused_before_it_is_sent(closed_driver: Driver) -> None:
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"nested 300 deep.*limit is 50") as e:
        run(closed_driver, NESTED_300, max_nesting=50)
    assert "ORGGRAPH_CYPHER_MAX_NESTING" in str(e.value)
    assert time.monotonic() - started < 1.0


def test_a_statement_longer_than_the_limit_is_refused_before_it_is_sent(
    closed_driver: Driver,
) -> None:
    text = "RETURN 1 AS x" + " " * 100
    with pytest.raises(QueryError, match=r"113 characters.*limit is 100.*CYPHER_MAX_CHARS"):
        run(closed_driver, text, max_chars=100)


def test_nesting_ignores_strings_and_comments() -> None:
    assert nesting_depth("RETURN '" + "[" * 300 + "' AS s // " + "(" * 300) == 0
    assert nesting_depth('RETURN "((((" + `a(((` /* {{{{ */') == 0
    assert nesting_depth("MATCH (a)-[r]->(b) RETURN {x: [a, (b)]}") == 3
    assert nesting_depth(")))(((") == 3  # stray closers do not go below zero
    assert check_text("RETURN '" + "[" * 300 + "' AS s", max_nesting=5).startswith("RETURN")
    with pytest.raises(QueryError, match="nested 6 deep"):
        check_text("RETURN " + "(" * 6 + "1" + ")" * 6, max_nesting=5)


def test_the_limits_default_to_the_settings(closed_driver: Driver) -> None:
    defaults = Settings()
    with pytest.raises(QueryError, match="limit is"):
        run(closed_driver, "RETURN " + "[" * (defaults.cypher_max_nesting + 1))
    with pytest.raises(QueryError, match="characters"):
        run(closed_driver, "RETURN 1 " + " " * defaults.cypher_max_chars)


def test_a_nested_query_within_the_limit_runs(seeded: Driver) -> None:
    res = run(seeded, "RETURN " + "[" * 20 + "1" + "]" * 20 + " AS x")
    value = res.rows[0]["x"]
    for _ in range(20):
        value = value[0]
    assert value == 1


# -- finding 3: one run, hard deadline, connection dropped -------------------------------------


class Relay:
    """A TCP relay to Neo4j that can stop forwarding on the connections open so far (the server
    then 'never answers' them). Connections opened later pass, so a retry of the statement on a
    new connection would show in `sent_later`."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.stalled = threading.Event()
        self.stalled_upto = 0  # connections numbered up to this one stall while `stalled` is set
        self.accepted = 0
        self.client_closed: list[float] = []  # when a client hung up on a stalled relay
        self.sent_later: list[bytes] = []  # what clients sent on connections opened since
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        self.listener.settimeout(0.2)
        while not self._stop.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted += 1
            upstream = socket.create_connection(self.target)
            n = self.accepted
            threading.Thread(
                target=self._pump, args=(client, upstream, n, True), daemon=True
            ).start()
            threading.Thread(
                target=self._pump, args=(upstream, client, n, False), daemon=True
            ).start()

    def stall(self) -> None:
        self.stalled_upto = self.accepted
        self.stalled.set()

    def _pump(self, src: socket.socket, dst: socket.socket, n: int, from_client: bool) -> None:
        def stalled() -> bool:
            return self.stalled.is_set() and n <= self.stalled_upto

        try:
            while True:
                data = src.recv(65536)
                if not data:
                    if from_client and stalled():
                        self.client_closed.append(time.monotonic())
                    break
                if stalled():
                    continue  # swallow: nothing reaches the other side any more
                if from_client and self.stalled.is_set():
                    self.sent_later.append(data)
                dst.sendall(data)
        except OSError:
            if from_client and stalled():
                self.client_closed.append(time.monotonic())
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.close()

    def close(self) -> None:
        self._stop.set()
        self.listener.close()


@pytest.fixture
def relay(neo4j: Neo4jHandle) -> Iterator[Relay]:
    host, port = neo4j.conn.uri.split("://", 1)[1].rsplit(":", 1)
    r = Relay((host, int(port)))
    yield r
    r.close()


@pytest.fixture
def relayed(relay: Relay, neo4j: Neo4jHandle, seeded: Driver) -> Iterator[Driver]:
    d = GraphDatabase.driver(
        f"bolt://127.0.0.1:{relay.port}",
        auth=(neo4j.conn.user, neo4j.conn.password),
        max_transaction_retry_time=30.0,  # a retrying path would blow the deadline
    )
    d.verify_connectivity()
    yield d
    d.close()


def test_a_server_that_never_answers_cannot_hold_the_caller(relay: Relay, relayed: Driver) -> None:
    assert run(relayed, "RETURN 1 AS x", timeout_s=2.0).rows == [{"x": 1}]
    relay.stall()
    started = time.monotonic()
    with pytest.raises(
        QueryError, match=r"no answer within 4s \(timeout 2s.*connection was dropped"
    ) as e:
        run(relayed, "RETURN 1 AS x", timeout_s=2.0)
    elapsed = time.monotonic() - started
    assert 2.0 <= elapsed < 2.0 + DEADLINE_MARGIN_S + 1.0, elapsed
    assert "Neo4j" in str(e.value)
    # The connection was dropped by us, promptly, and nothing was retried on a new one.
    deadline = time.monotonic() + 3.0
    while not relay.client_closed and time.monotonic() < deadline:
        time.sleep(0.05)
    assert relay.client_closed, "the stalled connection was never closed by the client"
    assert relay.client_closed[0] - started < 2.0 + DEADLINE_MARGIN_S + 1.0
    time.sleep(0.5)
    # A new connection may open (the termination's own short session), but the statement never
    # goes out on one: it was not retried.
    retried = [data for data in relay.sent_later if b"RETURN 1 AS x" in data]
    assert not retried, "the query was retried on a new connection"


def test_after_a_dropped_connection_the_driver_still_works(relay: Relay, relayed: Driver) -> None:
    relay.stall()
    with pytest.raises(QueryError, match="no answer"):
        run(relayed, "RETURN 1 AS x", timeout_s=1.0)
    relay.stalled.clear()
    assert run(relayed, "RETURN 2 AS x", timeout_s=2.0).rows == [{"x": 2}]


def test_a_refused_connection_is_unavailable_not_a_timeout(neo4j: Neo4jHandle) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    d = GraphDatabase.driver(
        f"bolt://127.0.0.1:{port}", auth=("neo4j", "x"), connection_acquisition_timeout=2.0
    )
    try:
        with pytest.raises(Neo4jUnavailable):
            run(d, "RETURN 1", timeout_s=5.0)
    finally:
        d.close()


# -- finding 6: response byte budget -----------------------------------------------------------


def _size(rows: list[dict[str, Any]]) -> int:
    return len(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def test_rows_stop_at_the_byte_budget(seeded: Driver) -> None:
    res = run(
        seeded,
        "UNWIND range(1, 100) AS i RETURN i, '" + "x" * 100 + "' AS s",
        max_response_bytes=2_000,
    )
    assert res.truncated
    assert 10 <= len(res.rows) < 20
    assert _size(res.rows) <= 2_000
    assert [r["i"] for r in res.rows] == list(range(1, len(res.rows) + 1))
    whole = run(seeded, "UNWIND range(1, 5) AS i RETURN i", max_response_bytes=2_000)
    assert not whole.truncated and len(whole.rows) == 5


def test_one_row_larger_than_the_default_budget_gives_no_rows_and_truncated(
    seeded: Driver,
) -> None:
    # 2^23 characters: 8 MB in one value, more than the default 5 MB budget.
    res = run(seeded, "RETURN 1 AS small UNION ALL RETURN 2 AS small", max_response_bytes=10_000)
    assert [r["small"] for r in res.rows] == [1, 2] and not res.truncated
    big = run(seeded, "RETURN reduce(s = 'x', i IN range(1, 23) | s + s) AS s")
    assert big.rows == [] and big.truncated and big.columns == ["s"]


# -- finding 7: values nested too deep ---------------------------------------------------------


def test_a_result_nested_too_deep_is_a_query_error(seeded: Driver) -> None:
    with pytest.raises(QueryError, match=r"column 'deep' is nested more than 100 deep"):
        run(seeded, DEEP_VALUE)
    shallow = run(seeded, "RETURN reduce(acc = null, i IN range(1, 90) | [acc]) AS ok")
    assert shallow.rows[0]["ok"] is not None


# -- finding 8: lone surrogates ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cypher", "params", "where"),
    [
        (
            "RETURN '\ud800' AS s",
            {},
            "the statement contains a lone surrogate (U+D800) at character 9",
        ),
        ("RETURN $p AS s", {"p": "a\udfffb"}, "parameter 'p'"),
        ("RETURN $p AS s", {"p": {"k": ["ok", "\ud800"]}}, "parameter 'p'"),
        ("RETURN $p AS s", {"p": {"\ud800": 1}}, "parameter 'p'"),
    ],
)
def test_a_lone_surrogate_is_a_clear_query_error(
    closed_driver: Driver, cypher: str, params: dict[str, Any], where: str
) -> None:
    with pytest.raises(QueryError, match="lone surrogate") as e:
        run(closed_driver, cypher, params=params)
    assert where in str(e.value)
    str(e.value).encode("utf-8")  # the message itself is sendable
