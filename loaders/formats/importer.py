"""`orggraph import`: a Popolo JSON or ORG JSON-LD file -> one orggraph dataset file.

The format readers (popolo.read_popolo, org.read_rdf) report what the file states to a
`Builder`, which slugs ids, keeps sources and quotes, and gives a fact the file does not quote
`inferred: true` with the reason "imported from …", cited to the imported file itself. The
document then goes through the ordinary validator; only a valid dataset is written, so bad
input leaves nothing behind. Every problem names the file and the place in it (line:col and
the JSON pointer of the object).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from graph.errors import Problem, ValidationFailed
from graph.files import write_private
from loaders.dataset import is_slug
from loaders.export import HEADER, dump_yaml
from loaders.formats import Format
from loaders.hr_csv import slugify
from loaders.validate import DatasetDocument, ValidationReport, validate_documents
from loaders.yamlsrc import JsonPath, Position, YamlDocument, load_json_text

MAX_IMPORT_BYTES: Final = 50 * 1024 * 1024
IMPORT_FORMATS: Final = (Format.POPOLO, Format.ORG_JSONLD)


def pointer(path: JsonPath) -> str:
    """A JSON pointer (RFC 6901) for a path of keys and indexes."""
    parts = (str(p).replace("~", "~0").replace("/", "~1") for p in path)
    return "/" + "/".join(parts) if path else ""


@dataclass
class Builder:
    """Collects one dataset from a file's objects; `problems` say what cannot be imported."""

    file: Path
    fmt: Format
    dataset: str
    json: YamlDocument
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    entities: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    positions: dict[JsonPath, Position] = field(default_factory=dict)
    _ids: dict[str, str] = field(default_factory=dict)  # the file's reference -> our id
    _owner: dict[str, str] = field(default_factory=dict)  # our id -> the file's reference
    _source_refs: dict[str, str] = field(default_factory=dict)
    used_import_source: bool = False
    text: str = ""  # the file's text: an unquoted fact cites its own lines of it

    def stated(self, where: JsonPath, value: str | None = None) -> str | None:
        """The file's own lines at `where` (up to the line naming `value`, at most five): the
        verbatim text an unquoted fact cites from the imported file, as an HR row cites
        itself. None when `where` has no position of its own."""
        if not self.text or not where:
            return None
        line, _ = self.json.position(where)
        lines = self.text.splitlines()
        if not 1 <= line <= len(lines):
            return None
        end = line
        while value is not None and value not in lines[end - 1] and end < min(line + 4, len(lines)):
            end += 1
        quote = "\n".join(x.strip() for x in lines[line - 1 : end]).rstrip(",").strip()
        return quote or None

    @property
    def import_source(self) -> str:
        return f"import-{slugify(self.file.stem) or 'file'}"

    def problem(self, where: JsonPath, message: str) -> None:
        line, col = self.json.position(where)
        at = pointer(where)
        self.problems.append(
            Problem(str(self.file), line, col, f"{message} (at {at or 'the document'})")
        )

    def slug(self, ref: str, preferred: str | None, where: JsonPath) -> str:
        """The id the file's `ref` gets: `preferred` (its own id) slugged, else the tail of the
        reference; a second reference to the same slug is a problem, never a silent merge."""
        if ref in self._ids:
            return self._ids[ref]
        raw = preferred or ref.rstrip("/#:").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        raw = raw.rsplit(":", 1)[-1] if preferred is None else raw
        sid = raw if is_slug(raw) and len(raw) <= 200 else slugify(raw)[:200].strip("-")
        if not sid:
            sid = "id-" + hashlib.sha256(ref.encode()).hexdigest()[:12]
        if sid in self._owner and self._owner[sid] != ref:
            self.problem(
                where,
                f"{ref!r} and {self._owner[sid]!r} both become the id {sid!r}; give them "
                "distinct ids in the file",
            )
        self._ids[ref] = sid
        self._owner[sid] = ref
        return sid

    def known(self, ref: str) -> str | None:
        return self._ids.get(ref)

    def source(self, ref: str, doc: dict[str, Any], where: JsonPath) -> str:
        sid = self.slug(f"source:{ref}", doc.get("id"), where)
        self._source_refs[ref] = sid
        self.sources.setdefault(sid, {**doc, "id": sid})
        return sid

    def source_id(self, ref: str | None) -> str | None:
        return None if ref is None else self._source_refs.get(ref)

    def _facts(self, fact: dict[str, Any], fallback: str) -> dict[str, Any]:
        """The fact with a source and a quote: the file's, else the import's own (inferred)."""
        if not fact.get("source"):
            fact["source"] = self.import_source
            self.used_import_source = True
        if not fact.get("quote"):
            fact["quote"] = fallback
            fact["source"] = self.import_source
            fact["inferred"] = True
            fact["reason"] = fact.get("reason") or (
                f"imported from {self.file.name} ({self.fmt.value}), which gives no quote"
            )
            self.used_import_source = True
        return {k: v for k, v in fact.items() if v is not None and v != [] and v != {}}

    def entity(self, doc: dict[str, Any], where: JsonPath, stated: JsonPath = ()) -> None:
        """One entity; `stated` is where the file names it (its name's key), quoted when
        the file has no quote of its own."""
        self.positions["entities", len(self.entities)] = self.json.position(where)
        name = str(doc.get("name") or doc.get("id"))
        self.entities.append(self._facts(doc, self.stated(stated, name) or name))

    def relation(
        self, doc: dict[str, Any], where: JsonPath, stated: JsonPath = (), value: str = ""
    ) -> None:
        """One relation; `stated` is the key that states it, `value` the reference it
        names (the quote runs to the line holding it)."""
        self.positions["relations", len(self.relations)] = self.json.position(where)
        fallback = f"{doc['from']} {str(doc['type']).lower().replace('_', ' ')} {doc['to']}"
        quote = self.stated(stated, value or None) if stated else None
        self.relations.append(self._facts(doc, quote or fallback))

    def document(self) -> dict[str, Any]:
        sources = list(self.sources.values())
        if self.used_import_source and self.import_source not in self.sources:
            sources.append(
                {
                    "id": self.import_source,
                    "file": self.file.name,
                    "title": f"{self.fmt.value} file {self.file.name}",
                    "kind": f"{self.fmt.value} import",
                }
            )
        for e in self.entities:  # figures without a quote of their own
            for f in e.get("staffing", []):
                if not f.get("quote"):
                    f.update(quote=str(f["count"]), source=self.import_source, inferred=True)
                    f["reason"] = f"imported from {self.file.name}, which gives no quote"
        return {
            "dataset": self.dataset,
            "title": f"Imported from {self.file.name} ({self.fmt.value})",
            "sources": sources,
            "entities": self.entities,
            "relations": self.relations,
        }


