// name: export_staffing
// doc: Every staffing figure with its entity's id and all its properties, for `orggraph export` (written back under the entity's `staffing:`).
// params: 
// returns: entity: str, props: map
// mode: read
MATCH (e:Entity)-[:HAS_STAFFING]->(s:Staffing)
RETURN e.id AS entity, properties(s) AS props
ORDER BY e.id, s.id
