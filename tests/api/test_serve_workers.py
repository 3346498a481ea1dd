"""`orggraph serve --workers N`, run as a subprocess against the suite's Neo4j: both workers
answer (each with its own driver, the same keys and settings), the access log names which
worker answered (the log only: no response says it), and Ctrl-C or SIGTERM stops them all with
exit 0, every worker's lifespan run to its end, no traceback. `--workers` is bounded."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from neo4j import Driver

from api.cli.main import max_workers
from tests.support import ORGGRAPH, READER, READER_KEY, free_port

KEYS = f"reader:{READER_KEY},analyst:a-key-for-workers"
# uvicorn's lines: the supervisor's own, each worker's, each answered request's (api.app's
# access format puts the answering process in brackets).
PARENT_RE = re.compile(r"Started parent process \[(\d+)\]")
WORKER_RE = re.compile(r"Started server process \[(\d+)\]")
ACCESS_RE = re.compile(r"INFO: +\[(\d+)\] 127\.0\.0\.1:\d+ - \"GET (\S+) HTTP/1\.1\" (\d{3})")
CHAIN = "/api/v1/chain-of-command/zone-000-diensthoofd-dsi"


@dataclass
class Serving:
    proc: subprocess.Popen[bytes]
    url: str
    out: Path
    err: Path

    def log(self) -> str:
        return self.out.read_text(errors="replace") + self.err.read_text(errors="replace")


@pytest.fixture
def serving(seeded: Driver, cli_env: dict[str, str], tmp_path: Path) -> Iterator[Serving]:
    """`orggraph serve --workers 2` in a session of its own (so a test can Ctrl-C the whole
    group, as a terminal does), its output in files; killed on the way out if still running."""
    port = free_port()
    out, err = tmp_path / "stdout.log", tmp_path / "stderr.log"
    env = {**cli_env, "ORGGRAPH_API_KEYS": KEYS, "ORGGRAPH_AUDIT_LOG": str(tmp_path / "audit.log")}
    with open(out, "ab") as o, open(err, "ab") as e:
        proc = subprocess.Popen(
            [ORGGRAPH, "serve", "--workers", "2", "--port", str(port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=o,
            stderr=e,
            start_new_session=True,
        )
    served = Serving(proc, f"http://127.0.0.1:{port}", out, err)
    try:
        wait_for_workers(served, 2)
        yield served
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def wait_for_workers(served: Serving, n: int, timeout: float = 240) -> None:
    """Until n workers have started and the API answers (startup is slow on a busy machine)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert served.proc.poll() is None, f"exited with {served.proc.returncode}:\n{served.log()}"
        log = served.log()
        if log.count("Application startup complete") >= n and len(set(WORKER_RE.findall(log))) >= n:
            try:
                if httpx.get(f"{served.url}/api/v1/health", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
        time.sleep(0.3)
    raise AssertionError(f"{n} workers not serving after {timeout:.0f}s:\n{served.log()}")


def ask(url: str, key: str) -> tuple[int, bytes]:
    """One request on a connection of its own (`Connection: close`), so the next one may be
    accepted by the other worker."""
    r = httpx.get(url, headers={"X-API-Key": key, "Connection": "close"}, timeout=30)
    return r.status_code, r.content


def answering_pids(served: Serving, path: str) -> list[str]:
    return [pid for pid, p, status in ACCESS_RE.findall(served.out.read_text()) if p == path]


def stop(served: Serving, how: str) -> tuple[int, str]:
    if how == "ctrl-c":  # a terminal sends SIGINT to the whole process group
        os.killpg(served.proc.pid, signal.SIGINT)
    else:  # a service manager: SIGTERM to the main process only
        served.proc.send_signal(signal.SIGTERM)
    try:
        code = served.proc.wait(120)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"still running 120 s after {how}:\n{served.log()}") from None
    return code, served.log()


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_two_workers_answer_and_stop_together(serving: Serving, how: str) -> None:
    url = serving.url + CHAIN
    first = ask(url, READER_KEY)
    assert first[0] == 200 and b'"rows":[{' in first[1], first
    # Concurrent requests, each on a fresh connection, until both workers have answered.
    answers: list[tuple[int, bytes]] = []
    with ThreadPoolExecutor(8) as pool:
        for _ in range(10):
            answers += pool.map(lambda _: ask(url, READER_KEY), range(24))
            if len(set(answering_pids(serving, CHAIN))) >= 2:
                break
    assert set(answers) == {first}, "a worker answered differently"
    log = serving.out.read_text()
    workers = set(WORKER_RE.findall(serving.log()))
    parent = PARENT_RE.findall(serving.log())
    answered = set(answering_pids(serving, CHAIN))
    assert len(workers) == 2 and parent == [str(serving.proc.pid)], serving.log()
    assert answered == workers, (answered, workers, log[-3000:])  # both answered, not the parent
    # The same keys in each worker: an unknown key is refused by whichever answers.
    with ThreadPoolExecutor(8) as pool:
        refused = list(pool.map(lambda _: ask(url, "not-a-key"), range(16)))
    assert {status for status, _ in refused} == {401}
    # No response tells which process answered.
    r = httpx.get(url, headers=READER)
    assert not any(pid in str(r.headers) or pid in r.text for pid in workers)

    code, text = stop(serving, how)
    assert code == 0, text
    assert "Traceback" not in text and "Error" not in text, text
    assert text.count("Application shutdown complete") == 2, text  # each worker's lifespan
    assert text.count("Finished server process") == 2, text
    assert "Stopping parent process" in text, text


def test_a_worker_is_replaced_when_it_dies(serving: Serving) -> None:
    """uvicorn's supervisor starts a new worker (with its own app and driver) for a dead one."""
    workers = set(WORKER_RE.findall(serving.log()))
    victim = int(sorted(workers)[0])
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 180
    while len(set(WORKER_RE.findall(serving.log())) - workers) < 1:
        assert time.monotonic() < deadline, serving.log()
        time.sleep(0.5)
    wait_for_workers(serving, 3)
    replacement = set(WORKER_RE.findall(serving.log())) - workers
    url = serving.url + CHAIN
    with ThreadPoolExecutor(8) as pool:
        for _ in range(10):
            assert {s for s, _ in pool.map(lambda _: ask(url, READER_KEY), range(24))} == {200}
            if replacement & set(answering_pids(serving, CHAIN)):
                break
    assert replacement & set(answering_pids(serving, CHAIN)), serving.out.read_text()[-3000:]
    code, text = stop(serving, "ctrl-c")
    assert code == 0 and "Traceback" not in text, text


@pytest.mark.parametrize("workers", ["0", "-1", str(max_workers() + 1), "two"])
def test_workers_out_of_bounds_is_a_usage_error(workers: str, tmp_path: Path) -> None:
    """Refused before anything starts (no Neo4j needed), saying what is accepted."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORGGRAPH_")}
    env.update(ORGGRAPH_HOME=str(tmp_path / "home"), COLUMNS="200")
    res = subprocess.run(
        [ORGGRAPH, "serve", "--workers", workers, "--port", str(free_port())],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 2, res.stdout + res.stderr
    assert "--workers" in res.stderr and "Traceback" not in res.stderr, res.stderr
    if workers != "two":
        assert f"give 1 to {max_workers()}" in res.stderr, res.stderr
    assert not (tmp_path / "home").exists()  # no local Neo4j was set up
