// name: entity_state
// doc: The stored properties of the given entities, for --dry-run's old -> new listing (absent ids are left out).
// params: ids: list
// returns: id: str, props: map
// mode: read
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, properties(n) AS props
