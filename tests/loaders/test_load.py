"""The loader against a real Neo4j: idempotent, diffed, all-or-nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graph.catalog import catalog
from graph.db import counts
from graph.errors import LoadConflict, ValidationFailed
from graph.placement import PLACEMENT_PROPS
from loaders.hr_csv import load_hr_csv
from loaders.load import field_changes, load, summarise
from loaders.rows import entity_row, file_base, relation_row
from loaders.validate import validate_paths
from tests.support import DATA_DIR, DATABASE, ORGGRAPH, SEED_PATHS, SOURCES_DIR

pytestmark = pytest.mark.reliability("partial writes")

ROOT = Path(__file__).resolve().parents[2]
DATA = DATA_DIR
SOURCES = SOURCES_DIR
DB = DATABASE


def snapshot(driver: Driver) -> tuple[list[Any], list[Any]]:
    """Every node and relationship with all properties, canonically ordered."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS l, properties(n) AS p ORDER BY n.id", database_=DB
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, properties(r) AS p, b.id AS b "
        "ORDER BY t, r.id",
        database_=DB,
    )

    def clean(p: dict[str, Any]) -> dict[str, Any]:
        # where the files lay (a dataset's own sources folder too) is not data
        volatile = {"loaded_at", "lock", "files", "sources_path"}
        return {k: v for k, v in p.items() if k not in volatile}

    return (
        sorted((sorted(r["l"]), sorted(clean(r["p"]).items())) for r in nodes),
        [(r["a"], r["t"], sorted(r["p"].items()), r["b"]) for r in rels],
    )


def copy_data(tmp_path: Path) -> Path:
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst)
    return dst


def test_load_twice_changes_nothing(db: Driver) -> None:
    first = load(db, [DATA], database=DB, sources_dir=SOURCES)
    assert first.changes > 300
    after_first = counts(db, database=DB)
    snap = snapshot(db)
    second = load(db, [DATA], database=DB, sources_dir=SOURCES)
    assert second.changes == 0
    assert summarise(second)[-1] == "0 changes"
    assert counts(db, database=DB) == after_first
    assert snapshot(db) == snap


def test_every_fact_carries_its_source(db: Driver) -> None:
    load(db, [DATA], database=DB, sources_dir=SOURCES)
    missing, _, _ = db.execute_query(
        "MATCH (n:Entity) WHERE n.quote IS NULL OR n.source IS NULL OR n.dataset IS NULL "
        "RETURN n.id AS id UNION "
        "MATCH ()-[r]->() WHERE r.quote IS NULL OR r.source IS NULL OR r.dataset IS NULL "
        "RETURN r.id AS id",
        database_=DB,
    )
    assert [r["id"] for r in missing] == []
    dangling, _, _ = db.execute_query(
        "MATCH (n:Entity) WHERE NOT EXISTS { MATCH (s:Source {id: n.source}) } RETURN n.id AS id",
        database_=DB,
    )
    assert [r["id"] for r in dangling] == []


def test_dry_run_lists_exactly_the_modification(db: Driver, tmp_path: Path) -> None:
    load(db, [DATA], database=DB, sources_dir=SOURCES)
    before = snapshot(db)
    data = copy_data(tmp_path)
    f = data / "zone-000.yaml"
    text = f.read_text(encoding="utf-8")
    assert "description:" not in text.split("id: zone-000-dsi", 1)[1].split("- id:", 1)[0]
    f.write_text(
        text.replace("id: zone-000-dsi\n", "id: zone-000-dsi\n    description: gewijzigd\n", 1),
        encoding="utf-8",
    )
    report = load(db, [data], database=DB, sources_dir=SOURCES, dry_run=True)
    details = [(d.dataset, x) for d in report.datasets for x in d.details]
    # Each changed field as old -> new; bookkeeping (hash, search text) is left out.
    assert details == [("zone-000", '~ Unit zone-000-dsi: description: (none) → "gewijzigd"')]
    assert summarise(report)[-1] == "1 change (dry run: nothing was written)"
    assert snapshot(db) == before  # a dry run writes nothing
    real = load(db, [data], database=DB, sources_dir=SOURCES)
    assert real.changes == 1
    rows, _, _ = db.execute_query(
        "MATCH (n:Entity {id: 'zone-000-dsi'}) RETURN n.description AS d", database_=DB
    )
    assert rows[0]["d"] == "gewijzigd"


