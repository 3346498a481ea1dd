"""Malformed and hostile input on every endpoint: never a 500, never a change to the data."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from api.app import create_app
from graph.db import counts, create_driver
from graph.settings import Settings
from tests.stress_stats import count
from tests.support import ANALYST, DATABASE, READER, audit_lines, unreachable_connection

pytestmark = pytest.mark.reliability("5xx")

V1 = "/api/v1"

HOSTILE = [
    "'})-[r]-() DETACH DELETE r //",
    '"}) MATCH (n) DETACH DELETE n //',
    "x` DETACH DELETE n //",
    "$q",
    "{id}",
    "*",
    "?",
    "~",
    "\\",
    "\\\\\\",
    "AND OR NOT",
    "name:(a OR b)^100",
    "a~0.5",
    "[a TO z]",
    '"unterminated',
    "((((",
    "/regex/",
    "-",
    " ",
    "%00",
    "\x00",
    "\x1b[31mred",
    "\ud7ff\ue000\uffff",
    "💥🚓👮‍♀️" * 10,
    "Ω≈ç√∫˜µ≤≥÷",
    "\u202eevil",
    "ÅÍÎÏ˝ÓÔÒÚÆ☃",
    "𝕿𝖍𝖊 𝖖𝖚𝖎𝖈𝖐",
    "null",
    "undefined",
    "-1",
    "9" * 400,
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "CALL dbms.components()",
    "a" * 199,
    "a" * 5000,
    "O-LTF" * 300,
]

# (method, url template, how the hostile value is sent)
ENDPOINTS: list[tuple[str, str, str]] = [
    ("GET", "/search?q={v}", "query"),
    ("GET", "/search?q=drugs&limit={v}", "query"),
    ("GET", "/entities/{v}", "path"),
    ("GET", "/entities/zone-001?as_of={v}", "query"),
    ("GET", "/chain-of-command/{v}", "path"),
    ("GET", "/chain-of-command/zone-000-diensthoofd-dsi?as_of={v}", "query"),
    ("GET", "/subordinates/{v}", "path"),
    ("GET", "/subordinates/zone-000-korpschef?depth={v}", "query"),
    ("GET", "/representatives?at={v}", "query"),
    ("GET", "/representatives?at=O-LTF&org={v}", "query"),
    ("GET", "/representatives?at=O-LTF&as_of={v}", "query"),
    ("GET", "/responsible?for={v}", "query"),
    ("GET", "/contact?task={v}", "query"),
    ("GET", "/path?from={v}&to=zone-000-korpschef", "query"),
    ("GET", "/path?from=zone-000-korpschef&to={v}", "query"),
    ("GET", "/organisations/{v}/tree", "path"),
    ("GET", "/organisations/zone-001/tree?include_planned={v}", "query"),
    ("GET", "/organisations/{v}/coverage", "path"),
    ("GET", "/organisations/{v}/partners", "path"),
    ("GET", "/organisations/{v}/collaborations", "path"),
    ("GET", "/organisations/{v}/objectives", "path"),
    ("GET", "/organisations?org_type={v}", "query"),
    ("GET", "/forums/{v}/participants", "path"),
    ("POST", "/queries/{v}", "path"),
]

MISSING = [
    ("GET", "/search"),
    ("GET", "/search?q="),
    ("GET", "/representatives"),
    ("GET", "/representatives?at="),
    ("GET", "/responsible"),
    ("GET", "/contact"),
    ("GET", "/path"),
    ("GET", "/path?from=zone-001"),
    ("GET", "/entities/"),
    ("GET", "/organisations//tree"),
    ("POST", "/queries/search"),
    ("POST", "/cypher"),
]


@pytest.fixture(scope="module")
def baseline(seeded: Driver) -> dict[str, Any]:
    """The database's counts before the module's first hostile request."""
    return dict(counts(seeded, database=DATABASE))


def url_for(template: str, how: str, value: str) -> str:
    encoded = quote(value, safe="")
    return V1 + template.replace("{v}", encoded)


@pytest.mark.parametrize(("method", "template", "how"), ENDPOINTS)
def test_hostile_values_never_500(
    client: TestClient, baseline: dict[str, Any], method: str, template: str, how: str
) -> None:
    for value in HOSTILE:
        count("injections")
        count("requests")
        url = url_for(template, how, value)
        r = client.request(method, url, headers=READER, json={})
        assert r.status_code < 500, (url[:200], r.status_code, r.text[:500])


@pytest.mark.parametrize(("method", "url"), MISSING)
def test_missing_params_are_4xx(
    client: TestClient, baseline: dict[str, Any], method: str, url: str
) -> None:
    r = client.request(method, V1 + url, headers=ANALYST)
    assert 400 <= r.status_code < 500, (url, r.status_code, r.text[:300])


@pytest.mark.parametrize("value", HOSTILE[:20])
def test_hostile_query_bodies(client: TestClient, baseline: dict[str, Any], value: str) -> None:
    body: dict[str, Any]
    for name in ("search", "chain_of_command", "who_represents", "contact_for", "entity"):
        for body in ({"q": value}, {"id": value}, {"at": value}, {"task": value}, {value: 1}):
            r = client.post(f"{V1}/queries/{name}", json=body, headers=READER)
            assert r.status_code < 500, (name, body, r.text[:300])
    for body in ({"cypher": value}, {"cypher": "RETURN $x", "params": {"x": value}}):
        r = client.post(f"{V1}/cypher", json=body, headers=ANALYST)
        assert r.status_code < 500, (body, r.text[:300])


def test_non_json_bodies(client: TestClient, baseline: dict[str, Any]) -> None:
    for url in (f"{V1}/queries/search", f"{V1}/cypher"):
        for content in (b"{", b"\xff\xfe", b"null", b'"x"', b"[1,2]", b"{}" * 1000):
            r = client.post(
                url, content=content, headers={**ANALYST, "Content-Type": "application/json"}
            )
            assert 400 <= r.status_code < 500, (url, content[:20], r.text[:300])


text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=0, max_size=300)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(value=text, which=st.sampled_from(ENDPOINTS))
def test_fuzz_never_500(client: TestClient, value: str, which: tuple[str, str, str]) -> None:
    method, template, how = which
    r = client.request(method, url_for(template, how, value), headers=READER, json={})
    assert r.status_code < 500, (which, value, r.text[:300])


def test_fuzz_left_the_database_unchanged(seeded: Driver, baseline: dict[str, Any]) -> None:
    """Runs after every hostile request of this module (tests run in file order)."""
    assert baseline, "no counts to compare: the seed data is missing"
    assert dict(counts(seeded, database=DATABASE)) == baseline


def test_503_when_neo4j_is_down(api_settings: Settings) -> None:
    dead = unreachable_connection()
    drv = create_driver(dead, verify=False)
    try:
        with TestClient(create_app(api_settings, drv), raise_server_exceptions=False) as c:
            for method, url, headers in [
                ("GET", "/search?q=drugs", READER),
                ("GET", "/representatives?at=O-LTF", READER),
                ("GET", "/chain-of-command/zone-000-korpschef", READER),
                ("GET", "/organisations", READER),
                ("POST", "/queries/search", READER),
                ("POST", "/cypher", ANALYST),
            ]:
                body: dict[str, Any] = {"q": "x", "cypher": "RETURN 1"}
                if url.endswith("cypher"):
                    body = {"cypher": "RETURN 1"}
                elif url.startswith("/queries"):
                    body = {"q": "drugs"}
                r = c.request(method, V1 + url, headers=headers, json=body)
                assert r.status_code == 503, (url, r.text)
                assert "unavailable" in r.json()["detail"].lower()
    finally:
        drv.close()


def test_a_genuine_bug_is_a_bare_500_logged_and_audited(
    seeded: Driver, api_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(api_settings, seeded)

    def broken() -> None:
        raise RuntimeError("secret internals")

    app.add_api_route("/api/v1/broken", broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/v1/broken")
    assert r.status_code == 500
    assert "secret internals" not in r.text
    assert any("secret internals" in str(rec.exc_info) for rec in caplog.records)
    assert json.loads(audit_lines(api_settings)[-1])["status"] == 500
