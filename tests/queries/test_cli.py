"""The query CLI, run as the installed `orggraph` executable against the suite's server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from neo4j import Driver

import queries
from tests.conftest import DATABASE

ORGGRAPH = str(Path(sys.executable).parent / "orggraph")


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    wide = {**env, "COLUMNS": "400"}  # rich would truncate cells at the default 80 columns
    return subprocess.run([ORGGRAPH, *args], env=wide, capture_output=True, text=True, timeout=120)


def test_query_who_represents_json_equals_the_library(
    seeded: Driver, cli_env: dict[str, str]
) -> None:
    res = cli(cli_env, "query", "who_represents", "-p", "at=oltf", "--format", "json")
    assert res.returncode == 0, res.stderr
    expected = queries.run(seeded, "who_represents", {"at": "o-ltf-zone-000"}, database=DATABASE)
    assert json.loads(res.stdout) == expected
    assert expected[0]["id"] == "zone-000-operationeel-coordinator"


def test_query_resolves_names_and_coerces_types(seeded: Driver, cli_env: dict[str, str]) -> None:
    res = cli(cli_env, "query", "org_tree", "-p", "id=lokeren", "-p", "include_planned=true",
              "-p", "as_of=2024-01-01", "--format", "json")  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "lokeren-pijler-wijk-verkeer" in {r["id"] for r in json.loads(res.stdout)}
    table = cli(cli_env, "query", "contact_for", "-p", "task=fietsdiefstal")
    assert table.returncode == 0, table.stderr
    assert "zone-001-onthaal" in table.stdout


def test_unknown_query_lists_the_valid_ones(cli_env: dict[str, str]) -> None:
    res = cli(cli_env, "query", "no_such_query")
    assert res.returncode == 2
    assert "unknown query 'no_such_query'" in res.stderr
    assert "who_represents" in res.stderr and "chain_of_command" in res.stderr


def test_bad_parameters_exit_2_naming_the_valid_ones(
    seeded: Driver, cli_env: dict[str, str]
) -> None:
    res = cli(cli_env, "query", "who_represents", "-p", "where=oltf")
    assert res.returncode == 2 and "at: str" in res.stderr
    res = cli(cli_env, "query", "org_tree", "-p", "id=lokeren", "-p", "as_of=soon")
    assert res.returncode == 2 and "as_of" in res.stderr
    res = cli(cli_env, "query", "who_represents")
    assert res.returncode == 2 and "required" in res.stderr
    res = cli(cli_env, "query", "who_represents", "-p", "at=Korpschef")
    assert res.returncode == 2 and "ambiguous" in res.stderr


def test_queries_lists_names_and_params(cli_env: dict[str, str]) -> None:
    res = cli(cli_env, "queries")
    assert res.returncode == 0, res.stderr
    assert "functionality_coverage" in res.stdout and "include_planned" in res.stdout


def test_cypher_json_and_refusal(seeded: Driver, cli_env: dict[str, str]) -> None:
    res = cli(
        cli_env,
        "cypher",
        "MATCH (n:Domain {id: 'drugs'}) RETURN n.name AS name, n",
        "--format",
        "json",
    )
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)
    assert rows[0]["name"] == "Drugs" and rows[0]["n"]["id"] == "drugs"
    bad = cli(cli_env, "cypher", "MATCH (n) DETACH DELETE n")
    assert bad.returncode == 2 and "read-only" in bad.stderr
