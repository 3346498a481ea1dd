"""The query CLI, run as the installed `orggraph` executable against the suite's server."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess

import pytest
from neo4j import Driver

import queries
from graph.catalog import FOLDERS
from graph.cypher import load_dir
from tests.support import DATABASE, ORGGRAPH, csv_field_holds


def cli(env: dict[str, str], *args: str, columns: int = 400) -> subprocess.CompletedProcess[str]:
    wide = {**env, "COLUMNS": str(columns)}
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
    assert res.returncode == 2 and "at: ref[" in res.stderr
    res = cli(cli_env, "query", "org_tree", "-p", "id=lokeren", "-p", "as_of=soon")
    assert res.returncode == 2 and "as_of" in res.stderr
    res = cli(cli_env, "query", "who_represents")
    assert res.returncode == 2 and "required" in res.stderr
    res = cli(cli_env, "query", "who_represents", "-p", "at")
    assert res.returncode == 2 and "key=value" in res.stderr
    res = cli(cli_env, "query", "who_represents", "-p", "at=oltf", "--format", "xml")
    assert res.returncode == 2 and "xml" in res.stderr


def test_data_and_query_problems_exit_1(seeded: Driver, cli_env: dict[str, str]) -> None:
    res = cli(cli_env, "query", "who_represents", "-p", "at=LIVC")
    assert res.returncode == 1 and "ambiguous" in res.stderr
    assert "zone-004-livc" in res.stderr  # each candidate on its own line, with its organisation
    res = cli(cli_env, "query", "who_represents", "-p", "at=no-such-body-anywhere")
    assert res.returncode == 1 and "not found" in res.stderr
    res = cli(cli_env, "cypher", "MATCH (n RETURN n")
    assert res.returncode == 1 and "syntax" in res.stderr.lower()
    res = cli(cli_env, "viz", "organisation", "zone-000", "--budget", "1", "-o", "/dev/null")
    assert res.returncode == 1 and "error:" in res.stderr
    res = cli(cli_env, "viz", "entity", "no-such-entity-anywhere", "-o", "/dev/null")
    assert res.returncode == 1 and "not found" in res.stderr


def test_queries_lists_names_and_params(cli_env: dict[str, str]) -> None:
    res = cli(cli_env, "queries")
    assert res.returncode == 0, res.stderr
    assert "functionality_coverage" in res.stdout and "include_planned" in res.stdout


INTERNAL = {"entity_ref", "resolve_ref", "graph_org_hierarchy", "graph_neighbourhood",
            "graph_partner_network", "graph_chain_of_command"}  # fmt: skip


def test_queries_shows_the_analysts_queries_with_their_text_intact(
    cli_env: dict[str, str],
) -> None:
    listed = json.loads(cli(cli_env, "queries", "--format", "json").stdout)
    lib = load_dir(FOLDERS["library"])  # the files as the CLI just read them
    assert {r["name"] for r in listed} == set(lib) - INTERNAL
    for r in listed:
        q = lib[r["name"]]
        assert (r["doc"], r["returns"], r["params"]) == (
            q.doc,
            q.returns,
            [p.describe() for p in q.params],
        )
    table = cli(cli_env, "queries", columns=80)
    assert not INTERNAL & set(re.findall(r"^name: +(\S+)$", table.stdout, re.M))
    assert "who_represents" in table.stdout
    lines = table.stdout.splitlines()
    for r in listed:  # every doc whole, on its own line, whatever brackets it holds
        assert f"doc:     {r['doc']}" in lines


def test_queries_all_adds_the_internal_ones_with_brackets_intact(cli_env: dict[str, str]) -> None:
    res = cli(cli_env, "queries", "--all")
    assert res.returncode == 0, res.stderr
    names = set(re.findall(r"^name: +(\S+)$", res.stdout, re.M))
    assert names == set(load_dir(FOLDERS["library"]))
    flat = " ".join(res.stdout.split())
    assert "nodes: [node map], edges: [edge map]}" in flat  # Rich markup used to eat [node map]
    internal = {r["name"] for r in json.loads(cli(cli_env, "queries", "--all", "-f", "json").stdout)
                if r["internal"]}  # fmt: skip
    assert internal == INTERNAL


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
    assert bad.returncode == 1 and "read-only" in bad.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("query", "who_represents", "-p", "at=oltf"),
        ("query", "org_tree", "-p", "id=lokeren", "-p", "include_planned=true"),
        ("cypher", "MATCH (d:Domain) RETURN d.id AS id, d.name AS name, d ORDER BY id LIMIT 5"),
        ("queries",),
    ],
)
def test_csv_parses_to_the_rows_of_the_json(
    seeded: Driver, cli_env: dict[str, str], args: tuple[str, ...]
) -> None:
    as_json = cli(cli_env, *args, "--format", "json")
    as_csv = cli(cli_env, *args, "--format", "csv")
    assert as_json.returncode == 0 and as_csv.returncode == 0, as_json.stderr + as_csv.stderr
    rows = json.loads(as_json.stdout)
    header, *records = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert rows and header == list(rows[0])
    assert len(records) == len(rows)
    for record, row in zip(records, rows, strict=True):
        fields = zip(record, header, strict=True)
        assert all(csv_field_holds(f, row[k]) for f, k in fields), (record, row)
