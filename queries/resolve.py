"""Turning what a person types (an id, a name, an abbreviation, an alias) into one entity.

Analysts rarely know ids: "O-LTF", "oltf" and "Operationele Local Taskforce Foreign Fighters"
must all mean the same node. Matching is case-, accent-, space- and punctuation-insensitive
(done in `resolve_ref.cypher`); when a reference is not exact we refuse to guess and say what
came closest, and when several entities share a name we list them so the caller can pick an id.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from neo4j import Driver

import queries
from graph.errors import Ambiguous, NotFound

Candidate = dict[str, str]


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


def _public(row: dict[str, Any]) -> Candidate:
    return {"id": str(row["id"]), "name": str(row["name"]), "kind": str(row["kind"])}
