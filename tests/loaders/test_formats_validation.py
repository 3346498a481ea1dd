"""What the standard-format exports write is checked, not trusted: the ORG export of the seed
graph and the example datasets satisfies the SHACL shapes of our ORG use, the Popolo export the
JSON Schemas of the Popolo objects; a broken export is reported by each validator; an
organisation's export is self-contained (it imports and validates on its own); CSV has one
file per kind and relation type with the provenance columns."""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver
from rdflib import Literal, URIRef
from rdflib.namespace import ORG, PROV, RDF

from graph.db import wipe
from graph.errors import NotFound, OrgGraphError
from loaders.formats import Format, Snapshot, read_snapshot, render, scoped
from loaders.formats.csvfiles import ENTITY_COLUMNS, RELATION_COLUMNS, cell
from loaders.formats.importer import import_file
from loaders.formats.org import OG, to_graph
from loaders.formats.popolo import to_popolo
from loaders.load import load
from tests.loaders.formats_validators import popolo_errors, shacl_report
from tests.support import DATA_DIR, DATABASE, SEED_PATHS, SOURCES_DIR

EXAMPLES = DATA_DIR / "examples"
NAMES = sorted(p.name for p in EXAMPLES.iterdir() if (p / f"{p.name}.yaml").is_file())
# One organisation per seed and example dataset: the scoped exports checked below.
ORGS = (
    "zone-000", "lokeren", "nl-coordinatiecentrum-org", "zone-scheldebocht",
    "veiligheidsregio-lage-landen", "zone-dijlevallei", "zone-kempenland",
)  # fmt: skip


@pytest.fixture(scope="module")
def graph(driver: Driver) -> Iterator[Snapshot]:
    """Seeds, vocabulary and the four examples, loaded once; the whole graph's snapshot."""
    wipe(driver, database=DATABASE)
    examples = [EXAMPLES / n / f"{n}.yaml" for n in NAMES]
    load(driver, [*SEED_PATHS, *examples], database=DATABASE, sources_dir=SOURCES_DIR)
    yield read_snapshot(driver, database=DATABASE)
    wipe(driver, database=DATABASE)


def test_examples_are_there(graph: Snapshot) -> None:
    assert len(NAMES) == 4
    kinds = {e["kind"] for e in graph.entities.values()}
    assert {"Board", "System"} <= kinds  # issue 14's kinds are in what is validated
    types = {r["type"] for r in graph.relations}
    assert {"APPROVES", "ESTABLISHES", "APPOINTS", "INSTANCE_OF", "USES", "MANAGES"} <= types
    assert any(e.get("staffing") for e in graph.entities.values())
    assert set(ORGS) <= set(graph.entities)


def test_org_export_satisfies_the_shapes(graph: Snapshot) -> None:
    conforms, report = shacl_report(to_graph(graph))
    assert conforms, report[:3000]


def test_popolo_export_satisfies_the_schemas(graph: Snapshot) -> None:
    doc = json.loads(render(graph, Format.POPOLO, "all")["all.popolo.json"])
    assert popolo_errors(doc) == []
    assert doc["organizations"] and doc["posts"] and doc["persons"] and doc["memberships"]
    # Each object carries its quote: the note of its source link.
    quotes = {e["id"]: e["quote"] for e in graph.entities.values()}
    for org in doc["organizations"]:
        assert org["sources"][0]["note"] == quotes[org["id"]]
    assert {m["role"] for m in doc["memberships"]} >= {"member", "chair", "representative"}
    assert any("on_behalf_of_id" in m for m in doc["memberships"])


@pytest.mark.parametrize("org", ORGS)
def test_an_organisations_export_validates_and_imports(
    graph: Snapshot, org: str, tmp_path: Path
) -> None:
    part = scoped(graph, org)
    assert org in part.entities and len(part.entities) < len(graph.entities)
    # Its units and posts come along, the graph's other zones do not.
    units = {r["from"] for r in graph.relations if r["type"] == "PART_OF" and r["to"] == org}
    assert units and units <= set(part.entities)
    conforms, report = shacl_report(to_graph(part))
    assert conforms, report[:3000]
    assert popolo_errors(to_popolo(part)) == []
    # Self-contained: each export imports into a dataset that validates on its own.
    for fmt in (Format.ORG_JSONLD, Format.POPOLO):
        ((name, content),) = render(part, fmt, org).items()
        (tmp_path / name).write_bytes(content)
        report_ = import_file(tmp_path / name, fmt, tmp_path / f"{fmt.value}.yaml")
        assert (report_.entities, report_.relations) == (len(part.entities), len(part.relations))


def test_scope_refuses_what_is_not_an_organisation(graph: Snapshot) -> None:
    with pytest.raises(NotFound):
        scoped(graph, "no-such-zone")
    post = next(k for k, e in graph.entities.items() if e["kind"] == "Post")
    with pytest.raises(OrgGraphError, match="is a Post"):
        scoped(graph, post)


