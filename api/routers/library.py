"""The query library over HTTP: list the queries and run one by name with JSON parameters,
returning the same rows as `orggraph query NAME`."""

from __future__ import annotations

import difflib
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Request
from fastapi.openapi.models import Example

import queries
from api.audit import note
from api.auth import require_reader
from api.deps import DriverDep, RowsRoute, SettingsDep
from api.models import QueryInfo, QueryParam, Rows
from api.routers.docs import responses, rows_example
from api.service import resolve_params, run_library
from graph.cypher import REF_MAX_CHARS, Param, QueryDef
from graph.errors import NotFound, QueryError
from queries.resolve import ORG_PARAM

ORG_REF = Param(ORG_PARAM, "str", True, None, REF_MAX_CHARS, ("Organisation",))

router = APIRouter(
    tags=["query library"], dependencies=[Depends(require_reader)], route_class=RowsRoute
)


def _readable() -> dict[str, QueryDef]:
    """Only read queries are served: the API never writes."""
    return {n: q for n, q in queries.library().items() if q.mode == "read"}


def _info(q: QueryDef) -> QueryInfo:
    return QueryInfo(
        name=q.name,
        doc=q.doc,
        params=[
            QueryParam(
                name=p.name,
                type=p.type,
                optional=p.optional,
                declaration=p.describe(),
                kinds=list(p.kinds) if p.is_ref else None,
            )
            for p in q.params
        ],
        returns=q.returns,
    )


@router.get(
    "/queries",
    response_model=list[QueryInfo],
    summary="The query library: name, purpose, parameters and returned columns",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": [
                        {
                            "name": "chain_of_command",
                            "doc": "Whom a post reports to, up to the top.",
                            "params": [
                                {
                                    "name": "id",
                                    "type": "str",
                                    "optional": False,
                                    "declaration": "id: str",
                                },
                                {
                                    "name": "as_of",
                                    "type": "date",
                                    "optional": True,
                                    "declaration": "as_of: date?",
                                },
                            ],
                            "returns": "depth: int, id: str, name: str, source: str, quote: str",
                        }
                    ]
                }
            }
        }
    },
)
def list_queries() -> list[QueryInfo]:
    return [_info(q) for _, q in sorted(_readable().items())]


@router.post(
    "/queries/{name}",
    response_model=Rows,
    summary="Run a library query by name; the body holds its parameters",
    responses=responses(
        rows_example(
            "chain_of_command",
            {"id": "zone-000-diensthoofd-dsi"},
            [{"depth": 1, "id": "zone-000-operationeel-coordinator"}],
        ),
        404,
        422,
    ),
)
def run_named_query(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    name: Annotated[
        str,
        Path(
            max_length=100,
            openapi_examples={
                "chain": Example(summary="chain of command", value="chain_of_command")
            },
        ),
    ],
    params: Annotated[
        dict[str, Any],
        Body(
            description="query parameters by name (see GET /queries); dates as YYYY-MM-DD; "
            "`org` (an organisation's id, name or abbreviation) is accepted by every query: "
            "the names are then resolved within that organisation",
            openapi_examples={
                "chain": Example(
                    summary="chain of command of the head of DSI",
                    value={"id": "zone-000-diensthoofd-dsi"},
                ),
            },
        ),
    ] = {},  # noqa: B006 -- FastAPI copies defaults per request
) -> Rows:
    library = _readable()
    if name not in library:
        raise NotFound(
            f"query {name!r}", difflib.get_close_matches(name, list(library), n=5, cutoff=0.5)
        )
    note(request, query=name)
    params = dict(params)
    # `org` is every query's scope: the query's own param when it declares one, else the
    # organisation its names are resolved in.
    org = None if ORG_PARAM in library[name].param_names else params.pop(ORG_PARAM, None)
    if org is not None and not isinstance(org, str):
        raise QueryError("parameter 'org' must be an organisation's id, name or abbreviation")
    if org is not None:
        ORG_REF.check_size(org)
    library[name].bind(params)  # unknown, missing or mistyped parameters: 422 before any lookup
    bound, resolved = resolve_params(driver, settings, name, params, org=org)
    return run_library(request, driver, settings, name, bound, resolved=resolved)
