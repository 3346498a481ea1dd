"""The org-chart layout of the hierarchy views, computed here rather than by vis-network.

vis' hierarchical layout puts every node of a level in one row: a zone of 300 posts becomes a
thin line and 18 siblings one row of 5 px labels. An org chart reads differently: the head post
sits above its unit, the unit's parts hang below it, and a wide level wraps into rows so the
whole chart keeps an aspect ratio near the screen's. This module builds that tree from a
`VizGraph` (`chart_tree`), sizes each card from its text (`card_lines`, `card_size`) and packs
the blocks (`place`), deterministically and without a browser. The page carries the same
packing in JavaScript (viz/static/orgchart.js) to re-lay out after expanding, collapsing or
filtering; the browser test checks both give the same positions.

Packing: a node's block is its cap (its head post above its own card) centred above its
children's blocks, which are laid in rows left to right; the number of rows is the one whose
block comes closest to `ASPECT` (fewest rows on a tie).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache

from viz.model import VizGraph

FONT_SIZE = 14
CARD_WIDTH = 176.0  # world units; a card is this wide unless one word needs more
CARD_MARGIN = 8.0  # vis' box margin, each side
LINE_HEIGHT = FONT_SIZE + 3.0
GAP_X = 18.0  # between blocks in a row
GAP_Y = 26.0  # between rows of blocks
CAP_GAP = 12.0  # between a head post and its unit
DROP = 40.0  # between a card and the first row of its children
ASPECT = 1.35  # the chart canvas at 1400×900: about 1080 × 800
# The canvas the default depth is chosen for, and the smallest zoom that keeps 14 px text at
# 11 px or more (with some room for vis' own fit margin).
REFERENCE_CANVAS = (1050.0, 775.0)
MIN_READABLE_SCALE = 11.5 / FONT_SIZE

Size = tuple[float, float]
Point = tuple[float, float]
STATUS_ORDER = {"current": 0, "planned": 1, "historical": 2}
KIND_ORDER = {"Organisation": 0, "Unit": 1, "Board": 2, "Post": 3}


@dataclass(frozen=True)
class ChartTree:
    """Who hangs under whom in the chart. `head[u]` is the post drawn above unit `u` (it
    rides on `u` and has no children of its own); `children` are ordered current before
    planned before historical, units before posts, then by name."""

    root: str
    children: dict[str, list[str]]
    head: dict[str, str]
    depth: dict[str, int]

    def heads(self) -> set[str]:
        return set(self.head.values())

    def below(self, node: str) -> list[str]:
        """Everything drawn under `node` (its subtree and their heads), not `node` itself."""
        out: list[str] = []
        stack = list(reversed(self.children.get(node, [])))
        while stack:
            cur = stack.pop()
            out.append(cur)
            if cur in self.head:
                out.append(self.head[cur])
            stack.extend(reversed(self.children.get(cur, [])))
        return out


def _order(graph: VizGraph, nid: str) -> tuple[int, int, str]:
    n = graph.nodes[nid]
    return (STATUS_ORDER.get(n.status, 3), KIND_ORDER.get(n.kind, 4), n.name.casefold())


def chart_tree(graph: VizGraph) -> ChartTree:
    """The chart's tree: PART_OF child → parent, LEADS as head-above-unit; anything not
    reached from the root (or caught in a cycle) hangs under the root."""
    by_status = sorted(graph.edges, key=lambda e: (STATUS_ORDER.get(e.status, 3), e.id))
    head: dict[str, str] = {}
    heads: set[str] = set()
    for e in by_status:
        if e.type != "LEADS" or e.source == e.target:
            continue
        if graph.nodes[e.source].kind != "Post" or e.target in head or e.source in heads:
            continue
        if e.source == graph.root:
            continue
        head[e.target] = e.source
        heads.add(e.source)
    parent: dict[str, str] = {}
    for e in by_status:
        structural = e.type in {"PART_OF", "LEADS"} and e.source != e.target
        if structural and e.source not in heads | parent.keys() and e.source != graph.root:
            parent[e.source] = e.target
    # Walk down from the root; what is not reached (no parent in the view, or a cycle) hangs
    # under the root, its own subtree kept.
    unit_of = {h: u for u, h in head.items()}
    parent = {c: unit_of.get(p, p) for c, p in parent.items() if unit_of.get(p, p) in graph.nodes}
    kids: dict[str, list[str]] = {nid: [] for nid in graph.nodes}
    for child, par in parent.items():
        kids[par].append(child)
    depth: dict[str, int] = {}
    children: dict[str, list[str]] = {nid: [] for nid in graph.nodes if nid not in heads}

    def walk(top: str, level: int) -> None:
        depth[top] = level
        queue = deque([top])
        while queue:
            cur = queue.popleft()
            for child in kids[cur]:
                if child not in depth:
                    depth[child] = depth[cur] + 1
                    children[cur].append(child)
                    queue.append(child)

    walk(graph.root, 0)
    rest = sorted(n for n in graph.nodes if n not in heads and n not in depth)
    while rest:
        tops = [n for n in rest if n not in parent] or rest[:1]
        for top in tops:
            if top not in depth:
                children[graph.root].append(top)
                walk(top, 1)
        rest = [r for r in rest if r not in depth]
    for h_unit, h in head.items():
        depth[h] = depth[h_unit]
    for lst in children.values():
        lst.sort(key=lambda c: _order(graph, c))
    return ChartTree(graph.root, children, head, depth)


# -- cards -------------------------------------------------------------------------------------


# Character widths of DejaVu Sans at FONT_SIZE, rounded up by class (measured in Chromium:
# lower case 7.3 px on average, M 12.1, W 13.8, i 3.9), so an estimate is never short and vis
# never has to wrap a label again (it is given no maximum width: it breaks words).
_NARROW = frozenset("iljtf.,:;!|'()[] ·-/")
_WIDE = frozenset("MWmw@%")


@cache
def text_width(text: str) -> float:
    """A generous estimate of `text`'s width in world units at FONT_SIZE."""
    w = 0.0
    for ch in text:
        if ch in _WIDE:
            w += 14.0
        elif ch in _NARROW:
            w += 5.0
        elif ch.isupper() or ch.isdigit():
            w += 10.0
        else:
            w += 8.0
    return w


