"""Fixtures of the visualisation tests: a real headless Chromium driven by Playwright, with
every request that is not file:// or localhost aborted and recorded (the seed data is `seeded`
of tests/conftest.py; serving an app is tests/support.py's serve_in_thread).

Chromium is the Debian package (/usr/bin/chromium); Playwright downloads no browser. Where it is
missing and we are root with apt-get, it is installed once. In CI (CI=true) a missing browser is a
failure, elsewhere a skip.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from graph.settings import PROJECT_ROOT
from tests.support import CHROMIUM_ARGS, ensure_chromium

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    path = ensure_chromium()
    if path is None:
        message = (
            "headless Chromium (/usr/bin/chromium, Debian package 'chromium') is missing and "
            "could not be installed"
        )
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # launch() gives Chromium a fresh temporary profile (--user-data-dir) of its own and
    # removes it on close; Playwright refuses an explicit --user-data-dir here.
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@dataclass
class PageProbe:
    """A page under test and what it tried to do: console errors, blocked requests."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def wait_stable(self, timeout_s: float = 8.0) -> float:
        """Seconds until the page reports its layout stable (window.vizStable). Polled with
        evaluate: the pages' CSP forbids the eval that wait_for_function uses."""
        start = time.monotonic()
        while not self.page.evaluate("window.vizStable === true"):
            elapsed = time.monotonic() - start
            assert elapsed < timeout_s, f"not stable after {timeout_s}s"
            time.sleep(0.05)
        return time.monotonic() - start

    def counts(self) -> tuple[int, int]:
        n, e = self.page.evaluate(
            "[network.body.data.nodes.length, network.body.data.edges.length]"
        )
        return int(n), int(e)


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in {"file", "data", "blob", "about"}:
        return True
    return parsed.hostname in LOCAL_HOSTS


@pytest.fixture
def probe(browser: Any) -> Iterator[PageProbe]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    p = PageProbe(page)

    def route(r: Any) -> None:
        if _is_local(r.request.url):
            r.continue_()
        else:
            p.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: p.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: p.console_errors.append(f"pageerror: {e}"))

    def on_dialog(d: Any) -> None:
        p.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    yield p
    context.close()


@pytest.fixture(scope="module")
def out_dir(request: pytest.FixtureRequest) -> Path:
    """Screenshots and pages of the module: test-output/viz/<module>/ (kept after the run)."""
    path = PROJECT_ROOT / "test-output" / "viz" / Path(str(request.module.__file__)).stem
    path.mkdir(parents=True, exist_ok=True)
    return path
