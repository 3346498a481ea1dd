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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from viz import words
from viz.layout import CARD_MARGIN, FONT_SIZE, TEXT_WIDTH
from viz.model import VizEdge, VizGraph, VizNode
from viz.orgchart import Chart, chart_payload
from viz.style import (
    EDGE_COLOR,
    FADED_COLOR,
    HIGHLIGHT_COLOR,
    HISTORICAL_COLOR,
    HISTORICAL_DASHES,
    KIND_STYLES,
    LABEL_INSIDE,
    PLANNED_DASHES,
    kind_style,
    lighten,
)
from viz.templates import LANDING_TEMPLATE, MESSAGE_TEMPLATE, PAGE_TEMPLATE
from viz.words import Lang

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


@cache
def _template(source: str) -> jinja2.Template:
    """Compiled once per process (compiling the page template costs more than rendering it)."""
    return _env().from_string(source)


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


def _validity(props: dict[str, Any], lang: Lang) -> str | None:
    start, end = props.get("valid_from"), props.get("valid_to")
    if not start and not end:
        return None
    return f"{words.ui('valid', lang)}: {start or '…'} – {end or '…'}"


def _source_text(props: dict[str, Any]) -> str | None:
    title, src = props.get("source_title"), props.get("source")
    if title and src:
        return f"{title} ({src})"
    return str(title or src) if (title or src) else None


def _provenance_lines(props: dict[str, Any], lang: Lang) -> list[str]:
    lines: list[str] = []
    status = str(props.get("status") or "current")
    flags = words.status(status, lang)
    if props.get("inferred"):
        flags += f" · {words.prop('inferred', lang)}"
    lines.append(f"{words.prop('status', lang)}: {flags}")
    if validity := _validity(props, lang):
        lines.append(validity)
    if source := _source_text(props):
        lines.append(f"{words.ui('source', lang)}: {source}")
    if props.get("quote"):
        lines.append(f"“{props['quote']}”")
    if props.get("reason"):
        lines.append(f"{words.prop('reason', lang)}: {props['reason']}")
    return lines


def node_tooltip(n: VizNode, lang: Lang = "nl") -> str:
    head = [n.name, words.kind(n.kind, lang)]
    if n.props.get("type"):
        head[1] += f" · {n.props['type']}"
    lines = head + _provenance_lines(n.props, lang)
    if n.collapsed:
        lines.append(f"{words.ui('summarised', lang)}: " + _collapsed_text(n, lang))
    return "\n".join(lines)


def edge_label(e: VizEdge, lang: Lang = "nl") -> str:
    """The relation in words: 'rapporteert aan (hiërarchisch)'."""
    line = e.props.get("line")
    return words.relation(e.type, lang, str(line) if line else None)


def edge_tooltip(e: VizEdge, graph: VizGraph, lang: Lang = "nl") -> str:
    src = graph.nodes[e.source].name
    dst = graph.nodes[e.target].name
    lines = [f"{src} {edge_label(e, lang)} {dst}"]
    if e.props.get("on_behalf_of"):
        lines.append(f"{words.prop('on_behalf_of', lang)}: {e.props['on_behalf_of']}")
    if e.props.get("in_role"):
        lines.append(f"{words.prop('in_role', lang)}: {e.props['in_role']}")
    return "\n".join(lines + _provenance_lines(e.props, lang))


def _collapsed_text(n: VizNode, lang: Lang = "nl") -> str:
    parts = [f"+{count} {words.kind(kind, lang)}" for kind, count in sorted(n.collapsed.items())]
    return ", ".join(parts)


# Shown in the panel's head or elsewhere on the card, not as rows.
_NOT_ROWS = frozenset({"quote", "source_title", "name", "kind", "staffing"})


def props_in_words(props: dict[str, Any], lang: Lang) -> list[list[Any]]:
    """The details panel's rows: keys in words, booleans as ja/nee, the status in words, the
    source as 'title (id)'; DETAIL_ORDER first, then the rest by key."""
    keys = [k for k in DETAIL_ORDER if k in props]
    keys += sorted(k for k in props if k not in DETAIL_ORDER)
    rows: list[list[Any]] = []
    for k in keys:
        if k in _NOT_ROWS:
            continue
        v = props[k]
        if k == "source":
            v = _source_text(props)
        elif k == "status":
            v = words.status(str(v), lang)
        elif k == "kind":
            v = words.kind(str(v), lang)
        elif k == "line":
            v = words.pick(words.LINES, str(v), lang) or v
        elif k == "type" and isinstance(v, str) and v in words.RELATIONS:
            v = words.relation(v, lang)
        rows.append([words.prop(k, lang), words.value(v, lang)])
    return rows


