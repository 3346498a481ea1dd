"""API test fixtures: the seed datasets loaded once per module, and clients with known keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from pydantic import SecretStr

from api.app import create_app
from graph.db import wipe
from graph.settings import PROJECT_ROOT, Settings
from loaders.load import load
from tests.conftest import SOURCES_DIR

DATABASE = "neo4j"
READER_KEY = "r-key"
ANALYST_KEY = "a-key"
READER = {"X-API-Key": READER_KEY}
ANALYST = {"X-API-Key": ANALYST_KEY}


@pytest.fixture(scope="module")
def seeded(driver: Driver) -> Driver:
    """The seed datasets, loaded once for the module (after a wipe)."""
    wipe(driver, database=DATABASE)
    load(
        driver,
        [PROJECT_ROOT / "data"],
        database=DATABASE,
        sources_dir=SOURCES_DIR,
    )
    return driver


@pytest.fixture(scope="module")
def api_settings(test_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return test_settings.model_copy(
        update={
            "api_keys": SecretStr(f"reader:{READER_KEY},analyst:{ANALYST_KEY}"),
            "audit_log": tmp_path_factory.mktemp("api-audit") / "audit.log",
        }
    )


@pytest.fixture(scope="module")
def client(seeded: Driver, api_settings: Settings) -> Iterator[TestClient]:
    """A client that turns server crashes into 500 responses, so tests can assert on them."""
    with TestClient(create_app(api_settings, seeded), raise_server_exceptions=False) as c:
        yield c


def audit_lines(settings: Settings) -> list[str]:
    path: Path = settings.audit_log
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []
