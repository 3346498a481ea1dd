"""The only place orggraph errors become HTTP statuses.

User input must never produce a 500: library errors map to 4xx/503 here, and driver errors that
slip past the library are mapped too. The catch-all handler is for genuine bugs only: it logs
the traceback server-side and answers a bare 500 without internals.
"""

from __future__ import annotations

import json
import logging
import math
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph.errors import (
    Ambiguous,
    Neo4jUnavailable,
    NotFound,
    OrgGraphError,
    QueryError,
    ReadOnlyViolation,
    ValidationFailed,
)

log = logging.getLogger("orggraph.api")
UNAVAILABLE = "Neo4j is unavailable; retry shortly"


class SafeJSONResponse(JSONResponse):
    """The JSON of every answer the app writes itself (errors; a response model is written by
    pydantic's own serializer). orjson: the bytes of Starlette's JSONResponse (compact, UTF-8,
    not ASCII-escaped) in a fraction of the time, and always valid JSON: a non-finite float
    (`NaN` in a request body, echoed by a 422) is null, where the stdlib raised (a 500). What
    orjson refuses goes through the stdlib: a lone surrogate from the request (JSON
    "\\ud800") as its \\u escape (failing to encode it was a 500 or a reset), an integer
    beyond 64 bits as written."""

    def render(self, content: Any) -> bytes:
        try:
            return orjson.dumps(content)
        except TypeError:  # orjson.JSONEncodeError: a surrogate, a huge int, a non-str key
            return json.dumps(
                _finite(content), ensure_ascii=False, allow_nan=False, separators=(",", ":")
            ).encode("utf-8", "backslashreplace")


def _finite(value: Any) -> Any:
    """`value` with every non-finite float as None, as orjson writes it."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


_ECHO_CHARS = 80


def _short_input(value: Any) -> Any:
    """What a 422 may echo of the input: short text as is, anything long as a prefix."""
    if isinstance(value, str):
        return value if len(value) <= _ECHO_CHARS else value[:_ECHO_CHARS] + "…"
    if isinstance(value, bool | int | float) or value is None:
        return value
    text = json.dumps(jsonable_encoder(value), ensure_ascii=False, default=str)
    return value if len(text) <= _ECHO_CHARS else text[:_ECHO_CHARS] + "…"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> SafeJSONResponse:
        # FastAPI's own handler, but its echo of the input may hold lone surrogates, and a
        # 300 KB input must not come back whole: the echo is cut to a short prefix.
        errors = [{**e, "input": _short_input(e.get("input"))} for e in exc.errors()]
        return SafeJSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)

    @app.exception_handler(OrgGraphError)
    async def orggraph_error(_: Request, exc: OrgGraphError) -> SafeJSONResponse:
        if isinstance(exc, NotFound):
            body: dict[str, Any] = {"detail": str(exc), "suggestions": exc.suggestions}
            if exc.candidates:
                body["candidates"] = exc.candidates
            return SafeJSONResponse(body, status_code=404)
        if isinstance(exc, Ambiguous):
            return SafeJSONResponse(
                {"detail": str(exc), "candidates": exc.candidates}, status_code=409
            )
        if isinstance(exc, ReadOnlyViolation):
            return SafeJSONResponse({"detail": str(exc)}, status_code=403)
        if isinstance(exc, QueryError | ValidationFailed):
            return SafeJSONResponse({"detail": str(exc)}, status_code=422)
        if isinstance(exc, Neo4jUnavailable):
            return SafeJSONResponse({"detail": UNAVAILABLE}, status_code=503)
        return SafeJSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(SessionExpired)
    @app.exception_handler(AuthError)
    @app.exception_handler(TransientError)
    async def driver_unavailable(_: Request, exc: Exception) -> SafeJSONResponse:
        log.warning("Neo4j unavailable: %s", type(exc).__name__)
        return SafeJSONResponse({"detail": UNAVAILABLE}, status_code=503)

    @app.exception_handler(ClientError)
    async def driver_client_error(_: Request, exc: ClientError) -> SafeJSONResponse:
        # A Cypher error the library did not wrap: it came from the request's input.
        return SafeJSONResponse({"detail": f"query failed: {exc.message}"}, status_code=422)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> SafeJSONResponse:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return SafeJSONResponse(
            {"detail": "internal error; the traceback is in the server log"}, status_code=500
        )