def test_field_changes_lists_old_and_new() -> None:
    import datetime as dt

    from neo4j.time import Date

    old = {"name": "DSI", "valid_from": Date(2020, 1, 1), "aliases": ["a"], "content_hash": "1"}
    new = {"name": "Dienst", "valid_from": dt.date(2020, 1, 1), "aliases": ("a", "b")}
    assert field_changes(old, new) == ['aliases: ["a"] → ["a", "b"]', 'name: "DSI" → "Dienst"']
    assert field_changes({"reason": None}, {}) == []
    long = field_changes({"quote": "x" * 100}, {"quote": "y"})[0]
    assert long.startswith('quote: "xxx') and "…" in long and long.endswith('→ "y"')


FIVE_ERRORS = """\
dataset: broken
defaults:
  source: seed-000
entities:
  - id: broken-unit
    kind: Unit
    name: Een dienst
    quote: "De dienst operationele coördinatie staat onder leiding van een commissaris"
  - id: broken-unit
    kind: Unit
    name: Dubbel
    quote: "De dienst operationele coördinatie staat onder leiding van een commissaris"
  - id: broken-domain
    kind: Domain
    name: drugs
    quote: "Dit citaat staat nergens in de bron"
relations:
  - type: REPORTS_TO
    from: broken-domain
    to: broken-unit
    quote: "rapporteert aan de korpschef"
    props: {line: hierarchical}
  - type: PART_OF
    from: broken-unit
    to: zone-000-opco-typo
    quote: "rapporteert aan de korpschef"
    valid_from: 2020-13-45
"""


def test_file_with_five_errors_reports_all_and_writes_nothing(db: Driver, tmp_path: Path) -> None:
    load(db, [DATA], database=DB, sources_dir=SOURCES)
    before = snapshot(db)
    bad = tmp_path / "broken.yaml"
    bad.write_text(FIVE_ERRORS, encoding="utf-8")
    with pytest.raises(ValidationFailed) as exc:
        load(db, [DATA, bad], database=DB, sources_dir=SOURCES)
    problems = [p for p in exc.value.problems if p.file.endswith("broken.yaml")]
    text = "\n".join(str(p) for p in problems)
    assert len(problems) >= 5, text
    lines = {p.line for p in problems}
    assert 9 in lines  # duplicate id
    assert 16 in lines  # quote not in source
    assert any("REPORTS_TO" in p.message and p.line in (18, 19) for p in problems), text
    assert any("zone-000-opco" in p.message and "did you mean" in p.message for p in problems)
    assert any(p.line == 27 for p in problems), text  # invalid date
    assert all(str(p).startswith(f"{bad}:{p.line}:") for p in problems)
    assert snapshot(db) == before


def test_failure_in_last_batch_rolls_back_the_dataset(db: Driver, tmp_path: Path) -> None:
    load(db, [DATA], database=DB, sources_dir=SOURCES)
    # Another dataset already owns a PART_OF with the id zone-000's last relation will use,
    # between different nodes: the relation MERGE creates a second one and the uniqueness
    # constraint fails at commit, after all of zone-000's nodes were written.
    data = copy_data(tmp_path)
    f = data / "zone-000.yaml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text + "\n", encoding="utf-8")
    db.execute_query("MATCH (:Entity {id: 'zone-000-dsi'})-[r:PART_OF]->() DELETE r", database_=DB)
    db.execute_query(
        "MATCH (a:Entity {id: 'lokeren'}), (b:Entity {id: 'zone-001'}) "
        "CREATE (a)-[:PART_OF {id: 'zone-000-dsi--part_of--zone-000-opco', dataset: 'other'}]->(b)",
        database_=DB,
    )
    db.execute_query(
        "MATCH (d:Dataset {id: 'zone-000'}) SET d.relation_keys = [], d.relation_hashes = []",
        database_=DB,
    )
    db.execute_query("MATCH (n:Entity {id: 'zone-000-dsi'}) SET n.name = 'oud'", database_=DB)
    db.execute_query(
        "MATCH (d:Dataset {id: 'zone-000'}) SET d.entity_hashes = [h IN d.entity_hashes | 'x']",
        database_=DB,
    )
    before = snapshot(db)
    with pytest.raises(LoadConflict):
        load(db, [data], database=DB, sources_dir=SOURCES)
    assert snapshot(db) == before  # zone-000's node updates were rolled back with it
    rows, _, _ = db.execute_query(
        "MATCH (n:Entity {id: 'zone-000-dsi'}) RETURN n.name AS name", database_=DB
    )
    assert rows[0]["name"] == "oud"


