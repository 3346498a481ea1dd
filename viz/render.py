"""VizGraph → one self-contained HTML page (pyvis builds the vis-network data, our own Jinja
template writes the page).

pyvis' templates load vis-network, Bootstrap and tom-select from CDNs even with
``cdn_resources="in_line"``, so its template is not used: `Network` assembles the node, edge and
option structures, and `page_html` inlines vis-network's JS and CSS from the copy bundled inside
the pyvis package. The page loads nothing from the network, and a Content-Security-Policy says
so to the browser as well.

Everything from the data is escaped: text placed in HTML goes through Jinja's autoescape, the
graph travels as JSON inside a ``<script type="application/json">`` with ``<``, ``>`` and ``&``
escaped, tooltips are plain text (vis-network sets them with ``innerText``), and the detail panel
is built with ``textContent``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from pyvis.network import Network

from viz.model import VizEdge, VizGraph, VizNode
from viz.style import (
    EDGE_COLOR,
    FADED_COLOR,
    HIGHLIGHT_COLOR,
    HISTORICAL_COLOR,
    HISTORICAL_DASHES,
    KIND_STYLES,
    LABEL_INSIDE,
    PLANNED_DASHES,
    STATUS_LABELS,
    kind_style,
    lighten,
)
from viz.templates import LANDING_TEMPLATE, MESSAGE_TEMPLATE, PAGE_TEMPLATE

VIS_VERSION = "9.1.2"
# Facts shown first in the detail panel, in this order; then every other property.
DETAIL_ORDER = (
    "id",
    "kind",
    "type",
    "abbreviation",
    "aliases",
    "description",
    "status",
    "valid_from",
    "valid_to",
    "line",
    "on_behalf_of",
    "inferred",
    "reason",
    "source",
    "source_title",
    "quote",
    "dataset",
)
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; connect-src 'self'; base-uri 'none'; form-action 'self'"
)


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS, read from the copy that ships inside the pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "lib" / f"vis-{VIS_VERSION}"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():  # would end the inline block
        raise RuntimeError("bundled vis-network cannot be inlined safely")
    return js, css


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def script_json(value: Any) -> str:
    """JSON safe to place inside a <script> element: no '<', '>' or '&' survive."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# -- text ------------------------------------------------------------------------------------


def _validity(props: dict[str, Any]) -> str | None:
    start, end = props.get("valid_from"), props.get("valid_to")
    if not start and not end:
        return None
    return f"geldig: {start or '…'} – {end or '…'}"


