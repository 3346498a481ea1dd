"""The typed rows the loader sends to Neo4j (`UNWIND $rows`), built from validated facts.

Each fact becomes one positional list (`wire`): packing map keys for every row was a third of
the national load. The list's layout is the upsert query's (loaders/cypher/upsert_*.cypher);
`stored()` mirrors what that query writes, for the dry-run's field-by-field listing and for
tests that check what Neo4j receives without a database.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any, Final, TypeAlias, TypedDict

from graph.errors import UnresolvedSource
from loaders.dataset import Defaults, Entity, PropValue, Relation, Source, Status, provenance
from loaders.staffing import figure_provenance, staffing_id

_COMPACT: Final = re.compile(r"[^0-9a-zA-ZÀ-ÿ]+")
Base: TypeAlias = tuple[str | None, str]
"""The (source, status) most facts of a file share: sent once per batch as $source/$status."""
# What the upserts store for a missing tail value: $source, $status, false, then nulls.
_TAIL_LEN: Final = 6


def search_text(e: Entity) -> str:
    """Extra text for the full-text index: aliases, abbreviation, and compact forms so that
    "oltf" finds "O-LTF" (the analyzer would split it into "o" and "ltf")."""
    names = [e.name, e.abbreviation or "", *e.aliases]
    compact = [_COMPACT.sub("", n) for n in names if n and _COMPACT.search(n)]
    return " | ".join(x for x in [*names, *compact, e.type or ""] if x)


def _hash(payload: object) -> str:
    """Content hash for the manifest diff; `repr` of plain data (str, int, bool, date, lists,
    tuples) is stable across runs and ~5x cheaper than canonical JSON. The payload's shape is
    part of every stored `content_hash`: changing it makes the next load rewrite everything."""
    return hashlib.blake2b(repr(payload).encode(), digest_size=12).hexdigest()


def file_base(d: Defaults) -> Base:
    return d.source, (d.status or Status.CURRENT)._value_


def _provenance(f: Entity | Relation, d: Defaults) -> list[Any]:
    """[source, quote, inferred, reason, status, valid_from, valid_to] by the one defaults
    rule, status as its plain str (the hashed form)."""
    p = provenance(f, d)
    if p.source is None:  # validation reports this first
        raise UnresolvedSource(f"fact without source: {f.quote[:60]}")
    return [p.source, p.quote, p.inferred, p.reason, p.status._value_, p.valid_from, p.valid_to]


def _tail(prov: list[Any], base: Base) -> list[Any]:
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


def _stored(wire: list[Any], at: int, base: Base) -> dict[str, Any]:
    """The provenance an upsert stores for a row whose tail starts at index `at` (the same
    coalescing as upsert_entities/upsert_relations)."""
    tail = [*wire[at:], *[None] * _TAIL_LEN][:_TAIL_LEN]
    return {
        "source": tail[0] if tail[0] is not None else base[0],
        "status": tail[1] if tail[1] is not None else base[1],
        "inferred": bool(tail[2]),
        "reason": tail[3],
        "valid_from": tail[4],
        "valid_to": tail[5],
    }


# A relation's identity in the graph (type, id, start node): a delete_relations or
# relation_owners row. The functional form because "from" is a keyword.
RelationKey = TypedDict("RelationKey", {"type": str, "id": str, "from": str})


class SourceRow(TypedDict):
    """A row for upsert_sources."""

    id: str
    props: dict[str, str]


@dataclass(slots=True)
class EntityRow:
    """One entity for upsert_entities; `wire` is [id, props, quote, *tail]."""

    id: str
    kind: str
    hash: str
    wire: list[Any]

    def stored(self, dataset: str, base: Base) -> dict[str, Any]:
        """The node's properties after upsert_entities (its SET clauses, in Python)."""
        w = self.wire
        return {
            **w[1],
            "id": w[0],
            "kind": self.kind,
            "dataset": dataset,
            "quote": w[2],
            **_stored(w, 3, base),
        }


