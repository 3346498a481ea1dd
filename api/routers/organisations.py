"""Organisations: the list, one organisation's tree, the basic functionalities its units
cover, its partner bodies, collaborations and objectives, and who takes part in a forum."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.openapi.models import Example

from api.auth import require_reader
from api.deps import DriverDep, SettingsDep
from api.models import Rows
from api.routers.docs import ref, responses, rows_example
from api.routers.lookup import MAX_REF, AsOf, IncludePlanned
from api.service import resolve, run_library

router = APIRouter(tags=["organisations"], dependencies=[Depends(require_reader)])

ZONE = ref("zone-001", "Politiezone (seed 001)", "Organisation")
SOURCE = {
    "id": "seed-001",
    "title": "Directie Operaties",
    "file": "001_c20bdcf4eda624e1.txt",
    "quote": "…",
    "inferred": False,
    "reason": None,
}
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


def _scoped(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    query: str,
    ref_param: str,
    given: str,
    extra: dict[str, Any],
) -> Rows:
    target = resolve(driver, settings, given)
    return run_library(
        request, driver, settings, query, {ref_param: target.id, **extra}, resolved={"id": target}
    )


@router.get(
    "/organisations",
    response_model=Rows,
    summary="All organisations in the graph",
    responses=responses(
        rows_example(
            "organisations",
            {},
            [
                {
                    **ZONE,
                    "abbreviation": None,
                    "org_type": "police_zone",
                    "status": "current",
                    "dataset": "zone-001",
                    "units": 12,
                    "source": SOURCE,
                }
            ],
        ),
        422,
    ),
)
def organisations(
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
    return run_library(request, driver, settings, "organisations", {"org_type": org_type})


@router.get(
    "/organisations/{id}/tree",
    response_model=Rows,
    summary="Units, posts and holders of an organisation, each with depth, parent and source",
    responses=responses(
        rows_example(
            "org_tree",
            {"id": "zone-001", "include_planned": False},
            [
                {
                    "depth": 1,
                    **ref("zone-001-onthaal", "Dienst Onthaal", "Unit"),
                    "type": "dienst",
                    "parent_id": "zone-001-wijkwerking-onthaal",
                    "via": "PART_OF",
                    "status": "current",
                    "planned": False,
                    "source": SOURCE,
                }
            ],
            {"id": ZONE},
        ),
        *SCOPED,
    ),
)
def org_tree(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    id: OrgRef,
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
) -> Rows:
    extra = {"as_of": as_of, "include_planned": include_planned}
    return _scoped(request, driver, settings, "org_tree", "id", id, extra)


@router.get(
    "/organisations/{id}/coverage",
    response_model=Rows,
    summary="Which of the seven basic functionalities the zone's units cover",
    responses=responses(
        rows_example(
            "functionality_coverage",
            {"zone": "zone-001", "include_planned": False},
            [
                {
                    "id": "functionality-onthaal",
                    "name": "Onthaal",
                    "code": "onthaal",
                    "order": 2,
                    "covered": True,
                    "units": [{"id": "zone-001-onthaal", "name": "Dienst Onthaal"}],
                }
            ],
            {"id": ZONE},
        ),
        *SCOPED,
    ),
)
def coverage(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    id: OrgRef,
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
) -> Rows:
    extra = {"as_of": as_of, "include_planned": include_planned}
    return _scoped(request, driver, settings, "functionality_coverage", "zone", id, extra)


@router.get(
    "/organisations/{id}/partners",
    response_model=Rows,
    summary="Partner bodies and forums the organisation takes part in, and through whom",
    responses=responses(
        rows_example(
            "partner_network",
            {"id": "zone-000", "include_planned": False},
            [
                {
                    "id": "o-ltf-zone-000",
                    "name": "Operationele Local Taskforce Foreign Fighters",
                    "kind": "PartnerBody",
                    "level": "arrondissement",
                    "links": [{"relation": "REPRESENTS_AT", "source": {"quote": "…"}}],
                    "posts": [],
                }
            ],
            {"id": ref("zone-000", "Politiezone (seed 000)", "Organisation")},
        ),
        *SCOPED,
    ),
)
def partners(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    id: OrgRef,
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
) -> Rows:
    extra = {"as_of": as_of, "include_planned": include_planned}
    return _scoped(request, driver, settings, "partner_network", "id", id, extra)


@router.get(
    "/organisations/{id}/collaborations",
    response_model=Rows,
    summary="With whom the organisation, its units and posts collaborate or liaise",
    responses=responses(
        rows_example(
            "collaborations",
            {"id": "zone-001", "include_planned": False},
            [
                {
                    "member": ZONE,
                    "relation": "COLLABORATES_WITH",
                    "direction": "out",
                    "partner_id": "federale-politie",
                    "partner_name": "Federale politie",
                    "partner_kind": "Organisation",
                    "source": SOURCE,
                }
            ],
            {"id": ZONE},
        ),
        *SCOPED,
    ),
)
def collaborations(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    id: OrgRef,
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
) -> Rows:
    extra = {"as_of": as_of, "include_planned": include_planned}
    return _scoped(request, driver, settings, "collaborations", "id", id, extra)


@router.get(
    "/organisations/{id}/objectives",
    response_model=Rows,
    summary="Objectives the organisation pursues, with their yearly measurements",
    responses=responses(
        rows_example(
            "objectives",
            {"org": "lokeren", "include_planned": False},
            [
                {
                    "id": "lokeren-objective-verkeersveiligheid",
                    "name": "Verkeersveiligheid verhogen",
                    "description": None,
                    "target_year": 2024,
                    "status": "current",
                    "via": [],
                    "source": {**SOURCE, "id": "seed-002"},
                    "measurements": [{"year": 2019, "value": 12, "unit": "%"}],
                }
            ],
            {"id": ref("lokeren", "Politiezone Lokeren", "Organisation")},
        ),
        *SCOPED,
    ),
)
def objectives(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    id: OrgRef,
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
) -> Rows:
    extra = {"as_of": as_of, "include_planned": include_planned}
    return _scoped(request, driver, settings, "objectives", "org", id, extra)


@router.get(
    "/forums/{id}/participants",
    response_model=Rows,
    summary="Who takes part in a forum or partner body, in what capacity, with quotes",
    responses=responses(
        rows_example(
            "forum_participants",
            {"id": "o-ltf-zone-000", "include_planned": False},
            [
                {
                    "capacity": "REPRESENTS_AT",
                    **ref("zone-000-operationeel-coordinator", "Operationeel coördinator", "Post"),
                    "via_role": None,
                    "on_behalf_of": "zone-000",
                    "holders": [],
                    "source": SOURCE,
                }
            ],
            {
                "id": ref(
                    "o-ltf-zone-000", "Operationele Local Taskforce Foreign Fighters", "PartnerBody"
                )
            },
        ),
        *SCOPED,
    ),
)
def forum_participants(
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
    return _scoped(request, driver, settings, "forum_participants", "id", id, extra)
