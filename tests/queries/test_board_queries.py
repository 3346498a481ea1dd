"""A Board (issue 14) loads into a real Neo4j and the library queries answer about it: who sits
in it (who_represents, with the members' own organisation when no on_behalf_of is given) and
the entity with its chair, its decisions and who asked for them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from neo4j import Driver

import queries
from loaders.load import load
from tests.support import DATABASE

TEXT = (
    "Het politiecollege bestaat uit de burgemeesters van de twee gemeenten. "
    "Het politiecollege wordt voorgezeten door burgemeester An Peeters. "
    "Op vraag van de korpschef keurde het politiecollege het protocol bodycams goed. "
    "De korpschef vertegenwoordigt de zone in het politiecollege. "
    "Het LIK beheert de registraties in ISLP.\n"
)

DATASET = """\
dataset: zone-test
defaults:
  source: src
sources:
  - id: src
    file: zone-test.txt
    title: Zone test
    kind: web page
entities:
  - {id: zone-test, kind: Organisation, name: Politiezone Test, quote: "de zone"}
  - id: zone-test-politiecollege
    kind: Board
    name: Politiecollege
    type: politiecollege
    quote: "Het politiecollege bestaat uit de burgemeesters van de twee gemeenten."
  - {id: burgemeester-a, kind: Post, name: Burgemeester A, quote: "de burgemeesters"}
  - {id: an-peeters, kind: Person, name: An Peeters, quote: "burgemeester An Peeters"}
  - {id: zone-test-korpschef, kind: Post, name: Korpschef, quote: "de korpschef"}
  - {id: zone-test-protocol, kind: Plan, name: Protocol bodycams, quote: "het protocol bodycams"}
  - {id: zone-test-lik, kind: Unit, name: LIK, quote: "Het LIK"}
  - {id: islp, kind: System, name: ISLP, quote: "ISLP"}
relations:
  - type: PART_OF
    from: zone-test-politiecollege
    to: zone-test
    quote: "Het politiecollege bestaat uit"
  - type: PART_OF
    from: zone-test-korpschef
    to: zone-test
    quote: "De korpschef vertegenwoordigt de zone"
  - type: MEMBER_OF
    from: burgemeester-a
    to: zone-test-politiecollege
    props: {on_behalf_of: zone-test}
    quote: "Het politiecollege bestaat uit de burgemeesters van de twee gemeenten."
  - type: CHAIRS
    from: an-peeters
    to: zone-test-politiecollege
    quote: "Het politiecollege wordt voorgezeten door burgemeester An Peeters."
  - type: APPROVES
    from: zone-test-politiecollege
    to: zone-test-protocol
    props: {requested_by: zone-test-korpschef}
    quote: "Op vraag van de korpschef keurde het politiecollege het protocol bodycams goed."
  - type: REPRESENTS_AT
    from: zone-test-korpschef
    to: zone-test-politiecollege
    quote: "De korpschef vertegenwoordigt de zone in het politiecollege."
  - type: MANAGES
    from: zone-test-lik
    to: islp
    quote: "Het LIK beheert de registraties in ISLP."
"""


def run(driver: Driver, name: str, **params: Any) -> list[dict[str, Any]]:
    return queries.run(driver, name, params, database=DATABASE)


def test_a_board_loads_and_the_queries_answer_about_it(db: Driver, tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "zone-test.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "zone-test.yaml"
    path.write_text(DATASET, encoding="utf-8")
    load(db, [path], database=DATABASE, sources_dir=tmp_path / "sources")

    labels, _, _ = db.execute_query(
        "MATCH (n:Entity) WHERE n.id IN ['zone-test-politiecollege', 'islp'] "
        "RETURN n.id AS id, labels(n) AS labels ORDER BY id",
        database_=DATABASE,
    )
    assert [(r["id"], sorted(r["labels"])) for r in labels] == [
        ("islp", ["Entity", "System"]),
        ("zone-test-politiecollege", ["Board", "Entity"]),
    ]

    members = run(db, "who_represents", at="zone-test-politiecollege")
    got = {(r["id"], r["relation"], (r["on_behalf_of"] or {}).get("id")) for r in members}
    # The korpschef's REPRESENTS_AT has no on_behalf_of: his own organisation answers.
    assert got == {
        ("burgemeester-a", "MEMBER_OF", "zone-test"),
        ("zone-test-korpschef", "REPRESENTS_AT", "zone-test"),
    }
    chief = next(r for r in members if r["id"] == "zone-test-korpschef")
    assert chief["source"]["quote"] == (
        "De korpschef vertegenwoordigt de zone in het politiecollege."
    )
    assert run(db, "who_represents", at="zone-test-politiecollege", org="zone-test")

    (board,) = run(db, "entity", id="zone-test-politiecollege")
    assert board["kind"] == "Board"
    rels = {(r["type"], r["direction"], r["other"]["id"]): r for r in board["relationships"]}
    assert set(rels) == {
        ("APPROVES", "out", "zone-test-protocol"),
        ("PART_OF", "out", "zone-test"),
        ("CHAIRS", "in", "an-peeters"),
        ("MEMBER_OF", "in", "burgemeester-a"),
        ("REPRESENTS_AT", "in", "zone-test-korpschef"),
    }
    approval = rels[("APPROVES", "out", "zone-test-protocol")]
    assert approval["props"]["requested_by"] == "zone-test-korpschef"
    assert approval["source"]["quote"].startswith("Op vraag van de korpschef")

    (system,) = run(db, "entity", id="islp")
    assert [(r["type"], r["direction"], r["other"]["id"]) for r in system["relationships"]] == [
        ("MANAGES", "in", "zone-test-lik")
    ]
