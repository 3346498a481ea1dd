"""The four views: `graph_*` query rows in, a self-contained HTML page out.

A caller (API router or CLI) runs the query with `queries.run` and hands the rows here; no
function in `viz` opens a database session. Each returns a `VizPage` with the HTML and what it
shows; a view above the node budget is folded (message on the page) or refused (`refused`,
with an explanatory page instead of a frozen browser).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.errors import NothingToShow, ViewTooLarge
from viz import words
from viz.budget import apply_budget
from viz.layout import TEXT_WIDTH, ChartTree, card_size, chart_tree, wrap
from viz.model import (
    VizEdge,
    VizGraph,
    VizNode,
    assign_given_levels,
    assign_tree_levels,
    graph_from_row,
)
from viz.orgchart import Chart, build_chart, fold_holders
from viz.render import message_html, page_html
from viz.words import Lang

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

    title: str  # words.UI key of the title, before the name of the entity shown
    view: str  # the page's data-view
    hierarchical: bool  # top-down layout with physics off; else a force layout
    chain_view: bool = False  # highlighted chain, the rest pale


HIERARCHY = _Look("hierarchy", "hierarchy", hierarchical=True)
NEIGHBOURHOOD = _Look("neighbourhood", "neighbourhood", hierarchical=False)
PARTNERS = _Look("partners", "partners", hierarchical=False)
CHAIN = _Look("chain", "chain", hierarchical=True, chain_view=True)
PATH = _Look("path", "path", hierarchical=True, chain_view=True)


def _finish(
    graph: VizGraph,
    look: _Look,
    subtitle: str,
    *,
    budget: int,
    link_base: str | None,
    about: str | None = None,
    lang: Lang = "nl",
    chart_of: Callable[[VizGraph], Chart] | None = None,
    as_of: str | None = None,
) -> VizPage:
    """The page of `graph`, titled after `about` (default: the root), within the budget; an
    org chart when `chart_of` makes one (after the budget has folded what it must)."""
    name = _label(graph, graph.root, lang) if about is None else about
    title = f"{words.ui(look.title, lang)} – {name}"
    protect = frozenset(n.id for n in graph.nodes.values() if n.highlight)
    try:
        report = apply_budget(graph, budget, protect=protect)
    except ViewTooLarge as e:
        html = message_html(title, e.message, link_base=link_base, lang=lang)
        return VizPage(html, 0, 0, graph.root, e.message, refused=True)
    chart = chart_of(graph) if chart_of else None
    html = page_html(
        graph,
        title=title,
        subtitle=subtitle,
        view=look.view,
        hierarchical=look.hierarchical,
        message=report.text(lang),
        link_base=link_base,
        chain_view=look.chain_view,
        lang=lang,
        chart=chart,
        as_of=as_of,
    )
    return VizPage(html, len(graph.nodes), len(graph.edges), graph.root, report.message)


def _label(graph: VizGraph, node_id: str, lang: Lang = "nl") -> str:
    node = graph.nodes.get(node_id)
    if node is None:
        return node_id
    return f"{node.name} ({words.kind(node.kind, lang).lower()})"


def _chart_levels(graph: VizGraph) -> None:
    """The chart's depth as the levels the budget folds by (a head at its unit's level)."""
    tree = chart_tree(graph)
    parent = {c: p for p, cs in tree.children.items() for c in cs}
    parent.update({h: u for u, h in tree.head.items()})
    for nid, n in graph.nodes.items():
        n.level = tree.depth.get(nid, 1)
        n.parent = parent.get(nid)


def hierarchy_page(
    rows: Rows,
    *,
    budget: int = DEFAULT_BUDGET,
    link_base: str | None = None,
    lang: Lang = "nl",
    as_of: dt.date | None = None,
    depth: int | None = None,
) -> VizPage:
    """Org chart: the head post above its unit, the unit's parts below it, wide levels wrapped
    into rows (viz/layout.py), physics off; persons on the cards of the posts they hold as of
    `as_of` (today); opened to the deepest level that stays readable unless `depth` says."""
    graph = graph_from_row(_first(rows, "organisation"))
    day = as_of or dt.date.today()
    holders = fold_holders(graph)
    _chart_levels(graph)

    def chart_of(g: VizGraph) -> Chart:
        return build_chart(g, holders, as_of=day, lang=lang, depth=depth)

    return _finish(
        graph,
        HIERARCHY,
        words.ui("hierarchy_sub", lang),
        budget=budget,
        link_base=link_base,
        lang=lang,
        chart_of=chart_of,
        as_of=day.isoformat(),
    )


def neighbourhood_page(
    rows: Rows,
    *,
    depth: int,
    budget: int = DEFAULT_BUDGET,
    link_base: str | None = None,
    lang: Lang = "nl",
) -> VizPage:
    """Everything within `depth` hops of an entity; force layout, frozen once stable."""
    graph = graph_from_row(_first(rows, "entity"))
    assign_given_levels(graph, "depth")
    if lang == "nl":
        subtitle = f"alle relaties tot {depth} stap{'pen' if depth != 1 else ''} ver"
    else:
        subtitle = f"every relation up to {depth} step{'s' if depth != 1 else ''} away"
    return _finish(graph, NEIGHBOURHOOD, subtitle, budget=budget, link_base=link_base, lang=lang)


def partner_page(
    rows: Rows, *, budget: int = DEFAULT_BUDGET, link_base: str | None = None, lang: Lang = "nl"
) -> VizPage:
    """The organisation's units/posts/roles and the partner bodies and forums they represent
    it at or take part in; force layout, frozen once stable."""
    graph = graph_from_row(_first(rows, "organisation"))
    assign_tree_levels(graph)
    subtitle = (
        "eigen eenheden, functies en rollen en de organen en overlegfora waar ze aan deelnemen"
        if lang == "nl"
        else "own units, posts and roles and the bodies and forums they take part in"
    )
    return _finish(graph, PARTNERS, subtitle, budget=budget, link_base=link_base, lang=lang)


# Which way up a chain of command goes, best first: the hierarchical reporting line, any
# reporting line, then the structure (a post leads its unit, a unit is part of the next).
_STEP_RANK = {("REPORTS_TO", "hierarchical"): 0, ("REPORTS_TO", None): 1, ("LEADS", None): 3}
LADDER_GAP = 64.0  # between two rungs: room for the step's words
LADDER_MARGIN = 140.0  # between the ladder and the faded chart
MAX_RUNGS = 24
LADDER_PREFIX = "ladder:"


def _step_rank(e: VizEdge) -> int:
    line = e.props.get("line")
    if e.type == "REPORTS_TO":
        return 0 if line == "hierarchical" else (1 if line is None else 2)
    return 3 if e.type == "LEADS" else 4


def ladder_steps(chain: VizGraph) -> list[tuple[str, VizEdge | None]]:
    """The chain of command as one column: from the start post up to the top, each rung the
    node and the edge that leads up to it (None for the start). At each rung the best way up
    is taken (_step_rank), never back to a rung already on the ladder."""
    out: list[tuple[str, VizEdge | None]] = [(chain.root, None)]
    seen = {chain.root}
    cur = chain.root
    while len(out) < MAX_RUNGS:
        ups = [
            e
            for e in chain.edges
            if e.source == cur
            and e.target not in seen
            and e.type in {"REPORTS_TO", "LEADS", "PART_OF"}
            and e.status != "historical"
        ]
        if not ups:
            break
        best = min(ups, key=lambda e: (_step_rank(e), e.status != "current", e.id))
        out.append((best.target, best))
        seen.add(best.target)
        cur = best.target
    return out


def _ladder(
    steps: list[tuple[str, VizEdge | None]],
    source: VizGraph,
    target: VizGraph,
    chart: Chart,
    *,
    left: float,
    prefix: str = LADDER_PREFIX,
    upwards: bool = True,
) -> tuple[set[str], set[str]]:
    """The rungs as highlighted cards pinned in one column at x = `left` (bottom to top when
    `upwards`), joined by their steps' edges; added to `target` and `chart`."""
    ids: list[str] = []
    for nid, _ in steps:
        n = source.nodes[nid]
        lid = prefix + nid
        target.nodes[lid] = VizNode(
            id=lid, kind=n.kind, name=n.name, props=dict(n.props), level=0, highlight=True
        )
        ids.append(lid)
        card = chart.labels.get(nid)  # the chart's card (holder as of the date), no counts
        lines = [x for x in card.split("\n") if x[:1] not in "▾▸"] if card else []
        text = "\n".join(lines or wrap(n.name, TEXT_WIDTH))
        chart.labels[lid] = text
        chart.sizes[lid] = card_size([text])
    width = max(chart.sizes[i][0] for i in ids)
    y = 0.0
    order = list(reversed(ids)) if upwards else ids
    for lid in order:
        h = chart.sizes[lid][1]
        chart.pinned[lid] = (round(left - width / 2, 2), round(y + h / 2, 2))
        y += h + LADDER_GAP
    edge_ids: set[str] = set()
    for _, e in steps:
        if e is None:
            continue
        edge = VizEdge(
            id=prefix + e.id,
            type=e.type,
            source=prefix + e.source,
            target=prefix + e.target,
            props=dict(e.props),
            highlight=True,
        )
        target.edges.append(edge)
        edge_ids.add(edge.id)
    return set(ids), edge_ids