def wrap(text: str, width: float) -> list[str]:
    """Word wrap to `width` (text_width); a long word breaks after a hyphen, never mid-word."""
    words: list[str] = []
    for word in text.split():
        while text_width(word) > width and "-" in word[1:-1]:
            cuts = [i + 1 for i, ch in enumerate(word[:-1]) if ch == "-" and i > 0]
            fitting = [c for c in cuts if text_width(word[:c]) <= width] or cuts[:1]
            cut = fitting[-1]
            words.append(word[:cut])
            word = word[cut:]
        words.append(word)
    lines: list[str] = []
    for word in words:
        if lines and lines[-1].endswith("-") and text_width(lines[-1] + word) <= width:
            lines[-1] += word
        elif lines and not lines[-1].endswith("-") and text_width(f"{lines[-1]} {word}") <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


TEXT_WIDTH = CARD_WIDTH - 2 * CARD_MARGIN


def card_size(labels: Collection[str]) -> Size:
    """The box that holds the longest of a card's label variants (holders differ by date)."""
    lines = max((len(label.split("\n")) for label in labels), default=1)
    longest = max((text_width(line) for label in labels for line in label.split("\n")), default=0)
    width = max(CARD_WIDTH, longest + 2 * CARD_MARGIN)
    return (math.ceil(width), math.ceil(lines * LINE_HEIGHT + 2 * CARD_MARGIN))


# -- packing -----------------------------------------------------------------------------------


@dataclass
class _Block:
    w: float
    h: float
    items: list[tuple[str, float, float]]  # node, centre x, centre y (relative to top left)


