"""Open-loop HTTP load: requests are sent on a fixed schedule whatever the responses do.

    python -m bench.loadgen --rate 300 --duration 60 --key KEY URL [URL ...]

A scheduler thread releases request i at t0 + i/rate; a pool of worker threads with
keep-alive connections sends them. Latency is measured from each request's *scheduled* time
(no coordinated omission): when the server or the workers fall behind, the queueing shows up
as latency. Requests still unanswered `--drain` seconds after the schedule count as errors.
`--warmup S` first sends S seconds at the same rate, not counted: the server under test opens
its Bolt connections and threads as concurrency first rises (each new connection an auth
handshake), stalls that belong to its start, not to its steady state (the query phase warms up
the same way, with 50 calls first).
(An asyncio/httpx version saturated one core on its own at 300 req/s on these machines.)
Prints one JSON object: sent, ok, errors, achieved rate, p50/p95/p99 in ms, first error.
"""

from __future__ import annotations

import argparse
import http.client
import json
import queue
import threading
import time
from typing import Any
from urllib.parse import urlsplit


def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[k]


def warmup_for(duration: float) -> float:
    """The `--warmup` the benchmark sends before a run of `duration` seconds: a tenth of it,
    at least 1 s, at most 5 s."""
    return round(min(5.0, max(1.0, duration / 10)), 1)


def run(
    urls: list[str], rate: float, duration: float, key: str, *, workers: int = 32,
    drain_s: float = 15.0, warmup_s: float = 0.0,
) -> dict[str, Any]:  # fmt: skip
    if warmup_s > 0:
        warm = run(urls, rate, warmup_s, key, workers=workers, drain_s=drain_s)
        res = run(urls, rate, duration, key, workers=workers, drain_s=drain_s)
        res["warmup"] = {k: warm[k] for k in ("wall_s", "ok", "errors", "p50_ms", "p99_ms")}
        return res
    n = int(rate * duration)
    parts = [urlsplit(u) for u in urls]
    host, port = parts[0].hostname or "127.0.0.1", parts[0].port or 80
    paths = [p.path + (f"?{p.query}" if p.query else "") for p in parts]
    jobs: queue.Queue[tuple[int, float] | None] = queue.Queue()
    lat: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    done = threading.Semaphore(0)

    def worker() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=10)
        while True:
            job = jobs.get()
            if job is None:
                conn.close()
                return
            i, at = job
            try:
                conn.request("GET", paths[i % len(paths)], headers={"X-API-Key": key})
                resp = conn.getresponse()
                body = resp.read()
                if resp.status >= 400:
                    raise RuntimeError(f"HTTP {resp.status}: {body[:200]!r}")
                with lock:
                    lat.append((time.perf_counter() - at) * 1000)
            except Exception as e:
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=10)
                with lock:
                    errors.append(f"{type(e).__name__}: {e}")
            finally:
                done.release()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(workers)]
    for t in threads:
        t.start()
    t0 = time.perf_counter()
    for i in range(n):
        at = t0 + i / rate
        delay = at - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        jobs.put((i, at))
    answered = 0
    deadline = time.perf_counter() + drain_s
    while answered < n and done.acquire(timeout=max(0.0, deadline - time.perf_counter())):
        answered += 1
    wall = time.perf_counter() - t0
    unfinished = n - answered
    # Drop what was never sent, then stop the workers (daemon threads die with the process).
    while True:
        try:
            jobs.get_nowait()
        except queue.Empty:
            break
    for _ in threads:
        jobs.put(None)
    with lock:
        ok, errs = list(lat), list(errors)
    first_error = errs[0] if errs else None
    if unfinished:
        first_error = (
            first_error or f"{unfinished} request(s) unanswered {drain_s:.0f}s after the schedule"
        )
    return {
        "sent": n,
        "ok": len(ok),
        "errors": len(errs) + unfinished,
        "first_error": first_error,
        "rate": len(ok) / wall if wall else 0.0,
        "target_rate": rate,
        "wall_s": wall,
        "workers": workers,
        "p50_ms": pct(ok, 50),
        "p95_ms": pct(ok, 95),
        "p99_ms": pct(ok, 99),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("urls", nargs="+")
    ap.add_argument("--rate", type=float, default=300)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--key", required=True)
    ap.add_argument("--workers", type=int, default=32)
    ap.add_argument("--drain", type=float, default=15.0)
    ap.add_argument("--warmup", type=float, default=0.0, help="seconds sent first, not counted")
    args = ap.parse_args(argv)
    res = run(
        args.urls, args.rate, args.duration, args.key, workers=args.workers, drain_s=args.drain,
        warmup_s=args.warmup,
    )  # fmt: skip
    print(json.dumps(res))


if __name__ == "__main__":
    main()
