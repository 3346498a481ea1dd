"""Writing the graph back to dataset YAML files: the backup that `orggraph load` restores.

One file per dataset (``<dataset>.yaml``), built from the :Dataset manifest nodes and the
``dataset`` property every entity, relation and :Source carries. Entities and relations keep
the order of the files they were loaded from (the manifest records it), so a re-load writes
an identical graph, manifest included, and an export of unchanged data diffs clean.

A dataset that keeps its texts beside it (``sources_dir:``) is written as it was laid out:
``<dataset>/<dataset>.yaml`` with its ``sources_dir:`` and the texts its sources cite copied
into ``<dataset>/<sources_dir>/`` from the folder they were loaded from, so the export
validates and loads as it is (and two datasets' texts of the same name never meet).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml
from neo4j import Driver

from graph.catalog import catalog
from graph.cypher import run_queries
from graph.errors import OrgGraphError
from graph.files import write_private
from graph.placement import PLACEMENT_PROPS
from loaders.dataset import Source, is_slug
from loaders.quotes import MAX_SOURCE_BYTES
from loaders.staffing import StaffingFigure, staffing_number

# Node properties the loader derives or keeps for itself; they are not part of the format.
INTERNAL_PROPS: Final = frozenset({"content_hash", "search_text", "dataset"}) | PLACEMENT_PROPS
# Fields of a fact (entity or relation) that the format names; everything else is a prop.
FACT_FIELDS: Final = ("quote", "source", "inferred", "reason", "status", "valid_from", "valid_to")
ENTITY_FIELDS: Final = ("id", "kind", "name", "type", "abbreviation", "aliases", "description")
RELATION_FIELDS: Final = ("id",)
SOURCE_FIELDS: Final = tuple(Source.model_fields)
STAFFING_FIELDS: Final = tuple(StaffingFigure.model_fields)
HEADER: Final = (
    "# Exported by `orggraph export --format dataset`; restore with `orggraph load DIR`.\n"
)


@dataclass
class ExportedDataset:
    dataset: str
    title: str | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    # The dataset's own sources folder as written, and where it lay when loaded.
    sources_dir: str | None = None
    sources_path: str | None = None

    def document(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"dataset": self.dataset}
        if self.title is not None:
            doc["title"] = self.title
        if self.sources_dir is not None:
            doc["sources_dir"] = self.sources_dir
        for key in ("sources", "entities", "relations"):
            items = getattr(self, key)
            if items:
                doc[key] = items
        return doc


@dataclass
class ExportReport:
    directory: Path
    files: list[Path]
    datasets: list[ExportedDataset]
    # Cited texts of a dataset with its own sources folder that could not be copied (the
    # folder it was loaded from is gone or changed): "dataset: file (why)".
    missing_texts: list[str] = field(default_factory=list)
    texts: list[Path] = field(default_factory=list)

    @property
    def entities(self) -> int:
        return sum(len(d.entities) for d in self.datasets)

    @property
    def relations(self) -> int:
        return sum(len(d.relations) for d in self.datasets)

    @property
    def sources(self) -> int:
        return sum(len(d.sources) for d in self.datasets)


def _native(value: Any) -> Any:
    """Driver temporal values to Python ones (neo4j.time.Date -> datetime.date)."""
    if isinstance(value, list):
        return [_native(v) for v in value]
    to_native = getattr(value, "to_native", None)
    if callable(to_native):
        return to_native()
    return value


def _fact(props: Mapping[str, Any], head: Iterable[str]) -> dict[str, Any]:
    """The format's fields in documentation order, then `props` (every other property)."""
    p = {k: _native(v) for k, v in props.items()}
    out: dict[str, Any] = {}
    named = (*head, *FACT_FIELDS)
    for key in named:
        value = p.get(key)
        if key in ("quote", "source", "status", "inferred", "id", "kind", "name"):
            if value is not None:
                out[key] = value
        elif value is not None and value != []:
            out[key] = value
    extra = {k: v for k, v in sorted(p.items()) if k not in named and k not in INTERNAL_PROPS}
    if extra:
        out["props"] = extra
    return out


def entity_doc(props: Mapping[str, Any]) -> dict[str, Any]:
    return _fact(props, ENTITY_FIELDS)