def _cap(tree: ChartTree, sizes: Mapping[str, Size], node: str, visible: Collection[str]) -> _Block:
    stack = [tree.head[node]] if node in tree.head and tree.head[node] in visible else []
    stack.append(node)
    w = max(sizes[n][0] for n in stack)
    items: list[tuple[str, float, float]] = []
    y = 0.0
    for i, n in enumerate(stack):
        if i:
            y += CAP_GAP
        items.append((n, w / 2, y + sizes[n][1] / 2))
        y += sizes[n][1]
    return _Block(w, y, items)


def _greedy(lengths: list[float], gap: float, limit: float) -> list[list[int]]:
    """Consecutive runs of items whose lengths (plus gaps) stay within `limit`."""
    runs: list[list[int]] = []
    length = 0.0
    for i, x in enumerate(lengths):
        if runs and length + gap + x <= limit + 1e-6:
            runs[-1].append(i)
            length += gap + x
        else:
            runs.append([i])
            length = x
    return runs


def _arrange(cap: _Block, blocks: list[_Block], aspect: float) -> _Block:
    """The cap centred above its children, laid in rows (left to right, wrapped) or stacked in
    columns (top to bottom, wrapped): of every row count and column count, the block whose
    shape comes closest to `aspect` (rows before columns, fewer before more, on a tie)."""
    n = len(blocks)
    widths = [b.w for b in blocks]
    heights = [b.h for b in blocks]
    best: tuple[float, bool, list[list[int]]] | None = None
    for stacked in (False, True):
        lengths, gap = (heights, GAP_Y) if stacked else (widths, GAP_X)
        total = sum(lengths) + gap * (n - 1)
        longest = max(lengths)
        for k in range(1, n + 1):
            runs = _greedy(lengths, gap, max(longest, total / k))
            w, h = _extent(blocks, runs, stacked)
            w = max(cap.w, w)
            h = cap.h + DROP + h
            score = abs(math.log(w / h / aspect))
            if best is None or score < best[0] - 1e-9:
                best = (score, stacked, runs)
            if len(runs) == n:
                break
    assert best is not None
    _, stacked, runs = best
    inner_w, inner_h = _extent(blocks, runs, stacked)
    width = max(cap.w, inner_w)
    items = [(nid, x + (width - cap.w) / 2, y) for nid, x, y in cap.items]
    top = cap.h + DROP
    if stacked:
        x = (width - inner_w) / 2
        for run in runs:
            col_w = max(blocks[i].w for i in run)
            y = top
            for i in run:
                b = blocks[i]
                dx = x + (col_w - b.w) / 2
                items.extend((nid, bx + dx, by + y) for nid, bx, by in b.items)
                y += b.h + GAP_Y
            x += col_w + GAP_X
    else:
        y = top
        for run in runs:
            row_w = sum(blocks[i].w for i in run) + GAP_X * (len(run) - 1)
            x = (width - row_w) / 2
            for i in run:
                b = blocks[i]
                items.extend((nid, bx + x, by + y) for nid, bx, by in b.items)
                x += b.w + GAP_X
            y += max(blocks[i].h for i in run) + GAP_Y
    return _Block(width, top + inner_h, items)


def _extent(blocks: list[_Block], runs: list[list[int]], stacked: bool) -> Size:
    """Width and height of `blocks` laid in `runs` (columns when `stacked`, else rows)."""
    if stacked:
        w = sum(max(blocks[i].w for i in r) for r in runs) + GAP_X * (len(runs) - 1)
        h = max(sum(blocks[i].h for i in r) + GAP_Y * (len(r) - 1) for r in runs)
    else:
        w = max(sum(blocks[i].w for i in r) + GAP_X * (len(r) - 1) for r in runs)
        h = sum(max(blocks[i].h for i in r) for r in runs) + GAP_Y * (len(runs) - 1)
    return (w, h)


def _block(
    tree: ChartTree,
    sizes: Mapping[str, Size],
    node: str,
    visible: Collection[str],
    aspect: float,
    inner: float,
) -> _Block:
    cap = _cap(tree, sizes, node, visible)
    kids = [c for c in tree.children.get(node, []) if c in visible]
    if not kids:
        return cap
    blocks = [_block(tree, sizes, c, visible, inner, inner) for c in kids]
    return _arrange(cap, blocks, aspect)


