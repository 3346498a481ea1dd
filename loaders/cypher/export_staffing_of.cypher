// name: export_staffing_of
// doc: The staffing figures of these entities with their entity's id and all their properties (a page of a paged export, or an organisation's part).
// params: ids: list[str](5000)
// returns: entity: str, props: map
// mode: read
UNWIND $ids AS id
MATCH (e:Entity {id: id})-[:HAS_STAFFING]->(s:Staffing)
RETURN e.id AS entity, properties(s) AS props
ORDER BY e.id, s.id
