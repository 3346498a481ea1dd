"""Cards and chart data of the hierarchy view: persons folded into the cards of the posts they
hold (as of a date), each card's text in words, its size, the tree and the first positions.

What the page needs to re-lay out in the browser travels with it (`chart_payload`): the tree,
the card sizes, every card's label variants (holders differ by date) and the positions of the
first view, computed here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from viz import words
from viz.layout import (
    TEXT_WIDTH,
    ChartTree,
    Point,
    Size,
    card_size,
    chart_tree,
    place,
    readable_depth,
    wrap,
)
from viz.model import VizGraph
from viz.words import Lang


@dataclass(frozen=True)
class Holder:
    name: str
    person: str
    valid_from: str | None
    valid_to: str | None
    status: str

    def valid_at(self, day: str) -> bool:
        if self.status == "planned":
            return False
        if self.status == "historical" and self.valid_to is None:
            return False
        return (self.valid_from is None or self.valid_from[:10] <= day) and (
            self.valid_to is None or self.valid_to[:10] >= day
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "person": self.person,
            "from": self.valid_from,
            "to": self.valid_to,
            "status": self.status,
        }


def fold_holders(graph: VizGraph) -> dict[str, list[Holder]]:
    """Persons who HOLD a post in the view leave the drawing and become lines on the post's
    card (in place, edges with them go too); what each post's holders are, by post."""
    holders: dict[str, list[Holder]] = {}
    folded: set[str] = set()
    for e in graph.edges:
        if e.type != "HOLDS":
            continue
        person, post = graph.nodes.get(e.source), graph.nodes.get(e.target)
        if person is None or post is None or person.kind != "Person" or post.kind != "Post":
            continue
        status = e.status if e.status != "current" else person.status
        holders.setdefault(post.id, []).append(
            Holder(
                person.name,
                person.id,
                _iso(e.props.get("valid_from") or person.props.get("valid_from")),
                _iso(e.props.get("valid_to") or person.props.get("valid_to")),
                status,
            )
        )
        folded.add(person.id)
    folded.discard(graph.root)
    graph.keep(n for n in graph.nodes if n not in folded)
    for lst in holders.values():
        lst.sort(key=lambda h: (h.valid_from or "", h.name))
    return holders


def _iso(value: Any) -> str | None:
    return None if value is None else str(value)[:10]


def staffing_total(figures: Any) -> int | None:
    """One count for a card: the largest figure without rank or `per` (a headcount), else the
    sum of the figures by rank (none of them `per` something)."""
    if not isinstance(figures, list):
        return None
    plain = [f for f in figures if isinstance(f, Mapping) and not f.get("per")]
    whole = [int(f["count"]) for f in plain if f.get("count") is not None and not f.get("rank")]
    if whole:
        return max(whole)
    ranked = [int(f["count"]) for f in plain if f.get("count") is not None and f.get("rank")]
    return sum(ranked) if ranked else None


def card_text(
    name: str,
    *,
    rank: str | None,
    holder: str | None,
    vacant: bool,
    staff: int | None,
    below: int,
    lang: Lang,
    folded: str | None = None,
) -> str:
    """A card's label: the title, then rank and holder (or 'vacant'), staffing, and how many
    cards hang below it. Wrapped here so vis never breaks a word."""
    lines = wrap(name, TEXT_WIDTH)
    who = holder if holder else (words.ui("vacant", lang) if vacant else None)
    second = " · ".join(x for x in (rank, who) if x)
    if second:
        lines += wrap(second, TEXT_WIDTH)
    if staff is not None:
        lines.append(f"{staff} {words.ui('staff', lang)}")
    if folded:
        lines += wrap(f"({folded})", TEXT_WIDTH)
    if below:
        lines.append(f"▾ {below} {words.ui('below', lang)}")
    return "\n".join(lines)


@dataclass
class Chart:
    """Cards and their layout. `pinned` cards (a ladder beside the chart) keep their place
    whatever is expanded or filtered; the rest is laid out from `tree`."""

    tree: ChartTree
    sizes: dict[str, Size]
    labels: dict[str, str]  # as of the page's date, everything expanded
    variants: dict[str, dict[str, Any]]  # what the page needs to relabel a card
    holders: dict[str, list[Holder]]
    depth: int  # the level opened first
    visible: set[str]
    positions: dict[str, Point]
    pinned: dict[str, Point] = field(default_factory=dict)
    lines: set[str] = field(default_factory=set)  # the edges the layout draws (card → parent)
    controls: bool = True  # status, date and depth controls (not on a ladder-only page)