# The shapes tried for the blocks inside the chart (the chart itself aims at ASPECT): narrow
# blocks sit well side by side, wide ones stacked; the one whose whole chart fits the
# screen at the largest zoom wins (the first on a tie).
INNER_ASPECTS = (0.25, 0.4, 0.6, 0.9, 1.35, 2.0, 3.0)


def place(
    tree: ChartTree,
    sizes: Mapping[str, Size],
    visible: Collection[str],
    *,
    aspect: float = ASPECT,
) -> dict[str, Point]:
    """Card centres of the visible part of the chart (a node whose parent is not visible is
    not placed). Coordinates are world units, the chart's top left at (0, 0)."""
    if tree.root not in visible:
        return {}
    shown = set(visible)
    best: tuple[float, _Block] | None = None
    for inner in INNER_ASPECTS:
        block = _block(tree, sizes, tree.root, shown, aspect, inner)
        zoom = min(REFERENCE_CANVAS[0] / block.w, REFERENCE_CANVAS[1] / block.h)
        if best is None or zoom > best[0] + 1e-9:
            best = (zoom, block)
    assert best is not None
    return {n: (round(x, 2), round(y, 2)) for n, x, y in best[1].items}


def extent(positions: Mapping[str, Point], sizes: Mapping[str, Size]) -> Size:
    """Width and height of the placed cards' bounding box."""
    if not positions:
        return (0.0, 0.0)
    left = min(x - sizes[n][0] / 2 for n, (x, _) in positions.items())
    right = max(x + sizes[n][0] / 2 for n, (x, _) in positions.items())
    top = min(y - sizes[n][1] / 2 for n, (_, y) in positions.items())
    bottom = max(y + sizes[n][1] / 2 for n, (_, y) in positions.items())
    return (right - left, bottom - top)


def fit_scale(positions: Mapping[str, Point], sizes: Mapping[str, Size], canvas: Size) -> float:
    """The zoom at which the chart just fits `canvas` (vis' fit caps it at 1)."""
    w, h = extent(positions, sizes)
    if w <= 0 or h <= 0:
        return 1.0
    return min(1.0, canvas[0] / w, canvas[1] / h)


def readable_depth(
    tree: ChartTree,
    sizes: Mapping[str, Size],
    shown: Collection[str],
    *,
    canvas: Size = REFERENCE_CANVAS,
    min_scale: float = MIN_READABLE_SCALE,
) -> tuple[int, dict[str, Point]]:
    """The deepest level to open first such that the chart, fitted to `canvas`, still has
    labels of at least 11 px (at least 1), and the chart's positions at that level. Levels are
    tried from the top down to the first that is too big (a deeper level only adds cards)."""
    shown = set(shown)
    deepest = max((tree.depth.get(n, 0) for n in shown), default=0)
    chosen = 1
    positions = place(tree, sizes, {n for n in shown if tree.depth.get(n, 0) <= 1})
    room = (canvas[0] / min_scale) * (canvas[1] / min_scale)
    for d in range(2, deepest + 1):
        visible = {n for n in shown if tree.depth.get(n, 0) <= d}
        if sum(sizes[n][0] * sizes[n][1] for n in visible) > room:
            break  # the cards alone cover more than the screen holds: no packing fits
        deeper = place(tree, sizes, visible)
        if fit_scale(deeper, sizes, canvas) < min_scale:
            break
        chosen, positions = d, deeper
    return chosen, positions


def overlaps(positions: Mapping[str, Point], sizes: Mapping[str, Size]) -> list[tuple[str, str]]:
    """Pairs of cards whose boxes intersect (for the tests and for a check before drawing)."""
    ids = sorted(positions)
    out: list[tuple[str, str]] = []
    for i, a in enumerate(ids):
        ax, ay = positions[a]
        aw, ah = sizes[a]
        for b in ids[i + 1 :]:
            bx, by = positions[b]
            bw, bh = sizes[b]
            if abs(ax - bx) * 2 < aw + bw and abs(ay - by) * 2 < ah + bh:
                out.append((a, b))
    return out
