"""The common HR export (person, post, from, to) as HOLDS edges, with the loader's guarantees.

Rows are checked first with errors pointing at csv:line; the rows then become an ordinary
dataset in memory (the CSV file is its cited source, each row its own quote) and go through
the same validation and transactional load as YAML datasets, any later problem still naming
the CSV line its fact came from.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from neo4j import Driver

from graph.errors import Problem, ValidationFailed
from loaders.facts import suggest
from loaders.load import LoadReport, known_ids, load
from loaders.validate import DatasetDocument
from loaders.yamlsrc import JsonPath, Position, YamlDocument

COLUMNS = ("person", "post", "from", "to")


def slugify(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value.strip() else None


def parse_hr_csv(
    path: Path, *, dataset: str, source: str, known_ids: set[str]
) -> tuple[DatasetDocument, list[Problem]]:
    """The dataset a CSV stands for, each fact positioned at its CSV line, or the problems
    (file:line) that prevent it."""
    problems: list[Problem] = []
    name = str(path)
    none = DatasetDocument(path, YamlDocument())
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (UnicodeDecodeError, OSError) as e:
        return none, [Problem(name, 1, 1, f"cannot read as UTF-8 CSV: {e}")]
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
        # Each record with the file line it starts on (a quoted field may span lines).
        records: list[tuple[int, int, list[str]]] = []
        first = reader.line_num + 1
        for row in reader:
            records.append((first, reader.line_num, row))
            first = reader.line_num + 1
    except csv.Error as e:
        return none, [Problem(name, reader.line_num or 1, 1, f"malformed CSV: {e}")]
    if header is None or [c.strip().lower() for c in header] != list(COLUMNS):
        got = ",".join(header) if header else "(empty file)"
        return none, [Problem(name, 1, 1, f"header must be {','.join(COLUMNS)}; got {got}")]
    lines = text.splitlines()
    entities: dict[str, dict[str, Any]] = {}
    names_by_pid: dict[str, str] = {}
    relations: list[dict[str, Any]] = []
    positions: dict[JsonPath, Position] = {}
    for lineno, last_line, row in records:
        if not any(c.strip() for c in row):
            continue
        if len(row) != 4:
            problems.append(Problem(name, lineno, 1, f"expected 4 columns, got {len(row)}"))
            continue
        person, post, start, end = (c.strip() for c in row)
        if not person:
            problems.append(Problem(name, lineno, 1, "person is empty"))
        if post not in known_ids:
            hint = suggest(post, known_ids)
            extra = f"; did you mean {', '.join(hint)}?" if hint else ""
            problems.append(Problem(name, lineno, len(person) + 2, f"unknown post {post!r}{extra}"))
        try:
            valid_from, valid_to = _date(start), _date(end)
        except ValueError:
            problems.append(Problem(name, lineno, 1, "from/to must be YYYY-MM-DD or empty"))
            continue
        if valid_from and valid_to and valid_to < valid_from:
            problems.append(Problem(name, lineno, 1, "to is before from"))
            continue
        if not person or post not in known_ids:
            continue
        # Names without Latin letters still get a stable, distinct id.
        slug = slugify(person) or hashlib.sha256(person.encode()).hexdigest()[:12]
        pid = f"{dataset}-{slug}"
        if names_by_pid.setdefault(pid, person) != person:
            problems.append(
                Problem(
                    name, lineno, 1,
                    f"{person!r} and {names_by_pid[pid]!r} map to the same person id {pid}; "
                    "spell them identically if they are one person",
                )
            )  # fmt: skip
            continue
        quote = "\n".join(lines[lineno - 1 : last_line]) or ",".join(row)
        if pid not in entities:
            positions["entities", len(entities)] = (lineno, 1)
            entities[pid] = {"id": pid, "kind": "Person", "name": person, "quote": quote}
        positions["relations", len(relations)] = (lineno, 1)
        relations.append(
            {
                "type": "HOLDS",
                "from": pid,
                "to": post,
                "id": f"{pid}--holds--{post}--{start or 'open'}",
                "quote": quote,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "status": "historical" if valid_to and valid_to < date.today() else "current",
            }
        )
    doc = {
        "dataset": dataset,
        "title": f"HR export {path.name}",
        "defaults": {"source": source},
        "sources": [
            {
                "id": source,
                "file": path.name,
                "title": f"HR export {path.name}",
                "kind": "hr export",
            }
        ],
        "entities": list(entities.values()),
        "relations": relations,
    }
    return DatasetDocument(path, YamlDocument(data=doc, positions=positions)), problems


def load_hr_csv(
    driver: Driver,
    path: Path,
    *,
    dataset: str,
    source: str,
    database: str,
    dry_run: bool = False,
) -> LoadReport:
    known = known_ids(driver, database=database)
    doc, problems = parse_hr_csv(path, dataset=dataset, source=source, known_ids=known)
    if problems:
        raise ValidationFailed(problems)
    # The CSV itself is the source text the quotes are checked against.
    return load(
        driver,
        (),
        documents=[doc],
        database=database,
        sources_dir=path.parent.resolve(),
        dry_run=dry_run,
    )