# -- vis data ----------------------------------------------------------------------------------


def _colours(n: VizNode, *, chain_view: bool) -> tuple[str, str, str]:
    style = kind_style(n.kind)
    fill, border, font_color = style.color, style.color, style.font_color
    if n.status == "planned":
        fill, font_color = lighten(style.color), "#1b1b1b"
    if n.status == "historical":
        fill, border, font_color = lighten("#7f8c8d", 0.6), HISTORICAL_COLOR, "#1b1b1b"
    if chain_view and not n.highlight:
        fill, border = lighten(fill, 0.7), lighten(border, 0.7)
        font_color = "#8a9099"
    return fill, border, font_color


def _node_options(
    n: VizNode, *, chain_view: bool, lang: Lang = "nl", chart: Chart | None = None
) -> dict[str, Any]:
    style = kind_style(n.kind)
    planned = n.status == "planned"
    historical = n.status == "historical"
    fill, border, font_color = _colours(n, chain_view=chain_view)
    label = n.name
    if n.collapsed:
        label += f"\n({_collapsed_text(n, lang)})"
    shape = style.shape
    names = [str(n.props[k]) for k in ("abbreviation", "id") if n.props.get(k)]
    aliases = n.props.get("aliases")
    if isinstance(aliases, list):
        names += [str(a) for a in aliases]
    opts: dict[str, Any] = {
        "label": label,
        "shape": shape,
        "color": {
            "background": fill,
            "border": HIGHLIGHT_COLOR if n.highlight else border,
            "highlight": {"background": fill, "border": "#111111"},
            "hover": {"background": fill, "border": "#111111"},
        },
        "font": {
            "color": font_color if shape in LABEL_INSIDE else "#1b1b1b",
            "size": FONT_SIZE,
            "face": "DejaVu Sans, Arial, sans-serif",
        },
        "borderWidth": 4 if n.highlight else (2 if planned or historical else 1),
        "title": node_tooltip(n, lang),
        "level": n.level,
        "widthConstraint": {"maximum": 140},
        "kind": n.kind,
        "status": n.status,
        "validFrom": n.props.get("valid_from"),
        "validTo": n.props.get("valid_to"),
        "parentId": n.parent,
        "onChain": n.highlight,
        "searchNames": names,
        "meta": {
            "name": n.name,
            "kind": n.kind,
            "kindLabel": words.kind(n.kind, lang)
            + (f" · {n.props['type']}" if n.props.get("type") else ""),
            "props": props_in_words(n.props, lang),
            "quote": n.props.get("quote"),
            "collapsed": _collapsed_text(n, lang) if n.collapsed else None,
        },
    }
    if chart is not None:
        w, h = chart.sizes[n.id]
        opts["shape"] = "box"
        opts["label"] = chart.labels.get(n.id, label)
        opts["entityId"] = n.props.get("id", n.id)
        opts["margin"] = CARD_MARGIN
        # Minimums only: the label comes wrapped (a vis maximum would break words, and vis
        # subtracts the margins from the constraints again on every update).
        # Minimums only, without the margins vis adds: the label comes wrapped (a vis maximum
        # would break words, and vis subtracts the margins from a maximum again on updates).
        opts["widthConstraint"] = {"minimum": w - 2 * CARD_MARGIN}
        opts["heightConstraint"] = {"minimum": h - 2 * CARD_MARGIN, "valign": "middle"}
        opts["font"]["color"] = font_color
        opts["shapeProperties"] = {"borderRadius": 4}
        pos = chart.positions.get(n.id) or chart.pinned.get(n.id)
        opts["hidden"] = pos is None
        if pos is not None:
            opts["x"], opts["y"] = pos
        else:
            opts["x"], opts["y"] = 0.0, 0.0
        holders = chart.holders.get(n.id, [])
        if holders:
            opts["meta"]["props"].append(
                [words.prop("holder", lang), ", ".join(h.name for h in holders)]
            )
        staff = chart.variants.get(n.id, {}).get("staff")
        if staff is not None:
            opts["meta"]["props"].append([words.prop("staffing", lang), staff])
    elif style.shape not in LABEL_INSIDE:
        opts["size"] = 16
    if planned or historical:
        dashes = PLANNED_DASHES if planned else HISTORICAL_DASHES
        opts.setdefault("shapeProperties", {})["borderDashes"] = dashes
    if n.id == "":
        opts["label"] = "?"
    return opts


