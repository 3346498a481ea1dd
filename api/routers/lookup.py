"""Questions analysts ask about one entity: search, details, chain of command, representatives,
responsibilities, contacts and paths. Every id may also be given as a name or abbreviation."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.openapi.models import Example

from api.auth import require_reader
from api.deps import AnswerDep, RowsRoute
from api.models import PagedRows, Rows
from api.params import (
    AsOf,
    IncludePlanned,
    KindFilter,
    Levels,
    OrgOption,
    PageLimit,
    PageOffset,
    ScopeOrg,
    limit_query,
    ref_path,
    ref_query,
    text_query,
)
from api.routers.docs import RESOLVED, responses
from api.routers.examples import COORD, EXAMPLES, HEAD_DSI, KORPSCHEF
from api.service import Asked
from queries.paging import DEFAULT_LIMIT

router = APIRouter(tags=["lookup"], dependencies=[Depends(require_reader)], route_class=RowsRoute)

TRY_WORDS = "Try other or fewer words, in Dutch or English."


def _entity_path(summary: str, example: str) -> Any:
    return ref_path(
        "entity id, or its name or abbreviation", id=Example(summary=summary, value=example)
    )


@router.get(
    "/search",
    response_model=Rows,
    summary="Full-text search over names, abbreviations and aliases",
    responses=responses(EXAMPLES["search"], *RESOLVED),
)
async def search(
    ask: AnswerDep,
    q: Annotated[
        str,
        text_query(
            "words, a name or an abbreviation (O-LTF, oltf, DSI …)",
            abbreviation=Example(summary="an abbreviation", value="oltf"),
            word=Example(summary="a phenomenon", value="drugs"),
        ),
    ],
    limit: Annotated[int, limit_query("hits")] = 20,
    as_of: AsOf = None,
    org: ScopeOrg = None,
    kind: KindFilter = None,
) -> Rows:
    asked = Asked(q, "Nothing matches {text} in names, abbreviations or aliases.", TRY_WORDS)
    params = {"q": q, "limit": limit, "as_of": as_of, "kind": kind}
    return await ask("search", params, asked=asked, org=org)


@router.get(
    "/entities/{id}",
    response_model=Rows,
    summary="One entity with its provenance and its cited relationships",
    responses=responses(EXAMPLES["entity"], *RESOLVED),
)
async def entity(
    ask: AnswerDep,
    id: Annotated[str, _entity_path("the operational coordinator of zone 000", COORD["id"])],
    as_of: AsOf = None,
    org: ScopeOrg = None,
) -> Rows:
    return await ask("entity", {"id": id, "as_of": as_of}, {"id": ("id", id)}, org=org)


@router.get(
    "/chain-of-command/{id}",
    response_model=Rows,
    summary="Whom a post or unit reports to, step by step up to the top",
    responses=responses(EXAMPLES["chain_of_command"], *RESOLVED),
)
async def chain_of_command(
    ask: AnswerDep,
    id: Annotated[str, _entity_path("the head of DSI in zone 000", HEAD_DSI["id"])],
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
    org: ScopeOrg = None,
) -> Rows:
    params = {"id": id, "as_of": as_of, "include_planned": include_planned}
    return await ask("chain_of_command", params, {"id": ("id", id)}, org=org)


@router.get(
    "/subordinates/{id}",
    response_model=Rows,
    summary="Who reports to a post or unit, directly or indirectly",
    responses=responses(EXAMPLES["subordinates"], *RESOLVED),
)
async def subordinates(
    ask: AnswerDep,
    id: Annotated[str, _entity_path("the korpschef of zone 000", KORPSCHEF["id"])],
    depth: Levels = None,
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
    org: ScopeOrg = None,
) -> Rows:
    params = {"id": id, "max_depth": depth, "as_of": as_of, "include_planned": include_planned}
    return await ask("subordinates", params, {"id": ("id", id)}, org=org)


@router.get(
    "/representatives",
    response_model=PagedRows,
    summary="Who represents the zone at a partner body or forum",
    description=(
        "“Who represents the zone at X?” `at` is the body or forum (id, name or abbreviation: "
        "`O-LTF`, `oltf` and the full name all work); `org` narrows to the organisation "
        "represented (on whose behalf), and when it is an organisation `at` is resolved "
        "within it. Each row cites the source document and quote. The answer comes a page "
        "at a time: `limit` rows (default 50, at most 500) from `offset`, in a stable order; "
        "`total` counts them all, so `offset + limit` is the next page."
    ),
    responses=responses(EXAMPLES["who_represents"], *RESOLVED),
)
async def representatives(
    ask: AnswerDep,
    at: Annotated[
        str,
        ref_query(
            "partner body or forum: id, name or abbreviation",
            abbreviation=Example(summary="by abbreviation", value="O-LTF"),
            compact=Example(summary="without punctuation", value="oltf"),
            name=Example(
                summary="by full name", value="Operationele Local Taskforce Foreign Fighters"
            ),
        ),
    ],
    org: OrgOption = None,
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
    limit: PageLimit = DEFAULT_LIMIT,
    offset: PageOffset = 0,
) -> PagedRows:
    params = {"at": at, "org": None, "as_of": as_of, "include_planned": include_planned}
    return await ask.page(
        "who_represents",
        {**params, "limit": limit, "offset": offset},
        {"at": ("at", at), "org": ("org", org)},
        asked=Asked(at, "Nobody is recorded as representing anyone at {text} ({resolved})."),
    )


@router.get(
    "/responsible",
    response_model=Rows,
    summary="Who is responsible for a domain, plan, task or objective",
    responses=responses(EXAMPLES["responsible_for"], *RESOLVED),
)
async def responsible(
    ask: AnswerDep,
    for_: Annotated[
        str,
        ref_query(
            "domain, plan, task, objective or functionality: id or name",
            alias="for",
            domain=Example(summary="a domain", value="drugs"),
        ),
    ],
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
    org: ScopeOrg = None,
) -> Rows:
    return await ask(
        "responsible_for",
        {"target": for_, "as_of": as_of, "include_planned": include_planned},
        {"for": ("target", for_)},
        org=org,
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
    responses=responses(EXAMPLES["contact_for"], *RESOLVED),
)
async def contact(
    ask: AnswerDep,
    task: Annotated[
        str,
        text_query(
            "what you need done, in words (Dutch, or English for the common "
            "matters: bicycle theft, lost property, burglary, drugs, traffic …)",
            english=Example(summary="bicycle theft, in English", value="bicycle theft"),
            dutch=Example(summary="bicycle theft, in Dutch", value="fietsdiefstal"),
        ),
    ],
    limit: Annotated[int, limit_query("tasks")] = 10,
    as_of: AsOf = None,
    org: ScopeOrg = None,
) -> Rows:
    return await ask(
        "contact_for",
        {"task": task, "limit": limit, "as_of": as_of},
        org=org,
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
    responses=responses(EXAMPLES["path_between"], *RESOLVED),
)
async def path(
    ask: AnswerDep,
    from_: Annotated[
        str,
        ref_query(
            "start: id, name or abbreviation",
            alias="from",
            dsi=Example(summary="head of DSI", value=HEAD_DSI["id"]),
        ),
    ],
    to: Annotated[
        str,
        ref_query(
            "end: id, name or abbreviation",
            chief=Example(summary="korpschef", value=KORPSCHEF["id"]),
        ),
    ],
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
    org: ScopeOrg = None,
) -> Rows:
    return await ask(
        "path_between",
        {"from_id": from_, "to_id": to, "as_of": as_of, "include_planned": include_planned},
        {"from": ("from_id", from_), "to": ("to_id", to)},
        org=org,
    )
