"""One resolution path over many organisations (issue 15): namesakes in two zones, a city and a
police zone named after the same place, a unit name in several places of one zone. Each lookup
resolves to the right entity with `org`, or is Ambiguous with every namesake (its organisation
and path beside it): never a silent wrong pick. Invented data, loaded into a real Neo4j."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver

import queries
from graph.db import wipe
from graph.errors import Ambiguous, NotFound
from loaders.load import load
from queries.resolve import MARGIN, resolve_entity, resolve_params
from tests.support import DATABASE

TEXT = (
    "De politiezone Berkendal werkt samen met de stad Berkendal. "
    "Politiezone Hoogveld telt een politiepost Oost. "
    "De korpschef leidt het korps. "
    "De korpschef van Hoogveld is An Vermeulen. "
    "De lokale recherche onderzoekt misdrijven. "
    "De afdeling Noord heeft een eigen lokale recherche. "
    "De operationeel coördinator plant de inzet. "
    "De dienst intern toezicht (DIT) onderzoekt klachten. "
    "De postverantwoordelijke leidt de politiepost. "
    "Verkeersveiligheid is een prioriteit.\n"
)

DATASET = """\
dataset: resolve-test
defaults:
  source: src
sources:
  - {id: src, file: resolve-test.txt, title: Resolve test, kind: web page}
entities:
  - {id: rt-pz-berkendal, kind: Organisation, name: Politiezone Berkendal,
     aliases: [PZ Berkendal], props: {org_type: police_zone}, quote: "De politiezone Berkendal"}
  - {id: rt-stad-berkendal, kind: Organisation, name: Stad Berkendal, aliases: [Berkendal],
     props: {org_type: city}, quote: "de stad Berkendal"}
  - {id: rt-pz-hoogveld, kind: Organisation, name: Politiezone Hoogveld,
     props: {org_type: police_zone}, quote: "Politiezone Hoogveld"}
  - {id: rt-hoogveld-post-oost, kind: Organisation, name: Politiepost Oost,
     quote: "een politiepost Oost"}
  - {id: rt-berkendal-korpschef, kind: Post, name: Korpschef, quote: "De korpschef leidt"}
  - {id: rt-hoogveld-korpschef, kind: Post, name: Korpschef, quote: "De korpschef van Hoogveld"}
  - {id: rt-an-vermeulen, kind: Person, name: An Vermeulen, quote: "An Vermeulen"}
  - {id: rt-berkendal-recherche, kind: Unit, name: Lokale recherche, quote: "De lokale recherche"}
  - {id: rt-hoogveld-recherche, kind: Unit, name: Lokale recherche, quote: "De lokale recherche"}
  - {id: rt-hoogveld-noord, kind: Unit, name: Afdeling Noord, quote: "De afdeling Noord"}
  - {id: rt-hoogveld-noord-recherche, kind: Unit, name: Lokale Recherche,
     quote: "een eigen lokale recherche"}
  - {id: rt-berkendal-coordinator, kind: Post, name: Operationeel coördinator,
     quote: "De operationeel coördinator"}
  - {id: rt-hoogveld-dit, kind: Unit, name: Dienst Intern Toezicht, abbreviation: DIT,
     quote: "De dienst intern toezicht (DIT)"}
  - {id: rt-hoogveld-postverantwoordelijke, kind: Post, name: Postverantwoordelijke,
     quote: "De postverantwoordelijke"}
  - {id: rt-verkeersveiligheid, kind: Domain, name: Verkeersveiligheid,
     quote: "Verkeersveiligheid is een prioriteit."}
relations:
  - {type: PART_OF, from: rt-hoogveld-post-oost, to: rt-pz-hoogveld,
     quote: "Politiezone Hoogveld telt een politiepost Oost."}
  - {type: PART_OF, from: rt-berkendal-korpschef, to: rt-pz-berkendal, quote: "De korpschef"}
  - {type: LEADS, from: rt-hoogveld-korpschef, to: rt-pz-hoogveld,
     quote: "De korpschef van Hoogveld"}
  - {type: HOLDS, from: rt-an-vermeulen, to: rt-hoogveld-korpschef,
     quote: "De korpschef van Hoogveld is An Vermeulen."}
  - {type: PART_OF, from: rt-berkendal-recherche, to: rt-pz-berkendal, quote: "De lokale recherche"}
  - {type: PART_OF, from: rt-hoogveld-recherche, to: rt-pz-hoogveld, quote: "De lokale recherche"}
  - {type: PART_OF, from: rt-hoogveld-noord, to: rt-pz-hoogveld, quote: "De afdeling Noord"}
  - {type: PART_OF, from: rt-hoogveld-noord-recherche, to: rt-hoogveld-noord,
     quote: "De afdeling Noord heeft een eigen lokale recherche."}
  - {type: PART_OF, from: rt-berkendal-coordinator, to: rt-pz-berkendal,
     quote: "De operationeel coördinator"}
  - {type: PART_OF, from: rt-hoogveld-dit, to: rt-pz-hoogveld, quote: "De dienst intern toezicht"}
  - {type: PART_OF, from: rt-hoogveld-postverantwoordelijke, to: rt-hoogveld-post-oost,
     quote: "De postverantwoordelijke leidt de politiepost."}
