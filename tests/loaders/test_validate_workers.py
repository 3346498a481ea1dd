"""Validation in worker processes (loaders.workers) reports exactly what one process does:
the same problems (file:line:col, message) in the same order, the same datasets, and the
same problems again when a worker dies. Pure: no Neo4j."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders import workers
from loaders.validate import ValidationReport, validate_paths
from tests.loaders.gen import write_dataset

SOURCE = "Alpha unit text. De dienst staat onder leiding van een hoofdinspecteur.\n"


def _files(tmp: Path) -> Path:
    """Eight datasets referencing each other, YAML and JSON, with errors of every stage:
    YAML syntax, schema (per item), cross-file (unknown and duplicate ids), quotes."""
    data = tmp / "data"
    data.mkdir()
    (tmp / "sources").mkdir()
    (tmp / "sources" / "gen.txt").write_text(SOURCE + "x" * 40 + " 1\n", encoding="utf-8")
    for n in range(5):
        write_dataset(data / f"zone-{n}.yaml", f"zone-{n}", 30 + n)
    # JSON, citing another file's entity, a quote not in its source, an unknown id
    doc = {
        "dataset": "j",
        "defaults": {"source": "j-src"},
        "sources": [{"id": "j-src", "file": "gen.txt", "title": "t", "kind": "test"}],
        "entities": [
            {"id": "j-org", "kind": "Organisation", "name": "J", "quote": "Alpha unit text."},
            {"id": "j-u", "kind": "Unit", "name": "U", "quote": "not in the text"},
        ],
        "relations": [
            {"type": "PART_OF", "from": "j-u", "to": "zone-1-org", "quote": "Alpha unit text."},
            {"type": "PART_OF", "from": "j-u", "to": "zone-9-org", "quote": "Alpha unit text."},
        ],
    }
    (data / "j.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
    # schema errors in items, a duplicate id of zone-0's, a bad kind
    (data / "k.yaml").write_text(
        "dataset: k\ndefaults:\n  source: k-src\nsources:\n"
        "  - {id: k-src, file: gen.txt, title: t, kind: test}\nentities:\n"
        "  - {id: zone-0-org, kind: Organisation, name: Dup, quote: Alpha unit text.}\n"
        "  - {id: k-x, kind: Unitt, name: X, quote: Alpha unit text.}\n"
        "  - {id: k-y, kind: Unit, quote: Alpha unit text.}\n",
        encoding="utf-8",
    )
    (data / "broken.yaml").write_text("dataset: b\nentities: [\n  - {id: x\n", encoding="utf-8")
    return data


def _same(a: ValidationReport, b: ValidationReport) -> None:
    assert [str(p) for p in b.problems] == [str(p) for p in a.problems]
    assert [str(w) for w in b.warnings] == [str(w) for w in a.warnings]
    assert [d.path for d in b.datasets] == [d.path for d in a.datasets]
    assert [d.dataset.model_dump() for d in b.datasets] == [
        d.dataset.model_dump() for d in a.datasets
    ]
    # positions still answer after the round trip (JSON ones are worked out on demand)
    assert [d.position(("entities", 1)) for d in b.datasets] == [
        d.position(("entities", 1)) for d in a.datasets
    ]


def test_workers_report_what_one_process_reports(tmp_path: Path) -> None:
    data = _files(tmp_path)
    one = validate_paths([data], sources_dir=tmp_path / "sources", workers=1)
    files = {p.file.rsplit("/", 1)[-1] for p in one.problems}
    assert {"j.json", "k.yaml", "broken.yaml"} <= files  # every stage found something
    assert any("quote not found" in p.message for p in one.problems)
    assert any("zone-9-org" in p.message for p in one.problems)
    for n in (2, 3):
        _same(one, validate_paths([data], sources_dir=tmp_path / "sources", workers=n))


def test_a_dead_worker_leaves_its_files_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _files(tmp_path)
    one = validate_paths([data], sources_dir=tmp_path / "sources", workers=1)
    # the worker exits before sending anything: its files are read here
    monkeypatch.setattr(workers, "_BOOT", "import sys; sys.exit(3)  # {path}")
    _same(one, validate_paths([data], sources_dir=tmp_path / "sources", workers=2))


def test_small_inputs_stay_in_this_process(tmp_path: Path) -> None:
    data = _files(tmp_path)
    from loaders.validate import _workers

    paths = sorted(data.iterdir())
    assert _workers(paths, None) == 1  # a few KB: starting workers would cost more
    assert _workers(paths, 2) == 2
    assert _workers(paths[:1], 4) == 1
