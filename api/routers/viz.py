"""Interactive visualisations as HTML pages: `/` (landing: key, search, organisations) and
`/viz/...` (organigram, neighbourhood, partner network, chain of command).

Same keys as the API (reader role; X-API-Key header or the `orggraph_key` cookie). The cookie
is set by the server (`POST /session`), HttpOnly and SameSite=Strict, so no script can read it.
Problems a browser user can fix come back as HTML pages with the HTTP status of the API (404
unknown, 409 ambiguous, 413 view too large for the node budget, 503 Neo4j unavailable).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Header, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired, TransientError

from api.auth import COOKIE_NAME, HEADER_NAME, Keyring, ReaderDep, check_key
from api.deps import DriverDep, SettingsDep
from api.params import MAX_REF, Hops, PageRef, ScopeOrg
from api.viz_views import VIEW_PATHS, View, build_path, build_view
from graph.errors import Ambiguous, Neo4jUnavailable, NotFound, NothingToShow
from viz import landing_html, message_html, words
from viz.render import PageLink, candidate_link

router = APIRouter(tags=["visualisation"])
VIZ_BASE = "/viz"
HTML: dict[str, Any] = {"content": {"text/html": {}}, "description": "a self-contained HTML page"}
PAGE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: HTML,
    401: {
        "content": {"text/html": {}},
        "description": "missing or unknown API key (HTML page: how to give one)",
    },
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
UNAVAILABLE_PAGE_EN = (
    "Neo4j cannot be reached right now. Try again in a few moments; if it stays so, check "
    "`orggraph db status` and `orggraph db logs`."
)
# A key that fits a cookie value unquoted (the landing page refuses others before asking).
COOKIE_SAFE = re.compile(r"[A-Za-z0-9._~+/=-]+")
_NO_STORE = {"Cache-Control": "no-store"}


Lang = Literal["nl", "en"]
LangQuery = Annotated[
    Lang, Query(description="language of the page: nl (default) or en; one language per page")
]
AsOfQuery = Annotated[
    dt.date | None,
    Query(description="the date the cards show holders for (ISO YYYY-MM-DD; default today)"),
]
LevelsQuery = Annotated[
    int | None,
    Query(ge=1, le=12, description="levels opened first (default: as deep as stays readable)"),
]
ERROR_TITLES = {"404": "not_found", "409": "ambiguous", "503": "unavailable"}


def _links(candidates: list[dict[str, Any]], page: str, lang: Lang) -> list[PageLink]:
    suffix = "?lang=en" if lang == "en" else ""
    return [
        candidate_link(c, f"{VIZ_BASE}/{page}/{quote(str(c.get('id', '')), safe='')}{suffix}", lang)
        for c in candidates
        if c.get("id")
    ]


def _error_page(e: Exception, lang: Lang, page: str) -> HTMLResponse | None:
    """404/409/503 as pages in the page's language, candidates and suggestions as links."""
    if isinstance(e, NotFound | NothingToShow):
        cands = getattr(e, "candidates", []) or []
        html = message_html(
            words.ui("not_found", lang),
            str(e),
            link_base=VIZ_BASE,
            lang=lang,
            links=_links(cands, page, lang),
            links_heading=words.ui("did_you_mean", lang),
        )
        return HTMLResponse(html, 404)
    if isinstance(e, Ambiguous):
        html = message_html(
            words.ui("ambiguous", lang),
            str(e),
            link_base=VIZ_BASE,
            lang=lang,
            links=_links(e.candidates, page, lang),
            links_heading=words.ui("which_one", lang),
        )
        return HTMLResponse(html, 409)
    if isinstance(
        e, Neo4jUnavailable | ServiceUnavailable | SessionExpired | AuthError | TransientError
    ):
        text = UNAVAILABLE_PAGE if lang == "nl" else UNAVAILABLE_PAGE_EN
        html = message_html(words.ui("unavailable", lang), text, link_base=VIZ_BASE, lang=lang)
        return HTMLResponse(html, 503, headers={"Retry-After": "5"})
    return None


