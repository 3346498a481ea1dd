"""The landing page checks a key against the server before it keeps it: a wrong key is told
apart as invalid and never stored (a good key set before stays), a good one is saved."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver

from api.app import create_app
from graph.settings import Settings
from tests.support import keyed_settings, serve_in_thread
from tests.viz.conftest import PageProbe

KEY = "landing-reader-key"


@pytest.fixture(scope="module")
def live_url(
    seeded: Driver, test_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    settings = keyed_settings(
        test_settings, f"reader:{KEY}", tmp_path_factory.mktemp("landing-audit")
    )
    with serve_in_thread(create_app(settings, seeded)) as url:
        yield url


def _cookie(page: Any) -> str | None:
    return {c["name"]: c["value"] for c in page.context.cookies()}.get("orggraph_key")


def _submit(page: Any, key: str) -> None:
    page.fill("#key", key)
    page.click("#key-form button[type=submit]")


def test_wrong_key_is_invalid_and_not_kept(live_url: str, probe: PageProbe) -> None:
    from playwright.sync_api import expect

    page = probe.page
    statuses: list[str] = []
    page.expose_function("noteStatus", lambda text: statuses.append(text))
    page.goto(live_url + "/")
    page.evaluate(
        """() => new MutationObserver(() => window.noteStatus(
               document.getElementById('key-status').textContent))
             .observe(document.getElementById('key-status'), {childList: true})"""
    )
    status = page.locator("#key-status")

    _submit(page, "not-the-key")
    expect(status).to_contain_text("ongeldige sleutel")
    assert "bewaard" not in status.inner_text().replace("niet bewaard", "")
    assert _cookie(page) is None
    assert "API-sleutel" in page.locator("#organisations").inner_text()
    # It never said "bewaard" on the way to saying the key is invalid.
    assert "bewaard" not in statuses, statuses

    _submit(page, KEY)
    expect(status).to_have_text("bewaard")
    assert _cookie(page) == KEY
    page.locator("#organisations a[href='/viz/organisations/lokeren']").wait_for(timeout=5000)

    statuses.clear()
    _submit(page, "another-wrong-key")
    expect(status).to_contain_text("ongeldige sleutel")
    expect(status).to_contain_text("de vorige sleutel blijft ingesteld")
    assert _cookie(page) == KEY, "a wrong key must not replace the good one"
    assert "bewaard" not in statuses, statuses
    assert probe.blocked == []
    # The browser logs the refused check (401) as a failed resource load; nothing else.
    assert all("401" in e for e in probe.console_errors), probe.console_errors


def test_key_with_cookie_breaking_characters_is_refused_before_asking(
    live_url: str, probe: PageProbe
) -> None:
    from playwright.sync_api import expect

    page = probe.page
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/api/v1/queries" in r.url else None)
    page.goto(live_url + "/")
    _submit(page, "a;b=c")
    expect(page.locator("#key-status")).to_contain_text("ongeldige sleutel")
    assert _cookie(page) is None
    assert asked == []
