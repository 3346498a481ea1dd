"""`orggraph import` of someone else's Popolo or ORG file (pure: no database): ids slugged,
kinds from the standard's classes, every fact the file does not quote `inferred` with the
reason "imported from …" and citing the file's own line, a dataset that validates, quotes
included; bad input is refused with file, line and JSON pointer, and nothing is written."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.errors import ValidationFailed
from loaders.formats import Format
from loaders.formats.importer import import_file
from loaders.quotes import normalise_text
from loaders.validate import validate_paths
from tests.support import ORGGRAPH

REGISTER: dict[str, Any] = {
    "organizations": [
        {"id": "ocd-organization/pz-heuvelland", "name": "Politiezone Heuvelland",
         "classification": "police zone",
         "sources": [{"url": "https://example.org/heuvelland", "note": "website"}]},
        {"id": "ocd-organization/pz-heuvelland-wijk", "name": "Wijkdienst Heuvelland",
         "parent_id": "ocd-organization/pz-heuvelland"},
        {"id": "politieraad-heuvelland", "name": "Politieraad Heuvelland",
         "classification": "council"},
    ],
    "posts": [{"id": "Korpschef Heuvelland", "label": "Korpschef",
               "organization_id": "ocd-organization/pz-heuvelland"}],
    "persons": [{"id": "person/an-peeters", "name": "An Peeters"}],
    "memberships": [
        {"person_id": "person/an-peeters", "post_id": "Korpschef Heuvelland",
         "start_date": "2021-03-01"},
        {"person_id": "person/an-peeters", "organization_id": "politieraad-heuvelland",
         "role": "chair"},
    ],
}  # fmt: skip

ORG_FILE: dict[str, Any] = {
    "@context": {
        "org": "http://www.w3.org/ns/org#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
    },
    "@graph": [
        {"@id": "https://data.example.org/id/zone-rivierenland",
         "@type": "org:FormalOrganization", "skos:prefLabel": "Politiezone Rivierenland"},
        {"@id": "https://data.example.org/id/recherche", "@type": "org:OrganizationalUnit",
         "skos:prefLabel": "Lokale Recherche Rivierenland",
         "org:unitOf": {"@id": "https://data.example.org/id/zone-rivierenland"}},
        {"@id": "https://data.example.org/id/diensthoofd", "@type": "org:Post",
         "skos:prefLabel": "Diensthoofd recherche",
         "org:postIn": {"@id": "https://data.example.org/id/recherche"},
         "org:reportsTo": {"@id": "https://data.example.org/id/korpschef"}},
        {"@id": "https://data.example.org/id/korpschef", "@type": "org:Post",
         "skos:prefLabel": "Korpschef",
         "org:postIn": {"@id": "https://data.example.org/id/zone-rivierenland"}},
    ],
}  # fmt: skip


def _write(tmp: Path, name: str, doc: Any) -> Path:
    path = tmp / name
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False))
    return path


def _imported(out: Path) -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(out.read_text())
    return doc


def test_someone_elses_popolo_becomes_a_valid_dataset(tmp_path: Path) -> None:
    src = _write(tmp_path, "register.json", REGISTER)
    out = tmp_path / "register.yaml"
    report = import_file(src, Format.POPOLO, out, sources_dir=tmp_path)
    doc = _imported(out)
    kinds = {e["id"]: e["kind"] for e in doc["entities"]}
    assert kinds == {
        "ocd-organization-pz-heuvelland": "Organisation",
        "ocd-organization-pz-heuvelland-wijk": "Unit",
        "politieraad-heuvelland": "Board",
        "korpschef-heuvelland": "Post",
        "person-an-peeters": "Person",
    }
    rels = {(r["type"], r["from"], r["to"]) for r in doc["relations"]}
    assert rels == {
        ("PART_OF", "ocd-organization-pz-heuvelland-wijk", "ocd-organization-pz-heuvelland"),
        ("PART_OF", "korpschef-heuvelland", "ocd-organization-pz-heuvelland"),
        ("HOLDS", "person-an-peeters", "korpschef-heuvelland"),
        ("CHAIRS", "person-an-peeters", "politieraad-heuvelland"),
    }
    text = normalise_text(src.read_text())
    for fact in doc["entities"] + doc["relations"]:
        assert fact["inferred"] is True
        assert fact["reason"].startswith("imported from register.json")
        assert fact["source"] == "import-register"
        assert normalise_text(fact["quote"]) in text  # the file's own line(s) stating it
    holds = next(r for r in doc["relations"] if r["type"] == "HOLDS")
    assert str(holds["valid_from"]) == "2021-03-01"
    zone = next(e for e in doc["entities"] if e["kind"] == "Organisation")
    assert zone["props"] == {"source_urls": ["https://example.org/heuvelland"]}
    assert doc["sources_dir"] == "." and doc["sources"][0]["file"] == "register.json"
    # What was written validates as any dataset, its quotes checked against the file.
    assert validate_paths([out], sources_dir=tmp_path / "elsewhere").ok
    assert report.entities == 5 and report.relations == 4


def test_someone_elses_org_jsonld_becomes_a_valid_dataset(tmp_path: Path) -> None:
    src = _write(tmp_path, "org.jsonld", ORG_FILE)
    out = tmp_path / "org.yaml"
    import_file(src, Format.ORG_JSONLD, out, sources_dir=tmp_path)
    doc = _imported(out)
    assert {e["id"]: e["kind"] for e in doc["entities"]} == {
        "zone-rivierenland": "Organisation",
        "recherche": "Unit",
        "diensthoofd": "Post",
        "korpschef": "Post",
    }
    line = next(r for r in doc["relations"] if r["type"] == "REPORTS_TO")
    assert (line["from"], line["to"], line["props"]) == (
        "diensthoofd", "korpschef", {"line": "hierarchical"},
    )  # fmt: skip
    assert "hierarchical assumed" in line["reason"]
    assert {r["type"] for r in doc["relations"]} == {"PART_OF", "REPORTS_TO"}
    text = normalise_text(src.read_text())  # a quote may span lines, as the validator reads it
    assert all(normalise_text(f["quote"]) in text for f in doc["entities"] + doc["relations"])
    assert validate_paths([out], sources_dir=tmp_path).ok


def _refused(tmp: Path, name: str, content: str, fmt: Format) -> list[str]:
    src = tmp / name
    src.write_text(content)
    out = tmp / "out.yaml"
    with pytest.raises(ValidationFailed) as e:
        import_file(src, fmt, out)
    assert not out.exists()  # nothing written
    return [str(p) for p in e.value.problems]


def test_bad_files_are_refused_with_where(tmp_path: Path) -> None:
    [msg] = _refused(tmp_path, "a.json", '{"organizations": [\n  {"id": "x",}\n]}', Format.POPOLO)
    assert msg.startswith(f"{tmp_path / 'a.json'}:2:") and "JSON syntax error" in msg

    doc = json.loads(json.dumps(REGISTER))
    del doc["organizations"][1]["name"]
    doc["memberships"][1]["organization_id"] = "politieraad-nergens"
    text = json.dumps(doc, indent=2)
    problems = _refused(tmp_path, "b.json", text, Format.POPOLO)
    no_name = next(p for p in problems if "has no name" in p)
    # The second organization's "{" is the second item line of the first list.
    line = [i for i, x in enumerate(text.splitlines(), 1) if x == "    {"][1]
    assert no_name.startswith(f"{tmp_path / 'b.json'}:{line}:"), no_name
    assert "(at /organizations/1)" in no_name
    assert any("'politieraad-nergens'" in p and "/memberships/1" in p for p in problems)

    doc = json.loads(json.dumps(REGISTER))
    doc["posts"].append({"id": "korpschef heuvelland", "label": "Korpschef 2"})
    problems = _refused(tmp_path, "c.json", json.dumps(doc, indent=2), Format.POPOLO)
    assert any("both become the id 'korpschef-heuvelland'" in p for p in problems)

    remote = json.dumps({"@context": "https://example.org/context.jsonld", "@graph": []})
    [msg] = _refused(tmp_path, "d.jsonld", remote, Format.ORG_JSONLD)
    assert "remote @context" in msg and "(at /@context)" in msg

    # A file that reads but gives an invalid dataset: the validator's problem, nothing written.
    doc = json.loads(json.dumps(REGISTER))
    doc["memberships"][1]["member"] = {"@type": "Organization", "id": "politieraad-heuvelland"}
    del doc["memberships"][1]["person_id"]
    doc["memberships"][1]["role"] = "chair"
    problems = _refused(tmp_path, "e.json", json.dumps(doc, indent=2), Format.POPOLO)
    assert any("CHAIRS" in p and "Board" in p for p in problems), problems


def test_the_cli_says_what_and_where_and_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "bad.json"
    src.write_text('{"organizations": [{"id": "x"}]}')
    out = tmp_path / "bad.yaml"
    run = subprocess.run(
        [ORGGRAPH, "import", "--format", "popolo", str(src), "-o", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode != 0
    assert f"{src}:1:" in run.stderr + run.stdout and "has no name" in run.stderr + run.stdout
    assert not out.exists()
    good = _write(tmp_path, "register.json", REGISTER)
    run = subprocess.run(
        [ORGGRAPH, "import", "--format", "popolo", str(good), "-o", str(tmp_path / "r.yaml")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "5 entities, 4 relations" in run.stdout
