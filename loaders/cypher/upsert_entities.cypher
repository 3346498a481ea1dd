// name: upsert_entities
// doc: Create or update entities by id; `kind` comes from the EntityKind enum (validated), old kind labels are removed.
// params: rows: list
// returns: count: int
// mode: write
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props
SET n:$(row.kind)
REMOVE n:$(row.drop_labels)
RETURN count(*) AS count
