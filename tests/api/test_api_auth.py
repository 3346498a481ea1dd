"""Auth: every data endpoint needs a key, roles are enforced, keys never leak."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from pydantic import SecretStr

from api.app import create_app
from api.auth import Keyring
from api.keys import demo_keys_file, ensure_demo_keys
from graph.errors import ConfigError
from graph.settings import Settings
from tests.support import ANALYST, ANALYST_KEY, READER, READER_KEY, audit_lines

pytestmark = pytest.mark.reliability("unauthorised successes")

V1 = "/api/v1"
PUBLIC = {f"{V1}/health", "/"}
# Forgetting the landing page's key (clearing its cookie) needs no key; POST /session does.
PUBLIC_OPS = {("DELETE", "/session")}


def data_endpoints(client: TestClient) -> list[tuple[str, str]]:
    """(method, url) of every documented route except the public ones, path params filled."""
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    return [
        (method.upper(), re.sub(r"\{[^}]+\}", "zone-001", path))
        for path, ops in paths.items()
        if path not in PUBLIC
        for method in ops
        if (method.upper(), path) not in PUBLIC_OPS
    ]


def test_there_are_data_endpoints(client: TestClient) -> None:
    assert len(data_endpoints(client)) >= 14


def test_every_data_endpoint_needs_a_key(client: TestClient) -> None:
    for method, url in data_endpoints(client):
        for headers in ({}, {"X-API-Key": "wrong"}, {"X-API-Key": ""}):
            r = client.request(method, url, headers=headers, json={})
            assert r.status_code == 401, (method, url, headers, r.text)


def test_health_needs_no_key(client: TestClient) -> None:
    assert client.get(f"{V1}/health").status_code == 200


def test_reader_may_not_run_cypher_analyst_may(client: TestClient) -> None:
    body = {"cypher": "MATCH (n:Organisation) RETURN n.id AS id LIMIT 3"}
    r = client.post(f"{V1}/cypher", json=body, headers=READER)
    assert r.status_code == 403
    assert READER_KEY not in r.text
    r = client.post(f"{V1}/cypher", json=body, headers=ANALYST)
    assert r.status_code == 200, r.text
    assert r.json()["columns"] == ["id"]


def test_analyst_key_is_also_a_reader_key(client: TestClient) -> None:
    r = client.get(f"{V1}/search", params={"q": "drugs"}, headers=ANALYST)
    assert r.status_code == 200


def test_key_from_cookie(seeded: Driver, api_settings: Settings) -> None:
    with TestClient(create_app(api_settings, seeded)) as c:
        c.cookies.set("orggraph_key", READER_KEY)
        assert c.get(f"{V1}/search", params={"q": "drugs"}).status_code == 200
        c.cookies.set("orggraph_key", "nope")
        assert c.get(f"{V1}/search", params={"q": "drugs"}).status_code == 401


def test_no_keys_configured_explains_how_to_set_them(
    seeded: Driver, test_settings: Settings, tmp_path: Path
) -> None:
    settings = test_settings.model_copy(
        update={"api_keys": None, "audit_log": tmp_path / "audit.log"}
    )
    with TestClient(create_app(settings, seeded)) as c:
        r = c.get(f"{V1}/search", params={"q": "drugs"}, headers=READER)
        assert r.status_code == 401
        assert "ORGGRAPH_API_KEYS" in r.json()["detail"]
        assert c.get(f"{V1}/health").status_code == 200


def test_keyring_parsing() -> None:
    ring = Keyring.parse(SecretStr(" reader:k1 , analyst:k2,"))
    assert ring.role_for("k1") == "reader"
    assert ring.role_for("k2") == "analyst"
    assert ring.role_for("k3") is None
    assert ring.role_for("") is None
    assert ring.role_for("k1\udcff") is None
    assert Keyring.parse(SecretStr("reader:same,analyst:same")).role_for("same") == "analyst"
    assert Keyring.parse(None).empty
    for bad in ("admin:secret-1", "reader", "reader:", ":x"):
        with pytest.raises(ConfigError) as e:
            Keyring.parse(SecretStr(bad))
        assert "secret-1" not in str(e.value)


def test_audit_log_has_a_line_per_request_and_never_the_key(
    seeded: Driver, api_settings: Settings, tmp_path: Path
) -> None:
    log = tmp_path / "sub" / "audit.log"
    settings = api_settings.model_copy(update={"audit_log": log})
    long_cypher = "MATCH (n:Organisation) RETURN n.id AS id /*" + "x" * 2000 + "*/"
    with TestClient(create_app(settings, seeded), raise_server_exceptions=False) as c:
        requests = [
            c.get(f"{V1}/search", params={"q": "drugs"}, headers=READER),
            c.get(f"{V1}/search", params={"q": "drugs"}, headers={"X-API-Key": "guess"}),
            c.get(f"{V1}/chain-of-command/zone-000-diensthoofd-dsi", headers=READER),
            c.post(f"{V1}/queries/search", json={"q": "oltf"}, headers=READER),
            c.post(f"{V1}/cypher", json={"cypher": long_cypher}, headers=ANALYST),
            c.post(f"{V1}/cypher", json={"cypher": "CREATE (n)"}, headers=ANALYST),
            c.get(f"{V1}/health"),
        ]
    lines = audit_lines(settings)
    assert len(lines) == len(requests)
    text = log.read_text(encoding="utf-8")
    for key in (READER_KEY, ANALYST_KEY, "guess"):
        assert key not in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    entries = [json.loads(line) for line in lines]
    assert [e["status"] for e in entries] == [r.status_code for r in requests]
    first = entries[0]
    assert first["role"] == "reader" and first["method"] == "GET"
    assert first["path"] == f"{V1}/search" and first["query"] == "search"
    assert first["rows"] == requests[0].json()["count"]
    assert entries[1]["role"] is None and entries[1]["status"] == 401
    assert entries[3]["query"] == "search"
    assert entries[4]["role"] == "analyst"
    assert entries[4]["cypher"].startswith("MATCH (n:Organisation)")
    assert len(entries[4]["cypher"]) <= 501
    assert entries[5]["cypher"] == "CREATE (n)" and entries[5]["status"] == 403
    assert {"time", "role", "method", "path", "query", "cypher", "rows", "status"} <= set(first)


def test_ensure_demo_keys(test_settings: Settings, tmp_path: Path) -> None:
    settings = test_settings.model_copy(update={"api_keys": None, "home": tmp_path / "home"})
    shown: list[str] = []
    with_keys = ensure_demo_keys(settings, echo=shown.append)
    assert with_keys.api_keys is not None
    raw = with_keys.api_keys.get_secret_value()
    ring = Keyring.parse(with_keys.api_keys)
    roles = {role for role, _ in ring.entries}
    assert roles == {"reader", "analyst"}
    path = demo_keys_file(settings)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().strip() == raw
    keys = [k.decode() for _, k in ring.entries]
    assert all(any(k in line for line in shown) for k in keys)

    again: list[str] = []
    reused = ensure_demo_keys(settings, echo=again.append)
    assert reused.api_keys is not None and reused.api_keys.get_secret_value() == raw
    assert not any(k in line for k in keys for line in again)

    configured = settings.model_copy(update={"api_keys": SecretStr("reader:mine")})
    assert ensure_demo_keys(configured, echo=again.append) is configured