def _edge_options(
    e: VizEdge, graph: VizGraph, *, chain_view: bool, lang: Lang = "nl", chart: Chart | None = None
) -> dict[str, Any]:
    color = HISTORICAL_COLOR if e.status == "historical" else EDGE_COLOR
    if chain_view:
        color = HIGHLIGHT_COLOR if e.highlight else FADED_COLOR
    words_label = edge_label(e, lang)
    src, dst = graph.nodes[e.source].name, graph.nodes[e.target].name
    tree_edge = chart is not None and e.id in chart.lines
    opts: dict[str, Any] = {
        "id": e.id,
        "label": words_label,
        "title": edge_tooltip(e, graph, lang),
        "color": {"color": color, "highlight": "#111111", "hover": "#111111"},
        "width": 3 if e.highlight else 1.2,
        "font": {
            "size": 11,
            "align": "middle",
            "color": "#3d4650",
            "strokeWidth": 4,
            "background": "#ffffff",
        },
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "type": e.type,
        "status": e.status,
        "onChain": e.highlight,
        "meta": {
            "name": f"{src} {words_label} {dst}",
            "kind": e.type,
            "kindLabel": words_label,
            "props": props_in_words(
                {"from": src, "to": dst, **{k: v for k, v in e.props.items() if k != "id"}},
                lang,
            ),
            "quote": e.props.get("quote"),
            "collapsed": None,
        },
    }
    if chart is not None:
        if tree_edge:
            # The layout says "part of" / "leads"; a label on every line would cover cards.
            opts["label"] = None
            opts["arrows"] = {"to": {"enabled": False}}
            if e.source not in chart.tree.heads():
                # drawn as an elbow under the cards (viz/static/page.js); the edge itself stays
                # for hover and click, invisible until then
                opts["lineColor"] = color
                opts["color"] = {
                    "color": "rgba(0,0,0,0)",
                    "highlight": "#111111",
                    "hover": "#111111",
                }
        opts["hidden"] = not (tree_edge or e.highlight)
        opts["smooth"] = False
        # a ladder's step: its words level, in the gap between two rungs
        opts["font"]["align"] = "horizontal"
        opts["font"]["size"] = 13 if e.highlight else 11
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


def options(*, hierarchical: bool, node_count: int, fixed: bool = False) -> dict[str, Any]:
    interaction = {"hover": True, "tooltipDelay": 120, "keyboard": True, "multiselect": False}
    if fixed:
        # Positions come with the nodes (viz/layout.py): no vis layout, no physics.
        return {
            "layout": {"hierarchical": {"enabled": False}, "improvedLayout": False},
            "physics": {"enabled": False},
            "edges": {"smooth": False},
            "interaction": interaction,
        }
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
    graph: VizGraph,
    *,
    hierarchical: bool,
    chain_view: bool = False,
    lang: Lang = "nl",
    chart: Chart | None = None,
) -> dict[str, Any]:
    """The vis-network data of a graph, assembled with pyvis (nodes, edges, options)."""
    # Imported here: pyvis pulls in IPython and networkx (~0.5 s), which every CLI command
    # and API process would pay at start-up otherwise, though most never draw a view.
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for n in sorted(graph.nodes.values(), key=_sort_key):
        opts = _node_options(n, chain_view=chain_view, lang=lang, chart=chart)
        net.add_node(n.id, **opts)

    # Edges in the same order as their lower (child) end, which guides vis' placement.
    def edge_key(e: VizEdge) -> tuple[int, int, str]:
        a, b = graph.nodes[e.source], graph.nodes[e.target]
        return _sort_key(a if a.level >= b.level else b)

    for e in sorted(graph.edges, key=edge_key):
        opts = _edge_options(e, graph, chain_view=chain_view, lang=lang, chart=chart)
        net.add_edge(e.source, e.target, **opts)
    # A dict, not set_options(): pyvis' string parser strips every space from the options.
    net.options = options(
        hierarchical=hierarchical, node_count=len(graph.nodes), fixed=chart is not None
    )
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


def legend(graph: VizGraph, lang: Lang = "nl", *, cards: bool = False) -> list[LegendItem]:
    present = {n.kind for n in graph.nodes.values()}

    def item(kind: str) -> LegendItem:
        s = kind_style(kind)
        return LegendItem(
            words.kind(kind, lang), kind, s.color, shape_svg("box" if cards else s.shape, s.color)
        )

    items = [item(kind) for kind in KIND_STYLES if kind in present]
    items += [item(kind) for kind in sorted(present - set(KIND_STYLES))]
    return items


