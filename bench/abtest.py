"""Old code against new code, interleaved on one machine: query latencies that can be compared.

A benchmark's absolute figures move 2-3x with the machine (another day, other processes), so
"not worse than before" is only shown by measuring both versions in the same run. Each version
runs in a worker process of its own, with its own code on sys.path (a `git worktree` of the old
commit), its own Neo4j (from this checkout's cached jars) and its own generated country loaded
by its own loader; the controller then asks both for the same random inputs in rounds, old
first in even rounds and new first in odd ones, so drift in the machine's load falls on both.

    git worktree add /tmp/og-old <commit>
    python -m bench.abtest /tmp/og-old .            # or two worktrees
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
LIB = HERE.parent.parent / ".neo4j" / "lib"
QUERIES = ("chain_of_command", "search", "who_represents", "responsible_for", "path_between")


def _log(tag: str, msg: str) -> None:
    print(f"[{tag} {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _pct(values: list[float], q: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, round(q / 100 * (len(v) - 1)))]


def _inputs(
    rng: random.Random, posts: list[str], names: list[str], bodies: list[str], targets: list[str]
) -> dict[str, Callable[[], dict[str, Any]]]:
    """The bench's inputs (bench.run.bench_queries), plus the entity view."""
    return {
        "chain_of_command": lambda: {"id": rng.choice(posts)},
        "search": lambda: {"q": " ".join(rng.choice(names).split()[:2])},
        "who_represents": lambda: {"at": rng.choice(bodies)},
        "responsible_for": lambda: {"target": rng.choice(targets)},
        "path_between": lambda: {"from_id": rng.choice(posts), "to_id": rng.choice(posts)},
        "entity": lambda: {"id": rng.choice(posts)},
    }


def worker(root: Path, tag: str, zones: int) -> None:
    """Serve rounds on stdin ('round SEED N' -> one JSON line of latencies; 'quit')."""
    sys.path.insert(0, str(root))
    os.chdir(root)
    import queries
    from bench.generate import generate
    from graph.db import create_driver
    from graph.server import JarServer
    from graph.settings import Settings
    from loaders.load import load

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    work = Path(tempfile.mkdtemp(prefix=f"orggraph-ab-{tag}-"))
    data = work / "data"
    generate(data, zones)
    home = work / "neo4j"
    settings = Settings(home=home, heap="2g", pagecache="1g", start_timeout_s=300)
    srv = JarServer(settings, home=home, lib_dir=LIB, bolt_port=port)
    drv = create_driver(srv.start())
    try:
        t0 = time.perf_counter()
        files = sorted(p for p in data.iterdir() if p.suffix in (".json", ".yaml", ".yml"))
        load(drv, files, database="neo4j", sources_dir=data / "sources")
        _log(tag, f"loaded {zones} zones in {time.perf_counter() - t0:.1f} s")
        with drv.session(database="neo4j") as s:
            posts = [r["id"] for r in s.run("MATCH (p:Post) RETURN p.id AS id ORDER BY id")]
            names = [r["n"] for r in s.run("MATCH (e:Entity) RETURN e.name AS n ORDER BY n")]
            bodies = [
                r["id"] for r in s.run("MATCH (n:PartnerBody|Forum) RETURN n.id AS id ORDER BY id")
            ]
            targets = [
                r["id"] for r in s.run("MATCH (n:Domain|Task) RETURN n.id AS id ORDER BY id")
            ]
        print("ready", flush=True)
        for line in sys.stdin:
            cmd = line.split()
            if not cmd or cmd[0] != "round":
                break
            rng = random.Random(int(cmd[1]))
            n = int(cmd[2])
            gens = _inputs(rng, posts, names, bodies, targets)
            out: dict[str, list[float]] = {}
            for q, gen in gens.items():
                inputs = [gen() for _ in range(n)]
                for p in inputs[:10]:  # warm-up
                    queries.run(drv, q, p, database="neo4j")
                lat = []
                for p in inputs:
                    t = time.perf_counter()
                    queries.run(drv, q, p, database="neo4j")
                    lat.append((time.perf_counter() - t) * 1000)
                out[q] = lat
            lat = []
            for _ in range(n):
                t = time.perf_counter()
                drv.execute_query("RETURN 1", database_="neo4j", routing_="r")
                lat.append((time.perf_counter() - t) * 1000)
            out["return1"] = lat
            print(json.dumps(out), flush=True)
    finally:
        drv.close()
        srv.stop()
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("old", type=Path, nargs="?", help="checkout of the old code (a worktree)")
    ap.add_argument("new", type=Path, nargs="?", help="checkout of the new code")
    ap.add_argument("--zones", type=int, default=185)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--per-round", type=int, default=150)
    ap.add_argument("--worker", nargs=2, metavar=("ROOT", "TAG"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(Path(args.worker[0]).resolve(), args.worker[1], args.zones)
        return
    if args.old is None or args.new is None:
        ap.error("give the old and the new checkout")
    procs = {}
    for tag, root in (("old", args.old), ("new", args.new)):
        cmd = [sys.executable, str(HERE), "--worker", str(root.resolve()), tag]
        cmd += ["--zones", str(args.zones)]
        procs[tag] = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        for tag, p in procs.items():
            assert p.stdout is not None
            if p.stdout.readline().strip() != "ready":
                raise SystemExit(f"the {tag} worker did not come up")
        lat: dict[str, dict[str, list[float]]] = {"old": {}, "new": {}}
        loads = []
        for i in range(args.rounds):
            for tag in ("old", "new") if i % 2 == 0 else ("new", "old"):
                p = procs[tag]
                assert p.stdin is not None and p.stdout is not None
                p.stdin.write(f"round {100 + i} {args.per_round}\n")
                p.stdin.flush()
                for q, values in json.loads(p.stdout.readline()).items():
                    lat[tag].setdefault(q, []).extend(values)
            loads.append(os.getloadavg()[0])
            _log("ab", f"round {i + 1}/{args.rounds}, load {loads[-1]:.1f}")
    finally:
        for p in procs.values():
            if p.stdin is not None:
                try:
                    p.stdin.write("quit\n")
                    p.stdin.close()
                except BrokenPipeError:  # the worker is gone already
                    pass
            p.wait(120)
    print(f"load average during the rounds: {min(loads):.1f}-{max(loads):.1f}")
    print("| query (ms) | old p50 | new p50 | old p99 | new p99 |")
    print("|---|---:|---:|---:|---:|")
    for q in lat["old"]:
        o, n = lat["old"][q], lat["new"][q]
        cells = [_pct(o, 50), _pct(n, 50), _pct(o, 99), _pct(n, 99)]
        print(f"| {q} | " + " | ".join(f"{c:.2f}" for c in cells) + " |")


if __name__ == "__main__":
    main()
