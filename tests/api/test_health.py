import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.app import create_app
from graph.db import create_driver
from graph.settings import Settings
from tests.support import unreachable_connection

pytestmark = pytest.mark.reliability("5xx")


def test_health_reports_neo4j_version(driver: Driver, test_settings: Settings) -> None:
    with TestClient(create_app(test_settings, driver)) as client:
        r = client.get("/api/v1/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"
    assert r.json()["neo4j_version"].startswith("5.26.")


def test_health_is_503_while_neo4j_is_unreachable(test_settings: Settings) -> None:
    dead = unreachable_connection()
    drv = create_driver(dead, verify=False)
    try:
        with TestClient(create_app(test_settings, drv)) as client:
            r = client.get("/api/v1/health")
        assert r.status_code == 503
        assert r.json()["status"] == "unavailable"
    finally:
        drv.close()
