"""`/docs` (Swagger UI) and `/redoc` (ReDoc) from files installed with the project.

FastAPI's own pages load Swagger UI, ReDoc and Google Fonts from CDNs, so they are blank on a
machine without internet (a police network). Here the JavaScript and CSS come from the
`fastapi-offline` package and are served under `/docs-assets`; the pages name only local URLs
and a Content-Security-Policy keeps them from reaching anywhere else. Like the OpenAPI document
itself, the pages need no key: they describe the API, they hold no data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

ASSETS_DIR = Path(fastapi_offline.__file__).resolve().parent / "static"
ASSETS_URL = "/docs-assets"
DOCS_URL = "/docs"
REDOC_URL = "/redoc"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"

# Both UIs start with an inline script and set inline styles; ReDoc renders its search index in
# a Web Worker started from a blob: URL. Nothing may come from another origin.
DOCS_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_HEADERS = {"Content-Security-Policy": DOCS_CSP, "Referrer-Policy": "no-referrer"}
# ReDoc's sidebar shows Redocly's logo from their CDN; `data:,` is no image, so ReDoc's own
# onError handler drops it and the page asks nothing of another host.
_REDOC_LOGO = (b"https://cdn.redoc.ly/redoc/logo-mini.svg", b"data:,")
# validatorUrl null: Swagger UI would otherwise send the spec's URL to validator.swagger.io.
SWAGGER_PARAMETERS: dict[str, Any] = {
    "dom_id": "#swagger-ui",
    "layout": "BaseLayout",
    "deepLinking": True,
    "showExtensions": True,
    "showCommonExtensions": True,
    "validatorUrl": None,
}


def install_docs(app: FastAPI) -> None:
    """Serve the docs pages and their assets; call on an app made with docs_url=None and
    redoc_url=None (FastAPI's CDN pages)."""
    if not (ASSETS_DIR / "swagger-ui-bundle.js").is_file():  # a broken install: say so at once
        raise RuntimeError(f"Swagger UI files missing in {ASSETS_DIR}; reinstall fastapi-offline")
    redoc_js = (ASSETS_DIR / "redoc.standalone.js").read_bytes().replace(*_REDOC_LOGO)

    @app.get(f"{ASSETS_URL}/redoc.standalone.js", include_in_schema=False)
    async def redoc_bundle() -> Response:  # before the mount, which would serve the original
        return Response(
            redoc_js,
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=3600"},
        )

    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR), name="docs-assets")

    def serve(url: str, name: str, page: HTMLResponse) -> None:
        """`page` at `url` with the docs' CSP; built once, as it depends only on the app."""
        body = page.body

        async def docs_page() -> HTMLResponse:
            response = HTMLResponse(body)
            response.headers.update(_HEADERS)
            return response

        app.add_api_route(url, docs_page, methods=["GET"], name=name, include_in_schema=False)

    openapi_url = app.openapi_url or "/openapi.json"
    serve(
        DOCS_URL,
        "swagger_ui",
        get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} – Swagger UI",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/favicon.png",
            oauth2_redirect_url=OAUTH2_REDIRECT_URL,
            swagger_ui_parameters=SWAGGER_PARAMETERS,
        ),
    )
    serve(OAUTH2_REDIRECT_URL, "swagger_ui_redirect", get_swagger_ui_oauth2_redirect_html())
    serve(
        REDOC_URL,
        "redoc",
        get_redoc_html(
            openapi_url=openapi_url,
            title=f"{app.title} – ReDoc",
            redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS_URL}/favicon.png",
            with_google_fonts=False,
        ),
    )
