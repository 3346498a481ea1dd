"""contact_for in both languages: a vocabulary term (a domain or basic functionality with
English aliases and Dutch `terms`) stands for the Dutch words it lists, so English questions
reach the Dutch tasks; stored text never becomes Lucene syntax."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from neo4j import Driver

import queries
from loaders.load import load
from tests.support import DATABASE

DATASET = """dataset: vocab-test
title: A term with hostile text and a task it stands for
defaults: {source: s1, status: current}
sources:
  - {id: s1, file: x.txt, title: X, kind: web page, language: nl}
entities:
  - id: term-x
    kind: Domain
    name: Bicycle theft
    aliases: ['bike") OR (*:* AND x~', "zz*", "name:foo^9 || bar"]
    quote: q
    props: {terms: [fietsdiefstal, "onbestaand ) ( \\" [ ] { } ~ ^ : \\\\ / ! &&"]}
  - id: task-x
    kind: Task
    name: Aangifte fietsdiefstal
    quote: q
  - id: task-y
    kind: Task
    name: Iets heel anders
    quote: q
  - id: unit-x
    kind: Unit
    name: Onthaal
    quote: q
relations:
  - {type: PERFORMS, from: unit-x, to: task-x, quote: q}
  - {type: PERFORMS, from: unit-x, to: task-y, quote: q}
"""


def run(driver: Driver, **params: Any) -> list[dict[str, Any]]:
    return queries.run(driver, "contact_for", params, database=DATABASE)


def test_a_term_finds_the_tasks_its_dutch_words_name(db: Driver, tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(DATASET, encoding="utf-8")
    load(db, [tmp_path], database=DATABASE, sources_dir=None)

    rows = run(db, task="bicycle theft")
    assert [(r["task_id"], r["id"]) for r in rows] == [("task-x", "unit-x")]
    assert rows[0]["via_term"] == {"id": "term-x", "name": "Bicycle theft", "kind": "Domain"}
    # The Dutch word itself is a direct match (no via_term), ranked before any term's tasks.
    rows = run(db, task="fietsdiefstal")
    assert rows[0]["task_id"] == "task-x" and rows[0]["via_term"] is None
    # The hostile aliases were folded to words: they neither fail the query nor match all.
    assert all(r["task_id"] != "task-y" for r in run(db, task="bike"))
    assert run(db, task="nothing like it at all") == []
