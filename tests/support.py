"""What the tests share that is not a fixture: where the data is, the keys the test apps accept,
free ports, and the two ways of serving the API (a uvicorn subprocess, as `orggraph serve` runs
it, and uvicorn in a thread for an app object).

Plain module, no pytest: the benchmark (bench/run.py) starts its API with `uvicorn_api` too.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.settings import PROJECT_ROOT

if TYPE_CHECKING:
    from fastapi.testclient import TestClient
    from neo4j import Driver

    from graph.connection import Connection
    from graph.settings import Settings

DATABASE = "neo4j"
DATA_DIR = PROJECT_ROOT / "data"
# The documents the datasets cite, kept in the repository: a clone checks every quote.
SOURCES_DIR = DATA_DIR / "sources"
# The seeds the answers are recorded on: the five seed datasets and the vocabulary, named one
# by one so datasets added under data/ (data/examples) never change them.
SEED_PATHS = tuple(
    DATA_DIR / name
    for name in (
        "zone-000.yaml", "zone-001.yaml", "zone-004.yaml", "lokeren.yaml",
        "nl-coordinatiecentrum.yaml", "vocab",
    )
)  # fmt: skip
# The same as dataset files, for the tests that read or rewrite them one by one.
SEED_FILES = tuple(
    f for p in SEED_PATHS for f in (sorted(p.rglob("*.yaml")) if p.is_dir() else [p])
)
# The installed CLI, run as a user runs it.
ORGGRAPH = str(Path(sys.executable).parent / "orggraph")

# Many organisations in one graph (issue 15): the seeds, the four examples (each citing the
# texts beside it), the invented datasets of tests/api/data (same) and a generated national set.
EXAMPLE_FILES = tuple(sorted((DATA_DIR / "examples").glob("*/*.yaml")))
QUESTION_DATA = tuple(sorted((PROJECT_ROOT / "tests" / "api" / "data").glob("*.yaml")))
NATIONAL_ZONES = 15  # the three whose ids the seeds use are left out: 12 synthetic zones


def generate_national(out: Path) -> Path:
    """bench/generate.py's national set in `out` (JSON, its quotes in out/sources), without the
    zones whose dataset (and zone id) a seed already is."""
    from bench.generate import generate

    generate(out, NATIONAL_ZONES)
    seeds = {f.stem for f in SEED_FILES}
    for f in out.glob("*.json"):
        if f.stem in seeds:
            f.unlink()
    return out


@dataclass(frozen=True)
class Combined:
    driver: Driver
    # tests/api/data files the loader refused (file name -> message): a question that needs one
    # fails saying why, the others still run.
    refused: dict[str, str]


def load_combined(driver: Driver, national: Path) -> Combined:
    """Wipe, then load the combined graph: seeds and examples first, the generated set with its
    own sources, then each invented dataset on its own (one the loader refuses is reported)."""
    from graph.db import wipe
    from graph.errors import OrgGraphError
    from loaders.load import load

    wipe(driver, database=DATABASE)
    load(driver, [*SEED_PATHS, *EXAMPLE_FILES], database=DATABASE, sources_dir=SOURCES_DIR)
    national_files = sorted(national.glob("*.json"))
    load(driver, national_files, database=DATABASE, sources_dir=national / "sources")
    # One by one, in passes: a file citing another's entities loads once that one has.
    pending, refused = list(QUESTION_DATA), dict[str, str]()
    while pending:
        refused = {}
        for f in pending:
            try:
                load(driver, [f], database=DATABASE, sources_dir=SOURCES_DIR)
            except OrgGraphError as exc:
                refused[f.name] = str(exc)
        if len(refused) == len(pending):
            break
        pending = [f for f in pending if f.name in refused]
    return Combined(driver, refused)


READER_KEY = "r-key"
ANALYST_KEY = "a-key"
READER = {"X-API-Key": READER_KEY}
ANALYST = {"X-API-Key": ANALYST_KEY}
BOTH_KEYS = f"reader:{READER_KEY},analyst:{ANALYST_KEY}"


def stale_placements(driver: Driver) -> int:
    """How many stored placements a recomputation of the whole graph would change
    (graph.placement.place_in_all), asked in a transaction that is rolled back, so the check
    repairs nothing: 0 means every load kept them exact."""
    from graph.placement import place_in_all

    with driver.session(database=DATABASE) as session:
        tx = session.begin_transaction()
        try:
            return place_in_all(tx)
        finally:
            tx.rollback()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def unreachable_connection() -> Connection:
    """Settings of a Neo4j that is not there (nothing listens on the port), for the 503 paths."""
    from graph.connection import Connection

    return Connection(f"bolt://127.0.0.1:{free_port()}", "neo4j", "x", DATABASE, "test")


def keyed_settings(settings: Settings, api_keys: str, audit_dir: Path) -> Settings:
    """`settings` accepting `api_keys` ("role:key,..."), auditing into a log of its own."""
    from pydantic import SecretStr

    return settings.model_copy(
        update={"api_keys": SecretStr(api_keys), "audit_log": audit_dir / "audit.log"}
    )


@contextmanager
def app_client(settings: Settings, driver: Driver) -> Iterator[TestClient]:
    """A client of the app that turns server crashes into 500 responses, so tests can assert
    on them."""
    from fastapi.testclient import TestClient

    from api.app import create_app

    with TestClient(create_app(settings, driver), raise_server_exceptions=False) as c:
        yield c


def audit_lines(settings: Settings) -> list[str]:
    """The audit log's lines (none before the first request)."""
    path = settings.audit_log
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def csv_field_holds(field: str, value: Any) -> bool:
    """A CSV field holds the JSON value: as text, empty for null, true/false, JSON for nested."""
    if value is None:
        return field == ""
    if isinstance(value, bool):
        return field == ("true" if value else "false")
    if isinstance(value, int | float):
        return float(field) == value
    if isinstance(value, str):
        return field == value
    return bool(json.loads(field) == value)


