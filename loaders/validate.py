"""Validation of dataset files: every problem at once, each as file:line:col: message.

Editors fix data in one pass only if they see all problems together, pointing at the exact
line, with a hint how to fix it; so nothing here stops at the first error and nothing raises
for bad input. Here: the entry points, the reports and each file's schema check; the checks
across files are loaders.crossref, the quote check loaders.quotes.
"""

from __future__ import annotations

import gc
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from graph.errors import Problem, ValidationFailed
from loaders import crossref
from loaders.dataset import DatasetFile, Defaults, Entity, Relation, Source, provenance
from loaders.facts import FileFacts, Where, did_you_mean, suggest
from loaders.quotes import MAX_SOURCE_BYTES, check_quotes, normalise_text
from loaders.workers import read_in_workers
from loaders.yamlsrc import JsonPath, Position, YamlDocument, load_yaml_file

SCHEMA_FILE_NAME: Final = "dataset.schema.json"
DATA_SUFFIXES: Final = (".yaml", ".yml", ".json")
_LIST_KEYS: Final = ("sources", "entities", "relations")
_ITEM_MODELS: Final[dict[str, type[BaseModel]]] = {
    "sources": Source,
    "entities": Entity,
    "relations": Relation,
}


@dataclass(frozen=True, slots=True)
class DatasetDocument:
    """A dataset's content with its positions, for data that is not a file on disk (an HR
    export turned into a dataset): problems name `path` and the positions in `doc`, which may
    be empty (then every problem points at line 1)."""

    path: Path
    doc: YamlDocument


@dataclass(frozen=True, slots=True)
class ParsedDataset:
    """A schema-valid file, with the positions needed to point at its facts later."""

    path: Path
    dataset: DatasetFile
    doc: YamlDocument

    def position(self, path: JsonPath) -> Position:
        return self.doc.position(path)


@dataclass(slots=True)
class FactCounts:
    entities: int = 0
    relations: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    by_type: Counter[str] = field(default_factory=Counter)

    @property
    def facts(self) -> int:
        return self.entities + self.relations

    def count(self, what: str, label: str) -> None:
        if what == "entities":
            self.entities += 1
            self.by_kind[label] += 1
        else:
            self.relations += 1
            self.by_type[label] += 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "facts": self.facts,
            "entities": self.entities,
            "relations": self.relations,
            "by_kind": dict(sorted(self.by_kind.items())),
            "by_type": dict(sorted(self.by_type.items())),
        }


@dataclass(frozen=True, slots=True)
class Stats:
    by_dataset: dict[str, FactCounts]
    by_source: dict[str, FactCounts]

    def as_dict(self) -> dict[str, Any]:
        return {
            "datasets": {k: v.as_dict() for k, v in sorted(self.by_dataset.items())},
            "sources": {k: v.as_dict() for k, v in sorted(self.by_source.items())},
        }


@dataclass(slots=True)
class ValidationReport:
    problems: list[Problem] = field(default_factory=list)
    datasets: list[ParsedDataset] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    # Worth a look but loaded anyway (an unknown rank): never make the report fail.
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_if_failed(self) -> None:
        if self.problems:
            raise ValidationFailed(list(self.problems))

    def stats(self) -> Stats:
        """Fact counts per dataset and per cited source (defaults applied)."""
        by_dataset: dict[str, FactCounts] = defaultdict(FactCounts)
        by_source: dict[str, FactCounts] = defaultdict(FactCounts)
        for parsed in self.datasets:
            ds = parsed.dataset
            by_dataset.setdefault(ds.dataset, FactCounts())  # empty datasets still show up
            d = ds.defaults
            facts: list[tuple[Entity | Relation, str, str]] = [
                (e, "entities", e.kind.value) for e in ds.entities
            ]
            facts += [(r, "relations", r.type.value) for r in ds.relations]
            for fact, what, label in facts:
                targets = [by_dataset[ds.dataset]]
                src = provenance(fact, d).source
                if src is not None:
                    targets.append(by_source[src])
                for c in targets:
                    c.count(what, label)
        return Stats(dict(by_dataset), dict(by_source))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


# --- files ---------------------------------------------------------------------------------


