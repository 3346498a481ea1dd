"""OpenAPI response documentation shared by the data routers (examples, error bodies)."""

from __future__ import annotations

from typing import Any

from api.models import ErrorBody

_ERRORS: dict[int, str] = {
    401: "missing or unknown API key (or none configured)",
    403: "the key's role is too low, or the Cypher tried to write",
    404: "unknown id or name; `suggestions` lists the closest matches",
    409: "the name matches several entities; `candidates` lists them",
    413: "the request body is larger than ORGGRAPH_API_MAX_BODY_BYTES",
    422: "invalid parameter; the message names it",
    429: "too many ad-hoc queries running for this key; retry after Retry-After seconds",
    503: "Neo4j is unavailable",
}


RESOLVED = (404, 409, 422)  # an endpoint that resolves a reference: unknown, ambiguous, invalid


def responses(example: dict[str, Any], *errors: int) -> dict[int | str, dict[str, Any]]:
    """A 200 example plus the error statuses the endpoint can answer."""
    out: dict[int | str, dict[str, Any]] = {
        200: {"content": {"application/json": {"example": example}}}
    }
    for status in (401, *errors, 503):
        out[status] = {"model": ErrorBody, "description": _ERRORS[status]}
    return out


def rows_example(
    query: str,
    params: dict[str, Any],
    rows: list[dict[str, Any]],
    resolved: dict[str, dict[str, str]] | None = None,
) -> dict[str, Any]:
    return {
        "query": query,
        "params": params,
        "resolved": resolved or {},
        "count": len(rows),
        "rows": rows,
    }


def ref(id_: str, name: str, kind: str) -> dict[str, str]:
    return {"id": id_, "name": name, "kind": kind}
