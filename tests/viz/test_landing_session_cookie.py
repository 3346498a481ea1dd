"""The landing page keeps the key through the server (issue 12, finding 13): after "bewaard"
the cookie is HttpOnly and SameSite=Strict (no script on the page can read it), a reload knows
a key is set and lists the organisations, and "Wissen" removes the cookie through the server."""

from __future__ import annotations

from typing import Any

from tests.viz.conftest import PageProbe
from tests.viz.test_landing_key_check import KEY, live_url

__all__ = ["live_url"]  # the module's live server, shared with the key-check tests


def _cookie(page: Any) -> dict[str, Any] | None:
    found = [c for c in page.context.cookies() if c["name"] == "orggraph_key"]
    return found[0] if found else None


def test_key_cookie_is_set_by_the_server_and_unreadable(live_url: str, probe: PageProbe) -> None:
    from playwright.sync_api import expect

    page = probe.page
    page.goto(live_url + "/")
    status = page.locator("#key-status")
    expect(status).to_have_text("nog geen sleutel ingesteld")
    page.fill("#key", KEY)
    page.click("#key-form button[type=submit]")
    expect(status).to_have_text("bewaard")
    cookie = _cookie(page)
    assert cookie is not None and cookie["value"] == KEY
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Strict"
    assert cookie["path"] == "/"
    assert KEY not in page.evaluate("document.cookie")
    page.locator("#organisations a[href='/viz/organisations/lokeren']").wait_for(timeout=5000)

    page.reload()
    expect(status).to_have_text("een sleutel is ingesteld")
    page.locator("#organisations a[href='/viz/organisations/lokeren']").wait_for(timeout=5000)
    page.fill("#q", "lokeren")
    page.click("#search-form button[type=submit]")
    page.locator("#search-results a").first.wait_for(timeout=5000)

    page.click("#key-clear")
    expect(status).to_have_text("gewist")
    assert _cookie(page) is None
    expect(page.locator("#organisations")).to_contain_text("API-sleutel")
    assert probe.blocked == []
    assert probe.console_errors == [], probe.console_errors
