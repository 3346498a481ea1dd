"""The FastAPI application: created by a factory so tests and `orggraph serve` share it."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from neo4j import Driver

from api.audit import AuditLog, AuditMiddleware
from api.auth import NO_KEYS_MESSAGE, Keyring
from api.errors import install_error_handlers
from api.routers import cypher, health, library, lookup, organisations
from api.routers.apidocs import install_docs
from graph.db import create_driver
from graph.server import resolve_connection
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


def create_app(settings: Settings | None = None, driver: Driver | None = None) -> FastAPI:
    """Build the app; a given driver is borrowed (tests), else one is owned for the lifespan."""
    settings = settings or get_settings()
    keyring = Keyring.parse(settings.api_keys)  # a malformed ORGGRAPH_API_KEYS fails fast
    audit = AuditLog(settings.audit_log)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = driver is None
        # verify=False: the API must come up while Neo4j is down and recover on its own.
        app.state.driver = driver or create_driver(resolve_connection(settings), verify=False)
        app.state.settings = settings
        audit.open()
        if keyring.empty:
            log.warning(NO_KEYS_MESSAGE)
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
    app.state.audit = audit
    install_error_handlers(app)
    install_docs(app)
    app.add_middleware(AuditMiddleware, audit=audit)

    app.include_router(health.router, prefix=API_PREFIX)
    for router in (lookup.router, organisations.router, library.router, cypher.router):
        app.include_router(router, prefix=API_PREFIX)

    # --- visualisation routers (viz area; api/routers/viz.py): `/` and `/viz/...` ----------
    from api.routers import viz as viz_router

    app.include_router(viz_router.router)
    # --- end of visualisation routers --------------------------------------------------------
    return app