def test_shacl_reports_a_broken_org_export(graph: Snapshot) -> None:
    # The first organisation whose export has a membership and a reporting line.
    g = next(
        g
        for g in (to_graph(scoped(graph, org)) for org in ORGS)
        if (None, RDF.type, ORG.Membership) in g and (None, OG.line, None) in g
    )
    # A statement loses its quote, a membership its organisation, a reporting line its line.
    statement = next(iter(g.subjects(RDF.type, RDF.Statement)))
    g.remove((statement, PROV.value, None))
    membership = next(iter(g.subjects(RDF.type, ORG.Membership)))
    g.remove((membership, ORG.organization, None))
    line = next(iter(g.subjects(OG.line, None)))
    g.set((line, OG.line, Literal("sideways")))
    conforms, report = shacl_report(g)
    assert not conforms
    assert "Results (3)" in report
    for node, what in ((statement, "prov:value"), (membership, "org:organization"),
                       (line, "ogs:ReportingLine")):  # fmt: skip
        assert f"Focus Node: <{node}>" in report and what in report, what
    # And an entity whose id is no slug.
    g2 = to_graph(scoped(graph, "zone-000"))
    g2.set((URIRef("urn:orggraph:id:zone-000"), URIRef(str(OG) + "x"), Literal(1)))
    g2.add((URIRef("urn:orggraph:id:zone-000"), URIRef("http://purl.org/dc/terms/identifier"),
            Literal("Zone 000")))  # fmt: skip
    conforms, report = shacl_report(g2)
    assert not conforms and "identifier" in report


def test_json_schema_reports_a_broken_popolo_export(graph: Snapshot) -> None:
    good = to_popolo(scoped(graph, "lokeren"))
    assert popolo_errors(good) == []
    bad = copy.deepcopy(good)
    del bad["organizations"][0]["name"]
    bad["memberships"][0]["start_date"] = "29 juni 2020"
    bad["posts"][0]["sources"] = []
    bad["organizations"][1]["parent_id"] = "nowhere"
    errors = popolo_errors(bad)
    joined = "\n".join(errors)
    assert "organizations/0: 'name' is a required property" in joined
    assert "memberships/0/start_date" in joined
    assert "posts/0/sources" in joined
    assert "organizations/1/parent_id: 'nowhere' is not in the document" in joined


def test_csv_has_a_file_per_kind_and_relation_type(graph: Snapshot) -> None:
    files = render(graph, Format.CSV, "all")
    kinds = {e["kind"] for e in graph.entities.values()}
    types = {r["type"] for r in graph.relations}
    assert {f"entities-{k.lower()}.csv" for k in kinds} | {
        f"relations-{t.lower()}.csv" for t in types
    } | {"sources.csv", "staffing.csv"} == set(files)
    rows = list(csv.DictReader(io.StringIO(files["relations-reports_to.csv"].decode())))
    assert list(rows[0]) == list(RELATION_COLUMNS)
    want = [r for r in graph.relations if r["type"] == "REPORTS_TO"]
    assert len(rows) == len(want)
    for row in rows:
        assert row["quote"] and row["source"] and row["source_title"] and row["status"]
        assert json.loads(row["props"])["line"]
    units = list(csv.DictReader(io.StringIO(files["entities-unit.csv"].decode())))
    assert list(units[0]) == list(ENTITY_COLUMNS)
    assert all(u["quote"] and u["inferred"] in ("true", "false") for u in units)


def test_csv_cells_never_start_a_formula() -> None:
    assert cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert cell("-1 zone") == "'-1 zone" and cell("+32") == "'+32" and cell("@a") == "'@a"
    assert cell(-1) == "-1" and cell(True) == "true" and cell(None) == ""
    assert cell(["a", "=b"]) == '["a","=b"]'


def test_an_organisations_export_reads_only_its_part_and_is_unchanged(
    graph: Snapshot, driver: Driver, tmp_path: Path
) -> None:
    """`--org` reads the organisation's part of the graph (loaders.formats.reading), not the
    whole graph: what it reads is exactly what the whole graph's snapshot scoped to it holds,
    so every format's file is the same bytes; the whole graph read in pages (small ones here,
    so page boundaries fall everywhere) is the dataset backup's one-transaction snapshot."""
    from loaders.export import collect
    from loaders.formats import export_format, snapshot_of
    from loaders.formats.reading import read_all

    backup = snapshot_of(collect(driver, database=DATABASE))
    paged = snapshot_of(read_all(driver, database=DATABASE, page=7))
    for snap in (backup, paged):
        assert list(snap.entities.items()) == list(graph.entities.items())
        assert snap.relations == graph.relations
        assert list(snap.sources.items()) == list(graph.sources.items())
    for org in ORGS:
        part = read_snapshot(driver, database=DATABASE, org=org)
        want = scoped(graph, org)
        assert list(part.entities.items()) == list(want.entities.items()), org
        assert part.relations == want.relations, org
        assert list(part.sources.items()) == list(want.sources.items()), org
        assert len(part.entities) < len(graph.entities) / 2, org
    for fmt in Format:
        out = tmp_path / fmt.value
        report = export_format(driver, out, fmt, database=DATABASE, org="lokeren")
        want_files = render(scoped(graph, "lokeren"), fmt, "lokeren")
        assert {p.name: p.read_bytes() for p in report.files} == want_files, fmt
    with pytest.raises(NotFound):
        read_snapshot(driver, database=DATABASE, org="politiezone-nergens")
    with pytest.raises(OrgGraphError, match="is a Person"):
        person = next(k for k, e in graph.entities.items() if e["kind"] == "Person")
        read_snapshot(driver, database=DATABASE, org=person)