def _provenance_lines(props: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    status = str(props.get("status") or "current")
    flags = STATUS_LABELS.get(status, status)
    if props.get("inferred"):
        flags += " · afgeleid"
    lines.append(f"status: {flags}")
    if validity := _validity(props):
        lines.append(validity)
    if props.get("source") or props.get("source_title"):
        title = props.get("source_title")
        src = props.get("source")
        lines.append(f"bron: {title} ({src})" if title and src else f"bron: {title or src}")
    if props.get("quote"):
        lines.append(f"“{props['quote']}”")
    if props.get("reason"):
        lines.append(f"reden: {props['reason']}")
    return lines


def node_tooltip(n: VizNode) -> str:
    style = kind_style(n.kind)
    head = [n.name, f"{style.label} ({n.kind}) · {n.id}"]
    if n.props.get("type"):
        head[1] += f" · {n.props['type']}"
    lines = head + _provenance_lines(n.props)
    if n.collapsed:
        lines.append("samengevat: " + _collapsed_text(n))
    return "\n".join(lines)


def edge_label(e: VizEdge) -> str:
    line = e.props.get("line")
    return f"{e.type} ({line})" if line else e.type


def edge_tooltip(e: VizEdge, graph: VizGraph) -> str:
    src = graph.nodes[e.source].name
    dst = graph.nodes[e.target].name
    lines = [f"{edge_label(e)}: {src} → {dst}"]
    if e.props.get("on_behalf_of"):
        lines.append(f"namens: {e.props['on_behalf_of']}")
    if e.props.get("in_role"):
        lines.append(f"in de rol: {e.props['in_role']}")
    return "\n".join(lines + _provenance_lines(e.props))


def _collapsed_text(n: VizNode) -> str:
    parts = [f"+{count} {kind_style(kind).label}" for kind, count in sorted(n.collapsed.items())]
    return ", ".join(parts)


def _ordered(props: dict[str, Any]) -> list[list[Any]]:
    first = [[k, props[k]] for k in DETAIL_ORDER if k in props]
    rest = [[k, v] for k, v in sorted(props.items()) if k not in DETAIL_ORDER]
    return first + rest


# -- vis data ----------------------------------------------------------------------------------


def _node_options(n: VizNode, *, chain_view: bool) -> dict[str, Any]:
    style = kind_style(n.kind)
    planned = n.status == "planned"
    historical = n.status == "historical"
    fill = style.color
    border = style.color
    font_color = style.font_color
    if planned:
        fill = lighten(style.color)
        font_color = "#1b1b1b"
    if historical:
        fill = lighten("#7f8c8d", 0.6)
        border = HISTORICAL_COLOR
        font_color = "#1b1b1b"
    if chain_view and not n.highlight:
        fill, border = lighten(fill, 0.55), lighten(border, 0.55)
    label = n.name
    if n.collapsed:
        label += f"\n({_collapsed_text(n)})"
    opts: dict[str, Any] = {
        "label": label,
        "shape": style.shape,
        "color": {
            "background": fill,
            "border": HIGHLIGHT_COLOR if n.highlight else border,
            "highlight": {"background": fill, "border": "#111111"},
            "hover": {"background": fill, "border": "#111111"},
        },
        "font": {
            "color": font_color if style.shape in LABEL_INSIDE else "#1b1b1b",
            "size": 14,
            "face": "DejaVu Sans, Arial, sans-serif",
        },
        "borderWidth": 4 if n.highlight else (2 if planned or historical else 1),
        "title": node_tooltip(n),
        "level": n.level,
        "widthConstraint": {"maximum": 140},
        "kind": n.kind,
        "status": n.status,
        "parentId": n.parent,
        "onChain": n.highlight,
        "meta": {
            "name": n.name,
            "kind": n.kind,
            "kindLabel": style.label,
            "props": _ordered(n.props),
            "collapsed": _collapsed_text(n) if n.collapsed else None,
        },
    }
    if style.shape not in LABEL_INSIDE:
        opts["size"] = 16
    if planned or historical:
        opts["shapeProperties"] = {"borderDashes": PLANNED_DASHES if planned else HISTORICAL_DASHES}
    if n.id == "":
        opts["label"] = "?"
    return opts


def _edge_options(e: VizEdge, graph: VizGraph, *, chain_view: bool) -> dict[str, Any]:
    color = HISTORICAL_COLOR if e.status == "historical" else EDGE_COLOR
    if chain_view:
        color = HIGHLIGHT_COLOR if e.highlight else FADED_COLOR
    opts: dict[str, Any] = {
        "id": e.id,
        "label": edge_label(e),
        "title": edge_tooltip(e, graph),
        "color": {"color": color, "highlight": "#111111", "hover": "#111111"},
        "width": 3 if e.highlight else 1.2,
        "font": {"size": 10, "align": "middle", "color": "#3d4650", "strokeWidth": 3},
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "type": e.type,
        "status": e.status,
        "onChain": e.highlight,
        "meta": {
            "name": f"{edge_label(e)}: {graph.nodes[e.source].name} → {graph.nodes[e.target].name}",
            "kind": e.type,
            "kindLabel": "relatie",
            "props": _ordered({"type": e.type, "from": e.source, "to": e.target, **e.props}),
            "collapsed": None,
        },
    }
    if e.status == "planned":
        opts["dashes"] = PLANNED_DASHES
    elif e.status == "historical":
        opts["dashes"] = HISTORICAL_DASHES
    return opts


def _sort_key(n: VizNode) -> tuple[int, int, str]:
    # current before planned before historical: vis places nodes of a level in this order,
    # so the planned structure is drawn beside (right of) the current one.
    order = {"current": 0, "planned": 1, "historical": 2}.get(n.status, 3)
    return (n.level, order, n.name.casefold())


# vis' hierarchical edgeMinimization pass grows steeply with the node count: on a 323-node zone
# organigram it took ~1.5-2 s of the ~2.4 s until the page was stable in headless Chromium
# (without it: ~0.7-0.9 s). Large views keep the sorted placement, block shifting and parent
# centralisation; small ones keep the extra polish.
EDGE_MINIMIZATION_MAX_NODES = 150


def options(*, hierarchical: bool, node_count: int) -> dict[str, Any]:
    interaction = {"hover": True, "tooltipDelay": 120, "keyboard": True, "multiselect": False}
    if hierarchical:
        return {
            "layout": {
                "hierarchical": {
                    "enabled": True,
                    "direction": "UD",
                    "sortMethod": "directed",
                    "levelSeparation": 130,
                    "nodeSpacing": 175,
                    "treeSpacing": 220,
                    "blockShifting": True,
                    "edgeMinimization": node_count <= EDGE_MINIMIZATION_MAX_NODES,
                    "parentCentralization": True,
                }
            },
            "physics": {"enabled": False},
            "edges": {"smooth": {"type": "cubicBezier", "forceDirection": "vertical"}},
            "interaction": interaction,
        }
    return {
        "layout": {"improvedLayout": node_count <= 150, "randomSeed": 7},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -90,
                "springLength": 130,
                "springConstant": 0.06,
                "avoidOverlap": 0.4,
            },
            "stabilization": {"enabled": True, "iterations": 600, "updateInterval": 50},
        },
        "edges": {"smooth": {"type": "continuous"}},
        "interaction": interaction,
    }


