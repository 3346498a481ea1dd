"""The lookups follow roles to the posts that take them and bodies to the domains they address,
count an organisation's own COVERS, list chairs and vice-chairs, and every row says how it was
found (`via` steps with quotes, `via_text`), scoped to one organisation with `org` (the
membership rule). Two invented zones in one graph, over the vocabulary."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

import queries
from tests.queries.invented import ent, load_text, rel
from tests.support import DATABASE

FUNCTIONALITIES = ("wijkwerking", "onthaal", "interventie", "slachtofferbejegening",
                   "lokale-opsporing", "openbare-orde", "verkeer")  # fmt: skip

S = {
    "zone": "Politiezone Rivierland verzorgt zelf alle zeven basisfunctionaliteiten.",
    "wijk": "De wijkdienst van Rivierland doet de wijkwerking.",
    "college": "Het politiecollege van Rivierland is het bestuursorgaan van de zone.",
    "voorzitter": "Het politiecollege wordt voorgezeten door burgemeester Lies Claes.",
    "onder": "Burgemeester Tom Peeters is ondervoorzitter van het politiecollege.",
    "lid": "Ook de burgemeester van Oeverdorp zetelt namens de zone in het politiecollege.",
    "becor": "Het diensthoofd operaties is Becor van de zone.",
    "dirco": "Als Becor houdt hij contact met de bestuurlijke directeur-coördinator.",
    "sociaal": "De dienst sociale politie van Rivierland neemt de rol van referentiepersoon op.",
    "ref": "De referentiepersoon is het aanspreekpunt voor discriminatie en haatmisdrijven.",
    "overleg": "Het overleg polarisering pakt radicalisering aan.",
    "deel": "De zone neemt deel aan het overleg polarisering.",
    "ops": "Het diensthoofd operaties werkt binnen de politiezone Rivierland.",
    "hb": "Politiezone Heidebos is de buurzone.",
    "hb-becor": "In Heidebos is de korpschef de Becor en hij onderhoudt het contact met de dirco.",
    "hb-chef": "De korpschef van Heidebos leidt de zone.",
    "hb-wijk": "De wijkpost van Heidebos verzorgt de wijkwerking.",
}


def graph(db: Driver, tmp_path: Path) -> None:
    covers = [
        rel("COVERS", "rl", f"functionality-{f}", S["zone"], id=f"rl--covers--{f}")
        for f in FUNCTIONALITIES
    ]
    load_text(
        db,
        tmp_path,
        "rivierland",
        [
            ent("rl", "Organisation", "Politiezone Rivierland", S["zone"]),
            ent("rl-wijkdienst", "Unit", "Wijkdienst", S["wijk"]),
            ent("rl-politiecollege", "Board", "Politiecollege Rivierland", S["college"]),
            ent("lies-claes", "Person", "Lies Claes", S["voorzitter"]),
            ent("tom-peeters", "Person", "Tom Peeters", S["onder"]),
            ent("rl-burgemeester-oeverdorp", "Post", "Burgemeester van Oeverdorp", S["lid"]),
            ent("rl-diensthoofd-operaties", "Post", "Diensthoofd operaties", S["ops"]),
            ent("rl-becor", "Role", "Becor", S["becor"]),
            ent("rl-sociale-politie", "Unit", "Dienst sociale politie", S["sociaal"]),
            ent("rl-referentiepersoon", "Role", "Referentiepersoon", S["ref"]),
            ent("rl-overleg-polarisering", "PartnerBody", "Overleg polarisering", S["overleg"]),
            ent("hb", "Organisation", "Politiezone Heidebos", S["hb"]),
            ent("hb-korpschef", "Post", "Korpschef", S["hb-chef"]),
            ent("hb-becor", "Role", "Becor", S["hb-becor"]),
            ent("hb-wijkpost", "Unit", "Wijkpost", S["hb-wijk"]),
        ],
        [
            *covers,
            rel("PART_OF", "rl-wijkdienst", "rl", S["wijk"]),
            rel("COVERS", "rl-wijkdienst", "functionality-wijkwerking", S["wijk"]),
            rel("PART_OF", "rl-politiecollege", "rl", S["college"]),
            rel("CHAIRS", "lies-claes", "rl-politiecollege", S["voorzitter"]),
            rel("CHAIRS", "tom-peeters", "rl-politiecollege", S["onder"],
                props={"as": "vice-chair"}),
            rel("MEMBER_OF", "rl-burgemeester-oeverdorp", "rl-politiecollege", S["lid"],
                props={"on_behalf_of": "rl"}),
            rel("PART_OF", "rl-diensthoofd-operaties", "rl", S["ops"]),
            rel("TAKES_ROLE", "rl-diensthoofd-operaties", "rl-becor", S["becor"]),
            rel("LIAISES_WITH", "rl-becor", "federal-dirco", S["dirco"]),
            rel("PART_OF", "rl-sociale-politie", "rl", S["sociaal"]),
            rel("TAKES_ROLE", "rl-sociale-politie", "rl-referentiepersoon", S["sociaal"]),
            rel("RESPONSIBLE_FOR", "rl-referentiepersoon", "discriminatie-haatmisdrijven",
                S["ref"]),
            rel("ADDRESSES", "rl-overleg-polarisering", "radicalisering", S["overleg"]),
            rel("PARTICIPATES_IN", "rl", "rl-overleg-polarisering", S["deel"]),
            rel("LEADS", "hb-korpschef", "hb", S["hb-chef"]),
            rel("TAKES_ROLE", "hb-korpschef", "hb-becor", S["hb-becor"]),
            rel("LIAISES_WITH", "hb-becor", "federal-dirco", S["hb-becor"]),
            rel("PART_OF", "hb-wijkpost", "hb", S["hb-wijk"]),
            rel("COVERS", "hb-wijkpost", "functionality-wijkwerking", S["hb-wijk"]),
        ],
        vocab=True,
    )  # fmt: skip


@pytest.fixture
def two_zones(db: Driver, tmp_path: Path) -> Driver:
    graph(db, tmp_path)
    return db


def run(db: Driver, name: str, **params: Any) -> list[dict[str, Any]]:
    return queries.run(db, name, params, database=DATABASE)


def step(type: str, frm: str, to: str, quote: str) -> tuple[str, str, str, str]:
    return (type, frm, to, quote)


def steps(row: dict[str, Any], *, walk: bool = True) -> list[tuple[str, str, str, str]]:
    """A row's `via`, each step with its quote and source; with `walk`, checked to be one
    connected walk from the row's entity (coverage lists parallel COVERS instead)."""
    via = row["via"]
    if walk:
        assert via[0]["from"]["id"] == row["id"], via
        for a, b in itertools.pairwise(via):
            assert a["to"]["id"] == b["from"]["id"], via
    assert all(s["quote"] and s["source"] == "rivierland" for s in via), via
    return [(s["type"], s["from"]["id"], s["to"]["id"], s["quote"]) for s in via]


