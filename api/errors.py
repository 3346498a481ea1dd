"""The only place orggraph errors become HTTP statuses."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from graph.errors import (
    Ambiguous,
    Neo4jUnavailable,
    NotFound,
    OrgGraphError,
    QueryError,
    ReadOnlyViolation,
    ValidationFailed,
)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(OrgGraphError)
    async def orggraph_error(_: Request, exc: OrgGraphError) -> JSONResponse:
        if isinstance(exc, NotFound):
            return JSONResponse(
                {"detail": str(exc), "suggestions": exc.suggestions}, status_code=404
            )
        if isinstance(exc, Ambiguous):
            return JSONResponse({"detail": str(exc), "candidates": exc.candidates}, status_code=409)
        if isinstance(exc, ReadOnlyViolation):
            return JSONResponse({"detail": str(exc)}, status_code=403)
        if isinstance(exc, QueryError | ValidationFailed):
            return JSONResponse({"detail": str(exc)}, status_code=422)
        if isinstance(exc, Neo4jUnavailable):
            return JSONResponse({"detail": "Neo4j is unavailable; retry shortly"}, status_code=503)
        return JSONResponse({"detail": str(exc)}, status_code=400)
