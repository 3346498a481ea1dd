// name: upsert_entities
// doc: Create or update entities by id; `kind` and `$kinds` come from the EntityKind enum (validated); every other kind label is removed, so a kind change leaves no stale label.
// params: rows: list, kinds: list
// returns: count: int
// mode: write
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
// A node another dataset created meanwhile is not taken over: the caller sees count < rows.
WITH n, row WHERE n.dataset IS NULL OR n.dataset = row.props.dataset
SET n = row.props
SET n:$(row.kind)
REMOVE n:$([k IN $kinds WHERE k <> row.kind])
RETURN count(*) AS count
