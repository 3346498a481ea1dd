"""What the routers share: resolving names to entities and running library queries.

No Cypher here: resolution and queries live in `queries/`; this module only binds request
values to query parameters, records the audit facts and makes rows JSON-ready.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import Request
from neo4j import Driver

import queries
from api.audit import note
from api.models import EntityRef, Rows
from graph.settings import Settings
from queries.adhoc import to_jsonable
from queries.resolve import resolve_entity

# Library parameters that name an entity (as in `orggraph query`): names are resolved to ids.
ENTITY_PARAMS = frozenset({"id", "at", "org", "target", "from_id", "to_id", "zone"})


def resolve(
    driver: Driver, settings: Settings, ref: str, *, kinds: Sequence[str] | None = None
) -> EntityRef:
    """An id, name or abbreviation → one entity; NotFound (404, with suggestions) or
    Ambiguous (409, with candidates) otherwise."""
    found = resolve_entity(
        driver,
        ref,
        database=settings.neo4j_database,
        kinds=list(kinds) if kinds is not None else None,
    )
    return EntityRef(id=str(found["id"]), name=str(found["name"]), kind=str(found["kind"]))


def resolve_params(
    driver: Driver, settings: Settings, name: str, params: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, EntityRef]]:
    """Resolve the entity parameters the query declares, as the CLI does, so a name, an
    abbreviation or an id give the same rows."""
    declared = set(queries.get(name).param_names)
    out = dict(params)
    resolved: dict[str, EntityRef] = {}
    for key in sorted(ENTITY_PARAMS & declared & set(params)):
        if isinstance(params[key], str):
            resolved[key] = resolve(driver, settings, params[key])
            out[key] = resolved[key].id
    return out, resolved


def run_library(
    request: Request,
    driver: Driver,
    settings: Settings,
    name: str,
    params: dict[str, Any],
    *,
    resolved: dict[str, EntityRef] | None = None,
) -> Rows:
    """Run a read query of the library; parameters left at None are not sent, so the query's
    own defaults apply. Bad parameters raise QueryError (422)."""
    note(request, query=name)
    sent = {k: v for k, v in params.items() if v is not None}
    rows = queries.run(
        driver,
        name,
        sent,
        database=settings.neo4j_database,
        timeout_s=settings.cypher_timeout_s,
    )
    note(request, rows=len(rows))
    return Rows(
        query=name,
        params=to_jsonable(sent),
        resolved=resolved or {},
        count=len(rows),
        rows=[to_jsonable(r) for r in rows],
    )
