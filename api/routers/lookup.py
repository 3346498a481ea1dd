"""Questions analysts ask about one entity: search, details, chain of command, representatives,
responsibilities, contacts and paths. Every id may also be given as a name or abbreviation."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.openapi.models import Example

from api.auth import require_reader
from api.deps import DriverDep, RowsRoute, SettingsDep
from api.models import Rows
from api.routers.docs import ref, responses
from api.routers.examples import EXAMPLES
from api.service import Asked, answer

router = APIRouter(tags=["lookup"], dependencies=[Depends(require_reader)], route_class=RowsRoute)

MAX_REF = 200
MAX_TEXT = 500
TRY_WORDS = "Try other or fewer words, in Dutch or English."

AsOf = Annotated[
    dt.date | None,
    Query(
        description="only facts valid on this date (ISO YYYY-MM-DD); default: all current facts",
        openapi_examples={"2024": Example(summary="on 1 January 2024", value="2024-01-01")},
    ),
]


IncludePlanned = Annotated[
    bool,
    Query(description="also show planned structure (announced, not yet in force), flagged as such"),
]


def _ref_path(example: str, summary: str) -> object:
    return Path(
        min_length=1,
        max_length=MAX_REF,
        description="entity id, or its name or abbreviation",
        openapi_examples={"id": Example(summary=summary, value=example)},
    )


COORD = ref("zone-000-operationeel-coordinator", "Operationeel coördinator", "Post")
KORPSCHEF = ref("zone-000-korpschef", "Korpschef", "Post")
HEAD_DSI = ref("zone-000-diensthoofd-dsi", "Diensthoofd DSI", "Post")


@router.get(
    "/search",
    response_model=Rows,
    summary="Full-text search over names, abbreviations and aliases",
    responses=responses(
        EXAMPLES["search"],
        422,
    ),
)
async def search(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_TEXT,
            description="words, a name or an abbreviation (O-LTF, oltf, DSI …)",
            openapi_examples={
                "abbreviation": Example(summary="an abbreviation", value="oltf"),
                "word": Example(summary="a phenomenon", value="drugs"),
            },
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=100, description="maximum number of hits")] = 20,
    as_of: AsOf = None,
) -> Rows:
    return await answer(
        request,
        driver,
        settings,
        "search",
        {"q": q, "limit": limit, "as_of": as_of},
        asked=Asked(q, "Nothing matches {text} in names, abbreviations or aliases.", TRY_WORDS),
    )


@router.get(
    "/entities/{id}",
    response_model=Rows,
    summary="One entity with its provenance and its cited relationships",
    responses=responses(
        EXAMPLES["entity"],
        404,
        409,
        422,
    ),
)
async def entity(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    id: Annotated[str, _ref_path(COORD["id"], "the operational coordinator of zone 000")],
    as_of: AsOf = None,
) -> Rows:
    return await answer(
        request, driver, settings, "entity", {"id": id, "as_of": as_of}, {"id": ("id", id)}
    )


@router.get(
    "/chain-of-command/{id}",
    response_model=Rows,
    summary="Whom a post or unit reports to, step by step up to the top",
    responses=responses(
        EXAMPLES["chain_of_command"],
        404,
        409,
        422,
    ),
)
async def chain_of_command(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    id: Annotated[str, _ref_path(HEAD_DSI["id"], "the head of DSI in zone 000")],
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
) -> Rows:
    return await answer(
        request,
        driver,
        settings,
        "chain_of_command",
        {"id": id, "as_of": as_of, "include_planned": include_planned},
        {"id": ("id", id)},
    )


@router.get(
    "/subordinates/{id}",
    response_model=Rows,
    summary="Who reports to a post or unit, directly or indirectly",
    responses=responses(
        EXAMPLES["subordinates"],
        404,
        409,
        422,
    ),
)
async def subordinates(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    id: Annotated[str, _ref_path(KORPSCHEF["id"], "the korpschef of zone 000")],
    depth: Annotated[
        int | None, Query(ge=1, le=20, description="how many levels down (default: all)")
    ] = None,
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
) -> Rows:
    return await answer(
        request,
        driver,
        settings,
        "subordinates",
        {"id": id, "max_depth": depth, "as_of": as_of, "include_planned": include_planned},
        {"id": ("id", id)},
    )


@router.get(
    "/representatives",
    response_model=Rows,
    summary="Who represents the zone at a partner body or forum",
    description=(
        "“Who represents the zone at X?” `at` is the body or forum (id, name or abbreviation: "
        "`O-LTF`, `oltf` and the full name all work); `org` narrows to the organisation "
        "represented. Each row cites the source document and quote."
    ),
    responses=responses(
        EXAMPLES["who_represents"],
        404,
        409,
        422,
    ),
)
async def representatives(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    at: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_REF,
            description="partner body or forum: id, name or abbreviation",
            openapi_examples={
                "abbreviation": Example(summary="by abbreviation", value="O-LTF"),
                "compact": Example(summary="without punctuation", value="oltf"),
                "name": Example(
                    summary="by full name", value="Operationele Local Taskforce Foreign Fighters"
                ),
            },
        ),
    ],
    org: Annotated[
        str | None,
        Query(
            max_length=MAX_REF,
            description="the organisation represented: id, name or abbreviation",
            openapi_examples={"zone": Example(summary="zone 000", value="zone-000")},
        ),
    ] = None,
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
) -> Rows:
    return await answer(
        request,
        driver,
        settings,
        "who_represents",
        {"at": at, "org": None, "as_of": as_of, "include_planned": include_planned},
        {"at": ("at", at), "org": ("org", org)},
        asked=Asked(at, "Nobody is recorded as representing anyone at {text} ({resolved})."),
    )


@router.get(
    "/responsible",
    response_model=Rows,
    summary="Who is responsible for a domain, plan, task or objective",
    responses=responses(
        EXAMPLES["responsible_for"],
        404,
        409,
        422,
    ),
)
async def responsible(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    for_: Annotated[
        str,
        Query(
            alias="for",
            min_length=1,
            max_length=MAX_REF,
            description="domain, plan, task, objective or functionality: id or name",
            openapi_examples={"domain": Example(summary="a domain", value="drugs")},
        ),
    ],
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
) -> Rows:
    return await answer(
        request,
        driver,
        settings,
        "responsible_for",
        {"target": for_, "as_of": as_of, "include_planned": include_planned},
        {"for": ("target", for_)},
        asked=Asked(
            for_,
            "Nobody is recorded as responsible for {text} ({resolved}).",
            "Whom to contact for a task: /contact?task=<words>.",
        ),
    )


@router.get(
    "/contact",
    response_model=Rows,
    summary="Whom to contact for a task (e.g. reporting a bicycle theft)",
    responses=responses(
        EXAMPLES["contact_for"],
        422,
    ),
)
async def contact(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    task: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_TEXT,
            description="what you need done, in words (Dutch, or English for the common "
            "matters: bicycle theft, lost property, burglary, drugs, traffic …)",
            openapi_examples={
                "english": Example(summary="bicycle theft, in English", value="bicycle theft"),
                "dutch": Example(summary="bicycle theft, in Dutch", value="fietsdiefstal"),
            },
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=100, description="maximum number of tasks")] = 10,
    as_of: AsOf = None,
) -> Rows:
    return await answer(
        request,
        driver,
        settings,
        "contact_for",
        {"task": task, "limit": limit, "as_of": as_of},
        asked=Asked(
            task,
            "No task matches {text}: task names and aliases were searched, and the "
            "vocabulary's Dutch and English terms (domains, basic functionalities).",
            "For a domain, plan or objective, ask /responsible?for=<id>. " + TRY_WORDS,
        ),
    )


@router.get(
    "/path",
    response_model=Rows,
    summary="The shortest cited path between two entities",
    responses=responses(
        EXAMPLES["path_between"],
        404,
        409,
        422,
    ),
)
async def path(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    from_: Annotated[
        str,
        Query(
            alias="from",
            min_length=1,
            max_length=MAX_REF,
            description="start: id, name or abbreviation",
            openapi_examples={"dsi": Example(summary="head of DSI", value=HEAD_DSI["id"])},
        ),
    ],
    to: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_REF,
            description="end: id, name or abbreviation",
            openapi_examples={"chief": Example(summary="korpschef", value=KORPSCHEF["id"])},
        ),
    ],
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
) -> Rows:
    return await answer(
        request,
        driver,
        settings,
        "path_between",
        {"from_id": from_, "to_id": to, "as_of": as_of, "include_planned": include_planned},
        {"from": ("from_id", from_), "to": ("to_id", to)},
    )
