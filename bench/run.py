"""The benchmark driver: generate, start Neo4j, load variants, queries, API, write results."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.generate import DEFAULT_ZONES, generate
from bench.loadgen import pct, warmup_for
from bench.report import api_target, write_markdown
from tests.support import DATABASE, ServerDidNotStart, free_port, uvicorn_api

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
PY = sys.executable
QUERIES_WANTED = ["chain_of_command", "who_represents", "responsible_for", "search", "path_between"]
API_KEY = "bench-reader-key"
BENCH_HEAP, BENCH_PAGECACHE = "4g", "2g"
# What a run measures, in order; `--phases` picks some (default: all). The phases after `load`
# need the graph as orggraph's loader writes it: without `load` only that variant is loaded.
PHASES = ("load", "queries", "scoped", "api", "viz", "formats", "floors")


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def run_child(cmd: list[str], env: dict[str, str] | None = None) -> tuple[dict[str, Any], float]:
    """Run a child process; return its last-line JSON and its own peak RSS in MB (wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT, env=env)
        _, status, ru = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        lines = out.read().decode().strip().splitlines()
        tail = err.read().decode()[-1500:]
    rss_mb = ru.ru_maxrss / 1024  # Linux: KiB
    try:
        return json.loads(lines[-1]), rss_mb
    except (IndexError, json.JSONDecodeError):
        return {"error": f"exit {proc.returncode}: {tail.strip()[-600:]}"}, rss_mb


# -- phases -----------------------------------------------------------------------------------


def fresh(driver: Any) -> None:
    from graph.db import wipe
    from graph.schema import apply_schema

    wipe(driver, database=DATABASE)
    apply_schema(driver, database=DATABASE)


def load_variant(
    name: str,
    args: argparse.Namespace,
    conn: Any,
    data: Path,
    driver: Any,
    extra_env: dict[str, str] | None,
) -> dict[str, Any]:
    fresh(driver)
    variant = "orggraph" if name.startswith("orggraph") else name
    cmd = [
        PY,
        "-m",
        "bench.variants",
        variant,
        "--uri",
        conn.uri,
        "--password",
        conn.password,
        "--data",
        str(data),
        "--sample",
        str(args.sample),
    ]
    if args.no_quotes:
        cmd.append("--no-quotes")
    if args.quick:
        # The quick mode checks that every figure is produced, not how fast: no warm-up load.
        cmd += ["--warmup", "0"]
    env = dict(os.environ)
    env.update(extra_env or {})
    log(f"load variant {name} …")
    res, rss = run_child(cmd, env)
    res["peak_rss_mb"] = round(rss, 1)
    log(f"  {name}: {json.dumps(res)[:300]}")
    return res


def rust_ext_installed() -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec("neo4j._rust") is not None
    except ModuleNotFoundError:
        return False


