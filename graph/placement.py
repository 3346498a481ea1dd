"""Placement: each entity's organisation and the path of units above it, stored on the node.

Derived, never data: `graph/cypher/place.cypher` recomputes it wherever a load could have
changed it (the transactional loader in each load's transaction, the initial load and the
schema migration for the whole graph), so search reads three properties instead of walking up
per row (issue 15's "not worse" point). Exports, diffs, views and the entity view leave these
properties out, and a dataset cannot set them (loaders.dataset.RESERVED_PROPS).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from neo4j import Driver, ManagedTransaction, Transaction

from graph.catalog import catalog
from graph.cypher import run_query

PLACEMENT_PROPS: Final = frozenset({"placed_org_id", "placed_org_name", "placed_path"})
# The relationship types the placement walk climbs: a change to one of them moves what lies
# below its start node.
PLACEMENT_RELS: Final = frozenset({"PART_OF", "LEADS", "HOLDS"})
# Databases recorded at an older schema version were loaded before placements were stored.
PLACED_FROM_VERSION: Final = 4


def place(
    tx: ManagedTransaction | Transaction, roots: Iterable[str], *, new: Iterable[str] = ()
) -> int:
    """Recompute, inside the caller's transaction, the placement of `roots` and of everything
    whose walk passes through them, and of `new` (entities this transaction created: what
    hangs below them is new too, or hangs by a relation whose start is a root); returns how
    many nodes changed. Walking down from every entity of a first load cost it seconds."""
    below = sorted(set(roots))
    alone = sorted(set(new) - set(below))
    if not below and not alone:
        return 0
    q = catalog().get("graph.place")
    record = tx.run(q.wire, q.bind_wire({"ids": alone, "roots": below, "all": False})).single()
    return int(record["count"]) if record else 0


def place_in_all(tx: ManagedTransaction | Transaction) -> int:
    """Every entity's placement, inside the caller's transaction (after an initial load)."""
    q = catalog().get("graph.place")
    record = tx.run(q.wire, q.bind_wire({"ids": [], "roots": [], "all": True})).single()
    return int(record["count"]) if record else 0


def place_all(driver: Driver, *, database: str) -> int:
    """Every entity's placement in a transaction of its own (the schema migration)."""
    rows = run_query(
        driver,
        catalog().get("graph.place"),
        {"ids": [], "roots": [], "all": True},
        database=database,
    )
    return int(rows[0]["count"])


__all__ = [
    "PLACED_FROM_VERSION",
    "PLACEMENT_PROPS",
    "PLACEMENT_RELS",
    "place",
    "place_all",
    "place_in_all",
]
