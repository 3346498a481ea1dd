"""Writing planned groups into Neo4j: one transaction per group, ownership checked.

Each transaction first takes every dataset's lock and reads its manifest (so concurrent loads of
one dataset serialise), diffs, then writes sources, deletions, entities and, once every entity
of the group exists, staffing figures and relations, then the placements those writes changed;
the manifest is saved last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any, Protocol, TypeVar

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ConstraintError

from graph.catalog import catalog
from graph.cypher import run_query
from graph.errors import LoadConflict
from graph.placement import PLACEMENT_RELS, place
from loaders.dataset import EntityKind, RelType
from loaders.plan import Group, Plan
from loaders.rows import EntityRow, RelationKey, RelationRow

BATCH = 5000
KINDS = [k.value for k in EntityKind]
Progress = Callable[[str, int, int], None]
Run = Callable[..., list[dict[str, Any]]]
_T = TypeVar("_T")


class PhaseReporter(Protocol):
    """How a long load shows where it is: a bar on a terminal, one line per phase otherwise.
    Phases are "validate" (files), "plan" (datasets) and "write" (datasets)."""

    def begin(self, phase: str, total: int) -> None: ...

    def advance(self, phase: str, done: int, total: int) -> None: ...

    def end(self, phase: str, seconds: float) -> None: ...


def _chunks(rows: Sequence[_T], size: int = BATCH) -> Iterable[Sequence[_T]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _run(tx: ManagedTransaction, name: str, **params: Any) -> list[dict[str, Any]]:
    q = catalog().get(f"loader.{name}")
    # dict(record), not record.data(): these queries return plain values, and data() walks
    # every element of the manifests' long lists (seconds per national reload).
    return [dict(r) for r in tx.run(q.wire, q.bind_wire(params))]


def reader(driver: Driver, *, database: str) -> Run:
    """Run loader queries outside a transaction (the dry run, conflict explanations)."""

    def run(name: str, **params: Any) -> list[dict[str, Any]]:
        return run_query(driver, catalog().get(f"loader.{name}"), params, database=database)

    return run


# -- one transaction -------------------------------------------------------------------------


def write_group(
    tx: ManagedTransaction, group: list[Plan], *, prune: bool, progress: Progress | None
) -> None:
    """The transaction function of one group (retried as a whole by execute_write)."""
    for plan in group:
        plan.build()
        manifest = _run(tx, "lock_dataset", dataset=plan.dataset)[0]
        plan.diff(manifest, prune=prune)
    for plan in group:
        _write_removals(tx, plan)
        _write_entities(tx, plan, progress)
    for plan in group:
        _write_staffing(tx, plan)
        _write_relations(tx, plan, progress)
    # Placements once every relation is in, before the manifests (still last).
    seeds = [placement_seeds(plan) for plan in group]
    place(tx, (i for roots, _ in seeds for i in roots), new=(i for _, n in seeds for i in n))
    for plan in group:
        assert plan.manifest is not None  # set by diff
        _run(
            tx,
            "save_manifest",
            dataset=plan.dataset,
            title=plan.title,
            files=plan.files,
            **own_sources(plan),
            **plan.manifest,
        )


def placement_seeds(plan: Plan) -> tuple[list[str], list[str]]:
    """(roots, new) for graph.placement.place: the entities whose placement this plan's writes
    may have changed. Roots, whose change reaches what lies below them: every entity it
    rewrites (an upsert replaces the node's properties; a rename changes the paths below it)
    and the start of every climbing relation it drops, or writes from an older entity. New:
    the entities it creates (nothing older hangs below them but by a relation written here,
    whose start is a root).
    A dropped entity needs none: what hung below it was another relation of this dataset
    (dropped too, so a root) or of another dataset (then the prune is refused)."""
    changed = {e.id for e in plan.changed_entities}
    new = {e.id for e in plan.write_entities if e.id not in changed}
    roots = list(changed)
    # A relation from a new entity moves nothing older: all below it is new, or a root.
    roots += (
        r.from_ for r in plan.write_relations if r.type in PLACEMENT_RELS and r.from_ not in new
    )
    roots += (k["from"] for k in plan.drop_relations if k["type"] in PLACEMENT_RELS)
    return roots, list(new)


def own_sources(plan: Plan) -> dict[str, str | None]:
    """The dataset's own `sources_dir:` as written and the folder it named when loaded, so
    an export can write it back with its texts (None for the global sources folder)."""
    value = plan.dataset_file.sources_dir
    if value is None or not plan.files:
        return {"sources_dir": None, "sources_path": None}
    return {
        "sources_dir": value,
        "sources_path": str((Path(plan.files[0]).parent / value).resolve()),
    }


def _write_removals(tx: ManagedTransaction, plan: Plan) -> None:
    """Sources first (facts cite them), then what the diff drops."""
    name = plan.dataset
    if plan.sources:
        _run(tx, "upsert_sources", rows=plan.sources)
    for rows in _chunks(plan.drop_relations):
        _run(tx, "delete_relations", rows=rows, dataset=name)
    for ids in _chunks(plan.drop_staffing):  # before their entities, which would orphan them
        _run(tx, "delete_staffing", ids=ids, dataset=name)
    if plan.drop_entities:
        _check_prunable(tx, plan)
        for ids in _chunks(plan.drop_entities):
            _run(tx, "delete_entities", ids=ids, dataset=name)


def _by(rows: Iterable[_T], key: Callable[[_T], str]) -> dict[str, list[_T]]:
    out: dict[str, list[_T]] = {}
    for row in rows:
        out.setdefault(key(row), []).append(row)
    return out


def _upsert(
    tx: ManagedTransaction,
    plan: Plan,
    query: str,
    rows: Sequence[EntityRow] | Sequence[RelationRow],
    *,
    done: int,
    progress: Progress | None,
    **params: Any,
) -> int:
    """One batch of upserts; a short count means a takeover the query refused. Returns the
    facts written so far."""
    n = _run(
        tx,
        query,
        rows=[r.wire for r in rows],
        dataset=plan.dataset,
        source=plan.base[0],
        status=plan.base[1],
        **params,
    )[0]["count"]
    if n != len(rows):
        entities = [r for r in rows if isinstance(r, EntityRow)]
        relations = [r for r in rows if isinstance(r, RelationRow)]
        refuse_takeover(lambda q, **p: _run(tx, q, **p), plan, entities, relations)
        if entities:
            raise LoadConflict(
                f"dataset {plan.dataset}: entity id(s) were created by another dataset's load "
                "at the same time; nothing was written. Rename the ids, or reference "
                "the other dataset's entities instead of redefining them."
            )
        raise LoadConflict(
            f"dataset {plan.dataset}: {len(rows) - n} relation(s) lost an endpoint "
            "(deleted or loaded concurrently?); nothing was written"
        )
    done += len(rows)
    if progress:
        progress(plan.dataset, done, len(plan.write_entities) + len(plan.write_relations))
    return done


def _write_entities(tx: ManagedTransaction, plan: Plan, progress: Progress | None) -> None:
    done = 0
    for kind, of_kind in _by(plan.write_entities, lambda r: r.kind).items():
        others = [k for k in KINDS if k != kind]
        for rows in _chunks(of_kind):
            done = _upsert(
                tx,
                plan,
                "upsert_entities",
                rows,
                done=done,
                progress=progress,
                kind=kind,
                other_kinds=others,
            )


def _write_staffing(tx: ManagedTransaction, plan: Plan) -> None:
    """Figures hang off entities of their own dataset, all written by now; a short count
    means a figure id another dataset owns (its entity was taken over by hand) or an entity
    deleted meanwhile."""
    for rows in _chunks(plan.write_staffing):
        n = _run(tx, "upsert_staffing", rows=[r.wire for r in rows], dataset=plan.dataset)[0][
            "count"
        ]
        if n != len(rows):
            raise LoadConflict(
                f"dataset {plan.dataset}: {len(rows) - n} staffing figure(s) belong to another "
                "dataset or lost their entity (deleted or loaded concurrently?); nothing was "
                "written"
            )


def _write_relations(tx: ManagedTransaction, plan: Plan, progress: Progress | None) -> None:
    done = len(plan.write_entities)
    for rtype, of_type in _by(plan.write_relations, lambda r: r.type).items():
        for rows in _chunks(of_type):
            rel_type = RelType(rtype)._value_  # only enum members reach $($type)
            done = _upsert(
                tx, plan, "upsert_relations", rows, done=done, progress=progress, type=rel_type
            )


# -- ownership -------------------------------------------------------------------------------


def _ownership_clashes(
    run: Run, plan: Plan, entities: Sequence[EntityRow], relations: Sequence[RelationRow]
) -> list[str]:
    """Facts this dataset would write that another dataset owns: MERGE would silently take
    them over, and a later --prune of this dataset would delete the other's facts. Asked only
    when a write came up short (the upserts refuse a takeover), to say which facts and why."""
    name = plan.dataset
    clashes = [
        f"{row['id']} (owned by {row['dataset']})"
        for ids in _chunks([r.id for r in entities])
        for row in run("entity_owners", ids=ids)
        if row["dataset"] != name
    ]
    keys: list[RelationKey] = [r.identity() for r in relations]
    clashes += [
        f"{row['type']} {row['id']} (owned by {row['dataset']})"
        for rows in _chunks(keys)
        for row in run("relation_owners", rows=rows)
        if row["dataset"] != name
    ]
    return clashes


def refuse_takeover(
    run: Run,
    plan: Plan,
    entities: Sequence[EntityRow],
    relations: Sequence[RelationRow],
    *,
    hint: str = "",
) -> None:
    """LoadConflict naming the facts another dataset owns, if there are any."""
    clashes = _ownership_clashes(run, plan, entities, relations)
    if clashes:
        raise LoadConflict(
            f"dataset {plan.dataset} states facts another dataset owns: "
            f"{', '.join(clashes[:10])}{hint}. Give them their own ids (relations: set `id:`), "
            "or reference the existing entities instead of redefining them."
        )


def _check_prunable(tx: ManagedTransaction, plan: Plan) -> None:
    refs = _run(tx, "foreign_references", ids=plan.drop_entities, dataset=plan.dataset)
    if refs:
        desc = ", ".join(
            f"{r['entity']} <- {r['type']} {r['relation']} ({r['dataset']})" for r in refs[:10]
        )
        raise LoadConflict(
            f"--prune would remove entities of {plan.dataset} that other datasets still "
            f"reference: {desc}. Remove those references first."
        )


# -- groups ----------------------------------------------------------------------------------


def write(
    driver: Driver,
    group: Group,
    *,
    database: str,
    prune: bool,
    progress: Progress | None,
) -> None:
    """One group in its own transaction; a constraint failure at commit is explained by
    asking (outside the rolled-back transaction) which facts another dataset owns."""
    try:
        with driver.session(database=database) as session:
            session.execute_write(write_group, group.plans, prune=prune, progress=progress)
        for plan in group.plans:
            plan.release()
    except ConstraintError as e:
        run = reader(driver, database=database)
        for plan in group.plans:
            refuse_takeover(run, plan, [], plan.write_relations)
        raise LoadConflict(
            f"a fact id of {', '.join(p.dataset for p in group.plans)} already exists "
            f"({e.message}): another load wrote it at the same time, or the database was "
            "changed by hand. This load's transaction was rolled back; run it again: it will "
            "report what is left to change."
        ) from e


def write_all(
    driver: Driver,
    groups: list[Group],
    *,
    database: str,
    prune: bool,
    progress: Progress | None,
    workers: int,
    phases: PhaseReporter | None = None,
) -> None:
    """Write groups as soon as the groups they depend on have committed, up to `workers` at a
    time: while one transaction waits on Neo4j, the next one's rows are being packed. After a
    failure nothing new starts; running groups finish (each is atomic) and the first error
    is raised."""
    total = len(groups)
    if workers <= 1:
        for n, g in enumerate(groups, 1):
            write(driver, g, database=database, prune=prune, progress=progress)
            if phases is not None:
                phases.advance("write", n, total)
        return
    done: set[int] = set()
    pending = list(range(len(groups)))
    running: dict[Future[None], int] = {}
    error: BaseException | None = None
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="orggraph-load") as pool:
        while (pending and error is None) or running:
            if error is None:
                for i in [i for i in pending if groups[i].after <= done]:
                    if len(running) >= workers:
                        break
                    pending.remove(i)
                    future = pool.submit(
                        write, driver, groups[i], database=database, prune=prune, progress=progress
                    )
                    running[future] = i
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in finished:
                i = running.pop(fut)
                exc = fut.exception()
                if exc is None:
                    done.add(i)
                    if phases is not None:
                        phases.advance("write", len(done), total)
                elif error is None:
                    error = exc
    if error is not None:
        raise error