class ServerDidNotStart(RuntimeError):
    """uvicorn exited or did not answer /api/v1/health in time; the message ends with its log."""


@dataclass(frozen=True)
class Served:
    root: str  # http://127.0.0.1:PORT
    pid: int
    log: Path  # uvicorn's stderr


@contextmanager
def uvicorn_child(
    factory: str,
    workdir: Path,
    *,
    env: dict[str, str] | None = None,
    health: str = "/api/v1/health",
    timeout_s: float = 90,
    workers: int = 1,
) -> Iterator[Served]:
    """`python -m uvicorn FACTORY --factory` on a free loopback port with the API's uvicorn
    settings (`workers` processes, as `serve --workers`; log level warning, no access log);
    waits until `health` answers 200 and always ends the process on the way out.
    ServerDidNotStart (with the tail of uvicorn's log) when it does not come up."""
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        factory,
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        *(["--timeout-worker-healthcheck", "60"] if workers > 1 else []),  # as orggraph serve
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    root = f"http://127.0.0.1:{port}"
    log_path = workdir / "uvicorn.log"
    with open(log_path, "wb") as logf:
        proc = subprocess.Popen(
            cmd,
            cwd=PROJECT_ROOT,
            env={**os.environ, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=logf,
        )
        try:
            deadline = time.monotonic() + timeout_s
            while True:
                if proc.poll() is not None:
                    raise ServerDidNotStart(
                        f"uvicorn exited with {proc.returncode}: {log_path.read_text()[-2000:]}"
                    )
                try:
                    with urllib.request.urlopen(f"{root}{health}", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise ServerDidNotStart(
                        f"uvicorn not healthy after {timeout_s:g}s: {log_path.read_text()[-2000:]}"
                    )
                time.sleep(0.2)
            yield Served(root, proc.pid, log_path)
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


@contextmanager
def uvicorn_api(
    conn: Connection,
    workdir: Path,
    *,
    api_keys: str,
    database: str = DATABASE,
    timeout_s: float = 90,
    workers: int = 1,
) -> Iterator[Served]:
    """The API (`api.app:serving_app`) as `orggraph serve` runs it, against `conn`
    (uvicorn_child)."""
    env = {
        "ORGGRAPH_NEO4J_URI": conn.uri,
        "ORGGRAPH_NEO4J_PASSWORD": conn.password,
        "ORGGRAPH_NEO4J_DATABASE": database,
        "ORGGRAPH_API_KEYS": api_keys,
        "ORGGRAPH_AUDIT_LOG": str(workdir / "audit.log"),
    }
    with uvicorn_child(
        "api.app:serving_app", workdir, env=env, timeout_s=timeout_s, workers=workers
    ) as served:
        yield served


@contextmanager
def serve_in_thread(app: Any) -> Iterator[str]:
    """`app` (any ASGI app) served by uvicorn in a thread on a free loopback port, for the
    browser tests; yields the root URL and stops the server on the way out."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# -- headless Chromium (the browser tests and the benchmark's zone view) ------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
_INSTALL_TRIED = False


def ensure_chromium() -> Path | None:
    """/usr/bin/chromium, installed with apt-get once if missing (root only)."""
    global _INSTALL_TRIED
    if CHROMIUM.exists():
        return CHROMIUM
    if not _INSTALL_TRIED and os.geteuid() == 0 and shutil.which("apt-get"):
        _INSTALL_TRIED = True
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        # Two test workers may both find it missing: one installs, the other waits and finds it.
        with open(Path(tempfile.gettempdir()) / "orggraph-chromium-install.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not CHROMIUM.exists():
                subprocess.run(["apt-get", "update"], check=False, env=env, timeout=600)
                subprocess.run(
                    ["apt-get", "install", "-y", "chromium"], check=False, env=env, timeout=1200
                )
    return CHROMIUM if CHROMIUM.exists() else None
