"""A live API for tests that need real HTTP: uvicorn in a subprocess, as `orggraph serve` runs it.

`live_api` starts `python -m uvicorn api.app:create_app --factory` on a free loopback port against
the suite's Neo4j, waits for /api/v1/health and always terminates the process on the way out.
Test modules wrap it in a module-scoped fixture after the `seeded` fixture has loaded the data.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from graph.server import Connection
from graph.settings import PROJECT_ROOT
from tests.api.conftest import ANALYST_KEY, READER_KEY
from tests.conftest import free_port

DATABASE = "neo4j"
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
    port = free_port()
    env = dict(os.environ)
    env.update(
        ORGGRAPH_NEO4J_URI=conn.uri,
        ORGGRAPH_NEO4J_PASSWORD=conn.password,
        ORGGRAPH_NEO4J_DATABASE=DATABASE,
        ORGGRAPH_API_KEYS=f"reader:{READER_KEY},analyst:{ANALYST_KEY}",
        ORGGRAPH_AUDIT_LOG=str(workdir / "audit.log"),
    )
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "api.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    root = f"http://127.0.0.1:{port}"
    log_path = workdir / "uvicorn.log"
    with open(log_path, "wb") as logf:
        proc = subprocess.Popen(
            cmd, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=logf
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(
                        f"uvicorn exited with {proc.returncode}: {log_path.read_text()[-2000:]}"
                    )
                try:
                    if httpx.get(f"{root}/api/v1/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"uvicorn not healthy after {START_TIMEOUT_S}s: "
                        f"{log_path.read_text()[-2000:]}"
                    )
                time.sleep(0.2)
            yield LiveAPI(root, f"{root}/api/v1", proc.pid, ANALYST_KEY, log_path)
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def server_log(api: LiveAPI) -> str:
    """The tail of uvicorn's stderr, for failure messages."""
    return api.log.read_text(encoding="utf-8", errors="replace")[-3000:]