def network_data(
    graph: VizGraph, *, hierarchical: bool, chain_view: bool = False
) -> dict[str, Any]:
    """The vis-network data of a graph, assembled with pyvis (nodes, edges, options)."""
    net = Network(directed=True, cdn_resources="in_line")
    for n in sorted(graph.nodes.values(), key=_sort_key):
        opts = _node_options(n, chain_view=chain_view)
        net.add_node(n.id, **opts)

    # Edges in the same order as their lower (child) end, which guides vis' placement.
    def edge_key(e: VizEdge) -> tuple[int, int, str]:
        a, b = graph.nodes[e.source], graph.nodes[e.target]
        return _sort_key(a if a.level >= b.level else b)

    for e in sorted(graph.edges, key=edge_key):
        net.add_edge(e.source, e.target, **_edge_options(e, graph, chain_view=chain_view))
    # A dict, not set_options(): pyvis' string parser strips every space from the options.
    net.options = options(hierarchical=hierarchical, node_count=len(graph.nodes))
    nodes, edges, _heading, _height, _width, opts_json = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": json.loads(opts_json)}


# -- pages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LegendItem:
    label: str
    kind: str
    color: str
    svg: str


def shape_svg(shape: str, color: str) -> str:
    """A 22x16 SVG of a vis-network shape (our constants only: no data reaches this)."""
    c = color
    shapes = {
        "box": f'<rect x="2" y="3" width="18" height="10" rx="2" fill="{c}"/>',
        "ellipse": f'<ellipse cx="11" cy="8" rx="9" ry="5.5" fill="{c}"/>',
        "dot": f'<circle cx="11" cy="8" r="6" fill="{c}"/>',
        "triangle": f'<polygon points="11,1 18,14 4,14" fill="{c}"/>',
        "triangleDown": f'<polygon points="4,2 18,2 11,15" fill="{c}"/>',
        "star": f'<polygon points="11,1 13,6 18,6 14,9.5 15.5,15 11,11.5 6.5,15 8,9.5 4,6 9,6"'
        f' fill="{c}"/>',
        "hexagon": f'<polygon points="6,2 16,2 20,8 16,14 6,14 2,8" fill="{c}"/>',
        "diamond": f'<polygon points="11,1 18,8 11,15 4,8" fill="{c}"/>',
        "square": f'<rect x="5" y="2" width="12" height="12" fill="{c}"/>',
        "database": f'<rect x="5" y="2" width="12" height="12" rx="4" fill="{c}"/>',
    }
    body = shapes.get(shape, shapes["dot"])
    return f'<svg width="22" height="16" viewBox="0 0 22 16" aria-hidden="true">{body}</svg>'


def legend(graph: VizGraph) -> list[LegendItem]:
    present = {n.kind for n in graph.nodes.values()}
    items = [
        LegendItem(s.label, kind, s.color, shape_svg(s.shape, s.color))
        for kind, s in KIND_STYLES.items()
        if kind in present
    ]
    for kind in sorted(present - set(KIND_STYLES)):
        s = kind_style(kind)
        items.append(LegendItem(kind, kind, s.color, shape_svg(s.shape, s.color)))
    return items


def page_html(
    graph: VizGraph,
    *,
    title: str,
    subtitle: str,
    view: str,
    hierarchical: bool,
    message: str | None = None,
    link_base: str | None = None,
    chain_view: bool = False,
    depth_control: bool = True,
) -> str:
    """The complete, self-contained HTML page of one view."""
    js, css = vis_assets()
    data = network_data(graph, hierarchical=hierarchical, chain_view=chain_view)
    payload = {
        "view": view,
        "root": graph.root,
        "physics": not hierarchical,
        "hierarchical": hierarchical,
        "maxLevel": graph.max_level,
        "linkBase": link_base,
        **data,
    }
    return (
        _env()
        .from_string(PAGE_TEMPLATE)
        .render(
            title=title,
            subtitle=subtitle,
            data_view=view,
            message=message,
            legend=legend(graph),
            chain_view=chain_view,
            depth_control=depth_control and graph.max_level > 1,
            max_level=graph.max_level,
            node_count=len(graph.nodes),
            edge_count=len(graph.edges),
            data_json=script_json(payload),
            vis_js=js,
            vis_css=css,
            csp=CSP,
        )
    )


def message_html(title: str, message: str, *, link_base: str | None = None) -> str:
    """A page that only explains something (unknown id, view too large)."""
    return (
        _env()
        .from_string(MESSAGE_TEMPLATE)
        .render(title=title, message=message, link_base=link_base, csp=CSP)
    )


def landing_html(
    *, api_prefix: str = "/api/v1", viz_base: str = "/viz", key_set: bool = False
) -> str:
    """The landing page: set the API key (kept by the server in the HttpOnly `orggraph_key`
    cookie), search, and the list of organisations, all fetched by the page itself from the API
    with that key. `key_set`: the request came with a good key (the page cannot read it)."""
    return (
        _env()
        .from_string(LANDING_TEMPLATE)
        .render(api_prefix=api_prefix, viz_base=viz_base, csp=CSP, key_set=key_set)
    )
