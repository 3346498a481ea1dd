"""Security properties of the API and CLI: no secret in logs, loopback by default,
constant-time key comparison, and no data route without a key."""

from __future__ import annotations

import inspect
import logging
import re
import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

import api.auth
from graph.server import JarServer
from graph.settings import Settings
from tests.conftest import Neo4jHandle
from tests.support import DATA_DIR, ORGGRAPH, app_client, keyed_settings

pytestmark = pytest.mark.reliability("unauthorised successes")

# /session is where the landing page hands a key to the server: it answers 401 to a wrong key
# and sets the (HttpOnly) cookie holding the key to a right one, by design; its own tests are
# in test_http_hardening.py.
PUBLIC = {"/api/v1/health", "/", "/session"}
READER_KEY = "reader-" + secrets.token_urlsafe(24)
ANALYST_KEY = "analyst-" + secrets.token_urlsafe(24)


@pytest.fixture(scope="module")
def sec_settings(test_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    keys = f"reader:{READER_KEY},analyst:{ANALYST_KEY}"
    return keyed_settings(test_settings, keys, tmp_path_factory.mktemp("sec-audit"))


@pytest.fixture(scope="module")
def sec_client(driver: Driver, sec_settings: Settings) -> Iterator[TestClient]:
    with app_client(sec_settings, driver) as c:
        yield c


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "zone-000", path)


def _data_routes(client: TestClient) -> list[tuple[str, str]]:
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    return [
        (method.upper(), path)
        for path, ops in paths.items()
        if path not in PUBLIC
        for method in ops
    ]


def test_every_data_route_needs_a_key(sec_client: TestClient) -> None:
    routes = _data_routes(sec_client)
    assert len(routes) >= 10
    for method, path in routes:
        url = _concrete(path)
        for headers in ({}, {"X-API-Key": "not-a-key"}, {"X-API-Key": ""}):
            r = sec_client.request(method, url, headers=headers, json={})
            assert r.status_code == 401, f"{method} {path} with {headers}: {r.status_code}"


def test_no_secret_in_audit_log_or_logs(
    sec_client: TestClient,
    sec_settings: Settings,
    neo4j: Neo4jHandle,
    cli_env: dict[str, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    secrets_ = [READER_KEY, ANALYST_KEY, neo4j.conn.password]
    caplog.set_level(logging.DEBUG)
    texts: list[str] = []
    for key in (READER_KEY, ANALYST_KEY, ANALYST_KEY[:-1], "wrong"):
        for method, path in _data_routes(sec_client):
            url = _concrete(path)
            for r in (
                sec_client.request(method, url, headers={"X-API-Key": key}, json={}),
                sec_client.request(method, url, cookies={"orggraph_key": key}, json={}),
                # A key misplaced in the query string must not reach the audit log either.
                sec_client.request(method, url, params={"api_key": key, "q": key}, json={}),
            ):
                texts.append(r.text)
                texts.append(str(r.headers))
        r = sec_client.post(
            "/api/v1/cypher",
            headers={"X-API-Key": key},
            json={"query": "MATCH (n) RETURN n.nope LIMIT 1", "params": {}},
        )
        texts.append(r.text)

    env = {**cli_env, "ORGGRAPH_API_KEYS": f"reader:{READER_KEY},analyst:{ANALYST_KEY}"}
    bad_pw = {**env, "ORGGRAPH_NEO4J_PASSWORD": neo4j.conn.password + "-wrong"}
    secrets_.append(bad_pw["ORGGRAPH_NEO4J_PASSWORD"])
    for args, e in (
        (["db", "status"], env),
        (["validate", str(DATA_DIR / "vocab")], env),
        (["schema-apply"], env),
        (["schema-apply"], bad_pw),  # the error names the server, never the password
        (["--help"], env),
    ):
        proc = subprocess.run(
            [ORGGRAPH, *args], env=e, capture_output=True, text=True, check=False, timeout=120
        )
        texts += [proc.stdout, proc.stderr]

    audit = sec_settings.audit_log.read_text(encoding="utf-8")
    assert audit.count("\n") >= 4 * len(_data_routes(sec_client)), "audit log not written"
    # httpx's own lines are the test client echoing the URLs *we* built; the server side
    # (app, audit, uvicorn, neo4j driver) is what must stay clean.
    server_logs = "\n".join(
        r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))
    )
    haystacks = {"audit log": audit, "captured logs": server_logs, "responses and CLI": ""}
    haystacks["responses and CLI"] = "\n".join(texts)
    for where, text in haystacks.items():
        for s in secrets_:
            assert s not in text, f"a secret ({s[:3]}…) appears in the {where}"


def test_local_neo4j_binds_loopback_only(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, http_port=7474)
    server = JarServer(settings, home=tmp_path, bolt_port=17687)
    server.write_conf()
    conf = (tmp_path / "conf" / "neo4j.conf").read_text(encoding="utf-8")
    listen = dict(
        line.split("=", 1) for line in conf.splitlines() if "=" in line and "listen_address" in line
    )
    assert listen["server.default_listen_address"] == "127.0.0.1"
    assert listen["server.bolt.listen_address"] == "127.0.0.1:17687"
    assert listen["server.http.listen_address"].startswith("127.0.0.1:")
    assert all(v.startswith("127.0.0.1") for v in listen.values())
    assert "dbms.security.auth_enabled=true" in conf
    assert "server.https.enabled=false" in conf


def test_password_file_is_private(neo4j: Neo4jHandle) -> None:
    if neo4j.server is None:
        pytest.skip("the suite's Neo4j is not a local jar server")
    assert (neo4j.server.password_file.stat().st_mode & 0o777) == 0o600


def test_api_binds_loopback_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ORGGRAPH_API_HOST", raising=False)
    assert Settings().api_host == "127.0.0.1"


def test_keys_compared_in_constant_time() -> None:
    source = inspect.getsource(api.auth)
    assert "hmac.compare_digest" in source
    role_for = inspect.getsource(api.auth.Keyring.principal)  # role_for asks it
    assert "compare_digest" in role_for
    # No early exit: every configured key is compared.
    assert "return role" not in role_for and "break" not in role_for
    assert not re.search(r"[^!=]==\s*(expected|key|given)\b", source)
