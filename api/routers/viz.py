"""Interactive visualisations as HTML pages: `/` (landing: key, search, organisations) and
`/viz/...` (organigram, neighbourhood, partner network, chain of command).

Same keys as the API (reader role; X-API-Key header or the `orggraph_key` cookie). The cookie
is set by the server (`POST /session`), HttpOnly and SameSite=Strict, so no script can read it.
Problems a browser user can fix come back as HTML pages with the HTTP status of the API (404
unknown, 409 ambiguous, 413 view too large for the node budget, 503 Neo4j unavailable).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Request, Response
from fastapi.responses import HTMLResponse
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired, TransientError

from api.auth import COOKIE_NAME, HEADER_NAME, Keyring, ReaderDep, check_key
from api.deps import DriverDep, SettingsDep
from api.params import Hops, PageRef
from api.viz_views import View, build_view
from graph.errors import Ambiguous, Neo4jUnavailable, NotFound
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
    503: {"content": {"text/html": {}}, "description": "Neo4j is unavailable (HTML page)"},
}
UNAVAILABLE_PAGE = (
    "Neo4j is op dit moment niet bereikbaar. Probeer het over enkele ogenblikken opnieuw; "
    "blijft het zo, kijk dan `orggraph db status` en `orggraph db logs` na."
)
# A key that fits a cookie value unquoted (the landing page refuses others before asking).
COOKIE_SAFE = re.compile(r"[A-Za-z0-9._~+/=-]+")
_NO_STORE = {"Cache-Control": "no-store"}


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
    except (Neo4jUnavailable, ServiceUnavailable, SessionExpired, AuthError, TransientError):
        page_html = message_html("Niet beschikbaar", UNAVAILABLE_PAGE, link_base=VIZ_BASE)
        return HTMLResponse(page_html, 503, headers={"Retry-After": "5"})
    status = 413 if page.refused else 200
    return HTMLResponse(page.html, status_code=status)


@router.get(
    "/",
    response_class=HTMLResponse,
    summary="Landing page: set the API key, search, list the organisations (no auth)",
)
def landing(request: Request) -> HTMLResponse:
    # The page cannot read its HttpOnly cookie, so it is told here whether it holds a good key.
    keyring: Keyring = request.app.state.keyring
    key = request.cookies.get(COOKIE_NAME)
    key_set = bool(key) and keyring.role_for(key or "") is not None
    return HTMLResponse(landing_html(viz_base=VIZ_BASE, key_set=key_set), headers=_NO_STORE)


@router.post(
    "/session",
    status_code=204,
    responses={401: {"description": "missing or unknown API key; no cookie is set"}},
    summary="Keep a key for the pages: checks X-API-Key and sets the orggraph_key cookie",
)
def open_session(
    request: Request,
    x_api_key: Annotated[str | None, Header(alias=HEADER_NAME, max_length=1000)] = None,
) -> Response:
    """The key comes only in the header: a cross-site form cannot send one (a custom header
    needs a CORS preflight, which this API never grants), so no other site can plant its key
    in a user's browser. The cookie is HttpOnly (no script can read it), SameSite=Strict (never
    sent from another site) and Path=/."""
    check_key(request.app.state.keyring, x_api_key)  # a missing or unknown key: 401
    key = x_api_key or ""
    if not COOKIE_SAFE.fullmatch(key):
        raise HTTPException(422, "this key has characters a cookie cannot hold; use the header")
    response = Response(status_code=204, headers=_NO_STORE)
    response.set_cookie(COOKIE_NAME, key, path="/", httponly=True, samesite="strict", secure=False)
    return response


@router.delete(
    "/session",
    status_code=204,
    summary="Forget the key of the pages: clears the orggraph_key cookie (no auth)",
)
def close_session() -> Response:
    response = Response(status_code=204, headers=_NO_STORE)
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="strict")
    return response


def _view(view: View) -> Callable[..., HTMLResponse]:
    """The endpoint of a page that takes only the entity."""

    def endpoint(
        _: ReaderDep, driver: DriverDep, settings: SettingsDep, id: PageRef
    ) -> HTMLResponse:
        return _page(driver, settings, view, id)

    return endpoint


def viz_entity(
    _: ReaderDep, driver: DriverDep, settings: SettingsDep, id: PageRef, depth: Hops = 1
) -> HTMLResponse:
    return _page(driver, settings, "entity", id, depth)


# (path, operation name, endpoint, summary), in the order of the docs
PAGES: tuple[tuple[str, str, Callable[..., HTMLResponse], str], ...] = (
    (
        "/viz/organisations/{id}",
        "viz_organisation",
        _view("organisation"),
        "Organigram: organisation → units → posts → holders, planned structures dashed",
    ),
    (
        "/viz/entities/{id}",
        "viz_entity",
        viz_entity,
        "Neighbourhood of any entity, 1 to 3 hops",
    ),
    (
        "/viz/partners/{id}",
        "viz_partners",
        _view("partners"),
        "Partner network: internal posts/units and the bodies and forums they work with",
    ),
    (
        "/viz/chain-of-command/{id}",
        "viz_chain",
        _view("chain"),
        "Chain of command of a post, highlighted in its organisation's hierarchy",
    ),
)
for path, name, endpoint, summary in PAGES:
    router.add_api_route(
        path,
        endpoint,
        methods=["GET"],
        name=name,
        response_class=HTMLResponse,
        responses=PAGE_RESPONSES,
        summary=summary,
    )