def install_driver(target: Path, *, rust: bool) -> str | None:
    """pip-install the driver of the venv's version into a private dir (first on PYTHONPATH
    of a variant's process, so it shadows the venv's driver), with or without the Rust
    codec; never into the shared venv. Returns an error string or None."""
    import neo4j

    ver = neo4j.__version__
    pkgs = [f"neo4j=={ver}", *([f"neo4j-rust-ext=={ver}.*"] if rust else [])]
    proc = subprocess.run(
        [PY, "-m", "pip", "install", "-q", "--target", str(target), *pkgs],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if proc.returncode != 0:
        return f"pip install {' '.join(pkgs)} failed: {proc.stderr.strip()[-800:]}"
    return None


def graph_counts(driver: Any) -> tuple[int, int]:
    with driver.session(database=DATABASE) as s:
        n = s.run("MATCH (n) RETURN count(n) AS c").single()["c"]
        r = s.run("MATCH ()-[r]->() RETURN count(r) AS c").single()["c"]
    return int(n), int(r)


def time_query(driver: Any, name: str, inputs: list[dict[str, Any]], warmup: int) -> dict[str, Any]:
    import queries

    for p in inputs[:warmup]:
        queries.run(driver, name, p, database=DATABASE)
    lat = []
    empty = 0
    for p in inputs:
        t0 = time.perf_counter()
        rows = queries.run(driver, name, p, database=DATABASE)
        lat.append((time.perf_counter() - t0) * 1000)
        empty += not rows
    return {
        "n": len(lat),
        "empty_results": empty,
        "p50_ms": pct(lat, 50),
        "p95_ms": pct(lat, 95),
        "p99_ms": pct(lat, 99),
    }


def _safe(fn: Callable[..., dict[str, Any]], *a: Any) -> dict[str, Any]:
    """A failing measurement becomes an error string in the results, not a crashed run."""
    try:
        return fn(*a)
    except Exception as e:
        log(f"  failed: {type(e).__name__}: {e}")
        return {"error": f"{type(e).__name__}: {e}"[:1000]}


def bench_queries(driver: Any, n: int, rng: random.Random) -> dict[str, Any]:
    import queries

    lib = queries.library()
    with driver.session(database=DATABASE) as s:
        posts = [r["id"] for r in s.run("MATCH (p:Post) RETURN p.id AS id ORDER BY id")]
        names = [r["n"] for r in s.run("MATCH (e:Entity) RETURN e.name AS n ORDER BY n")]
        bodies = [
            r["id"] for r in s.run("MATCH (n:PartnerBody|Forum) RETURN n.id AS id ORDER BY id")
        ]
        targets = [r["id"] for r in s.run("MATCH (n:Domain|Task) RETURN n.id AS id ORDER BY id")]
    inputs: dict[str, Callable[[], dict[str, Any]]] = {
        "chain_of_command": lambda: {"id": rng.choice(posts)},
        "search": lambda: {"q": " ".join(rng.choice(names).split()[:2])},
        "who_represents": lambda: {"at": rng.choice(bodies)},
        "responsible_for": lambda: {"target": rng.choice(targets)},
        "path_between": lambda: {"from_id": rng.choice(posts), "to_id": rng.choice(posts)},
    }
    out: dict[str, Any] = {}
    for q in QUERIES_WANTED:
        if q not in lib:
            out[q] = {"error": f"query '{q}' does not exist in queries/ (have: {sorted(lib)})"}
            continue
        if q not in inputs:
            out[q] = {"error": f"no input generator for '{q}' in bench"}
            continue
        log(f"query {q} × {n}")
        out[q] = _safe(time_query, driver, q, [inputs[q]() for _ in range(n)], min(50, n))
    # A library query the spec did not list, measured because the API's entity view uses it.
    if "entity" in lib:
        ins = [{"id": rng.choice(posts)} for _ in range(n)]
        out["entity"] = _safe(time_query, driver, "entity", ins, min(50, n))
    return out


# -- scoped lookups (issue 15) -----------------------------------------------------------------
# The same queries asked as users ask them: by name, and with `org` (the organisation's name)
# where the question names one, so the cost of resolution inside a scope is measured. Inputs
# come from their own random stream: the unscoped inputs above stay those of older commits.
SCOPED_SEED = 15


def time_resolved(
    driver: Any, name: str, inputs: list[tuple[dict[str, Any], str | None]], warmup: int
) -> dict[str, Any]:
    """Resolve each input's references (by name, within `org` when given) as the CLI and
    the API do, then run the query; a 409 or 404 is an answer too, counted apart."""
    import queries
    from graph.errors import Ambiguous, NotFound
    from queries.resolve import resolve_params

    def once(params: dict[str, Any], org: str | None) -> str:
        try:
            bound, _ = resolve_params(driver, name, params, database=DATABASE, org=org)
        except Ambiguous:
            return "ambiguous"
        except NotFound:
            return "not_found"
        return "rows" if queries.run(driver, name, bound, database=DATABASE) else "empty"

    for params, org in inputs[:warmup]:
        once(params, org)
    lat: list[float] = []
    outcomes = {"rows": 0, "empty": 0, "ambiguous": 0, "not_found": 0}
    for params, org in inputs:
        t0 = time.perf_counter()
        outcomes[once(params, org)] += 1
        lat.append((time.perf_counter() - t0) * 1000)
    return {
        "n": len(lat),
        **outcomes,
        "p50_ms": pct(lat, 50),
        "p95_ms": pct(lat, 95),
        "p99_ms": pct(lat, 99),
        "max_ms": max(lat) if lat else None,
    }


def scoped_inputs(
    driver: Any, n: int, rng: random.Random
) -> dict[str, list[tuple[dict[str, Any], str | None]]]:
    """Per scoped variant, n inputs (params by name, org name or None). Members are posts
    of a sample whose organisation (entity_ref's, the membership rule) is known; bodies and
    domains are asked within an organisation that takes part in them."""
    import queries

    with driver.session(database=DATABASE) as s:
        posts = [r["id"] for r in s.run("MATCH (p:Post) RETURN p.id AS id ORDER BY id")]
        bodies = [
            (r["name"], r["on"])
            for r in s.run(
                "MATCH (b:PartnerBody|Forum)<-[:REPRESENTS_AT]-()-[:PART_OF|LEADS*0..3]->"
                "(o:Organisation) WITH b, collect(DISTINCT o.name) AS on "
                "RETURN b.name AS name, on ORDER BY b.id"
            )
        ]
        targets = [r["n"] for r in s.run("MATCH (n:Domain|Task) RETURN n.name AS n ORDER BY n")]
    members: dict[str, list[str]] = {}  # organisation name -> names of its posts
    for pid in rng.sample(posts, min(len(posts), max(50, n // 2))):
        rows = queries.run(driver, "entity_ref", {"id": pid}, database=DATABASE)
        org = rows[0]["organisation"] if rows else None
        if org:
            members.setdefault(str(org["name"]), []).append(str(rows[0]["name"]))
    orgs = sorted(members)
    if not orgs:
        return {}

    def member() -> tuple[str, str]:
        org = rng.choice(orgs)
        return org, rng.choice(members[org])

    def pair() -> tuple[dict[str, Any], str | None]:
        org = rng.choice(orgs)
        return {"from_id": rng.choice(members[org]), "to_id": rng.choice(members[org])}, org

    def body() -> tuple[dict[str, Any], str | None]:
        name, on = rng.choice(bodies)
        return {"at": name}, rng.choice(on)

    def by_name(key: str, scoped: bool) -> tuple[dict[str, Any], str | None]:
        org, name = member()
        return {key: name}, org if scoped else None

    def words(scoped: bool) -> tuple[dict[str, Any], str | None]:
        org, name = member()
        return {"q": " ".join(name.split()[:2])}, org if scoped else None

    gens: dict[str, Callable[[], tuple[dict[str, Any], str | None]]] = {
        "chain_of_command_by_name": lambda: by_name("id", False),
        "chain_of_command_by_name_org": lambda: by_name("id", True),
        "entity_by_name": lambda: by_name("id", False),
        "entity_by_name_org": lambda: by_name("id", True),
        "responsible_for_by_name_org": lambda: ({"target": rng.choice(targets)}, rng.choice(orgs)),
        "search_org": lambda: words(True),
        "path_between_by_name_org": pair,
    }
    if bodies:
        gens["who_represents_by_name_org"] = body
    return {k: [g() for _ in range(n)] for k, g in gens.items()}


def bench_scoped(driver: Any, n: int, rng: random.Random) -> dict[str, Any]:
    """Each scoped variant over n inputs (by name; `_org`: with the organisation's name)."""
    import queries

    if "resolve_ref" not in queries.library():
        return {"error": "no resolve_ref query at this commit"}
    out: dict[str, Any] = {}
    for variant, ins in scoped_inputs(driver, n, rng).items():
        query = variant.removesuffix("_org").removesuffix("_by_name")
        log(f"scoped {variant} × {len(ins)}")
        out[variant] = _safe(time_resolved, driver, query, ins, min(20, max(1, n // 5)))
    return out


def bench_api_workers(
    args: argparse.Namespace, conn: Any, driver: Any, rng: random.Random
) -> dict[str, Any]:
    """The API phase once per --api-workers count (uvicorn worker processes, as `orggraph
    serve --workers N`), back to back on the same requests: {"N": {endpoint: figures}}."""
    state = rng.getstate()
    by_workers: dict[str, Any] = {}
    for i, n in enumerate(args.api_workers):
        same = rng if i == 0 else random.Random()
        same.setstate(state)  # every N is asked the same URLs
        log(f"api: uvicorn with {n} worker(s)")
        by_workers[str(n)] = _safe(bench_api, args, conn, driver, same, n)
    return by_workers


def bench_api(
    args: argparse.Namespace, conn: Any, driver: Any, rng: random.Random, workers: int = 1
) -> dict[str, Any]:
    home = Path(tempfile.mkdtemp(prefix="orggraph-bench-api-"))
    out: dict[str, Any] = {}
    try:
        with uvicorn_api(
            conn, home, api_keys=f"reader:{API_KEY}", timeout_s=60, workers=workers
        ) as served:
            _bench_endpoints(args, f"{served.root}/api/v1", driver, rng, out)
    except ServerDidNotStart as e:
        return {"error": f"uvicorn did not come up: {str(e)[-500:]}"}
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return out


def _bench_endpoints(
    args: argparse.Namespace, base: str, driver: Any, rng: random.Random, out: dict[str, Any]
) -> None:
    """Each endpoint for args.duration seconds at args.rate requests per second, into `out`."""
    with driver.session(database=DATABASE) as s:
        posts = [r["id"] for r in s.run("MATCH (p:Post) RETURN p.id AS id LIMIT 2000")]
        bodies = [
            r["id"]
            for r in s.run(
                "MATCH (b:PartnerBody|Forum) WHERE EXISTS { (b)<-[:REPRESENTS_AT]-() } "
                "RETURN b.id AS id LIMIT 2000"
            )
        ]
    endpoints = {
        "chain_of_command": [f"{base}/chain-of-command/{rng.choice(posts)}" for _ in range(500)],
        "representatives": [f"{base}/representatives?at={rng.choice(bodies)}" for _ in range(500)],
        "health": [f"{base}/health"],
    }
    for name, urls in endpoints.items():
        req = urllib.request.Request(urls[0], headers={"X-API-Key": API_KEY})
        try:
            urllib.request.urlopen(req, timeout=5).read()
        except urllib.error.HTTPError as e:
            out[name] = {
                "error": f"HTTP {e.code} for GET {urls[0].replace(base, '/api/v1')}: "
                "endpoint not implemented in api/routers"
            }
            continue
        except OSError as e:
            out[name] = {"error": f"{type(e).__name__}: {e}"}
            continue
        log(f"api {name}: {args.rate} req/s for {args.duration}s")
        res, _ = run_child(
            [
                PY,
                "-m",
                "bench.loadgen",
                "--rate",
                str(args.rate),
                "--duration",
                str(args.duration),
                "--warmup",
                str(warmup_for(args.duration)),
                "--key",
                API_KEY,
                *urls,
            ]
        )
        out[name] = res


def cpu_ref_ms() -> float:
    """The same single-threaded Python work on every run, best of three (ms): this VM's speed
    varies by day (cold start 9.8 s one day, 22.7 s another, idle both times), so runs
    compare by this figure, not by their date."""
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        total = 0
        for i in range(2_000_000):
            total += i
        repr([str(i) for i in range(200_000)]).encode()
        best = min(best, time.perf_counter() - t0)
    return round(best * 1000, 1)


def machine() -> dict[str, Any]:
    import neo4j

    info: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "neo4j_driver": neo4j.__version__,
        "cpu_ref_ms": cpu_ref_ms(),
    }
    try:
        import psutil

        info["ram_gb"] = round(psutil.virtual_memory().total / 2**30, 1)
        info["load_avg"] = os.getloadavg()
    except ImportError:
        pass
    with contextlib.suppress(OSError):
        info["git_commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    return info


def notes(res: dict[str, Any], args: argparse.Namespace) -> list[str]:
    n = []
    if args.zones != DEFAULT_ZONES:
        n.append(
            f"NOT the default scale: {args.zones} zones instead of {DEFAULT_ZONES} "
            "(≈ 110k nodes / 500k relationships); figures do not show full-scale load times."
        )
    n.append(
        "Every load variant runs in its own process on a freshly wiped database with the "
        "schema applied; peak RSS is that process's ru_maxrss (os.wait4)."
    )
    n.append(
        "orggraph = loaders.load.load(...) as users run it, on the generated national data "
        "as JSON dataset files (orggraph's format for machine exports; orggraph_yaml loads the "
        "same data from YAML): parse, full validation"
        + (
            " incl. quote check against the synthetic source texts"
            if not args.no_quotes
            else " WITHOUT quote check (--no-quotes)"
        )
        + ", then the writes."
    )
    n.append(
        f"naive = one auto-commit MERGE per row via the official driver on a sample of "
        f"{args.sample} rows, extrapolated to all rows (files parsed beforehand, not timed)."
    )
    n.append(
        "py2neo = py2neo.bulk.merge_nodes / merge_relationships in batches of 1000 via "
        "graph.auto() (files parsed beforehand, not timed; :Source nodes not written)."
    )
    n.append(
        "neo4j-rust-ext (the driver's Rust codec) is a dependency of orggraph, so `orggraph` "
        "and `orggraph_rust` run the same configuration (measured separately); "
        "`orggraph_pure` (extra) shadows the driver with one without the Rust codec "
        "(pip --target dir first on PYTHONPATH, never the shared venv)."
    )
    n.append(
        f"Queries: {args.queries_n} random valid inputs each through queries.run after "
        "50 warm-up calls, sequential, one client."
    )
    if "scoped" in args.phases:
        n.append(
            f"Scoped (queries_scoped): {args.scoped_n} inputs per variant after "
            f"{min(20, max(1, args.scoped_n // 5))} warm-up calls, each resolved by name as "
            "the CLI and the API do (queries.resolve.resolve_params; `_org`: within the "
            "organisation named by its name) and then "
            "run; a 409 or 404 is timed and counted as `ambiguous` / `not_found`."
        )
    if args.phases != list(PHASES):
        n.append(f"Partial run: phases {','.join(args.phases)} only.")
    if "api" in args.phases:
        workers = ", then ".join(str(w) for w in args.api_workers)
        n.append(
            f"API: uvicorn {workers} worker(s) on loopback (`api` holds the first, "
            f"`api_workers` each); open-loop {args.rate} req/s for {args.duration} s "
            "from a separate process (bench/loadgen.py, threaded), after "
            f"{warmup_for(args.duration):g} s of the same load not counted (the server's Bolt "
            "connections and threads open as concurrency first rises); latency from the "
            "scheduled send time."
        )
    load_avg = res.get("machine", {}).get("load_avg")
    n.append(
        f"Machine load average at start {load_avg} on {os.cpu_count()} cores (anything above "
        "~0.5 means other processes shared the CPUs and timings are pessimistic)."
    )
    ref = res.get("machine", {}).get("cpu_ref_ms")
    n.append(
        f"CPU reference {ref} ms at start (bench.run.cpu_ref_ms: the same Python loop every "
        "run; this VM's speed varies by day, so compare runs by it: twice the figure, about "
        "twice every CPU-bound time)."
    )
    return n


# -- main -------------------------------------------------------------------------------------


DEFAULT_VARIANTS = "naive,py2neo,orggraph_pure,orggraph_yaml,orggraph_rust,orggraph"


def parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench", description="orggraph benchmark")
    ap.add_argument("--quick", action="store_true", help="3 zones, small samples, short API run")
    ap.add_argument("--zones", type=int, default=None)
    ap.add_argument(
        "--uri",
        default=os.environ.get("ORGGRAPH_BENCH_URI"),
        help="use this Neo4j instead of starting one (its database is WIPED)",
    )
    ap.add_argument("--password", default=os.environ.get("ORGGRAPH_BENCH_PASSWORD"))
    ap.add_argument("--out", type=Path, default=None, help="results JSON path")
    ap.add_argument("--rate", type=float, default=None)
    ap.add_argument("--duration", type=float, default=None)
    ap.add_argument("--queries-n", type=int, default=None)
    ap.add_argument(
        "--scoped-n", type=int, default=None, help="inputs per scoped variant (default queries-n/5)"
    )
    ap.add_argument(
        "--phases",
        default=",".join(PHASES),
        help=f"comma-separated, any of {','.join(PHASES)} (default all); without load only the "
        "orggraph variant is loaded, for the phases that read the graph",
    )
    ap.add_argument(
        "--api-workers",
        default=None,
        help="uvicorn worker counts for the API phase, comma-separated, run back to back "
        "(default 1,2: the results say the fewest that held the target; 1 in quick mode)",
    )
    ap.add_argument("--sample", type=int, default=None, help="naive baseline sample rows")
    ap.add_argument("--no-quotes", action="store_true", help="skip the loader's quote check")
    ap.add_argument(
        "--variants", default=DEFAULT_VARIANTS, help=f"load variants (default {DEFAULT_VARIANTS})"
    )
    args = ap.parse_args(argv)
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    unknown = sorted(set(phases) - set(PHASES))
    if unknown or not phases:
        ap.error(f"--phases {args.phases!r}: unknown {unknown}; choose from {','.join(PHASES)}")
    args.phases = [p for p in PHASES if p in phases]
    if args.api_workers is None:
        args.api_workers = "1" if args.quick else "1,2"
    try:
        args.api_workers = [int(w) for w in str(args.api_workers).split(",") if w.strip()]
    except ValueError:
        args.api_workers = []
    if not args.api_workers or min(args.api_workers) < 1:
        ap.error(f"--api-workers {args.api_workers!r}: give worker counts >= 1, e.g. 1,2")
    q = args.quick
    args.zones = args.zones or (3 if q else DEFAULT_ZONES)
    args.rate = args.rate or (50 if q else 300)
    args.duration = args.duration or (5 if q else 60)
    args.queries_n = args.queries_n or (100 if q else 1000)
    args.scoped_n = args.scoped_n or max(10, args.queries_n // 5)
    args.sample = args.sample or (1000 if q else 5000)
    # latest.json is a full run's: a partial run never overwrites it unless --out says so
    partial = "" if args.phases == list(PHASES) else "phases-" + "-".join(args.phases)
    args.out = args.out or RESULTS / (
        f"{partial or 'quick'}.json" if q or partial else "latest.json"
    )
    return args


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse(argv)
    from graph.connection import Connection
    from graph.db import create_driver, server_version
    from graph.server import JarServer
    from graph.settings import PROJECT_ROOT, Settings

    rng = random.Random(7)
    res: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        # a run of some --phases says so in every title: its figures are not a full run's
        "mode": "quick" if args.quick else "full" if args.phases == list(PHASES) else "partial",
        "machine": machine(),
        "params": {
            k: (str(v) if isinstance(v, Path) else v)
            for k, v in vars(args).items()
            if k != "password"
        },
    }
    work = Path(tempfile.mkdtemp(prefix="orggraph-bench-"))
    server = None
    try:
        data = work / "data"
        log(f"generating {args.zones} zones into {data}")
        t0 = time.perf_counter()
        gen = generate(data, args.zones)
        res["generate"] = {**gen, "wall_s": time.perf_counter() - t0}
        if args.uri:
            conn = Connection(args.uri, "neo4j", args.password or "", DATABASE, "given")
            res["neo4j"] = {"cold_start_s": None, "error": "external server given (--uri)"}
        else:
            home = work / "neo4j"
            # Sized for the national graph (24 GB machine): with a 1g heap the load spends
            # half of Neo4j's CPU in garbage collection (measured: 65 vs 31 CPU-s).
            settings = Settings(
                home=home, heap=BENCH_HEAP, pagecache=BENCH_PAGECACHE, start_timeout_s=180
            )
            server = JarServer(
                settings, home=home, lib_dir=PROJECT_ROOT / ".neo4j" / "lib", bolt_port=free_port()
            )
            log("starting Neo4j (cached jars) …")
            t0 = time.perf_counter()
            conn = server.start()
            res["neo4j"] = {
                "cold_start_s": time.perf_counter() - t0,
                "heap": BENCH_HEAP,
                "pagecache": BENCH_PAGECACHE,
            }
        driver = create_driver(conn)
        try:
            res["neo4j"]["version"] = server_version(driver, database=DATABASE)
            rows = gen["entities"] + gen["relations"] + gen["sources"]
            load: dict[str, Any] = {"rows": rows}
            variants = args.variants.split(",")
            for v in DEFAULT_VARIANTS.split(","):
                if v not in variants and "load" in args.phases:
                    load[v] = {"error": "not run (--variants)"}
            if "load" not in args.phases:
                # only the load the other phases read from
                variants = ["orggraph"] if set(args.phases) - {"load"} else []
            if "load" in args.phases:  # issue 19: load --initial (restarts the local server)
                from bench.floors import initial_load_phase

                fresh(driver)
                load["orggraph_initial"] = (
                    _safe(initial_load_phase, server, driver, data, args)
                    if server is not None
                    else {"error": "external server (--uri): load --initial needs the local one"}
                )
            for v in variants:
                env = None
                if v in ("orggraph_rust", "orggraph_pure"):
                    # neo4j-rust-ext is a dependency of orggraph, so `orggraph` runs with it;
                    # orggraph_pure shadows the driver with one without the Rust codec.
                    rust = v == "orggraph_rust"
                    if rust and rust_ext_installed():
                        env = None
                    elif args.quick:
                        load[v] = {"error": "skipped in quick mode (pip install only in full mode)"}
                        continue
                    else:
                        target = work / v
                        err = install_driver(target, rust=rust)
                        if err:
                            load[v] = {"error": err}
                            continue
                        env = {"PYTHONPATH": f"{target}{os.pathsep}{ROOT}"}
                if v == "orggraph_yaml":
                    # Extra: the same national data as hand-edited YAML instead of JSON.
                    if args.quick:
                        load[v] = {"error": "skipped in quick mode"}
                        continue
                    log("generating the same data as YAML for the orggraph_yaml variant")
                    yaml_data = work / "data-yaml"
                    generate(yaml_data, args.zones, fmt="yaml")
                    load[v] = load_variant(v, args, conn, yaml_data, driver, None)
                    if "wall_s" in load[v]:
                        load[v]["rows_per_s"] = rows / load[v]["wall_s"]
                    shutil.rmtree(yaml_data, ignore_errors=True)
                    continue
                if v == "py2neo":
                    try:
                        import py2neo  # noqa: F401
                    except ImportError as e:
                        load[v] = {"error": f"ImportError: {e} (pip install -e '.[bench]')"}
                        continue
                load[v] = load_variant(v, args, conn, data, driver, env)
                if "wall_s" in load[v] and v.startswith("orggraph"):
                    load[v]["rows_per_s"] = rows / load[v]["wall_s"]
            # Queries and the API need the database as orggraph's loader writes it.
            last = load.get(variants[-1], {}) if variants else {}
            if args.phases == ["load"]:
                pass
            elif not (variants and variants[-1].startswith("orggraph") and "wall_s" in last):
                log("reloading with orggraph's loader for the query phase")
                load["reload_for_queries"] = load_variant(
                    "orggraph", args, conn, data, driver, None
                )
            og = load.get("orggraph", {}).get("rows_per_s")
            for base in ("naive", "py2neo"):
                b = load.get(base, {}).get("rows_per_s")
                load[f"ratio_vs_{base}"] = og / b if og and b else None
            res["load"] = load
            n, r = graph_counts(driver)
            res["scale"] = {"nodes": n, "relationships": r, "zones": args.zones}
            log(f"graph: {n} nodes, {r} relationships")
            if "queries" in args.phases:
                res["queries"] = _safe(bench_queries, driver, args.queries_n, rng)
            if "scoped" in args.phases:
                scoped_rng = random.Random(SCOPED_SEED)
                res["queries_scoped"] = _safe(bench_scoped, driver, args.scoped_n, scoped_rng)
            if "api" in args.phases:
                res["api_workers"] = _safe(bench_api_workers, args, conn, driver, rng)
                first = res["api_workers"].get(str(args.api_workers[0]))
                res["api"] = first if isinstance(first, dict) else res["api_workers"]
                res["api_target"] = api_target(res["api_workers"])
            if "viz" in args.phases:
                from bench.vizbench import zone_view

                log("viz: zone view in headless Chromium")
                res["viz"] = _safe(zone_view, driver, DATABASE)
            if "formats" in args.phases:
                from bench.formatsbench import country_export

                log("formats: the country exported as Popolo, CSV, ORG JSON-LD and Turtle")
                res["formats"] = _safe(country_export, driver, DATABASE)
            if "floors" in args.phases:
                from bench.floors import floors_phase  # issue 19: RETURN 1, hello, importer

                res["floors"] = _safe(floors_phase, args, driver, data, work, res)
        finally:
            driver.close()
    finally:
        if server is not None:
            log("stopping Neo4j")
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    res["notes"] = notes(res, args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=2, default=str) + "\n", encoding="utf-8")
    write_markdown(res, args.out.with_suffix(".md"))
    log(f"results: {args.out} and {args.out.with_suffix('.md')}")
    return res
