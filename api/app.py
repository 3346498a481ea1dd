"""The FastAPI application: created by a factory so tests and `orggraph serve` share it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from neo4j import Driver

from api.errors import install_error_handlers
from api.routers import health
from graph.db import create_driver
from graph.server import resolve_connection
from graph.settings import Settings, get_settings

API_PREFIX = "/api/v1"


def create_app(settings: Settings | None = None, driver: Driver | None = None) -> FastAPI:
    """Build the app; a given driver is borrowed (tests), else one is owned for the lifespan."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = driver is None
        # verify=False: the API must come up while Neo4j is down and recover on its own.
        app.state.driver = driver or create_driver(resolve_connection(settings), verify=False)
        app.state.settings = settings
        try:
            yield
        finally:
            if owned:
                app.state.driver.close()

    app = FastAPI(
        title="orggraph",
        version="0.1.0",
        description="Organisational knowledge graph of police zones; every fact cited.",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.include_router(health.router, prefix=API_PREFIX)

    # --- visualisation routers (viz area; api/routers/viz.py): `/` and `/viz/...` ----------
    from api.routers import viz as viz_router

    app.include_router(viz_router.router)
    # --- end of visualisation routers --------------------------------------------------------
    return app
