"""Interactive visualisations as HTML pages: `/` (landing: key, search, organisations) and
`/viz/...` (organigram, neighbourhood, partner network, chain of command).

Same keys as the API (reader role; X-API-Key header or the `orggraph_key` cookie that the
landing page sets). Problems a browser user can fix come back as HTML pages with the HTTP
status of the API (404 unknown, 409 ambiguous, 413 view too large for the node budget).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from api.auth import ReaderDep
from api.deps import DriverDep, SettingsDep
from api.viz_views import View, build_view
from graph.errors import Ambiguous, NotFound
from viz import landing_html, message_html

router = APIRouter(tags=["visualisation"])
VIZ_BASE = "/viz"
HTML: dict[str, Any] = {"content": {"text/html": {}}, "description": "a self-contained HTML page"}
PAGE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: HTML,
    401: {"description": "missing or unknown API key"},
    404: {"content": {"text/html": {}}, "description": "no such entity (HTML page)"},
    409: {"content": {"text/html": {}}, "description": "the name is ambiguous (HTML page)"},
    413: {
        "content": {"text/html": {}},
        "description": "the view exceeds the node budget even when folded (HTML page)",
    },
}
IdPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=200,
        description="entity id, name or abbreviation",
        examples=["lokeren"],
    ),
]


def _page(
    driver: DriverDep, settings: SettingsDep, view: View, ref: str, depth: int = 1
) -> HTMLResponse:
    try:
        page = build_view(
            driver,
            view,
            ref,
            database=settings.neo4j_database,
            budget=settings.viz_node_budget,
            depth=depth,
            link_base=VIZ_BASE,
            timeout_s=settings.cypher_timeout_s,
        )
    except NotFound as e:
        return HTMLResponse(message_html("Niet gevonden", str(e), link_base=VIZ_BASE), 404)
    except Ambiguous as e:
        return HTMLResponse(message_html("Niet eenduidig", str(e), link_base=VIZ_BASE), 409)
    status = 413 if page.refused else 200
    return HTMLResponse(page.html, status_code=status)


@router.get(
    "/",
    response_class=HTMLResponse,
    summary="Landing page: set the API key, search, list the organisations (no auth)",
)
def landing() -> HTMLResponse:
    return HTMLResponse(landing_html(viz_base=VIZ_BASE))


@router.get(
    "/viz/organisations/{id}",
    response_class=HTMLResponse,
    responses=PAGE_RESPONSES,
    summary="Organigram: organisation → units → posts → holders, planned structures dashed",
)
def viz_organisation(
    _: ReaderDep, driver: DriverDep, settings: SettingsDep, id: IdPath
) -> HTMLResponse:
    return _page(driver, settings, "organisation", id)


@router.get(
    "/viz/entities/{id}",
    response_class=HTMLResponse,
    responses=PAGE_RESPONSES,
    summary="Neighbourhood of any entity, 1 to 3 hops",
)
def viz_entity(
    _: ReaderDep,
    driver: DriverDep,
    settings: SettingsDep,
    id: IdPath,
    depth: Annotated[int, Query(ge=1, le=3, description="hops from the entity")] = 1,
) -> HTMLResponse:
    return _page(driver, settings, "entity", id, depth)


@router.get(
    "/viz/partners/{id}",
    response_class=HTMLResponse,
    responses=PAGE_RESPONSES,
    summary="Partner network: internal posts/units and the bodies and forums they work with",
)
def viz_partners(
    _: ReaderDep, driver: DriverDep, settings: SettingsDep, id: IdPath
) -> HTMLResponse:
    return _page(driver, settings, "partners", id)


@router.get(
    "/viz/chain-of-command/{id}",
    response_class=HTMLResponse,
    responses=PAGE_RESPONSES,
    summary="Chain of command of a post, highlighted in its organisation's hierarchy",
)
def viz_chain(_: ReaderDep, driver: DriverDep, settings: SettingsDep, id: IdPath) -> HTMLResponse:
    return _page(driver, settings, "chain", id)
