"""The serving process freezes what startup built (api.app.settle_heap), so the cycle
collector's full passes no longer walk the app, the catalog and the driver with the GIL held
(45-70 ms each, measured under load); an app built in a test process leaves that process's
collector alone. Pure: the app's Neo4j is never reached (the driver is created unverified)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from graph.settings import Settings
from tests.support import BOTH_KEYS, unreachable_connection


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    dead = unreachable_connection()
    return Settings(
        neo4j_uri=dead.uri,
        neo4j_password=SecretStr(dead.password),
        api_keys=SecretStr(BOTH_KEYS),
        audit_log=tmp_path / "audit.log",
    )


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Start and end with nothing frozen, so this process's collector is as it was."""
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("unfrozen")
def test_the_serving_app_freezes_its_startup_heap(settings: Settings) -> None:
    with TestClient(create_app(settings, settle=True)) as client:
        frozen = gc.get_freeze_count()
        # startup's own objects (the app and its routes among them) are out of the collector's
        # generations; the app still answers
        assert frozen > 10_000
        assert client.get("/api/v1/health").status_code == 503  # Neo4j unreachable: no 500
        # once, at startup, not per request (the count only falls, as refcounting frees some)
        assert gc.get_freeze_count() <= frozen


@pytest.mark.usefixtures("unfrozen")
def test_an_app_built_in_a_test_process_leaves_its_collector_alone(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/v1/health").status_code == 503
        assert gc.get_freeze_count() == 0


def test_orggraph_serve_runs_the_settling_factory() -> None:
    """`orggraph serve` (and every worker of --workers N) builds its app with serving_app,
    the factory that settles; the benchmark and the suite's served API use the same one."""
    import importlib
    import inspect

    from tests import support

    cli = importlib.import_module("api.cli.main")
    assert '"api.app:serving_app"' in inspect.getsource(cli.serve)
    assert '"api.app:serving_app"' in inspect.getsource(support.uvicorn_api)
