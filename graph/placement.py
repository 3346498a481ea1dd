"""Placement: each entity's organisation and the path of units above it, stored on the node.

Derived, never data: `graph/cypher/place.cypher` recomputes it wherever a load could have
changed it (the transactional loader in each load's transaction, the schema migration for the
whole graph), and the initial load writes it into its import files by the same rule in Python
(`walk_all`), so search reads three properties instead of walking up per row (issue 15's
"not worse" point). Exports, diffs, views and the entity view leave these
properties out, and a dataset cannot set them (loaders.dataset.RESERVED_PROPS).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
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
# The longest walk place.cypher climbs (its `{1,8}`).
MAX_WALK: Final = 8


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


@dataclass(frozen=True, slots=True)
class Placement:
    org_id: str
    org_name: str
    path: list[str] | None  # the units between, top first; None when the organisation is next

    def props(self) -> dict[str, object]:
        """The node properties place.cypher would store (an absent path is no property)."""
        out: dict[str, object] = {"placed_org_id": self.org_id, "placed_org_name": self.org_name}
        if self.path is not None:
            out["placed_path"] = self.path
        return out


def walk_all(
    names: Mapping[str, str],
    organisations: set[str],
    up: Mapping[str, list[tuple[str, str]]],
) -> dict[str, Placement]:
    """place.cypher's rule in Python, for a graph that is not in Neo4j yet: the initial load
    writes placements into its import files instead of walking 112k nodes in a transaction
    after the server's restart (seconds on a cold JVM). `names` is every entity (id → name),
    `up` each one's PART_OF/LEADS/HOLDS relations as (type, end id); entities without an
    organisation above them are left out, as the query stores nothing for them.
    tests/graph/test_placement.py holds both to the same answers, ties and cycles included."""
    out: dict[str, Placement] = {}
    for start in names:
        best = _walk(start, organisations, up)
        if best is not None:
            inner = [names[x] for x in best[1:-1]]
            out[start] = Placement(best[-1], names[best[-1]], inner[::-1] if inner else None)
    return out


def _walk(
    start: str, organisations: set[str], up: Mapping[str, list[tuple[str, str]]]
) -> tuple[str, ...] | None:
    """The walk the query keeps: the shortest (level by level), then the lowest organisation
    id, then the lowest ids along it. Only simple walks are followed: one that repeats a
    node is longer than the walk that skips the loop, so it is never the shortest; a walk may
    end where it started when that is an organisation (place.cypher's relationships, not its
    nodes, are unique)."""
    frontier: list[tuple[str, ...]] = [(start,)]
    for _ in range(MAX_WALK):
        found: list[tuple[str, ...]] = []
        longer: list[tuple[str, ...]] = []
        for walk in frontier:
            a = walk[-1]
            for rtype, b in up.get(a, ()):
                if rtype != "PART_OF" and a in organisations:
                    continue  # an organisation climbs by PART_OF only
                if b in organisations:
                    found.append((*walk, b))
                elif b not in walk and b in up:
                    longer.append((*walk, b))
        if found:
            return min(found, key=lambda w: (w[-1], w))
        if not longer:
            return None
        frontier = longer
    return None


__all__ = [
    "MAX_WALK",
    "PLACED_FROM_VERSION",
    "PLACEMENT_PROPS",
    "PLACEMENT_RELS",
    "Placement",
    "place",
    "place_all",
    "place_in_all",
    "walk_all",
]
