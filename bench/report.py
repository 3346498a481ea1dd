"""Markdown table of a results dict, each figure against its target (met / missed / n/a)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any


def _get(res: dict[str, Any], path: str) -> Any:
    cur: Any = res
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def _err(res: dict[str, Any], path: str) -> str | None:
    parent = path.rsplit(".", 1)[0]
    e = _get(res, parent + ".error")
    return str(e) if e else None


Check = Callable[[float], bool]
# The API target of issue 19: both endpoints at 300 req/s offered, p99 <= 25 ms, 0 errors.
API_ENDPOINTS = ("chain_of_command", "representatives")
API_P99_MS = 25.0


def api_target(runs: Any) -> dict[str, Any]:
    """The fewest uvicorn workers (`orggraph serve --workers N`) with which every target
    endpoint held the API target, from the `api_workers` phase; an error names the counts
    tried when none did, and `missed` makes the report say so (not "not measured")."""
    if not isinstance(runs, dict):
        return {"error": "the API phase did not run"}
    tried: list[int] = []
    for workers, run in sorted(runs.items(), key=lambda kv: int(kv[0])):
        tried.append(int(workers))
        if isinstance(run, dict) and all(
            isinstance(run.get(e), dict)
            and "p99_ms" in run[e]
            and run[e]["p99_ms"] <= API_P99_MS
            and run[e]["errors"] == 0
            for e in API_ENDPOINTS
        ):
            return {"workers": int(workers)}
    counts = ", ".join(str(n) for n in tried) or "none"
    return {"error": f"no worker count tried held it (tried: {counts})", "missed": True}


ROWS: list[tuple[str, str, str, Check]] = [
    ("Full load, orggraph loader (s)", "load.orggraph.wall_s", "≤ 25 s", lambda v: v <= 25),
    ("Load rows/s, orggraph", "load.orggraph.rows_per_s", "–", lambda v: True),
    (
        "Initial load, load --initial, ready to query (s)",
        "load.orggraph_initial.ready_to_query_s",
        "≤ 15 s",
        lambda v: v <= 15,
    ),
    (
        "neo4j-admin import of the same data (s) (floor)",
        "load.neo4j_admin_import.wall_s",
        "–",
        lambda v: True,
    ),
    ("RETURN 1 p50 (ms) (floor)", "floors.return1_p50_ms", "–", lambda v: True),
    ("RETURN 1 p99 (ms) (floor)", "floors.return1_p99_ms", "–", lambda v: True),
    ("hello-world req/s, 1 worker (floor)", "floors.hello_rps", "–", lambda v: True),
    ("Load rows/s, naive (extrapolated)", "load.naive.rows_per_s", "–", lambda v: True),
    ("Load rows/s, py2neo bulk", "load.py2neo.rows_per_s", "–", lambda v: True),
    ("Load s, orggraph + neo4j-rust-ext", "load.orggraph_rust.wall_s", "–", lambda v: True),
    ("Load s, orggraph from YAML files (extra)", "load.orggraph_yaml.wall_s", "–", lambda v: True),
    ("Load s, pure-Python codec (extra)", "load.orggraph_pure.wall_s", "–", lambda v: True),
    ("Load write phase s, orggraph (extra)", "load.orggraph.write_s", "–", lambda v: True),
    ("orggraph vs naive", "load.ratio_vs_naive", "≥ 50×", lambda v: v >= 50),
    ("orggraph vs py2neo", "load.ratio_vs_py2neo", "≥ 3×", lambda v: v >= 3),
    ("Peak RSS orggraph load (MB)", "load.orggraph.peak_rss_mb", "–", lambda v: True),
    ("chain_of_command p50 (ms)", "queries.chain_of_command.p50_ms", "≤ 2", lambda v: v <= 2),
    ("chain_of_command p99 (ms)", "queries.chain_of_command.p99_ms", "≤ 5", lambda v: v <= 5),
    ("who_represents p50 (ms)", "queries.who_represents.p50_ms", "≤ 2", lambda v: v <= 2),
    ("who_represents p99 (ms)", "queries.who_represents.p99_ms", "≤ 5", lambda v: v <= 5),
    ("responsible_for p99 (ms)", "queries.responsible_for.p99_ms", "–", lambda v: True),
    ("search p99 (ms)", "queries.search.p99_ms", "≤ 10", lambda v: v <= 10),
    ("path_between p99 (ms)", "queries.path_between.p99_ms", "–", lambda v: True),
    ("entity p99 (ms) (extra)", "queries.entity.p99_ms", "–", lambda v: True),
    ("API chain-of-command p99 (ms)", "api.chain_of_command.p99_ms", "≤ 25", lambda v: v <= 25),
    ("API chain-of-command errors", "api.chain_of_command.errors", "0", lambda v: v == 0),
    ("API representatives p99 (ms)", "api.representatives.p99_ms", "≤ 25", lambda v: v <= 25),
    ("API representatives errors", "api.representatives.errors", "0", lambda v: v == 0),
    (
        "API target held with N workers (fewest N tried)",
        "api_target.workers",
        "any N (`serve --workers N`)",
        lambda v: v >= 1,
    ),
    ("API /health achieved req/s (extra)", "api.health.rate", "–", lambda v: True),
    ("API /health p99 (ms) (extra)", "api.health.p99_ms", "≤ 25", lambda v: v <= 25),
    ("API /health errors (extra)", "api.health.errors", "0", lambda v: v == 0),
    ("Zone view stabilised (s)", "viz.zone_stabilised_s", "≤ 3", lambda v: v <= 3),
    ("Neo4j cold start to Bolt (s)", "neo4j.cold_start_s", "≤ 20", lambda v: v <= 20),
]


def _fmt(v: float) -> str:
    if abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:.2f}"


def write_markdown(res: dict[str, Any], path: Path) -> None:
    scale = res.get("scale", {})
    gen = res.get("generate", {})
    lines = [
        f"# orggraph benchmark ({res.get('mode')}, {res.get('date')})",
        "",
        f"Scale: **{scale.get('zones')} zones, {scale.get('nodes')} nodes, "
        f"{scale.get('relationships')} relationships** "
        f"({gen.get('entities')} entities + {gen.get('relations')} relations + "
        f"{gen.get('sources')} sources = {_get(res, 'load.rows')} rows).",
        f"Machine: {res.get('machine')}.",
        f"Neo4j {_get(res, 'neo4j.version')}, heap {_get(res, 'neo4j.heap')}, "
        f"pagecache {_get(res, 'neo4j.pagecache')}. "
        f"Quote check during the load: {_get(res, 'load.orggraph.quote_check')}.",
        "",
        "| measure | value | target | verdict |",
        "|---|---|---|---|",
    ]
    for label, key, target, ok in ROWS:
        v = _get(res, key)
        if isinstance(v, int | float) and not isinstance(v, bool):
            verdict = "n/a" if target == "–" else ("met" if ok(float(v)) else "**missed**")
            lines.append(f"| {label} | {_fmt(float(v))} | {target} | {verdict} |")
        else:
            e = _err(res, key) or "not measured"
            missed = _get(res, key.rsplit(".", 1)[0] + ".missed") is True
            verdict = "n/a" if target == "–" else ("**missed**" if missed else "**not measured**")
            lines.append(f"| {label} | – ({e[:160]}) | {target} | {verdict} |")
    lines += _api_workers_table(res)
    lines += ["", "Notes:", ""]
    lines += [f"- {n}" for n in res.get("notes", [])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _api_workers_table(res: dict[str, Any]) -> list[str]:
    """Every worker count of the API phase (`api_workers`); the table above holds the first."""
    runs = res.get("api_workers")
    if not isinstance(runs, dict) or len(runs) < 2:
        return []
    lines = [
        "",
        "## API by worker count (`api_workers`; the table above holds the first)",
        "",
        "Target: 300 req/s offered, p99 ≤ 25 ms, 0 errors.",
        "",
        "| endpoint | workers | ok | errors | p50 (ms) | p99 (ms) | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    for workers, run in runs.items():
        if not isinstance(run, dict):
            continue
        for endpoint, x in run.items():
            if not (isinstance(x, dict) and "p99_ms" in x):
                continue
            met = x["p99_ms"] <= 25 and x["errors"] == 0
            lines.append(
                f"| {endpoint} | {workers} | {x['ok']:,} | {x['errors']:,} | "
                f"{x['p50_ms']:,.1f} | {x['p99_ms']:,.1f} | {'met' if met else '**missed**'} |"
            )
    return lines
