"""API test fixtures: clients with known keys over the seed data (`seeded`, tests/conftest.py),
in process and as a live uvicorn server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from graph.db import counts
from graph.settings import Settings
from tests.api.live import LiveAPI, live_api
from tests.conftest import Neo4jHandle
from tests.support import (
    BOTH_KEYS,
    DATABASE,
    Combined,
    app_client,
    keyed_settings,
    load_combined,
)


@pytest.fixture(scope="module")
def api_settings(test_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return keyed_settings(test_settings, BOTH_KEYS, tmp_path_factory.mktemp("api-audit"))


@pytest.fixture(scope="module")
def client(seeded: Driver, api_settings: Settings) -> Iterator[TestClient]:
    """A client that turns server crashes into 500 responses, so tests can assert on them."""
    with app_client(api_settings, seeded) as c:
        yield c


@pytest.fixture(scope="module")
def live(
    seeded: Driver, neo4j: Neo4jHandle, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveAPI]:
    """The API served by uvicorn over real HTTP, for the module (started after the seed load)."""
    with live_api(neo4j.conn, tmp_path_factory.mktemp("live-api")) as api:
        yield api


@pytest.fixture(scope="session")
def national_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated national set (bench/generate.py), generated once per session."""
    from tests.support import generate_national

    return generate_national(tmp_path_factory.mktemp("national"))


_COMBINED: dict[str, Any] = {}


@pytest.fixture(scope="module")
def combined(driver: Driver, national_dir: Path) -> Combined:
    """Many organisations in one graph (issue 15): the seeds, data/examples, the invented
    datasets of tests/api/data and the generated national set (tests.support.load_combined),
    loaded after a wipe. The two read-only modules that use it run one after the other
    (test_questions*.py), and the second reuses the load when the graph still holds exactly
    the nodes and relationships it was left with: any module in between wipes it, and then
    it is loaded again (a ~50 s load once instead of twice)."""
    cached = _COMBINED.get("graph")
    if cached is not None and counts(driver, database=DATABASE) == _COMBINED["counts"]:
        return cast(Combined, cached)
    graph = load_combined(driver, national_dir)
    _COMBINED.update(graph=graph, counts=counts(driver, database=DATABASE))
    return graph


@pytest.fixture(scope="module")
def combined_client(combined: Combined, api_settings: Settings) -> Iterator[TestClient]:
    with app_client(api_settings, combined.driver) as c:
        yield c
