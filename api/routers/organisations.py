"""Organisations: the list, one organisation's tree, the basic functionalities it and its
units cover, its partner bodies, collaborations, objectives, staffing and who chairs what, and
who takes part in a forum."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.openapi.models import Example

from api.auth import require_reader
from api.deps import AnswerDep, RowsRoute
from api.models import PagedRows, Rows
from api.params import AsOf, IncludePlanned, OrgType, PageLimit, PageOffset, ScopeOrg, ref_path
from api.routers.docs import RESOLVED, responses
from api.routers.examples import EXAMPLES
from queries.paging import DEFAULT_LIMIT

router = APIRouter(
    tags=["organisations"], dependencies=[Depends(require_reader)], route_class=RowsRoute
)


@router.get(
    "/organisations",
    response_model=Rows,
    summary="All organisations in the graph",
    responses=responses(EXAMPLES["organisations"], 422),
)
async def organisations(ask: AnswerDep, org_type: OrgType = None) -> Rows:
    return await ask("organisations", {"org_type": org_type})


ORG_ID = ref_path(
    "organisation (or unit) id, name or abbreviation",
    zone=Example(summary="zone 001", value="zone-001"),
)
FORUM_ID = ref_path(
    "forum or partner body: id, name or abbreviation",
    oltf=Example(summary="the O-LTF", value="O-LTF"),
)


def _about_one(query: str, ref_param: str, id_path: Any) -> Callable[..., Awaitable[Rows]]:
    """The endpoint of a question about one organisation or forum: `id` (an id, name or
    abbreviation, declared by `id_path`) is resolved and sent as the query's `ref_param`."""

    async def endpoint(
        ask: AnswerDep,
        id: str = id_path,
        as_of: AsOf = None,
        include_planned: IncludePlanned = False,
        org: ScopeOrg = None,
    ) -> Rows:
        params = {ref_param: id, "as_of": as_of, "include_planned": include_planned}
        return await ask(query, params, {"id": (ref_param, id)}, org=org)

    return endpoint


# (path, operation name, library query, the query parameter `id` is sent as, `id`, summary)
ABOUT_ONE: tuple[tuple[str, str, str, str, Any, str], ...] = (
    (
        "/organisations/{id}/tree",
        "org_tree",
        "org_tree",
        "id",
        ORG_ID,
        "Units, posts and holders of an organisation, each with depth, parent and source",
    ),
    (
        "/organisations/{id}/coverage",
        "coverage",
        "functionality_coverage",
        "zone",
        ORG_ID,
        "Which of the seven basic functionalities the zone covers, itself or through its units",
    ),
    (
        "/organisations/{id}/partners",
        "partners",
        "partner_network",
        "id",
        ORG_ID,
        "Partner bodies and forums the organisation takes part in, and through whom",
    ),
    (
        "/organisations/{id}/collaborations",
        "collaborations",
        "collaborations",
        "id",
        ORG_ID,
        "With whom the organisation, its units and posts collaborate or liaise",
    ),
    (
        "/organisations/{id}/objectives",
        "objectives",
        "objectives",
        "org",
        ORG_ID,
        "Objectives the organisation pursues, with their yearly measurements",
    ),
    (
        "/organisations/{id}/staffing",
        "staffing",
        "staffing",
        "id",
        ORG_ID,
        "Staffing figures of an organisation, unit, post or board and of the units, posts and "
        "boards under it, each with its quote, and totals by rank",
    ),
    (
        "/organisations/{id}/chairs",
        "chairs",
        "chairs",
        "org",
        ORG_ID,
        "Who chairs (or vice-chairs) which board, forum or partner body of the organisation, "
        "and the bodies its own posts and people chair, with quotes",
    ),
)
for path, name, query, ref_param, id_path, summary in ABOUT_ONE:
    router.add_api_route(
        path,
        _about_one(query, ref_param, id_path),
        methods=["GET"],
        name=name,
        response_model=Rows,
        summary=summary,
        responses=responses(EXAMPLES[query], *RESOLVED),
    )


@router.get(
    "/forums/{id}/participants",
    name="forum_participants",
    response_model=PagedRows,
    summary="Who takes part in a forum or partner body, in what capacity, with quotes",
    description=(
        "Every participant of the body, whichever organisation it belongs to, a page at a "
        "time: `limit` rows (default 50, at most 500) from `offset`, in a stable order; "
        "`total` counts them all, so `offset + limit` is the next page."
    ),
    responses=responses(EXAMPLES["forum_participants"], *RESOLVED),
)
async def forum_participants(
    ask: AnswerDep,
    id: str = FORUM_ID,
    as_of: AsOf = None,
    include_planned: IncludePlanned = False,
    org: ScopeOrg = None,
    limit: PageLimit = DEFAULT_LIMIT,
    offset: PageOffset = 0,
) -> PagedRows:
    params = {"id": id, "as_of": as_of, "include_planned": include_planned}
    return await ask.page(
        "forum_participants",
        {**params, "limit": limit, "offset": offset},
        {"id": ("id", id)},
        org=org,
    )