def test_coverage_counts_the_zones_own_covers_and_its_units(two_zones: Driver) -> None:
    rows = run(two_zones, "functionality_coverage", zone="rl")
    assert [r["covered"] for r in rows] == [True] * 7
    wijk = rows[0]
    assert wijk["code"] == "wijkwerking"
    assert [(u["id"], u["kind"]) for u in wijk["units"]] == [
        ("rl", "Organisation"), ("rl-wijkdienst", "Unit"),
    ]  # fmt: skip
    assert steps(wijk, walk=False) == [
        step("COVERS", "rl", "functionality-wijkwerking", S["zone"]),
        step("COVERS", "rl-wijkdienst", "functionality-wijkwerking", S["wijk"]),
    ]
    assert wijk["via_text"] == "COVERS door Politiezone Rivierland, Wijkdienst"
    # The other zone covers only wijkwerking, through its wijkpost; the rest says so.
    other = run(two_zones, "functionality_coverage", zone="hb")
    assert [r["covered"] for r in other] == [True] + [False] * 6
    assert (other[1]["via"], other[1]["via_text"]) == ([], "geen COVERS")


def test_chairs_and_vice_chairs_of_an_organisation(two_zones: Driver) -> None:
    rows = run(two_zones, "chairs", org="rl")
    got = [(r["body"]["id"], r["capacity"], r["id"], r["via_text"]) for r in rows]
    assert got == [
        ("rl-politiecollege", "chairs", "lies-claes", "direct (CHAIRS)"),
        ("rl-politiecollege", "vice-chair", "tom-peeters", "direct (CHAIRS)"),
    ]
    assert steps(rows[1]) == [step("CHAIRS", "tom-peeters", "rl-politiecollege", S["onder"])]
    assert run(two_zones, "chairs", org="hb") == []
    assert len(run(two_zones, "chairs")) == 2  # without org: every chair in the graph