def expand_paths(
    paths: Sequence[Path],
    *,
    skip: Path | None = None,
    parsed: dict[Path, YamlDocument] | None = None,
) -> tuple[list[Path], list[Problem]]:
    """Dataset files (YAML, JSON) under `paths` (directories recursively, sorted; hidden
    entries, the JSON schema, the folder `skip` and each found dataset's own `sources_dir:`
    -- source texts, which may be YAML or JSON themselves -- left out). A file named in
    `paths` itself is always a dataset. Files read to find their `sources_dir:` are put in
    `parsed`, so they need not be read again."""
    found: list[Path] = []
    problems: list[Problem] = []
    skipped = skip.resolve() if skip is not None else None
    for p in paths:
        if p.is_dir():
            files = [
                f
                for f in p.rglob("*")
                if f.suffix in DATA_SUFFIXES
                and f.name != SCHEMA_FILE_NAME
                and f.is_file()
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
                and (skipped is None or not f.resolve().is_relative_to(skipped))
            ]
            found.extend(_outside_own_sources(sorted(files), parsed))
        elif p.is_file():
            if p.name != SCHEMA_FILE_NAME:
                found.append(p)
        else:
            problems.append(Problem(str(p), 1, 1, "no such file or directory"))
    unique = list(dict.fromkeys(found))
    return unique, problems


def _outside_own_sources(files: list[Path], parsed: dict[Path, YamlDocument] | None) -> list[Path]:
    """`files` without those inside a found dataset's own `sources_dir:` folder.

    Only a file with candidates in folders below its own can hide one, so only those few
    are read here (a flat folder of national files reads none twice). A `sources_dir` that
    is the file's own folder hides nothing: its neighbours stay datasets."""
    dirs = {f.parent for f in files}
    own: list[Path] = []
    for f in files:
        if not any(d != f.parent and d.is_relative_to(f.parent) for d in dirs):
            continue
        doc = load_yaml_file(f)
        if parsed is not None:
            parsed[f] = doc
        value = doc.data.get("sources_dir") if isinstance(doc.data, dict) else None
        if not isinstance(value, str) or not value or _own_sources_dir(f, value) is not None:
            continue  # a missing or refused sources_dir is reported when the file is read
        folder = (f.parent / value).resolve()
        if folder != f.parent.resolve():
            own.append(folder)
    if not own:
        return files
    return [f for f in files if not any(f.resolve().is_relative_to(o) for o in own)]


# --- schema errors ------------------------------------------------------------------------


