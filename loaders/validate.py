"""Validation of dataset files: every problem at once, each as file:line:col: message.

Editors fix data in one pass only if they see all problems together, pointing at the exact
line, with a hint how to fix it; so nothing here stops at the first error and nothing raises
for bad input.
"""

from __future__ import annotations

import difflib
import gc
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from graph.errors import ValidationFailed
from loaders.dataset import (
    ALLOWED_ENDPOINTS,
    ENDPOINT_TABLE,
    REFERENCE_PROPS,
    REQUIRED_PROPS,
    DatasetFile,
    Defaults,
    Entity,
    EntityKind,
    Relation,
    RelType,
    Source,
    Status,
    effective_source,
    ordered_kinds,
)
from loaders.yamlsrc import JsonPath, Position, YamlDocument, load_yaml_file

SCHEMA_FILE_NAME: Final = "dataset.schema.json"
DATA_SUFFIXES: Final = (".yaml", ".yml", ".json")
MAX_SOURCE_BYTES: Final = 20 * 1024 * 1024
_LIST_KEYS: Final = ("sources", "entities", "relations")
_ITEM_MODELS: Final[dict[str, type[BaseModel]]] = {
    "sources": Source,
    "entities": Entity,
    "relations": Relation,
}


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


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
            for e in ds.entities:
                targets = [by_dataset[ds.dataset]]
                src = effective_source(e, ds.defaults)
                if src is not None:
                    targets.append(by_source[src])
                for c in targets:
                    c.entities += 1
                    c.by_kind[e.kind.value] += 1
            for r in ds.relations:
                targets = [by_dataset[ds.dataset]]
                src = effective_source(r, ds.defaults)
                if src is not None:
                    targets.append(by_source[src])
                for c in targets:
                    c.relations += 1
                    c.by_type[r.type.value] += 1
        return Stats(dict(by_dataset), dict(by_source))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


# --- helpers ------------------------------------------------------------------------------

_WS = re.compile(r"\s+")
_ANY: Final = object()  # a kind no endpoint set contains
_ASCII_SPACE = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1f]")
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")
_QUOTE_PAIRS: Final = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'))


def normalise_text(text: str) -> str:
    """Whitespace-run collapse and straight quotes: how quotes are compared with sources.

    `" ".join(text.split())` is `_WS.sub(" ", text).strip()` (both split on str.isspace);
    the ASCII fast path skips the per-character translate, which dominated the quote check."""
    if text.isascii():
        if "  " in text or _ASCII_SPACE.search(text) or text[:1] == " " or text[-1:] == " ":
            return " ".join(text.split())
        return text
    for curly, straight in _QUOTE_PAIRS:  # str.replace is memchr-fast; translate is not
        text = text.replace(curly, straight)
    return " ".join(text.split())


