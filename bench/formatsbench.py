"""Export of the generated country in each standard format (issue 17): the graph read once as
`orggraph export --format …` reads it (loaders.formats.read_snapshot: paged auto-commit reads,
under the local server's own 120 s transaction timeout), then each format written to disk as
the CLI writes it (loaders.formats.write_export: the RDF streamed a bounded piece at a time),
each in a forked child so its time, CPU time and peak RSS (the snapshot included: what an
export process holds) are its own; plus one zone's `--org` export, which reads only its part.
Part of `python -m bench` (after the viz phase); standalone it generates, loads and exports on
its own and writes bench/results/formats.json and formats.md:

    python -m bench.formatsbench [--zones N] [--formats org-jsonld,popolo,...] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ALL = "popolo,csv,org-jsonld,org-turtle"
RESULTS = Path(__file__).parent / "results"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _in_child(work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """`work()` in a forked child: wall and CPU seconds, and the child's peak RSS (it starts
    with the parent's pages, the snapshot, so this is an export process's peak)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        code = 0
        try:
            t0, c0 = time.perf_counter(), time.process_time()
            out = work()
            out = {
                "s": round(time.perf_counter() - t0, 1),
                "cpu_s": round(time.process_time() - c0, 1),
                **out,
                "peak_rss_mb": round(_rss_mb(), 1),
            }
        except BaseException as e:  # reported to the parent
            out, code = {"error": f"{type(e).__name__}: {e}"}, 1
        with os.fdopen(write_end, "w") as pipe:
            pipe.write(json.dumps(out))
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        text = pipe.read()
    os.waitpid(pid, 0)
    result: dict[str, Any] = json.loads(text) if text else {"error": "child died"}
    return result


def country_export(
    driver: Any,
    database: str,
    formats: str = ALL,
    zone: str = "zone-000",
    on_step: Callable[[dict[str, Any]], None] = lambda out: None,
) -> dict[str, Any]:
    """Read, then each format; `on_step(out)` after every step (a long run cut short still
    has what finished recorded)."""
    from loaders.formats import Format, export_format, read_snapshot, write_export

    out: dict[str, Any] = {"load_avg_start": _load()}
    t0, c0 = time.perf_counter(), time.process_time()
    snap = read_snapshot(driver, database=database)
    out["read"] = {
        "s": round(time.perf_counter() - t0, 1),
        "cpu_s": round(time.process_time() - c0, 1),
        "peak_rss_mb": round(_rss_mb(), 1),
        "entities": len(snap.entities),
        "relations": len(snap.relations),
        "sources": len(snap.sources),
    }
    print(f"[formats] read: {json.dumps(out['read'])}", flush=True)
    out["load_avg_end"] = _load()
    on_step(out)
    work = Path(tempfile.mkdtemp(prefix="orggraph-formats-"))
    try:
        for name in formats.split(","):
            target = work / name

            def export(fmt: Format, target: Path) -> dict[str, Any]:
                report = write_export(snap, target, fmt, "country")
                size = sum(p.stat().st_size for p in report.files)
                return {"files": len(report.files), "mb": round(size / 1e6, 1)}

            out[name] = {**_in_child(partial(export, Format(name), target)), "load_avg": _load()}
            shutil.rmtree(target, ignore_errors=True)
            print(f"[formats] {name}: {json.dumps(out[name])}", flush=True)  # if cut short
            out["load_avg_end"] = _load()
            on_step(out)
        if zone in snap.entities:
            del snap
            t0 = time.perf_counter()
            report = export_format(driver, work / "zone", Format.ORG_JSONLD, database=database,
                                   org=zone)  # fmt: skip
            out["zone"] = {
                "org": zone,
                "org_jsonld_s": round(time.perf_counter() - t0, 2),
                "entities": report.entities,
                "relations": report.relations,
            }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out["load_avg_end"] = _load()
    return out


