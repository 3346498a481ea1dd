"""`orggraph query … --org` / `-p org=`: names resolved within one organisation, and an
ambiguous name listed with each candidate's organisation (the installed CLI, seed data)."""

from __future__ import annotations

import json
import subprocess

from neo4j import Driver

from tests.support import ORGGRAPH


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    wide = {**env, "COLUMNS": "400"}
    return subprocess.run([ORGGRAPH, *args], env=wide, capture_output=True, text=True, timeout=120)


def test_org_resolves_a_shared_name_inside_one_zone(
    seeded: Driver, cli_env: dict[str, str]
) -> None:
    for scope in (["--org", "zone-000"], ["-p", "org=zone-000"]):
        res = cli(cli_env, "query", "chain_of_command", "-p", "id=Korpschef", *scope,
                  "--format", "json")  # fmt: skip
        assert res.returncode == 0, res.stderr
        assert json.loads(res.stdout)[0]["id"] == "zone-000-korpschef"
    res = cli(cli_env, "query", "chain_of_command", "-p", "id=korpschef", "--org", "PZ Lokeren",
              "--format", "json")  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)[0]["id"] == "lokeren-korpschef"  # depth 0: the start


def test_ambiguous_without_org_lists_candidates_with_their_organisation(
    seeded: Driver, cli_env: dict[str, str]
) -> None:
    res = cli(cli_env, "query", "chain_of_command", "-p", "id=Korpschef")
    assert res.returncode == 1
    assert "ambiguous" in res.stderr
    line = next(x for x in res.stderr.splitlines() if x.strip().startswith("lokeren-korpschef"))
    assert "Politiezone Lokeren" in line
    res = cli(cli_env, "query", "chain_of_command", "-p", "id=Korpschef", "-p", "org=zone-000",
              "--org", "zone-001")  # fmt: skip
    assert res.returncode == 2 and "once" in res.stderr
