"""A draft reaches the graph only when asked: `load` refuses a dataset marked `draft: true`
unless --accept-draft, writing nothing; with it, the draft loads like any dataset. Against the
suite's real Neo4j."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from neo4j import Driver

from graph.db import counts
from graph.errors import ValidationFailed
from loaders.draft.write import write_drafts
from loaders.load import load
from tests.support import DATA_DIR, DATABASE, ORGGRAPH, SOURCES_DIR

pytestmark = pytest.mark.reliability("partial writes")

TEXT = Path(__file__).parent / "draft_texts" / "zone-beekdal.txt"
VOCAB = DATA_DIR / "vocab"


def entity_count(driver: Driver) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (e:Entity) RETURN count(e) AS n", database_=DATABASE, routing_="r"
    )
    return int(records[0]["n"])


def test_load_refuses_a_draft_unless_accepted(db: Driver, tmp_path: Path) -> None:
    [w] = write_drafts([TEXT], tmp_path / "out")
    load(db, [VOCAB], database=DATABASE, sources_dir=SOURCES_DIR)
    before = entity_count(db)
    with pytest.raises(ValidationFailed) as refused:
        load(db, [w.dataset], database=DATABASE, sources_dir=SOURCES_DIR)
    [problem] = refused.value.problems
    assert problem.file == str(w.dataset) and problem.line == 7  # the `draft: true` line
    assert "is a draft" in problem.message and "--accept-draft" in problem.message
    assert entity_count(db) == before  # nothing written
    report = load(db, [w.dataset], database=DATABASE, sources_dir=SOURCES_DIR, accept_draft=True)
    ents, _ = w.draft.active()
    assert report.changes > 0
    assert entity_count(db) == before + len(ents)
    records, _, _ = db.execute_query(
        "MATCH (:Entity {id: $a})-[r:LEADS]->(:Entity {id: $b}) RETURN r.quote AS q",
        a="draft-zone-beekdal-ploegchef-interventie",
        b="draft-zone-beekdal-afdeling-interventie",
        database_=DATABASE,
        routing_="r",
    )
    assert [r["q"] for r in records] == [
        "De afdeling interventie staat onder leiding van een hoofdinspecteur ploegchef interventie."
    ]
    assert counts(db, database=DATABASE)  # the database answers after the load


def test_cli_load_refuses_then_accepts(db: Driver, cli_env: dict[str, str], tmp_path: Path) -> None:
    [w] = write_drafts([TEXT], tmp_path / "out")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [ORGGRAPH, "load", str(VOCAB), str(w.dataset), *args],
            env=cli_env, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip

    refused = run()
    assert refused.returncode != 0
    assert "is a draft (draft: true)" in refused.stderr and "--accept-draft" in refused.stderr
    assert entity_count(db) == 0
    accepted = run("--accept-draft")
    assert accepted.returncode == 0, accepted.stderr
    assert entity_count(db) > 0
