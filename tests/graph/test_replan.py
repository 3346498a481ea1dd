"""Settings.cypher_min_replan_s reaches the local server's neo4j.conf (pure), and Neo4j takes
it: the suite's own server runs with it (tests/conftest.py) and says so (SHOW SETTINGS)."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from graph.errors import ConfigError
from graph.server import JarServer
from graph.settings import Settings, get_settings
from tests.conftest import Neo4jHandle
from tests.support import DATABASE


def _conf(tmp_path: Path, settings: Settings) -> str:
    server = JarServer(settings, home=tmp_path / "home", lib_dir=tmp_path / "lib")
    server.write_conf()
    return (server.conf_dir / "neo4j.conf").read_text(encoding="utf-8")


def test_neo4j_keeps_its_default_unless_a_value_is_given(tmp_path: Path) -> None:
    assert "min_replan_interval" not in _conf(tmp_path, Settings(home=tmp_path / "home"))
    given = _conf(tmp_path, Settings(home=tmp_path / "home", cypher_min_replan_s=600))
    assert "dbms.cypher.min_replan_interval=600s" in given.splitlines()


def test_a_value_out_of_range_names_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORGGRAPH_CYPHER_MIN_REPLAN_S", "0")
    get_settings.cache_clear()
    try:
        with pytest.raises(ConfigError, match="ORGGRAPH_CYPHER_MIN_REPLAN_S"):
            get_settings()
    finally:
        get_settings.cache_clear()


def test_the_suites_server_runs_with_it(neo4j: Neo4jHandle, driver: Driver) -> None:
    if neo4j.server is None:
        pytest.skip("the suite's Neo4j is not the local jar server (its conf is not ours)")
    records, _, _ = driver.execute_query(
        "SHOW SETTINGS YIELD name, value WHERE name = 'dbms.cypher.min_replan_interval' "
        "RETURN value",
        database_=DATABASE,
    )
    assert [r["value"] for r in records] == ["1h"]
