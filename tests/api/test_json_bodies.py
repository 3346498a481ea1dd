"""The JSON the app writes itself (error bodies; response models are pydantic's): orjson's
bytes, which are Starlette's JSONResponse bytes (compact, UTF-8, not ASCII-escaped), and always
valid JSON: a non-finite number from a request body is null (it was a 500), a lone surrogate
its \\u escape, an integer beyond 64 bits as given. Pure: the app's Neo4j is never reached."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.errors import SafeJSONResponse
from graph.settings import Settings
from tests.support import ANALYST, BOTH_KEYS, READER, unreachable_connection


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    dead = unreachable_connection()
    settings = Settings(
        neo4j_uri=dead.uri,
        neo4j_password=SecretStr(dead.password),
        api_keys=SecretStr(BOTH_KEYS),
        audit_log=tmp_path_factory.mktemp("json-audit") / "audit.log",
    )
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        yield c


def stdlib(content: Any) -> bytes:
    """What Starlette's JSONResponse writes."""
    return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


BODIES: list[Any] = [
    {"detail": "entity 'oltff' not found. Did you mean: o-ltf-zone-000?", "suggestions": []},
    {
        "detail": "'Korpschef' is ambiguous",
        "candidates": [
            {"id": "zone-000-korpschef", "name": "Korpschef", "kind": "Post", "path": ["Zone"]},
            {"id": "x", "name": 'Coördinator “OOV” \u2028 / \\ "q" \t\n\x1f', "path": []},
        ],
    },
    {"detail": [{"loc": ["query", "limit"], "input": 0, "ctx": {"ge": 1}, "ok": True}]},
    {"detail": "ünïcödé ✓ 𝔘 zone-000"},
]


@pytest.mark.parametrize("body", BODIES)
def test_error_bodies_are_the_bytes_starlette_wrote(body: Any) -> None:
    assert SafeJSONResponse(body).body == stdlib(body)


def test_what_orjson_refuses_is_still_written() -> None:
    big = {"detail": [{"input": 123456789012345678901234567890}]}
    assert SafeJSONResponse(big).body == stdlib(big)
    lone = {"detail": [{"input": "bogus\ud800", "nan": float("nan")}]}
    assert SafeJSONResponse(lone).body == b'{"detail":[{"input":"bogus\\ud800","nan":null}]}'
    # Response.body is declared bytes | memoryview; bytes() is a copy of the bytes render wrote.
    assert json.loads(bytes(SafeJSONResponse({"x": float("inf"), 1: "int key"}).body)) == {
        "x": None,
        "1": "int key",
    }


@pytest.mark.parametrize(
    "raw",
    [
        '{"statement": NaN}',
        '{"statement": "RETURN 1", "bogus": Infinity}',
        '{"statement": -Infinity, "params": {"p": NaN}}',
    ],
)
def test_a_non_finite_number_in_a_body_is_a_422_not_a_500(client: TestClient, raw: str) -> None:
    r = client.post(
        "/api/v1/cypher", content=raw, headers={**ANALYST, "Content-Type": "application/json"}
    )
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/json"
    assert "NaN" not in r.text and "Infinity" not in r.text
    assert all(e["input"] is None or isinstance(e["input"], dict) for e in r.json()["detail"])


def test_error_answers_keep_their_type_and_headers(client: TestClient) -> None:
    r = client.post(
        "/api/v1/queries/chain_of_command",
        content='{"id": 3}',
        headers={**READER, "Content-Type": "application/json"},
    )
    assert r.status_code == 422 and r.headers["content-type"] == "application/json"
    assert r.content == stdlib({"detail": r.json()["detail"]})
    assert r.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_the_audit_line_of_a_refused_body_is_written(client: TestClient) -> None:
    client.post(
        "/api/v1/cypher",
        content='{"statement": NaN}',
        headers={**ANALYST, "Content-Type": "application/json"},
    )
    settings_log = client.app.state.audit.path  # type: ignore[attr-defined]
    last = json.loads(settings_log.read_text(encoding="utf-8").splitlines()[-1])
    assert last["status"] == 422 and last["path"] == "/api/v1/cypher"
