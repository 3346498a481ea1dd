"""JSON dataset files (machine exports, the national benchmark) and the parallel writer."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path
from typing import Any

import yaml
from neo4j import Driver

from graph.db import wipe
from loaders.load import load
from loaders.validate import validate_paths
from tests.loaders.graph_hash import graph_hash
from tests.support import DATA_DIR, DATABASE, SEED_FILES, SEED_PATHS, SOURCES_DIR

ROOT = Path(__file__).resolve().parents[2]
DATA = DATA_DIR
SOURCES = SOURCES_DIR
DB = DATABASE


def _iso(o: Any) -> str:
    if isinstance(o, dt.date):
        return o.isoformat()
    raise TypeError(type(o))


def as_json_tree(src: Path, dst: Path) -> list[Path]:
    """The seed datasets rewritten as JSON files (same directory layout; not data/examples,
    whose sources_dir points at texts beside them)."""
    out = []
    for f in SEED_FILES:
        target = dst / f.relative_to(src).with_suffix(".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        target.write_text(json.dumps(doc, default=_iso, ensure_ascii=False, indent=2), "utf-8")
        out.append(target)
    return out


def test_json_datasets_build_the_same_graph_as_yaml(db: Driver, tmp_path: Path) -> None:
    load(db, list(SEED_PATHS), database=DB, sources_dir=SOURCES)
    from_yaml = graph_hash(db)
    wipe(db, database=DB)
    files = as_json_tree(DATA, tmp_path / "json")
    assert len(files) >= 5
    report = load(db, [tmp_path / "json"], database=DB, sources_dir=SOURCES)
    assert report.changes > 200
    assert graph_hash(db) == from_yaml
    # and a second load of the JSON files finds nothing to do
    assert load(db, [tmp_path / "json"], database=DB, sources_dir=SOURCES).changes == 0


def test_parallel_writes_build_the_same_graph_as_serial(db: Driver) -> None:
    load(db, [DATA], database=DB, sources_dir=SOURCES, workers=1)
    serial = graph_hash(db)
    wipe(db, database=DB)
    load(db, [DATA], database=DB, sources_dir=SOURCES, workers=2)
    assert graph_hash(db) == serial


GOOD_HEAD = {
    "dataset": "json-test",
    "defaults": {"source": "src"},
    "sources": [{"id": "src", "file": "x.txt", "title": "T", "kind": "web page"}],
}


def _problems(tmp_path: Path, text: str) -> list[tuple[int, int, str]]:
    f = tmp_path / "bad.json"
    f.write_text(text, encoding="utf-8")
    report = validate_paths([f], sources_dir=None)
    assert all(p.file == str(f) for p in report.problems)
    return [(p.line, p.col, p.message) for p in report.problems]


def test_json_schema_errors_point_at_their_line(tmp_path: Path) -> None:
    doc = {
        **GOOD_HEAD,
        "entities": [
            {"id": "a", "kind": "Unit", "name": "A", "quote": "q"},
            {"id": "b", "kind": "Unitt", "name": "B", "quote": "q"},
        ],
    }
    text = json.dumps(doc, indent=2)
    problems = _problems(tmp_path, text)
    assert len(problems) == 1, problems
    line, _, message = problems[0]
    lines = text.splitlines()
    assert '"Unitt"' in lines[line - 1], (line, message)
    assert "Unitt" in message or "kind" in message


def test_json_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    text = textwrap.dedent(
        """\
        {
          "dataset": "json-test",
          "entities": [
            {"id": "a",}
          ]
        }
        """
    )
    problems = _problems(tmp_path, text)
    assert len(problems) == 1
    line, col, message = problems[0]
    assert line == 4 and col > 1 and "JSON" in message


def test_json_duplicate_keys_are_reported_with_position(tmp_path: Path) -> None:
    text = '{\n  "dataset": "json-test",\n  "dataset": "other"\n}\n'
    problems = _problems(tmp_path, text)
    assert any(line == 3 and "duplicate key 'dataset'" in msg for line, _, msg in problems)


def test_json_nan_and_non_objects_are_refused(tmp_path: Path) -> None:
    nan = '{"dataset": "json-test",\n "entities": [{"id": "a", "props": {"x": NaN}}]}'
    ((line, col, message),) = _problems(tmp_path, nan)
    assert (line, col) == (2, 42)
    assert message.startswith("NaN is not valid JSON") and "nesting" not in message
    quoted = '{"dataset": "json-test", "title": "NaN", "entities": [{"props": {"x": -Infinity}}]}'
    ((_, col, message),) = _problems(tmp_path, quoted)
    assert col == quoted.index("-Infinity") + 1 and message.startswith("-Infinity")
    assert _problems(tmp_path, "[1, 2, 3]")
    deep = '{"dataset": "json-test", "title": ' + "[" * 5000 + "]" * 5000 + "}"
    assert _problems(tmp_path, deep)  # deeper than the recursion limit: refused, no crash


def test_json_overflowing_numbers_are_refused_with_position(tmp_path: Path) -> None:
    entity = {"id": "a", "kind": "Unit", "name": "A", "quote": "q"}
    doc = {**GOOD_HEAD, "entities": [{**entity, "props": {"big": 2**64, "inf": 1}}]}
    text = json.dumps(doc, indent=2).replace('"inf": 1', '"inf": 1e999')
    problems = _problems(tmp_path, text)
    lines = text.splitlines()
    by_key = {lines[line - 1].strip().split(":")[0]: msg for line, _, msg in problems}
    assert "outside the 64-bit range" in by_key['"big"']
    assert "not a finite number" in by_key['"inf"']
