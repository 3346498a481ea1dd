"""The `/` and `/viz/...` pages of the API: auth, statuses, HTML; and the landing page in the
browser against a live server (key form → cookie → the views)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.app import create_app
from graph.settings import Settings
from tests.support import app_client, keyed_settings, serve_in_thread
from tests.viz.conftest import PageProbe
from tests.viz.test_viz_html import EXTERNAL

READER_KEY = "viz-reader-key"
READER = {"X-API-Key": READER_KEY}


@pytest.fixture(scope="module")
def viz_settings(test_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return keyed_settings(
        test_settings, f"reader:{READER_KEY}", tmp_path_factory.mktemp("viz-audit")
    )


@pytest.fixture(scope="module")
def client(seeded: Driver, viz_settings: Settings) -> Iterator[TestClient]:
    with app_client(viz_settings, seeded) as c:
        yield c


def test_landing_page_needs_no_key_and_loads_nothing_external(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert 'id="key-form"' in r.text and "orggraph_key" in r.text
    assert "/api/v1" in r.text
    assert not EXTERNAL.findall(r.text)


@pytest.mark.parametrize(
    "path",
    [
        "/viz/organisations/lokeren",
        "/viz/entities/lokeren?depth=2",
        "/viz/partners/zone-000",
        "/viz/chain-of-command/zone-000-diensthoofd-dsi",
    ],
)
def test_views_need_a_key_and_return_html(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 401
    assert client.get(path, headers={"X-API-Key": "wrong"}).status_code == 401
    r = client.get(path, headers=READER)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    assert "vis.Network" in r.text
    assert not EXTERNAL.findall(r.text)
    client.cookies.set("orggraph_key", READER_KEY)
    try:
        assert client.get(path).status_code == 200
    finally:
        client.cookies.clear()


def test_unknown_id_is_a_404_page(client: TestClient) -> None:
    r = client.get("/viz/organisations/no-such-thing-at-all", headers=READER)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "Niet gevonden" in r.text and 'lang="nl"' in r.text


def test_not_found_and_ambiguous_pages_offer_links_with_organisation_and_path(
    client: TestClient,
) -> None:
    """Suggestions and candidates are links to the same view, each with its kind, its
    organisation and the units above it; the page is in one language."""
    r = client.get("/viz/chain-of-command/korpschef%20nergensland", headers=READER)
    assert r.status_code in (404, 409), r.text[:300]
    links = re.findall(r'<li><a href="(/viz/chain-of-command/[^"]+)">([^<]+)</a>', r.text)
    assert links, r.text[-1500:]
    assert any("Korpschef" in name for _, name in links)
    r = client.get("/viz/chain-of-command/korpschef", headers=READER)
    assert r.status_code == 409, r.text[:300]
    assert "Welke bedoelt u?" in r.text
    rows = re.findall(
        r'<li><a href="([^"]+)">([^<]+)</a> <span class="muted">([^<]+)</span>', r.text
    )
    assert len(rows) >= 2
    details = [d for _, _, d in rows]
    assert len(set(details)) == len(details), "namesakes told apart by organisation and path"
    assert any("Politiezone" in d or "Lokeren" in d for d in details), details
    en = client.get("/viz/chain-of-command/korpschef?lang=en", headers=READER)
    assert en.status_code == 409 and 'lang="en"' in en.text
    assert "Which one do you mean?" in en.text and "Welke" not in en.text
    assert "?lang=en" in en.text


def test_path_page_draws_the_connection(client: TestClient) -> None:
    r = client.get("/viz/path?from=lokeren-korpschef&to=lokeren-wijkdienst", headers=READER)
    assert r.status_code == 200, r.text[:300]
    assert "vis.Network" in r.text and "maakt deel uit van" in r.text
    assert client.get("/viz/path?from=lokeren", headers=READER).status_code == 422
    missing = client.get("/viz/path?from=lokeren&to=no-such-thing-at-all", headers=READER)
    assert missing.status_code == 404


def test_depth_is_checked(client: TestClient) -> None:
    assert client.get("/viz/entities/lokeren?depth=4", headers=READER).status_code == 422
    assert client.get("/viz/entities/lokeren?depth=0", headers=READER).status_code == 422


def test_over_budget_view_is_refused_with_a_message(seeded: Driver, viz_settings: Settings) -> None:
    tight = viz_settings.model_copy(update={"viz_node_budget": 10})
    with TestClient(create_app(tight, seeded)) as c:
        r = c.get("/viz/entities/lokeren?depth=3", headers=READER)
        assert r.status_code == 413
        assert "smallere weergave" in r.text
        folded = c.get("/viz/organisations/zone-000", headers=READER)
        assert folded.status_code == 200
        assert 'id="budget-message"' in folded.text


@pytest.fixture(scope="module")
def live_url(seeded: Driver, viz_settings: Settings) -> Iterator[str]:
    with serve_in_thread(create_app(viz_settings, seeded)) as url:
        yield url


def test_landing_key_form_then_views_in_browser(
    live_url: str, probe: PageProbe, out_dir: Path
) -> None:
    from playwright.sync_api import expect

    page = probe.page
    org_list: list[int] = []  # statuses of the page's GET /api/v1/organisations
    page.on(
        "response",
        lambda r: org_list.append(r.status) if r.url.endswith("/api/v1/organisations") else None,
    )
    page.goto(live_url + "/")
    assert "API-sleutel" in page.locator("#organisations").inner_text()
    page.fill("#key", READER_KEY)
    page.click("#key-form button[type=submit]")
    expect(page.locator("#key-status")).to_have_text("bewaard")  # after the server's check
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies.get("orggraph_key") == READER_KEY
    deadline = time.monotonic() + 10
    assert page.locator("#organisations").inner_text() != "laden…"
    while not org_list:  # asked once the key is saved (never without a key)
        assert time.monotonic() < deadline, org_list
        page.wait_for_timeout(50)
    if org_list[-1] == 200:
        page.locator("#organisations a[href='/viz/organisations/lokeren']").wait_for(timeout=5000)
    else:  # the API area's endpoint is absent: the list says so, nothing else breaks
        assert org_list[-1] == 404
        probe.console_errors = [e for e in probe.console_errors if "404" not in e]
    page.screenshot(path=str(out_dir / "landing.png"))

    page.goto(live_url + "/viz/organisations/lokeren")
    probe.wait_stable()
    assert probe.counts()[0] > 10
    page.evaluate("vizShow(vizNodes.get('lokeren-wijkdienst'), true)")
    href = page.locator("#details a").first.get_attribute("href")
    assert href == "/viz/entities/lokeren-wijkdienst"
    page.goto(live_url + href)
    probe.wait_stable()
    assert page.evaluate("vizData.root") == "lokeren-wijkdienst"
    assert probe.blocked == []
    assert probe.console_errors == []
