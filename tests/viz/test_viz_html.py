"""The HTML building of `viz`, without a database: escaping, self-containment, budget, levels."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from graph.errors import ViewTooLarge
from viz import chain_page, hierarchy_page, landing_html, neighbourhood_page, partner_page
from viz.budget import apply_budget
from viz.model import assign_tree_levels, graph_from_row
from viz.render import message_html, script_json

EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|srcset)\s*=\s*["']?\s*|url\(\s*["']?\s*|@import\s+["'])"""
    r"""(?:https?:)?//""",
    re.IGNORECASE,
)
HOSTILE = '</script><script>window.pwned=1</script><img src=x onerror="window.pwned=2">'


def node(id_: str, kind: str, name: str, **props: Any) -> dict[str, Any]:
    return {"id": id_, "kind": kind, "name": name, "status": "current", **props}


def edge(type_: str, a: str, b: str, **props: Any) -> dict[str, Any]:
    return {
        "id": f"{a}--{type_.lower()}--{b}",
        "type": type_,
        "from": a,
        "to": b,
        "props": {"id": f"{a}--{type_.lower()}--{b}", "status": "current", **props},
    }


def org_row() -> dict[str, Any]:
    org = node("zone-x", "Organisation", "Politiezone Coördinatie – Zuid")
    nodes = [
        org,
        node("zone-x-dienst", "Unit", "Dienst Opsporing", quote="De dienst staat onder leiding…"),
        node("zone-x-pijler", "Unit", "Pijler Wijk/Verkeer", status="planned"),
        node("zone-x-hoofd", "Post", "Diensthoofd", valid_from="2020-01-01"),
        node("zone-x-jan", "Person", "Jan Peeters"),
    ]
    edges = [
        edge("PART_OF", "zone-x-dienst", "zone-x", quote="maakt deel uit van de zone"),
        edge("PART_OF", "zone-x-pijler", "zone-x", status="planned", quote="3 pijlers"),
        edge("LEADS", "zone-x-hoofd", "zone-x-dienst", quote="onder leiding van het diensthoofd"),
        edge("HOLDS", "zone-x-jan", "zone-x-hoofd", quote="Jan Peeters is diensthoofd"),
    ]
    return {"root": org, "nodes": nodes, "edges": edges}


def payload(html: str) -> dict[str, Any]:
    m = re.search(r'<script id="viz-data" type="application/json">(.*?)</script>', html, re.S)
    assert m, "no embedded data"
    data: dict[str, Any] = json.loads(m.group(1))
    return data


def test_hierarchy_is_an_org_chart_with_cards_and_planned_style() -> None:
    page = hierarchy_page([org_row()])
    data = payload(page.html)
    by_id = {n["id"]: n for n in data["nodes"]}
    # the person is folded into the card of the post held; the head sits at its unit's level
    assert "zone-x-jan" not in by_id
    assert "Jan Peeters" in by_id["zone-x-hoofd"]["label"]
    assert [by_id[i]["level"] for i in ("zone-x", "zone-x-dienst", "zone-x-hoofd")] == [0, 1, 1]
    # head above its unit, the unit below the organisation (positions from viz/layout.py)
    assert by_id["zone-x-hoofd"]["y"] < by_id["zone-x-dienst"]["y"]
    assert by_id["zone-x"]["y"] < by_id["zone-x-hoofd"]["y"]
    assert by_id["zone-x-pijler"]["shapeProperties"]["borderDashes"]
    planned_edge = next(e for e in data["edges"] if e["from"] == "zone-x-pijler")
    assert planned_edge["dashes"]
    assert planned_edge["label"] is None  # the chart's lines say "part of" by their place
    assert planned_edge["meta"]["kindLabel"] == "maakt deel uit van"
    assert "3 pijlers" in planned_edge["title"]
    assert data["options"]["layout"]["hierarchical"]["enabled"] is False
    assert data["options"]["physics"]["enabled"] is False
    assert (page.nodes, page.edges) == (4, 3)


def test_utf8_and_accents_intact() -> None:
    html = hierarchy_page([org_row()]).html
    assert '<meta charset="utf-8">' in html
    assert "Coördinatie – Zuid" in html  # in the title, escaped as nothing (plain UTF-8)
    first = payload(html)["nodes"][0]
    assert first["meta"]["name"] == "Politiezone Coördinatie – Zuid"
    assert first["label"].startswith("Politiezone\nCoördinatie – Zuid")  # wrapped at a space


def test_hostile_strings_are_escaped_everywhere() -> None:
    row = org_row()
    row["nodes"][1]["name"] = HOSTILE
    row["nodes"][1]["quote"] = HOSTILE
    row["root"]["name"] = HOSTILE
    row["nodes"][0]["name"] = HOSTILE
    row["edges"][0]["props"]["quote"] = HOSTILE
    for page in (hierarchy_page([row]), partner_page([row])):
        assert "<script>window.pwned" not in page.html
        assert "<img src=x" not in page.html
        data = payload(page.html)  # the JSON still carries the exact text
        names = {n["meta"]["name"] for n in data["nodes"]}
        assert HOSTILE in names
    assert "<script>" not in script_json({"a": "</script><script>"})
    msg = message_html("t", HOSTILE)
    assert "<img src=x" not in msg and "&lt;/script&gt;" in msg


