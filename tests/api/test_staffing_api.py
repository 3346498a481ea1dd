"""GET /api/v1/organisations/{id}/staffing over a small dataset with staffing figures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from graph.db import wipe
from graph.settings import Settings
from loaders.load import load
from tests.loaders.staffing_data import TEXT, write_dataset
from tests.support import DATABASE, READER, app_client

URL = "/api/v1/organisations/{}/staffing"


@pytest.fixture(scope="module")
def staffed(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    wipe(driver, database=DATABASE)
    data, sources = write_dataset(tmp_path_factory.mktemp("staffing"))
    load(driver, [data], database=DATABASE, sources_dir=sources)
    return driver


@pytest.fixture(scope="module")
def staff_client(staffed: Driver, api_settings: Settings) -> Iterator[TestClient]:
    with app_client(api_settings, staffed) as c:
        yield c


def _one(client: TestClient, ref: str, **params: Any) -> dict[str, Any]:
    r = client.get(URL.format(ref), params=params, headers=READER)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["query"] == "staffing" and body["count"] == 1
    row: dict[str, Any] = body["rows"][0]
    return row


def test_every_figure_under_the_zone_with_its_quote_and_totals_by_rank(
    staff_client: TestClient,
) -> None:
    row = _one(staff_client, "st-zone")
    assert (row["id"], row["kind"]) == ("st-zone", "Organisation")
    got = [
        (f["entity"]["id"], f["depth"], f["count"], f["rank"], f["per"], f["summed"])
        for f in row["figures"]
    ]
    assert got == [
        ("st-recherche", 1, 3, "HINP", None, True),
        ("st-recherche", 1, 5, "INP", None, True),
        ("st-recherche", 1, 8, None, None, False),  # the stated total: listed, not added
        ("st-wijkinspecteur", 1, 1, None, "4000 inwoners", False),  # a ratio
        ("st-drugs", 2, 2, "HINP", None, False),  # inside the recherche's 3 HINP
    ]
    for f in row["figures"]:
        source = f["source"]
        assert source["quote"] in TEXT
        assert (source["id"], source["file"], source["title"]) == ("st-src", "st.txt", "Teststad")
    assert row["figures"][0]["source"]["quote"] == "3 hoofdinspecteurs"
    assert row["totals"] == [
        {"rank": "HINP", "count": 3, "figures": 1},
        {"rank": "INP", "count": 5, "figures": 1},
    ]
    assert row["ranked_total"] == 8


def test_a_unit_by_name_answers_its_own_figures(staff_client: TestClient) -> None:
    row = _one(staff_client, "Team drugs")
    assert row["id"] == "st-drugs"
    assert [(f["count"], f["rank"], f["summed"]) for f in row["figures"]] == [(2, "HINP", True)]
    assert row["totals"] == [{"rank": "HINP", "count": 2, "figures": 1}]


def test_an_entity_without_figures_answers_empty_lists(staff_client: TestClient) -> None:
    row = _one(staff_client, "st-verkeer")
    assert (row["figures"], row["totals"], row["ranked_total"]) == ([], [], 0)


def test_a_near_miss_resolves_by_full_text_and_an_unknown_name_is_404(
    staff_client: TestClient,
) -> None:
    # Rule 3 of "How names are resolved": one clearly best full-text hit is taken, and says so.
    r = staff_client.get(URL.format("st-recherch"), headers=READER)
    assert r.status_code == 200
    assert r.json()["resolved"]["id"]["id"] == "st-recherche"
    assert r.json()["resolved"]["id"]["rule"] == "fulltext"
    r = staff_client.get(URL.format("qqq-nergens-xyz"), headers=READER)
    assert r.status_code == 404
    assert "qqq-nergens-xyz" in r.json()["detail"]


def test_the_endpoint_is_documented_with_an_example(staff_client: TestClient) -> None:
    op = staff_client.get("/openapi.json").json()["paths"]["/api/v1/organisations/{id}/staffing"][
        "get"
    ]
    example = op["responses"]["200"]["content"]["application/json"]["example"]
    assert example["query"] == "staffing"
    assert example["rows"][0]["totals"][0] == {"rank": "HINP", "count": 3, "figures": 1}
