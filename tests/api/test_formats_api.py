"""GET /api/v1/organisations/{id}/export and `orggraph export --format …` over the seed graph:
each format with its media type, resolved by name like every organisation endpoint, scoped to
the organisation, the same bytes as the CLI writes; unknown names and formats refused. Then an
imported third-party file loads into the graph with `orggraph load` as usual."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.support import ANALYST, ORGGRAPH, READER

URL = "/api/v1/organisations/{}/export"


def test_each_format_with_its_media_type(client: TestClient) -> None:
    r = client.get(URL.format("zone-001"), params={"format": "org-jsonld"}, headers=READER)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/ld+json")
    assert 'filename="zone-001.jsonld"' in r.headers["content-disposition"]
    g = Graph().parse(data=r.text, format="json-ld")
    ttl = client.get(URL.format("zone-001"), params={"format": "org-turtle"}, headers=READER)
    assert ttl.headers["content-type"].startswith("text/turtle")
    assert isomorphic(g, Graph().parse(data=ttl.text, format="turtle"))

    pop = client.get(URL.format("zone-001"), params={"format": "popolo"}, headers=READER)
    assert pop.headers["content-type"].startswith("application/json")
    doc = pop.json()
    ids = {o["id"] for o in doc["organizations"]}
    assert "zone-001" in ids and all(not i.startswith("zone-000") for i in ids)
    parents = {o.get("parent_id") for o in doc["organizations"] if o["id"] != "zone-001"}
    assert "zone-001" in parents and parents - ids == {None}  # no parent outside the file

    z = client.get(URL.format("zone-001"), params={"format": "csv"}, headers=READER)
    assert z.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(z.content)).namelist()
    assert {"sources.csv", "entities-unit.csv", "relations-part_of.csv"} <= set(names)


def test_a_name_resolves_and_the_default_is_org_jsonld(client: TestClient) -> None:
    by_id = client.get(URL.format("lokeren"), headers=READER)
    by_name = client.get(URL.format("Politiezone Lokeren"), headers=READER)
    assert by_id.status_code == 200 and by_id.headers["content-type"].startswith(
        "application/ld+json"
    )
    assert by_name.status_code == 200, by_name.text
    assert by_name.content == by_id.content  # the same export, byte for byte


def test_refusals(client: TestClient) -> None:
    assert client.get(URL.format("zone-001")).status_code == 401
    missing = client.get(URL.format("politiezone-nergens"), headers=READER)
    assert missing.status_code == 404 and "not found" in missing.text
    wrong = client.get(URL.format("zone-001"), params={"format": "xml"}, headers=READER)
    assert wrong.status_code == 422
    # A post is not what an export is scoped to (resolution is limited to the kinds).
    post = client.get(URL.format("zone-001-wijkinspecteur"), headers=ANALYST)
    assert post.status_code == 404
    long = client.get(URL.format("x" * 201), headers=READER)
    assert long.status_code == 422


def test_cli_export_matches_the_endpoint(
    client: TestClient, cli_env: dict[str, str], tmp_path: Path
) -> None:
    run = subprocess.run(
        [ORGGRAPH, "export", "--format", "popolo", "--org", "zone-001", str(tmp_path)],
        env=cli_env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "exported popolo of zone-001" in run.stdout
    written = (tmp_path / "zone-001.popolo.json").read_bytes()
    api = client.get(URL.format("zone-001"), params={"format": "popolo"}, headers=READER)
    assert written == api.content
    assert json.loads(written)["organizations"]
    refused = subprocess.run(
        [ORGGRAPH, "export", "--format", "dataset", "--org", "zone-001", str(tmp_path / "x")],
        env=cli_env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert refused.returncode != 0 and "--org" in refused.stderr


def test_an_imported_file_loads_as_usual(
    client: TestClient, cli_env: dict[str, str], tmp_path: Path
) -> None:
    # Last in the module: it adds a dataset to the seeded graph.
    src = tmp_path / "heuvelland.json"
    src.write_text(
        json.dumps(
            {
                "organizations": [
                    {"id": "pz-heuvelland", "name": "Politiezone Heuvelland"},
                    {"id": "pz-heuvelland-wijk", "name": "Wijkdienst Heuvelland",
                     "parent_id": "pz-heuvelland"},
                ],
                "posts": [{"id": "pz-heuvelland-wijkchef", "label": "Wijkchef",
                           "organization_id": "pz-heuvelland-wijk"}],
            },
            indent=2,
        )
    )  # fmt: skip
    out = tmp_path / "heuvelland.yaml"
    run = subprocess.run(
        [ORGGRAPH, "import", "--format", "popolo", str(src), "-o", str(out)],
        env=cli_env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    load = subprocess.run(
        [ORGGRAPH, "load", str(out)], env=cli_env, capture_output=True, text=True, timeout=180
    )
    assert load.returncode == 0, load.stderr + load.stdout
    entity = client.get("/api/v1/entities/pz-heuvelland-wijk", headers=READER)
    assert entity.status_code == 200, entity.text
    body = entity.text
    assert "pz-heuvelland-wijkchef" in body and '"pz-heuvelland"' in body  # its post, its zone
    assert "imported from heuvelland.json" in body  # the reason travels with the facts
