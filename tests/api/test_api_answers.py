"""Acceptance: the analysts' questions answered over HTTP, each answer cited."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

import queries
from queries.adhoc import to_jsonable
from tests.support import DATABASE, READER

V1 = "/api/v1"
COORD = "zone-000-operationeel-coordinator"
QUOTE_OLTF = "vertegenwoordigt de politiezone op de Operationele Local Taskforce Foreign Fighters"


def strings(value: Any) -> list[str]:
    """Every string anywhere in a JSON value (rows differ in shape per query)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def rows_mentioning(body: dict[str, Any], text: str) -> list[dict[str, Any]]:
    return [r for r in body["rows"] if any(text in s for s in strings(r))]


def get(client: TestClient, url: str, **params: Any) -> dict[str, Any]:
    r = client.get(V1 + url, params=params, headers=READER)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


@pytest.mark.parametrize(
    "at", ["O-LTF", "oltf", "Operationele Local Taskforce Foreign Fighters", "o-ltf-zone-000"]
)
def test_who_represents_the_zone_at_oltf(client: TestClient, at: str) -> None:
    body = get(client, "/representatives", at=at)
    assert body["resolved"]["at"]["id"] == "o-ltf-zone-000"
    rows = rows_mentioning(body, COORD)
    assert rows, body
    assert any(QUOTE_OLTF in s for s in strings(rows)), rows


def test_representatives_narrowed_to_an_organisation(client: TestClient) -> None:
    body = get(client, "/representatives", at="O-LTF", org="zone-000")
    assert rows_mentioning(body, COORD)
    assert body["resolved"]["org"]["id"] == "zone-000"


def test_chain_of_command_of_head_of_dsi_reaches_the_korpschef(client: TestClient) -> None:
    body = get(client, "/chain-of-command/zone-000-diensthoofd-dsi")
    assert rows_mentioning(body, "zone-000-korpschef"), body
    assert rows_mentioning(body, COORD)
    assert any("rapporteert aan de korpschef" in s for s in strings(body["rows"]))


def test_chain_of_command_by_name(client: TestClient) -> None:
    body = get(client, "/chain-of-command/Diensthoofd DSI")
    assert body["resolved"]["id"]["id"] == "zone-000-diensthoofd-dsi"
    assert rows_mentioning(body, "zone-000-korpschef")


def test_subordinates_of_the_korpschef(client: TestClient) -> None:
    body = get(client, "/subordinates/zone-000-korpschef")
    assert rows_mentioning(body, COORD)


def test_responsible_for_drugs_includes_the_operational_coordinator(client: TestClient) -> None:
    body = get(client, "/responsible", **{"for": "drugs"})
    rows = rows_mentioning(body, COORD)
    assert rows, body
    assert any("actiedomeinen drugs" in s for s in strings(rows))


def test_contact_for_bicycle_theft_is_the_reception_of_zone_001(client: TestClient) -> None:
    body = get(client, "/contact", task="fietsdiefstal")
    rows = rows_mentioning(body, "zone-001-onthaal")
    assert rows, body
    assert any("fietsdiefstal" in s for s in strings(rows))


def test_search_finds_abbreviations(client: TestClient) -> None:
    body = get(client, "/search", q="oltf", limit=5)
    assert rows_mentioning(body, "o-ltf-zone-000")
    assert body["count"] <= 5


def test_entity_details(client: TestClient) -> None:
    body = get(client, f"/entities/{COORD}")
    assert body["count"] >= 1
    assert rows_mentioning(body, COORD)


def test_path_between_head_of_dsi_and_korpschef(client: TestClient) -> None:
    body = get(client, "/path", **{"from": "zone-000-diensthoofd-dsi", "to": "zone-000-korpschef"})
    assert body["count"] >= 1
    assert rows_mentioning(body, "zone-000-korpschef")


def test_organisations_tree_and_coverage(client: TestClient) -> None:
    orgs = get(client, "/organisations")
    assert rows_mentioning(orgs, "zone-001")
    tree = get(client, "/organisations/zone-001/tree")
    assert rows_mentioning(tree, "zone-001-onthaal")
    coverage = get(client, "/organisations/zone-001/coverage")
    assert coverage["count"] >= 1


def test_unknown_id_is_404_with_suggestions(client: TestClient) -> None:
    r = client.get(f"{V1}/chain-of-command/zone-000-korpschef-x", headers=READER)
    assert r.status_code == 404
    assert any(s.startswith("zone-000-korpschef") for s in r.json()["suggestions"])
    r = client.get(f"{V1}/representatives", params={"at": "O-LTFF"}, headers=READER)
    assert r.status_code == 404
    body = r.json()
    assert any(s.startswith("o-ltf-zone-000") for s in body["suggestions"])
    assert body["candidates"][0]["id"] == "o-ltf-zone-000"
    assert set(body["candidates"][0]) == {"id", "name", "kind", "organisation", "path"}


def test_a_typo_in_an_id_resolves_by_full_text_when_clearly_ahead(client: TestClient) -> None:
    body = get(client, "/chain-of-command/zone-000-korpschf")
    assert body["resolved"]["id"]["id"] == "zone-000-korpschef"
    assert body["resolved"]["id"]["rule"] == "fulltext"


def test_ambiguous_name_is_409_with_candidates(client: TestClient) -> None:
    r = client.get(f"{V1}/chain-of-command/Korpschef", headers=READER)
    assert r.status_code == 409, r.text
    cands = {c["id"]: c for c in r.json()["candidates"]}
    assert "zone-000-korpschef" in cands and len(cands) >= 2
    assert cands["zone-000-korpschef"]["organisation"]["id"] == "zone-000"
    assert cands["lokeren-korpschef"]["organisation"]["id"] == "lokeren"
    assert all(isinstance(c["path"], list) for c in cands.values())


