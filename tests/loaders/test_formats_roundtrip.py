"""Issue 17's round trips: the seed graph -> ORG JSON-LD (or Popolo) -> `import` -> `load`
gives back the same organisations, units, posts, people, memberships and reporting lines with
the same quotes (in fact every entity and relation with its provenance); the Turtle and
JSON-LD exports of one graph are isomorphic RDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from neo4j import Driver
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.db import wipe
from loaders.formats import Format, Snapshot, export_format, read_snapshot
from loaders.formats.importer import import_file
from loaders.formats.org import serialise_snapshot
from loaders.load import load
from tests.support import DATABASE, SEED_PATHS, SOURCES_DIR

STRUCTURE = ("Organisation", "Unit", "Post", "Person", "Board", "PartnerBody", "Forum", "Role")
MEMBERSHIPS = ("HOLDS", "MEMBER_OF", "PARTICIPATES_IN", "REPRESENTS_AT", "CHAIRS")


@pytest.fixture(scope="module")
def exported(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The seeds loaded once; their snapshot and their three exports."""
    wipe(driver, database=DATABASE)
    load(driver, list(SEED_PATHS), database=DATABASE, sources_dir=SOURCES_DIR)
    before = read_snapshot(driver, database=DATABASE)
    out = tmp_path_factory.mktemp("formats")
    files = {
        fmt: export_format(driver, out, fmt, database=DATABASE).files[0]
        for fmt in (Format.ORG_JSONLD, Format.ORG_TURTLE, Format.POPOLO)
    }
    yield before, files
    wipe(driver, database=DATABASE)


def _facts(snap: Snapshot) -> tuple[dict[str, Any], dict[tuple[str, str, str], Any]]:
    entities = {k: {f: v for f, v in e.items() if v not in (None, [], {})}
                for k, e in snap.entities.items()}  # fmt: skip
    relations = {
        (r["type"], r["from"], r["id"]): {f: v for f, v in r.items() if v not in (None, [], {})}
        for r in snap.relations
    }
    return entities, relations


def _round_trip(driver: Driver, before: Snapshot, file: Path, fmt: Format, tmp: Path) -> None:
    out = tmp / "imported.yaml"
    report = import_file(file, fmt, out, dataset="imported", sources_dir=SOURCES_DIR)
    assert report.entities == len(before.entities)
    assert report.relations == len(before.relations)
    assert yaml.safe_load(out.read_text())["dataset"] == "imported"
    wipe(driver, database=DATABASE)
    load(driver, [out], database=DATABASE, sources_dir=SOURCES_DIR)  # quotes checked again
    after = read_snapshot(driver, database=DATABASE)
    (e0, r0), (e1, r1) = _facts(before), _facts(after)

    # The list first, so a failure says which part broke ...
    for kind in STRUCTURE:
        want = {k: e for k, e in e0.items() if e["kind"] == kind}
        got = {k: e for k, e in e1.items() if e["kind"] == kind}
        assert got == want, kind
    for rtype in ("PART_OF", "REPORTS_TO", *MEMBERSHIPS):
        wanted = {k: r for k, r in r0.items() if k[0] == rtype}
        assert wanted, rtype  # the seeds state each of these
        assert {k: r for k, r in r1.items() if k[0] == rtype} == wanted, rtype
    assert all(r["quote"] for r in r1.values())
    # ... then everything else: every entity and relation, provenance and props included.
    assert e1 == e0
    assert r1 == r0
    assert after.sources == before.sources


def test_org_jsonld_round_trip(driver: Driver, exported: Any, tmp_path: Path) -> None:
    before, files = exported
    _round_trip(driver, before, files[Format.ORG_JSONLD], Format.ORG_JSONLD, tmp_path)


def test_popolo_round_trip(driver: Driver, exported: Any, tmp_path: Path) -> None:
    before, files = exported
    _round_trip(driver, before, files[Format.POPOLO], Format.POPOLO, tmp_path)


def test_turtle_and_jsonld_are_isomorphic(exported: Any) -> None:
    _, files = exported
    jsonld = Graph().parse(files[Format.ORG_JSONLD], format="json-ld")
    turtle = Graph().parse(files[Format.ORG_TURTLE], format="turtle")
    assert len(jsonld) > 5000
    assert isomorphic(jsonld, turtle)
    # A national graph is written in pieces (memory): the pieces make the same graph.
    before, _ = exported
    for fmt, name in ((Format.ORG_TURTLE, "turtle"), (Format.ORG_JSONLD, "json-ld")):
        pieced = Graph().parse(data=serialise_snapshot(before, fmt, size=60), format=name)
        assert isomorphic(pieced, jsonld), fmt
    # Not vacuous: one triple less and they differ.
    turtle.remove(next(iter(turtle)))
    assert not isomorphic(jsonld, turtle)
