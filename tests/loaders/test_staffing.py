"""Staffing figures against a real Neo4j: stored with their quotes, diffed like every fact,
refused with file:line:col, exported back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from neo4j import Driver

from graph.db import counts, wipe
from graph.errors import ValidationFailed
from loaders.export import export_datasets
from loaders.load import load, summarise
from loaders.validate import validate_paths
from tests.loaders.graph_hash import canonical
from tests.loaders.staffing_data import DATASET, write_dataset
from tests.support import DATABASE as DB

pytestmark = pytest.mark.reliability("partial writes")


def figures(db: Driver) -> dict[str, dict[str, Any]]:
    rows, _, _ = db.execute_query(
        "MATCH (e:Entity)-[h:HAS_STAFFING]->(s:Staffing) "
        "RETURN e.id AS entity, properties(s) AS s, properties(h) AS h",
        database_=DB,
    )
    return {r["s"]["id"]: {**r["s"], "entity": r["entity"], "link": r["h"]} for r in rows}


def test_figures_are_stored_with_their_quotes(db: Driver, tmp_path: Path) -> None:
    data, sources = write_dataset(tmp_path)
    report = load(db, [data], database=DB, sources_dir=sources)
    assert report.datasets[0].created["Staffing"] == 5
    found = figures(db)
    assert set(found) == {
        "st-recherche--staffing-1",
        "st-recherche--staffing-2",
        "st-recherche--staffing-3",
        "st-drugs--staffing-1",
        "st-wijkinspecteur--staffing-1",
    }
    hinp = found["st-recherche--staffing-1"]
    assert hinp["entity"] == "st-recherche"
    assert (hinp["count"], hinp["rank"], hinp["note"]) == (3, "HINP", "rechercheurs")
    assert (hinp["quote"], hinp["source"], hinp["dataset"]) == (
        "3 hoofdinspecteurs",
        "st-src",
        "st-ds",
    )
    assert hinp["inferred"] is False and "per" not in hinp
    ratio = found["st-wijkinspecteur--staffing-1"]
    assert (ratio["count"], ratio["per"], ratio.get("rank")) == (1, "4000 inwoners", None)
    # The link is cited too, like every relationship.
    assert hinp["link"]["quote"] == "3 hoofdinspecteurs" and hinp["link"]["dataset"] == "st-ds"
    labels, _, _ = db.execute_query("MATCH (s:Staffing) RETURN labels(s) AS l", database_=DB)
    assert all(r["l"] == ["Staffing"] for r in labels)  # not an :Entity (search, lookups)


def test_reload_writes_nothing(db: Driver, tmp_path: Path) -> None:
    data, sources = write_dataset(tmp_path)
    load(db, [data], database=DB, sources_dir=sources)
    before, n = canonical(db), counts(db, database=DB)
    again = load(db, [data], database=DB, sources_dir=sources)
    assert again.changes == 0
    assert summarise(again)[-1] == "0 changes"
    assert canonical(db) == before and counts(db, database=DB) == n


def test_a_removed_figure_disappears_and_a_changed_one_is_rewritten(
    db: Driver, tmp_path: Path
) -> None:
    data, sources = write_dataset(tmp_path)
    load(db, [data], database=DB, sources_dir=sources)
    edited = DATASET.replace(
        '      - {count: 8, note: rechercheurs, quote: "De lokale recherche telt 8 '
        'rechercheurs"}\n',
        "",
    ).replace("{count: 5, rank: INP", "{count: 4, rank: INP")
    write_dataset(tmp_path, edited)

    dry = load(db, [data], database=DB, sources_dir=sources, dry_run=True)
    change = dry.datasets[0]
    assert dict(change.removed) == {"Staffing": 1} and dict(change.changed) == {"Staffing": 1}
    assert "~ Staffing st-recherche--staffing-2: count: 5 → 4" in change.details
    assert "- Staffing st-recherche--staffing-3" in change.details
    assert len(figures(db)) == 5  # the dry run wrote nothing

    report = load(db, [data], database=DB, sources_dir=sources)  # no --prune needed
    assert report.changes == 2
    found = figures(db)
    assert "st-recherche--staffing-3" not in found and len(found) == 4
    assert found["st-recherche--staffing-2"]["count"] == 4
    assert load(db, [data], database=DB, sources_dir=sources).changes == 0


def test_an_entity_left_out_keeps_its_figures_unless_pruned(db: Driver, tmp_path: Path) -> None:
    data, sources = write_dataset(tmp_path)
    load(db, [data], database=DB, sources_dir=sources)
    start = DATASET.index("  - id: st-drugs")
    end = DATASET.index("  - id: st-wijkinspecteur")
    without = DATASET[:start] + DATASET[end:]
    without = without.replace(
        '  - {type: PART_OF, from: st-drugs, to: st-recherche, quote: "Het team drugs van de '
        'recherche"}\n',
        "",
    )
    write_dataset(tmp_path, without)
    kept = load(db, [data], database=DB, sources_dir=sources)
    assert kept.changes == 0 and "st-drugs--staffing-1" in figures(db)
    pruned = load(db, [data], database=DB, sources_dir=sources, prune=True)
    assert pruned.datasets[0].removed["Staffing"] == 1
    assert pruned.datasets[0].removed["Entity"] == 1
    assert "st-drugs--staffing-1" not in figures(db)
    orphans, _, _ = db.execute_query(
        "MATCH (s:Staffing) WHERE NOT (s)<-[:HAS_STAFFING]-() RETURN s.id AS id", database_=DB
    )
    assert orphans == []


@pytest.mark.parametrize(
    ("old", "new", "line", "col", "says"),
    [
        ("{count: 3, rank: HINP", "{count: -3, rank: HINP", 16, 17, "greater than or equal to 0"),
        ('quote: "5 inspecteurs"', 'quote: "5 agenten"', 17, 58, "quote not found in source"),
        (
            "  - id: st-verkeer\n    kind: Unit\n    name: Team verkeer\n",
            "  - id: st-verkeer\n    kind: Task\n    name: Team verkeer\n"
            "    staffing: [{count: 4, quote: x}]\n",
            36,
            15,
            "a Task has no staff to count",
        ),
        (
            'quote: "5 inspecteurs"}',
            'quote: "5 inspecteurs", source: st-srx}',
            17,
            83,
            "unknown source",
        ),
        ("{count: 3, rank: HINP", "{count: 3, grade: HINP", 16, 20, "unknown key 'grade'"),
    ],
)
def test_a_bad_figure_is_an_error_at_its_place_and_nothing_is_written(
    db: Driver, tmp_path: Path, old: str, new: str, line: int, col: int, says: str
) -> None:
    assert DATASET.count(old) == 1
    data, sources = write_dataset(tmp_path, DATASET.replace(old, new))
    with pytest.raises(ValidationFailed) as exc:
        load(db, [data], database=DB, sources_dir=sources)
    problems = exc.value.problems
    assert [(p.line, says in p.message) for p in problems] == [(line, True)], problems
    assert str(problems[0]).startswith(f"{data / 'st.yaml'}:{line}:{col}: ")
    written, _, _ = db.execute_query(
        "MATCH (n) WHERE NOT n:SchemaVersion RETURN count(n) AS n", database_=DB
    )
    assert written[0]["n"] == 0


def test_export_writes_the_figures_back(db: Driver, tmp_path: Path) -> None:
    data, sources = write_dataset(tmp_path)
    load(db, [data], database=DB, sources_dir=sources)
    before, n = canonical(db), counts(db, database=DB)
    out = tmp_path / "export"
    export_datasets(db, out, database=DB)
    doc = yaml.safe_load((out / "st-ds.yaml").read_text(encoding="utf-8"))
    recherche = next(e for e in doc["entities"] if e["id"] == "st-recherche")
    assert recherche["staffing"] == [
        {
            "count": 3,
            "rank": "HINP",
            "note": "rechercheurs",
            "quote": "3 hoofdinspecteurs",
            "source": "st-src",
        },
        {
            "count": 5,
            "rank": "INP",
            "note": "rechercheurs",
            "quote": "5 inspecteurs",
            "source": "st-src",
        },
        {
            "count": 8,
            "note": "rechercheurs",
            "quote": "De lokale recherche telt 8 rechercheurs",
            "source": "st-src",
        },
    ]
    assert validate_paths([out], sources_dir=sources).ok
    wipe(db, database=DB)
    load(db, [out], database=DB, sources_dir=sources)
    assert canonical(db) == before and counts(db, database=DB) == n
