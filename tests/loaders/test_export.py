"""`orggraph export --format dataset`: a backup that `load` restores to the identical graph."""

from __future__ import annotations

import difflib
import stat
import subprocess
from pathlib import Path

import yaml
from neo4j import Driver

from graph.db import counts, wipe
from loaders.export import export_datasets
from loaders.load import load
from loaders.validate import validate_paths
from tests.loaders.graph_hash import canonical, graph_hash
from tests.support import (
    DATA_DIR,
    DATABASE,
    EXAMPLE_FILES,
    ORGGRAPH,
    SEED_FILES,
    SEED_PATHS,
    SOURCES_DIR,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = DATA_DIR
SOURCES = SOURCES_DIR
DB = DATABASE


def _sources() -> Path:
    return SOURCES


def test_export_round_trip_is_identical(db: Driver, tmp_path: Path) -> None:
    load(db, list(SEED_PATHS), database=DB, sources_dir=_sources())
    before_counts = counts(db, database=DB)
    before = canonical(db)
    out = tmp_path / "export"
    report = export_datasets(db, out, database=DB)
    datasets = {f.stem for f in report.files}
    loaded = {yaml.safe_load(p.read_text())["dataset"] for p in SEED_FILES}
    assert datasets == loaded
    for f in report.files:
        assert stat.S_IMODE(f.stat().st_mode) == 0o600
    # The export is a valid dataset on its own, quotes included.
    assert validate_paths([out], sources_dir=_sources()).ok

    wipe(db, database=DB)
    assert counts(db, database=DB)["nodes"] == 0
    load(db, [out], database=DB, sources_dir=_sources())
    after = canonical(db)
    if after != before:  # show what differs, not two hashes
        diff = difflib.unified_diff([*before[0], *before[1]], [*after[0], *after[1]], lineterm="")
        raise AssertionError("\n".join(list(diff)[:60]))
    assert counts(db, database=DB) == before_counts

    # Exporting again gives byte-identical files (stable order: a backup diffs clean).
    again = export_datasets(db, tmp_path / "again", database=DB)
    for a, b in zip(report.files, again.files, strict=True):
        assert a.read_text() == b.read_text()


def test_export_keeps_every_field(db: Driver, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "t.yaml").write_text(
        """dataset: t-ds
title: Tricky
defaults: {source: s1, status: planned, valid_from: 2020-01-01}
sources:
  - {id: s1, file: x.txt, title: X, kind: web page, language: fr, url: "http://x"}
entities:
  - id: t-org
    kind: Organisation
    name: "Zone: 'quoted' \\"x\\" #1"
    abbreviation: "yes"
    aliases: [ "on", "2020-01-01", "ünïcødé ☃" ]
    description: "line one\\nline two"
    quote: "  spaced  quote "
    props: {org_type: police_zone, n: 3, f: 2.0, ok: true, when: 2021-02-03, tags: [a, b]}
  - id: t-unit
    kind: Unit
    name: U
    type: dienst
    quote: q
    inferred: true
    reason: because
    status: historical
    valid_from: null
    valid_to: 2022-12-31
relations:
  - {type: PART_OF, from: t-unit, to: t-org, quote: q2}
  - {type: PART_OF, from: t-unit, to: t-org, id: t-unit-again, quote: q3, props: {x: 1}}
  - {type: REPORTS_TO, from: t-unit, to: t-org, quote: q4, props: {line: judicial}}
""",
        encoding="utf-8",
    )
    load(db, [src], database=DB, sources_dir=None)
    before = graph_hash(db)
    out = tmp_path / "out"
    export_datasets(db, out, database=DB)
    wipe(db, database=DB)
    load(db, [out], database=DB, sources_dir=None)
    assert graph_hash(db) == before


def test_cli_export(db: Driver, tmp_path: Path, cli_env: dict[str, str]) -> None:
    load(db, [DATA], database=DB, sources_dir=_sources())
    out = tmp_path / "cli-export"
    proc = subprocess.run(
        [ORGGRAPH, "export", "--format", "dataset", str(out)],
        env=cli_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "exported" in proc.stdout
    assert sorted(p.name for p in out.glob("*.yaml"))


def test_an_example_with_its_own_sources_exports_as_it_was_laid_out(
    db: Driver, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """data/examples keep their texts beside them (sources_dir: sources): the export writes
    each as <dataset>/<dataset>.yaml with its sources_dir and cited texts, so it validates
    without --sources and loads back to the identical graph."""
    load(db, [*SEED_PATHS, *EXAMPLE_FILES], database=DB, sources_dir=_sources())
    before = canonical(db)
    out = tmp_path / "export"
    report = export_datasets(db, out, database=DB)
    assert report.missing_texts == []
    for example in EXAMPLE_FILES:
        name = yaml.safe_load(example.read_text(encoding="utf-8"))["dataset"]
        exported = out / name / f"{name}.yaml"
        assert exported in report.files
        assert yaml.safe_load(exported.read_text(encoding="utf-8"))["sources_dir"] == "sources"
        texts = sorted(p.name for p in (out / name / "sources").iterdir())
        assert texts == sorted(p.name for p in (example.parent / "sources").iterdir())
        for text in (out / name / "sources").iterdir():
            assert text.read_bytes() == (example.parent / "sources" / text.name).read_bytes()
            assert stat.S_IMODE(text.stat().st_mode) == 0o600
    seeds = {yaml.safe_load(p.read_text())["dataset"] for p in SEED_FILES}
    assert {f.stem for f in out.glob("*.yaml")} == seeds  # the seeds stay flat, no sources_dir
    # validated as it is: the CLI with its default sources folder, no --sources
    env = {k: v for k, v in cli_env.items() if k != "ORGGRAPH_SOURCES_DIR"}
    ran = subprocess.run(
        [ORGGRAPH, "validate", str(out)], env=env, capture_output=True, text=True, check=False
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert f"{len(report.files)} files valid" in ran.stdout

    wipe(db, database=DB)
    load(db, [out], database=DB, sources_dir=_sources())
    after = canonical(db)
    if after != before:
        diff = difflib.unified_diff([*before[0], *before[1]], [*after[0], *after[1]], lineterm="")
        raise AssertionError("\n".join(list(diff)[:60]))


def test_a_text_that_is_gone_is_listed_not_fatal(db: Driver, tmp_path: Path) -> None:
    """The export of a dataset whose own sources folder was removed after the load still
    writes every fact, names the text it could not copy, and its validation says so."""
    mine = tmp_path / "mine"
    (mine / "sources").mkdir(parents=True)
    (mine / "sources" / "text.txt").write_text("De korpsleiding vergadert.\n", encoding="utf-8")
    (mine / "my.yaml").write_text(
        "dataset: my-zone\nsources_dir: sources\ndefaults: {source: my-text}\n"
        "sources:\n  - {id: my-text, file: text.txt, title: Verslag, kind: minutes}\n"
        "entities:\n  - {id: my-zone-korpsleiding, kind: Board, name: Korpsleiding,"
        " quote: De korpsleiding vergadert.}\n",
        encoding="utf-8",
    )
    load(db, [mine], database=DB, sources_dir=_sources())
    (mine / "sources" / "text.txt").unlink()
    report = export_datasets(db, tmp_path / "out", database=DB)
    (missing,) = report.missing_texts
    assert missing.startswith("my-zone: text.txt (not readable in ")
    exported = tmp_path / "out" / "my-zone" / "my-zone.yaml"
    assert "my-zone-korpsleiding" in exported.read_text(encoding="utf-8")
    check = validate_paths([tmp_path / "out"], sources_dir=_sources())
    ((file, message),) = [(p.file, p.message) for p in check.problems]
    assert file == str(exported) and message.startswith("source file 'text.txt' not found in ")
