"""Zone view (organisation hierarchy) of one synthetic zone: query + render, then seconds until
the page reports its layout stable (window.vizStable) in headless Chromium via Playwright."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any


def zone_view(
    driver: Any, database: str, zone: str = "zone-000", budget: int = 500
) -> dict[str, Any]:
    from tests.support import CHROMIUM, CHROMIUM_ARGS, ensure_chromium

    # the browser tests' own: Debian's chromium, installed once when missing (root, apt-get)
    chromium = ensure_chromium()
    if chromium is None:
        return {"zone_stabilised_s": None, "error": f"{CHROMIUM} not found, not installable"}
    try:
        from playwright.sync_api import sync_playwright

        from api.viz_views import build_view
    except ImportError as e:
        return {"zone_stabilised_s": None, "error": f"ImportError: {e}"}
    t0 = time.perf_counter()
    page = build_view(driver, "organisation", zone, database=database, budget=budget)
    build_s = time.perf_counter() - t0
    out: dict[str, Any] = {
        "zone": zone,
        "build_s": build_s,
        "nodes": page.nodes,
        "edges": page.edges,
        "refused": bool(page.refused),
        "budget": budget,
    }
    with tempfile.TemporaryDirectory(prefix="orggraph-bench-viz-") as d:
        html = Path(d) / "zone.html"
        html.write_text(page.html, encoding="utf-8")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
            try:
                tab = browser.new_page(viewport={"width": 1600, "height": 1000})
                t0 = time.perf_counter()
                tab.goto(html.as_uri())
                while not tab.evaluate("window.vizStable === true"):
                    if time.perf_counter() - t0 > 60:
                        out["error"] = "not stable after 60 s"
                        break
                    time.sleep(0.02)
                out["page_stabilised_s"] = time.perf_counter() - t0
            finally:
                browser.close()
    # What a user waits for: query + render + browser layout.
    if "error" not in out:
        out["zone_stabilised_s"] = build_s + out["page_stabilised_s"]
    else:
        out["zone_stabilised_s"] = None
    return out