"""

BERKENDAL = {"id": "rt-pz-berkendal", "name": "Politiezone Berkendal"}
HOOGVELD = {"id": "rt-pz-hoogveld", "name": "Politiezone Hoogveld"}


@pytest.fixture(scope="module")
def two_zones(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Driver]:
    tmp = tmp_path_factory.mktemp("resolve")
    (tmp / "sources").mkdir()
    (tmp / "sources" / "resolve-test.txt").write_text(TEXT, encoding="utf-8")
    path = tmp / "resolve-test.yaml"
    path.write_text(DATASET, encoding="utf-8")
    wipe(driver, database=DATABASE)
    load(driver, [path], database=DATABASE, sources_dir=tmp / "sources")
    yield driver


def resolve(driver: Driver, ref: str, **kw: Any) -> dict[str, Any]:
    return resolve_entity(driver, ref, database=DATABASE, **kw)


def ambiguous(driver: Driver, ref: str, **kw: Any) -> dict[str, dict[str, Any]]:
    with pytest.raises(Ambiguous) as e:
        resolve(driver, ref, **kw)
    cands = {c["id"]: c for c in e.value.candidates}
    for c in cands.values():
        assert set(c) == {"id", "name", "kind", "organisation", "path"}, c
    return cands


def test_a_post_name_in_two_zones_is_409_unscoped_and_one_post_with_org(two_zones: Driver) -> None:
    cands = ambiguous(two_zones, "Korpschef")
    assert cands["rt-berkendal-korpschef"]["organisation"] == BERKENDAL
    assert cands["rt-hoogveld-korpschef"]["organisation"] == HOOGVELD
    got = resolve(two_zones, "korpschef", org="rt-pz-hoogveld")
    assert (got["id"], got["rule"], got["organisation"]) == (
        "rt-hoogveld-korpschef",
        "exact",
        HOOGVELD,
    )
    assert resolve(two_zones, "KORPSCHEF", org="rt-pz-berkendal")["id"] == "rt-berkendal-korpschef"


def test_a_unit_name_twice_in_one_zone_is_409_with_paths(two_zones: Driver) -> None:
    got = resolve(two_zones, "lokale recherche", org="rt-pz-berkendal")
    assert (got["id"], got["rule"]) == ("rt-berkendal-recherche", "exact")
    cands = ambiguous(two_zones, "Lokale Recherche", org="rt-pz-hoogveld")
    assert set(cands) == {"rt-hoogveld-recherche", "rt-hoogveld-noord-recherche"}
    assert cands["rt-hoogveld-noord-recherche"]["path"] == ["Afdeling Noord"]
    assert cands["rt-hoogveld-recherche"]["path"] == []
    assert len(ambiguous(two_zones, "lokale recherche")) == 3


def test_a_city_and_a_zone_of_one_place_are_409_unless_kind_or_scope_decide(
    two_zones: Driver,
) -> None:
    # "Berkendal" is an alias of the city and a word of the zone's name, near-tied in full text
    cands = ambiguous(two_zones, "Berkendal")
    assert {"rt-pz-berkendal", "rt-stad-berkendal"} <= set(cands)
    cands = ambiguous(two_zones, "berkendal", kinds=["Organisation"])
    assert set(cands) == {"rt-pz-berkendal", "rt-stad-berkendal"}
    got = resolve(two_zones, "Berkendal", org="rt-pz-berkendal")
    assert (got["id"], got["rule"]) == ("rt-pz-berkendal", "fulltext")
    assert resolve(two_zones, "Stad Berkendal")["id"] == "rt-stad-berkendal"
    assert resolve(two_zones, "pz berkendal")["id"] == "rt-pz-berkendal"


def test_accents_case_and_abbreviations(two_zones: Driver) -> None:
    got = resolve(two_zones, "OPERATIONEEL COORDINATOR")
    assert (got["id"], got["rule"], got["organisation"]) == (
        "rt-berkendal-coordinator",
        "exact",
        BERKENDAL,
    )
    assert resolve(two_zones, "operationeel-coördinator")["id"] == "rt-berkendal-coordinator"
    assert resolve(two_zones, "dit", org="rt-pz-hoogveld")["id"] == "rt-hoogveld-dit"
    assert resolve(two_zones, "D.I.T.")["id"] == "rt-hoogveld-dit"


def test_full_text_takes_the_clear_best_and_organisation_words_count(two_zones: Driver) -> None:
    got = resolve(two_zones, "korpschef hoogveld")
    assert (got["id"], got["rule"]) == ("rt-hoogveld-korpschef", "fulltext")
    got = resolve(two_zones, "postverantwoordelike")  # one typo
    assert (got["id"], got["rule"]) == ("rt-hoogveld-postverantwoordelijke", "fulltext")
    assert MARGIN > 1


def test_scope_never_picks_another_organisation(two_zones: Driver) -> None:
    with pytest.raises(NotFound) as e:
        resolve(two_zones, "Operationeel coördinator", org="rt-pz-hoogveld")
    assert all(c["id"] != "rt-berkendal-coordinator" for c in e.value.candidates)
    assert "rt-berkendal-coordinator" not in " ".join(e.value.suggestions)
    assert "within organisation 'rt-pz-hoogveld'" in str(e.value)
    # an exact id wins whatever the scope
    got = resolve(two_zones, "rt-berkendal-korpschef", org="rt-pz-hoogveld")
    assert (got["id"], got["rule"]) == ("rt-berkendal-korpschef", "id")


def test_sub_organisations_people_and_vocabulary_are_inside(two_zones: Driver) -> None:
    got = resolve(two_zones, "Postverantwoordelijke", org="rt-pz-hoogveld")
    assert got["id"] == "rt-hoogveld-postverantwoordelijke"
    assert got["organisation"] == {"id": "rt-hoogveld-post-oost", "name": "Politiepost Oost"}
    person = resolve(two_zones, "an vermeulen", org="rt-pz-hoogveld")
    assert (person["organisation"], person["path"]) == (HOOGVELD, ["Korpschef"])
    # shared vocabulary belongs to no organisation and is found inside every one
    domain = resolve(two_zones, "verkeersveiligheid", org="rt-pz-berkendal")
    assert (domain["id"], domain["organisation"]) == ("rt-verkeersveiligheid", None)
    # an organisation's organisation is the one it is part of
    assert resolve(two_zones, "rt-hoogveld-post-oost")["organisation"] == HOOGVELD
    assert resolve(two_zones, "rt-pz-hoogveld")["organisation"] is None


def test_library_params_resolve_by_the_header_kinds_within_org(two_zones: Driver) -> None:
    out, resolved = resolve_params(
        two_zones, "chain_of_command", {"id": "Korpschef"}, database=DATABASE, org="hoogveld"
    )
    assert out == {"id": "rt-hoogveld-korpschef"}
    assert resolved["org"]["id"] == "rt-pz-hoogveld" and resolved["id"]["rule"] == "exact"
    # a scopable query (org: ref[Organisation]?) gets the scope's id as its `org`
    out, _ = resolve_params(
        two_zones, "search", {"q": "korpschef", "org": "Politiezone Hoogveld"}, database=DATABASE
    )
    assert out["org"] == "rt-pz-hoogveld"
    # the header's kinds decide: coverage takes an Organisation, so the city/zone pair stays 409
    with pytest.raises(Ambiguous):
        resolve_params(
            two_zones, "functionality_coverage", {"zone": "Berkendal"}, database=DATABASE
        )


def test_search_rows_carry_organisation_and_path_and_take_org_and_kind(two_zones: Driver) -> None:
    rows = queries.run(two_zones, "search", {"q": "lokale recherche"}, database=DATABASE)
    by_id = {r["id"]: r for r in rows}
    assert by_id["rt-hoogveld-noord-recherche"]["organisation"] == HOOGVELD
    assert by_id["rt-hoogveld-noord-recherche"]["path"] == ["Afdeling Noord"]
    scoped = queries.run(
        two_zones, "search", {"q": "korpschef", "org": "rt-pz-berkendal"}, database=DATABASE
    )
    assert [r["id"] for r in scoped if r["kind"] == "Post"] == ["rt-berkendal-korpschef"]
    units = queries.run(
        two_zones, "search", {"q": "hoogveld recherche", "kind": "Unit"}, database=DATABASE
    )
    assert units and {r["kind"] for r in units} == {"Unit"}
    assert [r["rank"] for r in units] == list(range(1, len(units) + 1))


def _operators(plan: Any) -> list[str]:
    found = [plan["operatorType"]]
    for child in plan.get("children", []):
        found += _operators(child)
    return found


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("resolve_ref", {"ref": "korpschef", "kinds": None, "org": "rt-pz-hoogveld"}),
        ("search", {"q": "korpschef", "org": "rt-pz-hoogveld", "kind": None}),
        ("entity_ref", {"id": "rt-hoogveld-korpschef"}),
    ],
)
def test_the_scoped_lookup_starts_from_indexes_not_a_scan(
    two_zones: Driver, name: str, params: dict[str, Any]
) -> None:
    q = queries.get(name)
    with two_zones.session(database=DATABASE) as session:
        plan = session.run("EXPLAIN " + q.text, q.bind(params)).consume().plan
    assert plan is not None
    ops = _operators(plan)
    assert not [op for op in ops if "AllNodesScan" in op or "LabelScan" in op], ops
    assert any("NodeUniqueIndexSeek" in op or "NodeIndexSeek" in op for op in ops), ops
    if name != "entity_ref":
        assert any("ProcedureCall" in op for op in ops), ops  # the full-text index


def test_error_messages_echo_only_a_short_prefix(two_zones: Driver) -> None:
    with pytest.raises(NotFound) as e:
        resolve(two_zones, "x" * 190 + " korpschef")
    assert len(str(e.value).split(" not found")[0]) < 80