def _fields_of(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_at(loc: JsonPath) -> type[BaseModel] | None:
    if len(loc) == 1:
        return DatasetFile
    if len(loc) == 2 and loc[0] == "defaults":
        return Defaults
    if len(loc) == 3 and loc[0] in _ITEM_MODELS and isinstance(loc[1], int):
        return _ITEM_MODELS[str(loc[0])]
    return None


def field_path(loc: JsonPath) -> str:
    """`aliases[1]`, `staffing[0].rank`, `defaults.source`: a field as an editor finds it."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "file"


def _schema_message(err: ErrorDetails, loc: JsonPath, item_depth: int = 0) -> str:
    """The message for one schema error; `loc[item_depth:]` is the field's path inside the
    item (a source, entity or relation) or the file, and every message names it."""
    kind = err["type"]
    inner = loc[item_depth:]
    if inner[:1] == ("props",) and len(inner) > 1:
        inner = inner[1:]  # a prop is named by its key, as its messages say "props key"
        item_depth += 1
    name = field_path(inner) if loc else "file"
    key = str(loc[-1]) if loc else "file"
    # a key of a nested mapping is named with the mapping's path: "staffing[0]: unknown key"
    parent = f"{field_path(loc[item_depth:-1])}: " if len(loc) - item_depth > 1 else ""
    if kind == "extra_forbidden":
        model = _model_at(loc)
        hint = did_you_mean(key, _fields_of(model)) if model else ""
        return f"{parent}unknown key '{key}'{hint}"
    if kind == "missing":
        return f"{parent}missing required key '{key}'"
    if kind == "enum":
        value = err.get("input")
        ctx = err.get("ctx") or {}
        expected = str(ctx.get("expected", ""))
        options = re.findall(r"'([^']*)'", expected)
        hint = ""
        if isinstance(value, str):
            by_lower = {o.lower(): o for o in options}
            if value.lower() in by_lower:
                hint = f"; did you mean '{by_lower[value.lower()]}'?"
            else:
                hint = did_you_mean(value, options)
        return f"{name}: invalid value {value!r}{hint} (allowed: {', '.join(options)})"
    if kind == "model_type" or kind == "dict_type":
        return f"{name}: expected a mapping, got {_type_name(err.get('input'))}"
    if kind == "list_type":
        return f"{name}: expected a list, got {_type_name(err.get('input'))}"
    return f"{name}: {err['msg']}"


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


# --- reading one file ---------------------------------------------------------------------


def _read(
    path: Path, doc: YamlDocument
) -> tuple[FileFacts | None, ParsedDataset | None, list[Problem]]:
    """One file's schema-valid facts (even when other items are invalid), the dataset when
    all of it is valid, and its problems."""
    name = str(path)
    where = Where(name, doc)
    problems = [Problem(name, i.line, i.col, i.message) for i in doc.issues]
    data = doc.data
    if data is None:
        return None, None, problems
    if not isinstance(data, dict):
        message = f"top level must be a mapping with 'dataset:', got {_type_name(data)}"
        return None, None, [*problems, where.at((), message)]
    head = {k: v for k, v in data.items() if k not in _LIST_KEYS or not isinstance(v, list)}
    head_model: DatasetFile | None = None
    try:
        head_model = DatasetFile.model_validate(head)
    except ValidationError as e:
        problems += _schema_errors(where, e, ())
    facts = FileFacts(
        where,
        dataset=head_model.dataset if head_model else _str_or_none(data.get("dataset")),
        defaults=head_model.defaults if head_model else None,
    )
    if head_model is not None and head_model.sources_dir is not None:
        refused = _own_sources_dir(path, head_model.sources_dir)
        facts.sources_dir = path.parent / head_model.sources_dir
        if refused:
            facts.sources_dir_refused = True
            problems.append(where.at(("sources_dir",), refused))
    items_valid = _read_items(facts, data, problems)
    if not (items_valid and head_model is not None and not doc.issues):
        return facts, None, problems
    # Every part is validated above; validating the whole file again would double the cost
    # of the national load.
    present = {k for k in _LIST_KEYS if k in data}
    dataset = DatasetFile.model_construct(
        _fields_set=head_model.model_fields_set | present,
        # Every head field the model has (draft among them), not a list that can fall behind.
        **{k: getattr(head_model, k) for k in DatasetFile.model_fields if k not in _LIST_KEYS},
        sources=[o for _, o in facts.sources],
        entities=[o for _, o in facts.entities],
        relations=[o for _, o in facts.relations],
    )
    return facts, ParsedDataset(path, dataset, doc), problems


def _own_sources_dir(path: Path, value: str) -> str | None:
    """Why a file's `sources_dir:` is refused, or None. It must stay inside the dataset
    file's folder (symlinks followed): a dataset picks where its own texts lie, never a
    folder elsewhere on the machine to have its quotes checked against."""
    if Path(value).is_absolute():
        return (
            f"sources_dir '{value}' must be a path relative to the dataset file "
            "(e.g. 'sources' for a folder beside it)"
        )
    home = path.parent.resolve()
    if not (path.parent / value).resolve().is_relative_to(home):
        return (
            f"sources_dir '{value}' lies outside the dataset file's folder {path.parent}; "
            "keep the cited documents in a folder beside the file, or leave sources_dir out "
            "to use the global sources folder"
        )
    return None


def _read_items(facts: FileFacts, data: dict[str, Any], problems: list[Problem]) -> bool:
    """Validate each item of the lists on its own; True when every one is valid."""
    all_valid = True
    for key in _LIST_KEYS:
        items = data.get(key)
        if not isinstance(items, list):
            continue
        model = _ITEM_MODELS[key]
        for i, item in enumerate(items):
            try:
                obj = model.model_validate(item)
            except ValidationError as e:
                all_valid = False
                problems += _schema_errors(facts.where, e, (key, i), facts=facts)
                item_id = item.get("id") if isinstance(item, dict) else None
                if isinstance(item_id, str):
                    broken = facts.broken_source_ids if key == "sources" else facts.broken_ids
                    broken.add(item_id)
                continue
            if isinstance(obj, Source):
                facts.sources.append((i, obj))
            elif isinstance(obj, Entity):
                facts.entities.append((i, obj))
            elif isinstance(obj, Relation):
                facts.relations.append((i, obj))
    return all_valid


def _schema_errors(
    where: Where, err: ValidationError, prefix: JsonPath, *, facts: FileFacts | None = None
) -> list[Problem]:
    problems = []
    seen: set[tuple[JsonPath, str]] = set()
    for detail in err.errors(include_url=False):
        loc: JsonPath = (*prefix, *detail["loc"])
        value = detail.get("input")
        if (
            facts is not None
            and prefix[:1] == ("relations",)
            and detail["type"] == "slug"
            and tuple(detail["loc"]) in (("from",), ("to",))
            and isinstance(value, str)
        ):
            item = facts.where.doc.data["relations"][prefix[1]]
            rtype = item.get("type") if isinstance(item, dict) else None
            facts.free_text_ends.append((loc, value, rtype if isinstance(rtype, str) else None))
            continue  # crossref words it, once every id is known
        on_key = detail["type"] == "extra_forbidden"
        if loc and loc[-1] == "[key]":  # a bad dict key: point at the key itself
            loc, on_key = loc[:-1], True
        if where.doc.is_bad(loc):
            continue  # already reported by the YAML reader
        # fields are named inside their item, or inside `defaults` (the head's one block)
        depth = len(prefix) or (1 if loc[:1] == ("defaults",) and len(loc) > 1 else 0)
        msg = _schema_message(detail, loc, depth)
        if (loc, msg) in seen:
            continue
        seen.add((loc, msg))
        problems.append(where.at(loc, msg, key=on_key))
    return problems


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


# --- reading many files -------------------------------------------------------------------

# Below this much to read, starting worker processes costs more than they save (the national
# load reads ~100 MB; the seeds and a test's files read far less).
PARALLEL_MIN_BYTES: Final = 4 * 1024 * 1024
_Read = tuple[FileFacts | None, ParsedDataset | None, list[Problem]]


def read_path(path: Path) -> _Read:
    """One file parsed and schema-checked (in a worker process: loaders.workers). Its plain
    data is dropped: from here on only the models and positions are used (a JSON document
    works its positions out from its text), and sending both would double what a worker
    sends back."""
    with no_gc_pauses():
        doc = load_yaml_file(path)
        result = _read(path, doc)
        doc.data = None
        return result


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _workers(paths: Sequence[Path], workers: int | None) -> int:
    if workers is not None:
        return max(1, min(workers, len(paths)))
    if len(paths) < 4 or sum(_size(p) for p in paths) < PARALLEL_MIN_BYTES:
        return 1
    return max(1, min(os.cpu_count() or 1, 8, len(paths)))


def _read_files(
    paths: Sequence[Path], parsed: dict[Path, YamlDocument], workers: int | None
) -> Iterator[_Read]:
    """Each file's `_read`, in the order of `paths`, so the report is the same whichever
    process read which file. Files already parsed (`parsed`) are read here, the others by
    worker processes when that pays (loaders.workers)."""
    todo = [p for p in paths if p not in parsed]
    n = _workers(todo, workers)
    if n <= 1:
        for path in paths:
            doc = parsed.pop(path, None)
            yield _read(path, doc if doc is not None else load_yaml_file(path))
        return
    elsewhere = read_in_workers(todo, n, read_path, _size)
    for path in paths:
        doc = parsed.pop(path, None)
        yield _read(path, doc) if doc is not None else next(elsewhere)


# --- entry points -------------------------------------------------------------------------


def validate_paths(
    paths: Sequence[Path],
    *,
    sources_dir: Path | None,
    known_ids: Collection[str] = (),
    context: Sequence[Path] = (),
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> ValidationReport:
    """Validate every dataset file under `paths` together (ids are global across files).

    `sources_dir` is where cited documents live; every quote is checked against them, and
    None (an explicit --no-quote-check) skips that check. `known_ids` are ids already in
    the database that references may use. `context` files (the shared vocabulary, when one
    file is being edited) are read for their ids and sources only: their own problems and
    datasets are not reported. `progress(done, total)` is called once per file read.
    `workers` processes read and check the files (None: one per CPU when there is enough to
    read to pay for starting them; 1: in this process); the report is the same either way.
    """
    parsed: dict[Path, YamlDocument] = {}
    files, problems = expand_paths(paths, skip=sources_dir, parsed=parsed)
    wanted = {f.resolve() for f in files}
    extra, _ = expand_paths(context, skip=sources_dir, parsed=parsed)
    extra = [f for f in extra if f.resolve() not in wanted]
    # Context first: a clash between the edited file and the vocabulary is then reported
    # in the edited file, where it can be fixed.
    read = [*extra, *files]
    return _validate(
        _read_files(read, parsed, workers),
        total=len(read),
        files=files,
        problems=problems,
        sources_dir=sources_dir,
        known_ids=known_ids,
        # every dataset file read (resolved) is never a source
        dataset_paths={f.resolve() for f in read},
        hidden={str(f) for f in extra},
        progress=progress,
    )


def validate_documents(
    documents: Sequence[DatasetDocument],
    *,
    sources_dir: Path | None,
    known_ids: Collection[str] = (),
    progress: Callable[[int, int], None] | None = None,
) -> ValidationReport:
    """`validate_paths` for datasets already in memory: the same checks, problems naming each
    document's path. A document's path is not a dataset file, so it may also be the source
    its quotes are checked against (an HR export cites itself)."""
    return _validate(
        (_read(d.path, d.doc) for d in documents),
        total=len(documents),
        files=[d.path for d in documents],
        problems=[],
        sources_dir=sources_dir,
        known_ids=known_ids,
        dataset_paths=set(),
        hidden=set(),
        progress=progress,
    )


def _validate(
    results: Iterable[tuple[FileFacts | None, ParsedDataset | None, list[Problem]]],
    *,
    total: int,
    files: list[Path],
    problems: list[Problem],
    sources_dir: Path | None,
    known_ids: Collection[str],
    dataset_paths: set[Path],
    hidden: set[str],
    progress: Callable[[int, int], None] | None,
) -> ValidationReport:
    read: list[FileFacts] = []
    parsed: list[ParsedDataset] = []
    with no_gc_pauses():
        for n, (facts, dataset, found) in enumerate(results, 1):
            problems += found
            if facts is not None:
                read.append(facts)
            if dataset is not None:
                parsed.append(dataset)
            if progress is not None:
                progress(n, total)
        across = crossref.check(read, known_ids)
        problems += across.problems
        warnings = across.warnings
        if sources_dir is not None:
            problems += check_quotes(
                read,
                across.sources,
                sources_dir=sources_dir,
                dataset_paths=dataset_paths,
                hidden=hidden,
            )
    if hidden:
        problems = [p for p in problems if p.file not in hidden]
        parsed = [d for d in parsed if str(d.path) not in hidden]
        warnings = [w for w in warnings if w.file not in hidden]
    return ValidationReport(sorted(set(problems)), parsed, files, sorted(set(warnings)))


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Suspend the cyclic garbage collector while millions of acyclic objects are built.

    Its generational passes rescan everything allocated so far: a third of the national
    load's validation time. Reference counting still frees memory meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def json_schema() -> dict[str, Any]:
    """JSON Schema of a dataset file, for the yaml-language-server comment in data files."""
    schema = DatasetFile.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "orggraph dataset file",
        "description": "A data/ file of orggraph; see docs/dataset-format.md",
    }


def write_json_schema(path: Path) -> None:
    path.write_text(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", "utf-8")


__all__ = [
    "MAX_SOURCE_BYTES",
    "DatasetDocument",
    "FactCounts",
    "ParsedDataset",
    "Problem",
    "Stats",
    "ValidationReport",
    "expand_paths",
    "json_schema",
    "normalise_text",
    "suggest",
    "validate_documents",
    "validate_paths",
    "write_json_schema",
]
