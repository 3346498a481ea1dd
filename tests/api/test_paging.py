"""`/representatives` and `/forums/{id}/participants` answer one page (`?limit=&offset=`,
default 50, bounded: 422 outside) with `total`, `limit` and `offset` beside the rows, which keep
their shape; paging through covers every row once. `orggraph query` pages with `-p limit=` and
says on stderr which rows of how many it printed."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from graph.db import wipe
from graph.settings import Settings
from tests.queries import big_body as bb
from tests.support import DATABASE, ORGGRAPH, READER, app_client

V1 = "/api/v1"
REPS = f"{V1}/representatives"
PARTS = f"{V1}/forums/{bb.BODY}/participants"
ENDPOINTS = {
    "who_represents": (REPS, {"at": bb.BODY}),
    "forum_participants": (PARTS, {}),
}


def key(name: str, row: dict[str, Any]) -> tuple[str, str, str | None]:
    role = (row["via_role"] or {}).get("id")
    return (
        (row["id"], row["relation"], role)
        if name == "who_represents"
        else (row["capacity"], row["id"], role)
    )


def expected(name: str) -> set[tuple[str, str, str | None]]:
    return bb.expected_representatives() if name == "who_represents" else bb.expected_participants()


@pytest.fixture(scope="module")
def big(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    wipe(driver, database=DATABASE)
    bb.load_big_body(driver, tmp_path_factory.mktemp("big-body"))
    return driver


@pytest.fixture(scope="module")
def client(big: Driver, api_settings: Settings) -> Iterator[TestClient]:
    """A generous query timeout, as the golden answers have: on a busy machine the first,
    cold plan of a query can take longer than the default 10 s."""
    settings = api_settings.model_copy(update={"cypher_timeout_s": 120.0})
    with app_client(settings, big) as c:
        yield c


def get(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    r = client.get(path, params=params, headers=READER)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_the_default_page_is_50_rows_with_total_limit_and_offset(
    client: TestClient, name: str
) -> None:
    path, params = ENDPOINTS[name]
    body = get(client, path, **params)
    assert (body["total"], body["limit"], body["offset"]) == (len(expected(name)), 50, 0)
    assert body["count"] == len(body["rows"]) == 50
    assert body["params"]["limit"] == 50 and body["params"]["offset"] == 0
    assert all("total" not in r for r in body["rows"])  # the rows keep their shape
    assert {"id", "name", "kind", "via", "via_text", "holders", "source"} <= set(body["rows"][0])
    assert body["hint"] is None


@pytest.mark.parametrize("size", [17, 50])
@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_paging_through_covers_every_row_once(client: TestClient, name: str, size: int) -> None:
    path, params = ENDPOINTS[name]
    whole = get(client, path, **params, limit=500)
    assert whole["count"] == whole["total"] == len(expected(name))
    rows: list[dict[str, Any]] = []
    offset = 0
    while offset < whole["total"]:
        page = get(client, path, **params, limit=size, offset=offset)
        assert (page["total"], page["limit"], page["offset"]) == (whole["total"], size, offset)
        assert page["count"] == len(page["rows"]) == min(size, whole["total"] - offset)
        rows += page["rows"]
        offset += size
    assert rows == whole["rows"]
    keys = [key(name, r) for r in rows]
    assert len(set(keys)) == len(keys) and set(keys) == expected(name)
    past = get(client, path, **params, limit=size, offset=offset + 100)
    assert (past["rows"], past["count"], past["total"]) == ([], 0, whole["total"])
    assert past["hint"] is None  # a page past the end is not "nobody found"


def test_a_body_given_by_name_pages_the_same(client: TestClient) -> None:
    by_id = get(client, REPS, at=bb.BODY, limit=10, offset=30)
    by_name = get(client, REPS, at="Paginaoverleg", limit=10, offset=30)
    assert by_name["rows"] == by_id["rows"] and by_name["total"] == by_id["total"]
    assert by_name["resolved"]["at"]["id"] == bb.BODY
    scoped = get(client, REPS, at="paginaoverleg", org=bb.OTHER_ZONE, limit=3)
    assert scoped["total"] == len(bb.expected_representatives(org=bb.OTHER_ZONE))
    assert scoped["count"] == 3


@pytest.mark.parametrize("path", [REPS, PARTS])
@pytest.mark.parametrize(
    ("param", "value", "message"),
    [
        ("limit", 0, "greater than or equal to 1"),
        ("limit", 501, "less than or equal to 500"),
        ("limit", "many", "valid integer"),
        ("offset", -1, "greater than or equal to 0"),
        ("offset", 100_001, "less than or equal to 100000"),
    ],
)
def test_out_of_bounds_is_a_422_naming_the_parameter(
    client: TestClient, path: str, param: str, value: Any, message: str
) -> None:
    params = {"at": bb.BODY} if path == REPS else {}
    r = client.get(path, params={**params, param: value}, headers=READER)
    assert r.status_code == 422, r.text
    (error,) = r.json()["detail"]
    assert error["loc"] == ["query", param] and message in error["msg"]


def test_the_bounds_hold_at_their_edges(client: TestClient) -> None:
    assert get(client, REPS, at=bb.BODY, limit=1)["count"] == 1
    assert get(client, PARTS, limit=500)["count"] == len(bb.expected_participants())
    assert get(client, PARTS, offset=100_000)["count"] == 0


def test_the_library_endpoint_takes_the_same_bounds(client: TestClient) -> None:
    r = client.post(
        f"{V1}/queries/who_represents", json={"at": bb.BODY, "limit": 501}, headers=READER
    )
    assert r.status_code == 422 and "'limit' must be between 1 and 500" in r.json()["detail"]
    r = client.post(
        f"{V1}/queries/forum_participants",
        json={"id": bb.BODY, "limit": 5, "offset": 95},
        headers=READER,
    )
    assert r.status_code == 200, r.text
    rows = r.json()["rows"]
    assert len(rows) == len(bb.expected_participants()) - 95
    assert {row["total"] for row in rows} == {len(bb.expected_participants())}


def test_a_page_as_csv_has_the_page_s_rows_and_no_total_column(client: TestClient) -> None:
    r = client.get(PARTS, params={"limit": 5, "offset": 10, "format": "csv"}, headers=READER)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(r.text)))
    page = get(client, PARTS, limit=5, offset=10)["rows"]
    assert [row["id"] for row in table] == [row["id"] for row in page]
    assert "total" not in table[0]


def test_the_openapi_document_states_the_bounds(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    for path in ("/api/v1/representatives", "/api/v1/forums/{id}/participants"):
        params = {p["name"]: p["schema"] for p in doc["paths"][path]["get"]["parameters"]}
        limit = params["limit"]
        assert (limit["minimum"], limit["maximum"], limit["default"]) == (1, 500, 50)
        assert (params["offset"]["minimum"], params["offset"]["maximum"]) == (0, 100_000)
        ok = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        assert ok["schema"] == {"$ref": "#/components/schemas/PagedRows"}
    assert {"total", "limit", "offset"} <= set(
        doc["components"]["schemas"]["PagedRows"]["required"]
    )


def test_the_cli_pages_and_says_which_rows_of_how_many(
    big: Driver, cli_env: dict[str, str]
) -> None:
    total = len(bb.expected_representatives())
    args = ["query", "who_represents", "-p", f"at={bb.BODY}", "-p", "limit=20", "-p", "offset=40"]
    res = subprocess.run(
        [ORGGRAPH, *args, "--format", "json"],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)
    assert len(rows) == 20 and {r["total"] for r in rows} == {total}
    assert f"rows 41-60 of {total}; the next page starts at offset 60 (limit 20)" in res.stderr
    bad = subprocess.run(
        [ORGGRAPH, "query", "who_represents", "-p", f"at={bb.BODY}", "-p", "limit=501"],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and "'limit' must be between 1 and 500" in bad.stderr