def test_participants_list_chair_vice_chair_and_members(two_zones: Driver) -> None:
    rows = run(two_zones, "forum_participants", id="rl-politiecollege")
    got = [(r["capacity"], r["id"], r["on_behalf_of"]) for r in rows]
    assert got == [
        ("chairs", "lies-claes", None),
        ("vice-chair", "tom-peeters", None),
        ("member", "rl-burgemeester-oeverdorp", {"id": "rl", "name": "Politiezone Rivierland"}),
    ]
    assert [r["via_text"] for r in rows] == [
        "direct (CHAIRS)", "direct (CHAIRS)", "direct (MEMBER_OF)",
    ]  # fmt: skip
    assert steps(rows[2]) == [
        step("MEMBER_OF", "rl-burgemeester-oeverdorp", "rl-politiecollege", S["lid"])
    ]


def test_contact_with_the_dirco_reaches_the_post_taking_becor(two_zones: Driver) -> None:
    rows = run(two_zones, "contact_for", task="federale dirco", org="rl")
    got = [(r["task_id"], r["id"], r["relation"], r["via_text"]) for r in rows]
    assert got == [
        ("federal-dirco", "rl-becor", "LIAISES_WITH", "direct (LIAISES_WITH)"),
        ("federal-dirco", "rl-diensthoofd-operaties", "LIAISES_WITH", "via rol Becor"),
    ]
    assert rows[1]["via_role"] == {"id": "rl-becor", "name": "Becor"}
    assert rows[1]["organisation"] == {"id": "rl", "name": "Politiezone Rivierland"}
    assert steps(rows[1]) == [
        step("TAKES_ROLE", "rl-diensthoofd-operaties", "rl-becor", S["becor"]),
        step("LIAISES_WITH", "rl-becor", "federal-dirco", S["dirco"]),
    ]
    # Without org both zones' Becors answer; with the other zone only its korpschef's.
    everyone = {r["id"] for r in run(two_zones, "contact_for", task="dirco")}
    assert everyone == {"rl-becor", "rl-diensthoofd-operaties", "hb-becor", "hb-korpschef"}
    heidebos = {r["id"] for r in run(two_zones, "contact_for", task="dirco", org="hb")}
    assert heidebos == {"hb-becor", "hb-korpschef"}


def test_responsible_follows_roles_to_units_and_bodies_to_domains(two_zones: Driver) -> None:
    rows = run(two_zones, "responsible_for", target="discriminatie-haatmisdrijven")
    got = [(r["id"], r["relation"], r["direct"], r["via_text"]) for r in rows]
    assert got == [
        ("rl-referentiepersoon", "RESPONSIBLE_FOR", True, "direct (RESPONSIBLE_FOR)"),
        ("rl-sociale-politie", "RESPONSIBLE_FOR", False, "via rol Referentiepersoon"),
    ]
    assert steps(rows[1]) == [
        step("TAKES_ROLE", "rl-sociale-politie", "rl-referentiepersoon", S["sociaal"]),
        step("RESPONSIBLE_FOR", "rl-referentiepersoon", "discriminatie-haatmisdrijven", S["ref"]),
    ]
    assert run(two_zones, "responsible_for", target="discriminatie-haatmisdrijven", org="hb") == []
    radical = run(two_zones, "responsible_for", target="radicalisering", org="rl")
    assert [(r["id"], r["relation"]) for r in radical] == [("rl-overleg-polarisering", "ADDRESSES")]
    assert steps(radical[0]) == [
        step("ADDRESSES", "rl-overleg-polarisering", "radicalisering", S["overleg"])
    ]


def test_who_represents_says_how_and_on_whose_behalf(two_zones: Driver) -> None:
    rows = run(two_zones, "who_represents", at="rl-politiecollege")
    assert [(r["id"], r["relation"], r["on_behalf_of"], r["via_text"]) for r in rows] == [
        ("rl-burgemeester-oeverdorp", "MEMBER_OF", {"id": "rl", "name": "Politiezone Rivierland"},
         "direct (MEMBER_OF)"),
    ]  # fmt: skip
    assert steps(rows[0]) == [
        step("MEMBER_OF", "rl-burgemeester-oeverdorp", "rl-politiecollege", S["lid"])
    ]