def relation_doc(rtype: str, from_: str, to: str, props: Mapping[str, Any]) -> dict[str, Any]:
    body = _fact(props, RELATION_FIELDS)
    rid = body.pop("id", None)
    head: dict[str, Any] = {"type": rtype, "from": from_, "to": to}
    # The default id is implied; an explicit one is kept (the same type linking a pair twice).
    if rid is not None and rid != f"{from_}--{rtype.lower()}--{to}":
        head["id"] = rid
    return {**head, **body}


def staffing_doc(props: Mapping[str, Any]) -> dict[str, Any]:
    """One figure as the format writes it (`inferred` only when true)."""
    return {
        k: props[k]
        for k in STAFFING_FIELDS
        if props.get(k) is not None and (k != "inferred" or props[k])
    }


def with_staffing(entity: dict[str, Any], figures: list[dict[str, Any]]) -> dict[str, Any]:
    """The entity's document with its figures (ordered by number) before its `props`."""
    if not figures:
        return entity
    figures.sort(key=lambda f: staffing_number(str(f.get("id", ""))))
    head = {k: v for k, v in entity.items() if k != "props"}
    head["staffing"] = [staffing_doc(f) for f in figures]
    if "props" in entity:
        head["props"] = entity["props"]
    return head


def source_doc(props: Mapping[str, Any]) -> dict[str, Any]:
    p = {k: _native(v) for k, v in props.items()}
    return {k: p[k] for k in SOURCE_FIELDS if p.get(k) is not None}


def _ordered(items: list[tuple[str, dict[str, Any]]], keys: list[str]) -> list[dict[str, Any]]:
    """Manifest order first (the order of the loaded file), then anything else by key."""
    rank = {k: i for i, k in enumerate(keys)}
    end = len(rank)
    items.sort(key=lambda kv: (rank.get(kv[0], end), kv[0]))
    return [doc for _, doc in items]


def collect(driver: Driver, *, database: str) -> list[ExportedDataset]:
    """Read the whole graph into one ExportedDataset per dataset, sorted by dataset id."""
    manifests, sources, entities, relations, staffing = run_queries(
        driver,
        [(catalog().get(f"loader.{name}"), {}) for name in
         ("export_datasets", "export_sources", "export_entities", "export_relations",
          "export_staffing")],
        database=database,
    )  # fmt: skip
    return assemble(manifests, sources, entities, relations, staffing)


def assemble(
    manifests: Iterable[Mapping[str, Any]],
    sources: Iterable[Mapping[str, Any]],
    entities: Iterable[Mapping[str, Any]],
    relations: Iterable[Mapping[str, Any]],
    staffing: Iterable[Mapping[str, Any]],
) -> list[ExportedDataset]:
    """The rows of the `loader.export_*` queries (or of their paged and scoped twins that
    loaders.formats reads) as one ExportedDataset per dataset, sorted by dataset id."""
    figures: dict[str, list[dict[str, Any]]] = {}
    for row in staffing:
        figures.setdefault(str(row["entity"]), []).append(dict(row["props"]))
    found: dict[str, ExportedDataset] = {}
    order: dict[str, tuple[list[str], list[str]]] = {}
    for m in manifests:
        found[m["id"]] = ExportedDataset(
            m["id"], m["title"], sources_dir=m["sources_dir"], sources_path=m["sources_path"]
        )
        order[m["id"]] = (list(m["entity_keys"]), list(m["relation_keys"]))

    def get(ds: Any, what: str) -> ExportedDataset:
        if not isinstance(ds, str) or not is_slug(ds):
            raise OrgGraphError(f"{what} has no valid `dataset` property ({ds!r}); cannot export")
        if ds not in found:
            found[ds] = ExportedDataset(ds)
            order[ds] = ([], [])
        return found[ds]

    for row in sources:
        props = row["props"]
        get(props.get("dataset"), f"Source {props.get('id')!r}").sources.append(source_doc(props))
    ents: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for row in entities:
        props = row["props"]
        ds = get(props.get("dataset"), f"Entity {props.get('id')!r}").dataset
        doc = with_staffing(entity_doc(props), figures.get(str(props["id"]), []))
        ents.setdefault(ds, []).append((str(props["id"]), doc))
    rels: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for row in relations:
        props = row["props"]
        ds = get(props.get("dataset"), f"{row['type']} {props.get('id')!r}").dataset
        key = f"{row['type']}|{props.get('id')}|{row['from']}"  # as loaders.rows.RelationRow.key
        rels.setdefault(ds, []).append(
            (key, relation_doc(row["type"], row["from"], row["to"], props))
        )
    for name, exp in found.items():
        exp.entities = _ordered(ents.get(name, []), order[name][0])
        exp.relations = _ordered(rels.get(name, []), order[name][1])
    return [found[k] for k in sorted(found)]


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # Multi-line text as a block literal: readable, and lossless for the loader.
    style = "|" if "\n" in data and data == data.strip() and "\r" not in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(str, _represent_str)


