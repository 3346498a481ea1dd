"""What a load will write: one Plan per dataset, diffed against its manifest, grouped for writing.

The manifest (on the :Dataset node) lists what the dataset owns with content hashes, so a plan
writes only what changed, reports exactly that, and with ``--prune`` removes only what this
dataset owned and no longer states.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TypedDict

from loaders.dataset import DatasetFile
from loaders.graphs import strongly_connected
from loaders.rows import (
    Base,
    EntityRow,
    RelationKey,
    RelationRow,
    SourceRow,
    StaffingRow,
    entity_row,
    file_base,
    relation_row,
    source_row,
    split_key,
    staffing_rows,
)
from loaders.staffing import staffing_entity
from loaders.validate import ValidationReport, no_gc_pauses


class Manifest(TypedDict):
    """What a dataset owns (lock_dataset / read_manifest / save_manifest)."""

    entity_keys: list[str]
    entity_hashes: list[str]
    relation_keys: list[str]  # "type|id|start" (RelationRow.key)
    relation_hashes: list[str]
    staffing_keys: list[str]  # staffing figure ids
    staffing_hashes: list[str]


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

    def count(self, sign: str, label: str, fact_id: str) -> None:
        counter = {"+": self.created, "~": self.changed, "-": self.removed}[sign]
        counter[label] += 1
        self.details.append(f"{sign} {label} {fact_id}")


@dataclass(frozen=True, slots=True)
class _Owned:
    """A manifest read for diffing: relations by (type, id), with their stored start node."""

    entities: dict[str, str]  # id -> hash
    relations: dict[str, str]  # "type|id" -> hash
    starts: dict[str, str]  # "type|id" -> start node id
    keys: dict[str, str]  # "type|id" -> full manifest key
    staffing: dict[str, str]  # figure id -> hash

    @classmethod
    def of(cls, manifest: Manifest | dict[str, Any]) -> _Owned:
        entities = dict(zip(manifest["entity_keys"], manifest["entity_hashes"], strict=False))
        # A manifest saved before staffing existed has no staffing keys.
        staffing = dict(
            zip(
                manifest.get("staffing_keys") or [],
                manifest.get("staffing_hashes") or [],
                strict=False,
            )
        )
        relations: dict[str, str] = {}
        starts: dict[str, str] = {}
        keys: dict[str, str] = {}
        for full, h in zip(manifest["relation_keys"], manifest["relation_hashes"], strict=False):
            rtype, rid, start = split_key(full)
            key = f"{rtype}|{rid}"
            relations[key], starts[key], keys[key] = h, start, full
        return cls(entities, relations, starts, keys, staffing)


@dataclass
class Plan:
    """The rows of one dataset, and what differs from its manifest."""

    dataset_file: DatasetFile  # the validated file; rows are built from it by build()
    files: list[str]
    sources: list[SourceRow] = field(default_factory=list)
    entities: list[EntityRow] = field(default_factory=list)
    relations: list[RelationRow] = field(default_factory=list)
    staffing: list[StaffingRow] = field(default_factory=list)
    built: bool = False
    change: DatasetChange = field(init=False)
    write_entities: list[EntityRow] = field(default_factory=list)
    write_relations: list[RelationRow] = field(default_factory=list)
    drop_relations: list[RelationKey] = field(default_factory=list)
    drop_entities: list[str] = field(default_factory=list)
    write_staffing: list[StaffingRow] = field(default_factory=list)
    drop_staffing: list[str] = field(default_factory=list)
    manifest: Manifest | None = None
    # Rows of facts that exist with other content (for --dry-run's old -> new listing).
    changed_entities: list[EntityRow] = field(default_factory=list)
    changed_relations: list[tuple[RelationRow, str]] = field(default_factory=list)
    changed_staffing: list[StaffingRow] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.change = DatasetChange(self.dataset)

    @property
    def dataset(self) -> str:
        return self.dataset_file.dataset

    @property
    def title(self) -> str | None:
        return self.dataset_file.title

    @property
    def base(self) -> Base:
        return file_base(self.dataset_file.defaults)

    def build(self) -> None:
        """Rows for the writes, built by the writer thread that needs them: while one
        transaction waits on Neo4j, the next dataset's rows are being built."""
        if self.built:
            return
        ds, name = self.dataset_file, self.dataset
        d = ds.defaults
        with no_gc_pauses():
            self.sources = [source_row(s, name) for s in ds.sources]
            self.entities = [entity_row(e, d, name) for e in ds.entities]
            self.relations = [relation_row(r, d, name) for r in ds.relations]
            self.staffing = [
                f for e in ds.entities if e.staffing for f in staffing_rows(e, d, name)
            ]
        self.built = True

    def release(self) -> None:
        """Drop the rows once written: the national load need not hold them all at once."""
        self.sources, self.entities, self.relations, self.staffing = [], [], [], []
        self.write_entities, self.write_relations, self.write_staffing = [], [], []

    def diff(self, manifest: Manifest | dict[str, Any], *, prune: bool) -> None:
        """Compare the built rows with the manifest: what to write, drop and record."""
        self.change = DatasetChange(self.dataset)
        owned = _Owned.of(manifest)
        self.drop_relations, self.drop_entities = [], []
        new_e = self._diff_entities(owned)
        new_r, new_keys = self._diff_relations(owned)
        kept_s = self._diff_staffing(owned, new_e, prune=prune)
        gone_e = [k for k in owned.entities if k not in new_e]
        gone_r = [k for k in owned.relations if k not in new_r]
        if prune:
            self._drop(owned, gone_e, gone_r)
            kept_e, kept_r = new_e, new_r
        else:
            # Without --prune, facts the files no longer state stay, and stay owned.
            kept_e = {**{k: owned.entities[k] for k in gone_e}, **new_e}
            kept_r = {**{k: owned.relations[k] for k in gone_r}, **new_r}
        keys = {**owned.keys, **new_keys}
        self.manifest = {
            "entity_keys": list(kept_e),
            "entity_hashes": list(kept_e.values()),
            "relation_keys": [keys[k] for k in kept_r],
            "relation_hashes": list(kept_r.values()),
            "staffing_keys": list(kept_s),
            "staffing_hashes": list(kept_s.values()),
        }

    def _diff_entities(self, owned: _Owned) -> dict[str, str]:
        c = self.change
        self.write_entities, self.changed_entities = [], []
        new: dict[str, str] = {}
        for row in self.entities:
            new[row.id] = row.hash
            old = owned.entities.get(row.id)
            if old is None:
                c.count("+", row.kind, row.id)
            elif old != row.hash:
                c.count("~", row.kind, row.id)
                self.changed_entities.append(row)
            else:
                c.unchanged += 1
                continue
            self.write_entities.append(row)
        return new

    def _diff_relations(self, owned: _Owned) -> tuple[dict[str, str], dict[str, str]]:
        c = self.change
        self.write_relations, self.changed_relations = [], []
        new: dict[str, str] = {}
        new_keys: dict[str, str] = {}
        for row in self.relations:
            key = f"{row.type}|{row.id}"
            new[key] = row.hash
            new_keys[key] = row.key
            old = owned.relations.get(key)
            if old is None:
                c.count("+", row.type, row.id)
            elif old != row.hash:
                c.count("~", row.type, row.id)
                self.changed_relations.append((row, owned.starts[key]))
                # Endpoints may have moved: delete and re-create rather than MERGE a duplicate id.
                self.drop_relations.append(row.identity(owned.starts[key]))
            else:
                c.unchanged += 1
                continue
            self.write_relations.append(row)
        return new, new_keys

    def _diff_staffing(
        self, owned: _Owned, stated: dict[str, str], *, prune: bool
    ) -> dict[str, str]:
        """Figures to write and drop; returns the figures the dataset owns afterwards.

        A figure is part of its entity's statement: one the file no longer lists beside an
        entity it still states is gone (the list was edited), with or without --prune; the
        figures of an entity the file no longer states stay with it unless --prune."""
        c = self.change
        self.write_staffing, self.changed_staffing, self.drop_staffing = [], [], []
        kept: dict[str, str] = {}
        for row in self.staffing:
            kept[row.id] = row.hash
            old = owned.staffing.get(row.id)
            if old is None:
                c.count("+", "Staffing", row.id)
            elif old != row.hash:
                c.count("~", "Staffing", row.id)
                self.changed_staffing.append(row)
            else:
                c.unchanged += 1
                continue
            self.write_staffing.append(row)
        for sid, h in owned.staffing.items():
            if sid in kept:
                continue
            if prune or staffing_entity(sid) in stated:
                self.drop_staffing.append(sid)
                c.count("-", "Staffing", sid)
            else:
                kept[sid] = h
        return kept

    def _drop(self, owned: _Owned, gone_e: list[str], gone_r: list[str]) -> None:
        for key in gone_r:
            rtype, rid = key.split("|", 1)
            self.drop_relations.append({"type": rtype, "id": rid, "from": owned.starts[key]})
            self.change.count("-", rtype, rid)
        for eid in gone_e:
            self.drop_entities.append(eid)
            self.change.count("-", "Entity", eid)


