"""Unit tests of the dataset models (the strictness the validator relies on) and of the rows
the loader builds from them: what Neo4j receives, checked without a database."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from graph.errors import UnresolvedSource
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
    provenance,
    slug_suggestion,
)
from loaders.rows import EntityRow, RelationRow, entity_row, file_base, relation_row


def entity(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": "zone-000-dsi", "kind": "Unit", "name": "DSI", "quote": "q"}
    base.update(over)
    return base


def test_enums_match_doc_names() -> None:
    assert RelType.PART_OF == "PART_OF"
    assert EntityKind.PARTNER_BODY.value == "PartnerBody"
    assert len(EntityKind) == 16  # issue 14 added Board and System
    assert len(RelType) == 27  # and APPROVES, ESTABLISHES, APPOINTS, INSTANCE_OF, USES, MANAGES
    assert set(ALLOWED_ENDPOINTS) == set(RelType)
    assert [s.value for s in Status] == ["current", "planned", "historical"]


def test_endpoint_table_examples() -> None:
    src, dst = ALLOWED_ENDPOINTS[RelType.REPORTS_TO]
    assert src == {
        EntityKind.POST,
        EntityKind.UNIT,
        EntityKind.ORGANISATION,
        EntityKind.BOARD,
        EntityKind.PARTNER_BODY,
    }
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
    # Optional since issue 14: absent, the representative speaks for its own organisation.
    assert RelType.REPRESENTS_AT not in REQUIRED_PROPS


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


ZONE = {
    "dataset": "zone-000",
    "defaults": {
        "source": "seed-000",
        "status": "planned",
        "valid_from": "2019-01-01",
        "valid_to": "2024-12-31",
    },
    "entities": [
        entity(aliases=["Steun"], abbreviation="D-SI"),
        entity(
            id="b",
            kind="Post",
            name="B",
            quote="qb",
            source="seed-001",
            status="current",
            valid_to=None,
            inferred=True,
            reason="r",
            props={"rank": "HINP", "d": date(2020, 1, 1)},
        ),
    ],
    "relations": [
        {"type": "PART_OF", "from": "b", "to": "zone-000-dsi", "quote": "q"},
        {
            "type": "REPORTS_TO",
            "from": "b",
            "to": "zone-000-dsi",
            "quote": "q2",
            "source": "seed-000",
            "status": "planned",
            "props": {"line": "hierarchical"},
            "valid_from": None,
        },
    ],
}
STORED_PROVENANCE = ("source", "status", "inferred", "reason", "valid_from", "valid_to")


def test_defaults_fill_only_omitted_fields_of_what_neo4j_stores() -> None:
    """The properties the upserts store for each row (`stored()` mirrors their SET clauses;
    test_load checks that mirror against Neo4j): an omitted field takes the file's default,
    an explicit value or an explicit null date is kept."""
    ds = DatasetFile.model_validate(ZONE)
    d, base = ds.defaults, file_base(ds.defaults)
    a, b = (entity_row(e, d, ds.dataset).stored(ds.dataset, base) for e in ds.entities)
    part_of, reports_to = (
        relation_row(r, d, ds.dataset).stored(ds.dataset, base) for r in ds.relations
    )
    assert {k: a[k] for k in STORED_PROVENANCE} == {
        "source": "seed-000",
        "status": "planned",
        "inferred": False,
        "reason": None,
        "valid_from": date(2019, 1, 1),
        "valid_to": date(2024, 12, 31),
    }
    assert {k: b[k] for k in STORED_PROVENANCE} == {
        "source": "seed-001",
        "status": "current",
        "inferred": True,
        "reason": "r",
        "valid_from": date(2019, 1, 1),
        "valid_to": None,
    }
    assert (a["id"], a["kind"], a["dataset"], a["quote"]) == (
        "zone-000-dsi",
        "Unit",
        "zone-000",
        "q",
    )
    assert (b["rank"], b["name"]) == ("HINP", "B")
    assert part_of["id"] == "b--part_of--zone-000-dsi"
    assert (part_of["source"], part_of["status"], part_of["valid_to"]) == (
        "seed-000",
        "planned",
        date(2024, 12, 31),
    )
    assert (part_of["from"], part_of["to"]) == ("b", "zone-000-dsi")
    assert (reports_to["valid_from"], reports_to["valid_to"]) == (None, date(2024, 12, 31))
    assert reports_to["line"] == "hierarchical"
    # The rows follow the one defaults rule that validation uses too.
    facts: list[Entity | Relation] = [*ds.entities, *ds.relations]
    rows: list[EntityRow | RelationRow] = [entity_row(e, d, ds.dataset) for e in ds.entities]
    rows += [relation_row(r, d, ds.dataset) for r in ds.relations]
    for fact, row in zip(facts, rows, strict=True):
        p, stored = provenance(fact, d), row.stored(ds.dataset, base)
        assert (p.source, p.status.value, p.inferred, p.reason, p.valid_from, p.valid_to) == (
            tuple(stored[k] for k in STORED_PROVENANCE)
        )
        assert stored["quote"] == p.quote


def test_rows_send_file_defaults_once_and_keep_their_content_hashes() -> None:
    """The wire rows leave out what the batch's $source/$status say, and the content hashes
    are pinned: a change in either shape makes the next load rewrite every stored fact."""
    ds = DatasetFile.model_validate(ZONE)
    d = ds.defaults
    a, b = (entity_row(e, d, ds.dataset) for e in ds.entities)
    part_of, reports_to = (relation_row(r, d, ds.dataset) for r in ds.relations)
    assert file_base(d) == ("seed-000", "planned")
    assert a.wire[2:] == ["q", None, None, None, None, date(2019, 1, 1), date(2024, 12, 31)]
    assert b.wire[2:] == ["qb", "seed-001", "current", True, "r", date(2019, 1, 1)]
    assert part_of.wire[3:] == [
        "q",
        None,
        None,
        None,
        None,
        None,
        date(2019, 1, 1),
        date(2024, 12, 31),
    ]
    assert reports_to.wire[3:] == [
        "q2", {"line": "hierarchical"}, None, None, None, None, None, date(2024, 12, 31)
    ]  # fmt: skip
    assert [a.hash, b.hash, part_of.hash, reports_to.hash] == [
        "861dfd5a830209e152681f1d",
        "72f596a6d885cfebe4ebc784",
        "fa7d27661665ecf66464cd8a",
        "4b8d182e49abb03b9b5b0319",
    ]
    assert a.wire[1]["content_hash"] == a.hash
    assert reports_to.key == "REPORTS_TO|b--reports_to--zone-000-dsi|b"


def test_a_fact_without_source_never_becomes_a_row() -> None:
    ds = DatasetFile.model_validate({"dataset": "x", "entities": [entity()]})
    assert provenance(ds.entities[0], ds.defaults).source is None
    with pytest.raises(UnresolvedSource):
        entity_row(ds.entities[0], ds.defaults, ds.dataset)
