"""The initial load: validated datasets into an EMPTY local database through Neo4j's importer.

`orggraph load --initial DIR` is for the day a country is loaded for the first time. It
validates exactly as `orggraph load` does (quote checks included; bad input is refused before
anything is written), builds the same rows and manifests (loaders.plan, loaders.rows), writes
them as CSV files for `neo4j-admin database import full` (graph.importer stops the local
server, imports, starts it again), then applies the schema and sets what CSV cannot say
(empty lists, unusual characters, each manifest's load time). The files hold what the
loader's queries would store, derived values included: each entity's placement (walked in
Python by graph.placement's rule, not by place.cypher over the whole graph after the
restart) and each dataset's manifest node. The graph is the one `orggraph load DIR` writes
(tests/loaders/test_bulk.py compares them, property for property); the transactional loader
stays the way to load changes.

Only an empty database qualifies (the importer replaces the store), and only the local jar
server (the importer needs its store offline): anything else is refused with what to do.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any, Final

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import Neo4jError, ServiceUnavailable

from graph.catalog import catalog
from graph.db import wipe
from graph.errors import ConfigError, Neo4jUnavailable, OrgGraphError, translate_driver_errors
from graph.files import make_private, private_files
from graph.importer import ARRAY_DELIMITER, ImportFiles, import_offline
from graph.placement import PLACEMENT_RELS, walk_all
from graph.schema import apply_schema
from graph.server import JarServer, local_server
from graph.settings import Settings
from loaders.load import LoadReport, prepare, settled_heap
from loaders.plan import Manifest, Plan
from loaders.validate import no_gc_pauses
from loaders.write import PhaseReporter, own_sources

ONLINE_TIMEOUT_S: Final = 120.0
INDEX_TIMEOUT_S: Final = 600
FIX_BATCH: Final = 5000
_EMPTY_MANIFEST: Final[Manifest] = {
    "entity_keys": [],
    "entity_hashes": [],
    "relation_keys": [],
    "relation_hashes": [],
    "staffing_keys": [],
    "staffing_hashes": [],
}


def initial_server(settings: Settings) -> JarServer:
    """The local jar server `load --initial` may import into; anything else is refused."""
    if settings.neo4j_uri:
        raise ConfigError(
            f"load --initial writes the store files of the LOCAL Neo4j with neo4j-admin, but "
            f"ORGGRAPH_NEO4J_URI points at {settings.neo4j_uri}, which orggraph does not run. "
            "Load with `orggraph load DIR` (transactions work on any server), or unset "
            "ORGGRAPH_NEO4J_URI to use the local server."
        )
    server = local_server(settings)
    if not isinstance(server, JarServer):
        raise ConfigError(
            f"load --initial imports into the local jar server's store, but the local Neo4j "
            f"runs in {server.backend}; load with `orggraph load DIR`, or set "
            "ORGGRAPH_BACKEND=jars."
        )
    return server


# -- CSV --------------------------------------------------------------------------------------

# The importer's column type of each Python type a stored value has (loaders.dataset PropValue).
_SCALAR: Final[dict[type, str]] = {str: "string", bool: "boolean", int: "long", float: "double"}
_SCALAR_WITH_DATE: Final[dict[type, str]] = {**_SCALAR, date: "date"}


def _array(value: list[Any]) -> tuple[str, str] | None:
    """(column type, field) of a list, None for what the array syntax cannot say exactly: an
    empty list, an empty string or the delimiter in an element, mixed types, dates, NUL.
    Those are set through Cypher after the import. The checks run over the whole list at
    once: a manifest's lists hold thousands of keys."""
    if not value:
        return None
    t = type(value[0])
    kind = _SCALAR.get(t)
    if kind is None or len(set(map(type, value))) != 1:
        return None
    if t is str:
        joined = ARRAY_DELIMITER.join(value)
        if "" in value or "\x00" in joined or joined.count(ARRAY_DELIMITER) != len(value) - 1:
            return None
        return "string[]", joined
    if t is bool:
        return "boolean[]", ARRAY_DELIMITER.join("true" if v else "false" for v in value)
    return f"{kind}[]", ARRAY_DELIMITER.join(map(repr, value))


