"""The four views: `graph_*` query rows in, a self-contained HTML page out.

A caller (API router or CLI) runs the query with `queries.run` and hands the rows here; no
function in `viz` opens a database session. Each returns a `VizPage` with the HTML and what it
shows; a view above the node budget is folded (message on the page) or refused (`refused`,
with an explanatory page instead of a frozen browser).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.errors import NothingToShow, ViewTooLarge
from viz.budget import apply_budget
from viz.model import (
    VizGraph,
    assign_given_levels,
    assign_tree_levels,
    graph_from_row,
    merge,
)
from viz.render import message_html, page_html
from viz.style import kind_style

DEFAULT_BUDGET = 500
Rows = Sequence[Mapping[str, Any]]


@dataclass(frozen=True)
class VizPage:
    html: str
    nodes: int
    edges: int
    root: str
    message: str | None = None
    refused: bool = False


def _first(rows: Rows, what: str) -> Mapping[str, Any]:
    if not rows:
        raise NothingToShow(f"no entity {what!r} in the graph")
    return rows[0]


@dataclass(frozen=True)
class _Look:
    """How a view's page is titled and laid out."""

    title: str  # before the name of the entity shown
    view: str  # the page's data-view
    hierarchical: bool  # top-down layout with physics off; else a force layout
    chain_view: bool = False  # highlighted chain, the rest pale


HIERARCHY = _Look("Organigram", "hierarchy", hierarchical=True)
NEIGHBOURHOOD = _Look("Omgeving", "neighbourhood", hierarchical=False)
PARTNERS = _Look("Partnernetwerk", "partners", hierarchical=False)
CHAIN = _Look("Commandolijn", "chain", hierarchical=True, chain_view=True)


def _finish(
    graph: VizGraph,
    look: _Look,
    subtitle: str,
    *,
    budget: int,
    link_base: str | None,
    about: str | None = None,
) -> VizPage:
    """The page of `graph`, titled after `about` (default: the root), within the budget."""
    title = f"{look.title} – {_label(graph, graph.root) if about is None else about}"
    protect = frozenset(n.id for n in graph.nodes.values() if n.highlight)
    try:
        report = apply_budget(graph, budget, protect=protect)
    except ViewTooLarge as e:
        html = message_html(title, e.message, link_base=link_base)
        return VizPage(html, 0, 0, graph.root, e.message, refused=True)
    html = page_html(
        graph,
        title=title,
        subtitle=subtitle,
        view=look.view,
        hierarchical=look.hierarchical,
        message=report.message,
        link_base=link_base,
        chain_view=look.chain_view,
    )
    return VizPage(html, len(graph.nodes), len(graph.edges), graph.root, report.message)


def _label(graph: VizGraph, node_id: str) -> str:
    node = graph.nodes.get(node_id)
    if node is None:
        return node_id
    return f"{node.name} ({kind_style(node.kind).label.lower()})"


def hierarchy_page(
    rows: Rows, *, budget: int = DEFAULT_BUDGET, link_base: str | None = None
) -> VizPage:
    """Organigram: organisation → units → posts → holders, top-down, physics off; planned
    structures pale and dashed; collapsible by depth."""
    graph = graph_from_row(_first(rows, "organisation"))
    assign_tree_levels(graph)
    subtitle = "hiërarchie van boven naar onder; gepland = stippellijn"
    return _finish(graph, HIERARCHY, subtitle, budget=budget, link_base=link_base)


def neighbourhood_page(
    rows: Rows, *, depth: int, budget: int = DEFAULT_BUDGET, link_base: str | None = None
) -> VizPage:
    """Everything within `depth` hops of an entity; force layout, frozen once stable."""
    graph = graph_from_row(_first(rows, "entity"))
    assign_given_levels(graph, "depth")
    subtitle = f"alle relaties tot {depth} stap{'pen' if depth != 1 else ''} ver"
    return _finish(graph, NEIGHBOURHOOD, subtitle, budget=budget, link_base=link_base)


def partner_page(
    rows: Rows, *, budget: int = DEFAULT_BUDGET, link_base: str | None = None
) -> VizPage:
    """The organisation's units/posts/roles and the partner bodies and forums they represent
    it at or take part in; force layout, frozen once stable."""
    graph = graph_from_row(_first(rows, "organisation"))
    assign_tree_levels(graph)
    subtitle = (
        "eigen eenheden, functies en rollen en de organen en overlegfora waar ze aan deelnemen"
    )
    return _finish(graph, PARTNERS, subtitle, budget=budget, link_base=link_base)


def chain_page(
    chain_rows: Rows,
    hierarchy_rows: Rows | None = None,
    *,
    budget: int = DEFAULT_BUDGET,
    link_base: str | None = None,
) -> VizPage:
    """The chain of command of a post (graph_chain_of_command), highlighted within the
    hierarchy of its organisation (graph_org_hierarchy of the row's `org`, when given)."""
    chain_row = _first(chain_rows, "post")
    chain = graph_from_row(chain_row)
    post = chain.root
    for n in chain.nodes.values():
        n.highlight = True
    for e in chain.edges:
        e.highlight = True
    if hierarchy_rows:
        context = graph_from_row(hierarchy_rows[0])
        graph = merge(context, chain)
        for nid in chain.nodes:
            graph.nodes[nid].highlight = True
        chain_ids = {e.id for e in chain.edges}
        for e in graph.edges:
            e.highlight = e.id in chain_ids
    else:
        graph = chain
    assign_tree_levels(graph)
    context_name = _label(graph, graph.root) if graph.root != post else "geen organisatie gevonden"
    subtitle = f"gemarkeerd in het organigram van {context_name}"
    return _finish(
        graph, CHAIN, subtitle, budget=budget, link_base=link_base, about=_label(chain, post)
    )