def _page(
    driver: DriverDep,
    settings: SettingsDep,
    view: View,
    ref: str,
    depth: int = 1,
    *,
    lang: Lang = "nl",
    as_of: dt.date | None = None,
    levels: int | None = None,
    org: str | None = None,
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
            lang=lang,
            as_of=as_of,
            levels=levels,
            org=org,
        )
    except (NotFound, Ambiguous, NothingToShow, Neo4jUnavailable, ServiceUnavailable,
            SessionExpired, AuthError, TransientError) as e:  # fmt: skip
        response = _error_page(e, lang, VIEW_PATHS[view])
        assert response is not None
        return response
    status = 413 if page.refused else 200
    return HTMLResponse(page.html, status_code=status)


@router.get(
    "/",
    response_class=HTMLResponse,
    summary="Landing page: set the API key, search, list the organisations (no auth)",
)
def landing(request: Request, lang: LangQuery = "nl") -> HTMLResponse:
    # The page cannot read its HttpOnly cookie, so it is told here whether it holds a good key.
    keyring: Keyring = request.app.state.keyring
    key = request.cookies.get(COOKIE_NAME)
    key_set = bool(key) and keyring.role_for(key or "") is not None
    page = landing_html(viz_base=VIZ_BASE, key_set=key_set, lang=lang)
    return HTMLResponse(page, headers=_NO_STORE)


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
    """The endpoint of a page that takes the entity, the language and the scope."""

    def endpoint(
        _: ReaderDep,
        driver: DriverDep,
        settings: SettingsDep,
        id: PageRef,
        lang: LangQuery = "nl",
        org: ScopeOrg = None,
    ) -> HTMLResponse:
        return _page(driver, settings, view, id, lang=lang, org=org)

    return endpoint


def viz_organisation(
    _: ReaderDep,
    driver: DriverDep,
    settings: SettingsDep,
    id: PageRef,
    lang: LangQuery = "nl",
    as_of: AsOfQuery = None,
    levels: LevelsQuery = None,
    org: ScopeOrg = None,
) -> HTMLResponse:
    return _page(
        driver, settings, "organisation", id, lang=lang, as_of=as_of, levels=levels, org=org
    )


def viz_chain(
    _: ReaderDep,
    driver: DriverDep,
    settings: SettingsDep,
    id: PageRef,
    lang: LangQuery = "nl",
    as_of: AsOfQuery = None,
    org: ScopeOrg = None,
) -> HTMLResponse:
    return _page(driver, settings, "chain", id, lang=lang, as_of=as_of, org=org)


def viz_entity(
    _: ReaderDep,
    driver: DriverDep,
    settings: SettingsDep,
    id: PageRef,
    depth: Hops = 1,
    lang: LangQuery = "nl",
    org: ScopeOrg = None,
) -> HTMLResponse:
    return _page(driver, settings, "entity", id, depth, lang=lang, org=org)


PathRef = Annotated[
    str,
    Query(min_length=1, max_length=MAX_REF, description="entity id, name or abbreviation"),
]


@router.get(
    "/viz/path",
    response_class=HTMLResponse,
    responses=PAGE_RESPONSES,
    name="viz_path",
    summary="How two entities are connected: the shortest path, one step per rung in words",
)
def viz_path(
    _: ReaderDep,
    driver: DriverDep,
    settings: SettingsDep,
    start: Annotated[str, Query(alias="from", min_length=1, max_length=MAX_REF)],
    end: Annotated[str, Query(alias="to", min_length=1, max_length=MAX_REF)],
    lang: LangQuery = "nl",
    as_of: AsOfQuery = None,
    org: ScopeOrg = None,
) -> HTMLResponse:
    try:
        page = build_path(
            driver,
            start,
            end,
            database=settings.neo4j_database,
            link_base=VIZ_BASE,
            timeout_s=settings.cypher_timeout_s,
            lang=lang,
            as_of=as_of,
            org=org,
        )
    except (NotFound, Ambiguous, NothingToShow, Neo4jUnavailable, ServiceUnavailable,
            SessionExpired, AuthError, TransientError) as e:  # fmt: skip
        response = _error_page(e, lang, "entities")
        assert response is not None
        return response
    return HTMLResponse(page.html)


# (path, operation name, endpoint, summary), in the order of the docs
PAGES: tuple[tuple[str, str, Callable[..., HTMLResponse], str], ...] = (
    (
        "/viz/organisations/{id}",
        "viz_organisation",
        viz_organisation,
        "Org chart: head posts above their units, holders on the cards, planned dashed",
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
        viz_chain,
        "Chain of command of a post as a ladder, its organisation's chart faded beside it",
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