def chain_page(
    chain_rows: Rows,
    hierarchy_rows: Rows | None = None,
    *,
    budget: int = DEFAULT_BUDGET,
    link_base: str | None = None,
    lang: Lang = "nl",
    as_of: dt.date | None = None,
) -> VizPage:
    """The chain of command of a post as a ladder: one column from the post up to the top,
    each step in words with its line ('rapporteert aan (hiërarchisch)'), the organisation's
    chart (graph_org_hierarchy of the row's `org`, when given) faded beside it."""
    chain_row = _first(chain_rows, "post")
    chain = graph_from_row(chain_row)
    post = chain.root
    steps = ladder_steps(chain)
    day = as_of or dt.date.today()
    if hierarchy_rows:
        context = graph_from_row(hierarchy_rows[0])
    else:
        context = VizGraph(root=post, nodes={post: chain.nodes[post]}, edges=[])
    holders = fold_holders(context)
    _chart_levels(context)
    context_name = (
        _label(context, context.root, lang) if context.root != post else words.ui("no_org", lang)
    )

    def chart_of(g: VizGraph) -> Chart:
        chart = build_chart(g, holders, as_of=day, lang=lang)
        _ladder(steps, chain, g, chart, left=-LADDER_MARGIN)
        return chart

    subtitle = f"{words.ui('chain_sub', lang)} · {context_name}"
    return _finish(
        context,
        CHAIN,
        subtitle,
        budget=budget,
        link_base=link_base,
        about=_label(chain, post, lang),
        lang=lang,
        chart_of=chart_of,
        as_of=day.isoformat(),
    )


