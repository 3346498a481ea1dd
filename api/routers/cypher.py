"""Ad-hoc read-only Cypher for analysts, bounded by the configured timeout and row limit.

Writes, schema and admin commands are refused (403) by `queries.adhoc.run_readonly`, which runs
the text in a read transaction so nothing can change even if its checks missed something.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from api.audit import note
from api.auth import require_analyst
from api.deps import DriverDep, RowsRoute, SettingsDep
from api.models import CypherRequest, CypherResult
from api.routers.docs import responses
from queries.adhoc import run_readonly, to_jsonable

router = APIRouter(tags=["cypher"], dependencies=[Depends(require_analyst)], route_class=RowsRoute)


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
        422,
    ),
)
def cypher(
    request: Request, driver: DriverDep, settings: SettingsDep, body: CypherRequest
) -> CypherResult:
    note(request, cypher=body.text)
    result = run_readonly(
        driver,
        body.text,
        database=settings.neo4j_database,
        timeout_s=settings.cypher_timeout_s,
        row_limit=settings.cypher_row_limit,
        params=body.params,
    )
    rows = [{k: to_jsonable(v) for k, v in row.items()} for row in result.rows]
    note(request, rows=len(rows))
    return CypherResult(
        columns=list(result.columns), rows=rows, count=len(rows), truncated=result.truncated
    )