def sources(graph: VizGraph) -> list[str]:
    """The documents the view's facts cite, for the page and its print-out."""
    seen: dict[str, str] = {}
    for props in [n.props for n in graph.nodes.values()] + [e.props for e in graph.edges]:
        src = props.get("source")
        if (src and str(src) not in seen) or (
            src and props.get("source_title") and seen[str(src)] == str(src)
        ):
            seen[str(src)] = _source_text(props) or str(src)
    return sorted(seen.values(), key=str.casefold)


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
    lang: Lang = "nl",
    chart: Chart | None = None,
    as_of: str | None = None,
    extra: dict[str, Any] | None = None,
) -> str:
    """The complete, self-contained HTML page of one view, in one language."""
    js, css = vis_assets()
    data = network_data(
        graph, hierarchical=hierarchical, chain_view=chain_view, lang=lang, chart=chart
    )
    max_level = max(chart.tree.depth.values(), default=0) if chart else graph.max_level
    payload = {
        "view": view,
        "root": graph.root,
        "physics": not hierarchical and chart is None,
        "hierarchical": hierarchical,
        "maxLevel": max_level,
        "linkBase": link_base,
        "lang": lang,
        "words": words.table(lang),
        "asOf": as_of,
        "textWidth": TEXT_WIDTH,
        "fileName": f"orggraph-{view}-{graph.root}"[:120],
        "chart": chart_payload(chart) if chart else None,
        **(extra or {}),
        **data,
    }
    table = words.table(lang)
    return _template(PAGE_TEMPLATE).render(
        title=title,
        subtitle=subtitle,
        data_view=view,
        message=message,
        legend=legend(graph, lang, cards=chart is not None),
        chain_view=chain_view,
        depth_control=depth_control and max_level > 1,
        max_level=max_level,
        open_depth=chart.depth if chart else max_level,
        node_count=len(graph.nodes),
        edge_count=len(graph.edges),
        data_json=script_json(payload),
        vis_js=js,
        vis_css=css,
        page_js=static_js("page.js"),
        chart_js=static_js("orgchart.js"),
        chart=chart is not None,
        chart_controls=chart is not None and chart.controls,
        as_of=as_of or "",
        lang=lang,
        other_lang="en" if lang == "nl" else "nl",
        ui=table["ui"],
        statuses=table["statuses"],
        sources=sources(graph),
        csp=CSP,
    )


@cache
def static_js(name: str) -> str:
    """A script of viz/static, inlined into the page (the page loads nothing)."""
    text = (Path(__file__).resolve().parent / "static" / name).read_text(encoding="utf-8")
    if "</script" in text.lower():
        raise RuntimeError(f"viz/static/{name} cannot be inlined safely")
    return text


@dataclass(frozen=True)
class PageLink:
    """A candidate or suggestion on a message page: where it leads, its name, and what tells
    it apart (kind, organisation, the units above it)."""

    href: str
    name: str
    detail: str


def candidate_link(candidate: Mapping[str, Any], href: str, lang: Lang = "nl") -> PageLink:
    """A resolver candidate ({id, name, kind, organisation?, path?}) as a link with its
    organisation and path in words."""
    parts = [words.kind(str(candidate.get("kind") or "Entity"), lang)]
    org = candidate.get("organisation")
    if isinstance(org, Mapping) and org.get("name"):
        parts.append(str(org["name"]))
    path = candidate.get("path")
    if isinstance(path, list) and path:
        parts.append(" › ".join(str(p) for p in path))
    parts.append(str(candidate.get("id") or ""))
    return PageLink(href, str(candidate.get("name") or candidate.get("id")), " · ".join(parts))


def message_html(
    title: str,
    message: str,
    *,
    link_base: str | None = None,
    lang: Lang = "nl",
    links: Sequence[PageLink] = (),
    links_heading: str | None = None,
) -> str:
    """A page that only explains something (unknown id, view too large), in one language,
    with the candidates or suggestions as links."""
    return _template(MESSAGE_TEMPLATE).render(
        title=title,
        message=message,
        link_base=link_base,
        csp=CSP,
        lang=lang,
        links=list(links),
        links_heading=links_heading or words.ui("did_you_mean", lang),
        back=words.ui("back", lang),
    )


def landing_html(
    *,
    api_prefix: str = "/api/v1",
    viz_base: str = "/viz",
    key_set: bool = False,
    lang: Lang = "nl",
) -> str:
    """The landing page: set the API key (kept by the server in the HttpOnly `orggraph_key`
    cookie), search (rows with their organisation and path), a path between two entities, and
    the organisations grouped by type with a filter box, all fetched by the page itself from
    the API with that key. `key_set`: the request came with a good key (the page cannot read
    it)."""
    table = words.table(lang)
    return _template(LANDING_TEMPLATE).render(
        api_prefix=api_prefix,
        viz_base=viz_base,
        csp=CSP,
        key_set=key_set,
        lang=lang,
        other_lang="en" if lang == "nl" else "nl",
        ui=table["ui"],
        words_json=script_json(table),
    )
