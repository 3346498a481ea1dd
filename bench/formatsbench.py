"""Export of the generated country in each standard format (issue 17): the graph read once
(loaders.formats.read_snapshot: the export's library queries), then each format rendered in
memory and timed, plus one zone's scoped export. Part of `python -m bench` (after the viz
phase); standalone it generates, loads and exports on its own:

    python -m bench.formatsbench [--zones N] [--formats org-jsonld,popolo,...] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

ALL = "popolo,csv,org-jsonld,org-turtle"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def country_export(
    driver: Any, database: str, formats: str = ALL, zone: str = "zone-000"
) -> dict[str, Any]:
    from loaders.formats import Format, read_snapshot, render, scoped

    t0 = time.perf_counter()
    snap = read_snapshot(driver, database=database)
    out: dict[str, Any] = {
        "read_s": time.perf_counter() - t0,
        "entities": len(snap.entities),
        "relations": len(snap.relations),
        "sources": len(snap.sources),
    }
    print(f"[formats] read: {json.dumps(out)}", flush=True)
    for name in formats.split(","):
        t0 = time.perf_counter()
        files = render(snap, Format(name), "country")
        out[name] = {
            "render_s": time.perf_counter() - t0,
            "files": len(files),
            "mb": round(sum(len(c) for c in files.values()) / 1e6, 1),
            "peak_rss_mb": round(_rss_mb(), 1),
        }
        del files
        print(f"[formats] {name}: {json.dumps(out[name])}", flush=True)  # progress, if cut short
    if zone in snap.entities:
        t0 = time.perf_counter()
        part = scoped(snap, zone)
        render(part, Format.ORG_JSONLD, zone)
        out["zone_org_jsonld_s"] = time.perf_counter() - t0
        out["zone"] = zone
    return out


def main(argv: list[str] | None = None) -> None:
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
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "formats.json")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="orggraph-bench-formats-"))
    res: dict[str, Any] = {"zones": args.zones, "date": time.strftime("%Y-%m-%dT%H:%M:%SZ")}
    server = None
    try:
        log(f"generating {args.zones} zones")
        gen = generate(work / "data", args.zones)
        res["generate"] = {k: v for k, v in gen.items() if isinstance(v, int | float)}
        home = work / "neo4j"
        settings = Settings(home=home, heap=BENCH_HEAP, pagecache=BENCH_PAGECACHE,
                            start_timeout_s=300)  # fmt: skip

        class LongTransactions(JarServer):
            """The local server's 120 s transaction timeout cut the country's one-transaction
            snapshot read on a loaded machine (a finding of this bench): raised for the run."""

            def write_conf(self) -> None:
                super().write_conf()
                conf = self.conf_dir / "neo4j.conf"
                text = conf.read_text(encoding="utf-8")
                conf.write_text(text.replace("timeout=120s", "timeout=3600s"), encoding="utf-8")

        server = LongTransactions(
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
            res["export"] = country_export(driver, DATABASE, args.formats)
        finally:
            driver.close()
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(res))


if __name__ == "__main__":
    main()
