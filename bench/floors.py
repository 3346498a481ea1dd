"""Floors: the best this machine gives in the same run, beside every figure (issue 19).

- `RETURN 1` through the driver, the way queries.run sends a read (auto-commit, READ session):
  every query figure is reported as a multiple of it;
- a hello-world FastAPI endpoint on the API phase's uvicorn settings, driven by the same load
  generator (bench/loadgen.py) at the API phase's rate and at a rate it cannot hold: the API
  figures are reported as a share of its throughput;
- Neo4j's bulk importer (`neo4j-admin database import full`) on the same generated data, as
  the CSV files loaders.bulk writes, into an empty database of a home of its own: the loaders
  are reported against it;
- `orggraph load --initial` end to end (validation with quote checks, CSV, stop, import, start,
  schema, what CSV cannot carry) on the run's own server: its wall time is "ready to query".

    python -m bench.floors hello   # serve only the hello-world app (for a look by hand)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.loadgen import pct, warmup_for

RESULTS = Path(__file__).resolve().parent / "results"
DATABASE = "neo4j"
RETURN1_N = {"quick": 300, "full": 3000}
# The rate hello-world is driven at to find what it holds: above the API phase's target.
CAPACITY_FACTOR = 4


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def dataset_files(data: Path) -> list[Path]:
    return sorted([*data.glob("*.json"), *data.glob("*.yaml")])


# -- the initial load ---------------------------------------------------------------------------


def initial_load_phase(
    server: Any, driver: Any, data: Path, args: argparse.Namespace
) -> dict[str, Any]:
    """`load --initial` of the generated country into the run's (empty) database, end to end:
    from the call, the server running, to the first answered query after it returned."""
    from loaders.bulk import initial_load

    sources = None if args.no_quotes else data / "sources"
    load_avg = os.getloadavg()
    log("load --initial (neo4j-admin import; the server is stopped and started) …")
    t0 = time.perf_counter()
    report = initial_load(
        server, driver, dataset_files(data), database=DATABASE, sources_dir=sources
    )
    wall = time.perf_counter() - t0
    rows, _, _ = driver.execute_query(
        "MATCH (p:Post) WITH p LIMIT 1 MATCH (p)-[:PART_OF|LEADS*0..4]->(o) RETURN count(o) AS c",
        database_=DATABASE,
    )
    ready = time.perf_counter() - t0
    counted, _, _ = driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS nodes } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels",
        database_=DATABASE,
    )
    out = {
        "wall_s": wall,
        "ready_to_query_s": ready,
        "first_query_rows": rows[0]["c"],
        **{k: round(v, 3) for k, v in report.timings.items()},
        "rows": report.changes,
        "rows_per_s": report.changes / wall,
        "quote_check": sources is not None,
        "nodes": counted[0]["nodes"],
        "relationships": counted[0]["rels"],
        "load_avg_at_start": load_avg,
        "load_avg_at_end": os.getloadavg(),
    }
    log(f"  orggraph_initial: {wall:.1f} s ({out})"[:400])
    return out


# -- the importer on its own --------------------------------------------------------------------


def admin_import_floor(data: Path, work: Path, lib_dir: Path) -> dict[str, Any]:
    """neo4j-admin on the CSV files of the same data, into a home nobody runs (offline, empty):
    what the importer alone costs. Validation and CSV writing are timed apart."""
    from graph.importer import run_importer
    from graph.server import JarServer
    from graph.settings import Settings
    from loaders.bulk import CsvWriter
    from loaders.plan import plans
    from loaders.validate import validate_paths

    home = work / "admin-import"
    csv_dir = home / "csv"
    csv_dir.mkdir(parents=True)
    t0 = time.perf_counter()
    report = validate_paths(dataset_files(data), sources_dir=None, known_ids=set())
    if not report.ok:
        return {"error": f"generated data invalid: {report.problems[:3]}"}
    t1 = time.perf_counter()
    writer = CsvWriter(csv_dir)
    for plan in plans(report):
        plan.build()
        writer.write_plan(plan)
        plan.release()
    files = writer.close()
    t2 = time.perf_counter()
    server = JarServer(Settings(home=home), home=home, lib_dir=lib_dir)
    server.write_conf()
    load_avg = os.getloadavg()
    log(f"neo4j-admin database import full: {writer.rows} rows …")
    t3 = time.perf_counter()
    output = run_importer(server, DATABASE, files, csv_dir)
    wall = time.perf_counter() - t3
    shutil.rmtree(home, ignore_errors=True)
    return {
        "wall_s": wall,
        "rows": writer.rows,
        "rows_per_s": writer.rows / wall,
        "csv_files": len(files.nodes) + len(files.relationships),
        "validate_s_not_counted": t1 - t0,
        "csv_s_not_counted": t2 - t1,
        "load_avg_at_start": load_avg,
        "importer_summary": output.splitlines()[-6:],
    }


# -- RETURN 1 ---------------------------------------------------------------------------------


def return1(driver: Any, n: int) -> dict[str, Any]:
    """`RETURN 1` as queries.run sends a read (graph.cypher.read_with_retry: a READ session,
    one auto-commit query, records as dicts), and in a managed read transaction."""
    from neo4j import READ_ACCESS

    def auto() -> None:
        with driver.session(database=DATABASE, default_access_mode=READ_ACCESS) as s:
            [r.data() for r in s.run("RETURN 1 AS one")]

    def managed() -> None:
        with driver.session(database=DATABASE, default_access_mode=READ_ACCESS) as s:
            s.execute_read(lambda tx: [r.data() for r in tx.run("RETURN 1 AS one")])

    out: dict[str, Any] = {"n": n}
    for name, fn in (("auto", auto), ("managed", managed)):
        for _ in range(min(100, n)):
            fn()
        lat = []
        for _ in range(n):
            t0 = time.perf_counter()
            fn()
            lat.append((time.perf_counter() - t0) * 1000)
        out[f"{name}_p50_ms"], out[f"{name}_p99_ms"] = pct(lat, 50), pct(lat, 99)
    return out


# -- hello world --------------------------------------------------------------------------------


def hello_app() -> Any:
    """The least a FastAPI endpoint can do: no dependency, no database, a constant answer."""
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/hello")
    def hello() -> dict[str, str]:
        return {"hello": "world"}

    return app


def hello_world(rate: float, duration: float) -> dict[str, Any]:
    """uvicorn as the API phase runs it (tests.support.uvicorn_child: 1 worker, loopback,
    log level warning, no access log), driven open-loop at `rate` and at CAPACITY_FACTOR×."""
    from bench.run import run_child
    from tests.support import ServerDidNotStart, uvicorn_child

    out: dict[str, Any] = {}
    workdir = Path(tempfile.mkdtemp(prefix="orggraph-hello-"))
    try:
        with uvicorn_child(
            "bench.floors:hello_app", workdir, health="/hello", timeout_s=60
        ) as served:
            for name, r in (("at_api_rate", rate), ("capacity", rate * CAPACITY_FACTOR)):
                log(f"hello-world: {r:g} req/s for {duration:g} s")
                gen = [sys.executable, "-m", "bench.loadgen", "--rate", str(r)]
                gen += ["--duration", str(duration), "--warmup", str(warmup_for(duration))]
                gen += ["--key", "none", f"{served.root}/hello"]
                res, _ = run_child(gen)
                out[name] = {**res, "load_avg_at_end": os.getloadavg()}
    except ServerDidNotStart:
        return {"error": "hello-world uvicorn did not come up"}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return out


# -- the phase ----------------------------------------------------------------------------------


def _ratio(a: Any, b: Any) -> float | None:
    ok = isinstance(a, int | float) and isinstance(b, int | float) and b
    return float(a) / float(b) if ok else None


def relate(res: dict[str, Any]) -> dict[str, Any]:
    """Each figure against its floor: queries as multiples of RETURN 1 (p50 of p50, p99 of
    p99), the API as a share of hello-world's throughput, the loaders against the importer."""
    fl = res.get("floors", {})
    q = res.get("queries") or {}
    queries = {
        name: {
            "p50_x_return1": _ratio(v.get("p50_ms"), fl.get("return1_p50_ms")),
            "p99_x_return1": _ratio(v.get("p99_ms"), fl.get("return1_p99_ms")),
        }
        for name, v in q.items()
        if isinstance(v, dict) and "p50_ms" in v
    }
    api = {
        name: {
            "offered_rps": v.get("target_rate"),
            "rate": v.get("rate"),
            "rate_share_of_hello": _ratio(v.get("rate"), fl.get("hello_capacity_rps")),
            "rate_share_of_hello_same_offer": _ratio(
                v.get("rate"), fl.get("hello_at_api_rate_rps")
            ),
            "p99_x_hello_p99": _ratio(v.get("p99_ms"), fl.get("hello_p99_ms")),
        }
        for name, v in (res.get("api") or {}).items()
        if isinstance(v, dict) and "rate" in v
    }
    load = res.get("load") or {}
    admin = (load.get("neo4j_admin_import") or {}).get("wall_s")
    loaders = {
        name: _ratio((load.get(name) or {}).get("wall_s"), admin)
        for name in ("orggraph", "orggraph_initial", "py2neo")
    }
    return {"queries": queries, "api": api, "load_x_admin_import": loaders}


