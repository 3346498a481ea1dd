"""Turning what a person types (an id, a name, an abbreviation, an alias) into one entity.

Analysts rarely know ids: "O-LTF", "oltf" and "Operationele Local Taskforce Foreign Fighters"
must all mean the same node. Matching is case-, accent-, space- and punctuation-insensitive
(done in `resolve_ref.cypher`); when a reference is not exact we refuse to guess and say what
came closest, and when several entities share a name we list them so the caller can pick an id.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from neo4j import Driver, Query, Session

import queries
from graph.cypher import read_with_retry
from graph.errors import Ambiguous, NotFound, QueryError, translate_driver_errors

Candidate = dict[str, str]
Rows = list[dict[str, Any]]

# Library parameters that name an entity: a name, an abbreviation or an id given there is
# resolved to the id before the query runs (the API's /queries/{name} and `orggraph query`).
ENTITY_PARAMS = frozenset({"id", "at", "org", "target", "from_id", "to_id", "zone"})


def candidates(
    driver: Driver, ref: str, *, database: str, kinds: Collection[str] | None = None
) -> list[dict[str, Any]]:
    """All candidate rows (id, name, kind, match: id|exact|fuzzy, score), best first."""
    params: dict[str, Any] = {"ref": ref, "kinds": sorted(kinds) if kinds else None}
    return queries.run(driver, "resolve_ref", params, database=database)


def resolve_entity(
    driver: Driver, ref: str, *, database: str, kinds: Collection[str] | None = None
) -> Candidate:
    """The one entity `ref` names, as {id, name, kind}.

    Raises NotFound (with the closest matches as suggestions) or Ambiguous (with candidates).
    """
    what = f"{'/'.join(sorted(kinds))} " if kinds else ""
    if not ref.strip():
        raise NotFound(f"{what}entity ''")
    # Most references are ids (links, API paths): one index seek answers them.
    exact_id = queries.run(driver, "entity_ref", {"id": ref}, database=database)
    if exact_id and (not kinds or exact_id[0]["kind"] in kinds):
        return _public(exact_id[0])
    rows = candidates(driver, ref, database=database, kinds=kinds)
    by_id = [r for r in rows if r["match"] == "id"]
    if by_id:
        return _public(by_id[0])
    exact = [r for r in rows if r["match"] == "exact"]
    if len(exact) == 1:
        return _public(exact[0])
    if exact:
        raise Ambiguous(f"{what}{ref!r}", [_public(r) for r in exact])
    raise NotFound(f"{what}entity {ref!r}", [suggestion(r) for r in rows[:5]])


def suggestion(row: Mapping[str, Any]) -> str:
    """How a close name is offered, in a 404 and in an empty answer: `id (name, kind)`."""
    return f"{row['id']} ({row['name']}, {row['kind']})"


def resolve_id(
    driver: Driver, ref: str, *, database: str, kinds: Collection[str] | None = None
) -> str:
    """Shortcut for callers that only need the id."""
    return resolve_entity(driver, ref, database=database, kinds=kinds)["id"]


def resolve_params(
    driver: Driver, name: str, params: Mapping[str, Any], *, database: str
) -> tuple[dict[str, Any], dict[str, Candidate]]:
    """`params` with every entity parameter query `name` declares resolved to an id, and what
    each resolved to: a name, an abbreviation or an id give the same rows."""
    declared = set(queries.get(name).param_names)
    out = dict(params)
    resolved: dict[str, Candidate] = {}
    for key in sorted(ENTITY_PARAMS & declared & set(params)):
        if isinstance(params[key], str):
            resolved[key] = resolve_entity(driver, params[key], database=database)
            out[key] = resolved[key]["id"]
    return out, resolved


def run_by_ids(
    driver: Driver,
    name: str,
    params: Mapping[str, Any],
    refs: Mapping[str, str],
    *,
    database: str,
    timeout_s: float | None,
) -> tuple[dict[str, Candidate], Rows] | None:
    """The common case, every reference an exact id (links, API paths): the `entity_ref`
    lookups and the query itself in ONE read session as auto-commit queries, instead of a
    session and a managed transaction each (the driver's per-transaction cost was most of a
    request's CPU).

    `params` already holds the references (`refs`, by label) as ids. None when a reference
    is not an id (or the parameters do not bind): the caller then resolves step by step."""
    lookup, query = queries.get("entity_ref"), queries.get(name)
    if query.mode != "read":
        return None
    try:
        bound = query.bind(dict(params))
        lookups = [(label, lookup.bind({"id": ref})) for label, ref in refs.items()]
    except QueryError:
        return None
    lookup_q = Query(lookup.text, timeout=timeout_s)
    main_q = Query(query.text, timeout=timeout_s)

    def work(session: Session) -> tuple[dict[str, Candidate], Rows] | None:
        found: dict[str, Candidate] = {}
        for label, given in lookups:
            row = session.run(lookup_q, given).single()
            if row is None:
                return None
            found[label] = _public(row.data())
        return found, [rec.data() for rec in session.run(main_q, bound)]

    with translate_driver_errors(f"query {name!r}"):
        return read_with_retry(driver, database, work)


def _public(row: dict[str, Any]) -> Candidate:
    return {"id": str(row["id"]), "name": str(row["name"]), "kind": str(row["kind"])}
