"""Standard formats out and in: W3C ORG (JSON-LD, Turtle), Popolo JSON and CSV (issue 17).

One source of truth: every export is read with the `loader.export_*` library queries (READ
routing) and assembled by `loaders.export.assemble` as the dataset backup is, in pages or
only one organisation's part (`loaders.formats.reading`), into a `Snapshot` of effective facts
(a fact's own provenance, never a file's defaults). The format modules only translate a
Snapshot (the RDF a bounded piece at a time, streamed to the file); the importer turns a file
back into a dataset document that goes through the ordinary validator.
"""

from __future__ import annotations

import enum
import os
import secrets
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from neo4j import Driver

from graph.errors import OrgGraphError
from loaders.export import ExportedDataset
from loaders.formats.reading import REFERENCE_KEYS, SCOPE_KINDS, check_scope, read_all, read_scope


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


def snapshot_of(datasets: Iterable[ExportedDataset], *, copy: bool = True) -> Snapshot:
    """The datasets' facts as one Snapshot; `copy=False` gives the relation documents their
    `id` in place (a national read holds half a million of them: no second copy)."""
    snap = Snapshot()
    for ds in datasets:
        for s in ds.sources:
            snap.sources[str(s["id"])] = s
        for e in ds.entities:
            snap.entities[str(e["id"])] = e
        for r in ds.relations:
            rel = dict(r) if copy else r
            rel.setdefault("id", default_relation_id(rel["type"], rel["from"], rel["to"]))
            snap.relations.append(rel)
    return snap


def read_snapshot(driver: Driver, *, database: str, org: str | None = None) -> Snapshot:
    """The whole graph (read in pages: `loaders.formats.reading`), or (`org`: an entity id)
    only the part `scoped` keeps, read as such: an organisation's export reads its own part
    of the graph, not the graph."""
    if org is None:
        return snapshot_of(read_all(driver, database=database), copy=False)
    return snapshot_of(read_scope(driver, database=database, org=org), copy=False)


def scoped(snap: Snapshot, org: str) -> Snapshot:
    """What an organisation's export holds: the organisation, everything PART_OF it (at any
    depth), the people holding its posts, every relation touching those, and the entities at
    the other end of such a relation or named by its props, so the file is self-contained
    (an import of it validates on its own). `read_snapshot(org=...)` reads exactly this from
    the graph (`loaders.formats.reading.read_scope`; a test compares the two)."""
    check_scope(org, snap.kind(org))
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


def stream(snap: Snapshot, fmt: Format, stem: str) -> dict[str, Iterator[bytes]]:
    """File name -> its content as consecutive pieces (CSV: one file per kind and relation
    type). The RDF formats are built and serialised a bounded piece at a time
    (`loaders.formats.org.document`), so writing a national export never holds its text."""
    if fmt in (Format.ORG_JSONLD, Format.ORG_TURTLE):
        from loaders.formats.org import document

        ext = "jsonld" if fmt is Format.ORG_JSONLD else "ttl"
        return {f"{stem}.{ext}": (part.encode() for part in document(snap, fmt))}
    if fmt is Format.POPOLO:
        from loaders.formats.popolo import dumps, to_popolo

        return {f"{stem}.popolo.json": iter([dumps(to_popolo(snap)).encode()])}
    from loaders.formats.csvfiles import to_csv

    return {name: iter([text.encode()]) for name, text in to_csv(snap).items()}


def render(snap: Snapshot, fmt: Format, stem: str) -> dict[str, bytes]:
    """File name -> content of one export, whole (the API's answer: one organisation)."""
    return {name: b"".join(parts) for name, parts in stream(snap, fmt, stem).items()}


def write_stream(path: Path, parts: Iterable[bytes]) -> int:
    """Write `parts` to `path` as graph.files.write_private writes a whole content: 0600 from
    the first byte, into a temporary file beside it renamed at the end, so a reader never
    sees half an export and a failure leaves no half file. Returns the bytes written."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    size = 0
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as out:
            for part in parts:
                out.write(part)
                size += len(part)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    path.chmod(0o600)
    return size


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
    return write_export(snap, directory, fmt, org or "orggraph")


def write_export(snap: Snapshot, directory: Path, fmt: Format, stem: str) -> FormatExport:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, parts in stream(snap, fmt, stem).items():
        path = directory / name
        write_stream(path, parts)
        written.append(path)
    return FormatExport(directory, written, len(snap.entities), len(snap.relations))


def props_of(doc: Mapping[str, Any]) -> dict[str, Any]:
    return dict(doc.get("props") or {})


__all__ = [
    "REFERENCE_KEYS",
    "SCOPE_KINDS",
    "Format",
    "FormatError",
    "FormatExport",
    "Snapshot",
    "export_format",
    "read_snapshot",
    "render",
    "scoped",
    "snapshot_of",
    "stream",
    "write_export",
    "write_stream",
]
