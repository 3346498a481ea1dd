"""POST /cypher takes the text as `statement` (the CLI's name) or `cypher`, exactly one; a
Cypher error never shows the internal EXPLAIN."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.support import ANALYST

pytestmark = pytest.mark.reliability("unauthorised successes")

URL = "/api/v1/cypher"
QUERY = "MATCH (o:Organisation {id: 'zone-000'}) RETURN o.id AS id"


@pytest.mark.parametrize("name", ["statement", "cypher"])
def test_either_name_runs_the_statement(client: TestClient, name: str) -> None:
    r = client.post(URL, json={name: QUERY}, headers=ANALYST)
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == [{"id": "zone-000"}]


@pytest.mark.parametrize(
    ("body", "given"),
    [
        ({"statement": QUERY, "cypher": QUERY}, "both"),
        ({}, "neither"),
        ({"params": {}}, "neither"),
        ({"statement": None, "cypher": None}, "neither"),
    ],
)
def test_exactly_one_name(client: TestClient, body: dict[str, object], given: str) -> None:
    r = client.post(URL, json=body, headers=ANALYST)
    assert r.status_code == 422, r.text
    text = str(r.json()["detail"])
    assert "exactly one of `statement` or `cypher`" in text
    assert f"({given} was given)" in text


def test_other_fields_and_empty_text_are_refused(client: TestClient) -> None:
    assert client.post(URL, json={"query": QUERY}, headers=ANALYST).status_code == 422
    assert client.post(URL, json={"statement": ""}, headers=ANALYST).status_code == 422
    assert client.post(URL, json={"statement": "x" * 20_001}, headers=ANALYST).status_code == 422


@pytest.mark.parametrize("name", ["statement", "cypher"])
def test_syntax_error_does_not_show_explain(client: TestClient, name: str) -> None:
    r = client.post(URL, json={name: "MTCH (n) RETURN n"}, headers=ANALYST)
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert "EXPLAIN" not in detail
    assert "line 1, column 1 (offset: 0)" in detail
    assert '"MTCH (n) RETURN n"' in detail


def test_openapi_documents_both_names(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    props = spec["components"]["schemas"]["CypherRequest"]["properties"]
    assert {"statement", "cypher", "params"} <= set(props)
