"""Open-loop HTTP load: requests are sent on a fixed schedule whatever the responses do.

    python -m bench.loadgen --rate 300 --duration 60 --key KEY URL [URL ...]

Latency is measured from each request's *scheduled* send time (no coordinated omission).
Prints one JSON object: sent, ok, errors, achieved rate, p50/p95/p99 in ms, first error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from typing import Any

import httpx


def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[k]


async def _run(
    urls: list[str], rate: float, duration: float, key: str, drain_s: float = 15.0
) -> dict[str, Any]:
    lat: list[float] = []
    errors = 0
    first_error: str | None = None
    n = int(rate * duration)
    limits = httpx.Limits(max_connections=512, max_keepalive_connections=512)
    async with httpx.AsyncClient(headers={"X-API-Key": key}, limits=limits, timeout=10) as c:

        async def one(i: int, at: float) -> None:
            nonlocal errors, first_error
            try:
                r = await c.get(urls[i % len(urls)])
                if r.status_code >= 400:
                    raise RuntimeError(f"HTTP {r.status_code}: {r.text[:200]}")
                lat.append((time.perf_counter() - at) * 1000)
            except Exception as e:
                errors += 1
                first_error = first_error or f"{type(e).__name__}: {e}"

        t0 = time.perf_counter()
        tasks = []
        for i in range(n):
            at = t0 + i / rate
            delay = at - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(i, at)))
        # Bounded drain: requests still open `drain_s` after the schedule ends count as errors
        # (the server did not keep up), so a saturated run still ends and reports.
        _, pending = await asyncio.wait(tasks, timeout=drain_s)
        for t in pending:
            t.cancel()
        unfinished = len(pending)
        if unfinished:
            errors += unfinished
            first_error = (
                first_error
                or f"{unfinished} request(s) unanswered {drain_s:.0f}s after the schedule"
            )
        wall = time.perf_counter() - t0
    return {
        "sent": n,
        "ok": len(lat),
        "errors": errors,
        "first_error": first_error,
        "rate": len(lat) / wall if wall else 0.0,
        "target_rate": rate,
        "wall_s": wall,
        "p50_ms": pct(lat, 50),
        "p95_ms": pct(lat, 95),
        "p99_ms": pct(lat, 99),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("urls", nargs="+")
    ap.add_argument("--rate", type=float, default=300)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--key", required=True)
    args = ap.parse_args(argv)
    print(json.dumps(asyncio.run(_run(args.urls, args.rate, args.duration, args.key))))


if __name__ == "__main__":
    main()
