"""Writing validated datasets into Neo4j: all-or-nothing, idempotent, diffed.

Everything is validated before anything is written. Each dataset is then written in one
transaction (datasets that reference each other in a cycle share one), which first takes the
dataset's lock and reads its manifest, the list of facts it owns with content hashes, so it
writes only what changed, reports exactly that, and with ``--prune`` removes only what this
dataset owned and no longer states.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import (
    ClientError,
    ConstraintError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph.errors import LoadConflict, Neo4jUnavailable, OrgGraphError, ValidationFailed
from graph.schema import LATEST, apply_schema, current_version
from loaders.dataset import (
    DatasetFile,
    Defaults,
    Entity,
    EntityKind,
    Relation,
    RelType,
    Source,
    Status,
    UnresolvedSource,
)
from loaders.validate import ValidationReport, no_gc_pauses, validate_paths
from queries.library import QueryDef, load_dir, run_query

CYPHER_DIR = Path(__file__).resolve().parent / "cypher"
BATCH = 5000
_COMPACT = re.compile(r"[^0-9a-zA-ZÀ-ÿ]+")
Progress = Callable[[str, int, int], None]


class PhaseReporter(Protocol):
    """How a long load shows where it is: a bar on a terminal, one line per phase otherwise.
    Phases are "validate" (files), "plan" (datasets) and "write" (datasets)."""

    def begin(self, phase: str, total: int) -> None: ...

    def advance(self, phase: str, done: int, total: int) -> None: ...

    def end(self, phase: str, seconds: float) -> None: ...


KINDS = [k.value for k in EntityKind]


@cache
def writes() -> dict[str, QueryDef]:
    return load_dir(CYPHER_DIR)


# -- rows ------------------------------------------------------------------------------------


def search_text(e: Entity) -> str:
    """Extra text for the full-text index: aliases, abbreviation, and compact forms so that
    "oltf" finds "O-LTF" (the analyzer would split it into "o" and "ltf")."""
    names = [e.name, e.abbreviation or "", *e.aliases]
    compact = [_COMPACT.sub("", n) for n in names if n and _COMPACT.search(n)]
    return " | ".join(x for x in [*names, *compact, e.type or ""] if x)


def _hash(payload: object) -> str:
    """Content hash for the manifest diff; `repr` of plain data (str, int, bool, date, lists,
    tuples) is stable across runs and ~5x cheaper than canonical JSON."""
    return hashlib.blake2b(repr(payload).encode(), digest_size=12).hexdigest()


def _provenance(f: Entity | Relation, d: Defaults) -> list[Any]:
    """[source, quote, inferred, reason, status, valid_from, valid_to] with the file's
    defaults filled in as `loaders.dataset.resolve_dataset` does (an explicit null date stays
    open). Built from the validated models directly: an intermediate object per fact cost
    seconds at national scale."""
    set_ = f.__pydantic_fields_set__
    source = f.source if f.source is not None else d.source
    if source is None:  # validation reports this first
        raise UnresolvedSource(f"fact without source: {f.quote[:60]}")
    return [
        source,
        f.quote,
        f.inferred,
        f.reason,
        (f.status or d.status or Status.CURRENT)._value_,  # StrEnum: the plain str
        f.valid_from if "valid_from" in set_ else d.valid_from,
        f.valid_to if "valid_to" in set_ else d.valid_to,
    ]


def _tail(prov: list[Any], base: tuple[str | None, str]) -> list[Any]:
    """The row's provenance part: [source, status, inferred, reason, valid_from, valid_to],
    with the file's default source/status and `inferred: false` sent as null (the upserts
    coalesce them with $source/$status/false) and trailing nulls dropped (Cypher reads a
    missing index as null). Each value the driver need not pack saves ~1 µs per fact."""
    source, _, inferred, reason, status, valid_from, valid_to = prov
    tail = [
        None if source == base[0] else source,
        None if status == base[1] else status,
        inferred or None,
        reason,
        valid_from,
        valid_to,
    ]
    while tail and tail[-1] is None:
        tail.pop()
    return tail


def file_base(d: Defaults) -> tuple[str | None, str]:
    """The (source, status) most facts of a file share: sent once per batch."""
    return d.source, (d.status or Status.CURRENT)._value_


def entity_row(e: Entity, d: Defaults, dataset: str) -> dict[str, Any]:
    """A row for upsert_entities: [id, props, quote, *tail]."""
    props: dict[str, Any] = dict(e.props)
    props.update(
        name=e.name,
        type=e.type,
        abbreviation=e.abbreviation,
        aliases=list(e.aliases),
        description=e.description,
        search_text=search_text(e),
    )
    props = {k: v for k, v in props.items() if v is not None}
    prov = _provenance(e, d)
    kind = e.kind._value_
    props["content_hash"] = h = _hash((e.id, kind, dataset, sorted(props.items()), prov))
    row = [e.id, props, prov[1], *_tail(prov, file_base(d))]
    return {"id": e.id, "kind": kind, "hash": h, "row": row}


def relation_row(r: Relation, d: Defaults, dataset: str) -> dict[str, Any]:
    """A row for upsert_relations: [from, to, id, quote, props or null, *tail]."""
    props: dict[str, Any] = {k: v for k, v in r.props.items() if v is not None}
    prov = _provenance(r, d)
    rtype, rid = r.type._value_, r.effective_id
    h = _hash((rid, rtype, r.from_, r.to, dataset, sorted(props.items()), prov))
    row = [r.from_, r.to, rid, prov[1]]
    tail = _tail(prov, file_base(d))
    if props or tail:
        row += [props or None, *tail]
    return {"id": rid, "type": rtype, "from": r.from_, "to": r.to, "hash": h, "row": row}


def source_row(s: Source, dataset: str) -> dict[str, Any]:
    props = {k: v for k, v in s.model_dump().items() if v is not None}
    props["dataset"] = dataset
    return {"id": s.id, "props": props}


def rel_key(row: dict[str, Any]) -> str:
    """Manifest key of a relation: its identity (type, id) and its start node, which lets
    later deletes find it through the start node's index (a dynamic relationship type cannot
    use the relationship-id index)."""
    return f"{row['type']}|{row['id']}|{row['from']}"


def _split_key(key: str) -> tuple[str, str, str]:
    rtype, rid, start = ([*key.split("|", 2), ""])[:3]
    return rtype, rid, start


# -- reports ---------------------------------------------------------------------------------


@dataclass
class DatasetChange:
    """What one dataset's load created, changed, removed (per label/type) and left alone."""

    dataset: str
    created: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    unchanged: int = 0
    details: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.created.values()) + sum(self.changed.values()) + sum(self.removed.values())


