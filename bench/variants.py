"""One load variant, run in its own process so its peak RSS can be read by the parent.

    python -m bench.variants VARIANT --uri URI --password PW --data DIR [--sample N] [--warmup N]

Prints one JSON object on the last line of stdout: rows, wall_s, rows_per_s (+ extras).
The database is emptied (schema kept) by the parent before each variant.

Every variant is timed on a warm server: first the first `--warmup` files (default 8) are
loaded (orggraph's loader, no quote checks) and the database emptied again. A server started
seconds before runs its first loads interpreted (JIT not yet compiled): measured on 40 zones,
the first load after a start took 2.1x the Neo4j CPU and 2.7x the write time of the next one.
Without it a variant's figure depended on whether it ran first (as the only variant of a
`--phases` run, right after the server started) or after others had warmed the server.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import yaml

DATABASE = "neo4j"
PY2NEO_BATCH = 1000


def dataset_files(data: Path) -> list[Path]:
    return sorted([*data.glob("*.json"), *data.glob("*.yaml")])


def rows_from_yaml(data: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """Entity and relation rows with the properties the loader stores (flattened provenance),
    read with the C YAML parser; the baselines get them for free (not timed)."""
    ents: list[dict[str, Any]] = []
    rels: list[dict[str, Any]] = []
    n_sources = 0
    for f in dataset_files(data):
        text = f.read_text(encoding="utf-8")
        doc = json.loads(text) if f.suffix == ".json" else yaml.load(text, Loader=yaml.CSafeLoader)
        d = doc.get("defaults") or {}
        n_sources += len(doc.get("sources") or [])

        def prov(
            fact: dict[str, Any], doc: dict[str, Any] = doc, d: dict[str, Any] = d
        ) -> dict[str, Any]:
            p = {
                "dataset": doc["dataset"],
                "source": fact.get("source", d.get("source")),
                "quote": fact["quote"],
                "inferred": fact.get("inferred", False),
                "status": fact.get("status", d.get("status", "current")),
            }
            for k in ("valid_from", "valid_to", "reason"):
                v = fact.get(k)
                if v is not None:
                    p[k] = v
            p.update(fact.get("props") or {})
            return p

        for e in doc.get("entities") or []:
            props = prov(e)
            props.update(id=e["id"], kind=e["kind"], name=e["name"])
            for k in ("type", "abbreviation", "description"):
                if e.get(k) is not None:
                    props[k] = e[k]
            if e.get("aliases"):
                props["aliases"] = list(e["aliases"])
            ents.append({"id": e["id"], "kind": e["kind"], "props": props})
        for r in doc.get("relations") or []:
            rid = r.get("id") or f"{r['from']}--{r['type'].lower()}--{r['to']}"
            props = prov(r)
            props["id"] = rid
            rels.append(
                {"id": rid, "type": r["type"], "from": r["from"], "to": r["to"], "props": props}
            )
    return ents, rels, n_sources


def _driver(uri: str, password: str) -> Any:
    from neo4j import GraphDatabase

    return GraphDatabase.driver(uri, auth=("neo4j", password))


def run_orggraph(args: argparse.Namespace) -> dict[str, Any]:
    import neo4j

    from graph.connection import Connection
    from graph.db import create_driver
    from loaders.load import load

    rust = _rust_active()

    conn = Connection(args.uri, "neo4j", args.password, DATABASE, "bench")
    paths = dataset_files(args.data)
    sources = None if args.no_quotes else args.data / "sources"
    with create_driver(conn) as drv:
        t0 = time.perf_counter()
        report = load(drv, paths, database=DATABASE, sources_dir=sources)
        wall = time.perf_counter() - t0
    rows = report.changes  # created + changed (+ removed): every row on a fresh database
    return {
        "rows": rows,
        "wall_s": wall,
        **{k: round(v, 3) for k, v in report.timings.items()},
        "rows_per_s": rows / wall,
        "quote_check": sources is not None,
        "driver": neo4j.__version__,
        "rust_ext_active": rust,
    }


def _rust_active() -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec("neo4j._rust") is not None
    except ModuleNotFoundError:
        return False


def run_naive(args: argparse.Namespace) -> dict[str, Any]:
    ents, rels, n_sources = rows_from_yaml(args.data)
    total = len(ents) + len(rels) + n_sources
    # Sample: the first entities, then relations among the sampled entities.
    n_ent = min(len(ents), args.sample * 2 // 5)
    sample_e = ents[:n_ent]
    ids = {e["id"] for e in sample_e}
    sample_r = [r for r in rels if r["from"] in ids and r["to"] in ids][: args.sample - n_ent]
    drv = _driver(args.uri, args.password)
    try:
        with drv.session(database=DATABASE) as s:
            t0 = time.perf_counter()
            for e in sample_e:  # one auto-commit transaction per row
                s.run(
                    f"MERGE (n:Entity {{id: $id}}) SET n += $props SET n:`{e['kind']}`",
                    id=e["id"],
                    props=e["props"],
                ).consume()
            for r in sample_r:
                s.run(
                    "MATCH (a:Entity {id: $from}) MATCH (b:Entity {id: $to}) "
                    f"MERGE (a)-[x:`{r['type']}` {{id: $id}}]->(b) SET x += $props",
                    {"from": r["from"], "to": r["to"], "id": r["id"], "props": r["props"]},
                ).consume()
            wall = time.perf_counter() - t0
    finally:
        drv.close()
    n = len(sample_e) + len(sample_r)
    rps = n / wall
    return {
        "rows": total,
        "sample_rows": n,
        "sample_wall_s": wall,
        "rows_per_s": rps,
        "wall_s": total / rps,
        "extrapolated": True,
    }


def run_py2neo(args: argparse.Namespace) -> dict[str, Any]:
    from py2neo import Graph
    from py2neo.bulk import merge_nodes, merge_relationships

    ents, rels, n_sources = rows_from_yaml(args.data)
    graph = Graph(args.uri, auth=("neo4j", args.password), name=DATABASE)
    t0 = time.perf_counter()
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for e in ents:
        by_kind.setdefault(e["kind"], []).append(e["props"])
    for kind, props in by_kind.items():
        for i in range(0, len(props), PY2NEO_BATCH):
            merge_nodes(graph.auto(), props[i : i + PY2NEO_BATCH], ("Entity", "id"), labels={kind})
    by_type: dict[str, list[tuple[str, dict[str, Any], str]]] = {}
    for r in rels:
        by_type.setdefault(r["type"], []).append((r["from"], r["props"], r["to"]))
    for type_, data in by_type.items():
        for i in range(0, len(data), PY2NEO_BATCH):
            merge_relationships(
                graph.auto(),
                data[i : i + PY2NEO_BATCH],
                (type_, "id"),
                start_node_key=("Entity", "id"),
                end_node_key=("Entity", "id"),
            )
    wall = time.perf_counter() - t0
    n = len(ents) + len(rels)
    return {"rows": n, "wall_s": wall, "rows_per_s": n / wall, "sources_skipped": n_sources}


VARIANTS = {"orggraph": run_orggraph, "naive": run_naive, "py2neo": run_py2neo}


def warm_up(args: argparse.Namespace) -> dict[str, Any]:
    """Load the first `args.warmup` files and empty the database again (schema kept), so the
    timed variant meets a server whose JIT has compiled the write path."""
    if args.warmup <= 0:
        return {}
    from graph.connection import Connection
    from graph.db import create_driver, wipe
    from graph.schema import apply_schema
    from loaders.load import load

    conn = Connection(args.uri, "neo4j", args.password, DATABASE, "bench")
    files = dataset_files(args.data)
    vocab = [f for f in files if not f.name.startswith("zone-")]
    zones = [f for f in files if f.name.startswith("zone-")][: args.warmup]
    t0 = time.perf_counter()
    with create_driver(conn) as drv:
        load(drv, [*vocab, *zones], database=DATABASE, sources_dir=None)
        wipe(drv, database=DATABASE)
        apply_schema(drv, database=DATABASE)
    return {"warmup_files": len(vocab) + len(zones), "warmup_s": round(time.perf_counter() - t0, 2)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("variant", choices=sorted(VARIANTS))
    ap.add_argument("--uri", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--sample", type=int, default=5000)
    ap.add_argument("--no-quotes", action="store_true")
    ap.add_argument("--warmup", type=int, default=8, help="zone files loaded and wiped first")
    args = ap.parse_args(argv)
    try:
        warm = warm_up(args)
        out = {**VARIANTS[args.variant](args), **warm}
    except Exception as e:
        out = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(out, default=str))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
