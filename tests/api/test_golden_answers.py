"""The API's answers to the seed questions, byte for byte as recorded before the house moved.

A refactor must not change what an analyst gets back. Each request below is answered by the
app over the seed datasets and compared with `golden/seed_answers.json` (status, media type and
the exact body; JSON with its map keys sorted and full-text scores left out, see `canonical`).
A deliberate change of an answer re-records the file:

    .venv/bin/pytest tests/api/test_golden_answers.py --record-golden

and the diff of the JSON file shows what changed, for review.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.app import create_app
from graph.settings import Settings
from tests.support import ANALYST, READER

GOLDEN = Path(__file__).resolve().parent / "golden" / "seed_answers.json"
V1 = "/api/v1"
ORGS_CYPHER = "MATCH (o:Organisation) RETURN o.id ORDER BY o.id"

# (method, path, query params or JSON body, who asks): the acceptance questions, their
# name-based variants, every lookup area, CSV, the query library and the error answers.
REQUESTS: list[tuple[str, str, dict[str, Any], str]] = [
    ("GET", "/representatives", {"at": "O-LTF"}, "reader"),
    ("GET", "/representatives", {"at": "oltf", "org": "zone-000"}, "reader"),
    ("GET", "/representatives", {"at": "O-LTFF"}, "reader"),
    ("GET", "/chain-of-command/zone-000-diensthoofd-dsi", {}, "reader"),
    ("GET", "/chain-of-command/Diensthoofd DSI", {}, "reader"),
    ("GET", "/chain-of-command/Korpschef", {}, "reader"),
    ("GET", "/chain-of-command/zone-000-korpschf", {}, "reader"),
    ("GET", "/subordinates/zone-000-korpschef", {}, "reader"),
    ("GET", "/responsible", {"for": "drugs"}, "reader"),
    ("GET", "/responsible", {"for": "radicalisering"}, "reader"),
    ("GET", "/contact", {"task": "fietsdiefstal"}, "reader"),
    ("GET", "/contact", {"task": "bicycle theft"}, "reader"),
    ("GET", "/contact", {"task": "xyzzy nothing"}, "reader"),
    ("GET", "/search", {"q": "oltf", "limit": 5}, "reader"),
    ("GET", "/search", {"q": "korpschef"}, "reader"),
    ("GET", "/search", {"q": "x", "limit": "many"}, "reader"),
    ("GET", "/entities/zone-000-operationeel-coordinator", {}, "reader"),
    ("GET", "/entities/O-LTF", {}, "reader"),
    ("GET", "/path", {"from": "zone-000-diensthoofd-dsi", "to": "zone-000-korpschef"}, "reader"),
    ("GET", "/organisations", {}, "reader"),
    ("GET", "/organisations", {"format": "csv"}, "reader"),
    ("GET", "/organisations/zone-001/tree", {}, "reader"),
    ("GET", "/organisations/zone-001/coverage", {}, "reader"),
    ("GET", "/organisations/zone-000/partners", {}, "reader"),
    ("GET", "/organisations/zone-000/collaborations", {}, "reader"),
    ("GET", "/organisations/zone-000/objectives", {}, "reader"),
    ("GET", "/forums/o-ltf-zone-000/participants", {}, "reader"),
    ("GET", "/queries", {}, "reader"),
    ("POST", "/queries/chain_of_command", {"id": "zone-000-diensthoofd-dsi"}, "reader"),
    ("POST", "/queries/who_represents", {"at": "o-ltf-zone-000"}, "reader"),
    ("POST", "/queries/chain_of_comand", {}, "reader"),
    ("POST", "/queries/chain_of_command", {"id": 3}, "reader"),
    ("POST", "/cypher", {"statement": ORGS_CYPHER}, "analyst"),
    ("POST", "/cypher", {"statement": "CREATE (n:X) RETURN n"}, "analyst"),
]


@pytest.fixture(scope="module")
def golden_client(seeded: Driver, api_settings: Settings) -> Iterator[TestClient]:
    """A generous query timeout: a busy machine must not record (or compare) a timeout."""
    settings = api_settings.model_copy(update={"cypher_timeout_s": 120.0})
    with TestClient(create_app(settings, seeded), raise_server_exceptions=False) as c:
        yield c


def _answer(client: TestClient, method: str, path: str, given: dict[str, Any], who: str) -> Any:
    headers = ANALYST if who == "analyst" else READER
    if method == "GET":
        r = client.get(V1 + path, params=given, headers=headers)
    else:
        r = client.post(V1 + path, json=given, headers=headers)
    body = r.content.decode("utf-8")
    if r.headers.get("content-type", "").startswith("application/json"):
        body = canonical(body)
    return {"status": r.status_code, "content_type": r.headers.get("content-type"), "body": body}


def _without_scores(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: "<score>" if k == "score" else _without_scores(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_scores(v) for v in value]
    return value


def canonical(body: str) -> str:
    """A JSON body as compared: map keys sorted (their order is Neo4j's property-store order,
    which differs between databases loaded in parallel) and full-text `score`s left out (Lucene
    derives them from index statistics that count deleted documents, so they depend on what
    the database held before, not on our code; the rows' order and `rank` still say how the
    hits were ranked). Rows, lists and every other value are compared as they come."""
    return json.dumps(_without_scores(json.loads(body)), sort_keys=True, ensure_ascii=False)


def _key(method: str, path: str, given: dict[str, Any], who: str) -> str:
    return f"{who} {method} {path} {json.dumps(given, sort_keys=True, ensure_ascii=False)}"


def test_every_seed_answer_is_as_recorded(
    golden_client: TestClient, request: pytest.FixtureRequest
) -> None:
    answers = {_key(*req): _answer(golden_client, *req) for req in REQUESTS}
    if request.config.getoption("--record-golden"):
        bad = [k for k, a in answers.items() if a["status"] >= 500 or "timeout" in a["body"]]
        assert not bad, f"not recording answers that failed on this machine: {bad}"
        GOLDEN.parent.mkdir(exist_ok=True)
        text = json.dumps(answers, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        GOLDEN.write_text(text, encoding="utf-8")
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(recorded) == sorted(answers), "the request list and the recording differ"
    changed = [k for k in answers if answers[k] != recorded[k]]
    assert not changed, "answers changed (re-record only if intended): " + "; ".join(changed)


def test_the_recording_holds_real_answers() -> None:
    """A recording of errors only would make the comparison above worthless."""
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    ok = [a for a in recorded.values() if a["status"] == 200]
    assert len(ok) >= 20
    assert any("vertegenwoordigt de politiezone" in a["body"] for a in ok)
    assert {a["status"] for a in recorded.values()} >= {200, 403, 404, 409, 422}
    assert not [a for a in recorded.values() if "timeout" in a["body"]]