def test_prune_removes_only_what_the_dataset_no_longer_states(db: Driver, tmp_path: Path) -> None:
    load(db, [DATA], database=DB, sources_dir=SOURCES)
    data = copy_data(tmp_path)
    f = data / "zone-004.yaml"
    lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
    # Drop the CoPPRa theory measurement and the relation that measures it.
    out, skip = [], False
    for line in lines:
        if line.startswith("  - ") and "zone-004-m-coppra-theorie-2017" in line:
            skip = True
        elif line.startswith("  - "):
            skip = False
        if line.strip() and not line.startswith(" ") and not line.startswith("-"):
            skip = False
        if not skip:
            out.append(line)
    text = "".join(out)
    # relations referencing it are multi-line entries; remove those blocks too
    blocks = text.split("\n  - ")
    text = "\n  - ".join(b for b in blocks if "zone-004-m-coppra-theorie-2017" not in b)
    f.write_text(text, encoding="utf-8")
    kept = load(db, [data], database=DB, sources_dir=SOURCES)
    assert kept.changes == 0  # without --prune, nothing is removed
    pruned = load(db, [data], database=DB, sources_dir=SOURCES, prune=True)
    removed = {x for d in pruned.datasets for x in d.details}
    assert "- Entity zone-004-m-coppra-theorie-2017" in removed
    assert all(x.startswith("- ") for x in removed)
    rows, _, _ = db.execute_query(
        "MATCH (n:Entity) WHERE n.id STARTS WITH 'zone-004-m-coppra' RETURN n.id AS id",
        database_=DB,
    )
    assert [r["id"] for r in rows] == ["zone-004-m-coppra-praktijk-2017"]
    again = load(db, [data], database=DB, sources_dir=SOURCES, prune=True)
    assert again.changes == 0


ACCEPTANCE = {
    "who leads the DSI of zone 000": (
        "MATCH (p:Post)-[:LEADS]->(:Unit {id: 'zone-000-dsi'}) RETURN p.name AS answer",
        ["Diensthoofd DSI"],
    ),
    "the three teams of the Lokale Recherche of zone 001": (
        "MATCH (t:Unit)-[:PART_OF]->(:Unit {id: 'zone-001-lokale-recherche'}) "
        "RETURN t.id AS answer ORDER BY answer",
        ["zone-001-team-drugs", "zone-001-team-eigendommen", "zone-001-team-personen-zeden"],
    ),
    "the pillars of the planned Lokeren structure": (
        "MATCH (u:Unit {type: 'pijler', status: 'planned'})-[:PART_OF*1..3]->"
        "(:Organisation {id: 'lokeren'}) RETURN u.id AS answer ORDER BY answer",
        [
            "lokeren-pijler-interventie-onthaal",
            "lokeren-pijler-lokale-recherche",
            "lokeren-pijler-wijk-verkeer",
        ],
    ),
    "the divisions of Sector OOV": (
        "MATCH (d:Unit {type: 'divisie'})-[:PART_OF]->"
        "(:Unit {id: 'nl-coordinatiecentrum-sector-oov'}) RETURN d.name AS answer ORDER BY answer",
        ["Divisie VVC & Ondermijning", "Divisie Veiligheid & Leefbaarheid"],
    ),
    "medewerkers who followed the CoPPRa practical training in 2017": (
        "MATCH (:Objective)-[:MEASURED_BY]->(m:Measurement {year: 2017}) "
        "WHERE m.indicator CONTAINS 'CoPPRa' AND m.indicator CONTAINS 'praktijk' "
        "RETURN m.value AS answer",
        [53],
    ),
}


@pytest.mark.parametrize("question", list(ACCEPTANCE))
def test_questions_answerable_by_plain_cypher(db: Driver, question: str) -> None:
    load(db, [DATA], database=DB, sources_dir=SOURCES)
    cypher, expected = ACCEPTANCE[question]
    rows, _, _ = db.execute_query(cypher, database_=DB)
    assert [r["answer"] for r in rows] == expected


