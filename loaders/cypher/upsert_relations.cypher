// name: upsert_relations
// doc: Create or update relationships by (type, id) between existing entities; `type` comes from the RelType enum (validated).
// params: rows: list
// returns: count: int
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
WITH r, row WHERE r.dataset IS NULL OR r.dataset = row.props.dataset
SET r = row.props
RETURN count(*) AS count
