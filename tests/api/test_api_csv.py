"""Rows as CSV: every endpoint that returns rows answers text/csv (via `?format=csv` or
`Accept: text/csv`), and the csv module reads it back to the JSON rows, column for column."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.deps import prefers_csv
from tests.support import ANALYST, READER

V1 = "/api/v1"

# (method, path, query params, JSON body) of every route whose answer holds rows.
ROW_ENDPOINTS: list[tuple[str, str, dict[str, Any], Any]] = [
    ("GET", "/search", {"q": "drugs"}, None),
    ("GET", "/entities/zone-000-operationeel-coordinator", {}, None),
    ("GET", "/chain-of-command/zone-000-diensthoofd-dsi", {}, None),
    ("GET", "/subordinates/zone-000-korpschef", {}, None),
    ("GET", "/representatives", {"at": "O-LTF"}, None),
    ("GET", "/responsible", {"for": "drugs"}, None),
    ("GET", "/contact", {"task": "fietsdiefstal"}, None),
    ("GET", "/path", {"from": "zone-000-diensthoofd-dsi", "to": "zone-000-korpschef"}, None),
    ("GET", "/organisations", {}, None),
    ("GET", "/organisations/zone-001/tree", {}, None),
    ("GET", "/organisations/zone-001/coverage", {}, None),
    ("GET", "/organisations/zone-000/partners", {}, None),
    ("GET", "/organisations/zone-000/collaborations", {}, None),
    ("GET", "/organisations/lokeren/objectives", {}, None),
    ("GET", "/organisations/lokeren/staffing", {}, None),
    ("GET", "/organisations/lokeren/chairs", {"include_planned": "true"}, None),
    ("GET", "/forums/O-LTF/participants", {}, None),
    ("POST", "/queries/who_represents", {}, {"at": "o-ltf-zone-000"}),
    (
        "POST",
        "/cypher",
        {},
        {
            "cypher": "MATCH (p:Post)-[r:REPORTS_TO]->(b) "
            "RETURN p.name AS `p.name`, b {.id, .name} AS boss, r.quote AS quote, "
            "[1, 2.5] AS nums, r.inferred AS inferred, null AS nothing ORDER BY p.name LIMIT 5"
        },
    ),
]
IDS = [f"{m} {p}" for m, p, _, _ in ROW_ENDPOINTS]


def call(
    client: TestClient,
    method: str,
    path: str,
    params: dict[str, Any],
    body: Any,
    headers: dict[str, str] | None = None,
) -> Any:
    return client.request(
        method, V1 + path, params=params, json=body, headers={**ANALYST, **(headers or {})}
    )


def read_csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header, *lines = list(reader)
    assert all(len(line) == len(header) for line in lines)
    return header, [dict(zip(header, line, strict=True)) for line in lines]


def decode(cell: str, like: Any) -> Any:
    """A CSV cell read back as the documented encoding says, given the JSON value's type."""
    if like is None:
        assert cell == "", cell
        return None
    if isinstance(like, str):
        return cell
    return json.loads(cell)


def assert_same_rows(header: list[str], csv_rows: list[dict[str, str]], json_body: Any) -> None:
    rows = json_body["rows"]
    assert rows, "the endpoint should have rows for this comparison"
    expected_columns = json_body.get("columns") or list(rows[0])
    assert header[: len(expected_columns)] == expected_columns
    assert len(csv_rows) == len(rows)
    for got, want in zip(csv_rows, rows, strict=True):
        assert set(want) <= set(header)
        for column in header:
            assert decode(got[column], want.get(column)) == want.get(column), column


@pytest.mark.parametrize(("method", "path", "params", "body"), ROW_ENDPOINTS, ids=IDS)
def test_csv_reads_back_to_the_json_rows(
    client: TestClient, method: str, path: str, params: dict[str, Any], body: Any
) -> None:
    as_json = call(client, method, path, params, body)
    assert as_json.status_code == 200, as_json.text
    assert as_json.headers["content-type"].startswith("application/json")
    for how in ({"params": {"format": "csv"}}, {"headers": {"Accept": "text/csv"}}):
        as_csv = call(
            client, method, path, {**params, **how.get("params", {})}, body, how.get("headers")
        )
        assert as_csv.status_code == 200, as_csv.text
        assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
        header, rows = read_csv(as_csv.text)
        assert_same_rows(header, rows, as_json.json())


def test_provenance_is_in_the_csv(client: TestClient) -> None:
    r = client.get(
        f"{V1}/contact", params={"task": "fietsdiefstal", "format": "csv"}, headers=READER
    )
    header, rows = read_csv(r.text)
    assert "source" in header
    source = json.loads(rows[0]["source"])
    assert source["id"] == "seed-001" and "fietsdiefstal" in source["quote"]
    assert 'filename="contact_for.csv"' in r.headers["content-disposition"]


def test_json_stays_the_default_and_wins_when_preferred(client: TestClient) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    for accept in ("", "*/*", "application/json", browser, "application/json, text/csv;q=0.5"):
        r = client.get(f"{V1}/organisations", headers={**READER, "Accept": accept})
        assert r.headers["content-type"].startswith("application/json"), accept
    r = client.get(
        f"{V1}/organisations", params={"format": "json"}, headers={**READER, "Accept": "text/csv"}
    )
    assert r.headers["content-type"].startswith("application/json")


def test_accept_negotiation() -> None:
    assert prefers_csv("text/csv")
    assert prefers_csv("text/csv, application/json;q=0.9")
    assert prefers_csv("TEXT/CSV;charset=utf-8, */*")
    assert not prefers_csv("text/csv;q=0")
    assert not prefers_csv("text/csv;q=0.4, application/json")
    assert not prefers_csv("text/csv;q=nonsense")
    assert not prefers_csv(",".join(["text/plain"] * 1000) + ",text/csv")  # bounded


def test_unknown_format_is_a_422(client: TestClient) -> None:
    r = client.get(f"{V1}/organisations", params={"format": "xml"}, headers=READER)
    assert r.status_code == 422
    assert "format" in json.dumps(r.json()["detail"])
    r = client.post(f"{V1}/cypher?format=xlsx", json={"cypher": "RETURN 1 AS x"}, headers=ANALYST)
    assert r.status_code == 422


def test_errors_stay_json(client: TestClient) -> None:
    r = client.get(f"{V1}/entities/no-such-thing-here", params={"format": "csv"}, headers=READER)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert "suggestions" in r.json()


def test_empty_answer_has_the_declared_header(client: TestClient) -> None:
    r = client.get(
        f"{V1}/organisations", params={"org_type": "no-such-type", "format": "csv"}, headers=READER
    )
    header, rows = read_csv(r.text)
    assert rows == []
    assert header[:3] == ["id", "name", "abbreviation"]


def test_openapi_documents_csv_for_every_rows_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    documented = 0
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            content = op["responses"].get("200", {}).get("content", {})
            ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
            if ref.endswith(("/Rows", "/PagedRows", "/CypherResult")):
                documented += 1
                assert "text/csv" in content, f"{method} {path}"
                assert content["text/csv"]["schema"] == {"type": "string"}
                fmt = [p for p in op["parameters"] if p["name"] == "format"]
                assert fmt and fmt[0]["in"] == "query", f"{method} {path}"
            else:
                assert "text/csv" not in content, f"{method} {path}"
    assert documented == len(ROW_ENDPOINTS)
