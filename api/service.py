"""What the routers share: resolving names to entities and running library queries.

No Cypher here: resolution and queries live in `queries/`; this module only binds request
values to query parameters, records the audit facts and makes rows JSON-ready.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from neo4j import Driver
from starlette.concurrency import run_in_threadpool

import queries
from api.audit import note
from api.models import EntityRef, PagedRows, Rows
from graph.settings import Settings
from queries.adhoc import to_jsonable
from queries.paging import page_of
from queries.resolve import (
    ORG_PARAM,
    Candidate,
    is_scope_param,
    ref_params,
    resolve_entity,
    resolve_org,
    run_by_ids,
    suggestion,
)
from queries.resolve import resolve_params as resolve_library_params


def resolve(
    driver: Driver,
    settings: Settings,
    ref: str,
    *,
    kinds: Sequence[str] | None = None,
    org: str | None = None,
) -> EntityRef:
    """An id, name or abbreviation → one entity (within Organisation id `org`); NotFound
    (404, with suggestions) or Ambiguous (409, with candidates) otherwise."""
    found = resolve_entity(
        driver,
        ref,
        database=settings.neo4j_database,
        kinds=list(kinds) if kinds is not None else None,
        org=org,
    )
    return _ref(found)


def _ref(found: Candidate) -> EntityRef:
    return EntityRef.model_validate(found)


def resolve_params(
    driver: Driver,
    settings: Settings,
    name: str,
    params: dict[str, Any],
    *,
    org: str | None = None,
) -> tuple[dict[str, Any], dict[str, EntityRef]]:
    """The query's entity parameters resolved to ids (within `org`), as `orggraph query`
    resolves them."""
    out, resolved = resolve_library_params(
        driver, name, params, database=settings.neo4j_database, org=org
    )
    return out, {k: _ref(v) for k, v in resolved.items()}


def run_library(
    request: Request,
    driver: Driver,
    settings: Settings,
    name: str,
    params: dict[str, Any],
    *,
    resolved: dict[str, EntityRef] | None = None,
) -> Rows:
    """Run a read query of the library; parameters left at None are not sent, so the query's
    own defaults apply. Bad parameters raise QueryError (422)."""
    note(request, query=name)
    sent = {k: v for k, v in params.items() if v is not None}
    rows = queries.run(
        driver,
        name,
        sent,
        database=settings.neo4j_database,
        timeout_s=settings.cypher_timeout_s,
    )
    return _rows(request, name, sent, rows, resolved or {})


def _rows(
    request: Request,
    name: str,
    sent: dict[str, Any],
    rows: list[dict[str, Any]],
    resolved: dict[str, EntityRef],
) -> Rows:
    note(request, rows=len(rows))
    return Rows(
        query=name,
        params=to_jsonable(sent),
        resolved=resolved,
        count=len(rows),
        rows=[to_jsonable(r) for r in rows],
    )


@dataclass(frozen=True)
class Asked:
    """The free text a lookup was asked with, to explain an empty answer: `nothing` says what
    finding no rows means, with `{text}` for the text (quoted), `{resolved}` for what a name
    resolved to; `elsewhere` where else to look."""

    text: str
    nothing: str
    elsewhere: str = ""


SUGGESTIONS = 5


def explain_empty(
    driver: Driver, settings: Settings, asked: Asked, resolved: Mapping[str, EntityRef]
) -> tuple[str, list[str]]:
    """(hint, suggestions) for an answer without rows: the closest names the full-text search
    knows for the text (in Dutch or English, thanks to the vocabulary's aliases), except the
    entities the request already resolved to."""
    known = {r.id for r in resolved.values()}
    hits = queries.run(
        driver,
        "search",
        {"q": asked.text, "limit": SUGGESTIONS + len(known)},
        database=settings.neo4j_database,
        timeout_s=settings.cypher_timeout_s,
    )
    suggestions = [suggestion(h) for h in hits if h["id"] not in known][:SUGGESTIONS]
    what = ", ".join(f"{r.name} ({r.kind} {r.id})" for r in resolved.values())
    hint = asked.nothing.format(text=repr(asked.text), resolved=what or "-")
    if suggestions:
        hint += " Close names are in `suggestions`."
    if asked.elsewhere:
        hint += " " + asked.elsewhere
    return hint, suggestions


# A reference the request gives, by the label it has in `Rows.resolved`: (query parameter that
# takes the resolved id, what the caller typed: id, name or abbreviation; None when not given).
Refs = Mapping[str, tuple[str, str | None]]


def _answer(
    request: Request,
    driver: Driver,
    settings: Settings,
    name: str,
    params: dict[str, Any],
    refs: Refs,
    asked: Asked | None = None,
    org: str | None = None,
) -> Rows:
    rows = _rows_for(request, driver, settings, name, params, refs, org)
    if asked is not None and not rows.rows:
        rows.hint, rows.suggestions = explain_empty(driver, settings, asked, rows.resolved)
    return rows


def _rows_for(
    request: Request,
    driver: Driver,
    settings: Settings,
    name: str,
    params: dict[str, Any],
    refs: Refs,
    org: str | None = None,
) -> Rows:
    """The rows of query `name`: its references (`refs`) resolved with the kinds its header
    declares, within the scope `org` (resolved first, as an Organisation; a scopable query,
    one declaring `org: ref[Organisation]?`, gets its id as `org`). A request that names no
    scope but gives the query's own `org` (who_represents: on behalf of) is scoped by it when
    it is an Organisation."""
    kinds = ref_params(name)
    scopable = is_scope_param(name)
    given = {label: (param, ref) for label, (param, ref) in refs.items() if ref}
    if org:
        given = {ORG_PARAM: (ORG_PARAM, org), **given}
        if scopable:
            params = {**params, ORG_PARAM: org}
    if given:
        ids = dict(given.values())
        sent = {k: ids.get(k, v) for k, v in params.items() if ids.get(k, v) is not None}
        allowed = {label: kinds.get(param) for label, (param, _) in given.items()}
        if org:
            allowed[ORG_PARAM] = ["Organisation"]
        done = run_by_ids(
            driver,
            name,
            sent,
            {k: ref for k, (_, ref) in given.items()},
            database=settings.neo4j_database,
            timeout_s=settings.cypher_timeout_s,
            kinds=allowed,
        )
        if done is not None:
            note(request, query=name)
            found, rows = done
            return _rows(request, name, sent, rows, {k: _ref(v) for k, v in found.items()})
    resolved: dict[str, EntityRef] = {}
    params = dict(params)
    scope: str | None = None
    if org:
        resolved[ORG_PARAM] = _ref(resolve_org(driver, org, database=settings.neo4j_database))
        scope = resolved[ORG_PARAM].id
        if scopable:
            params[ORG_PARAM] = scope
    for label, (param, ref) in sorted(given.items(), key=lambda item: item[1][0] != ORG_PARAM):
        if label in resolved:
            continue
        resolved[label] = resolve(driver, settings, ref, kinds=kinds.get(param), org=scope)
        params[param] = resolved[label].id
        if param == ORG_PARAM and scope is None and resolved[label].kind == "Organisation":
            scope = resolved[label].id
    return run_library(request, driver, settings, name, params, resolved=resolved)


def _page(
    request: Request,
    driver: Driver,
    settings: Settings,
    name: str,
    params: dict[str, Any],
    refs: Refs,
    asked: Asked | None = None,
    org: str | None = None,
) -> PagedRows:
    """`_answer` for a paged query (queries.paging): the page's rows without the `total`
    column, which becomes the answer's `total`. Only an answer with no rows at all (not a page
    past its end) is explained."""
    rows = _rows_for(request, driver, settings, name, params, refs, org)
    page = page_of(
        driver,
        name,
        rows.params,
        rows.rows,
        database=settings.neo4j_database,
        timeout_s=settings.cypher_timeout_s,
    )
    out = PagedRows(
        query=rows.query,
        params=rows.params,
        resolved=rows.resolved,
        count=len(page.rows),
        rows=page.rows,
        total=page.total,
        limit=page.limit,
        offset=page.offset,
    )
    if asked is not None and page.total == 0:
        out.hint, out.suggestions = explain_empty(driver, settings, asked, out.resolved)
    return out


async def answer_page(
    request: Request,
    driver: Driver,
    settings: Settings,
    name: str,
    params: dict[str, Any],
    refs: Refs | None = None,
    asked: Asked | None = None,
    org: str | None = None,
) -> PagedRows:
    """`answer` for a paged query: one page (`limit` and `offset` in `params`) and the
    total, in one threadpool call."""
    return await run_in_threadpool(
        _page, request, driver, settings, name, params, refs or {}, asked, org
    )


async def answer(
    request: Request,
    driver: Driver,
    settings: Settings,
    name: str,
    params: dict[str, Any],
    refs: Refs | None = None,
    asked: Asked | None = None,
    org: str | None = None,
) -> Rows:
    """Resolve the scope (`org`) and the references (`refs`) within it, then run library
    query `name`, in ONE threadpool
    call. The driver blocks, so this work needs a thread; but a sync endpoint costs FastAPI two
    hops (the endpoint, then the response validation), each costing about as much CPU as the
    rest of the request, so the endpoints are `async def` and call this. With `asked`, an
    answer without rows says why and suggests close names."""
    return await run_in_threadpool(
        _answer, request, driver, settings, name, params, refs or {}, asked, org
    )
