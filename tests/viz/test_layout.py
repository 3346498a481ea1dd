"""The org-chart layout (viz/layout.py) and its cards (viz/orgchart.py), pure: no JVM, no
browser. What a reader needs from a chart: the head above its unit, parts below, no two cards
on top of each other, a shape near the screen's, labels that break between words."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from tests.viz.test_viz_html import edge, node
from viz.layout import (
    ASPECT,
    MIN_READABLE_SCALE,
    REFERENCE_CANVAS,
    chart_tree,
    extent,
    fit_scale,
    overlaps,
    place,
    readable_depth,
    text_width,
    wrap,
)
from viz.model import graph_from_row
from viz.orgchart import Holder, build_chart, fold_holders, staffing_total


def zone_row(units: int, posts_each: int, *, sub_units: int = 0) -> dict[str, Any]:
    """An organisation led by a korpschef, `units` units each led by a head with
    `posts_each` posts and `sub_units` units of its own (each with one head)."""
    org = node("z", "Organisation", "Politiezone Proef")
    nodes = [org, node("z-kc", "Post", "Korpschef", rank="HCP")]
    edges = [edge("LEADS", "z-kc", "z"), edge("PART_OF", "z-kc", "z")]
    for i in range(units):
        u = f"z-u{i}"
        nodes += [node(u, "Unit", f"Dienst nummer {i}"), node(f"{u}-h", "Post", f"Hoofd {i}")]
        edges += [edge("PART_OF", u, "z"), edge("LEADS", f"{u}-h", u)]
        for j in range(posts_each):
            nodes.append(node(f"{u}-p{j}", "Post", f"Medewerker {i}.{j}"))
            edges.append(edge("PART_OF", f"{u}-p{j}", u))
        for k in range(sub_units):
            s = f"{u}-s{k}"
            nodes += [node(s, "Unit", f"Team {i}.{k}"), node(f"{s}-h", "Post", f"Teamchef {i}.{k}")]
            edges += [edge("PART_OF", s, u), edge("LEADS", f"{s}-h", s)]
    return {"root": org, "nodes": nodes, "edges": edges}


def chart_of(row: dict[str, Any], depth: int | None = None) -> Any:
    graph = graph_from_row(row)
    holders = fold_holders(graph)
    return graph, build_chart(graph, holders, as_of=dt.date(2025, 6, 1), lang="nl", depth=depth)


def test_head_sits_above_its_unit_and_parts_below() -> None:
    _, chart = chart_of(zone_row(3, 2))
    tree, pos, sizes = chart.tree, chart.positions, chart.sizes
    assert tree.head["z"] == "z-kc" and tree.head["z-u1"] == "z-u1-h"
    assert "z-kc" not in tree.children["z"]  # the korpschef is above the zone, not beside
    for unit, head in tree.head.items():
        assert pos[head][0] == pos[unit][0]  # same column
        assert pos[head][1] + sizes[head][1] / 2 < pos[unit][1] - sizes[unit][1] / 2
    for parent, kids in tree.children.items():
        for kid in kids:
            assert pos[kid][1] > pos[parent][1]


def test_eighteen_siblings_wrap_into_a_chart_near_the_screen_shape_without_overlaps() -> None:
    _, chart = chart_of(zone_row(18, 0))
    assert len(chart.positions) == 2 + 18 * 2
    assert overlaps(chart.positions, chart.sizes) == []
    w, h = extent(chart.positions, chart.sizes)
    assert 0.5 * ASPECT < w / h < 2 * ASPECT, (w, h)  # not one row of 18
    assert fit_scale(chart.positions, chart.sizes, REFERENCE_CANVAS) >= MIN_READABLE_SCALE


def test_a_large_zone_opens_at_a_readable_depth_and_never_overlaps() -> None:
    row = zone_row(6, 8, sub_units=4)  # 1 + 1 + 6*(2 + 8 + 8) = 110 cards
    graph, chart = chart_of(row)
    assert 1 <= chart.depth < max(chart.tree.depth.values())
    assert fit_scale(chart.positions, chart.sizes, REFERENCE_CANVAS) >= MIN_READABLE_SCALE
    for depth in range(1, 4):
        _, deeper = chart_of(row, depth)
        assert overlaps(deeper.positions, deeper.sizes) == []
        assert set(deeper.positions) == {n for n in graph.nodes if deeper.tree.depth[n] <= depth}
    depth, positions = readable_depth(chart.tree, chart.sizes, set(graph.nodes))
    assert (depth, positions) == (chart.depth, chart.positions)


def test_place_is_deterministic_and_only_places_what_hangs_from_visible_parents() -> None:
    graph, chart = chart_of(zone_row(4, 3))
    visible = set(graph.nodes) - {"z-u2"}
    a = place(chart.tree, chart.sizes, visible)
    assert a == place(chart.tree, chart.sizes, set(visible))
    assert "z-u2" not in a and "z-u2-p0" not in a and "z-u2-h" not in a
    assert "z-u3-p0" in a


def test_nodes_outside_the_tree_and_cycles_hang_under_the_root() -> None:
    row = zone_row(1, 0)
    row["nodes"] += [node("x", "Unit", "Los"), node("c1", "Unit", "C1"), node("c2", "Unit", "C2")]
    row["edges"] += [edge("PART_OF", "c1", "c2"), edge("PART_OF", "c2", "c1")]
    tree = chart_tree(graph_from_row(row))
    assert "x" in tree.children["z"]
    placed = {c for kids in tree.children.values() for c in kids}
    assert {"c1", "c2"} <= placed and tree.depth["x"] == 1


def test_labels_break_between_words_or_after_a_hyphen_never_inside_a_word() -> None:
    title = "Operationeel directeur-coördinator van de lokale recherche"
    lines = wrap(title, 120)
    assert " ".join(lines).replace("- ", "-") == title
    assert all(text_width(line) <= 120 for line in lines)
    assert "directeur-" in lines and "coördinator" in " ".join(lines)
    assert wrap("Supercalifragilistischexpialidocious", 60) == [
        "Supercalifragilistischexpialidocious"
    ]  # too long, but whole: the card grows instead


def test_post_cards_show_rank_holder_as_of_the_date_and_vacant() -> None:
    row = zone_row(1, 0)
    row["nodes"] += [node("p-a", "Person", "An Peeters"), node("p-b", "Person", "Bart Claes")]
    row["edges"] += [
        edge("HOLDS", "p-a", "z-kc", valid_from="2020-01-01", valid_to="2024-12-31"),
        edge("HOLDS", "p-b", "z-kc", valid_from="2025-01-01"),
        edge("HOLDS", "p-a", "z-u0-h", valid_to="2023-12-31"),
    ]
    graph = graph_from_row(row)
    holders = fold_holders(graph)
    assert "p-a" not in graph.nodes and {h.name for h in holders["z-kc"]} == {
        "An Peeters",
        "Bart Claes",
    }
    now = build_chart(graph, holders, as_of=dt.date(2025, 6, 1), lang="nl")
    assert now.labels["z-kc"].split("\n")[:2] == ["Korpschef", "HCP · Bart Claes"]
    assert "vacant" in now.labels["z-u0-h"]
    then = build_chart(graph, holders, as_of=dt.date(2022, 6, 1), lang="en")
    assert "An Peeters" in then.labels["z-kc"] and "An Peeters" in then.labels["z-u0-h"]
    # the card is sized for every holder it can show, so a date change never overlaps
    assert now.sizes["z-kc"] == then.sizes["z-kc"]
    assert Holder("x", "x", None, None, "planned").valid_at("2025-01-01") is False


def test_staffing_counts_a_headcount_or_the_sum_by_rank() -> None:
    assert (
        staffing_total([{"count": 41, "note": "medewerkers"}, {"count": 6, "rank": "HINP"}]) == 41
    )
    assert staffing_total([{"count": 6, "rank": "HINP"}, {"count": 35, "rank": "INP"}]) == 41
    assert staffing_total([{"count": 2, "per": "shift"}]) is None
    assert staffing_total(None) is None


def test_no_card_pair_overlaps_in_any_chart_of_many_shapes() -> None:
    for units, posts, subs in itertools.product((1, 5, 12), (0, 3, 9), (0, 2)):
        _, chart = chart_of(zone_row(units, posts, sub_units=subs), depth=3)
        assert overlaps(chart.positions, chart.sizes) == [], (units, posts, subs)
