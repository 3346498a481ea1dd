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

from viz.budget import ViewTooLarge, apply_budget
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


class NothingToShow(LookupError):
    """The query returned no row: the id is unknown."""


def _first(rows: Rows, what: str) -> Mapping[str, Any]:
    if not rows:
        raise NothingToShow(f"no entity {what!r} in the graph")
    return rows[0]


def _finish(
    graph: VizGraph,
    *,
    title: str,
    subtitle: str,
    view: str,
    hierarchical: bool,
    budget: int,
    link_base: str | None,
    chain_view: bool = False,
) -> VizPage:
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
        view=view,
        hierarchical=hierarchical,
        message=report.message,
        link_base=link_base,
        chain_view=chain_view,
    )
    return VizPage(html, len(graph.nodes), len(graph.edges), graph.root, report.message)


def _root_label(graph: VizGraph) -> str:
    root = graph.nodes.get(graph.root)
    if root is None:
        return graph.root
    return f"{root.name} ({kind_style(root.kind).label.lower()})"


def hierarchy_page(
    rows: Rows, *, budget: int = DEFAULT_BUDGET, link_base: str | None = None
) -> VizPage:
    """Organigram: organisation → units → posts → holders, top-down, physics off; planned
    structures pale and dashed; collapsible by depth."""
    graph = graph_from_row(_first(rows, "organisation"))
    assign_tree_levels(graph)
    return _finish(
        graph,
        title=f"Organigram – {_root_label(graph)}",
        subtitle="hiërarchie van boven naar onder; gepland = stippellijn",
        view="hierarchy",
        hierarchical=True,
        budget=budget,
        link_base=link_base,
    )


def neighbourhood_page(
    rows: Rows, *, depth: int, budget: int = DEFAULT_BUDGET, link_base: str | None = None
) -> VizPage:
    """Everything within `depth` hops of an entity; force layout, frozen once stable."""
    graph = graph_from_row(_first(rows, "entity"))
    assign_given_levels(graph, "depth")
    return _finish(
        graph,
        title=f"Omgeving – {_root_label(graph)}",
        subtitle=f"alle relaties tot {depth} stap{'pen' if depth != 1 else ''} ver",
        view="neighbourhood",
        hierarchical=False,
        budget=budget,
        link_base=link_base,
    )


def partner_page(
    rows: Rows, *, budget: int = DEFAULT_BUDGET, link_base: str | None = None
) -> VizPage:
    """The organisation's units/posts/roles and the partner bodies and forums they represent
    it at or take part in; force layout, frozen once stable."""
    graph = graph_from_row(_first(rows, "organisation"))
    assign_tree_levels(graph)
    return _finish(
        graph,
        title=f"Partnernetwerk – {_root_label(graph)}",
        subtitle="eigen eenheden, functies en rollen en de organen en overlegfora waar ze aan "
        "deelnemen",
        view="partners",
        hierarchical=False,
        budget=budget,
        link_base=link_base,
    )


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
    post_node = chain.nodes.get(post)
    name = f"{post_node.name} ({kind_style(post_node.kind).label.lower()})" if post_node else post
    context_name = _root_label(graph) if graph.root != post else "geen organisatie gevonden"
    return _finish(
        graph,
        title=f"Commandolijn – {name}",
        subtitle=f"gemarkeerd in het organigram van {context_name}",
        view="chain",
        hierarchical=True,
        budget=budget,
        link_base=link_base,
        chain_view=True,
    )


def not_found_page(what: str, ref: str, *, link_base: str | None = None) -> str:
    return message_html(
        "Niet gevonden", f"Geen {what} met id {ref!r} in de graaf.", link_base=link_base
    )
