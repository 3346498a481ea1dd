"""docker-compose.yml: parses, pins the same Neo4j as the Maven pom, binds to loopback."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml

from graph.server import NEO4J_VERSION
from graph.settings import PROJECT_ROOT, Settings

COMPOSE = PROJECT_ROOT / "docker-compose.yml"


def _compose_cli() -> bool:
    if not shutil.which("docker"):
        return False
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
    return probe.returncode == 0


def test_compose_file_is_consistent_with_the_pom() -> None:
    doc = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    neo4j, api = doc["services"]["neo4j"], doc["services"]["api"]
    major_minor = ".".join(NEO4J_VERSION.split(".")[:2])
    assert neo4j["image"] == f"neo4j:{major_minor}-community"
    assert Settings().docker_image == neo4j["image"]
    assert "RETURN 1" in " ".join(neo4j["healthcheck"]["test"])
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert "build" in api
    for service in (neo4j, api):
        assert all(p.startswith("127.0.0.1:") for p in service["ports"]), service["ports"]
    assert "neo4j-data" in doc["volumes"]


def test_docker_compose_config_accepts_the_file() -> None:
    if not _compose_cli():
        # Our machines have no Docker engine; the YAML test above still checks the structure.
        pytest.skip("no `docker compose` CLI here: the compose file's own check did not run")
    env = dict(os.environ, ORGGRAPH_NEO4J_PASSWORD="compose-config-check")
    proc = subprocess.run(
        ["docker", "compose", "-f", str(COMPOSE), "config", "-q"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
