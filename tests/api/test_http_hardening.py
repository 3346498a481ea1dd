"""HTTP hardening (issue 12, findings 9, 10, 13): bodies are bounded and the key is checked
before a body is read; the access and audit logs hold no query strings and no keys; the key
cookie is set by the server (HttpOnly, SameSite=Strict); no page can be framed; `/viz` says
"Neo4j unavailable" as a page, and "give a key" as a page (401); viz files, exports and key
files are 0600.

Each test here fails on the code before the fix: bodies were parsed before the 401 and had no
limit, uvicorn logged `?q=…&api_key=…`, the cookie came from JavaScript, no response sent
frame headers, `/viz` answered JSON 503, and `orggraph viz -o` wrote mode 644.

`make stress` (ORGGRAPH_STRESS=1) adds the 20 MB bodies of the finding over a real socket.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from neo4j import Driver

from api.app import create_app
from api.keys import ensure_demo_keys
from graph.db import create_driver
from graph.settings import Settings
from tests.support import (
    ANALYST,
    ANALYST_KEY,
    READER,
    READER_KEY,
    free_port,
    unreachable_connection,
)

STRESS = bool(os.environ.get("ORGGRAPH_STRESS"))
MB = 1024 * 1024
CHUNK = 64 * 1024


# --- finding 9: body limit, key before body -------------------------------------------------


class CountingBody:
    """An ASGI `receive` that streams `total` bytes in chunks and records how many were taken."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.consumed = 0

    async def __call__(self) -> dict[str, Any]:
        if self.consumed >= self.total:
            await asyncio.sleep(3600)  # the client stays connected until the response is done
        chunk = min(CHUNK, self.total - self.consumed)
        self.consumed += chunk
        return {
            "type": "http.request",
            "body": b" " * chunk,
            "more_body": self.consumed < self.total,
        }


