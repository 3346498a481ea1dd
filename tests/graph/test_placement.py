"""Stored placements (graph/cypher/place.cypher) stay what a fresh walk says, through every
kind of change a load makes: renames, moved units, a second dataset hanging below the first,
a prune, and a database loaded before placements were stored."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from neo4j import Driver

import queries
from graph.catalog import catalog
from graph.cypher import run_query
from graph.errors import ValidationFailed
from graph.placement import PLACEMENT_PROPS, PLACEMENT_RELS, place, place_in_all, walk_all
from graph.schema import LATEST, apply_schema, current_version
from loaders.load import load
from tests.support import DATABASE, stale_placements

Row = dict[str, Any]


def entity(id_: str, kind: str, name: str) -> Row:
    return {"id": id_, "kind": kind, "name": name, "quote": f"{name} ({id_}) bestaat."}


def rel(type_: str, from_: str, to: str) -> Row:
    return {"type": type_, "from": from_, "to": to, "quote": f"{from_} {type_} {to}."}


def write(tmp: Path, name: str, entities: list[Row], relations: list[Row]) -> Path:
    """A dataset with its own source text, which holds every quote it states."""
    sources = tmp / "sources"
    sources.mkdir(exist_ok=True)
    quotes = [e["quote"] for e in entities] + [r["quote"] for r in relations]
    (sources / f"{name}.txt").write_text("\n".join(quotes) + "\n", encoding="utf-8")
    doc = {
        "dataset": name,
        "title": name,
        "sources_dir": "sources",
        "defaults": {"source": name, "status": "current"},
        "sources": [{"id": name, "file": f"{name}.txt", "title": name, "kind": "web page"}],
        "entities": entities,
        "relations": relations,
    }
    path = tmp / f"{name}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def placements(driver: Driver) -> dict[str, tuple[str | None, str | None, list[str]]]:
    rows, _, _ = driver.execute_query(
        "MATCH (n:Entity) RETURN n.id AS id, n.placed_org_id AS org, "
        "n.placed_org_name AS org_name, n.placed_path AS path",
        database_=DATABASE,
    )
    return {r["id"]: (r["org"], r["org_name"], list(r["path"] or [])) for r in rows}


ZONE = [
    entity("po", "Organisation", "Politiezone Oost"),
    entity("po-ops", "Unit", "Operaties"),
    entity("po-wijk", "Unit", "Wijkwerking"),
    entity("po-wijkchef", "Post", "Wijkchef"),
    entity("po-agent", "Post", "Wijkagent"),
    entity("an-peeters", "Person", "An Peeters"),
    entity("becor", "Role", "Bestuurlijk coördinator"),
]
ZONE_RELS = [
    rel("PART_OF", "po-ops", "po"),
    rel("PART_OF", "po-wijk", "po-ops"),
    rel("LEADS", "po-wijkchef", "po-wijk"),
    rel("PART_OF", "po-agent", "po-wijk"),
    rel("HOLDS", "an-peeters", "po-wijkchef"),
    rel("TAKES_ROLE", "po-wijkchef", "becor"),
]


def renamed(entities: list[Row], id_: str, name: str) -> list[Row]:
    return [{**e, "name": name} if e["id"] == id_ else e for e in entities]


def test_a_load_stores_the_walk_and_search_reads_it(db: Driver, tmp_path: Path) -> None:
    load(db, [write(tmp_path, "po", ZONE, ZONE_RELS)], database=DATABASE, sources_dir=None)
    got = placements(db)
    org = ("po", "Politiezone Oost")
    assert got["po"] == (None, None, [])  # no organisation above it
    assert got["po-ops"] == (*org, [])
    assert got["po-wijk"] == (*org, ["Operaties"])
    assert got["po-wijkchef"] == (*org, ["Operaties", "Wijkwerking"])
    assert got["po-agent"] == (*org, ["Operaties", "Wijkwerking"])
    assert got["an-peeters"] == (*org, ["Operaties", "Wijkwerking", "Wijkchef"])
    assert got["becor"] == (None, None, [])  # a role is shared vocabulary: TAKES_ROLE not climbed
    assert stale_placements(db) == 0
    rows = queries.run(db, "search", {"q": "an peeters"}, database=DATABASE)
    top = rows[0]
    assert top["id"] == "an-peeters"
    assert top["organisation"] == {"id": "po", "name": "Politiezone Oost"}
    assert top["path"] == ["Operaties", "Wijkwerking", "Wijkchef"]


def test_renames_moves_and_prunes_reach_everything_below(db: Driver, tmp_path: Path) -> None:
    path = write(tmp_path, "po", ZONE, ZONE_RELS)
    load(db, [path], database=DATABASE, sources_dir=None)
    # A second dataset hangs a team below the first one's unit.
    team = [entity("po-team", "Unit", "Buurtteam"), entity("po-teamlid", "Post", "Teamlid")]
    team_rels = [rel("PART_OF", "po-team", "po-wijk"), rel("PART_OF", "po-teamlid", "po-team")]
    extra = write(tmp_path, "po-extra", team, team_rels)
    load(db, [extra], database=DATABASE, sources_dir=None)
    assert placements(db)["po-teamlid"] == (
        "po",
        "Politiezone Oost",
        ["Operaties", "Wijkwerking", "Buurtteam"],
    )

    # A rename in the first dataset reaches the second's entities, and the organisation's
    # new name every entity inside it.
    zone = renamed(renamed(ZONE, "po-wijk", "Wijkzorg"), "po", "Politiezone Oost-Rand")
    load(db, [write(tmp_path, "po", zone, ZONE_RELS)], database=DATABASE, sources_dir=None)
    got = placements(db)
    assert got["po-teamlid"] == (
        "po",
        "Politiezone Oost-Rand",
        ["Operaties", "Wijkzorg", "Buurtteam"],
    )
    assert got["an-peeters"] == (
        "po",
        "Politiezone Oost-Rand",
        ["Operaties", "Wijkzorg", "Wijkchef"],
    )
    assert stale_placements(db) == 0

    # A unit moved up a level: what hangs below it (in both datasets) loses a step.
    moved = [r for r in ZONE_RELS if r["from"] != "po-wijk"] + [rel("PART_OF", "po-wijk", "po")]
    load(db, [write(tmp_path, "po", zone, moved)], database=DATABASE, sources_dir=None, prune=True)
    got = placements(db)
    assert got["po-wijk"] == ("po", "Politiezone Oost-Rand", [])
    assert got["po-teamlid"] == ("po", "Politiezone Oost-Rand", ["Wijkzorg", "Buurtteam"])
    assert stale_placements(db) == 0

    # A unit that becomes an Organisation of its own takes what lies below it along.
    promoted = [{**e, "kind": "Organisation"} if e["id"] == "po-wijk" else e for e in zone]
    load(db, [write(tmp_path, "po", promoted, moved)], database=DATABASE, sources_dir=None)
    got = placements(db)
    assert got["po-wijk"] == ("po", "Politiezone Oost-Rand", [])  # PART_OF an Organisation
    assert got["po-teamlid"] == ("po-wijk", "Wijkzorg", ["Buurtteam"])
    assert got["an-peeters"] == ("po-wijk", "Wijkzorg", ["Wijkchef"])
    assert stale_placements(db) == 0

    # A relation dropped (--prune) with nothing in its place: the post it placed floats free.
    loose = [r for r in moved if r["from"] != "po-agent"]
    path = write(tmp_path, "po", promoted, loose)
    load(db, [path], database=DATABASE, sources_dir=None, prune=True)
    assert placements(db)["po-agent"] == (None, None, [])
    assert stale_placements(db) == 0

    # A prune drops a post and its relation; the rest stays exact.
    pruned_zone = [e for e in promoted if e["id"] != "po-agent"]
    load(
        db,
        [write(tmp_path, "po", pruned_zone, loose), extra],
        database=DATABASE,
        sources_dir=None,
        prune=True,
    )
    assert "po-agent" not in placements(db)
    assert stale_placements(db) == 0


def test_a_reload_that_changes_nothing_writes_no_placement(db: Driver, tmp_path: Path) -> None:
    path = write(tmp_path, "po", ZONE, ZONE_RELS)
    load(db, [path], database=DATABASE, sources_dir=None)
    with db.session(database=DATABASE) as session:
        changed = session.execute_write(place, [e["id"] for e in ZONE])
    assert changed == 0


def test_a_dataset_cannot_state_a_placement(tmp_path: Path, db: Driver) -> None:
    forged = [{**ZONE[1], "props": {"placed_org_id": "elders"}}, *ZONE[:1]]
    path = write(tmp_path, "po", forged, ZONE_RELS[:1])
    with pytest.raises(ValidationFailed, match="placed_org_id"):
        load(db, [path], database=DATABASE, sources_dir=None)
    assert placements(db) == {}


def test_the_migration_places_a_database_loaded_before_placements(
    db: Driver, tmp_path: Path
) -> None:
    load(db, [write(tmp_path, "po", ZONE, ZONE_RELS)], database=DATABASE, sources_dir=None)
    expected = placements(db)
    props = ", ".join(f"n.{p}" for p in sorted(PLACEMENT_PROPS))
    db.execute_query(f"MATCH (n:Entity) REMOVE {props}", database_=DATABASE)
    run_query(db, catalog().get("graph.set_schema_version"), {"version": 3}, database=DATABASE)
    assert stale_placements(db) > 0
    apply_schema(db, database=DATABASE)
    assert placements(db) == expected
    assert current_version(db, database=DATABASE) == LATEST


# -- the same rule in Python (graph.placement.walk_all, the initial load's) ------------------

Graph = tuple[dict[str, str], set[str], list[tuple[str, str, str]]]  # names, orgs, (type, a, b)

TRICKY: Graph = (
    {x: f"Naam {x}" for x in ("o1", "o2", "o3", "u1", "u2", "u3", "u4", "p1", "p2", "h1", "c1",
                               "c2", "oc", "k1", "solo", *(f"d{i}" for i in range(10)))},
    {"o1", "o2", "o3", "oc", "solo"},
    [
        # a post leading two units of different organisations at the same depth: lowest org id
        ("PART_OF", "u1", "o2"), ("PART_OF", "u2", "o1"), ("LEADS", "p1", "u1"),
        ("LEADS", "p1", "u2"),
        # two equally short walks to one organisation: the lowest ids along it
        ("PART_OF", "u3", "o3"), ("PART_OF", "u4", "o3"), ("LEADS", "p2", "u4"),
        ("LEADS", "p2", "u3"), ("HOLDS", "h1", "p2"),
        # an organisation climbs by PART_OF only, and ends the walk
        ("LEADS", "o1", "u3"), ("PART_OF", "o1", "o2"), ("HOLDS", "o3", "p1"),
        # units in a cycle with no organisation; an organisation back at itself
        ("PART_OF", "c1", "c2"), ("HOLDS", "c2", "c1"),
        ("PART_OF", "oc", "k1"), ("LEADS", "k1", "oc"),
        # an organisation on itself
        ("PART_OF", "solo", "solo"),
        # ten units deep: the lowest are more than eight steps from their organisation
        *(("PART_OF", f"d{i}", f"d{i - 1}" if i else "o1") for i in range(10)),
    ],
)  # fmt: skip


def random_graph(seed: int) -> Graph:
    rnd = random.Random(seed)
    ids = [f"n{i:02d}" for i in range(40)]
    orgs = set(rnd.sample(ids, 6))
    edges = [
        (rnd.choice(["PART_OF", "PART_OF", "LEADS", "HOLDS"]), rnd.choice(ids), rnd.choice(ids))
        for _ in range(rnd.randint(30, 90))
    ]
    return {i: f"Naam {i}" for i in ids}, orgs, edges


def cypher_placements(db: Driver, graph: Graph) -> dict[str, tuple[str, str, list[str]]]:
    """place.cypher on the graph written as it is (no validation: any shape the rule meets)."""
    names, orgs, edges = graph
    db.execute_query(
        "UNWIND $nodes AS n CREATE (e:Entity {id: n.id, name: n.name}) "
        "WITH e, n WHERE n.org CALL (e) { SET e:Organisation }",
        nodes=[{"id": i, "name": name, "org": i in orgs} for i, name in names.items()],
        database_=DATABASE,
    )
    for rtype in sorted(PLACEMENT_RELS):  # a relationship type is part of the query text
        db.execute_query(
            f"UNWIND $edges AS e MATCH (a:Entity {{id: e[0]}}), (b:Entity {{id: e[1]}}) "
            f"CREATE (a)-[:{rtype}]->(b)",
            edges=[[a, b] for t, a, b in edges if t == rtype],
            database_=DATABASE,
        )
    with db.session(database=DATABASE) as session:
        session.execute_write(place_in_all)
    got = placements(db)
    return {i: (o, n, p) for i, (o, n, p) in got.items() if o is not None and n is not None}


def python_placements(graph: Graph) -> dict[str, tuple[str, str, list[str]]]:
    names, orgs, edges = graph
    up: dict[str, list[tuple[str, str]]] = {}
    for t, a, b in edges:
        up.setdefault(a, []).append((t, b))
    return {i: (p.org_id, p.org_name, p.path or []) for i, p in walk_all(names, orgs, up).items()}


def test_the_python_walk_places_as_the_query_does(db: Driver) -> None:
    expected = python_placements(TRICKY)
    assert expected["p1"] == ("o1", "Naam o1", ["Naam u2"])
    assert expected["h1"] == ("o3", "Naam o3", ["Naam u3", "Naam p2"])
    assert expected["o1"] == ("o2", "Naam o2", [])
    assert expected["oc"] == ("oc", "Naam oc", ["Naam k1"])
    assert expected["solo"] == ("solo", "Naam solo", [])
    assert "c1" not in expected and "d8" not in expected and "d7" in expected
    assert cypher_placements(db, TRICKY) == expected


@pytest.mark.parametrize("seed", range(12))
def test_the_python_walk_places_random_graphs_as_the_query_does(db: Driver, seed: int) -> None:
    graph = random_graph(seed)
    expected = python_placements(graph)
    assert len(expected) >= 5  # every seed's graph places some of its nodes
    assert cypher_placements(db, graph) == expected