def plans(report: ValidationReport) -> list[Plan]:
    """One plan per validated dataset (validation refuses a dataset name used twice)."""
    by_ds: dict[str, Plan] = {}
    for parsed in report.datasets:
        by_ds[parsed.dataset.dataset] = Plan(dataset_file=parsed.dataset, files=[str(parsed.path)])
    return list(by_ds.values())


@dataclass
class Group:
    """Datasets written in one transaction (one, or several that reference each other in a
    cycle), and the groups whose entities its relations need first."""

    plans: list[Plan]
    after: set[int]


def groups(plans: list[Plan]) -> list[Group]:
    """Dependency-first order of datasets; a relation's endpoints are written before it, and
    groups that do not depend on each other may be written concurrently."""
    owner = {e.id: p.dataset for p in plans for e in p.dataset_file.entities}
    deps: dict[str, set[str]] = {p.dataset: set() for p in plans}
    for p in plans:
        for r in p.dataset_file.relations:
            for end in (r.from_, r.to):
                o = owner.get(end)
                if o and o != p.dataset:
                    deps[p.dataset].add(o)
    components = strongly_connected({name: sorted(d) for name, d in deps.items()})
    by_name = {p.dataset: p for p in plans}
    group_of = {name: i for i, comp in enumerate(components) for name in comp}
    return [
        Group(
            plans=[by_name[n] for n in comp],
            after={group_of[d] for n in comp for d in deps[n]} - {i},
        )
        for i, comp in enumerate(components)
    ]
