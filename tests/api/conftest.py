"""API test fixtures: clients with known keys over the seed data (`seeded`, tests/conftest.py),
in process and as a live uvicorn server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from graph.settings import Settings
from tests.api.live import LiveAPI, live_api
from tests.conftest import Neo4jHandle
from tests.support import BOTH_KEYS, app_client, keyed_settings


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
