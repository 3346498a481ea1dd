"""Run the `graph_*` queries of a visualisation and hand the rows to `viz` (shared by the
`/viz` router and `orggraph viz`). `viz` itself never opens a session."""

from __future__ import annotations

from typing import Any, Literal

from neo4j import Driver

import queries
from graph.errors import NotFound
from queries.resolve import resolve_id
from viz import (
    VizPage,
    chain_page,
    hierarchy_page,
    neighbourhood_page,
    partner_page,
)

View = Literal["organisation", "entity", "partners", "chain"]
KINDS: dict[View, list[str] | None] = {
    "organisation": ["Organisation", "Unit", "PartnerBody"],
    "entity": None,
    "partners": ["Organisation", "Unit"],
    "chain": ["Post", "Unit", "Role"],
}


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
) -> VizPage:
    """Resolve `ref`, run the view's queries and render the page; NotFound for unknown ids."""
    entity_id = resolve_id(driver, ref, database=database, kinds=KINDS[view])

    def run(name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        return queries.run(driver, name, params, database=database, timeout_s=timeout_s)

    if view == "organisation":
        rows = run("graph_org_hierarchy", {"id": entity_id})
        _exists(rows, entity_id)
        return hierarchy_page(rows, budget=budget, link_base=link_base)
    if view == "entity":
        rows = run("graph_neighbourhood", {"id": entity_id, "depth": depth})
        _exists(rows, entity_id)
        return neighbourhood_page(rows, depth=depth, budget=budget, link_base=link_base)
    if view == "partners":
        rows = run("graph_partner_network", {"id": entity_id})
        _exists(rows, entity_id)
        return partner_page(rows, budget=budget, link_base=link_base)
    rows = run("graph_chain_of_command", {"id": entity_id})
    _exists(rows, entity_id)
    org = rows[0].get("org")
    context = run("graph_org_hierarchy", {"id": org}) if org else None
    return chain_page(rows, context, budget=budget, link_base=link_base)


def _exists(rows: list[dict[str, Any]], entity_id: str) -> None:
    if not rows:
        raise NotFound(f"entity {entity_id!r}")
