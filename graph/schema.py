"""Schema management: numbered migration files of idempotent Cypher, version kept in the DB.

A migration file is a list of statements (``;``-separated), each guarded by ``IF NOT EXISTS``,
so re-applying is harmless; the recorded version lets a newer orggraph apply only what an older
database lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import LiteralString

from neo4j import Driver
from neo4j.exceptions import ClientError

from graph.catalog import catalog
from graph.cypher import run_query, trusted_cypher
from graph.errors import OrgGraphError, translate_driver_errors
from graph.placement import PLACED_FROM_VERSION, place_all

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
_MIGRATION_RE = re.compile(r"^(\d{4})_[a-z0-9_]+\.cypher$")


@dataclass(frozen=True)
class Migration:
    version: int
    path: Path
    statements: tuple[LiteralString, ...]


def migrations() -> list[Migration]:
    found = []
    for path in sorted(SCHEMA_DIR.glob("*.cypher")):
        m = _MIGRATION_RE.match(path.name)
        if not m:
            raise OrgGraphError(f"{path}:1: migration files are named NNNN_name.cypher")
        text = "\n".join(
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.strip().startswith("//")
        )
        stmts = tuple(trusted_cypher(s.strip()) for s in text.split(";") if s.strip())
        found.append(Migration(int(m.group(1)), path, stmts))
    return found


LATEST = max(m.version for m in migrations())


@dataclass(frozen=True)
class SchemaReport:
    from_version: int
    to_version: int
    created: tuple[str, ...]


def schema_objects(driver: Driver, *, database: str) -> set[str]:
    rows = run_query(driver, catalog().get("graph.schema_objects"), database=database)
    return set(rows[0]["names"])


def current_version(driver: Driver, *, database: str) -> int:
    rows = run_query(driver, catalog().get("graph.schema_version"), database=database)
    return int(rows[0]["version"])


def apply_schema(driver: Driver, *, database: str) -> SchemaReport:
    """Bring the database up to the latest schema; a second call changes nothing."""
    before = schema_objects(driver, database=database)
    start = current_version(driver, database=database)
    with translate_driver_errors("schema migration"), driver.session(database=database) as session:
        for migration in migrations():
            # Statements are idempotent, so even applied versions are re-checked cheaply;
            # that repairs a database whose constraint was dropped by hand.
            for stmt in migration.statements:
                try:
                    session.run(stmt).consume()
                except ClientError as e:
                    raise OrgGraphError(f"schema migration failed: {e.message}") from e
    if 0 < start < PLACED_FROM_VERSION:
        # Loaded by an orggraph that stored no placements (0 is a database orggraph never
        # touched: it holds none of our entities). Before recording the version, so an
        # interrupted migration runs again.
        place_all(driver, database=database)
    if start < LATEST:  # never record a downgrade: an older orggraph may meet a newer DB
        run_query(
            driver,
            catalog().get("graph.set_schema_version"),
            {"version": LATEST},
            database=database,
        )
    after = schema_objects(driver, database=database)
    return SchemaReport(start, LATEST, tuple(sorted(after - before)))
