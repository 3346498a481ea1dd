"""The FastAPI application: created by a factory so tests and `orggraph serve` share it."""

from __future__ import annotations

import copy
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from neo4j import Driver
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.audit import AuditLog, AuditMiddleware
from api.auth import NO_KEYS_MESSAGE, Keyring, RequestGuard, install_key_pages
from api.errors import install_error_handlers
from api.routers import cypher, formats, health, library, lookup, organisations
from api.routers.apidocs import install_docs
from graph.catalog import catalog
from graph.connection import connection_from_settings
from graph.db import create_driver
from graph.settings import Settings, get_settings

API_PREFIX = "/api/v1"
log = logging.getLogger("orggraph.api")

DESCRIPTION = """
Organisational knowledge graph of police zones; every fact cited.

**Authentication**: every data endpoint needs an API key in the `X-API-Key` header (or the
`orggraph_key` cookie). Keys and roles come from `ORGGRAPH_API_KEYS="reader:KEY,analyst:KEY"`;
`analyst` may also run ad-hoc read-only Cypher. `/health` and these docs (`/docs`,
`/redoc`, served from local files: they work offline) need no key.

Every row that describes a relationship carries its provenance: source document, verbatim
quote, whether it is inferred, status and validity dates.

**CSV**: every endpoint that returns rows also answers `text/csv`, asked with `?format=csv` or
`Accept: text/csv`: the same columns as the JSON rows, in the same order, provenance included
(a nested value such as `source` is compact JSON in its cell). Errors stay JSON.
"""


def create_app(
    settings: Settings | None = None, driver: Driver | None = None, *, settle: bool = False
) -> FastAPI:
    """Build the app; a given driver is borrowed (tests), else one is owned for the lifespan
    (one per process: each `serve --workers` worker builds its own app and driver). `settle`
    freezes the heap once startup is done (`settle_heap`): for the process that serves only."""
    settings = settings or get_settings()
    keyring = Keyring.parse(settings.api_keys)  # a malformed ORGGRAPH_API_KEYS fails fast
    audit = AuditLog(settings.audit_log)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = driver is None
        # verify=False: the API must come up while Neo4j is down and recover on its own.
        app.state.driver = driver or create_driver(connection_from_settings(settings), verify=False)
        catalog()  # every .cypher file parsed and checked now, not by the first request
        audit.open()
        if keyring.empty:
            log.warning(NO_KEYS_MESSAGE)
        if settle:
            settle_heap()
        try:
            yield
        finally:
            audit.close()
            if owned:
                app.state.driver.close()

    app = FastAPI(
        title="orggraph",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # FastAPI's pages load from CDNs; install_docs serves local copies
        redoc_url=None,
    )
    app.state.keyring = keyring
    app.state.settings = settings
    app.state.audit = audit
    app.state.cypher_slots = cypher.KeySlots()  # one per app: tests' apps do not share
    install_error_handlers(app)
    install_key_pages(app)  # a 401 on a /viz page is an HTML page
    install_docs(app)
    # Outermost last: the audit line also records the guard's 401/413, and every response,
    # the guard's included, gets the frame headers.
    app.add_middleware(RequestGuard, keyring=keyring, max_body=settings.api_max_body_bytes)
    app.add_middleware(FrameHeaders)
    app.add_middleware(AuditMiddleware, audit=audit)

    app.include_router(health.router, prefix=API_PREFIX)
    for router in (lookup.router, organisations.router, library.router, cypher.router):
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(formats.router, prefix=API_PREFIX)  # issue 17: standard formats

    # --- visualisation routers (viz area; api/routers/viz.py): `/` and `/viz/...` ----------
    from api.routers import viz as viz_router

    app.include_router(viz_router.router)
    # --- end of visualisation routers --------------------------------------------------------
    return app


def settle_heap() -> None:
    """Move what startup built (modules, the app, the catalog, the driver) out of the cycle
    collector's sight.

    Every full collection walked all of it: 45-70 ms with the GIL held, about once every two
    seconds at 300 req/s (measured with gc.callbacks), a stall every request in flight waits
    out. Frozen objects are never collected (refcounting still frees them), so this runs once,
    in a process that serves (`serving_app`); an app built inside a test process leaves that
    process's collector alone. The thresholds stay: a larger young generation was measured
    too, and gave fewer but longer (~9 ms) pauses."""
    gc.collect()
    gc.freeze()


def serving_app() -> FastAPI:
    """The app `orggraph serve` runs (uvicorn's factory, once per worker process)."""
    return create_app(settle=True)


FRAME_ANCESTORS = "frame-ancestors 'none'"


class FrameHeaders:
    """Every response says it may not be framed (clickjacking of the pages that hold the key
    cookie): `X-Frame-Options: DENY` and `frame-ancestors 'none'`, merged into a CSP the
    response already has (the docs pages set one) or sent as the whole CSP. A `<meta>` CSP
    cannot carry frame-ancestors; only a header can."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                csp = headers.get("content-security-policy")
                if csp is None:
                    headers["Content-Security-Policy"] = FRAME_ANCESTORS
                elif "frame-ancestors" not in csp:
                    headers["Content-Security-Policy"] = f"{csp.rstrip('; ')}; {FRAME_ANCESTORS}"
                headers["X-Frame-Options"] = "DENY"
            await send(message)

        await self.app(scope, receive, send_wrapper)


class RedactQuery(logging.Filter):
    """Drops the query string from uvicorn's access log lines: query strings hold search terms
    (personal data) and, from a careless client, `?api_key=…`. The path stays; a `?` is
    followed by `[redacted]` so the line still shows that there was one."""

    def filter(self, record: logging.LogRecord) -> bool:
        # uvicorn's access record: (client, method, full path, http version, status).
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            path, sep, _ = args[2].partition("?")
            if sep:
                record.args = (*args[:2], f"{path}?[redacted]", *args[3:])
        return True


def uvicorn_log_config() -> dict[str, Any]:
    """uvicorn's own logging config with `RedactQuery` on the access logger and its handler,
    for `orggraph serve` and `orggraph demo`; an access line names the process that answered
    (`serve --workers`: which worker), in the log only, never in a response."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    access = config["formatters"]["access"]
    access["fmt"] = access["fmt"].replace("%(levelprefix)s ", "%(levelprefix)s [%(process)d] ", 1)
    config.setdefault("filters", {})["redact_query"] = {"()": RedactQuery}
    config["handlers"]["access"].setdefault("filters", []).append("redact_query")
    config["loggers"]["uvicorn.access"].setdefault("filters", []).append("redact_query")
    return config