def path_page(
    steps: Rows,
    start: Mapping[str, Any],
    end: Mapping[str, Any],
    *,
    link_base: str | None = None,
    lang: Lang = "nl",
) -> VizPage:
    """How two entities are connected (path_between rows), drawn as one column from `start`
    down to `end`, each step in words with its source; a page that says so when there is no
    path."""
    nodes = {
        str(start["id"]): VizNode(
            str(start["id"]),
            str(start.get("kind") or "Entity"),
            str(start.get("name") or start["id"]),
            dict(start),
        )
    }
    edges: list[VizEdge] = []
    for row in steps:
        to_id = str(row["to_id"])
        nodes.setdefault(
            to_id,
            VizNode(
                to_id,
                str(row.get("to_kind") or "Entity"),
                str(row.get("to_name") or to_id),
                {"id": to_id, "name": row.get("to_name"), "kind": row.get("to_kind")},
            ),
        )
        src = dict(row.get("source") or {})
        props = {
            "source": src.get("id"),
            "source_title": src.get("title"),
            "quote": src.get("quote"),
            "inferred": src.get("inferred"),
            "reason": src.get("reason"),
        }
        a, b = (str(row["from_id"]), to_id)
        if row.get("direction") == "<-":
            a, b = b, a
        edges.append(
            VizEdge(
                f"step-{row['step']}",
                str(row["type"]),
                a,
                b,
                {k: v for k, v in props.items() if v is not None},
            )
        )
    graph = VizGraph(root=str(start["id"]), nodes=nodes, edges=edges)
    title = (
        f"{words.ui('path', lang)} – {start.get('name') or start['id']} → "
        f"{end.get('name') or end['id']}"
    )
    if not steps:
        raise NothingToShow(f"{words.ui('no_path', lang)}: {title}")
    order: list[tuple[str, VizEdge | None]] = [(graph.root, None)]
    for row, e in zip(steps, edges, strict=True):
        order.append((str(row["to_id"]), e))
    empty = VizGraph(root=graph.root, nodes={}, edges=[])
    tree = ChartTree(graph.root, {}, {}, {})
    chart = Chart(tree, {}, {}, {}, {}, 0, set(), {}, controls=False)
    _ladder(order, graph, empty, chart, left=0.0, prefix="", upwards=False)
    html = page_html(
        empty,
        title=title,
        subtitle=words.ui("path_sub", lang),
        view=PATH.view,
        hierarchical=True,
        link_base=link_base,
        chain_view=False,
        lang=lang,
        chart=chart,
        depth_control=False,
    )
    return VizPage(html, len(empty.nodes), len(empty.edges), graph.root)
