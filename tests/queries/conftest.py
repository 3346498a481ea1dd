"""The seed datasets, loaded once per test module into the suite's Neo4j."""

from __future__ import annotations

import pytest
from neo4j import Driver

from graph.db import wipe
from graph.settings import PROJECT_ROOT
from loaders.load import load
from tests.conftest import DATABASE, SOURCES_DIR


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
