"""The benchmark's quick mode end-to-end against the suite's Neo4j (its database is wiped)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from neo4j import Driver

from graph.db import wipe
from tests.conftest import Neo4jHandle
from tests.support import DATABASE


def _get(res: dict[str, Any], path: str) -> Any:
    cur: Any = res
    for part in path.split("."):
        assert isinstance(cur, dict) and part in cur, f"missing key {path} (at {part})"
        cur = cur[part]
    return cur


def _number(res: dict[str, Any], path: str) -> None:
    v = _get(res, path)
    assert isinstance(v, int | float) and not isinstance(v, bool), f"{path} = {v!r}"


def _number_or_error(res: dict[str, Any], path: str) -> None:
    parent, _leaf = path.rsplit(".", 1)
    node = _get(res, parent)
    if "error" in node:
        assert isinstance(node["error"], str) and node["error"], f"{parent}.error empty"
    else:
        _number(res, path)


def test_quick_bench_writes_required_keys(
    neo4j: Neo4jHandle, driver: Driver, tmp_path: Path
) -> None:
    from bench.run import main

    out = tmp_path / "quick.json"
    try:
        res = main(
            [
                "--quick",
                # the phases this test checks; floors (load --initial, the importer) and the
                # formats need a server of their own and minutes: `make bench-quick` runs them
                "--phases", "load,queries,api,viz",
                # orggraph_rust is the same load as orggraph here (the Rust codec is a
                # dependency); py2neo and the pure-Python driver need pip installs
                "--variants", "naive,orggraph",
                "--uri", neo4j.conn.uri,
                "--password", neo4j.conn.password,
                "--out", str(out),
                "--sample", "200",
                "--queries-n", "50",
                "--rate", "20",
                "--duration", "2",
            ]
        )  # fmt: skip
    finally:
        wipe(driver, database=DATABASE)
    assert json.loads(out.read_text()) == json.loads(json.dumps(res, default=str))
    assert out.with_suffix(".md").read_text().startswith("# orggraph benchmark")
    for key in ("scale.nodes", "scale.relationships", "machine.cpu_ref_ms"):
        _number(res, key)
    assert res["scale"]["nodes"] > 1000 and res["scale"]["relationships"] > 5000
    for v in ("orggraph", "naive"):
        _number(res, f"load.{v}.wall_s")
        _number(res, f"load.{v}.rows_per_s")
    for v in ("py2neo", "orggraph_rust"):
        _number_or_error(res, f"load.{v}.wall_s")
        _number_or_error(res, f"load.{v}.rows_per_s")
    _number(res, "load.ratio_vs_naive")
    assert "ratio_vs_py2neo" in res["load"]
    for q in ("chain_of_command", "search"):
        _number(res, f"queries.{q}.p50_ms")
        _number(res, f"queries.{q}.p99_ms")
    for q in ("who_represents", "responsible_for", "path_between"):
        _number_or_error(res, f"queries.{q}.p50_ms")
    for ep in ("chain_of_command", "representatives", "health"):
        for leaf in ("rate", "p50_ms", "p99_ms", "errors"):
            _number_or_error(res, f"api.{ep}.{leaf}")
        if "error" not in res["api"][ep]:
            # the warm-up load ran first (not counted): the server's connections are open
            warm = res["api"][ep]["warmup"]
            assert warm["ok"] > 0 and warm["wall_s"] >= 0.9, warm
    _number_or_error(res, "viz.zone_stabilised_s")
    _number_or_error(res, "neo4j.cold_start_s")