@dataclass
class _Fixes:
    """What the CSV files leave out, set through Cypher after the import."""

    entities: list[dict[str, Any]] = field(default_factory=list)  # {id, props}
    relations: list[dict[str, Any]] = field(default_factory=list)  # {from, type, id, props}
    sources: list[dict[str, Any]] = field(default_factory=list)  # {id, props}
    staffing: list[dict[str, Any]] = field(default_factory=list)  # {id, props}
    datasets: list[dict[str, Any]] = field(default_factory=list)  # {id, props}


@dataclass(slots=True)
class _Shape:
    """What a row with these keys and value types needs: which columns are text (checked
    for line breaks and NUL), lists (typed per row), booleans, and never CSV (None, others)."""

    keys: tuple[str, ...]
    types: tuple[type, ...]
    strs: list[int]
    lists: list[int]
    bools: list[int]
    emit: list[int]

    @classmethod
    def of(cls, keys: tuple[str, ...], types: tuple[type, ...]) -> _Shape:
        strs, lists, bools, emit = [], [], [], []
        for i, t in enumerate(types):
            if t is list:
                lists.append(i)
            elif t in _SCALAR_WITH_DATE:
                if t is str:
                    strs.append(i)
                elif t is bool:
                    bools.append(i)
            else:
                continue  # None: absent; anything else goes through Cypher
            emit.append(i)
        return cls(keys, types, strs, lists, bools, emit)


