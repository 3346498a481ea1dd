"""`/docs` and `/redoc` render in headless Chromium with every request that is not to the
server itself aborted: Swagger UI lists the operations, ReDoc shows the API's title and
operations, and neither page tries to reach another host or logs an error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from api.app import create_app
from graph.settings import Settings
from tests.support import keyed_settings, serve_in_thread
from tests.viz.conftest import PageProbe

RENDER_TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def docs_url(
    driver: Driver, test_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    settings = keyed_settings(
        test_settings, "reader:docs-reader-key", tmp_path_factory.mktemp("docs-audit")
    )
    with serve_in_thread(create_app(settings, driver)) as url:
        yield url


def _clean(probe: PageProbe) -> None:
    assert probe.blocked == [], f"the page tried to load {probe.blocked}"
    assert probe.console_errors == [], probe.console_errors


def test_swagger_ui_renders_offline(docs_url: str, probe: PageProbe, out_dir: Path) -> None:
    page = probe.page
    page.goto(docs_url + "/docs")
    title = page.locator(".swagger-ui .info .title")
    title.wait_for(timeout=RENDER_TIMEOUT_MS)
    assert "orggraph" in title.inner_text()
    page.locator(".opblock").first.wait_for(timeout=RENDER_TIMEOUT_MS)
    summaries = page.locator(".opblock-summary-path").all_inner_texts()
    assert len(summaries) >= 14, summaries
    assert any(s.endswith("/api/v1/contact") for s in summaries), summaries
    page.screenshot(path=str(out_dir / "swagger-ui.png"))
    _clean(probe)


def test_redoc_renders_offline(docs_url: str, probe: PageProbe, out_dir: Path) -> None:
    page = probe.page
    page.goto(docs_url + "/redoc")
    heading = page.locator("redoc h1").first
    heading.wait_for(timeout=RENDER_TIMEOUT_MS)
    assert heading.inner_text().startswith("orggraph")
    menu = page.locator("redoc [role=menuitem]").all_inner_texts()
    assert any("Whom to contact for a task" in m for m in menu), menu
    page.screenshot(path=str(out_dir / "redoc.png"))
    _clean(probe)
