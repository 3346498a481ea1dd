"""Ad-hoc read-only Cypher for analysts, bounded by the configured timeout and row limit.

Writes, schema and admin commands are refused (403) by `queries.adhoc.run_readonly` (called
through `api.adhoc.run_adhoc`, shared with the CLI), which runs the text in a read transaction
so nothing can change even if its checks missed something, and bounds its length, nesting,
time (a hard deadline) and response size. Here: at most `cypher_concurrency_per_key` queries
run at once per API key; more answer 429 at once, so one analyst cannot tie up the worker
threads (the CLI is one user and has no such limit).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import APIRouter, HTTPException, Request

from api.adhoc import run_adhoc
from api.audit import note
from api.auth import AnalystDep
from api.deps import DriverDep, RowsRoute, SettingsDep
from api.models import CypherRequest, CypherResult
from api.routers.docs import responses
from queries.adhoc import to_jsonable


class KeySlots:
    """Running ad-hoc queries per API key. Keys are held only as SHA-256 digests, in memory."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: Counter[str] = Counter()

    @contextmanager
    def slot(self, key_id: str, limit: int) -> Iterator[None]:
        with self._lock:
            if self._running[key_id] >= limit:
                raise HTTPException(
                    429,
                    f"this API key already runs {limit} ad-hoc queries at once (the limit, "
                    "ORGGRAPH_CYPHER_CONCURRENCY_PER_KEY); wait for one to finish and retry",
                    headers={"Retry-After": "1"},
                )
            self._running[key_id] += 1
        try:
            yield
        finally:
            with self._lock:
                self._running[key_id] -= 1
                if self._running[key_id] <= 0:
                    del self._running[key_id]


router = APIRouter(tags=["cypher"], route_class=RowsRoute)


@router.post(
    "/cypher",
    response_model=CypherResult,
    summary="Run read-only Cypher (analyst role)",
    responses=responses(
        {
            "columns": ["p.name", "b.name", "r.quote"],
            "rows": [
                {
                    "p.name": "Operationeel coördinator",
                    "b.name": "Korpschef",
                    "r.quote": "rapporteert aan de korpschef",
                }
            ],
            "count": 1,
            "truncated": False,
        },
        403,
        413,
        422,
        429,
    ),
)
def cypher(
    request: Request,
    principal: AnalystDep,
    driver: DriverDep,
    settings: SettingsDep,
    body: CypherRequest,
) -> CypherResult:
    # The audit line must stay valid UTF-8 even for a text with a lone surrogate (refused below).
    note(request, cypher=body.text.encode("utf-8", "backslashreplace").decode("utf-8"))
    slots: KeySlots = request.app.state.cypher_slots
    with slots.slot(principal.key_id, settings.cypher_concurrency_per_key):
        result = run_adhoc(driver, settings, body.text, body.params)
    rows = [{k: to_jsonable(v) for k, v in row.items()} for row in result.rows]
    note(request, rows=len(rows))
    return CypherResult(
        columns=list(result.columns), rows=rows, count=len(rows), truncated=result.truncated
    )
