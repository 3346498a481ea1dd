"""A canonical hash of the whole graph, for round-trip and fault tests."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from neo4j import Driver

from tests.support import DATABASE

# Where the files lay when loaded (`sources_path`: a dataset's own sources folder) is not data.
VOLATILE = frozenset({"loaded_at", "lock", "files", "sources_path", "applied_at"})


def _enc(o: Any) -> Any:
    if hasattr(o, "iso_format"):
        return o.iso_format()
    return str(o)


def canonical(
    driver: Driver, database: str = DATABASE, *, exclude_dataset: str | None = None
) -> tuple[list[str], list[str]]:
    """Nodes (labels + properties except VOLATILE) and relationships (type, endpoint ids,
    properties), each as sorted canonical JSON lines; optionally without one dataset's nodes,
    relationships and :Dataset node."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) WHERE $x IS NULL OR NOT (n.dataset = $x OR (n:Dataset AND n.id = $x)) "
        "RETURN labels(n) AS l, properties(n) AS p",
        x=exclude_dataset,
        database_=database,
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) WHERE $x IS NULL OR NOT coalesce(r.dataset = $x, false) "
        "RETURN a.id AS a, type(r) AS t, properties(r) AS p, b.id AS b",
        x=exclude_dataset,
        database_=database,
    )

    def dump(x: Any) -> str:
        return json.dumps(x, sort_keys=True, default=_enc, ensure_ascii=False)

    n = sorted(
        dump([sorted(r["l"]), {k: v for k, v in r["p"].items() if k not in VOLATILE}])
        for r in nodes
    )
    e = sorted(dump([r["a"], r["t"], r["b"], r["p"]]) for r in rels)
    return n, e


def graph_hash(
    driver: Driver, database: str = DATABASE, *, exclude_dataset: str | None = None
) -> str:
    n, e = canonical(driver, database, exclude_dataset=exclude_dataset)
    return hashlib.sha256("\n".join([*n, "--", *e]).encode()).hexdigest()