def test_no_external_urls_in_any_generated_html() -> None:
    chain = {
        "root": node("zone-x-hoofd", "Post", "Diensthoofd"),
        "org": "zone-x",
        "nodes": [node("zone-x-hoofd", "Post", "Diensthoofd"), node("zone-x", "Organisation", "Z")],
        "edges": [edge("PART_OF", "zone-x-hoofd", "zone-x")],
    }
    nb = org_row()
    for n in nb["nodes"]:
        n["depth"] = 0 if n["id"] == "zone-x" else 1
    pages = [
        hierarchy_page([org_row()]).html,
        partner_page([org_row()]).html,
        neighbourhood_page([nb], depth=1).html,
        chain_page([chain], [org_row()]).html,
        landing_html(),
        message_html("x", "y"),
        hierarchy_page([org_row()], budget=1).html,  # the refusal page
    ]
    for html in pages:
        assert not EXTERNAL.findall(html), EXTERNAL.findall(html)[:3]
        assert "cdn" not in html.lower().split("vis-network")[0][:2000]


def big_row(level1: int, level2_each: int) -> dict[str, Any]:
    org = node("o", "Organisation", "Org")
    nodes, edges = [org], []
    for i in range(level1):
        nodes.append(node(f"u{i}", "Unit", f"Unit {i}"))
        edges.append(edge("PART_OF", f"u{i}", "o"))
        for j in range(level2_each):
            nodes.append(node(f"p{i}-{j}", "Post", f"Post {i}.{j}"))
            edges.append(edge("PART_OF", f"p{i}-{j}", f"u{i}"))
    return {"root": org, "nodes": nodes, "edges": edges}


def test_budget_folds_the_deepest_level_into_counts() -> None:
    page = hierarchy_page([big_row(10, 20)], budget=50)
    assert not page.refused
    assert (page.nodes, page.edges) == (11, 10)
    assert page.message and "211" in page.message and "budget van 50" in page.message
    data = payload(page.html)
    unit = next(n for n in data["nodes"] if n["id"] == "u3")
    assert "+20 Functie" in unit["label"]
    assert 'id="budget-message"' in page.html


def test_budget_refuses_when_even_the_first_level_is_too_big() -> None:
    page = hierarchy_page([big_row(60, 1)], budget=50)
    assert page.refused
    assert "smallere weergave" in (page.message or "")
    assert "vis.Network" not in page.html
    graph = graph_from_row(big_row(60, 1))
    assign_tree_levels(graph)
    with pytest.raises(ViewTooLarge):
        apply_budget(graph, 50)


def test_budget_never_folds_the_highlighted_chain() -> None:
    row = big_row(3, 30)
    chain = {
        "root": node("p1-29", "Post", "Post 1.29"),
        "org": "o",
        "nodes": [node("p1-29", "Post", "Post 1.29"), node("u1", "Unit", "Unit 1"), row["root"]],
        "edges": [edge("PART_OF", "p1-29", "u1"), edge("PART_OF", "u1", "o")],
    }
    page = chain_page([chain], [row], budget=10)
    ids = {n["id"] for n in payload(page.html)["nodes"]}
    # the chain is the ladder (never folded); the organisation behind it is
    assert {"ladder:p1-29", "ladder:u1", "ladder:o"} <= ids
    assert "p0-0" not in ids and page.message


def test_boards_and_systems_have_their_own_style_and_dutch_legend() -> None:
    from viz.style import KIND_STYLES, kind_style

    board, system, forum = kind_style("Board"), kind_style("System"), kind_style("Forum")
    # a Board is a collegial body: drawn with the forum's shape, in a colour of its own
    assert board.shape == forum.shape and board.color != forum.color
    assert (board.label, system.label) == ("Bestuursorgaan", "Systeem")
    # no two kinds look alike (colour and shape together), the System least of all
    looks = [(s.color, s.shape) for s in KIND_STYLES.values()]
    assert len(set(looks)) == len(looks)
    assert system.color not in {s.color for k, s in KIND_STYLES.items() if k != "System"}
    # the page draws them so and names them in the legend
    row = org_row()
    row["nodes"] += [
        node("zone-x-college", "Board", "Politiecollege"),
        node("zone-x-ang", "System", "ANG"),
    ]
    row["edges"] += [
        edge("PART_OF", "zone-x-college", "zone-x"),
        edge("USES", "zone-x", "zone-x-ang"),
    ]
    chart = {n["id"]: n for n in payload(hierarchy_page([row]).html)["nodes"]}
    # the org chart draws cards, in the kind's colour
    assert chart["zone-x-college"]["color"]["background"] == board.color
    page = partner_page([row])
    by_id = {n["id"]: n for n in payload(page.html)["nodes"]}
    assert by_id["zone-x-college"]["shape"] == "diamond"
    assert by_id["zone-x-ang"]["shape"] == "database"
    assert "Bestuursorgaan" in page.html and "Systeem" in page.html
