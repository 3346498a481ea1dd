"""Each library query answers the analysts' questions correctly on the seed data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from neo4j import Driver

import queries
from graph.errors import Ambiguous, NotFound, QueryError
from queries.resolve import resolve_entity
from tests.support import DATABASE


def run(driver: Driver, name: str, **params: Any) -> list[dict[str, Any]]:
    return queries.run(driver, name, params, database=DATABASE)


def ids(rows: list[dict[str, Any]], key: str = "id") -> list[str]:
    return [r[key] for r in rows]


# -- resolution and search ----------------------------------------------------------------


@pytest.mark.parametrize(
    "ref", ["O-LTF", "oltf", "OLTF", "o-ltf", "Operationele Local Taskforce Foreign Fighters",
            "operationele local taskforce", "o-ltf-zone-000"],
)  # fmt: skip
def test_o_ltf_resolves_to_the_one_body(seeded: Driver, ref: str) -> None:
    got = resolve_entity(seeded, ref, database=DATABASE)
    assert {k: got[k] for k in ("id", "name", "kind")} == {
        "id": "o-ltf-zone-000",
        "name": "Operationele Local Taskforce Foreign Fighters",
        "kind": "PartnerBody",
    }


def test_resolution_is_accent_and_case_insensitive(seeded: Driver) -> None:
    got = resolve_entity(seeded, "VOETBALCOORDINATOR", database=DATABASE)
    assert got["id"] == "zone-000-voetbalcoordinator"
    assert resolve_entity(seeded, "dsi", database=DATABASE, kinds=["Unit"])["id"] == "zone-000-dsi"


def test_shared_name_is_ambiguous_with_candidates(seeded: Driver) -> None:
    with pytest.raises(Ambiguous) as e:
        resolve_entity(seeded, "Korpschef", database=DATABASE)
    cands = {c["id"] for c in e.value.candidates}
    assert {"zone-000-korpschef", "lokeren-korpschef"} <= cands
    assert all(set(c) == {"id", "name", "kind", "organisation", "path"} for c in e.value.candidates)


def test_unknown_reference_is_not_found_with_suggestions(seeded: Driver) -> None:
    with pytest.raises(NotFound) as e:
        resolve_entity(seeded, "diensthoofd dsx", database=DATABASE)
    assert any("zone-000-diensthoofd-dsi" in s for s in e.value.suggestions)
    with pytest.raises(NotFound):
        resolve_entity(seeded, '")(*~', database=DATABASE)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("coordinator", "zone-000-operationeel-coordinator"),
        ("coördinator", "zone-000-operationeel-coordinator"),
        ("oltf", "o-ltf-zone-000"),
        ("O-LTF", "o-ltf-zone-000"),
        ("Operationele Local Taskforce", "o-ltf-zone-000"),
        ("fietsdiefstl", "zone-001-task-aangifte-fietsdiefstal"),  # a typo
    ],
)
def test_search_finds(seeded: Driver, q: str, expected: str) -> None:
    rows = run(seeded, "search", q=q, limit=10)
    assert expected in ids(rows)
    assert ids(rows).index(expected) < 5
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))


def test_search_o_ltf_ranks_the_body_first(seeded: Driver) -> None:
    for q in ("O-LTF", "oltf", "Operationele Local Taskforce"):
        assert run(seeded, "search", q=q)[0]["id"] == "o-ltf-zone-000"


def test_search_fietsdiefstal_finds_task_and_performing_unit(seeded: Driver) -> None:
    rows = run(seeded, "search", q="fietsdiefstal")
    by_id = {r["id"]: r for r in rows}
    assert rows[0]["id"] == "zone-001-task-aangifte-fietsdiefstal"
    assert by_id["zone-001-task-aangifte-fietsdiefstal"]["match"] == "text"
    onthaal = by_id["zone-001-onthaal"]
    assert onthaal["match"] == "performs"
    assert onthaal["via"] == [
        {"id": "zone-001-task-aangifte-fietsdiefstal", "name": "Aangifte fietsdiefstal"}
    ]


@pytest.mark.parametrize(
    "q", ['"', ")", "(", "AND", "OR NOT", "*", "~", "?", "a AND (b", "\\", "/", "[", "{}", ":",
          "^2", "!", "&&", "||", "-", "+", "", "   ", "name:x*", '"unterminated', "x" * 500],
)  # fmt: skip
def test_search_never_crashes_on_lucene_syntax(seeded: Driver, q: str) -> None:
    rows = run(seeded, "search", q=q)
    assert isinstance(rows, list)


def test_search_limit(seeded: Driver) -> None:
    assert len(run(seeded, "search", q="dienst", limit=3)) == 3


# -- entity ---------------------------------------------------------------------------------


def test_entity_has_relationships_both_ways_with_sources(seeded: Driver) -> None:
    (row,) = run(seeded, "entity", id="zone-000-operationeel-coordinator")
    assert row["kind"] == "Post" and "Post" in row["labels"]
    assert row["properties"]["search_text"] is None  # index-only text is blanked
    rels = row["relationships"]
    out = {(r["type"], r["other"]["id"]) for r in rels if r["direction"] == "out"}
    inc = {(r["type"], r["other"]["id"]) for r in rels if r["direction"] == "in"}
    assert ("REPORTS_TO", "zone-000-korpschef") in out
    assert ("REPORTS_TO", "zone-000-diensthoofd-dsi") in inc
    rep = next(r for r in rels if r["type"] == "REPORTS_TO" and r["direction"] == "out")
    assert rep["props"]["line"] == "hierarchical"
    assert rep["source"]["quote"] == "rapporteert aan de korpschef"
    assert rep["source"]["id"] == "seed-000" and rep["source"]["file"].startswith("000_")
    assert rep["current"] is True


def test_entity_flags_planned_relationships(seeded: Driver) -> None:
    (row,) = run(seeded, "entity", id="lokeren-korpschef")
    weekly = [
        r
        for r in row["relationships"]
        if r["id"] == "lokeren-korpschef-reports-to-burgemeester-weekly"
    ]
    assert weekly and weekly[0]["status"] == "planned" and weekly[0]["current"] is False


def test_entity_unknown_id_gives_no_rows(seeded: Driver) -> None:
    assert run(seeded, "entity", id="no-such-entity") == []


# -- chain of command, subordinates, org tree --------------------------------------------------


def test_chain_of_command_from_diensthoofd_dsi(seeded: Driver) -> None:
    rows = run(seeded, "chain_of_command", id="zone-000-diensthoofd-dsi")
    assert [(r["depth"], r["id"]) for r in rows] == [
        (0, "zone-000-diensthoofd-dsi"),
        (1, "zone-000-operationeel-coordinator"),
        (2, "zone-000-korpschef"),
        (3, "zone-000-burgemeester-politiecollege"),
    ]
    assert [r["line"] for r in rows[1:]] == ["hierarchical", "hierarchical", "administrative"]
    top = rows[-1]["source"]
    assert top["inferred"] is True and top["reason"] and top["id"] == "seed-002"
    assert rows[1]["source"]["inferred"] is False


def test_chain_of_command_from_a_unit_goes_through_its_leader(seeded: Driver) -> None:
    rows = run(seeded, "chain_of_command", id="zone-000-dsi")
    assert ids(rows)[:3] == [
        "zone-000-dsi",
        "zone-000-diensthoofd-dsi",
        "zone-000-operationeel-coordinator",
    ]
    assert rows[1]["via"] == "LEADS"
    assert "zone-000-korpschef" in ids(rows)


def test_chain_of_command_from_a_person_goes_through_the_post_held(seeded: Driver) -> None:
    rows = run(seeded, "chain_of_command", id="lokeren-dirk-de-paepe")
    assert ids(rows)[:3] == ["lokeren-dirk-de-paepe", "lokeren-korpschef", "lokeren-burgemeester"]
    assert rows[1]["via"] == "HOLDS" and rows[2]["line"] == "administrative"


def test_chain_of_command_never_steps_sideways_in_the_seeds(seeded: Driver) -> None:
    # The operationeel coördinator OOV leads both the sector and the centrum inside it and
    # reports to nobody: neither is above him, and the start row carries no step of its own.
    rows = run(seeded, "chain_of_command", id="nl-coordinatiecentrum-operationeel-coordinator-oov")
    assert [(r["depth"], r["id"], r["via"]) for r in rows] == [
        (0, "nl-coordinatiecentrum-operationeel-coordinator-oov", None),
        (1, "nl-coordinatiecentrum-org", "PART_OF"),
    ]
    rows = run(seeded, "chain_of_command", id="nl-coordinatiecentrum-coordinator-overlast")
    assert ids(rows) == [
        "nl-coordinatiecentrum-coordinator-overlast",
        "nl-coordinatiecentrum-operationeel-coordinator-oov",
        "nl-coordinatiecentrum-org",
    ]
    centrum = run(seeded, "chain_of_command", id="nl-coordinatiecentrum-centrum")[0]
    assert (centrum["via"], centrum["source"]) == (None, None)


def test_chain_of_command_as_of_before_the_holder_started(seeded: Driver) -> None:
    rows = run(seeded, "chain_of_command", id="lokeren-dirk-de-paepe", as_of=dt.date(2018, 6, 1))
    assert ids(rows) == ["lokeren-dirk-de-paepe"]


def test_subordinates_with_span_of_control(seeded: Driver) -> None:
    rows = run(seeded, "subordinates", id="zone-000-operationeel-coordinator")
    by_id = {r["id"]: r for r in rows}
    for post in ("zone-000-diensthoofd-dsi", "zone-000-diensthoofd-lokale-opsporing",
                 "zone-000-diensthoofd-verkeersdienst"):  # fmt: skip
        assert by_id[post]["depth"] == 1 and by_id[post]["via"] == "REPORTS_TO"
        assert by_id[post]["parent_id"] == "zone-000-operationeel-coordinator"
    assert by_id["zone-000-opco"]["via"] == "LEADS"
    near = run(seeded, "subordinates", id="zone-000-korpschef", max_depth=1)
    assert all(r["depth"] == 1 for r in near)
    assert set(ids(near)) == {"zone-000-operationeel-coordinator", "zone-000"}
    me = next(r for r in near if r["id"] == "zone-000-operationeel-coordinator")
    assert me["span"] == 5  # 3 diensthoofden report to it, it leads 2 units


def test_org_tree_of_zone_001(seeded: Driver) -> None:
    rows = run(seeded, "org_tree", id="zone-001")
    by_id = {r["id"]: r for r in rows}
    assert by_id["zone-001"]["depth"] == 0
    assert by_id["zone-001-directie-operaties"]["parent_id"] == "zone-001"
    assert by_id["zone-001-onthaal"]["parent_id"] == "zone-001-wijkwerking-onthaal"
    assert by_id["zone-001-wijkinspecteur"]["kind"] == "Post"
    assert by_id["zone-001-algemene-leiding-directie-operaties"]["via"] == "LEADS"
    assert not any(r["planned"] for r in rows)


LOKEREN_PILLARS = {"lokeren-pijler-interventie-onthaal", "lokeren-pijler-wijk-verkeer",
                   "lokeren-pijler-lokale-recherche"}  # fmt: skip


def test_org_tree_as_of_excludes_planned_lokeren_pillars(seeded: Driver) -> None:
    current = run(seeded, "org_tree", id="lokeren")
    assert not LOKEREN_PILLARS & set(ids(current))
    assert {"lokeren-lokale-recherche", "lokeren-interventiedienst", "lokeren-wijkdienst"} <= set(
        ids(current)
    )


def test_org_tree_include_planned_shows_the_pillars_flagged(seeded: Driver) -> None:
    rows = run(seeded, "org_tree", id="lokeren", include_planned=True)
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) >= LOKEREN_PILLARS
    for pillar in LOKEREN_PILLARS:
        assert by_id[pillar]["planned"] is True and by_id[pillar]["status"] == "planned"
        assert by_id[pillar]["parent_id"] == "lokeren-eerstedienst"
    assert by_id["lokeren-wijkdienst"]["planned"] is False


# -- representation, responsibility, contact ---------------------------------------------------


@pytest.mark.parametrize("ref", ["O-LTF", "oltf", "Operationele Local Taskforce Foreign Fighters"])
def test_who_represents_zone_000_at_the_o_ltf(seeded: Driver, ref: str) -> None:
    at = resolve_entity(seeded, ref, database=DATABASE)["id"]
    org = resolve_entity(seeded, "zone-000", database=DATABASE)["id"]
    rows = run(seeded, "who_represents", at=at, org=org)
    first = rows[0]
    assert first["id"] == "zone-000-operationeel-coordinator"
    assert first["relation"] == "REPRESENTS_AT"
    assert first["via_role"] == {
        "id": "zone-000-information-officer",
        "name": "Information Officer",
    }
    assert first["on_behalf_of"]["id"] == "zone-000"
    assert first["source"]["quote"] == (
        "vertegenwoordigt de politiezone op de Operationele Local Taskforce Foreign Fighters "
        "(O-LTF)"
    )
    assert "zone-000-information-officer" in ids(rows)


def test_who_represents_another_org_finds_nobody(seeded: Driver) -> None:
    assert run(seeded, "who_represents", at="o-ltf-zone-000", org="zone-001") == []


def test_who_represents_in_verkeersraden(seeded: Driver) -> None:
    rows = run(seeded, "who_represents", at="zone-001-verkeersraden")
    assert [(r["id"], r["on_behalf_of"]["id"]) for r in rows] == [("zone-001-verkeer", "zone-001")]


def test_responsible_for_drugs(seeded: Driver) -> None:
    rows = run(seeded, "responsible_for", target="drugs")
    direct = [r for r in rows if r["direct"]]
    coord = next(r for r in direct if r["id"] == "zone-000-operationeel-coordinator")
    assert coord["relation"] == "RESPONSIBLE_FOR"
    assert (
        coord["source"]["quote"]
        == "is de verantwoordelijke officier voor de actiedomeinen drugs, overlast en verkeer."
    )
    assert coord["via"] == [
        {
            "type": "RESPONSIBLE_FOR",
            "from": {"id": "zone-000-operationeel-coordinator", "name": "Operationeel coördinator"},
            "to": {"id": "drugs", "name": "Drugs"},
            "quote": coord["source"]["quote"],
            "source": "seed-000",
        }
    ]
    assert coord["via_text"] == "direct (RESPONSIBLE_FOR)"
    plan = next(
        r
        for r in rows
        if r["id"] == "zone-000-operationeel-coordinator"
        and (r["via_entity"] or {}).get("id") == "zone-000-actieplan-drugs"
    )
    assert [s["type"] for s in plan["via"]] == [plan["relation"], "ADDRESSES"]
    assert plan["via"][0]["to"]["id"] == plan["via"][1]["from"]["id"] == "zone-000-actieplan-drugs"
    assert plan["via_text"].startswith("via plan ")


def test_responsible_for_radicalisering_includes_the_livcs(seeded: Driver) -> None:
    rows = run(seeded, "responsible_for", target="radicalisering")
    livcs = {r["id"]: r for r in rows if r["id"] in {"zone-000-livc", "zone-004-livc"}}
    assert set(livcs) == {"zone-000-livc", "zone-004-livc"}
    for livc in livcs.values():
        assert livc["relation"] == "ADDRESSES" and livc["direct"]
        assert [(s["type"], s["from"]["id"], s["to"]["id"]) for s in livc["via"]] == [
            ("ADDRESSES", livc["id"], "radicalisering")
        ]
    # Scoped to zone 004: its own LIVC (the zone takes part in it), not zone 000's.
    scoped = ids(run(seeded, "responsible_for", target="radicalisering", org="zone-004"))
    assert "zone-004-livc" in scoped and "zone-000-livc" not in scoped
    assert "zone-000-operationeel-coordinator" not in scoped
    # Scoped to zone 000: the post that takes the Information Officer role answers, via it.
    rows = run(seeded, "responsible_for", target="radicalisering", org="zone-000")
    post = next(r for r in rows if r["id"] == "zone-000-operationeel-coordinator")
    assert post["via_text"] == "via rol Information Officer (IO)"
    assert [s["type"] for s in post["via"]] == ["TAKES_ROLE", "RESPONSIBLE_FOR"]
    assert {"zone-000-livc", "o-ltf-zone-000"} <= set(ids(rows))
    assert "zone-004-livc" not in ids(rows)


def test_responsible_for_via_role(seeded: Driver) -> None:
    rows = run(seeded, "responsible_for", target="plan-r")
    assert ("zone-000-information-officer", None) in [(r["id"], r["via_role"]) for r in rows]
    post = next(r for r in rows if r["id"] == "zone-000-operationeel-coordinator")
    assert post["via_role"]["id"] == "zone-000-information-officer"


def test_contact_for_fietsdiefstal(seeded: Driver) -> None:
    rows = run(seeded, "contact_for", task="fietsdiefstal")
    assert rows[0]["id"] == "zone-001-onthaal"
    assert rows[0]["task_id"] == "zone-001-task-aangifte-fietsdiefstal"
    assert rows[0]["relation"] == "PERFORMS"
    assert rows[0]["organisation"]["id"] == "zone-001"
    assert "fietsdiefstal" in rows[0]["source"]["quote"]


def test_contact_for_odd_input(seeded: Driver) -> None:
    assert run(seeded, "contact_for", task='"))') == []


# -- networks -----------------------------------------------------------------------------------


def test_collaborations_of_zone_000(seeded: Driver) -> None:
    rows = run(seeded, "collaborations", id="zone-000")
    assert [(r["member"]["id"], r["relation"], r["partner_id"]) for r in rows] == [
        ("zone-000-becor", "LIAISES_WITH", "federal-dirco")
    ]


def test_partner_network_of_zone_000(seeded: Driver) -> None:
    rows = run(seeded, "partner_network", id="zone-000")
    by_id = {r["id"]: r for r in rows}
    assert {"o-ltf-zone-000", "zone-000-livc", "zone-000-wekelijks-operationeel-overleg"} <= set(
        by_id
    )
    oltf = by_id["o-ltf-zone-000"]
    assert {"id": "zone-000-operationeel-coordinator", "name": "Operationeel coördinator"} in oltf[
        "posts"
    ]
    assert {link["member"]["id"] for link in oltf["links"]} >= {"zone-000-information-officer"}
    behalf = {"id": "zone-000", "name": "Politiezone (seed 000)"}
    assert {
        link["member"]["id"]: link["on_behalf_of"] for link in by_id["zone-000-livc"]["links"]
    } == {"zone-000-information-officer": behalf}


def test_partner_network_of_a_unit_includes_its_posts(seeded: Driver) -> None:
    rows = run(seeded, "partner_network", id="zone-000-opco")
    assert "o-ltf-zone-000" in ids(rows)  # via the opco's leader and its IO role


def test_forum_participants(seeded: Driver) -> None:
    rows = run(seeded, "forum_participants", id="zone-000-wekelijks-operationeel-overleg")
    assert (
        rows[0]["capacity"] == "organises" and rows[0]["id"] == "zone-000-operationeel-coordinator"
    )
    participants = {r["id"] for r in rows if r["capacity"] == "participates"}
    assert participants >= {
        "zone-000-korpschef",
        "zone-000-diensthoofd-dsi",
        "zone-000-diensthoofd-lokale-opsporing",
        "zone-000-diensthoofd-verkeersdienst",
    }


def test_path_between(seeded: Driver) -> None:
    rows = run(seeded, "path_between", from_id="zone-000-diensthoofd-dsi", to_id="o-ltf-zone-000")
    assert [r["step"] for r in rows] == [1, 2]
    assert rows[0]["from_id"] == "zone-000-diensthoofd-dsi"
    assert rows[0]["type"] == "REPORTS_TO" and rows[0]["direction"] == "->"
    assert rows[-1]["to_id"] == "o-ltf-zone-000"
    assert all(r["source"]["quote"] for r in rows)


def test_path_between_follows_either_direction(seeded: Driver) -> None:
    rows = run(
        seeded, "path_between", from_id="zone-000-korpschef", to_id="zone-000-diensthoofd-dsi"
    )
    assert rows[0]["direction"] == "<-" and rows[-1]["to_id"] == "zone-000-diensthoofd-dsi"
    # Of the equally short paths (also via the weekly meeting) the structural one, every time.
    assert [r["type"] for r in rows] == ["REPORTS_TO", "REPORTS_TO"]


def test_path_between_unrelated_gives_nothing(seeded: Driver) -> None:
    assert run(seeded, "path_between", from_id="zone-000", to_id="no-such-entity") == []


# -- objectives and functionalities ---------------------------------------------------------------


def test_objectives_with_measurements(seeded: Driver) -> None:
    rows = run(seeded, "objectives", org="zone-004")
    obj = next(r for r in rows if r["id"] == "zone-004-obj-informatiegaring-radicalisering")
    years = [(m["year"], m["indicator"]) for m in obj["measurements"]]
    assert years == sorted(years) and {y for y, _ in years} == {2016, 2017}
    assert {m["value"] for m in obj["measurements"]} == {3, 2, 57, 53}


def test_objectives_of_lokeren_via_the_zonal_security_plan(seeded: Driver) -> None:
    rows = run(seeded, "objectives", org="lokeren", as_of=dt.date(2023, 1, 1))
    drugs = next(r for r in rows if r["id"] == "lokeren-obj-drugs")
    assert {"id": "lokeren-zvp-2020-2025", "name": drugs["via"][0]["name"]} in drugs["via"]
    before = run(seeded, "objectives", org="lokeren", as_of=dt.date(2018, 1, 1))
    assert "lokeren-obj-drugs" not in ids(before)  # the ZVP 2020-2025 was not in force yet
    after = run(seeded, "objectives", org="lokeren", as_of=dt.date(2026, 6, 1))
    assert "lokeren-obj-drugs" not in ids(after)  # nor after 2025


def test_functionality_coverage_zone_001(seeded: Driver) -> None:
    rows = run(seeded, "functionality_coverage", zone="zone-001")
    assert len(rows) == 7 and [r["order"] for r in rows] == list(range(1, 8))
    units = {r["code"]: {u["id"] for u in r["units"]} for r in rows}
    assert all(r["covered"] for r in rows)
    assert units["onthaal"] == {"zone-001-onthaal"}
    assert units["openbare-orde"] == {"zone-001-operationeel-team"}
    assert units["lokale-opsporing"] == {"zone-001-lokale-recherche"}


def test_functionality_coverage_zone_000_shows_gaps(seeded: Driver) -> None:
    rows = {r["code"]: r for r in run(seeded, "functionality_coverage", zone="zone-000")}
    assert rows["verkeer"]["covered"] and rows["lokale-opsporing"]["covered"]
    assert not rows["onthaal"]["covered"] and rows["onthaal"]["units"] == []
    assert not rows["wijkwerking"]["covered"]


def test_bad_parameters_are_query_errors(seeded: Driver) -> None:
    with pytest.raises(QueryError, match="valid"):
        run(seeded, "entity", nope="x")
    with pytest.raises(QueryError, match="required"):
        run(seeded, "entity")
    with pytest.raises(QueryError, match="must be date"):
        run(seeded, "org_tree", id="lokeren", as_of="yesterday")


def test_entity_ref_is_an_exact_id_lookup(seeded: Driver) -> None:
    rows = queries.run(seeded, "entity_ref", {"id": "o-ltf-zone-000"}, database=DATABASE)
    assert [(r["id"], r["kind"]) for r in rows] == [("o-ltf-zone-000", "PartnerBody")]
    assert queries.run(seeded, "entity_ref", {"id": "O-LTF"}, database=DATABASE) == []