def dump_yaml(doc: Mapping[str, Any]) -> str:
    body = yaml.dump(
        dict(doc),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=10_000,
        default_flow_style=False,
    )
    return HEADER + body


def export_datasets(driver: Driver, directory: Path, *, database: str) -> ExportReport:
    """Write one `<dataset>.yaml` per dataset into `directory` (created if missing); one with
    its own `sources_dir:` as `<dataset>/<dataset>.yaml` with its cited texts beside it.

    Existing files of the same name are overwritten; other files are left alone. A cited
    text that cannot be copied is listed in `missing_texts`, not fatal: the backup of the
    facts is still whole, and validating it says which text is missing.
    """
    datasets = collect(driver, database=database)
    directory.mkdir(parents=True, exist_ok=True)
    report = ExportReport(directory, [], datasets)
    for exp in datasets:
        home = directory if exp.sources_dir is None else directory / exp.dataset
        path = home / f"{exp.dataset}.yaml"
        write_private(path, dump_yaml(exp.document()))  # 0600: exports hold the graph's data
        report.files.append(path)
        if exp.sources_dir is not None:
            _copy_texts(exp, path, report)
    return report


def _copy_texts(exp: ExportedDataset, path: Path, report: ExportReport) -> None:
    """Copy the texts `exp`'s sources cite from where they were loaded into the own sources
    folder beside its exported file `path`; both ends must stay inside their folder, as the
    loader required, and no text overwrites the dataset file."""
    assert exp.sources_dir is not None
    home = path.parent
    target = home / exp.sources_dir
    if Path(exp.sources_dir).is_absolute() or not target.resolve().is_relative_to(home.resolve()):
        raise OrgGraphError(
            f"dataset {exp.dataset!r} has sources_dir {exp.sources_dir!r} outside its folder; "
            "cannot export it"
        )
    # Made even when no text can be copied: validating the export then names each missing one.
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    origin = Path(exp.sources_path).resolve() if exp.sources_path else None
    for src in exp.sources:
        name = src.get("file")
        if not isinstance(name, str) or not name:
            continue
        why = _unreadable(origin, name)
        if why is not None:
            report.missing_texts.append(f"{exp.dataset}: {name} ({why})")
            continue
        assert origin is not None
        out = target / name
        if not out.resolve().is_relative_to(target.resolve()) or out.resolve() == path.resolve():
            report.missing_texts.append(f"{exp.dataset}: {name} (not a text beside the dataset)")
            continue
        write_private(out, (origin / name).read_bytes())
        report.texts.append(out)


def _unreadable(origin: Path | None, name: str) -> str | None:
    """Why the cited text `name` cannot be copied from `origin`, or None."""
    if origin is None:
        return "the folder it was loaded from is not recorded"
    path = origin / name
    if not path.resolve().is_relative_to(origin):
        return f"outside {origin}"
    try:
        size = path.stat().st_size
    except OSError as e:
        return f"not readable in {origin}: {e.strerror or e}"
    if not path.is_file():
        return f"not a file in {origin}"
    if size > MAX_SOURCE_BYTES:
        return f"larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MB"
    return None


__all__ = [
    "ExportReport",
    "ExportedDataset",
    "assemble",
    "collect",
    "dump_yaml",
    "entity_doc",
    "export_datasets",
    "relation_doc",
    "source_doc",
    "staffing_doc",
]