def test_org_resolves_a_shared_name_inside_one_organisation(client: TestClient) -> None:
    body = get(client, "/chain-of-command/Korpschef", org="zone-000")
    assert body["resolved"]["id"]["id"] == "zone-000-korpschef"
    assert body["resolved"]["id"]["rule"] == "exact"
    assert body["resolved"]["org"]["id"] == "zone-000"
    assert body["resolved"]["org"]["rule"] == "id"
    lokeren = get(client, "/subordinates/korpschef", org="Politiezone Lokeren")
    assert lokeren["resolved"]["id"]["id"] == "lokeren-korpschef"
    assert lokeren["resolved"]["org"]["rule"] == "exact"
    # the library endpoint takes `org` for every query, declared or not
    body = {"id": "Korpschef", "org": "zone-000"}
    r = client.post(f"{V1}/queries/chain_of_command", json=body, headers=READER)
    assert r.status_code == 200, r.text
    assert r.json()["params"] == {"id": "zone-000-korpschef"}


def test_a_city_and_a_zone_named_after_one_place_are_409_without_org(client: TestClient) -> None:
    r = client.get(f"{V1}/organisations/Lokeren/tree", headers=READER)
    assert r.status_code == 409, r.text
    cands = {c["id"]: c for c in r.json()["candidates"]}
    assert set(cands) >= {"lokeren", "lokeren-stad"}
    assert get(client, "/organisations/Lokeren/tree", org="lokeren")["resolved"]["id"]["id"] == (
        "lokeren"
    )
    assert get(client, "/organisations/PZ Lokeren/tree")["resolved"]["id"]["id"] == "lokeren"


def test_search_rows_name_their_organisation_and_take_org_and_kind(client: TestClient) -> None:
    rows = get(client, "/search", q="korpschef")["rows"]
    by_id = {r["id"]: r for r in rows}
    assert by_id["lokeren-korpschef"]["organisation"]["id"] == "lokeren"
    assert "path" in by_id["zone-000-korpschef"]
    scoped = get(client, "/search", q="korpschef lokeren", org="lokeren", kind="Post")
    assert scoped["rows"] and {r["kind"] for r in scoped["rows"]} == {"Post"}
    assert {(r["organisation"] or {}).get("id") for r in scoped["rows"]} <= {"lokeren", None}
    assert scoped["resolved"]["org"]["id"] == "lokeren"


def test_resolution_errors_echo_a_short_prefix_only(client: TestClient) -> None:
    long_ref = "q" * 199
    r = client.get(f"{V1}/chain-of-command/{long_ref}", headers=READER)
    assert r.status_code == 404
    assert long_ref not in r.text and "qqq" in r.json()["detail"]


def test_bad_parameter_is_422_naming_the_field(client: TestClient) -> None:
    r = client.get(
        f"{V1}/representatives", params={"at": "O-LTF", "as_of": "gisteren"}, headers=READER
    )
    assert r.status_code == 422
    assert "as_of" in r.text
    r = client.get(f"{V1}/search", params={"q": "x", "limit": "many"}, headers=READER)
    assert r.status_code == 422
    assert "limit" in r.text


def test_query_library_listing(client: TestClient) -> None:
    r = client.get(f"{V1}/queries", headers=READER)
    assert r.status_code == 200
    names = {q["name"] for q in r.json()}
    assert {"search", "chain_of_command", "who_represents"} <= names
    assert all(q["doc"] and q["returns"] for q in r.json())


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("chain_of_command", {"id": "zone-000-diensthoofd-dsi"}),
        ("who_represents", {"at": "o-ltf-zone-000"}),
        ("search", {"q": "drugs"}),
        ("contact_for", {"task": "fietsdiefstal"}),
    ],
)
def test_named_query_returns_the_rows_of_the_library(
    client: TestClient, seeded: Driver, name: str, params: dict[str, Any]
) -> None:
    r = client.post(f"{V1}/queries/{name}", json=params, headers=READER)
    assert r.status_code == 200, r.text
    expected = [to_jsonable(row) for row in queries.run(seeded, name, params, database=DATABASE)]
    assert r.json()["rows"] == expected


def test_named_query_errors(client: TestClient) -> None:
    r = client.post(f"{V1}/queries/chain_of_comand", json={}, headers=READER)
    assert r.status_code == 404
    assert "chain_of_command" in r.json()["suggestions"]
    r = client.post(f"{V1}/queries/chain_of_command", json={}, headers=READER)
    assert r.status_code == 422
    assert "id" in r.json()["detail"]
    r = client.post(f"{V1}/queries/chain_of_command", json={"id": 3}, headers=READER)
    assert r.status_code == 422
    r = client.post(f"{V1}/queries/chain_of_command", json={"nope": 1, "id": "x"}, headers=READER)
    assert r.status_code == 422
    assert "nope" in r.json()["detail"]
    r = client.post(f"{V1}/queries/chain_of_command", json=[1, 2], headers=READER)
    assert r.status_code == 422


def test_openapi_has_an_example_for_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, ops in spec["paths"].items():
        if not path.startswith(V1):
            continue  # the HTML pages of the visualisations
        for method, op in ops.items():
            ok = op["responses"].get("200", {})
            content = ok.get("content", {}).get("application/json", {})
            has_example = "example" in content or "examples" in content
            schema_ref = content.get("schema", {}).get("$ref", "")
            if not has_example and schema_ref:
                model = spec["components"]["schemas"][schema_ref.rsplit("/", 1)[-1]]
                has_example = any("examples" in p for p in model.get("properties", {}).values())
            assert has_example, f"{method.upper()} {path} has no example"