def test_hr_csv_loads_holds_edges_idempotently(db: Driver, tmp_path: Path) -> None:
    load(db, [DATA], database=DB, sources_dir=SOURCES)
    csv_file = tmp_path / "hr.csv"
    csv_file.write_text(
        "person,post,from,to\n"
        "An Peeters,zone-000-diensthoofd-dsi,2021-03-01,\n"
        "Jan Janssens,zone-000-diensthoofd-dsi,2015-01-01,2021-02-28\n",
        encoding="utf-8",
    )
    first = load_hr_csv(db, csv_file, dataset="hr-zone-000", source="hr-2024", database=DB)
    assert first.changes == 4
    again = load_hr_csv(db, csv_file, dataset="hr-zone-000", source="hr-2024", database=DB)
    assert again.changes == 0
    rows, _, _ = db.execute_query(
        "MATCH (p:Person)-[h:HOLDS]->(:Post {id: 'zone-000-diensthoofd-dsi'}) "
        "RETURN p.name AS name, h.status AS status, h.quote AS quote ORDER BY name",
        database_=DB,
    )
    assert [(r["name"], r["status"]) for r in rows] == [
        ("An Peeters", "current"),
        ("Jan Janssens", "historical"),
    ]
    assert rows[0]["quote"] == "An Peeters,zone-000-diensthoofd-dsi,2021-03-01,"


