// name: export_entities_of
// doc: The :Entity nodes with these ids and all their properties, for an export scoped to one organisation.
// params: ids: list[str](5000)
// returns: props: map
// mode: read
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN properties(n) AS props
ORDER BY n.id
