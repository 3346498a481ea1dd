// name: relation_state
// doc: The stored properties and endpoints of the given relationships (type, id, start node id), for --dry-run's old -> new listing; found through the start node's id index.
// params: rows: list
// returns: type: str, id: str, from_id: str, to_id: str, props: map
// mode: read
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r]->(b)
WHERE type(r) = row.type AND r.id = row.id
RETURN row.type AS type, row.id AS id, a.id AS from_id, b.id AS to_id, properties(r) AS props
