"""chain_of_command climbs only upward lines, never sideways, on the shapes other zones' pages
have: a post that LEADS several units and states no REPORTS_TO (a ploegcommandant over the
interventieploeg and the atlasploeg; a directeur over the interventiekorps and SICAD; a
korpschef over the zone and its korpsleiding). Each shape is a small invented dataset and the
chain is asserted exactly: (depth, id, via)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from neo4j import Driver

import queries
from tests.queries.invented import ent, load_text, rel
from tests.support import DATABASE

Chain = list[tuple[int, str, str | None]]


def chain(db: Driver, id: str) -> Chain:
    rows = queries.run(db, "chain_of_command", {"id": id}, database=DATABASE)
    start = rows[0]
    # The start row is the start itself and carries no step's relation, line or quote.
    assert (start["depth"], start["id"]) == (0, id)
    assert (start["via"], start["line"], start["source"]) == (None, None, None)
    return [(r["depth"], r["id"], r["via"]) for r in rows]


def ploegen(db: Driver, tmp_path: Path) -> None:
    """The ploegcommandant leads the interventieploeg and the atlasploeg, both in the dienst
    interventie, and reports to nobody; the diensthoofd interventie reports to the korpschef."""
    say: dict[str, Any] = {
        "zone": "Politiezone Heuvelrand bedient drie gemeenten.",
        "dienst": "De dienst interventie maakt deel uit van de politiezone Heuvelrand.",
        "hoofd": "Het diensthoofd interventie leidt de dienst interventie.",
        "rapport": "Het diensthoofd interventie rapporteert aan de korpschef.",
        "chef": "De korpschef leidt de politiezone.",
        "ploegen": "Binnen de dienst interventie werken de interventieploeg en de atlasploeg.",
        "pc": "De ploegcommandant stuurt zowel de interventieploeg als de atlasploeg aan.",
    }
    load_text(
        db,
        tmp_path,
        "heuvelrand",
        [
            ent("hr", "Organisation", "Politiezone Heuvelrand", say["zone"]),
            ent("hr-korpschef", "Post", "Korpschef", say["chef"]),
            ent("hr-dienst-interventie", "Unit", "Dienst interventie", say["dienst"]),
            ent("hr-diensthoofd", "Post", "Diensthoofd interventie", say["hoofd"]),
            ent("hr-interventieploeg", "Unit", "Interventieploeg", say["ploegen"]),
            ent("hr-atlasploeg", "Unit", "Atlasploeg", say["ploegen"]),
            ent("hr-ploegcommandant", "Post", "Ploegcommandant", say["pc"]),
        ],
        [
            rel("PART_OF", "hr-dienst-interventie", "hr", say["dienst"]),
            rel("LEADS", "hr-diensthoofd", "hr-dienst-interventie", say["hoofd"]),
            rel("REPORTS_TO", "hr-diensthoofd", "hr-korpschef", say["rapport"],
                props={"line": "hierarchical"}),
            rel("LEADS", "hr-korpschef", "hr", say["chef"]),
            rel("PART_OF", "hr-interventieploeg", "hr-dienst-interventie", say["ploegen"]),
            rel("PART_OF", "hr-atlasploeg", "hr-dienst-interventie", say["ploegen"]),
            rel("LEADS", "hr-ploegcommandant", "hr-interventieploeg", say["pc"]),
            rel("LEADS", "hr-ploegcommandant", "hr-atlasploeg", say["pc"]),
        ],
    )  # fmt: skip


def test_the_atlasploeg_is_not_above_an_interventieploeg(db: Driver, tmp_path: Path) -> None:
    ploegen(db, tmp_path)
    assert chain(db, "hr-interventieploeg") == [
        (0, "hr-interventieploeg", None),
        (1, "hr-dienst-interventie", "PART_OF"),
        (1, "hr-ploegcommandant", "LEADS"),
        (2, "hr-diensthoofd", "LEADS"),
        (3, "hr-korpschef", "REPORTS_TO"),
    ]
    # From the head of both ploegen: past the units it leads to their parent, never to them.
    assert chain(db, "hr-ploegcommandant") == [
        (0, "hr-ploegcommandant", None),
        (1, "hr-dienst-interventie", "PART_OF"),
        (2, "hr-diensthoofd", "LEADS"),
        (3, "hr-korpschef", "REPORTS_TO"),
    ]
    assert chain(db, "hr-atlasploeg")[1:3] == [
        (1, "hr-dienst-interventie", "PART_OF"),
        (1, "hr-ploegcommandant", "LEADS"),
    ]
    # The view draws the same chain: neither ploeg, nor the steps through them.
    (view,) = queries.run(db, "graph_chain_of_command", {"id": "hr-ploegcommandant"},
                          database=DATABASE)  # fmt: skip
    assert [n["id"] for n in view["nodes"]] == [
        "hr-ploegcommandant", "hr-dienst-interventie", "hr-diensthoofd", "hr-korpschef",
    ]  # fmt: skip
    assert [(e["type"], e["from"], e["to"]) for e in view["edges"]] == [
        ("LEADS", "hr-diensthoofd", "hr-dienst-interventie"),
        ("REPORTS_TO", "hr-diensthoofd", "hr-korpschef"),
    ]
    assert view["org"] == "hr"


def test_the_interventiekorps_is_not_above_sicad(db: Driver, tmp_path: Path) -> None:
    say = {
        "org": "De politie van Kustland is een korps met een directie operaties.",
        "directie": "De directie operaties van Kustland omvat het interventiekorps en het SICAD.",
        "dir": "De directeur operaties leidt het interventiekorps en het SICAD.",
        "chef": "De korpschef van Kustland leidt het korps.",
    }
    load_text(
        db,
        tmp_path,
        "kustland",
        [
            ent("kl", "Organisation", "Politie Kustland", say["org"]),
            ent("kl-korpschef", "Post", "Korpschef", say["chef"]),
            ent("kl-directie-operaties", "Unit", "Directie operaties", say["directie"]),
            ent("kl-interventiekorps", "Unit", "Interventiekorps", say["directie"]),
            ent("kl-sicad", "Unit", "SICAD", say["directie"]),
            ent("kl-directeur-operaties", "Post", "Directeur operaties", say["dir"]),
        ],
        [
            rel("PART_OF", "kl-directie-operaties", "kl", say["org"]),
            rel("PART_OF", "kl-interventiekorps", "kl-directie-operaties", say["directie"]),
            rel("PART_OF", "kl-sicad", "kl-directie-operaties", say["directie"]),
            rel("LEADS", "kl-directeur-operaties", "kl-interventiekorps", say["dir"]),
            rel("LEADS", "kl-directeur-operaties", "kl-sicad", say["dir"]),
            rel("LEADS", "kl-korpschef", "kl", say["chef"]),
        ],
    )
    assert chain(db, "kl-sicad") == [
        (0, "kl-sicad", None),
        (1, "kl-directeur-operaties", "LEADS"),
        (1, "kl-directie-operaties", "PART_OF"),
        (2, "kl", "PART_OF"),
        (3, "kl-korpschef", "LEADS"),
    ]
    assert chain(db, "kl-directeur-operaties") == [
        (0, "kl-directeur-operaties", None),
        (1, "kl-directie-operaties", "PART_OF"),
        (2, "kl", "PART_OF"),
        (3, "kl-korpschef", "LEADS"),
    ]


def test_a_korpsleiding_is_not_above_its_korpschef(db: Driver, tmp_path: Path) -> None:
    say = {
        "zone": "Politiezone Vlasdal is een politiezone.",
        "chef": "De korpschef leidt de politiezone Vlasdal en de korpsleiding.",
        "kl": "De korpsleiding is het hoogste overleg binnen de politiezone Vlasdal.",
        "dh": "Het diensthoofd personeel werkt binnen de politiezone Vlasdal.",
    }
    load_text(
        db,
        tmp_path,
        "vlasdal",
        [
            ent("vd", "Organisation", "Politiezone Vlasdal", say["zone"]),
            ent("vd-korpschef", "Post", "Korpschef", say["chef"]),
            ent("vd-korpsleiding", "Unit", "Korpsleiding", say["kl"]),
            ent("vd-diensthoofd-personeel", "Post", "Diensthoofd personeel", say["dh"]),
        ],
        [
            rel("LEADS", "vd-korpschef", "vd", say["chef"]),
            rel("LEADS", "vd-korpschef", "vd-korpsleiding", say["chef"]),
            rel("PART_OF", "vd-korpsleiding", "vd", say["kl"]),
            rel("PART_OF", "vd-diensthoofd-personeel", "vd", say["dh"]),
        ],
    )
    # Nothing is stated above the korpschef: what it leads is not above it.
    assert chain(db, "vd-korpschef") == [(0, "vd-korpschef", None)]
    assert chain(db, "vd-diensthoofd-personeel") == [
        (0, "vd-diensthoofd-personeel", None),
        (1, "vd", "PART_OF"),
        (2, "vd-korpschef", "LEADS"),
    ]
    assert chain(db, "vd-korpsleiding") == [
        (0, "vd-korpsleiding", None),
        (1, "vd-korpschef", "LEADS"),
        (1, "vd", "PART_OF"),
    ]