def suggest(value: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    pool = list(dict.fromkeys(candidates))
    return difflib.get_close_matches(value, pool, n=n, cutoff=0.6)


def _did_you_mean(value: str, candidates: Iterable[str]) -> str:
    hits = suggest(value, candidates)
    if not hits:
        return ""
    return "; did you mean " + " or ".join(f"'{h}'" for h in hits) + "?"


def _excerpt(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def expand_paths(
    paths: Sequence[Path], *, skip: Path | None = None
) -> tuple[list[Path], list[Problem]]:
    """Dataset files (YAML, JSON) under `paths` (directories recursively, sorted; hidden
    entries, the JSON schema and the folder `skip` -- the source texts, which may be JSON
    themselves -- left out)."""
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
            found.extend(sorted(files))
        elif p.is_file():
            if p.name != SCHEMA_FILE_NAME:
                found.append(p)
        else:
            problems.append(Problem(str(p), 1, 1, "no such file or directory"))
    unique = list(dict.fromkeys(found))
    return unique, problems


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


def _schema_message(err: ErrorDetails, loc: JsonPath) -> str:
    kind = err["type"]
    name = str(loc[-1]) if loc else "file"
    if kind == "extra_forbidden":
        model = _model_at(loc)
        hint = _did_you_mean(name, _fields_of(model)) if model else ""
        return f"unknown key '{name}'{hint}"
    if kind == "missing":
        return f"missing required key '{name}'"
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
                hint = _did_you_mean(value, options)
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


# --- the validator ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Where:
    file: str
    doc: YamlDocument

    def at(self, path: JsonPath, message: str, *, key: bool = False) -> Problem:
        line, col = self.doc.position(path, key=key)
        return Problem(self.file, line, col, message)

    def ref(self, path: JsonPath) -> str:
        line, col = self.doc.position(path)
        return f"{self.file}:{line}:{col}"


@dataclass(slots=True)
class _FileFacts:
    """Schema-valid items of one file, even when other items of the file are invalid."""

    where: _Where
    dataset: str | None
    defaults: Defaults | None
    sources: list[tuple[int, Source]] = field(default_factory=list)
    entities: list[tuple[int, Entity]] = field(default_factory=list)
    relations: list[tuple[int, Relation]] = field(default_factory=list)
    # ids of items that failed the schema: referencing them is not a *second* error
    broken_ids: set[str] = field(default_factory=set)
    broken_source_ids: set[str] = field(default_factory=set)


class _Validator:
    def __init__(
        self, sources_dir: Path | None, known_ids: Collection[str], hidden: Collection[str] = ()
    ) -> None:
        self.sources_dir = sources_dir
        self.known_ids = frozenset(known_ids)
        self.problems: list[Problem] = []
        self.files: list[_FileFacts] = []
        self.parsed: list[ParsedDataset] = []
        self.paths: set[Path] = set()  # every dataset file read (resolved): never a source
        self.hidden = frozenset(hidden)  # context files: read for ids, problems not reported

    # per file ------------------------------------------------------------------------------

    def load(self, path: Path) -> None:
        name = str(path)
        self.paths.add(path.resolve())
        doc = load_yaml_file(path)
        where = _Where(name, doc)
        self.problems.extend(Problem(name, i.line, i.col, i.message) for i in doc.issues)
        data = doc.data
        if data is None:
            return
        if not isinstance(data, dict):
            self.problems.append(
                where.at((), f"top level must be a mapping with 'dataset:', got {_type_name(data)}")
            )
            return
        head = {k: v for k, v in data.items() if k not in _LIST_KEYS or not isinstance(v, list)}
        head_model: DatasetFile | None = None
        try:
            head_model = DatasetFile.model_validate(head)
        except ValidationError as e:
            self._schema_errors(where, e, ())
        facts = _FileFacts(
            where,
            dataset=head_model.dataset if head_model else _str_or_none(data.get("dataset")),
            defaults=head_model.defaults if head_model else None,
        )
        all_valid = head_model is not None
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
                    self._schema_errors(where, e, (key, i))
                    item_id = item.get("id") if isinstance(item, dict) else None
                    if isinstance(item_id, str):
                        (facts.broken_source_ids if key == "sources" else facts.broken_ids).add(
                            item_id
                        )
                    continue
                if isinstance(obj, Source):
                    facts.sources.append((i, obj))
                elif isinstance(obj, Entity):
                    facts.entities.append((i, obj))
                elif isinstance(obj, Relation):
                    facts.relations.append((i, obj))
        self.files.append(facts)
        if all_valid and not doc.issues and head_model is not None:
            # Every part is validated above; validating the whole file again would double
            # the cost of the national load.
            parts = {
                "sources": [o for _, o in facts.sources],
                "entities": [o for _, o in facts.entities],
                "relations": [o for _, o in facts.relations],
            }
            present = {k for k in _LIST_KEYS if k in data}
            dataset = DatasetFile.model_construct(
                _fields_set=head_model.model_fields_set | present,
                **{k: getattr(head_model, k) for k in ("dataset", "title", "defaults")},
                **parts,
            )
            self.parsed.append(ParsedDataset(path, dataset, doc))

    def _schema_errors(self, where: _Where, err: ValidationError, prefix: JsonPath) -> None:
        seen: set[tuple[JsonPath, str]] = set()
        for detail in err.errors(include_url=False):
            loc: JsonPath = (*prefix, *detail["loc"])
            on_key = detail["type"] == "extra_forbidden"
            if loc and loc[-1] == "[key]":  # a bad dict key: point at the key itself
                loc, on_key = loc[:-1], True
            if where.doc.is_bad(loc):
                continue  # already reported by the YAML reader
            msg = _schema_message(detail, loc)
            if (loc, msg) in seen:
                continue
            seen.add((loc, msg))
            self.problems.append(where.at(loc, msg, key=on_key))

    # across files --------------------------------------------------------------------------

    def check(self) -> None:
        self._check_dataset_names()
        sources = self._collect_sources()
        entities = self._collect_entities()
        entity_ids = set(entities) | self.known_ids
        entity_ids |= {i for f in self.files for i in f.broken_ids}
        source_ids = set(sources) | self.known_ids
        source_ids |= {i for f in self.files for i in f.broken_source_ids}
        all_ids = sorted(set(entities) | {i for f in self.files for i in f.broken_ids})
        kinds = {eid: e.kind for eid, (_, _, e) in entities.items()}
        for f in self.files:
            self._check_file_refs(f, entity_ids, source_ids, all_ids, sorted(sources), kinds)
            self._check_facts(f)
        self._check_relation_ids()
        self._check_cycles(kinds)
        if self.sources_dir is not None:
            self._check_quotes(sources)

    def _check_dataset_names(self) -> None:
        first: dict[str, _Where] = {}
        for f in self.files:
            if f.dataset is None:
                continue
            if f.dataset in first:
                self.problems.append(
                    f.where.at(
                        ("dataset",),
                        f"dataset '{f.dataset}' is also declared in {first[f.dataset].file}; "
                        "dataset names must be unique",
                    )
                )
            else:
                first[f.dataset] = f.where

    def _collect_sources(self) -> dict[str, tuple[_FileFacts, int, Source]]:
        out: dict[str, tuple[_FileFacts, int, Source]] = {}
        for f in self.files:
            for i, s in f.sources:
                if s.id in out:
                    g, j, _ = out[s.id]
                    self.problems.append(
                        f.where.at(
                            ("sources", i, "id"),
                            f"duplicate source id '{s.id}' (first defined at "
                            f"{g.where.ref(('sources', j, 'id'))})",
                        )
                    )
                else:
                    out[s.id] = (f, i, s)
        return out

    def _collect_entities(self) -> dict[str, tuple[_FileFacts, int, Entity]]:
        out: dict[str, tuple[_FileFacts, int, Entity]] = {}
        for f in self.files:
            for i, e in f.entities:
                if e.id in out:
                    g, j, _ = out[e.id]
                    self.problems.append(
                        f.where.at(
                            ("entities", i, "id"),
                            f"duplicate entity id '{e.id}' (first defined at "
                            f"{g.where.ref(('entities', j, 'id'))})",
                        )
                    )
                else:
                    out[e.id] = (f, i, e)
        return out

    def _check_relation_ids(self) -> None:
        first: dict[str, tuple[_FileFacts, int]] = {}
        for f in self.files:
            for i, r in f.relations:
                rid = r.effective_id
                if rid in first:
                    g, j = first[rid]
                    hint = "" if r.id else "; give one of them an explicit distinct `id`"
                    self.problems.append(
                        f.where.at(
                            ("relations", i),
                            f"duplicate relation id '{rid}' (first defined at "
                            f"{g.where.ref(('relations', j))}){hint}",
                        )
                    )
                else:
                    first[rid] = (f, i)

    def _check_file_refs(
        self,
        f: _FileFacts,
        entity_ids: set[str],
        source_ids: set[str],
        entity_pool: list[str],
        source_pool: list[str],
        kinds: Mapping[str, EntityKind],
    ) -> None:
        w = f.where

        def entity_ref(path: JsonPath, value: str, what: str) -> bool:
            if value in entity_ids:
                return True
            hint = _did_you_mean(value, entity_pool)
            self.problems.append(w.at(path, f"{what} refers to unknown entity '{value}'{hint}"))
            return False

        def source_ref(path: JsonPath, value: str | None) -> None:
            if value is None or value in source_ids:
                return
            hint = _did_you_mean(value, source_pool)
            self.problems.append(w.at(path, f"unknown source '{value}'{hint}"))

        if f.defaults is not None:
            source_ref(("defaults", "source"), f.defaults.source)
        for i, s in f.sources:
            if s.organisation is not None:
                entity_ref(("sources", i, "organisation"), s.organisation, "organisation")
        for key, items in (("entities", f.entities), ("relations", f.relations)):
            for i, fact in items:
                if fact.source is not None and fact.source not in source_ids:
                    source_ref((key, i, "source"), fact.source)
                # without defaults the head failed the schema: already reported
                if fact.source is None and f.defaults is not None and f.defaults.source is None:
                    self.problems.append(
                        w.at((key, i), "no source: set `source` here or `defaults.source`")
                    )
        for i, r in f.relations:
            base: JsonPath = ("relations", i)
            # The common case answered inline: building the message strings for ~450k
            # relations of a national load cost seconds.
            ok_from = r.from_ in entity_ids or entity_ref(
                (*base, "from"), r.from_, f"{r.type._value_} 'from'"
            )
            ok_to = r.to in entity_ids or entity_ref((*base, "to"), r.to, f"{r.type._value_} 'to'")
            allowed_from, allowed_to = ENDPOINT_TABLE[r.type]
            if not r.props and r.type not in REQUIRED_PROPS:
                ends = ALLOWED_ENDPOINTS[r.type]
                if kinds.get(r.from_, _ANY) in ends[0] and kinds.get(r.to, _ANY) in ends[1]:
                    continue  # the usual relation: known, well-typed ends, no props to check
            if ok_from and r.from_ in kinds and kinds[r.from_] not in ALLOWED_ENDPOINTS[r.type][0]:
                self.problems.append(
                    w.at(
                        (*base, "from"),
                        f"{r.type.value} cannot start at a {kinds[r.from_].value} ({r.from_}); "
                        f"allowed: {ordered_kinds(allowed_from)}",
                    )
                )
            if ok_to and r.to in kinds and kinds[r.to] not in ALLOWED_ENDPOINTS[r.type][1]:
                self.problems.append(
                    w.at(
                        (*base, "to"),
                        f"{r.type.value} cannot end at a {kinds[r.to].value} ({r.to}); "
                        f"allowed: {ordered_kinds(allowed_to)}",
                    )
                )
            for prop, allowed in REQUIRED_PROPS.get(r.type, {}).items():
                value = r.props.get(prop)
                if value is None or value == "":
                    need = f" (one of: {', '.join(sorted(allowed))})" if allowed else ""
                    self.problems.append(
                        w.at(base, f"{r.type.value} needs props.{prop}{need}", key=False)
                    )
                elif allowed is not None and (not isinstance(value, str) or value not in allowed):
                    hint = _did_you_mean(str(value), allowed)
                    self.problems.append(
                        w.at(
                            (*base, "props", prop),
                            f"props.{prop} {value!r} is not one of: "
                            f"{', '.join(sorted(allowed))}{hint}",
                        )
                    )
            for prop, ref_kinds in REFERENCE_PROPS.items():
                value = r.props.get(prop)
                if value is None:
                    continue
                path: JsonPath = (*base, "props", prop)
                if not isinstance(value, str):
                    self.problems.append(w.at(path, f"props.{prop} must be an entity id"))
                    continue
                if not entity_ref(path, value, f"props.{prop}"):
                    continue
                kind = kinds.get(value)
                if kind is not None and kind not in ref_kinds:
                    self.problems.append(
                        w.at(
                            path,
                            f"props.{prop} must name a {ordered_kinds(sorted(ref_kinds))}, "
                            f"but '{value}' is a {kind.value}",
                        )
                    )

    def _check_facts(self, f: _FileFacts) -> None:
        w = f.where
        defaults = f.defaults or Defaults()
        items: list[tuple[str, int, Entity | Relation]] = [
            ("entities", i, e) for i, e in f.entities
        ]
        items += [("relations", i, r) for i, r in f.relations]
        for key, i, fact in items:
            base: JsonPath = (key, i)
            if fact.inferred and not (fact.reason and fact.reason.strip()):
                self.problems.append(
                    w.at((*base, "inferred"), "inferred: true needs a non-empty `reason`")
                )
            set_ = fact.model_fields_set
            start = fact.valid_from if "valid_from" in set_ else defaults.valid_from
            end = fact.valid_to if "valid_to" in set_ else defaults.valid_to
            if start is not None and end is not None and end < start:
                path = (*base, "valid_to") if "valid_to" in set_ else (*base, "valid_from")
                self.problems.append(
                    w.at(
                        path, f"valid_to {end.isoformat()} is before valid_from {start.isoformat()}"
                    )
                )
        if f.defaults is not None:
            d = f.defaults
            if d.valid_from and d.valid_to and d.valid_to < d.valid_from:
                self.problems.append(
                    w.at(
                        ("defaults", "valid_to"),
                        f"valid_to {d.valid_to.isoformat()} is before valid_from "
                        f"{d.valid_from.isoformat()}",
                    )
                )

    def _check_cycles(self, kinds: Mapping[str, EntityKind]) -> None:
        # Separate graphs per status (a planned structure may invert a current one) and, for
        # REPORTS_TO, per line (administrative and hierarchical lines are distinct graphs).
        graphs: dict[tuple[str, ...], dict[str, list[tuple[str, _FileFacts, int]]]] = {}
        for f in self.files:
            defaults = f.defaults or Defaults()
            for i, r in f.relations:
                if r.type not in (RelType.PART_OF, RelType.REPORTS_TO):
                    continue
                status = r.status or defaults.status or Status.CURRENT
                key: tuple[str, ...] = (r.type.value, status.value)
                if r.type is RelType.REPORTS_TO:
                    key = (*key, str(r.props.get("line", "")))
                graph = graphs.setdefault(key, defaultdict(list))
                graph[r.from_].append((r.to, f, i))
        for key, graph in sorted(graphs.items()):
            for cycle in _find_cycles(graph):
                names = " -> ".join([*(node for node, _, _ in cycle), cycle[0][0]])
                _, f, i = cycle[0]
                label = key[0] if len(key) == 2 else f"{key[0]} (line {key[2]})"
                among = "" if key[1] == Status.CURRENT.value else f" among {key[1]} facts"
                self.problems.append(
                    f.where.at(("relations", i), f"cycle in {label}{among}: {names}")
                )

    def _check_quotes(self, sources: Mapping[str, tuple[_FileFacts, int, Source]]) -> None:
        assert self.sources_dir is not None
        if sources and not self.sources_dir.is_dir():
            # One message, not one per source: the folder is missing, not each document.
            # It points at a source definition the user sees, else at the folder itself.
            message = (
                f"sources folder '{self.sources_dir}' does not exist, so no quote can be "
                "checked; put the cited documents there, point ORGGRAPH_SOURCES_DIR or "
                "--sources at them, or skip the checks with --no-quote-check"
            )
            shown = [v for v in sources.values() if v[0].where.file not in self.hidden]
            if shown:
                f, i, _ = min(shown, key=lambda v: (v[0].where.file, v[1]))
                self.problems.append(f.where.at(("sources", i, "file"), message))
            else:
                self.problems.append(Problem(str(self.sources_dir), 1, 1, message))
            return
        texts: dict[str, str | None] = {}
        # Most quotes are whole sentences or lines: a set lookup answers those without the
        # substring scan of the whole text (which made this check quadratic at scale).
        pieces: dict[str, frozenset[str]] = {}
        for sid, (f, i, s) in sources.items():
            texts[sid] = text = self._read_source(f, i, s)
            if text is not None:
                pieces[sid] = frozenset(_SENTENCE_END.split(text))
        for f in self.files:
            defaults = f.defaults or Defaults()
            items: list[tuple[str, int, Entity | Relation]] = [
                ("entities", i, e) for i, e in f.entities
            ]
            items += [("relations", i, r) for i, r in f.relations]
            for key, i, fact in items:
                cited = effective_source(fact, defaults)
                text = texts.get(cited) if cited is not None else None
                if cited is None or text is None:
                    continue  # unknown/unreadable source: reported elsewhere
                quote = normalise_text(fact.quote)
                if quote and (quote in pieces[cited] or quote in text):
                    continue
                self.problems.append(
                    f.where.at((key, i, "quote"), _quote_message(quote, text, cited))
                )

    def _read_source(self, f: _FileFacts, i: int, s: Source) -> str | None:
        assert self.sources_dir is not None
        path = self.sources_dir / s.file
        where: JsonPath = ("sources", i, "file")
        if Path(s.file).is_absolute():
            self.problems.append(f.where.at(where, "source file must be a relative path"))
            return None
        # Symlinks followed: a quote must come from a document inside the sources folder,
        # never from elsewhere on the machine nor from a dataset file citing itself.
        real = path.resolve()
        if not real.is_relative_to(self.sources_dir.resolve()):
            self.problems.append(
                f.where.at(
                    where,
                    f"source file '{s.file}' lies outside the sources folder "
                    f"{self.sources_dir}; cite a document inside it",
                )
            )
            return None
        if real in self.paths:
            self.problems.append(
                f.where.at(
                    where, f"source file '{s.file}' is a dataset file; cite the original document"
                )
            )
            return None
        if not path.is_file():
            self.problems.append(
                f.where.at(where, f"source file '{s.file}' not found in {self.sources_dir}")
            )
            return None
        try:
            with path.open("rb") as fh:
                data = fh.read(MAX_SOURCE_BYTES + 1)
        except OSError as e:
            self.problems.append(f.where.at(where, f"cannot read source file: {e.strerror}"))
            return None
        if len(data) > MAX_SOURCE_BYTES:
            self.problems.append(f.where.at(where, "source file is larger than 20 MB"))
            return None
        try:
            return normalise_text(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            self.problems.append(f.where.at(where, "source file is not valid UTF-8 text"))
            return None


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _quote_message(quote: str, text: str, source_id: str) -> str:
    if not quote:
        return "quote is empty"
    # Longest prefix found in the text: presence is monotone in prefix length.
    lo, hi = 0, len(quote)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    msg = f'quote not found in source {source_id}: "{_excerpt(quote)}"'
    if lo >= 15:
        matched = quote[:lo]
        tail = matched if len(matched) <= 40 else "…" + matched[-39:]
        msg += f' (matches up to "{tail}", then differs)'
    return msg


def _find_cycles(
    graph: Mapping[str, list[tuple[str, _FileFacts, int]]],
) -> Iterator[list[tuple[str, _FileFacts, int]]]:
    """One cycle per strongly connected component (iterative Tarjan: no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    counter = 0
    components: list[set[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, pos = work.pop()
            if pos == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            edges = graph.get(node, [])
            if pos < len(edges):
                work.append((node, pos + 1))
                nxt = edges[pos][0]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                comp: set[str] = set()
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    comp.add(top)
                    if top == node:
                        break
                components.append(comp)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    for comp in components:
        start = min(comp)
        self_loop = next((e for e in graph.get(start, []) if e[0] == start), None)
        if len(comp) == 1:
            if self_loop is not None:
                yield [(start, self_loop[1], self_loop[2])]
            continue
        # BFS inside the component from start back to start; edges carry their origin.
        prev: dict[str, tuple[str, _FileFacts, int]] = {}
        queue = [start]
        found: tuple[str, _FileFacts, int] | None = None
        while queue and found is None:
            node = queue.pop(0)
            for nxt, f, i in graph.get(node, []):
                if nxt not in comp:
                    continue
                if nxt == start:
                    found = (node, f, i)
                    break
                if nxt not in prev:
                    prev[nxt] = (node, f, i)
                    queue.append(nxt)
        if found is None:  # pragma: no cover - a component always contains a cycle
            continue
        path: list[tuple[str, _FileFacts, int]] = []
        node, f, i = found
        path.append((node, f, i))
        while node != start:
            node, f, i = prev[node]
            path.append((node, f, i))
        path.reverse()
        yield path


def validate_paths(
    paths: Sequence[Path],
    *,
    sources_dir: Path | None,
    known_ids: Collection[str] = (),
    context: Sequence[Path] = (),
    progress: Callable[[int, int], None] | None = None,
) -> ValidationReport:
    """Validate every dataset file under `paths` together (ids are global across files).

    `sources_dir` is where cited documents live; every quote is checked against them, and
    None (an explicit --no-quote-check) skips that check. `known_ids` are ids already in
    the database that references may use. `context` files (the shared vocabulary, when one
    file is being edited) are read for their ids and sources only: their own problems and
    datasets are not reported. `progress(done, total)` is called once per file read.
    """
    files, problems = expand_paths(paths, skip=sources_dir)
    wanted = {f.resolve() for f in files}
    extra, _ = expand_paths(context, skip=sources_dir)
    extra = [f for f in extra if f.resolve() not in wanted]
    v = _Validator(sources_dir, known_ids, hidden=[str(f) for f in extra])
    v.problems.extend(problems)
    total = len(files) + len(extra)
    with no_gc_pauses():
        # Context first: a clash between the edited file and the vocabulary is then reported
        # in the edited file, where it can be fixed.
        for n, path in enumerate([*extra, *files], 1):
            v.load(path)
            if progress is not None:
                progress(n, total)
        v.check()
    if extra:
        v.problems = [p for p in v.problems if p.file not in v.hidden]
        v.parsed = [d for d in v.parsed if d.path.resolve() in wanted]
    return ValidationReport(sorted(set(v.problems)), v.parsed, files)


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
    "FactCounts",
    "ParsedDataset",
    "Problem",
    "Stats",
    "ValidationReport",
    "expand_paths",
    "json_schema",
    "normalise_text",
    "validate_paths",
    "write_json_schema",
]