def floors_phase(
    args: argparse.Namespace, driver: Any, data: Path, work: Path, res: dict[str, Any]
) -> dict[str, Any]:
    """RETURN 1, hello-world and the importer alone; then every figure against them, written
    into res (floors, load.neo4j_admin_import) and bench/results/floors.md."""
    from graph.settings import PROJECT_ROOT

    mode = "quick" if args.quick else "full"
    floors: dict[str, Any] = {"load_avg_at_start": os.getloadavg()}
    log(f"floors: RETURN 1 × {RETURN1_N[mode]}")
    try:
        r1 = return1(driver, RETURN1_N[mode])
        floors["return1"] = r1
        floors["return1_p50_ms"], floors["return1_p99_ms"] = r1["auto_p50_ms"], r1["auto_p99_ms"]
    except Exception as e:
        floors["return1"] = {"error": f"{type(e).__name__}: {e}"}
    try:
        hw = hello_world(args.rate, min(args.duration, 20.0))
        floors["hello"] = hw
        cap, same = hw.get("capacity", {}), hw.get("at_api_rate", {})
        floors["hello_rps"] = cap.get("rate")
        floors["hello_capacity_rps"] = cap.get("rate")
        floors["hello_capacity_p99_ms"] = cap.get("p99_ms")
        floors["hello_p99_ms"] = same.get("p99_ms")
        floors["hello_at_api_rate_rps"] = same.get("rate")
    except Exception as e:
        floors["hello"] = {"error": f"{type(e).__name__}: {e}"}
    try:
        admin = admin_import_floor(data, work, PROJECT_ROOT / ".neo4j" / "lib")
    except Exception as e:
        admin = {"error": f"{type(e).__name__}: {e}"[:1000]}
    res.setdefault("load", {})["neo4j_admin_import"] = admin
    floors["load_avg_at_end"] = os.getloadavg()
    res["floors"] = floors
    floors["relative"] = relate(res)
    md = floors_markdown_path(args.out)
    write_floors_markdown(res, md)
    log(f"floors: {md}")
    return floors


