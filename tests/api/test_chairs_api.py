"""GET /api/v1/organisations/{id}/chairs and `orggraph query chairs` over two invented zones
(tests/queries/test_explained_answers.py): who chairs and vice-chairs what in one organisation,
each row with the body, the capacity and how it was found."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

import queries
from graph.db import wipe
from graph.settings import Settings
from tests.queries.test_explained_answers import S, graph
from tests.support import DATABASE, ORGGRAPH, READER, app_client


@pytest.fixture(scope="module")
def zones(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    wipe(driver, database=DATABASE)
    graph(driver, tmp_path_factory.mktemp("chairs"))
    return driver


@pytest.fixture(scope="module")
def chairs_client(zones: Driver, api_settings: Settings) -> Iterator[TestClient]:
    with app_client(api_settings, zones) as c:
        yield c


def test_chairs_of_an_organisation_by_name(chairs_client: TestClient) -> None:
    r = chairs_client.get("/api/v1/organisations/Politiezone Rivierland/chairs", headers=READER)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["query"] == "chairs" and body["resolved"]["id"]["id"] == "rl"
    assert [(x["body"]["id"], x["capacity"], x["id"], x["kind"]) for x in body["rows"]] == [
        ("rl-politiecollege", "chairs", "lies-claes", "Person"),
        ("rl-politiecollege", "vice-chair", "tom-peeters", "Person"),
    ]
    vice = body["rows"][1]
    assert vice["via_text"] == "direct (CHAIRS)" and vice["source"]["quote"] == S["onder"]
    assert vice["via"] == [
        {
            "type": "CHAIRS",
            "from": {"id": "tom-peeters", "name": "Tom Peeters"},
            "to": {"id": "rl-politiecollege", "name": "Politiecollege Rivierland"},
            "quote": S["onder"],
            "source": "rivierland",
        }
    ]
    other = chairs_client.get("/api/v1/organisations/hb/chairs", headers=READER).json()
    assert other["count"] == 0
    csv = chairs_client.get("/api/v1/organisations/rl/chairs?format=csv", headers=READER)
    assert csv.status_code == 200 and "vice-chair" in csv.text


def test_chairs_unknown_organisation_is_404(chairs_client: TestClient) -> None:
    r = chairs_client.get("/api/v1/organisations/Politiezone Nergensland/chairs", headers=READER)
    assert r.status_code == 404


def test_cli_query_chairs_equals_the_library(zones: Driver, cli_env: dict[str, str]) -> None:
    res = subprocess.run(
        [ORGGRAPH, "query", "chairs", "-p", "org=Politiezone Rivierland", "--format", "json"],
        env=cli_env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    expected = queries.run(zones, "chairs", {"org": "rl"}, database=DATABASE)
    assert json.loads(res.stdout) == expected and len(expected) == 2
