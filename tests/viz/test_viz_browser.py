"""Every view on the seed data in a real headless Chromium, offline: the page loads with the
network blocked (and tries nothing), logs no console error, shows the expected numbers of nodes
and edges, stabilises within seconds and stops moving; a screenshot of each is kept under
test-output/viz/."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from api.viz_views import View, build_view
from tests.support import DATABASE
from tests.viz.conftest import PageProbe
from tests.viz.test_viz_html import HOSTILE, org_row
from viz import VizPage, hierarchy_page

STABLE_WITHIN_S = 5.0

VIEWS: list[tuple[str, View, str, int, int]] = [
    # (test id, view, ref, depth, budget)
    ("organisation-lokeren", "organisation", "lokeren", 1, 500),
    ("organisation-zone-000", "organisation", "zone-000", 1, 500),
    ("entity-lokeren-depth-2", "entity", "lokeren", 2, 500),
    ("entity-o-ltf-depth-3", "entity", "o-ltf-zone-000", 3, 500),
    ("partners-zone-000", "partners", "zone-000", 1, 500),
    ("partners-lokeren", "partners", "lokeren", 1, 500),
    ("chain-zone-000-diensthoofd-dsi", "chain", "zone-000-diensthoofd-dsi", 1, 500),
    ("entity-lokeren-depth-3-folded", "entity", "lokeren", 3, 100),
]


def open_page(probe: PageProbe, path: Path) -> float:
    probe.page.goto(path.as_uri())
    return probe.wait_stable()


def assert_clean(probe: PageProbe) -> None:
    assert probe.blocked == [], f"the page tried to load {probe.blocked}"
    assert probe.console_errors == [], probe.console_errors
    assert probe.dialogs == []


@pytest.mark.parametrize(
    ("view", "ref", "depth", "budget"),
    [v[1:] for v in VIEWS],
    ids=[v[0] for v in VIEWS],
)
def test_view_in_browser(
    seeded: Driver,
    probe: PageProbe,
    out_dir: Path,
    request: pytest.FixtureRequest,
    view: View,
    ref: str,
    depth: int,
    budget: int,
) -> None:
    page: VizPage = build_view(
        seeded, view, ref, database=DATABASE, budget=budget, depth=depth, link_base="/viz"
    )
    assert not page.refused and page.nodes > 1
    name = request.node.callspec.id
    html = out_dir / f"{name}.html"
    html.write_text(page.html, encoding="utf-8")

    took = open_page(probe, html)
    assert took < STABLE_WITHIN_S
    assert probe.counts() == (page.nodes, page.edges)
    physics = probe.page.evaluate("network.physics.physicsEnabled")
    assert physics is False, "physics must be off once the layout is stable"
    before = probe.page.evaluate("network.getPositions()")
    time.sleep(0.3)
    assert probe.page.evaluate("network.getPositions()") == before, "the layout still moves"
    if budget < 500:
        assert probe.page.locator("#budget-message").is_visible()
    probe.page.screenshot(path=str(out_dir / f"{name}.png"))
    assert_clean(probe)


def _edge_midpoint(probe: PageProbe, edge_id: str) -> tuple[float, float]:
    x, y = probe.page.evaluate(
        """(id) => {
            const e = vizEdges.get(id);
            const pos = network.getPositions([e.from, e.to]);
            const a = pos[e.from], b = pos[e.to];
            const dom = network.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
            const box = document.getElementById('network').getBoundingClientRect();
            return [dom.x + box.left, dom.y + box.top];
        }""",
        edge_id,
    )
    return float(x), float(y)


def test_lokeren_acceptance_via_cli(
    seeded: Driver, cli_env: dict[str, str], probe: PageProbe, out_dir: Path
) -> None:
    """`orggraph viz organisation lokeren -o lokeren.html` opens offline and shows the planned
    pillars dashed beside the current structure; hovering an edge shows its quote."""
    target = out_dir / "lokeren.html"
    cli = Path(sys.executable).parent / "orggraph"
    done = subprocess.run(
        [str(cli), "viz", "organisation", "lokeren", "-o", str(target)],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout
    open_page(probe, target)

    pillars: list[dict[str, Any]] = probe.page.evaluate(
        "vizNodes.get().filter(n => n.id.startsWith('lokeren-pijler-'))"
    )
    assert len(pillars) == 3
    for p in pillars:
        assert p["status"] == "planned"
        assert p["shapeProperties"]["borderDashes"], p["id"]
    current = probe.page.evaluate("vizNodes.get('lokeren-wijkdienst')")
    assert not current.get("shapeProperties", {}).get("borderDashes")
    # beside: the planned structure and the current units share the first level
    levels = probe.page.evaluate(
        "['lokeren-eerstedienst', 'lokeren-wijkdienst'].map(id => vizNodes.get(id).level)"
    )
    assert levels[0] == levels[1] == 1

    edge_id = "lokeren-verantwoordelijke-pijler-wijk-verkeer--leads--lokeren-pijler-wijk-verkeer"
    quote = probe.page.evaluate("(id) => vizEdges.get(id).meta.quote", edge_id)
    probe.page.evaluate("(id) => network.focus(id, {scale: 1.4})", "lokeren-pijler-wijk-verkeer")
    time.sleep(0.2)
    x, y = _edge_midpoint(probe, edge_id)
    probe.page.mouse.move(x - 40, y - 40)
    probe.page.mouse.move(x, y, steps=5)
    tooltip = probe.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=3000)
    assert quote in tooltip.inner_text()
    probe.page.screenshot(path=str(out_dir / "lokeren-hover.png"))
    assert_clean(probe)


def test_node_details_link_to_the_node_view(
    seeded: Driver, probe: PageProbe, out_dir: Path
) -> None:
    page = build_view(
        seeded, "organisation", "zone-000", database=DATABASE, budget=500, link_base="/viz"
    )
    html = out_dir / "details.html"
    html.write_text(page.html, encoding="utf-8")
    open_page(probe, html)
    x, y = probe.page.evaluate(
        """() => {
            const p = network.canvasToDOM(network.getPositions(['zone-000-opco'])['zone-000-opco']);
            const box = document.getElementById('network').getBoundingClientRect();
            return [p.x + box.left, p.y + box.top];
        }"""
    )
    probe.page.mouse.click(x, y)
    details = probe.page.locator("#details")
    details.locator("h3").wait_for(timeout=3000)
    assert details.locator("blockquote").inner_text().startswith("“")
    hrefs = details.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert "/viz/entities/zone-000-opco" in hrefs
    assert "/viz/organisations/zone-000-opco" in hrefs
    assert_clean(probe)


def test_hostile_data_stays_text_in_the_browser(probe: PageProbe, out_dir: Path) -> None:
    row = org_row()
    for n in row["nodes"]:
        n["name"] = HOSTILE
        n["quote"] = HOSTILE
    row["root"] = row["nodes"][0]
    for e in row["edges"]:
        e["props"]["quote"] = HOSTILE
    html = out_dir / "hostile.html"
    html.write_text(hierarchy_page([row], link_base="/viz").html, encoding="utf-8")
    open_page(probe, html)
    assert probe.page.evaluate("window.pwned") is None
    probe.page.evaluate("vizShow(vizNodes.get('zone-x-dienst'), true)")
    assert probe.page.locator("#details h3").inner_text() == HOSTILE
    assert probe.page.locator("#details img").count() == 0
    assert probe.page.evaluate("window.pwned") is None
    probe.page.screenshot(path=str(out_dir / "hostile.png"))
    assert_clean(probe)
