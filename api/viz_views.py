"""Run the `graph_*` queries of a visualisation and hand the rows to `viz` (shared by the
`/viz` router and `orggraph viz`). `viz` itself never opens a session. Every name goes
through the one resolver (queries.resolve.resolve_entity), inside `org` when given."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from neo4j import Driver

import queries
from graph.errors import NotFound
from queries.resolve import resolve_entity, resolve_org
from viz import (
    VizPage,
    chain_page,
    hierarchy_page,
    neighbourhood_page,
    partner_page,
    path_page,
)
from viz.words import Lang

View = Literal["organisation", "entity", "partners", "chain"]
KINDS: dict[View, list[str] | None] = {
    "organisation": ["Organisation", "Unit", "PartnerBody"],
    "entity": None,
    "partners": ["Organisation", "Unit"],
    "chain": ["Post", "Unit", "Role"],
}
# The page of each view under /viz, for links to candidates and suggestions.
VIEW_PATHS: dict[View, str] = {
    "organisation": "organisations",
    "entity": "entities",
    "partners": "partners",
    "chain": "chain-of-command",
}


def _scope(driver: Driver, org: str | None, database: str) -> str | None:
    return resolve_org(driver, org, database=database)["id"] if org else None


def build_view(
    driver: Driver,
    view: View,
    ref: str,
    *,
    database: str,
    budget: int,
    depth: int = 1,
    link_base: str | None = None,
    timeout_s: float | None = None,
    lang: Lang = "nl",
    as_of: dt.date | None = None,
    levels: int | None = None,
    org: str | None = None,
) -> VizPage:
    """Resolve `ref` (inside `org`), run the view's queries and render the page in `lang`;
    NotFound/Ambiguous from the resolver carry candidates with organisation and path.
    `depth` is the neighbourhood's hops; `levels` how deep the org chart opens (default:
    as deep as stays readable); `as_of` the date the cards' holders are shown for."""
    scope = _scope(driver, org, database)
    entity_id = resolve_entity(driver, ref, database=database, kinds=KINDS[view], org=scope)["id"]

    def run(name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        return queries.run(driver, name, params, database=database, timeout_s=timeout_s)

    if view == "organisation":
        rows = run("graph_org_hierarchy", {"id": entity_id})
        _exists(rows, entity_id)
        return hierarchy_page(
            rows, budget=budget, link_base=link_base, lang=lang, as_of=as_of, depth=levels
        )
    if view == "entity":
        rows = run("graph_neighbourhood", {"id": entity_id, "depth": depth})
        _exists(rows, entity_id)
        return neighbourhood_page(rows, depth=depth, budget=budget, link_base=link_base, lang=lang)
    if view == "partners":
        rows = run("graph_partner_network", {"id": entity_id})
        _exists(rows, entity_id)
        return partner_page(rows, budget=budget, link_base=link_base, lang=lang)
    rows = run("graph_chain_of_command", {"id": entity_id})
    _exists(rows, entity_id)
    context_org = rows[0].get("org")
    context = run("graph_org_hierarchy", {"id": context_org}) if context_org else None
    return chain_page(rows, context, budget=budget, link_base=link_base, lang=lang, as_of=as_of)


def build_path(
    driver: Driver,
    start: str,
    end: str,
    *,
    database: str,
    link_base: str | None = None,
    timeout_s: float | None = None,
    lang: Lang = "nl",
    as_of: dt.date | None = None,
    include_planned: bool = False,
    org: str | None = None,
) -> VizPage:
    """How `start` and `end` are connected (path_between), drawn step by step."""
    scope = _scope(driver, org, database)
    a = resolve_entity(driver, start, database=database, org=scope)
    b = resolve_entity(driver, end, database=database, org=scope)
    params = {
        "from_id": a["id"],
        "to_id": b["id"],
        "as_of": as_of,
        "include_planned": include_planned,
    }
    rows = queries.run(driver, "path_between", params, database=database, timeout_s=timeout_s)
    return path_page(rows, a, b, link_base=link_base, lang=lang)


def _exists(rows: list[dict[str, Any]], entity_id: str) -> None:
    if not rows:
        raise NotFound(f"entity {entity_id!r}")
