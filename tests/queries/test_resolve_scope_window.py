"""Scoped resolution reads a short full-text window first (issue 15, "scope must use an index,
not a scan"): with more namesakes than that window outside the scope, the scope's own entity
must still be the one found, by an exact name beyond the unscoped term limit and by a partial
name that only a wider window reaches. Invented data: 220 zones with the same post and team
names, loaded into a real Neo4j."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver

import queries
from graph.db import wipe
from graph.errors import Ambiguous
from queries.resolve import MARGIN, candidates, resolve_entity
from tests.queries.invented import ent, load_text, rel
from tests.support import DATABASE

ZONES = 220  # more than the unscoped exact-term limit (200) and the first window (100)


@pytest.fixture(scope="module")
def many_zones(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Driver]:
    entities: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    for i in range(ZONES):
        z = f"sw-{i:03d}"
        zname = f"Politiezone Zandwijk {i:03d}"
        entities += [
            ent(z, "Organisation", zname, f"{zname} is een lokale politiezone."),
            ent(f"{z}-kc", "Post", "Korpschef", f"{zname} heeft een korpschef."),
            ent(f"{z}-team", "Unit", "Wijkteam Centrum", f"{zname} heeft een Wijkteam Centrum."),
        ]
        relations += [
            rel("LEADS", f"{z}-kc", z, f"De korpschef leidt {zname}."),
            rel("PART_OF", f"{z}-team", z, f"Het Wijkteam Centrum hoort bij {zname}."),
        ]
    wipe(driver, database=DATABASE)
    load_text(driver, tmp_path_factory.mktemp("scope-window"), "scope-window", entities, relations)
    yield driver


def test_an_exact_name_of_every_zone_resolves_inside_the_scope(many_zones: Driver) -> None:
    # not the stored case: only the folded index term finds it, among 220 namesakes
    for i in (0, 117, ZONES - 1):
        got = resolve_entity(many_zones, "KORPSCHEF", database=DATABASE, org=f"sw-{i:03d}")
        assert (got["id"], got["rule"]) == (f"sw-{i:03d}-kc", "exact")
    with pytest.raises(Ambiguous):
        resolve_entity(many_zones, "korpschef", database=DATABASE)


def test_a_partial_name_beyond_the_first_window_resolves_inside_the_scope(
    many_zones: Driver,
) -> None:
    # every zone's team scores alike: which 100 the first window holds is the index's choice
    for i in (3, 150, ZONES - 1):
        org = f"sw-{i:03d}"
        got = resolve_entity(many_zones, "wijkteam", database=DATABASE, org=org)
        assert (got["id"], got["rule"]) == (f"{org}-team", "fulltext")
        rows = candidates(many_zones, "wijkteam", database=DATABASE, org=org)
        assert [r["id"] for r in rows if r["scope"] == 0] == [f"{org}-team"]
        assert all(r["scope"] != 3 for r in rows)  # another zone's is never a candidate


def test_the_window_rule_uses_the_resolver_margin() -> None:
    text = queries.get("resolve_ref").text
    assert f"MARGIN = {MARGIN}" in text and f"{MARGIN} * low" in text
    assert re.search(r"limit: 100\}", text) and "limit: 1000}" in text
