"""Reading what a standard-format export holds: the whole graph in pages, or only one
organisation's part (issue 17, national scale).

The dataset backup (`loaders.export.collect`) reads the graph in one transaction; at national
scale (the 185-zone generated country) that transaction outlives the server's 120 s
`db.transaction.timeout` on a loaded machine. Here every read is a short auto-commit read of a
`loader.export_*` library query (READ routing): entities a page at a time in id order with the
relations that start at them and their staffing figures; or, for `--org`, the organisation's
core (`export_scope`) and what touches it. Pages are separate transactions, so the graph's
state (each dataset's load time and lock, the entity and relationship counts) is read before
and after: if a load committed in between, the read is done again, and refused after
`ATTEMPTS`, rather than exporting half of a load. The rows go through the same
`loaders.export.assemble` as the backup's, so both read paths give the same snapshot.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

from neo4j import Driver

from graph.catalog import catalog
from graph.cypher import run_query
from graph.errors import NotFound, OrgGraphError
from loaders.export import ExportedDataset, assemble

# Entities per page (and ids per `$ids` list: the queries bound them at 5000).
PAGE: Final = 5_000
ATTEMPTS: Final = 3
REFERENCE_KEYS: Final = ("on_behalf_of", "requested_by", "in_role")
SCOPE_KINDS: Final = frozenset({"Organisation", "Unit", "PartnerBody", "Board", "Forum"})

Rows = list[dict[str, Any]]


def _run(driver: Driver, name: str, database: str, **params: Any) -> Rows:
    return run_query(driver, catalog().get(f"loader.{name}"), params, database=database)


def _of(driver: Driver, name: str, ids: Iterable[str], database: str) -> Rows:
    """`name` (a query over `$ids`) for every id, PAGE ids per query."""
    todo = sorted(set(ids))
    rows: Rows = []
    for start in range(0, len(todo), PAGE):
        rows += _run(driver, name, database, ids=todo[start : start + PAGE])
    return rows


def _state(driver: Driver, database: str) -> Any:
    [row] = _run(driver, "export_graph_state", database)
    return row


def _consistent(driver: Driver, database: str, read: Any) -> list[ExportedDataset]:
    """`read()` between two equal states of the graph (see the module docstring)."""
    for _ in range(ATTEMPTS):
        before = _state(driver, database)
        result: list[ExportedDataset] = read()
        if _state(driver, database) == before:
            return result
    raise OrgGraphError(
        f"the graph changed while it was read for the export ({ATTEMPTS} attempts: a load "
        "committed meanwhile); run the export again when no load is running"
    )


def read_all(driver: Driver, *, database: str, page: int = PAGE) -> list[ExportedDataset]:
    """The whole graph, as `loaders.export.collect` reads it, in pages of `page` entities."""
    if not 1 <= page <= PAGE:
        raise OrgGraphError(f"an export page is 1 to {PAGE} entities, not {page}")

    def read() -> list[ExportedDataset]:
        entities: Rows = []
        relations: Rows = []
        staffing: Rows = []
        after = ""
        while True:
            rows = _run(driver, "export_entities_page", database, after=after, limit=page)
            if not rows:
                break
            ids = [str(r["props"]["id"]) for r in rows]
            entities += rows
            relations += _run(driver, "export_relations_from", database, ids=ids)
            staffing += _run(driver, "export_staffing_of", database, ids=ids)
            if len(rows) < page:
                break
            after = ids[-1]
        manifests = _run(driver, "export_datasets", database)
        sources = _run(driver, "export_sources", database)
        return assemble(manifests, sources, entities, relations, staffing)

    return _consistent(driver, database, read)


def check_scope(org: str, kind: str | None) -> None:
    if kind is None:
        raise NotFound(f"entity {org!r}")
    if kind not in SCOPE_KINDS:
        raise OrgGraphError(
            f"{org} is a {kind}; an export is scoped to an organisation, unit, board, "
            "partner body or forum"
        )


def _cited(rows: Iterable[Mapping[str, Any]]) -> set[str]:
    return {str(r["props"]["source"]) for r in rows if r["props"].get("source")}


def read_scope(driver: Driver, *, database: str, org: str) -> list[ExportedDataset]:
    """Only what an export of `org` holds (`loaders.formats.scoped` says what): its core,
    every relation touching the core, the entities at their other ends or named by their
    props, those entities' staffing figures and the sources all of them cite."""

    def read() -> list[ExportedDataset]:
        [scope] = _run(driver, "export_scope", database, org=org)
        check_scope(org, scope["kind"])
        core = [str(i) for i in scope["ids"]]
        relations: Rows = []
        seen: set[tuple[str, str, str, str]] = set()
        for r in _of(driver, "export_relations_touching", core, database):
            key = (r["type"], r["from"], r["to"], str(r["props"].get("id")))
            if key not in seen:  # a relation between two ids of different batches
                seen.add(key)
                relations.append(r)
        keep = set(core)
        for r in relations:
            keep.update((r["from"], r["to"]))
            keep.update(str(r["props"][k]) for k in REFERENCE_KEYS
                        if isinstance(r["props"].get(k), str))  # fmt: skip
        entities = _of(driver, "export_entities_of", keep, database)
        staffing = _of(driver, "export_staffing_of", keep, database)
        cited = _cited(entities) | _cited(relations) | _cited(staffing)
        sources = _of(driver, "export_sources_of", cited, database)
        manifests = _run(driver, "export_datasets", database)
        return assemble(manifests, sources, entities, relations, staffing)

    return _consistent(driver, database, read)


__all__ = ["PAGE", "check_scope", "read_all", "read_scope"]
