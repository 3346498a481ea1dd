"""A live API for tests that need real HTTP: uvicorn in a subprocess, as `orggraph serve` runs it
(tests/support.py's uvicorn_api, which the benchmark uses too), with the reader and analyst keys.

Test modules wrap `live_api` in a module-scoped fixture after `seeded` has loaded the data.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graph.connection import Connection
from tests.support import ANALYST_KEY, BOTH_KEYS, uvicorn_api

START_TIMEOUT_S = 90


@dataclass(frozen=True)
class LiveAPI:
    root: str  # http://127.0.0.1:PORT
    base: str  # root + /api/v1
    pid: int
    key: str  # an analyst key: every route, /cypher included
    log: Path


@contextmanager
def live_api(conn: Connection, workdir: Path) -> Iterator[LiveAPI]:
    with uvicorn_api(conn, workdir, api_keys=BOTH_KEYS, timeout_s=START_TIMEOUT_S) as served:
        yield LiveAPI(served.root, f"{served.root}/api/v1", served.pid, ANALYST_KEY, served.log)


def server_log(api: LiveAPI) -> str:
    """The tail of uvicorn's stderr, for failure messages."""
    return api.log.read_text(encoding="utf-8", errors="replace")[-3000:]
