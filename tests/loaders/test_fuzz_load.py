"""Hostile dataset files through the real loader: always a located validation error, never a
traceback, and the database is left exactly as it was.

`make stress` raises the example count through ORGGRAPH_STRESS_EXAMPLES.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from graph.db import wipe
from graph.errors import ValidationFailed
from loaders.load import load
from tests.loaders.graph_hash import graph_hash
from tests.stress_stats import count
from tests.support import DATA_DIR, DATABASE, SOURCES_DIR

pytestmark = pytest.mark.reliability("crashes", "partial writes")

ROOT = Path(__file__).resolve().parents[2]
DATA = DATA_DIR
SOURCES = SOURCES_DIR
DB = DATABASE
# Each example is a full validation against the seed data: a tenth of the stress count.
EXAMPLES = max(25, int(os.environ.get("ORGGRAPH_STRESS_EXAMPLES", "250")) // 10)


def base() -> dict[str, Any]:
    """A small valid dataset that references the seed data."""
    return {
        "dataset": "fuzz",
        "defaults": {"source": "seed-000"},
        "entities": [
            {"id": "fuzz-a", "kind": "Unit", "name": "A", "quote": "rapporteert aan de korpschef"},
            {"id": "fuzz-b", "kind": "Unit", "name": "B", "quote": "rapporteert aan de korpschef"},
        ],
        "relations": [
            {"type": "PART_OF", "from": "fuzz-a", "to": "zone-000-opco",
             "quote": "rapporteert aan de korpschef"},
        ],
    }  # fmt: skip


def _dump(doc: Any) -> bytes:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8")


junk = st.text(min_size=1, max_size=40)
Mutation = Callable[[dict[str, Any], str], bytes]


def wrong_type(d: dict[str, Any], s: str) -> bytes:
    d["entities"][0]["name"] = [s, {"x": 1}]
    return _dump(d)


def missing_field(d: dict[str, Any], s: str) -> bytes:
    del d["entities"][1]["quote"]
    return _dump(d)


def unknown_reference(d: dict[str, Any], s: str) -> bytes:
    d["relations"][0]["to"] = "no-such-" + str(abs(hash(s)) % 1000)
    return _dump(d)


def part_of_cycle(d: dict[str, Any], s: str) -> bytes:
    q = "rapporteert aan de korpschef"
    d["relations"] = [
        {"type": "PART_OF", "from": "fuzz-a", "to": "fuzz-b", "quote": q},
        {"type": "PART_OF", "from": "fuzz-b", "to": "fuzz-a", "quote": q},
    ]
    return _dump(d)


def duplicate_id(d: dict[str, Any], s: str) -> bytes:
    d["entities"][1]["id"] = "zone-000-dsi"  # already defined by the seed data
    return _dump(d)


def huge_string(d: dict[str, Any], s: str) -> bytes:
    d["entities"][0]["quote"] = (s or "x") * (200_000 // max(len(s), 1))
    return _dump(d)


def odd_unicode_id(d: dict[str, Any], s: str) -> bytes:
    d["entities"][0]["id"] = "fuzz-\u202e\u0000" + s
    return _dump(d)


def hostile_cypher(d: dict[str, Any], s: str) -> bytes:
    d["entities"][0]["kind"] = "Unit`) DETACH DELETE n //" + s
    return _dump(d)


def alias_bomb(d: dict[str, Any], s: str) -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{','.join(['*' + prev] * 9)}]")
    lines.append("dataset: *i")
    return ("\n".join(lines) + "\n").encode()


def binary_junk(d: dict[str, Any], s: str) -> bytes:
    return b"\x00\xff\xfe" + s.encode("utf-8", "surrogatepass") + bytes(range(256))


def bad_date(d: dict[str, Any], s: str) -> bytes:
    d["entities"][0]["valid_from"] = "2020-02-30"
    return _dump(d)


def unknown_key(d: dict[str, Any], s: str) -> bytes:
    d["entities"][0]["naam"] = s
    return _dump(d)


MUTATIONS: list[Mutation] = [
    wrong_type, missing_field, unknown_reference, part_of_cycle, duplicate_id, huge_string,
    odd_unicode_id, hostile_cypher, alias_bomb, binary_junk, bad_date, unknown_key,
]  # fmt: skip


@pytest.fixture(scope="module")
def seeded_db(driver: Driver) -> Iterator[Driver]:
    wipe(driver, database=DB)
    load(driver, [DATA], database=DB, sources_dir=SOURCES)
    yield driver


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(mutation=st.sampled_from(MUTATIONS), payload=junk)
def test_hostile_dataset_is_rejected_with_location_and_changes_nothing(
    seeded_db: Driver, mutation: Mutation, payload: str
) -> None:
    count("examples")
    before = graph_hash(seeded_db, DB)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.yaml"
        path.write_bytes(mutation(base(), payload))
        with pytest.raises(ValidationFailed) as exc:
            load(seeded_db, [DATA, path], database=DB, sources_dir=SOURCES)
    problems = exc.value.problems
    assert problems, mutation.__name__
    for p in problems:
        assert p.file and p.line >= 1 and p.col >= 1 and p.message, p
    assert graph_hash(seeded_db, DB) == before


def test_every_mutation_is_exercised(seeded_db: Driver) -> None:
    """Each hostile shape once, deterministically, whatever hypothesis draws."""
    before = graph_hash(seeded_db, DB)
    for mutation in MUTATIONS:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "fuzz.yaml"
            path.write_bytes(mutation(base(), "é'})"))
            with pytest.raises(ValidationFailed):
                load(seeded_db, [DATA, path], database=DB, sources_dir=SOURCES)
    assert graph_hash(seeded_db, DB) == before
