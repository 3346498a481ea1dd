"""Standard formats out and in: W3C ORG (JSON-LD, Turtle), Popolo JSON and CSV (issue 17).

One source of truth: every export is built from what `loaders.export.collect` reads (the same
library of `loader.export_*` queries the dataset backup uses, READ routing), turned into a
`Snapshot` of effective facts (a fact's own provenance, never a file's defaults). The
format modules only translate a Snapshot; the importer turns a file back into a dataset
document that goes through the ordinary validator.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final

from neo4j import Driver

from graph.errors import NotFound, OrgGraphError
from graph.files import write_private
from loaders.export import ExportedDataset, collect

# Relation props whose value is an entity id (checked by the validator like an endpoint).
REFERENCE_KEYS: Final = ("on_behalf_of", "requested_by", "in_role")
# The kinds an `--org` export may be scoped to, and what is taken along under it.
SCOPE_KINDS: Final = frozenset({"Organisation", "Unit", "PartnerBody", "Board", "Forum"})


class Format(enum.StrEnum):
    ORG_JSONLD = "org-jsonld"
    ORG_TURTLE = "org-turtle"
    POPOLO = "popolo"
    CSV = "csv"


class FormatError(OrgGraphError):
    """A file to import is not what its format says (the message names file and place)."""


def default_relation_id(rtype: str, from_: str, to: str) -> str:
    return f"{from_}--{rtype.lower()}--{to}"


@dataclass
class Snapshot:
    """The graph (or one organisation's part of it) as effective facts, in a stable order.

    `entities` and `sources` are dataset-format documents keyed by id; every relation carries
    its `id` (the default one included), so formats can name each statement."""

    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: list[dict[str, Any]] = field(default_factory=list)

    def kind(self, entity_id: str) -> str | None:
        e = self.entities.get(entity_id)
        return None if e is None else str(e["kind"])

    def name(self, entity_id: str) -> str:
        e = self.entities.get(entity_id)
        return entity_id if e is None else str(e["name"])


def snapshot_of(datasets: Iterable[ExportedDataset]) -> Snapshot:
    snap = Snapshot()
    for ds in datasets:
        for s in ds.sources:
            snap.sources[str(s["id"])] = s
        for e in ds.entities:
            snap.entities[str(e["id"])] = e
        for r in ds.relations:
            rel = dict(r)
            rel.setdefault("id", default_relation_id(rel["type"], rel["from"], rel["to"]))
            snap.relations.append(rel)
    return snap


def read_snapshot(driver: Driver, *, database: str, org: str | None = None) -> Snapshot:
    """The whole graph, or (`org`: an entity id) the part `scoped` keeps."""
    snap = snapshot_of(collect(driver, database=database))
    return snap if org is None else scoped(snap, org)


def scoped(snap: Snapshot, org: str) -> Snapshot:
    """What an organisation's export holds: the organisation, everything PART_OF it (at any
    depth), the people holding its posts, every relation touching those, and the entities at
    the other end of such a relation or named by its props, so the file is self-contained
    (an import of it validates on its own)."""
    kind = snap.kind(org)
    if kind is None:
        raise NotFound(f"entity {org!r}")
    if kind not in SCOPE_KINDS:
        raise OrgGraphError(
            f"{org} is a {kind}; an export is scoped to an organisation, unit, board, "
            "partner body or forum"
        )
    children: dict[str, list[str]] = {}
    holders: dict[str, list[str]] = {}
    for r in snap.relations:
        if r["type"] == "PART_OF":
            children.setdefault(r["to"], []).append(r["from"])
        elif r["type"] == "HOLDS":
            holders.setdefault(r["to"], []).append(r["from"])
    core: set[str] = set()
    todo = [org]
    while todo:
        current = todo.pop()
        if current in core:
            continue
        core.add(current)
        todo.extend(children.get(current, []))
    for post in list(core):
        core.update(holders.get(post, []))
    rels = [r for r in snap.relations if r["from"] in core or r["to"] in core]
    keep = set(core)
    for r in rels:
        keep.update((r["from"], r["to"]))
        props = r.get("props") or {}
        keep.update(str(props[k]) for k in REFERENCE_KEYS if isinstance(props.get(k), str))
    entities = {k: v for k, v in snap.entities.items() if k in keep}
    cited = {str(e["source"]) for e in entities.values() if e.get("source")}
    cited |= {str(r["source"]) for r in rels if r.get("source")}
    for e in entities.values():
        cited |= {str(f["source"]) for f in e.get("staffing", []) if f.get("source")}
    sources = {k: v for k, v in snap.sources.items() if k in cited}
    return Snapshot(sources, entities, rels)


def iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def render(snap: Snapshot, fmt: Format, stem: str) -> dict[str, bytes]:
    """File name -> content of one export (CSV: one file per kind and relation type)."""
    if fmt in (Format.ORG_JSONLD, Format.ORG_TURTLE):
        from loaders.formats.org import serialise_snapshot

        ext = "jsonld" if fmt is Format.ORG_JSONLD else "ttl"
        return {f"{stem}.{ext}": serialise_snapshot(snap, fmt).encode()}
    if fmt is Format.POPOLO:
        from loaders.formats.popolo import dumps, to_popolo

        return {f"{stem}.popolo.json": dumps(to_popolo(snap)).encode()}
    from loaders.formats.csvfiles import to_csv

    return {name: text.encode() for name, text in to_csv(snap).items()}


@dataclass
class FormatExport:
    directory: Path
    files: list[Path]
    entities: int
    relations: int


def export_format(
    driver: Driver, directory: Path, fmt: Format, *, database: str, org: str | None = None
) -> FormatExport:
    """Write one export into `directory` (created if missing; files of the same name are
    overwritten, others left alone), 0600 like every export of the graph's data."""
    snap = read_snapshot(driver, database=database, org=org)
    files = render(snap, fmt, org or "orggraph")
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in files.items():
        path = directory / name
        write_private(path, content)
        written.append(path)
    return FormatExport(directory, written, len(snap.entities), len(snap.relations))


def props_of(doc: Mapping[str, Any]) -> dict[str, Any]:
    return dict(doc.get("props") or {})


__all__ = [
    "Format",
    "FormatError",
    "FormatExport",
    "Snapshot",
    "export_format",
    "read_snapshot",
    "render",
    "scoped",
    "snapshot_of",
]
