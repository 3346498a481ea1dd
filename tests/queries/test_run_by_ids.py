"""The API's id path (queries.resolve.run_by_ids) sends the entity_ref lookups and the query as
ONE statement (graph.cypher.with_lookups): it must answer exactly what the lookups and the
query give one by one (same rows, same order, same `resolved`), refuse what they refuse, and
keep a reference found when the query has no rows. The composition takes the columns from
each header, so every plain `// returns:` list must be the query's real columns, in order."""

from __future__ import annotations

from typing import Any

from neo4j import Driver

import queries
from graph.cypher import declared_columns
from graph.errors import OrgGraphError
from queries.resolve import Candidate, public, ref_params, resolve_params, run_by_ids
from tests.queries.test_routing_uri import CASES
from tests.support import DATABASE


def _one_by_one(
    driver: Driver, name: str, params: dict[str, Any], refs: dict[str, str]
) -> tuple[dict[str, Candidate], list[dict[str, Any]]] | None:
    found: dict[str, Candidate] = {}
    for label, ref in refs.items():
        rows = queries.run(driver, "entity_ref", {"id": ref}, database=DATABASE)
        wanted = ref_params(name)[label]
        if not rows or (wanted and rows[0]["kind"] not in wanted):
            return None
        found[label] = public(rows[0], "id")
    return found, queries.run(driver, name, params, database=DATABASE)


def _by_ids(driver: Driver, name: str, params: dict[str, Any], refs: dict[str, str]) -> Any:
    kinds = {label: ref_params(name)[label] for label in refs}
    return run_by_ids(driver, name, params, refs, database=DATABASE, timeout_s=60, kinds=kinds)


def test_every_plain_returns_header_names_the_real_columns(driver: Driver) -> None:
    plain = 0
    with driver.session(database=DATABASE) as session:
        for query in sorted(queries.library().values(), key=lambda q: q.name):
            declared = declared_columns(query)
            if declared is None:
                continue  # prose (the graph_* views): never composed
            result = session.run(query.text, {p.name: None for p in query.params})
            keys = list(result.keys())
            result.consume()
            assert keys == declared, f"{query.path}: header {declared}, query returns {keys}"
            plain += 1
    assert plain >= 15


def test_one_statement_answers_as_the_lookups_and_the_query_one_by_one(seeded: Driver) -> None:
    compared = set()
    for name, given in CASES:
        try:
            params, _ = resolve_params(seeded, name, given, database=DATABASE)
        except OrgGraphError:
            continue  # the ambiguous and unknown cases
        refs = {p: params[p] for p in ref_params(name) if isinstance(params.get(p), str)}
        if not refs:
            continue
        assert _by_ids(seeded, name, params, refs) == _one_by_one(seeded, name, params, refs)
        compared.add(name)
    # every query the API asks by id, two references at once (path_between) included
    assert {"chain_of_command", "who_represents", "path_between", "subordinates"} <= compared
    assert len(compared) >= 15


def test_an_unknown_or_wrong_kind_of_reference_is_refused(seeded: Driver) -> None:
    assert _by_ids(seeded, "chain_of_command", {"id": "xyzzy"}, {"id": "xyzzy"}) is None
    # an organisation is no start of a chain of command (Post, Unit, Person, Role)
    assert _by_ids(seeded, "chain_of_command", {"id": "zone-000"}, {"id": "zone-000"}) is None
    both = {"from_id": "zone-000-korpschef", "to_id": "xyzzy"}
    assert (
        _by_ids(seeded, "path_between", both, {"from_id": both["from_id"], "to_id": "xyzzy"})
        is None
    )


def test_a_reference_found_is_kept_when_the_query_has_no_rows(seeded: Driver) -> None:
    records, _, _ = seeded.execute_query(
        "MATCH (p:Post) WHERE NOT EXISTS { (p)<-[:REPORTS_TO|PART_OF|LEADS]-() } "
        "RETURN p.id AS id ORDER BY id LIMIT 1",
        database_=DATABASE,
    )
    post = records[0]["id"]
    done = _by_ids(seeded, "subordinates", {"id": post, "max_depth": 1}, {"id": post})
    assert done is not None
    found, rows = done
    assert found["id"]["id"] == post and rows == []
    assert done == _one_by_one(seeded, "subordinates", {"id": post, "max_depth": 1}, {"id": post})
