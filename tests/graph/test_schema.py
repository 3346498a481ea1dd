from neo4j import Driver

from graph.schema import LATEST, apply_schema, current_version, schema_objects
from tests.support import DATABASE

DB = DATABASE


def test_schema_apply_is_idempotent_and_records_version(driver: Driver) -> None:
    first = apply_schema(driver, database=DB)
    objects = schema_objects(driver, database=DB)
    second = apply_schema(driver, database=DB)
    assert second.created == ()
    assert schema_objects(driver, database=DB) == objects
    assert first.to_version == second.to_version == LATEST
    assert current_version(driver, database=DB) == LATEST
    assert {"entity_id", "source_id", "entity_search", "rel_reports_to_id"} <= objects


def test_entity_id_is_unique(db: Driver) -> None:
    import pytest
    from neo4j.exceptions import ConstraintError

    db.execute_query("CREATE (:Entity {id: 'x'})", database_=DB)
    with pytest.raises(ConstraintError):
        db.execute_query("CREATE (:Entity {id: 'x'})", database_=DB)