def markdown(res: dict[str, Any]) -> str:
    """bench/results/formats.md: the run as a table, with the machine's load beside it."""
    exp = res["export"]
    read = exp["read"]
    lines = [
        f"# Standard-format export of the generated country ({res['zones']} zones)",
        "",
        f"Written by `python -m bench.formatsbench --zones {res['zones']}` on {res['date']} "
        f"(`{res.get('commit', '?')}`). The machine has {os.cpu_count()} cores shared with "
        "other work: load average (1, 5, 15 min) "
        f"{exp['load_avg_start']} at the start, {exp['load_avg_end']} at the end; wall "
        "seconds are pessimistic when it exceeds the core count, CPU seconds less so.",
        "",
        f"Graph: {read['entities']} entities, {read['relations']} relations, "
        f"{read['sources']} sources (loaded in {res.get('load_s', 0):.0f} s).",
        "",
        "| step | wall s | CPU s | size MB | peak RSS MB | load avg at end |",
        "|---|---:|---:|---:|---:|---|",
        f"| read (paged, no transaction over 120 s) | {read['s']} | {read['cpu_s']} | | "
        f"{read['peak_rss_mb']} | |",
    ]
    for name in ALL.split(","):
        r = exp.get(name)
        if r is None:
            continue
        if "error" in r:
            lines.append(f"| {name} | failed: {r['error']} | | | | |")
            continue
        lines.append(
            f"| {name} | {r['s']} | {r['cpu_s']} | {r['mb']} | {r['peak_rss_mb']} | "
            f"{r['load_avg']} |"
        )
    if "zone" in exp:
        z = exp["zone"]
        lines += [
            "",
            f"`--org {z['org']}` (org-jsonld, its own part read: {z['entities']} entities, "
            f"{z['relations']} relations): {z['org_jsonld_s']} s.",
        ]
    lines += [
        "",
        "Peak RSS is that of the process writing the format (a fork of the reader: the "
        "snapshot plus the format's own memory). The RDF formats are built and serialised by "
        "rdflib a piece of 1,000 facts at a time (loaders/formats/org.py); see "
        "docs/formats/org.md, 'Size'.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    import subprocess

    from bench.generate import DEFAULT_ZONES, generate
    from bench.run import BENCH_HEAP, BENCH_PAGECACHE, log
    from graph.db import create_driver
    from graph.schema import apply_schema
    from graph.server import JarServer
    from graph.settings import PROJECT_ROOT, Settings
    from loaders.load import load
    from tests.support import DATABASE, free_port

    ap = argparse.ArgumentParser(prog="python -m bench.formatsbench")
    ap.add_argument("--zones", type=int, default=DEFAULT_ZONES)
    ap.add_argument("--formats", default=ALL)
    ap.add_argument("--out", type=Path, default=RESULTS / "formats.json")
    ap.add_argument("--heap", default=BENCH_HEAP)
    ap.add_argument("--pagecache", default=BENCH_PAGECACHE)
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="orggraph-bench-formats-"))
    commit = subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    res: dict[str, Any] = {
        "zones": args.zones, "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "commit": commit,
    }  # fmt: skip
    server = None
    try:
        log(f"generating {args.zones} zones")
        gen = generate(work / "data", args.zones)
        res["generate"] = {k: v for k, v in gen.items() if isinstance(v, int | float)}
        home = work / "neo4j"
        settings = Settings(home=home, heap=args.heap, pagecache=args.pagecache,
                            start_timeout_s=300)  # fmt: skip
        # The server's own configuration, 120 s transaction timeout included: the export
        # reads in pages and must not need more.
        server = JarServer(
            settings, home=home, lib_dir=PROJECT_ROOT / ".neo4j" / "lib", bolt_port=free_port()
        )
        log("starting Neo4j")
        driver = create_driver(server.start())
        try:
            apply_schema(driver, database=DATABASE)
            log("loading with orggraph's loader")
            t0 = time.perf_counter()
            load(driver, [work / "data"], database=DATABASE, sources_dir=work / "data" / "sources")
            res["load_s"] = time.perf_counter() - t0
            log(f"exporting: {args.formats}")

            def record(export: dict[str, Any]) -> None:
                res["export"] = export
                write(args.out, res)

            res["export"] = country_export(driver, DATABASE, args.formats, on_step=record)
        finally:
            driver.close()
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    write(args.out, res)
    print(json.dumps(res))


def write(path: Path, res: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    path.with_suffix(".md").write_text(markdown(res), encoding="utf-8")


if __name__ == "__main__":
    main()