@dataclass
class ImportReport:
    output: Path
    dataset: str
    entities: int
    relations: int
    sources: int
    validation: ValidationReport


def read_json(path: Path) -> YamlDocument:
    """The file as JSON with positions; a problem (with line:col) if it is not that."""
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ValidationFailed([Problem(name, 1, 1, f"cannot read the file: {e.strerror}")]) from e
    if size > MAX_IMPORT_BYTES:
        raise ValidationFailed(
            [Problem(name, 1, 1, f"file is {size} bytes; at most {MAX_IMPORT_BYTES} imported")]
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (UnicodeDecodeError, OSError) as e:
        raise ValidationFailed([Problem(name, 1, 1, f"cannot read as UTF-8 text: {e}")]) from e
    doc = load_json_text(text)
    if doc.issues or doc.data is None:
        issues = doc.issues or []
        raise ValidationFailed(
            [Problem(name, i.line, i.col, i.message) for i in issues]
            or [Problem(name, 1, 1, "empty file: expected a JSON document")]
        )
    return doc


def _with_sources_dir(doc: dict[str, Any], folder: str) -> dict[str, Any]:
    head = {"dataset": doc["dataset"], "title": doc["title"], "sources_dir": folder}
    return {**head, **{k: doc[k] for k in ("sources", "entities", "relations")}}


def read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def build_dataset(path: Path, fmt: Format, *, dataset: str | None = None) -> Builder:
    if fmt not in IMPORT_FORMATS:
        raise ValidationFailed(
            [Problem(str(path), 1, 1, f"cannot import {fmt.value}; import reads popolo or "
                     "org-jsonld")]
        )  # fmt: skip
    json_doc = read_json(path)
    name = dataset or slugify(path.stem.removesuffix(".popolo")) or "imported"
    builder = Builder(path, fmt, name, json_doc, text=read_text(path))
    if not is_slug(name):
        builder.problem((), f"dataset name {name!r} is not a valid id (lower-case slug)")
    if fmt is Format.POPOLO:
        from loaders.formats.popolo import read_popolo

        read_popolo(json_doc.data, builder)
    else:
        from loaders.formats.org import read_jsonld

        read_jsonld(json_doc, builder)
    return builder


def import_file(
    path: Path,
    fmt: Format,
    output: Path,
    *,
    dataset: str | None = None,
    sources_dir: Path | None = None,
    known_ids: Collection[str] = (),
) -> ImportReport:
    """Turn `path` into the dataset file `output`. Raises ValidationFailed (and writes
    nothing) when the file cannot be read or the dataset it gives is not valid; quotes are
    checked against `sources_dir` when given."""
    builder = build_dataset(path, fmt, dataset=dataset)
    if builder.problems:
        raise ValidationFailed(builder.problems)
    doc = builder.document()
    checked = doc
    if builder.used_import_source and set(builder.sources) <= {builder.import_source}:
        # Only the file itself is cited: the dataset names the file's folder as its
        # sources_dir when the output lies beside (or above) it, so `orggraph load` checks
        # those quotes against the file like any other.
        home, folder = output.parent.resolve(), path.parent.resolve()
        if folder.is_relative_to(home):
            doc = _with_sources_dir(doc, str(folder.relative_to(home)))
            checked = _with_sources_dir(doc, ".")  # problems name the imported file
    report = validate_documents(
        [DatasetDocument(path, YamlDocument(data=checked, positions=dict(builder.positions)))],
        sources_dir=sources_dir,
        known_ids=set(known_ids),
    )
    if not report.ok:
        raise ValidationFailed(report.problems)
    body = dump_yaml(doc)[len(HEADER) :]
    header = f"# Imported by `orggraph import --format {fmt.value}` from {path.name}.\n"
    output.parent.mkdir(parents=True, exist_ok=True)
    write_private(output, header + body)
    return ImportReport(
        output, builder.dataset, len(doc["entities"]), len(doc["relations"]),
        len(doc["sources"]), report,
    )  # fmt: skip
