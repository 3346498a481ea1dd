"""Organisations: the list, one organisation's tree, the basic functionalities its units
cover, its partner bodies, collaborations and objectives, and who takes part in a forum."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.openapi.models import Example

from api.auth import require_reader
from api.deps import DriverDep, RowsRoute, SettingsDep
from api.models import Rows
from api.routers.docs import responses
from api.routers.examples import EXAMPLES
from api.routers.lookup import MAX_REF, AsOf, IncludePlanned
from api.service import answer

router = APIRouter(
    tags=["organisations"], dependencies=[Depends(require_reader)], route_class=RowsRoute
)

OrgRef = Annotated[
    str,
    Path(
        min_length=1,
        max_length=MAX_REF,
        description="organisation (or unit) id, name or abbreviation",
        openapi_examples={"zone": Example(summary="zone 001", value="zone-001")},
    ),
]
SCOPED = (404, 409, 422)


async def _scoped(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    query: str,
    ref_param: str,
    given: str,
    extra: dict[str, Any],
) -> Rows:
    params = {ref_param: given, **extra}
    return await answer(request, driver, settings, query, params, {"id": (ref_param, given)})


@router.get(
    "/organisations",
    response_model=Rows,
    summary="All organisations in the graph",
    responses=responses(
        EXAMPLES["organisations"],
        422,
    ),
)
async def organisations(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    org_type: Annotated[
        str | None,
        Query(
            max_length=100,
            description="only this type (police_zone, federal_police, city, prosecutor …)",
            openapi_examples={"zones": Example(summary="police zones", value="police_zone")},
        ),
    ] = None,
) -> Rows:
    return await answer(request, driver, settings, "organisations", {"org_type": org_type})


@router.get(
    "/organisations/{id}/tree",
    response_model=Rows,
    summary="Units, posts and holders of an organisation, each with depth, parent and source",
    responses=responses(
        EXAMPLES["org_tree"],
        *SCOPED,
    ),
)
async def org_tree(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    id: OrgRef,
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
) -> Rows:
    extra = {"as_of": as_of, "include_planned": include_planned}
    return await _scoped(request, driver, settings, "org_tree", "id", id, extra)


@router.get(
    "/organisations/{id}/coverage",
    response_model=Rows,
    summary="Which of the seven basic functionalities the zone's units cover",
    responses=responses(
        EXAMPLES["functionality_coverage"],
        *SCOPED,
    ),
)
async def coverage(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    id: OrgRef,
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
) -> Rows:
    extra = {"as_of": as_of, "include_planned": include_planned}
    return await _scoped(request, driver, settings, "functionality_coverage", "zone", id, extra)


@router.get(
    "/organisations/{id}/partners",
    response_model=Rows,
    summary="Partner bodies and forums the organisation takes part in, and through whom",
    responses=responses(
        EXAMPLES["partner_network"],
        *SCOPED,
    ),
)
async def partners(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    id: OrgRef,
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
) -> Rows:
    extra = {"as_of": as_of, "include_planned": include_planned}
    return await _scoped(request, driver, settings, "partner_network", "id", id, extra)


@router.get(
    "/organisations/{id}/collaborations",
    response_model=Rows,
    summary="With whom the organisation, its units and posts collaborate or liaise",
    responses=responses(
        EXAMPLES["collaborations"],
        *SCOPED,
    ),
)
async def collaborations(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    id: OrgRef,
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
) -> Rows:
    extra = {"as_of": as_of, "include_planned": include_planned}
    return await _scoped(request, driver, settings, "collaborations", "id", id, extra)


@router.get(
    "/organisations/{id}/objectives",
    response_model=Rows,
    summary="Objectives the organisation pursues, with their yearly measurements",
    responses=responses(
        EXAMPLES["objectives"],
        *SCOPED,
    ),
)
async def objectives(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    id: OrgRef,
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
) -> Rows:
    extra = {"as_of": as_of, "include_planned": include_planned}
    return await _scoped(request, driver, settings, "objectives", "org", id, extra)


@router.get(
    "/forums/{id}/participants",
    response_model=Rows,
    summary="Who takes part in a forum or partner body, in what capacity, with quotes",
    responses=responses(
        EXAMPLES["forum_participants"],
        *SCOPED,
    ),
)
async def forum_participants(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    id: Annotated[
        str,
        Path(
            min_length=1,
            max_length=MAX_REF,
            description="forum or partner body: id, name or abbreviation",
            openapi_examples={"oltf": Example(summary="the O-LTF", value="O-LTF")},
        ),
    ],
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
) -> Rows:
    extra = {"as_of": as_of, "include_planned": include_planned}
    return await _scoped(request, driver, settings, "forum_participants", "id", id, extra)
