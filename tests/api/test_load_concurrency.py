"""Load: 20 concurrent clients against one live uvicorn; every answer a 200, memory stable.

Each client is a thread with its own httpx.Client (keep-alive), cycling over a mix of lookup
endpoints on the seed data. N requests per client: 25 by default, 500 under ORGGRAPH_STRESS.
The API process's RSS after a warm-up round and after the run may differ by less than
max(50 MB, 20%).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import psutil
import pytest

from tests.api.live import LiveAPI, server_log
from tests.stress_stats import count

pytestmark = pytest.mark.reliability("5xx")

CLIENTS = 20
REQUESTS = 500 if os.environ.get("ORGGRAPH_STRESS") else 25
PATHS = (
    "/chain-of-command/zone-000-diensthoofd-dsi",
    "/representatives?at=O-LTF",
    "/search?q=drugs",
    "/contact?task=fietsdiefstal",
    "/entities/zone-001-onthaal",
)
MB = 1024 * 1024


def _client_run(api: LiveAPI, client_no: int, n: int) -> Counter[str]:
    """n requests cycling over PATHS (offset per client); counts statuses and failures."""
    out: Counter[str] = Counter()
    with httpx.Client(base_url=api.base, headers={"X-API-Key": api.key}, timeout=60) as c:
        for i in range(n):
            path = PATHS[(client_no + i) % len(PATHS)]
            count("requests")
            try:
                r = c.get(path)
            except httpx.HTTPError as e:
                out[f"{path}: {type(e).__name__}"] += 1
                continue
            out[str(r.status_code) if r.status_code == 200 else f"{path}: {r.status_code}"] += 1
    return out


def _round(api: LiveAPI, n: int) -> Counter[str]:
    total: Counter[str] = Counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        for counts in pool.map(lambda k: _client_run(api, k, n), range(CLIENTS)):
            total.update(counts)
    return total


def test_concurrent_clients_get_only_200s_and_memory_stays_flat(live: LiveAPI) -> None:
    proc = psutil.Process(live.pid)
    # Every endpoint of the mix answers at all, before load hides a plain 404/500 in a count.
    with httpx.Client(base_url=live.base, headers={"X-API-Key": live.key}, timeout=60) as c:
        for path in PATHS:
            r = c.get(path)
            assert r.status_code == 200, (path, r.status_code, r.text[:500])

    warm = _round(live, len(PATHS))  # warm-up: pools, caches, query plans
    assert warm == Counter({"200": CLIENTS * len(PATHS)}), (warm, server_log(live))
    rss_before = proc.memory_info().rss

    started = time.monotonic()
    counts = _round(live, REQUESTS)
    elapsed = time.monotonic() - started
    rss_after = proc.memory_info().rss

    total = CLIENTS * REQUESTS
    errors = {k: v for k, v in counts.items() if k != "200"}
    failed = sum(errors.values())
    assert not errors, (f"{failed} of {total} requests failed", errors, server_log(live))
    assert counts["200"] == total
    growth = rss_after - rss_before
    allowed = max(50 * MB, rss_before // 5)
    print(
        f"{total} requests by {CLIENTS} clients in {elapsed:.1f}s ({total / elapsed:.0f} req/s); "
        f"RSS {rss_before / MB:.1f} -> {rss_after / MB:.1f} MB"
    )
    assert growth < allowed, (
        f"API RSS grew {growth / MB:.1f} MB ({rss_before / MB:.1f} -> {rss_after / MB:.1f} MB), "
        f"allowed {allowed / MB:.1f} MB"
    )
