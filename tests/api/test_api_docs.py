"""`/docs` and `/redoc` are served from files installed with the project: no URL in either page
(or in what they load) points off the server, and they need no key, like the OpenAPI document."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

URL = re.compile(r"https?://", re.IGNORECASE)
LOCAL_REF = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_page_names_no_external_url(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert URL.findall(r.text) == [], r.text
    assert "fonts.googleapis" not in r.text
    assert "default-src 'none'" in r.headers["content-security-policy"]
    refs = LOCAL_REF.findall(r.text)
    assert refs, "the page loads its UI from somewhere"
    for ref in refs:
        assert ref.startswith("/docs-assets/"), ref
        asset = client.get(ref)
        assert asset.status_code == 200, ref
        assert len(asset.content) > 1000, ref


def test_swagger_ui_asks_no_online_validator(client: TestClient) -> None:
    assert '"validatorUrl": null' in client.get("/docs").text


def test_redoc_loads_the_local_bundle_and_spec(client: TestClient) -> None:
    text = client.get("/redoc").text
    assert 'src="/docs-assets/redoc.standalone.js"' in text
    assert 'spec-url="/openapi.json"' in text
    js = client.get("/docs-assets/redoc.standalone.js")
    assert js.headers["content-type"].startswith(("application/javascript", "text/javascript"))
    assert len(js.content) > 500_000
    assert b"cdn.redoc.ly" not in js.content  # the sidebar logo would be fetched from there


def test_docs_need_no_key_and_are_not_in_the_schema(client: TestClient) -> None:
    for path in ("/docs", "/redoc", "/openapi.json", "/docs-assets/swagger-ui.css"):
        assert client.get(path).status_code == 200, path
    paths = client.get("/openapi.json").json()["paths"]
    assert not any(p.startswith(("/docs", "/redoc")) for p in paths)