def _asgi_post(
    app: FastAPI, path: str, body: CountingBody, headers: dict[str, str]
) -> tuple[int, bytes]:
    """POST through the app's ASGI interface directly, so the test sees exactly how much of the
    body the app pulled (TestClient reads a streaming body in full before the app runs)."""
    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"), *raw],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }
    status: list[int] = []
    chunks: list[bytes] = []

    async def send(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    asyncio.run(asyncio.wait_for(app(scope, body, send), 30))
    return status[0], b"".join(chunks)


@pytest.fixture(scope="module")
def app(seeded: Driver, api_settings: Settings) -> FastAPI:
    return create_app(api_settings, seeded)


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_large_body_without_key_is_401_and_never_read(app: FastAPI, framing: str) -> None:
    size = 20 * MB
    for headers in ({}, {"X-API-Key": "wrong"}, {"Cookie": "orggraph_key=wrong"}):
        body = CountingBody(size)
        length = (
            {"content-length": str(size)}
            if framing == "content-length"
            else {"transfer-encoding": "chunked"}
        )
        status, text = _asgi_post(app, "/api/v1/cypher", body, {**length, **headers})
        assert status == 401, text
        assert b"API key" in text
        assert body.consumed == 0, f"{body.consumed} bytes read before the 401 ({headers})"


def test_oversized_body_with_valid_key_is_413(client: TestClient, api_settings: Settings) -> None:
    limit = api_settings.api_max_body_bytes
    big = b'{"statement": "RETURN 1", "pad": "' + b"x" * limit + b'"}'
    r = client.post("/api/v1/cypher", content=big, headers=ANALYST)
    assert r.status_code == 413, r.text
    assert str(limit) in r.json()["detail"] and "ORGGRAPH_API_MAX_BODY_BYTES" in r.json()["detail"]
    # Chunked (no Content-Length): counted while it streams.
    r = client.post("/api/v1/cypher", content=iter([big[:1000], big[1000:]]), headers=ANALYST)
    assert r.status_code == 413, r.text
    # A body within the limit still works, for reader and analyst endpoints alike.
    r = client.post("/api/v1/cypher", json={"statement": "RETURN 1 AS x"}, headers=ANALYST)
    assert r.status_code == 200, r.text
    r = client.post("/api/v1/queries/search", json={"q": "lokeren"}, headers=READER)
    assert r.status_code != 413, r.text


def test_streamed_oversized_body_is_cut_at_the_limit(app: FastAPI, api_settings: Settings) -> None:
    limit = api_settings.api_max_body_bytes
    body = CountingBody(20 * MB)
    status, text = _asgi_post(
        app, "/api/v1/cypher", body, {"transfer-encoding": "chunked", "X-API-Key": ANALYST_KEY}
    )
    assert status == 413, text
    assert body.consumed <= limit + CHUNK, body.consumed


def test_reader_too_gets_413_not_a_parse(app: FastAPI) -> None:
    body = CountingBody(5 * MB)
    status, _ = _asgi_post(
        app, "/api/v1/queries/search", body, {"content-length": str(5 * MB), **READER}
    )
    assert status == 413
    assert body.consumed == 0  # Content-Length said too much: nothing read


class _Server:
    """The app under uvicorn in a thread, wrapped so the test can count the body bytes the app
    pulled from the socket."""

    def __init__(self, app: FastAPI) -> None:
        self.pulled = 0
        self.port = free_port()

        async def counting(scope: Any, receive: Any, send: Any) -> None:
            async def counted() -> Any:
                message = await receive()
                self.pulled += len(message.get("body", b""))
                return message

            await app(scope, counted, send)

        self.server = uvicorn.Server(
            uvicorn.Config(counting, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> _Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _raw_post(port: int, size: int, key: str | None) -> int:
    """POST `size` bytes over a real socket (the body sent in a thread while the response is
    read, as a client that streams would); the status line's code."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        head = "POST /api/v1/cypher HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        head += f"Content-Length: {size}\r\n" + (f"X-API-Key: {key}\r\n" if key else "") + "\r\n"
        s.sendall(head.encode())

        def pump() -> None:
            chunk = b" " * CHUNK
            try:
                for _ in range(size // CHUNK):
                    s.sendall(chunk)
            except OSError:
                pass  # the server answered and closed: it will not read the rest

        sender = threading.Thread(target=pump, daemon=True)
        sender.start()
        reply = s.recv(4096)
        sender.join(timeout=30)
    return int(reply.split(b" ", 2)[1])


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@pytest.mark.parametrize(
    ("size", "clients"),
    [
        (2 * MB, 1),
        pytest.param(
            20 * MB,
            2,
            marks=[
                pytest.mark.slow,
                pytest.mark.skipif(not STRESS, reason="make stress: 20 MB bodies"),
            ],
        ),
    ],
)
def test_big_bodies_over_a_socket(app: FastAPI, size: int, clients: int) -> None:
    """The finding's reproduction: unauthenticated big bodies are refused unread (the API grew
    by 175 MB for two 20 MB bodies), a keyed one too big is a 413 after at most the limit."""
    with _Server(app) as srv:
        before = _rss_mb()
        results: list[int] = []
        threads = [
            threading.Thread(target=lambda: results.append(_raw_post(srv.port, size, None)))
            for _ in range(clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert results == [401] * clients
        assert srv.pulled == 0, f"the app read {srv.pulled} bytes of unauthenticated bodies"
        assert _rss_mb() - before < 40, "the refused bodies were buffered somewhere"
        assert _raw_post(srv.port, size, ANALYST_KEY) == 413
        assert srv.pulled <= MB + CHUNK


# --- finding 10: access and audit logs -------------------------------------------------------


def test_serve_access_log_has_no_query_strings_or_keys(
    cli_env: dict[str, str], seeded: Driver, tmp_path: Path
) -> None:
    """`orggraph serve` as a user runs it: neither the search term nor `api_key=` reaches its
    console log or the audit log."""
    port = free_port()
    audit = tmp_path / "audit.log"
    env = {**cli_env, "ORGGRAPH_API_KEYS": f"reader:{READER_KEY}", "ORGGRAPH_AUDIT_LOG": str(audit)}
    log = tmp_path / "serve.log"
    cli = Path(sys.executable).parent / "orggraph"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(cli), "serve", "--port", str(port)], env=env, stdout=out, stderr=out
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(base + "/api/v1/health", timeout=5).close()
                    break
                except OSError:
                    assert proc.poll() is None, log.read_text()
                    assert time.monotonic() < deadline, log.read_text()
                    time.sleep(0.2)
            for headers in ({}, {"X-API-Key": READER_KEY}):
                req = urllib.request.Request(
                    base + "/api/v1/search?q=secretterm&api_key=abc", headers=headers
                )
                try:
                    urllib.request.urlopen(req, timeout=10).close()
                except urllib.error.HTTPError as e:
                    assert e.code in {401, 422}
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)
    text = log.read_text(encoding="utf-8")
    assert "GET /api/v1/search?[redacted]" in text, text  # the access log is on
    audit_text = audit.read_text(encoding="utf-8")
    assert "/api/v1/search" in audit_text
    for secret in ("secretterm", "abc", READER_KEY):
        assert secret not in text, (secret, text)
        assert secret not in audit_text, (secret, audit_text)


# --- finding 13: cookie, frame headers, 503 page, file modes --------------------------------


def test_session_sets_an_httponly_strict_cookie(client: TestClient) -> None:
    client.cookies.clear()
    r = client.post("/session", headers=READER)
    assert r.status_code == 204, r.text
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"orggraph_key={READER_KEY};")
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "path=/", "samesite=strict"} <= flags, cookie
    # The page served with that cookie knows a key is set, though it cannot read it.
    assert '<body data-key="set">' in client.get("/").text
    r = client.delete("/session")
    assert r.status_code == 204
    assert "orggraph_key=" in r.headers["set-cookie"] and "Max-Age=0" in r.headers["set-cookie"]
    client.cookies.clear()
    assert '<body data-key="">' in client.get("/").text


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"Cookie": "orggraph_key=x"}])
def test_session_refuses_a_wrong_key_and_sets_nothing(
    client: TestClient, headers: dict[str, str]
) -> None:
    client.cookies.clear()
    r = client.post("/session", headers=headers)
    assert r.status_code == 401
    assert "set-cookie" not in r.headers
    # A cookie with a wrong key does not make the landing page believe a key is set.
    assert '<body data-key="set">' not in client.get("/", headers=headers).text


def test_landing_script_never_writes_the_cookie(client: TestClient) -> None:
    page = client.get("/").text
    assert "document.cookie" not in page
    assert 'fetch("/session"' in page


def _frame_headers_ok(r: Any) -> None:
    assert r.headers.get("x-frame-options") == "DENY", (r.url, dict(r.headers))
    csps = r.headers.get_list("content-security-policy")
    assert len(csps) == 1, csps
    assert csps[0].count("frame-ancestors") == 1 and "frame-ancestors 'none'" in csps[0]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/viz/organisations/lokeren",
        "/viz/entities/no-such-entity-xyz",
        "/docs",
        "/redoc",
        "/api/v1/health",
        "/api/v1/search?q=lokeren",
    ],
)
def test_every_page_refuses_to_be_framed(client: TestClient, path: str) -> None:
    client.cookies.clear()
    r = client.get(path, headers=READER)
    assert r.status_code in {200, 404}, r.text
    _frame_headers_ok(r)
    _frame_headers_ok(client.get(path))  # a 401 (or the public page) too


def test_docs_keep_their_own_policy(client: TestClient) -> None:
    csp = client.get("/docs").headers["content-security-policy"]
    assert csp.startswith("default-src 'none'") and "script-src 'self'" in csp


def test_viz_page_is_an_html_503_while_neo4j_is_down(api_settings: Settings) -> None:
    dead = unreachable_connection()
    drv = create_driver(dead, verify=False)
    try:
        with TestClient(create_app(api_settings, drv), raise_server_exceptions=False) as c:
            for path in ("/viz/organisations/lokeren", "/viz/entities/lokeren?depth=2"):
                r = c.get(path, headers=READER)
                assert r.status_code == 503, r.text
                assert r.headers["content-type"].startswith("text/html")
                assert "Neo4j" in r.text and "<!DOCTYPE html>" in r.text
                _frame_headers_ok(r)
    finally:
        drv.close()


def _key_page_client(settings: Settings) -> TestClient:
    """The app over a Neo4j that is not there: a 401 is decided before any query runs."""
    return TestClient(create_app(settings, create_driver(unreachable_connection(), verify=False)))


@pytest.mark.parametrize(
    ("headers", "title"),
    [
        ({}, "Sleutel nodig"),
        ({"X-API-Key": "wrong"}, "Onbekende sleutel"),
        ({"Cookie": "orggraph_key=wrong"}, "Onbekende sleutel"),
    ],
)
@pytest.mark.parametrize("path", ["/viz/organisations/lokeren", "/viz/entities/x?depth=2"])
def test_a_page_without_a_good_key_is_an_html_401_that_says_how(
    api_settings: Settings, headers: dict[str, str], title: str, path: str
) -> None:
    """Before: the browser showed {"detail":"missing API key: …"} (a known gap of issue 12)."""
    with _key_page_client(api_settings) as c:
        r = c.get(path, headers=headers)
    assert r.status_code == 401, r.text
    assert r.headers["content-type"].startswith("text/html"), r.headers
    assert r.headers["www-authenticate"] == "APIKey"
    assert r.headers["cache-control"] == "no-store"
    assert "<!DOCTYPE html>" in r.text and f"<h1>{title}</h1>" in r.text
    assert "X-API-Key" in r.text and 'href="/"' in r.text  # how, and where to enter the key
    assert "wrong" not in r.text  # the key given is never echoed
    _frame_headers_ok(r)


def test_a_page_without_configured_keys_tells_the_operator(api_settings: Settings) -> None:
    with _key_page_client(api_settings.model_copy(update={"api_keys": None})) as c:
        r = c.get("/viz/organisations/lokeren", headers=READER)
    assert r.status_code == 401 and r.headers["content-type"].startswith("text/html")
    assert "Geen sleutels ingesteld" in r.text and "ORGGRAPH_API_KEYS" in r.text
    assert "&lt;sleutel&gt;" in r.text  # the placeholder is text, escaped


def test_the_api_keeps_answering_json(api_settings: Settings) -> None:
    with _key_page_client(api_settings) as c:
        r = c.get("/api/v1/search", params={"q": "x"})
        assert r.status_code == 401 and r.headers["content-type"] == "application/json"
        assert r.json() == {"detail": "missing API key: send it in the X-API-Key header"}
        r = c.get("/api/v1/search", params={"q": "x"}, headers={"X-API-Key": "wrong"})
        assert r.status_code == 401 and r.json() == {"detail": "unknown API key"}
        assert r.headers["www-authenticate"] == "APIKey"
        # Other HTTP errors, on pages too, are FastAPI's JSON as before.
        assert c.get("/viz/no-such-page").json() == {"detail": "Not Found"}
        r = c.post("/session", headers={"X-API-Key": "wrong"})
        assert r.status_code == 401 and r.json() == {"detail": "unknown API key"}


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_viz_output_is_0600(seeded: Driver, cli_env: dict[str, str], tmp_path: Path) -> None:
    cli = Path(sys.executable).parent / "orggraph"
    target = tmp_path / "out" / "lokeren.html"
    for _ in range(2):  # a new file, then one that exists (made 0644 in between)
        done = subprocess.run(
            [str(cli), "viz", "organisation", "lokeren", "-o", str(target)],
            env=cli_env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert _mode(target) == 0o600
        assert "<!DOCTYPE html>" in target.read_text(encoding="utf-8")
        target.chmod(0o644)
    assert [p.name for p in target.parent.iterdir()] == ["lokeren.html"]  # no temp file left


def test_export_and_key_files_are_0600(
    seeded: Driver, cli_env: dict[str, str], api_settings: Settings, tmp_path: Path
) -> None:
    cli = Path(sys.executable).parent / "orggraph"
    done = subprocess.run(
        [str(cli), "export", str(tmp_path / "backup")],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    files = list((tmp_path / "backup").iterdir())
    assert files and all(_mode(f) == 0o600 for f in files), [(f, oct(_mode(f))) for f in files]
    home = tmp_path / "home"
    ensure_demo_keys(
        api_settings.model_copy(update={"api_keys": None, "home": home}), echo=lambda _: None
    )
    assert _mode(home / "api-keys") == 0o600
