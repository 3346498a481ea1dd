"""The common questions in English: the vocabulary's English aliases reach the Dutch data, and
a lookup by free text that finds nothing says what it looked for and suggests close names."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.support import READER, SOURCES_DIR

V1 = "/api/v1"
SEEDS = SOURCES_DIR

# The common questions → the vocabulary entity each English name means.
ENGLISH = {
    "bicycle theft": "bicycle-theft",
    "lost and found property": "lost-and-found",
    "vandalism": "vandalism",
    "burglary": "inbraken",
    "drugs": "drugs",
    "traffic": "functionality-verkeer",
    "road traffic": "verkeer",
    "nuisance": "overlast",
    "radicalisation": "radicalisering",
    "hate crime": "discriminatie-haatmisdrijven",
    "domestic violence": "intrafamiliaal-geweld",
    "cybercrime": "cybercrime",
    "fraud": "fraude",
    "football": "voetbal",
    "events": "evenementen",
}


def get(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    r = client.get(V1 + path, params=params, headers=READER)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def test_contact_for_bicycle_theft_in_english_is_the_onthaal(client: TestClient) -> None:
    body = get(client, "/contact", task="bicycle theft")
    first = body["rows"][0]
    assert first["id"] == "zone-001-onthaal"
    assert first["name"] == "Dienst Onthaal"
    assert first["task_id"] == "zone-001-task-aangifte-fietsdiefstal"
    assert first["relation"] == "PERFORMS"
    assert first["organisation"]["id"] == "zone-001"
    assert first["via_term"]["id"] == "bicycle-theft"
    assert "fietsdiefstal" in first["source"]["quote"]
    assert body["hint"] is None and body["suggestions"] == []


@pytest.mark.parametrize(
    ("task", "task_id", "unit"),
    [
        ("lost and found property", "zone-001-task-gevonden-voorwerpen", "zone-001-onthaal"),
        ("vandalism", "zone-001-task-aangifte-vandalisme", "zone-001-onthaal"),
        ("domestic violence", "zone-001-task-project-intrafamiliaal-geweld", None),
        ("football", "zone-000-task-ordediensten-voetbal", None),
        ("traffic", "zone-001-task-verkeerscontroles", "zone-001-verkeer"),
    ],
)
def test_contact_in_english_reaches_the_dutch_tasks(
    client: TestClient, task: str, task_id: str, unit: str | None
) -> None:
    rows = get(client, "/contact", task=task)["rows"]
    assert task_id in [r["task_id"] for r in rows], rows
    if unit is not None:
        assert unit in [r["id"] for r in rows if r["task_id"] == task_id]


@pytest.mark.parametrize(("term", "expected"), list(ENGLISH.items()))
def test_english_name_resolves_to_the_vocabulary_entity(
    client: TestClient, term: str, expected: str
) -> None:
    # An alias resolves like a name, unambiguously (a 409 would list candidates).
    body = get(client, f"/entities/{term}")
    assert body["resolved"]["id"]["id"] == expected
    hits = [r["id"] for r in get(client, "/search", q=term, limit=5)["rows"]]
    assert expected in hits[:3], hits


def test_english_names_are_not_copied_from_the_seed_texts() -> None:
    seeds = " ".join(
        re.sub(r"\s+", " ", p.read_text(encoding="utf-8")).lower()
        for p in SEEDS.glob("*.txt")  # the five Dutch seeds, not the English primer
    )
    assert len(seeds) > 10_000
    # Single words are generic by nature ('radicalisation' is in a programme's name); a
    # phrase of several words found verbatim would have been copied.
    phrases = [t for t in ENGLISH if " " in t]
    assert len(phrases) >= 5
    copied = [t for t in phrases if re.search(rf"\b{re.escape(t)}\b", seeds)]
    assert copied == []


def test_empty_contact_says_what_was_looked_for_and_suggests(client: TestClient) -> None:
    body = get(client, "/contact", task="drugs")  # a domain with an officer, but no task
    assert body["rows"] == [] and body["count"] == 0
    assert "'drugs'" in body["hint"]
    assert "/responsible?for=" in body["hint"]
    assert any(s.startswith("drugs (Drugs, Domain)") for s in body["suggestions"])


def test_empty_contact_without_anything_close(client: TestClient) -> None:
    body = get(client, "/contact", task="qqxqz wvwvw")
    assert body["rows"] == [] and body["suggestions"] == []
    assert "'qqxqz wvwvw'" in body["hint"]
    assert "Try other or fewer words" in body["hint"]


def test_empty_responsible_names_what_the_term_resolved_to(client: TestClient) -> None:
    body = get(client, "/responsible", **{"for": "bicycle theft"})
    assert body["rows"] == []
    assert body["resolved"]["for"]["id"] == "bicycle-theft"
    assert "Bicycle theft (Domain bicycle-theft)" in body["hint"]
    assert "/contact?task=" in body["hint"]
    assert all(not s.startswith("bicycle-theft ") for s in body["suggestions"])


def test_empty_search_has_a_hint(client: TestClient) -> None:
    body = get(client, "/search", q="qqxqz")
    assert body["rows"] == []
    assert "'qqxqz'" in body["hint"]


def test_answers_with_rows_carry_no_hint(client: TestClient) -> None:
    for path, params in (
        ("/contact", {"task": "fietsdiefstal"}),
        ("/responsible", {"for": "drugs"}),
        ("/search", {"q": "oltf"}),
        ("/representatives", {"at": "O-LTF"}),
    ):
        body = get(client, path, **params)
        assert body["rows"], path
        assert body["hint"] is None and body["suggestions"] == [], path