@dataclass
class LoadReport:
    datasets: list[DatasetChange]
    dry_run: bool
    validation: ValidationReport
    # Seconds per phase: validate (parse + checks), plan (grouping), write (rows, diff, writes).
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def changes(self) -> int:
        return sum(d.total for d in self.datasets)

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "changes": self.changes,
            "datasets": {
                d.dataset: {
                    "created": dict(d.created),
                    "changed": dict(d.changed),
                    "removed": dict(d.removed),
                    "unchanged": d.unchanged,
                    "details": d.details,
                }
                for d in self.datasets
            },
        }


# -- planning --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DatasetHead:
    dataset: str
    title: str | None


@dataclass
class Plan:
    """The rows of one dataset, and what differs from its manifest."""

    ds: DatasetHead
    base: tuple[str | None, str]
    files: list[str]
    dataset_file: DatasetFile  # the validated file; rows are built from it by build()
    sources: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    built: bool = False
    change: DatasetChange = field(init=False)
    write_entities: list[dict[str, Any]] = field(default_factory=list)
    write_relations: list[dict[str, Any]] = field(default_factory=list)
    drop_relations: list[dict[str, Any]] = field(default_factory=list)
    drop_entities: list[str] = field(default_factory=list)
    manifest: dict[str, list[str]] = field(default_factory=dict)
    # Rows of facts that exist with other content (for --dry-run's old -> new listing).
    changed_entities: list[dict[str, Any]] = field(default_factory=list)
    changed_relations: list[tuple[dict[str, Any], str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.change = DatasetChange(self.ds.dataset)

    def build(self) -> None:
        """Rows for the writes, built by the writer thread that needs them: while one
        transaction waits on Neo4j, the next dataset's rows are being built."""
        if self.built:
            return
        ds, name = self.dataset_file, self.ds.dataset
        d = ds.defaults
        with no_gc_pauses():
            self.sources = [source_row(s, name) for s in ds.sources]
            self.entities = [entity_row(e, d, name) for e in ds.entities]
            self.relations = [relation_row(r, d, name) for r in ds.relations]
        self.built = True

    def release(self) -> None:
        """Drop the rows once written: the national load need not hold them all at once."""
        self.sources, self.entities, self.relations = [], [], []
        self.write_entities, self.write_relations = [], []

    def diff(self, manifest: dict[str, list[str]], *, prune: bool) -> None:
        c = self.change = DatasetChange(self.ds.dataset)
        old_e = dict(zip(manifest["entity_keys"], manifest["entity_hashes"], strict=False))
        # Relations are compared by (type, id); the manifest also remembers their start node.
        old_r: dict[str, str] = {}
        old_from: dict[str, str] = {}
        old_full: dict[str, str] = {}
        for full, h in zip(manifest["relation_keys"], manifest["relation_hashes"], strict=False):
            rtype, rid, start = _split_key(full)
            old_r[f"{rtype}|{rid}"] = h
            old_from[f"{rtype}|{rid}"] = start
            old_full[f"{rtype}|{rid}"] = full
        self.write_entities, self.write_relations = [], []
        self.drop_relations, self.drop_entities = [], []
        self.changed_entities, self.changed_relations = [], []
        new_e: dict[str, str] = {}
        for row in self.entities:
            h = row["hash"]
            new_e[row["id"]] = h
            label = row["kind"]
            if row["id"] not in old_e:
                c.created[label] += 1
                c.details.append(f"+ {label} {row['id']}")
            elif old_e[row["id"]] != h:
                c.changed[label] += 1
                c.details.append(f"~ {label} {row['id']}")
                self.changed_entities.append(row)
            else:
                c.unchanged += 1
                continue
            self.write_entities.append(row)
        new_r: dict[str, str] = {}
        new_full: dict[str, str] = {}
        for row in self.relations:
            key, h = f"{row['type']}|{row['id']}", row["hash"]
            new_r[key] = h
            new_full[key] = rel_key(row)
            if key not in old_r:
                c.created[row["type"]] += 1
                c.details.append(f"+ {row['type']} {row['id']}")
            elif old_r[key] != h:
                c.changed[row["type"]] += 1
                c.details.append(f"~ {row['type']} {row['id']}")
                self.changed_relations.append((row, old_from[key]))
                # Endpoints may have moved: delete and re-create rather than MERGE a duplicate id.
                self.drop_relations.append(
                    {"type": row["type"], "id": row["id"], "from": old_from[key]}
                )
            else:
                c.unchanged += 1
                continue
            self.write_relations.append(row)
        gone_r = [k for k in old_r if k not in new_r]
        gone_e = [k for k in old_e if k not in new_e]
        if prune:
            for key in gone_r:
                rtype, rid = key.split("|", 1)
                self.drop_relations.append({"type": rtype, "id": rid, "from": old_from[key]})
                c.removed[rtype] += 1
                c.details.append(f"- {rtype} {rid}")
            for eid in gone_e:
                self.drop_entities.append(eid)
                c.removed["Entity"] += 1
                c.details.append(f"- Entity {eid}")
            kept_e, kept_r = new_e, new_r
        else:
            # Without --prune, facts the files no longer state stay, and stay owned.
            kept_e = {**{k: old_e[k] for k in gone_e}, **new_e}
            kept_r = {**{k: old_r[k] for k in gone_r}, **new_r}
        full_keys = {**old_full, **new_full}
        self.manifest = {
            "entity_keys": list(kept_e),
            "entity_hashes": list(kept_e.values()),
            "relation_keys": [full_keys[k] for k in kept_r],
            "relation_hashes": list(kept_r.values()),
        }


# -- dry-run listing of what changes -----------------------------------------------------

# Bookkeeping that changes whenever anything else does: not worth a line of its own.
_UNLISTED = frozenset({"content_hash", "search_text"})
_SHOWN_CHARS = 60


def _stored(row: list[Any], at: int, base: tuple[str | None, str]) -> dict[str, Any]:
    """The provenance an upsert stores for a row whose tail starts at index `at` (the same
    coalescing as upsert_entities/upsert_relations)."""
    tail = [*row[at:], *[None] * 6][:6]
    return {
        "source": tail[0] if tail[0] is not None else base[0],
        "status": tail[1] if tail[1] is not None else base[1],
        "inferred": bool(tail[2]),
        "reason": tail[3],
        "valid_from": tail[4],
        "valid_to": tail[5],
    }


def _plain(value: Any) -> Any:
    """Comparable plain data: driver dates and Python dates as ISO text, tuples as lists."""
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    text = json.dumps(_plain(value), ensure_ascii=False, default=str)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """`key: old → new` for every property that differs (absent and null are the same)."""
    changes = []
    for key in sorted((set(old) | set(new)) - _UNLISTED):
        before, after = _plain(old.get(key)), _plain(new.get(key))
        if before != after:
            changes.append(f"{key}: {_shown(before)} → {_shown(after)}")
    return changes


def _explain_changes(driver: Driver, plan: Plan, *, database: str) -> None:
    """Append to each `~` detail line what the write would change, field by field."""

    def run(name: str, **params: Any) -> list[dict[str, Any]]:
        return run_query(driver, writes()[name], params, database=database)

    extra: dict[str, list[str]] = {}
    base, name = plan.base, plan.ds.dataset
    ids = [r["id"] for r in plan.changed_entities]
    old_e = {r["id"]: r["props"] for r in run("entity_state", ids=ids)} if ids else {}
    for r in plan.changed_entities:
        row = r["row"]
        new = {**row[1], "id": row[0], "kind": r["kind"], "dataset": name, "quote": row[2]}
        new.update(_stored(row, 3, base))
        extra[f"~ {r['kind']} {r['id']}"] = field_changes(old_e.get(r["id"], {}), new)
    keys = [
        {"type": r["type"], "id": r["id"], "from": start} for r, start in plan.changed_relations
    ]
    old_r = {(o["type"], o["id"]): o for o in run("relation_state", rows=keys)} if keys else {}
    for r, _ in plan.changed_relations:
        row = r["row"]
        new = {**(row[4] if len(row) > 4 and row[4] else {}), "id": row[2], "dataset": name}
        new.update(quote=row[3], **_stored(row, 5, base), **{"from": row[0], "to": row[1]})
        stored = old_r.get((r["type"], r["id"]))
        old = (
            {**stored["props"], "from": stored["from_id"], "to": stored["to_id"]} if stored else {}
        )
        extra[f"~ {r['type']} {r['id']}"] = field_changes(old, new)
    plan.change.details = [
        f"{line}: {'; '.join(extra[line])}" if extra.get(line) else line
        for line in plan.change.details
    ]


def _plans(report: ValidationReport) -> list[Plan]:
    by_ds: dict[str, Plan] = {}
    for parsed in report.datasets:
        ds = parsed.dataset
        d, name = ds.defaults, ds.dataset
        by_ds[name] = Plan(
            ds=DatasetHead(name, ds.title),
            base=file_base(d),
            files=[str(parsed.path)],
            dataset_file=ds,
        )
    return list(by_ds.values())


@dataclass
class Group:
    """Datasets written in one transaction (one, or several that reference each other in a
    cycle), and the groups whose entities its relations need first."""

    plans: list[Plan]
    after: set[int]


def _groups(plans: list[Plan]) -> list[Group]:
    """Dependency-first order of datasets (Tarjan's SCC); a relation's endpoints are written
    before it, and groups that do not depend on each other may be written concurrently."""
    owner = {e.id: p.ds.dataset for p in plans for e in p.dataset_file.entities}
    deps: dict[str, set[str]] = {p.ds.dataset: set() for p in plans}
    for p in plans:
        for r in p.dataset_file.relations:
            for end in (r.from_, r.to):
                o = owner.get(end)
                if o and o != p.ds.dataset:
                    deps[p.ds.dataset].add(o)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(deps[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    for v in sorted(deps):
        if v not in index:
            visit(v)
    by_name = {p.ds.dataset: p for p in plans}
    group_of = {name: i for i, comp in enumerate(out) for name in comp}
    return [
        Group(
            plans=[by_name[n] for n in comp],
            after={group_of[d] for n in comp for d in deps[n]} - {i},
        )
        for i, comp in enumerate(out)
    ]


# -- writing ---------------------------------------------------------------------------------


def _chunks(rows: list[Any], size: int = BATCH) -> Iterable[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _by(rows: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out


def _run(tx: ManagedTransaction, name: str, **params: Any) -> list[dict[str, Any]]:
    q = writes()[name]
    # dict(record), not record.data(): these queries return plain values, and data() walks
    # every element of the manifests' long lists (seconds per national reload).
    return [dict(r) for r in tx.run(q.text, q.bind(params))]


def _write_group(
    tx: ManagedTransaction, group: list[Plan], *, prune: bool, progress: Progress | None
) -> None:
    for plan in group:
        plan.build()
        manifest = _run(tx, "lock_dataset", dataset=plan.ds.dataset)[0]
        plan.diff(manifest, prune=prune)
    for plan in group:
        name = plan.ds.dataset
        if plan.sources:
            _run(tx, "upsert_sources", rows=plan.sources)
        for rows in _chunks(plan.drop_relations):
            _run(tx, "delete_relations", rows=rows, dataset=name)
        if plan.drop_entities:
            _check_prunable(tx, plan)
            for ids in _chunks(plan.drop_entities):
                _run(tx, "delete_entities", ids=ids, dataset=name)
        done = 0
        total = len(plan.write_entities) + len(plan.write_relations)
        for kind, of_kind in _by(plan.write_entities, "kind").items():
            others = [k for k in KINDS if k != kind]
            for rows in _chunks(of_kind):
                n = _run(
                    tx,
                    "upsert_entities",
                    rows=[r["row"] for r in rows],
                    dataset=name,
                    source=plan.base[0],
                    status=plan.base[1],
                    kind=kind,
                    other_kinds=others,
                )[0]["count"]
                if n != len(rows):
                    _refuse_takeover(lambda q, **p: _run(tx, q, **p), plan, rows, [])
                    raise LoadConflict(
                        f"dataset {name}: entity id(s) were created by another dataset's load "
                        "at the same time; nothing was written. Rename the ids, or reference "
                        "the other dataset's entities instead of redefining them."
                    )
                done += len(rows)
                if progress:
                    progress(name, done, total)
    for plan in group:
        name = plan.ds.dataset
        done = len(plan.write_entities)
        total = done + len(plan.write_relations)
        for rtype, of_type in _by(plan.write_relations, "type").items():
            for rows in _chunks(of_type):
                n = _run(
                    tx,
                    "upsert_relations",
                    rows=[r["row"] for r in rows],
                    dataset=name,
                    source=plan.base[0],
                    status=plan.base[1],
                    type=RelType(rtype)._value_,  # only enum members reach $($type)
                )[0]["count"]
                if n != len(rows):
                    _refuse_takeover(lambda q, **p: _run(tx, q, **p), plan, [], rows)
                    raise LoadConflict(
                        f"dataset {name}: {len(rows) - n} relation(s) lost an endpoint "
                        "(deleted or loaded concurrently?); nothing was written"
                    )
                done += len(rows)
                if progress:
                    progress(name, done, total)
        _run(
            tx,
            "save_manifest",
            dataset=name,
            title=plan.ds.title,
            files=plan.files,
            **plan.manifest,
        )


def _ownership_clashes(
    run: Callable[..., list[dict[str, Any]]],
    plan: Plan,
    entities: list[dict[str, Any]],
    relations: list[dict[str, Any]],
) -> list[str]:
    """Facts this dataset would write that another dataset owns: MERGE would silently take
    them over, and a later --prune of this dataset would delete the other's facts. Asked only
    when a write came up short (the upserts refuse a takeover), to say which facts and why."""
    name = plan.ds.dataset
    clashes = [
        f"{row['id']} (owned by {row['dataset']})"
        for rows in _chunks([r["id"] for r in entities])
        for row in run("entity_owners", ids=rows)
        if row["dataset"] != name
    ]
    clashes += [
        f"{row['type']} {row['id']} (owned by {row['dataset']})"
        for rows in _chunks([{k: r[k] for k in ("type", "id", "from")} for r in relations])
        for row in run("relation_owners", rows=rows)
        if row["dataset"] != name
    ]
    return clashes


def _refuse_takeover(
    run: Callable[..., list[dict[str, Any]]],
    plan: Plan,
    entities: list[dict[str, Any]],
    relations: list[dict[str, Any]],
    *,
    hint: str = "",
) -> None:
    clashes = _ownership_clashes(run, plan, entities, relations)
    if clashes:
        raise LoadConflict(
            f"dataset {plan.ds.dataset} states facts another dataset owns: "
            f"{', '.join(clashes[:10])}{hint}. Give them their own ids (relations: set `id:`), "
            "or reference the existing entities instead of redefining them."
        )


def _dry_run_conflicts(driver: Driver, plan: Plan, *, database: str) -> None:
    """What the real load would refuse, reported by --dry-run too."""

    def run(name: str, **params: Any) -> list[dict[str, Any]]:
        return run_query(driver, writes()[name], params, database=database)

    _refuse_takeover(
        run,
        plan,
        plan.write_entities,
        plan.write_relations,
        hint="; the load would be refused",
    )
    if plan.drop_entities:
        refs = run("foreign_references", ids=plan.drop_entities, dataset=plan.ds.dataset)
        if refs:
            raise LoadConflict(
                f"--prune would remove entities of {plan.ds.dataset} that other datasets still "
                f"reference ({len(refs)} relation(s)); the load would be refused"
            )


def _check_prunable(tx: ManagedTransaction, plan: Plan) -> None:
    refs = _run(tx, "foreign_references", ids=plan.drop_entities, dataset=plan.ds.dataset)
    if refs:
        desc = ", ".join(
            f"{r['entity']} <- {r['type']} {r['relation']} ({r['dataset']})" for r in refs[:10]
        )
        raise LoadConflict(
            f"--prune would remove entities of {plan.ds.dataset} that other datasets still "
            f"reference: {desc}. Remove those references first."
        )


def known_ids(driver: Driver, *, database: str) -> set[str]:
    """Every entity id in the database: references to them are valid in a dataset file."""
    q = writes()["all_entity_ids"]

    def work(tx: ManagedTransaction) -> set[str]:
        return {r[0] for r in tx.run(q.text)}

    try:
        with driver.session(database=database) as session:
            return session.execute_read(work)
    except (ServiceUnavailable, SessionExpired, OSError) as e:
        raise Neo4jUnavailable(f"Neo4j is not reachable: {e}") from e


def validate_for_load(
    driver: Driver,
    paths: Sequence[Path],
    *,
    database: str,
    sources_dir: Path | None,
    phases: PhaseReporter | None = None,
) -> ValidationReport:
    """Validate files against each other and against what the database already holds."""
    known = known_ids(driver, database=database)
    if phases is not None:
        phases.begin("validate", 0)  # the file count comes with the first advance
    report = validate_paths(
        list(paths),
        sources_dir=sources_dir,
        known_ids=known,
        progress=(lambda done, total: phases.advance("validate", done, total)) if phases else None,
    )
    if not report.ok:
        raise ValidationFailed(list(report.problems))
    return report


def _write(
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
            session.execute_write(_write_group, group.plans, prune=prune, progress=progress)
        for plan in group.plans:
            plan.release()
    except ConstraintError as e:

        def run(name: str, **params: Any) -> list[dict[str, Any]]:
            return run_query(driver, writes()[name], params, database=database)

        for plan in group.plans:
            _refuse_takeover(run, plan, [], plan.write_relations)
        raise LoadConflict(
            f"a fact id of {', '.join(p.ds.dataset for p in group.plans)} already exists "
            f"({e.message}): another load wrote it at the same time, or the database was "
            "changed by hand. This load's transaction was rolled back; run it again: it will "
            "report what is left to change."
        ) from e


def _write_all(
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
            _write(driver, g, database=database, prune=prune, progress=progress)
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
                    running[
                        pool.submit(
                            _write,
                            driver,
                            groups[i],
                            database=database,
                            prune=prune,
                            progress=progress,
                        )
                    ] = i
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


def load(
    driver: Driver,
    paths: Sequence[Path],
    *,
    database: str,
    sources_dir: Path | None,
    dry_run: bool = False,
    prune: bool = False,
    progress: Progress | None = None,
    workers: int = 2,
    phases: PhaseReporter | None = None,
) -> LoadReport:
    """Validate everything, then write each dataset atomically. Raises ValidationFailed
    (nothing written) or LoadConflict/Neo4jUnavailable (that dataset's transaction rolled back).

    `sources_dir` holds the cited documents; None skips the quote checks (--no-quote-check).
    """
    if not dry_run and current_version(driver, database=database) < LATEST:
        apply_schema(driver, database=database)  # MERGE relies on the uniqueness constraints
    t0 = time.perf_counter()
    report = validate_for_load(
        driver, paths, database=database, sources_dir=sources_dir, phases=phases
    )
    t1 = time.perf_counter()
    if phases is not None:
        phases.end("validate", t1 - t0)
        phases.begin("plan", len(report.datasets))
    plans = _plans(report)
    groups = _groups(plans)
    t2 = time.perf_counter()
    if phases is not None:
        phases.advance("plan", len(report.datasets), len(report.datasets))
        phases.end("plan", t2 - t1)
        phases.begin("write", len(groups))
    try:
        if dry_run:
            for n, group in enumerate(groups, 1):
                if phases is not None:
                    phases.advance("write", n - 1, len(groups))
                for plan in group.plans:
                    plan.build()
                    manifest = run_query(
                        driver,
                        writes()["read_manifest"],
                        {"dataset": plan.ds.dataset},
                        database=database,
                    )[0]
                    plan.diff(manifest, prune=prune)
                    _explain_changes(driver, plan, database=database)
                    _dry_run_conflicts(driver, plan, database=database)
        else:
            _write_all(
                driver,
                groups,
                database=database,
                prune=prune,
                progress=progress,
                workers=workers,
                phases=phases,
            )
    except ConstraintError as e:
        raise LoadConflict(
            f"another load wrote the same ids at the same time ({e.message}); this load's "
            "transaction was rolled back. Run it again: it will report what is left to change."
        ) from e
    except (ServiceUnavailable, SessionExpired, OSError) as e:
        raise Neo4jUnavailable(f"Neo4j became unreachable during the load: {e}") from e
    except TransientError as e:
        raise LoadConflict(f"the load conflicted with another transaction: {e.message}") from e
    except ClientError as e:
        raise OrgGraphError(f"Neo4j rejected the load: {e.message}; nothing was written") from e
    timings = {"validate_s": t1 - t0, "plan_s": t2 - t1, "write_s": time.perf_counter() - t2}
    if phases is not None:
        phases.advance("write", len(groups), len(groups))
        phases.end("write", timings["write_s"])
    return LoadReport([p.change for p in plans], dry_run, report, timings)


def summarise(report: LoadReport) -> list[str]:
    """Human lines for the CLI: per dataset what changed by label/type."""
    lines = []
    for d in report.datasets:
        parts = []
        for sign, counter in (("+", d.created), ("~", d.changed), ("-", d.removed)):
            parts += [f"{sign}{n} {k}" for k, n in sorted(counter.items())]
        lines.append(
            f"{d.dataset}: {', '.join(parts) if parts else '0 changes'} ({d.unchanged} unchanged)"
        )
    n = report.changes
    total = f"{n} change" if n == 1 else f"{n} changes"
    lines.append(f"{total} (dry run: nothing was written)" if report.dry_run else total)
    return lines