def floors_markdown_path(out: Path) -> Path:
    """bench/results/floors.md beside latest.json (a full run); any other run's beside its own
    results file (quick-floors.md, phases-load-floors-floors.md, …), so a partial run never
    overwrites the floors of the full run committed with latest.*."""
    if out.resolve() == (RESULTS / "latest.json").resolve():
        return RESULTS / "floors.md"
    return out.with_name(f"{out.stem}-floors.md")


def _f(v: Any, unit: str = "", digits: int = 2) -> str:
    if not isinstance(v, int | float) or isinstance(v, bool):
        return "–"
    return f"{v:,.{digits}f}{unit}"


def write_floors_markdown(res: dict[str, Any], path: Path) -> None:
    fl = res.get("floors", {})
    rel = fl.get("relative", {})
    load = res.get("load", {})
    ini = load.get("orggraph_initial") or {}
    adm = load.get("neo4j_admin_import") or {}
    scale = res.get("scale", {})
    lines = [
        f"# Floors ({res.get('mode')}, {res.get('date')}, phases "
        f"{','.join(res.get('params', {}).get('phases') or [])}, commit "
        f"{res.get('machine', {}).get('git_commit')})",
        "",
        f"Scale: {scale.get('zones')} zones, {scale.get('nodes')} nodes, "
        f"{scale.get('relationships')} relationships. Machine: {os.cpu_count()} cores; "
        f"load average at the start of the run {res.get('machine', {}).get('load_avg')}, "
        f"at the floors phase {fl.get('load_avg_at_start')} → {fl.get('load_avg_at_end')}.",
        "",
        "## Floors",
        "",
        "| floor | value |",
        "|---|---|",
        f"| RETURN 1 through the driver, p50 / p99 (ms) | {_f(fl.get('return1_p50_ms'))} / "
        f"{_f(fl.get('return1_p99_ms'))} |",
        f"| RETURN 1 in a managed read transaction, p50 / p99 (ms) | "
        f"{_f((fl.get('return1') or {}).get('managed_p50_ms'))} / "
        f"{_f((fl.get('return1') or {}).get('managed_p99_ms'))} |",
        f"| hello-world FastAPI, achieved req/s at {CAPACITY_FACTOR}× the API rate (capacity) "
        f"| {_f(fl.get('hello_capacity_rps'), digits=0)} (p99 "
        f"{_f(fl.get('hello_capacity_p99_ms'))} ms) |",
        f"| hello-world FastAPI at the API phase's rate: req/s, p99 (ms) | "
        f"{_f(fl.get('hello_at_api_rate_rps'), digits=0)}, {_f(fl.get('hello_p99_ms'))} |",
        f"| neo4j-admin database import full, same data as CSV, empty database (s) | "
        f"{_f(adm.get('wall_s'))} ({adm.get('rows')} rows; CSV written in "
        f"{_f(adm.get('csv_s_not_counted'))} s, not counted){_error(adm)} |",
        "",
        "## Figures against the floors",
        "",
        "| query | p50 × RETURN 1 | p99 × RETURN 1 |",
        "|---|---|---|",
    ]
    for name, v in rel.get("queries", {}).items():
        lines.append(f"| {name} | {_f(v['p50_x_return1'])} | {_f(v['p99_x_return1'])} |")
    lines += [
        "",
        "| endpoint | offered req/s | achieved req/s | share of hello-world's capacity | share "
        "of hello-world at the same offer | p99 × hello p99 at the same offer |",
        "|---|---|---|---|---|---|",
    ]
    for name, v in rel.get("api", {}).items():
        cap, same = v["rate_share_of_hello"], v["rate_share_of_hello_same_offer"]
        lines.append(
            f"| {name} | {_f(v['offered_rps'], digits=0)} | {_f(v['rate'], digits=0)} | "
            f"{_pct(cap)} | {_pct(same)} | {_f(v['p99_x_hello_p99'])} |"
        )
    failed = [n for n, v in (res.get("api") or {}).items() if isinstance(v, dict) and "error" in v]
    if failed:
        lines.append(f"\nNot measured (the API phase reported an error): {', '.join(failed)}.")
    lines += ["", "| loader | wall (s) | × neo4j-admin import |", "|---|---|---|"]
    for name, x in rel.get("load_x_admin_import", {}).items():
        lines.append(f"| {name} | {_f((load.get(name) or {}).get('wall_s'))} | {_f(x)} |")
    lines += [
        "",
        "## `orggraph load --initial`, end to end",
        "",
        f"Ready to query after **{_f(ini.get('ready_to_query_s'))} s** (target ≤ 15 s; "
        f"returned after {_f(ini.get('wall_s'))} s; quote checks: {ini.get('quote_check')})"
        f"{_error(ini)}. Load average {ini.get('load_avg_at_start')} at its start, "
        f"{ini.get('load_avg_at_end')} at its end.",
        "",
        "| step | s |",
        "|---|---|",
    ]
    for key in ("validate_s", "plan_s", "csv_s", "stop_s", "import_s", "start_s", "finish_s"):
        lines.append(f"| {key.removesuffix('_s')} | {_f(ini.get(key))} |")
        if key == "csv_s" and "csv_place_s" in ini:
            lines.append(f"| csv: · placements walked in Python | {_f(ini.get('csv_place_s'))} |")
    for key, what in _FINISH_STEPS:
        if key in ini:
            lines.append(f"| finish: {what} | {_f(ini.get(key))} |")
    same = ini.get("nodes") == scale.get("nodes") and ini.get("relationships") == scale.get(
        "relationships"
    )
    lines += [
        "",
        f"Graph after `load --initial`: {ini.get('nodes')} nodes, {ini.get('relationships')} "
        f"relationships; after the transactional load: {scale.get('nodes')} / "
        f"{scale.get('relationships')} ({'the same' if same else 'DIFFERENT'}; property-level "
        "identity is what tests/loaders/test_bulk.py checks).",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


# loaders.bulk's steps of the finish (its transaction's parts are timed inside it).
_FINISH_STEPS: tuple[tuple[str, str], ...] = (
    ("finish_online_s", "database online"),
    ("finish_schema_s", "schema applied"),
    ("finish_indexes_s", "indexes populated"),
    ("finish_tx_s", "one transaction, of which:"),
    ("finish_fixes_s", "· what CSV cannot say, empty aliases, loaded_at"),
)


def _pct(v: Any) -> str:
    return f"{v * 100:.0f} %" if isinstance(v, float) else "–"


def _error(d: dict[str, Any]) -> str:
    return f" (error: {str(d['error'])[:300]})" if d.get("error") else ""


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.floors")
    ap.add_argument("what", choices=["hello"])
    ap.add_argument("--port", type=int, default=8099)
    args = ap.parse_args(argv)
    import uvicorn

    uvicorn.run(hello_app(), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
