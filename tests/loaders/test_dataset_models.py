"""Unit tests of the dataset models: the strictness the validator relies on."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from loaders.dataset import (
    ALLOWED_ENDPOINTS,
    REQUIRED_PROPS,
    DatasetFile,
    Entity,
    EntityKind,
    Relation,
    RelType,
    Source,
    Status,
    UnresolvedSource,
    resolve_dataset,
    slug_suggestion,
)


def entity(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": "zone-000-dsi", "kind": "Unit", "name": "DSI", "quote": "q"}
    base.update(over)
    return base


def test_enums_match_doc_names() -> None:
    assert RelType.PART_OF == "PART_OF"
    assert EntityKind.PARTNER_BODY.value == "PartnerBody"
    assert len(EntityKind) == 14
    assert len(RelType) == 21
    assert set(ALLOWED_ENDPOINTS) == set(RelType)
    assert [s.value for s in Status] == ["current", "planned", "historical"]


def test_endpoint_table_examples() -> None:
    src, dst = ALLOWED_ENDPOINTS[RelType.REPORTS_TO]
    assert src == {EntityKind.POST, EntityKind.UNIT, EntityKind.ORGANISATION}
    assert EntityKind.PARTNER_BODY in dst
    assert ALLOWED_ENDPOINTS[RelType.HOLDS] == (
        frozenset({EntityKind.PERSON}),
        frozenset({EntityKind.POST}),
    )
    assert REQUIRED_PROPS[RelType.REPORTS_TO]["line"] == frozenset(
        {
            "hierarchical",
            "administrative",
            "judicial",
            "coordination",
        }
    )
    assert "on_behalf_of" in REQUIRED_PROPS[RelType.REPRESENTS_AT]


def test_unknown_key_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        Entity.model_validate(entity(colour="blue"))
    assert exc.value.errors()[0]["type"] == "extra_forbidden"


@pytest.mark.parametrize("bad", ["Zone-000", "zone_000", "zone--000", "-zone", "zone.", ""])
def test_bad_slugs(bad: str) -> None:
    with pytest.raises(ValidationError):
        Entity.model_validate(entity(id=bad))


def test_slug_suggestion() -> None:
    assert slug_suggestion("Zone 000_DSI") == "zone-000-dsi"


def test_dates_from_yaml_or_iso_strings() -> None:
    e = Entity.model_validate(entity(valid_from=date(2020, 1, 1), valid_to="2024-12-31"))
    assert e.valid_from == date(2020, 1, 1)
    assert e.valid_to == date(2024, 12, 31)
    for bad in (2020, "2020-13-01", "1 jan 2020", True):
        with pytest.raises(ValidationError):
            Entity.model_validate(entity(valid_from=bad))


def test_props_values() -> None:
    e = Entity.model_validate(
        entity(
            props={"rank": "HINP", "year": 2017, "value": 1.5, "ok": True, "d": date(2020, 1, 1)}
        )
    )
    assert e.props["ok"] is True
    assert e.props["year"] == 2017
    Entity.model_validate(entity(props={"codes": ["a", "b"]}))
    for bad in ({"x": None}, {"x": {"y": 1}}, {"x": [1, "a"]}, {"Bad-Key": 1}, {"x": [[1]]}):
        with pytest.raises(ValidationError):
            Entity.model_validate(entity(props=bad))


def test_strings_are_not_coerced() -> None:
    with pytest.raises(ValidationError):
        Entity.model_validate(entity(name=123))
    with pytest.raises(ValidationError):
        Entity.model_validate(entity(type="Dienst"))
    with pytest.raises(ValidationError):
        Entity.model_validate(entity(inferred="yes", reason="r"))


def test_relation_from_alias_and_default_id() -> None:
    r = Relation.model_validate({"type": "PART_OF", "from": "a", "to": "b", "quote": "q"})
    assert r.from_ == "a"
    assert r.effective_id == "a--part_of--b"
    r2 = Relation.model_validate(
        {"type": "PART_OF", "from": "a", "to": "b", "quote": "q", "id": "a-in-b-2"}
    )
    assert r2.effective_id == "a-in-b-2"


def test_source_defaults() -> None:
    s = Source.model_validate(
        {"id": "primer", "file": "../domain/PRIMER.md", "title": "Primer", "kind": "primer"}
    )
    assert s.language == "nl"
    assert s.organisation is None


def test_resolution_applies_defaults_only_to_omitted_fields() -> None:
    ds = DatasetFile.model_validate(
        {
            "dataset": "zone-000",
            "defaults": {
                "source": "seed-000",
                "status": "planned",
                "valid_from": "2019-01-01",
                "valid_to": "2024-12-31",
            },
            "entities": [
                entity(),
                entity(id="b", source="seed-001", status="current", valid_to=None),
            ],
            "relations": [{"type": "PART_OF", "from": "b", "to": "zone-000-dsi", "quote": "q"}],
        }
    )
    res = resolve_dataset(ds)
    a, b = res.entities
    assert (a.source, a.status, a.valid_from, a.valid_to) == (
        "seed-000",
        Status.PLANNED,
        date(2019, 1, 1),
        date(2024, 12, 31),
    )
    assert (b.source, b.status, b.valid_to) == ("seed-001", Status.CURRENT, None)
    assert b.dataset == "zone-000"
    (r,) = res.relations
    assert r.id == "b--part_of--zone-000-dsi"
    assert r.source == "seed-000"


def test_resolution_without_source_raises() -> None:
    ds = DatasetFile.model_validate({"dataset": "x", "entities": [entity()]})
    with pytest.raises(UnresolvedSource):
        resolve_dataset(ds)
    assert resolve_dataset(DatasetFile.model_validate({"dataset": "x"})).entities == ()
