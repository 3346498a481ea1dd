"""The draft as a dataset file: `draft: true`, every fact with its quote and `confidence`, the
cited text beside it (`sources_dir: sources`), low-confidence facts commented out with their
reason so a reviewer can switch them on by deleting the `# `."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from graph.settings import get_settings
from loaders.draft import readers
from loaders.draft.build import DEntity, Draft, DRelation, build, dataset_id
from loaders.draft.rules import THRESHOLD
from loaders.draft.vocab import Vocabulary, load_vocabulary

SOURCES: Final = "sources"


def q(value: object) -> str:
    """A YAML scalar: JSON strings are valid YAML double-quoted strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)


def _flow(d: dict[str, object]) -> str:
    return "{" + ", ".join(f"{k}: {q(v)}" for k, v in d.items()) + "}"


def entity_lines(e: DEntity) -> list[str]:
    lines = [f"- id: {e.id}", f"  kind: {e.kind}", f"  name: {q(e.name)}"]
    if e.type:
        lines.append(f"  type: {q(e.type.lower())}")
    if e.abbreviation:
        lines.append(f"  abbreviation: {q(e.abbreviation)}")
    if e.aliases:
        lines.append(f"  aliases: [{', '.join(q(a) for a in e.aliases)}]")
    if e.description:
        lines.append(f"  description: {q(e.description)}")
    lines.append(f"  quote: {q(e.quote)}")
    if e.inferred:
        lines += ["  inferred: true", f"  reason: {q(e.reason or 'drafted')}"]
    lines.append(f"  confidence: {e.confidence:.2f}")
    if e.props:
        lines.append(f"  props: {_flow(dict(e.props))}")
    if e.staffing:
        lines.append("  staffing:")
        lines += [f"    - {_flow(s)}" for s in e.staffing]
    return lines


def relation_lines(r: DRelation) -> list[str]:
    lines = [f"- type: {r.type}", f"  from: {r.from_}", f"  to: {r.to}", f"  quote: {q(r.quote)}"]
    if r.inferred:
        lines += ["  inferred: true", f"  reason: {q(r.reason or 'drafted')}"]
    lines.append(f"  confidence: {r.confidence:.2f}")
    if r.props:
        lines.append(f"  props: {_flow(dict(r.props))}")
    return lines


def _indent(lines: list[str], comment: bool) -> list[str]:
    return [("  # " if comment else "  ") + x for x in lines]


def render(d: Draft, *, schema: str) -> str:
    ents, rels = d.active()
    live_e = {id(e) for e in ents}
    live_r = {id(r) for r in rels}
    out = [
        f"# yaml-language-server: $schema={schema}",
        f"# Drafted by `orggraph draft` from {d.source_file}: every fact quotes the text; review",
        "# each one, fix names and ids, then remove `draft: true` (or load with --accept-draft).",
        f"# Facts below confidence {THRESHOLD} are commented out with their reason.",
        f"dataset: {d.dataset}",
        f"title: {q(d.title)}",
        "draft: true",
        f"sources_dir: {SOURCES}",
        "defaults:",
        f"  source: {d.source_id}",
        "  status: current",
        "sources:",
        f"  - id: {d.source_id}",
        f"    file: {q(d.source_file)}",
        f"    title: {q(d.title)}",
        "    kind: document",
        "    language: nl",
        "entities:",
    ]
    for e in d.entities:
        off = id(e) not in live_e
        if off:
            out.append(
                f"  # low confidence ({e.confidence:.2f}): mentioned only; keep it if it matters"
            )
        out += _indent(entity_lines(e), off)
    out.append("relations:")
    for r in d.relations:
        off = id(r) not in live_r
        if off:
            why = r.reason or "an end of this relation is commented out"
            if r.confidence >= THRESHOLD:
                why = "an end of this relation is commented out"
            out.append(f"  # low confidence ({r.confidence:.2f}): {why}")
        out += _indent(relation_lines(r), off)
    if not d.relations:
        out[-1] = "relations: []"
    if not d.entities:
        out[out.index("entities:")] = "entities: []"
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Written:
    input: Path
    dataset: Path
    source: Path
    draft: Draft


def _schema_ref(out_dir: Path) -> str:
    schema = get_settings().data_dir / "dataset.schema.json"
    try:
        return os.path.relpath(schema.resolve(), out_dir.resolve())
    except ValueError:
        return schema.resolve().as_uri()


def draft_text(text: str, *, name: str, dataset: str, vocab: Vocabulary, cited: str) -> Draft:
    title = next((line.strip() for line in text.splitlines() if line.strip()), name)[:200]
    return build(
        text, dataset=dataset, title=title, source_id=f"{dataset}-source", source_file=cited,
        vocab=vocab,
    )  # fmt: skip


def draft_path(path: Path, *, vocab: Vocabulary | None = None, dataset: str | None = None) -> Draft:
    text = readers.read_document(path)
    v = vocab if vocab is not None else load_vocabulary(get_settings().data_dir / "vocab")
    return draft_text(
        text, name=path.name, dataset=dataset or dataset_id(path), vocab=v,
        cited=readers.cited_name(path),
    )  # fmt: skip


def write_drafts(paths: list[Path], out_dir: Path, *, dataset: str | None = None) -> list[Written]:
    """One dataset file per input in `out_dir`, the cited texts in `out_dir/sources`.

    Everything is drafted before anything is written, so a bad input leaves no half output."""
    if dataset is not None and len(paths) > 1:
        from graph.errors import OrgGraphError

        raise OrgGraphError("--dataset names one dataset: give one input file with it")
    vocab = load_vocabulary(get_settings().data_dir / "vocab")
    drafts = [(p, readers.read_document(p)) for p in paths]
    seen: set[str] = set()
    planned: list[tuple[Path, str, Draft]] = []
    for p, text in drafts:
        ds = dataset or dataset_id(p)
        cited = readers.cited_name(p)
        while ds in seen:
            ds += "-2"
        seen.add(ds)
        planned.append(
            (p, text, draft_text(text, name=p.name, dataset=ds, vocab=vocab, cited=cited))
        )
    src_dir = out_dir / SOURCES
    src_dir.mkdir(parents=True, exist_ok=True)
    schema = _schema_ref(out_dir)
    written: list[Written] = []
    for p, text, d in planned:
        target = src_dir / d.source_file
        # The text as read (UTF-8, LF): what the quotes are spans of, whatever the input's
        # encoding; a non-text input keeps its original beside its text for the reviewer.
        target.write_text(text, encoding="utf-8")
        if p.suffix.lower() not in readers.TEXT_SUFFIXES:
            original = src_dir / p.name
            if p.resolve() != original.resolve():
                shutil.copyfile(p, original)  # the original beside its text, for the reviewer
        ds_file = out_dir / f"{d.dataset}.yaml"
        ds_file.write_text(render(d, schema=schema), encoding="utf-8")
        written.append(Written(p, ds_file, target, d))
    return written