class CsvWriter:
    """CSV files for the importer, one per label set (or type) and set of typed columns, so
    every row of a file has every column: an absent value is never an empty field. Text is
    always quoted (an empty string stays one), numbers never; a file with line breaks in its
    values is listed for the importer's multi-line parsing (slower, so only those files)."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.files = ImportFiles()
        self._shapes: dict[tuple[Any, ...], _Shape] = {}
        self._files: dict[tuple[Any, ...], tuple[Any, list[int]]] = {}
        self._handles: list[IO[str]] = []
        self.fixes = _Fixes()
        self.rows = 0
        # Entities wait for every relation: their placement may climb into another dataset.
        self._entities: list[dict[str, Any]] = []
        self._names: dict[str, str] = {}
        self._organisations: set[str] = set()
        self._up: dict[str, list[tuple[str, str]]] = {}
        self.place_s = 0.0  # the placement walk's share of writing the files

    def _open(
        self, key: tuple[Any, ...], shape: _Shape, cols: list[int], types: list[str],
        lead: tuple[str, ...], name: str, group: str | None, multi: bool,
    ) -> Any:  # fmt: skip
        kind = "nodes" if group is not None else "relationships"
        path = self.dir / f"{kind}-{len(self._files):04d}.csv"
        f = path.open("w", encoding="utf-8", newline="")
        self._handles.append(f)
        header = [
            f"id:ID({group})"
            if group is not None and shape.keys[i] == "id"
            else f"{shape.keys[i]}:{t}"
            for i, t in zip(cols, types, strict=True)
        ]
        f.write(",".join([*lead, *header]) + "\n")
        writer = csv.writer(f, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
        (self.files.nodes if group is not None else self.files.relationships).append((name, path))
        if multi:
            self.files.multiline.append(path)
        self._files[key] = (writer, cols)
        return writer

    def _row(
        self, name: str, group: str | None, lead: tuple[str, ...], ends: list[str],
        props: dict[str, Any],
    ) -> dict[str, Any]:  # fmt: skip
        """Write one row; returns the properties left for Cypher."""
        keys, types = tuple(props), tuple(map(type, props.values()))
        shape = self._shapes.get((name, keys, types))
        if shape is None:
            shape = self._shapes[(name, keys, types)] = _Shape.of(keys, types)
        vals = list(props.values())
        fix: dict[str, Any] = {}
        arrays: list[str | None] = []
        for i in shape.lists:
            a = _array(vals[i])
            if a is None:
                fix[keys[i]] = vals[i]
                arrays.append(None)
            else:
                arrays.append(a[0])
                vals[i] = a[1]
        for i in shape.bools:
            vals[i] = "true" if vals[i] else "false"
        multi = False
        for i in shape.strs:
            v = vals[i]
            if "\n" in v or "\r" in v:
                multi = True
            if "\x00" in v:
                fix[keys[i]] = v
        for i in shape.lists:
            if isinstance(vals[i], str) and ("\n" in vals[i] or "\r" in vals[i]):
                multi = True
        fkey = (shape.keys, shape.types, name, lead, tuple(arrays), tuple(fix), multi)
        found = self._files.get(fkey)
        if found is None:
            cols = [i for i in shape.emit if keys[i] not in fix]
            array_types = iter(arrays)
            ctypes = []
            for i in shape.emit:
                t = next(array_types) if types[i] is list else _SCALAR_WITH_DATE[types[i]]
                if keys[i] not in fix:
                    ctypes.append(t or "")
            writer = self._open(fkey, shape, cols, ctypes, lead, name, group, multi)
        else:
            writer, cols = found
        writer.writerow([*ends, *[vals[i] for i in cols]])
        self.rows += 1
        return fix

    def node(self, labels: str, group: str, props: dict[str, Any]) -> dict[str, Any]:
        """Write one node (`props` has its `id`); returns the properties left for Cypher."""
        return self._row(labels, group, (), [], props)

    def relationship(
        self, rtype: str, start: str, end: str, end_group: str, props: dict[str, Any]
    ) -> dict[str, Any]:
        lead = (":START_ID(Entity)", f":END_ID({end_group})")
        return self._row(rtype, None, lead, [start, end], props)

    def write_plan(self, plan: Plan) -> None:
        """Every row of one planned dataset, with what the upserts would store; its entities
        wait for `write_entities` (or `close`), when every relation their placement climbs is
        known."""
        name, base = plan.dataset, plan.base
        fixes = self.fixes
        for s in plan.sources:
            if fix := self.node("Source", "Source", {**s["props"], "id": s["id"]}):
                fixes.sources.append({"id": s["id"], "props": fix})
        for e in plan.entities:
            stored = e.stored(name, base)
            if stored.get("aliases") == []:
                del stored["aliases"]  # every entity has aliases: [] is set by one query
            self._entities.append(stored)
            self._names[e.id] = stored["name"]
            if e.kind == "Organisation":
                self._organisations.add(e.id)
        for r in plan.relations:
            stored = r.stored(name, base)
            del stored["from"], stored["to"]
            if r.type in PLACEMENT_RELS:
                self._up.setdefault(r.from_, []).append((r.type, r.to))
            if fix := self.relationship(r.type, r.from_, r.to, "Entity", stored):
                fixes.relations.append({"from": r.from_, "type": r.type, "id": r.id, "props": fix})
        for st in plan.staffing:
            w = st.wire
            if fix := self.node("Staffing", "Staffing", st.stored(name)):
                fixes.staffing.append({"id": st.id, "props": fix})
            link = {
                "id": w["id"],
                "dataset": name,
                "quote": w["quote"],
                "source": w["source"],
                "inferred": bool(w["inferred"]),
                "reason": w["reason"],
            }  # fmt: skip  (upsert_staffing's HAS_STAFFING properties)
            if fix := self.relationship("HAS_STAFFING", st.entity, st.id, "Staffing", link):
                fixes.relations.append(
                    {"from": st.entity, "type": "HAS_STAFFING", "id": st.id, "props": fix}
                )

    def write_manifest(self, plan: Plan) -> None:
        """The dataset's :Dataset node as save_manifest leaves it (its `loaded_at` is set by
        bulk_datasets_loaded), once `plan.diff` has made the manifest."""
        assert plan.manifest is not None
        m = plan.manifest
        props: dict[str, Any] = {
            "id": plan.dataset,
            "title": plan.title,
            "files": plan.files,
            **own_sources(plan),
            "entity_keys": m["entity_keys"],
            "entity_hashes": m["entity_hashes"],
            "relation_keys": m["relation_keys"],
            "relation_hashes": m["relation_hashes"],
        }
        if m["staffing_keys"]:  # absent rather than [] without figures, as save_manifest does
            props["staffing_keys"] = m["staffing_keys"]
            props["staffing_hashes"] = m["staffing_hashes"]
        props = {k: v for k, v in props.items() if v is not None}
        if fix := self.node("Dataset", "Dataset", props):
            self.fixes.datasets.append({"id": plan.dataset, "props": fix})

    def write_entities(self) -> int:
        """Every entity of the plans written, each with its placement (graph.placement's
        rule, which place.cypher applies to a graph in Neo4j); returns how many were placed."""
        up = {
            a: [(t, b) for t, b in ends if b in self._names]
            for a, ends in self._up.items()
            if a in self._names
        }
        t = time.perf_counter()
        placed = walk_all(self._names, self._organisations, up)
        self.place_s = time.perf_counter() - t
        fixes = self.fixes.entities
        for stored in self._entities:
            at = placed.get(stored["id"])
            if at is not None:
                stored.update(at.props())
            if fix := self.node(f"Entity:{stored['kind']}", "Entity", stored):
                fixes.append({"id": stored["id"], "props": fix})
        self._entities.clear()
        return len(placed)

    def close(self) -> ImportFiles:
        """The files, complete: entities still waiting for `write_entities` are written."""
        if self._entities:
            self.write_entities()
        for f in self._handles:
            f.close()
        self._handles.clear()
        return self.files


# -- the load ---------------------------------------------------------------------------------


def _run(tx: ManagedTransaction, name: str, **params: Any) -> list[dict[str, Any]]:
    q = catalog().get(f"loader.{name}")
    return [dict(r) for r in tx.run(q.wire, q.bind_wire(params))]


def require_empty(driver: Driver, *, database: str, where: str) -> None:
    q = catalog().get("loader.bulk_database_empty")
    with translate_driver_errors(), driver.session(database=database) as session:
        row = session.execute_read(lambda tx: dict(tx.run(q.wire).single(strict=True)))
    if row["nodes"] or row["relationships"]:
        raise ConfigError(
            f"load --initial writes only into an EMPTY database, and database {database!r} at "
            f"{where} holds {row['nodes']} node(s) and {row['relationships']} relationship(s); "
            "nothing was written. Load changes with `orggraph load DIR`, or empty the "
            "database first (orggraph db reset)."
        )


@settled_heap()  # `prepare` freezes the validated heap; thawed when the load returns
def initial_load(
    server: JarServer,
    driver: Driver,
    paths: Sequence[Path],
    *,
    database: str,
    sources_dir: Path | None,
    phases: PhaseReporter | None = None,
    accept_draft: bool = False,
) -> LoadReport:
    """Validate, then write everything through the importer; the graph `load()` would write.

    Raises ValidationFailed (nothing written), ConfigError (not empty: nothing written) or
    OrgGraphError (the import failed: the database is as it was, empty)."""
    where = server.connection().uri
    require_empty(driver, database=database, where=where)
    prepared = prepare(
        driver,
        paths,
        database=database,
        sources_dir=sources_dir,
        phases=phases,
        accept_draft=accept_draft,
        grouped=False,
    )
    report, planned = prepared.report, prepared.plans
    if phases is not None:
        phases.begin("write", len(planned))
    with private_files():
        make_private(server.home)
        work = Path(tempfile.mkdtemp(prefix="initial-load-", dir=server.home))
    try:
        t2 = time.perf_counter()
        writer = CsvWriter(work)
        try:
            with no_gc_pauses():  # rows by the million, no cycles among them
                for n, plan in enumerate(planned, 1):
                    plan.build()
                    plan.diff(_EMPTY_MANIFEST, prune=False)
                    writer.write_plan(plan)
                    writer.write_manifest(plan)
                    plan.release()
                    if phases is not None:
                        phases.advance("write", n, len(planned))
                files = writer.close()  # the entities last, with their placements
        except OSError as e:
            raise OrgGraphError(
                f"could not write the import files in {work} ({e}); nothing was written. Free "
                "space there (or fix its permissions) and run the load again."
            ) from e
        t3 = time.perf_counter()
        require_empty(driver, database=database, where=where)  # nobody wrote meanwhile
        timings = import_offline(server, database, files, workdir=work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    t4 = time.perf_counter()
    forget_bookmarks(driver)
    try:
        finish_steps = _finish(driver, database, writer.fixes)
    except BaseException as e:
        # The import is in, but not its schema or what CSV could not carry: empty the
        # database again rather than leave a graph that is not the one a load writes.
        wipe(driver, database=database)
        apply_schema(driver, database=database)
        raise OrgGraphError(
            f"the initial load failed after the import ({e}); the database was emptied again"
        ) from e
    t5 = time.perf_counter()
    split = {
        "validate_s": prepared.validate_s,
        "plan_s": prepared.plan_s,
        "csv_s": t3 - t2,
        "csv_place_s": round(writer.place_s, 3),
        "stop_s": timings.stop_s,
        "import_s": timings.import_s,
        "start_s": timings.start_s,
        "finish_s": t5 - t4,
        "write_s": t5 - t2,
        **finish_steps,
    }
    if phases is not None:
        phases.advance("write", len(planned), len(planned))
        phases.end("write", split["write_s"])
    return LoadReport([p.change for p in planned], False, report, split)


def forget_bookmarks(driver: Driver) -> None:
    """Drop the bookmarks `driver.execute_query` chains: they name transactions of the store
    the import replaced, and the new store (its transaction ids start again) would be waited
    on until it reached them, for minutes. Sessions chain none of their own."""
    manager = driver.execute_query_bookmark_manager
    manager.update_bookmarks(manager.get_bookmarks(), [])


def _wait_online(driver: Driver, database: str) -> None:
    """The server answers before its user database is online: wait for that database."""
    deadline = time.monotonic() + ONLINE_TIMEOUT_S
    while True:
        try:
            with driver.session(database=database) as session:
                session.run("RETURN 1").consume()
            return
        except (Neo4jError, ServiceUnavailable, OSError) as e:
            if time.monotonic() > deadline:
                raise Neo4jUnavailable(
                    f"database {database!r} did not come online within {ONLINE_TIMEOUT_S:.0f} s "
                    f"after the import: {e}"
                ) from e
            time.sleep(0.2)


class _Laps:
    """Seconds between successive calls, by step name (the benchmark reports the finish's)."""

    def __init__(self) -> None:
        self.steps: dict[str, float] = {}
        self._t = time.perf_counter()

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        self.steps[name] = round(now - self._t, 3)
        self._t = now


def _finish(driver: Driver, database: str, fixes: _Fixes) -> dict[str, float]:
    """Schema, then the values CSV could not carry and the manifests' load time. Returns the
    seconds of each step (the benchmark reports them)."""
    lap = _Laps()
    _wait_online(driver, database)
    lap("finish_online_s")
    # Most of the finish: each constraint populates its index over the fresh store. Creating
    # them on two sessions was measured and not taken: 14.4 vs 14.3 s (the same slow day), the
    # sessions deadlocking on the Entity label and retrying.
    apply_schema(driver, database=database)
    lap("finish_schema_s")
    with translate_driver_errors(), driver.session(database=database) as session:
        q = catalog().get("loader.bulk_await_indexes")
        session.run(q.wire, q.bind_wire({"seconds": INDEX_TIMEOUT_S})).consume()
        lap("finish_indexes_s")
        inside = session.execute_write(_fix, fixes)
    lap("finish_tx_s")  # the fixes and the commit
    return {**lap.steps, **inside}


def _fix(tx: ManagedTransaction, fixes: _Fixes) -> dict[str, float]:
    """The transaction's steps; returns their seconds (of the last attempt, when retried)."""
    lap = _Laps()
    _run(tx, "bulk_empty_aliases")
    for name, rows in (
        ("bulk_fix_entities", fixes.entities),
        ("bulk_fix_relations", fixes.relations),
        ("bulk_fix_sources", fixes.sources),
        ("bulk_fix_staffing", fixes.staffing),
        ("bulk_fix_datasets", fixes.datasets),
    ):
        for i in range(0, len(rows), FIX_BATCH):
            _run(tx, name, rows=rows[i : i + FIX_BATCH])
    _run(tx, "bulk_datasets_loaded")
    lap("finish_fixes_s")
    return lap.steps


__all__ = ["CsvWriter", "forget_bookmarks", "initial_load", "initial_server", "require_empty"]
