"""Liveness that tells the truth about Neo4j: 503 while it is down, 200 once it is back."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.deps import DriverDep, SettingsDep
from api.models import Health
from graph.db import server_version
from graph.errors import Neo4jUnavailable

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    response_model=Health,
    responses={503: {"model": Health, "description": "Neo4j is unreachable"}},
    summary="Status and Neo4j version (no auth)",
)
async def health(driver: DriverDep, settings: SettingsDep) -> Health | JSONResponse:
    # async + one threadpool call for the blocking driver: a sync endpoint costs two hops.
    try:
        version = await run_in_threadpool(server_version, driver, database=settings.neo4j_database)
    except Neo4jUnavailable:
        body = Health(status="unavailable", detail="Neo4j is unreachable")
        return JSONResponse(body.model_dump(), status_code=503)
    return Health(status="ok", neo4j_version=version)