def build_chart(
    graph: VizGraph,
    holders: Mapping[str, list[Holder]],
    *,
    as_of: dt.date,
    lang: Lang,
    shown_statuses: frozenset[str] = frozenset({"current", "planned"}),
    depth: int | None = None,
) -> Chart:
    """The chart of `graph` (persons already folded): cards, sizes and the first layout, at
    the deepest level that stays readable when no `depth` is asked for."""
    tree = chart_tree(graph)
    day = as_of.isoformat()
    labels: dict[str, str] = {}
    sizes: dict[str, Size] = {}
    variants: dict[str, dict[str, Any]] = {}
    for nid, n in graph.nodes.items():
        below = len(tree.below(nid))
        rank = n.props.get("rank")
        rank_s = str(rank) if rank else None
        staff = staffing_total(n.props.get("staffing"))
        hs = holders.get(nid, [])
        vacant_prop = n.props.get("vacant") is True
        folded = (
            ", ".join(f"+{c} {words.kind(k, lang)}" for k, c in sorted(n.collapsed.items())) or None
        )

        def text(
            holder: str | None,
            vacant: bool,
            n_below: int = below,
            name: str = n.name,
            rank: str | None = rank_s,
            staff: int | None = staff,
            folded: str | None = folded,
        ) -> str:
            return card_text(
                name,
                rank=rank,
                holder=holder,
                vacant=vacant,
                staff=staff,
                below=n_below,
                lang=lang,
                folded=folded,
            )

        now = ", ".join(h.name for h in hs if h.valid_at(day)) or None
        vacant = vacant_prop or (bool(hs) and now is None)
        labels[nid] = text(now, vacant)
        options = {text(h.name, False) for h in hs} | {text(None, vacant_prop or bool(hs))}
        options |= {text(None, vacant_prop or bool(hs), 0)} if below else set()
        if below:
            options |= {t.replace("▾", "▸") for t in options}
        sizes[nid] = card_size(options | {labels[nid]})
        variants[nid] = {
            "title": n.name,
            "rank": rank_s,
            "staff": staff,
            "vacantProp": vacant_prop,
            "holders": [h.as_json() for h in hs],
        }
    shown = {
        nid
        for nid, n in graph.nodes.items()
        if n.status in shown_statuses or n.id == graph.root or n.highlight
    }
    if depth is None:
        depth, positions = readable_depth(tree, sizes, shown)
    else:
        positions = place(tree, sizes, {n for n in shown if tree.depth.get(n, 0) <= depth})
    visible = {n for n in shown if tree.depth.get(n, 0) <= depth}
    for nid in graph.nodes:
        if tree.children.get(nid) and tree.depth.get(nid, 0) >= depth:
            head, _, last = labels[nid].rpartition("\n")
            labels[nid] = f"{head}\n{last.replace('▾', '▸', 1)}" if head else last
    return Chart(
        tree,
        sizes,
        labels,
        variants,
        dict(holders),
        depth,
        visible,
        positions,
        lines=chart_lines(graph, tree),
    )


def chart_lines(graph: VizGraph, tree: ChartTree) -> set[str]:
    """The edges that draw the chart's tree: each card's PART_OF/LEADS to the card it hangs
    under, each head's LEADS to its unit (one per pair). Other structural edges (a director
    also PART_OF the zone) would cross the chart; they show with the other relations."""
    parent = {c: p for p, cs in tree.children.items() for c in cs}
    wanted = set(parent.items()) | {(h, u) for u, h in tree.head.items()}
    lines: set[str] = set()
    for e in sorted(graph.edges, key=lambda e: (e.status != "current", e.id)):
        pair = (e.source, e.target)
        if e.type in {"PART_OF", "LEADS"} and pair in wanted:
            wanted.discard(pair)
            lines.add(e.id)
    return lines


def chart_payload(chart: Chart) -> dict[str, Any]:
    """The chart as the page's script receives it."""
    t = chart.tree
    return {
        "root": t.root,
        "children": {k: v for k, v in t.children.items() if v},
        "head": t.head,
        "depth": t.depth,
        "sizes": {k: [w, h] for k, (w, h) in chart.sizes.items()},
        "cards": chart.variants,
        "openDepth": chart.depth,
        "positions": {k: [x, y] for k, (x, y) in chart.positions.items()},
        "pinned": {k: [x, y] for k, (x, y) in chart.pinned.items()},
        "lines": sorted(chart.lines),
    }