@dataclass(slots=True)
class RelationRow:
    """One relation for upsert_relations; `wire` is [from, to, id, quote, props or null,
    *tail], cut after the quote when neither props nor tail are left."""

    id: str
    type: str
    from_: str
    to: str
    hash: str
    wire: list[Any]

    @property
    def key(self) -> str:
        """Manifest key: its identity (type, id) and its start node, which lets later deletes
        find it through the start node's index (a dynamic relationship type cannot use the
        relationship-id index)."""
        return f"{self.type}|{self.id}|{self.from_}"

    def identity(self, start: str | None = None) -> RelationKey:
        return {"type": self.type, "id": self.id, "from": self.from_ if start is None else start}

    def stored(self, dataset: str, base: Base) -> dict[str, Any]:
        """The relationship's properties after upsert_relations, with its endpoints."""
        w = self.wire
        props = w[4] if len(w) > 4 and w[4] else {}
        return {
            **props,
            "id": w[2],
            "dataset": dataset,
            "quote": w[3],
            **_stored(w, 5, base),
            "from": w[0],
            "to": w[1],
        }


@dataclass(slots=True)
class StaffingRow:
    """One staffing figure for upsert_staffing; `wire` is the map the query receives:
    {entity, id, props: {count, rank, per, note}, quote, source, inferred, reason}. Maps, not
    positional lists: figures are few (a handful per unit), clarity wins."""

    id: str
    entity: str
    hash: str
    wire: dict[str, Any]

    def stored(self, dataset: str) -> dict[str, Any]:
        """The :Staffing node's properties after upsert_staffing."""
        w = self.wire
        return {
            **w["props"],
            "id": w["id"],
            "dataset": dataset,
            "quote": w["quote"],
            "source": w["source"],
            "inferred": w["inferred"],
            "reason": w["reason"],
        }


def staffing_rows(e: Entity, d: Defaults, dataset: str) -> list[StaffingRow]:
    """The entity's figures, numbered in file order; each cites its own source or the
    entity's (loaders.staffing.figure_provenance)."""
    rows = []
    prov = provenance(e, d)
    for n, f in enumerate(e.staffing, 1):
        p = figure_provenance(f, prov)
        if p.source is None:  # validation reports this first
            raise UnresolvedSource(f"staffing figure without source: {f.quote[:60]}")
        sid = staffing_id(e.id, n)
        props = {
            k: v
            for k, v in (("count", f.count), ("rank", f.rank), ("per", f.per), ("note", f.note))
            if v is not None
        }
        h = _hash(
            (sid, e.id, dataset, sorted(props.items()), p.source, p.quote, p.inferred, p.reason)
        )
        wire = {
            "entity": e.id,
            "id": sid,
            "props": props,
            "quote": p.quote,
            "source": p.source,
            "inferred": p.inferred,
            "reason": p.reason,
        }
        rows.append(StaffingRow(sid, e.id, h, wire))
    return rows


def entity_row(e: Entity, d: Defaults, dataset: str) -> EntityRow:
    props: dict[str, PropValue | None] = dict(e.props)
    props.update(
        name=e.name,
        type=e.type,
        abbreviation=e.abbreviation,
        aliases=list(e.aliases),
        description=e.description,
        search_text=search_text(e),
    )
    stored: dict[str, Any] = {k: v for k, v in props.items() if v is not None}
    prov = _provenance(e, d)
    kind = e.kind._value_
    stored["content_hash"] = h = _hash((e.id, kind, dataset, sorted(stored.items()), prov))
    return EntityRow(e.id, kind, h, [e.id, stored, prov[1], *_tail(prov, file_base(d))])


def relation_row(r: Relation, d: Defaults, dataset: str) -> RelationRow:
    props: dict[str, Any] = {k: v for k, v in r.props.items() if v is not None}
    prov = _provenance(r, d)
    rtype, rid = r.type._value_, r.effective_id
    h = _hash((rid, rtype, r.from_, r.to, dataset, sorted(props.items()), prov))
    wire = [r.from_, r.to, rid, prov[1]]
    tail = _tail(prov, file_base(d))
    if props or tail:
        wire += [props or None, *tail]
    return RelationRow(rid, rtype, r.from_, r.to, h, wire)


def source_row(s: Source, dataset: str) -> SourceRow:
    props = {k: v for k, v in s.model_dump().items() if v is not None}
    props["dataset"] = dataset
    return {"id": s.id, "props": props}


def split_key(key: str) -> tuple[str, str, str]:
    """(type, id, start) of a manifest relation key (start "" in keys without one)."""
    rtype, rid, start = ([*key.split("|", 2), ""])[:3]
    return rtype, rid, start


__all__ = [
    "Base",
    "EntityRow",
    "RelationKey",
    "RelationRow",
    "SourceRow",
    "StaffingRow",
    "entity_row",
    "file_base",
    "relation_row",
    "search_text",
    "source_row",
    "split_key",
    "staffing_rows",
]
