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
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

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
    EntityKind,
    ResolvedDataset,
    ResolvedEntity,
    ResolvedRelation,
    Source,
    resolve_dataset,
)
from loaders.validate import ValidationReport, validate_paths
from queries.library import QueryDef, load_dir, run_query

CYPHER_DIR = Path(__file__).resolve().parent / "cypher"
BATCH = 5000
_COMPACT = re.compile(r"[^0-9a-zA-ZÀ-ÿ]+")
Progress = Callable[[str, int, int], None]
KINDS = [k.value for k in EntityKind]


@cache
def writes() -> dict[str, QueryDef]:
    return load_dir(CYPHER_DIR)


# -- rows ------------------------------------------------------------------------------------


def _clean(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value


def search_text(e: ResolvedEntity) -> str:
    """Extra text for the full-text index: aliases, abbreviation, and compact forms so that
    "oltf" finds "O-LTF" (the analyzer would split it into "o" and "ltf")."""
    names = [e.name, e.abbreviation or "", *e.aliases]
    compact = [_COMPACT.sub("", n) for n in names if n and _COMPACT.search(n)]
    return " | ".join(x for x in [*names, *compact, e.type or ""] if x)


def _hash(payload: dict[str, Any]) -> str:
    def enc(o: Any) -> Any:
        if isinstance(o, date):
            return o.isoformat()
        raise TypeError(type(o))

    raw = json.dumps(payload, sort_keys=True, default=enc, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def _provenance(f: ResolvedEntity | ResolvedRelation) -> dict[str, Any]:
    return {
        "dataset": f.dataset,
        "source": f.source,
        "quote": f.quote,
        "inferred": f.inferred,
        "reason": f.reason,
        "status": f.status.value,
        "valid_from": f.valid_from,
        "valid_to": f.valid_to,
    }


def entity_row(e: ResolvedEntity) -> dict[str, Any]:
    props: dict[str, Any] = {k: _clean(v) for k, v in e.props.items()}
    props.update(
        id=e.id,
        kind=e.kind.value,
        name=e.name,
        type=e.type,
        abbreviation=e.abbreviation,
        aliases=list(e.aliases),
        description=e.description,
        **_provenance(e),
    )
    props["search_text"] = search_text(e)
    props = {k: v for k, v in props.items() if v is not None}
    props["content_hash"] = _hash(props)
    return {"id": e.id, "kind": e.kind.value, "props": props}


def relation_row(r: ResolvedRelation) -> dict[str, Any]:
    props: dict[str, Any] = {k: _clean(v) for k, v in r.props.items()}
    props.update(id=r.id, **_provenance(r))
    props = {k: v for k, v in props.items() if v is not None}
    props["content_hash"] = _hash({**props, "from": r.from_, "to": r.to})
    return {"id": r.id, "type": r.type.value, "from": r.from_, "to": r.to, "props": props}


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


@dataclass
class Plan:
    """The rows of one dataset, and what differs from its manifest."""

    ds: ResolvedDataset
    files: list[str]
    sources: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    relations: list[dict[str, Any]]
    change: DatasetChange = field(init=False)
    write_entities: list[dict[str, Any]] = field(default_factory=list)
    write_relations: list[dict[str, Any]] = field(default_factory=list)
    drop_relations: list[dict[str, Any]] = field(default_factory=list)
    drop_entities: list[str] = field(default_factory=list)
    manifest: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.change = DatasetChange(self.ds.dataset)

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
        new_e: dict[str, str] = {}
        for row in self.entities:
            h = row["props"]["content_hash"]
            new_e[row["id"]] = h
            label = row["kind"]
            if row["id"] not in old_e:
                c.created[label] += 1
                c.details.append(f"+ {label} {row['id']}")
            elif old_e[row["id"]] != h:
                c.changed[label] += 1
                c.details.append(f"~ {label} {row['id']}")
            else:
                c.unchanged += 1
                continue
            self.write_entities.append(row)
        new_r: dict[str, str] = {}
        new_full: dict[str, str] = {}
        for row in self.relations:
            key, h = f"{row['type']}|{row['id']}", row["props"]["content_hash"]
            new_r[key] = h
            new_full[key] = rel_key(row)
            if key not in old_r:
                c.created[row["type"]] += 1
                c.details.append(f"+ {row['type']} {row['id']}")
            elif old_r[key] != h:
                c.changed[row["type"]] += 1
                c.details.append(f"~ {row['type']} {row['id']}")
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


def _plans(report: ValidationReport) -> list[Plan]:
    by_ds: dict[str, Plan] = {}
    for parsed in report.datasets:
        ds = resolve_dataset(parsed.dataset)
        by_ds[ds.dataset] = Plan(
            ds=ds,
            files=[str(parsed.path)],
            sources=[source_row(s, ds.dataset) for s in ds.sources],
            entities=[entity_row(e) for e in ds.entities],
            relations=[relation_row(r) for r in ds.relations],
        )
    return list(by_ds.values())


def _groups(plans: list[Plan]) -> list[list[Plan]]:
    """Order datasets so that a relation's endpoints are written before it: dependencies
    first; datasets that reference each other in a cycle form one group (one transaction)."""
    owner = {row["id"]: p.ds.dataset for p in plans for row in p.entities}
    deps: dict[str, set[str]] = {p.ds.dataset: set() for p in plans}
    for p in plans:
        for row in p.relations:
            for end in (row["from"], row["to"]):
                o = owner.get(end)
                if o and o != p.ds.dataset:
                    deps[p.ds.dataset].add(o)
    # Tarjan's SCC; emits components in dependency-first order.
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
    return [[by_name[n] for n in comp] for comp in out]


# -- writing ---------------------------------------------------------------------------------


def _chunks(rows: list[Any], size: int = BATCH) -> Iterable[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _run(tx: ManagedTransaction, name: str, **params: Any) -> list[dict[str, Any]]:
    q = writes()[name]
    return [r.data() for r in tx.run(q.text, q.bind(params))]


def _write_group(
    tx: ManagedTransaction, group: list[Plan], *, prune: bool, progress: Progress | None
) -> None:
    for plan in group:
        manifest = _run(tx, "lock_dataset", dataset=plan.ds.dataset)[0]
        plan.diff(manifest, prune=prune)
        _check_ownership(tx, plan)
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
        for rows in _chunks(plan.write_entities):
            n = _run(tx, "upsert_entities", rows=rows, kinds=KINDS)[0]["count"]
            if n != len(rows):
                raise LoadConflict(
                    f"dataset {name}: {len(rows) - n} entity id(s) were created by another "
                    "dataset's load at the same time; nothing was written. Rename the ids, or "
                    "reference the other dataset's entities instead of redefining them."
                )
            done += len(rows)
            if progress:
                progress(name, done, len(plan.write_entities) + len(plan.write_relations))
    for plan in group:
        done = len(plan.write_entities)
        for rows in _chunks(plan.write_relations):
            n = _run(tx, "upsert_relations", rows=rows)[0]["count"]
            if n != len(rows):
                raise LoadConflict(
                    f"dataset {plan.ds.dataset}: {len(rows) - n} relation(s) lost an endpoint "
                    "or belong to another dataset (deleted or loaded concurrently?); nothing "
                    "was written"
                )
            done += len(rows)
            if progress:
                progress(plan.ds.dataset, done, done)
        _run(
            tx,
            "save_manifest",
            dataset=plan.ds.dataset,
            title=plan.ds.title,
            files=plan.files,
            **plan.manifest,
        )


def _ownership_clashes(run: Callable[..., list[dict[str, Any]]], plan: Plan) -> list[str]:
    """Facts this dataset would write that another dataset owns: MERGE would silently take
    them over, and a later --prune of this dataset would delete the other's facts."""
    name = plan.ds.dataset
    clashes = [
        f"{row['id']} (owned by {row['dataset']})"
        for rows in _chunks([r["id"] for r in plan.write_entities])
        for row in run("entity_owners", ids=rows)
        if row["dataset"] != name
    ]
    clashes += [
        f"{row['type']} {row['id']} (owned by {row['dataset']})"
        for rows in _chunks(
            [{"type": r["type"], "id": r["id"], "from": r["from"]} for r in plan.write_relations]
        )
        for row in run("relation_owners", rows=rows)
        if row["dataset"] != name
    ]
    return clashes


def _check_ownership(tx: ManagedTransaction, plan: Plan) -> None:
    clashes = _ownership_clashes(lambda q, **p: _run(tx, q, **p), plan)
    if clashes:
        raise LoadConflict(
            f"dataset {plan.ds.dataset} states facts another dataset owns: "
            f"{', '.join(clashes[:10])}. Give them their own ids (relations: set `id:`), or "
            "reference the existing entities instead of redefining them."
        )


def _dry_run_conflicts(driver: Driver, plan: Plan, *, database: str) -> None:
    """What the real load would refuse, reported by --dry-run too."""

    def run(name: str, **params: Any) -> list[dict[str, Any]]:
        return run_query(driver, writes()[name], params, database=database)

    clashes = _ownership_clashes(run, plan)
    if clashes:
        raise LoadConflict(
            f"dataset {plan.ds.dataset} states facts another dataset owns: "
            f"{', '.join(clashes[:10])}; the load would be refused"
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


def _known_ids(driver: Driver, database: str) -> set[str]:
    rows = run_query(driver, writes()["all_entity_ids"], database=database)
    return {r["id"] for r in rows}


def validate_for_load(
    driver: Driver, paths: Sequence[Path], *, database: str, sources_dir: Path | None
) -> ValidationReport:
    """Validate files against each other and against what the database already holds."""
    report = validate_paths(
        list(paths), sources_dir=sources_dir, known_ids=_known_ids(driver, database)
    )
    if not report.ok:
        raise ValidationFailed(list(report.problems))
    return report


def load(
    driver: Driver,
    paths: Sequence[Path],
    *,
    database: str,
    sources_dir: Path | None = None,
    dry_run: bool = False,
    prune: bool = False,
    progress: Progress | None = None,
) -> LoadReport:
    """Validate everything, then write each dataset atomically. Raises ValidationFailed
    (nothing written) or LoadConflict/Neo4jUnavailable (that dataset's transaction rolled back).
    """
    if not dry_run and current_version(driver, database=database) < LATEST:
        apply_schema(driver, database=database)  # MERGE relies on the uniqueness constraints
    report = validate_for_load(driver, paths, database=database, sources_dir=sources_dir)
    plans = _plans(report)
    groups = _groups(plans)
    try:
        with driver.session(database=database) as session:
            for group in groups:
                if dry_run:
                    for plan in group:
                        manifest = run_query(
                            driver,
                            writes()["read_manifest"],
                            {"dataset": plan.ds.dataset},
                            database=database,
                        )[0]
                        plan.diff(manifest, prune=prune)
                        _dry_run_conflicts(driver, plan, database=database)
                    continue
                session.execute_write(_write_group, group, prune=prune, progress=progress)
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
    return LoadReport([p.change for p in plans], dry_run, report)


def summarise(report: LoadReport) -> list[str]:
    """Human lines for the CLI: per dataset what changed by label/type."""
    lines = []
    verb = "would change" if report.dry_run else "changed"
    for d in report.datasets:
        parts = []
        for sign, counter in (("+", d.created), ("~", d.changed), ("-", d.removed)):
            parts += [f"{sign}{n} {k}" for k, n in sorted(counter.items())]
        lines.append(
            f"{d.dataset}: {', '.join(parts) if parts else '0 changes'} ({d.unchanged} unchanged)"
        )
    lines.append(f"{report.changes} change(s) {verb}" if report.changes else "0 changes")
    return lines