def test_hr_csv_errors_name_the_line_and_write_nothing(db: Driver, tmp_path: Path) -> None:
    load(db, [DATA], database=DB, sources_dir=SOURCES)
    before = snapshot(db)
    csv_file = tmp_path / "hr.csv"
    csv_file.write_text(
        "person,post,from,to\n"
        "An Peeters,zone-000-diensthoofd-dsi,2021-03-01,\n"
        "Jan Janssens,zone-000-diensthoofd-dsj,2015-01-01,\n"
        ",zone-000-korpschef,2015-01-01,\n"
        "Piet,zone-000-korpschef,01/01/2015,\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as exc:
        load_hr_csv(db, csv_file, dataset="hr-zone-000", source="hr-2024", database=DB)
    got = [(p.line, p.message) for p in exc.value.problems]
    assert [line for line, _ in got] == [3, 4, 5]
    assert "did you mean zone-000-diensthoofd-dsi" in got[0][1]
    assert snapshot(db) == before


def test_cli_load_reports_zero_changes_the_second_time(db: Driver, cli_env: dict[str, str]) -> None:
    first = subprocess.run(
        [ORGGRAPH, "load", str(DATA)],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    second = subprocess.run(
        [ORGGRAPH, "load", str(DATA)],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip().splitlines()[-1] == "0 changes"


def test_cli_validate_reports_problems_with_location(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text(FIVE_ERRORS, encoding="utf-8")
    proc = subprocess.run(
        [ORGGRAPH, "validate", str(DATA), str(bad)],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert f"{bad}:9:" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_another_dataset_cannot_take_over_a_relation(db: Driver, tmp_path: Path) -> None:
    load(db, [DATA], database=DB, sources_dir=SOURCES)
    before = snapshot(db)
    other = tmp_path / "other.yaml"
    other.write_text(
        "dataset: other\n"
        "defaults: {source: seed-000}\n"
        "relations:\n"
        "  - type: PART_OF\n"
        "    from: zone-000-dsi\n"
        "    to: zone-000-opco\n"
        '    quote: "Onder deze afdeling resorteren 3 diensten"\n',
        encoding="utf-8",
    )
    with pytest.raises(LoadConflict, match="zone-000-dsi--part_of--zone-000-opco"):
        load(db, [other], database=DB, sources_dir=SOURCES)
    assert snapshot(db) == before


def test_hr_csv_multiline_field_keeps_line_numbers(db: Driver, tmp_path: Path) -> None:
    load(db, [DATA], database=DB, sources_dir=SOURCES)
    csv_file = tmp_path / "hr.csv"
    csv_file.write_text(
        "person,post,from,to\n"
        '"An\nPeeters",zone-000-diensthoofd-dsi,2021-03-01,\n'
        "Jan,zone-000-diensthoofd-dsj,2015-01-01,\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as exc:
        load_hr_csv(db, csv_file, dataset="hr-zone-000", source="hr-2024", database=DB)
    assert [p.line for p in exc.value.problems] == [4]


def test_provenance_is_written_after_props(db: Driver) -> None:
    """Even a row that slipped past validation cannot forge provenance (the write sets the
    data props first, provenance last). Before the fix, SET r += props came last."""
    db.execute_query(
        "CREATE (:Entity {id: 'p-a', dataset: 'mine'}), (:Entity {id: 'p-b', dataset: 'mine'})",
        database_=DB,
    )
    forged = {"quote": "FABRICATED", "dataset": "zone-000", "source": "seed-000", "id": "zzz"}
    row = ["p-a", "p-b", "p-a--part_of--p-b", "the real quote", forged, "src"]
    q = catalog().get("loader.upsert_relations")
    params = {"rows": [row], "dataset": "mine", "source": None, "status": "current"}
    db.execute_query(q.text, q.bind({**params, "type": "PART_OF"}), database_=DB)
    rows, _, _ = db.execute_query(
        "MATCH ()-[r:PART_OF]->() RETURN r.quote AS quote, r.dataset AS dataset, "
        "r.source AS source, r.id AS id",
        database_=DB,
    )
    assert [dict(r) for r in rows] == [
        {"quote": "the real quote", "dataset": "mine", "source": "src", "id": "p-a--part_of--p-b"}
    ]


def _present(props: dict[str, Any]) -> dict[str, Any]:
    """Properties as Python values, nulls left out (Neo4j stores no null property)."""
    return {
        k: v.to_native() if hasattr(v, "to_native") else v
        for k, v in props.items()
        if v is not None
    }


def test_rows_stored_is_what_neo4j_stores(db: Driver) -> None:
    """`stored()` (what the pure tests of the defaults rule read) mirrors the upserts: after a
    load, every entity's and relation's properties are exactly what its row says."""
    load(db, [DATA], database=DB, sources_dir=SOURCES)
    (parsed,) = validate_paths([DATA / "zone-000.yaml"], sources_dir=None).datasets
    ds = parsed.dataset
    d, base = ds.defaults, file_base(ds.defaults)
    nodes, _, _ = db.execute_query(
        "MATCH (n:Entity {dataset: $ds}) RETURN n.id AS id, properties(n) AS p",
        ds=ds.dataset,
        database_=DB,
    )
    # Placements are derived after the upserts (graph/cypher/place.cypher; tested in
    # tests/graph/test_placement.py), not part of what a row says.
    stored = {
        r["id"]: _present({k: v for k, v in r["p"].items() if k not in PLACEMENT_PROPS})
        for r in nodes
    }
    assert len(stored) == len(ds.entities) > 10
    for e in ds.entities:
        assert stored[e.id] == _present(entity_row(e, d, ds.dataset).stored(ds.dataset, base))
    rels, _, _ = db.execute_query(
        "MATCH (a)-[r {dataset: $ds}]->(b) RETURN type(r) AS t, r.id AS id, "
        "properties(r) AS p, a.id AS a, b.id AS b",
        ds=ds.dataset,
        database_=DB,
    )
    by_key = {(r["t"], r["id"]): _present({**r["p"], "from": r["a"], "to": r["b"]}) for r in rels}
    assert len(by_key) == len(ds.relations) > 10
    for r in ds.relations:
        row = relation_row(r, d, ds.dataset)
        assert by_key[row.type, row.id] == _present(row.stored(ds.dataset, base))


def test_the_validated_heap_is_frozen_during_the_writes_and_thawed_after(
    db: Driver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    import loaders.load as loader
    from loaders.write import write_all

    frozen_while_writing: list[int] = []

    def watched(*args: Any, **kwargs: Any) -> None:
        frozen_while_writing.append(gc.get_freeze_count())
        write_all(*args, **kwargs)

    monkeypatch.setattr(loader, "write_all", watched)
    assert gc.get_freeze_count() == 0
    assert load(db, list(SEED_PATHS), database=DB, sources_dir=SOURCES).changes > 0
    assert frozen_while_writing and frozen_while_writing[0] > 0  # all alive once validated
    assert gc.get_freeze_count() == 0  # thawed: their cycles are collectable again
    bad = tmp_path / "bad.yaml"
    bad.write_text("dataset: bad\nentities: [{id: X}]\n", encoding="utf-8")
    with pytest.raises(ValidationFailed):
        load(db, [bad], database=DB, sources_dir=None)
    assert gc.get_freeze_count() == 0
