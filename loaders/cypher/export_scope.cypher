// name: export_scope
// doc: The core of an export scoped to one organisation: its kind, and the ids of the entity itself, of everything PART_OF it at any depth and of whoever HOLDS one of those (no kind and no ids when there is no such entity).
// params: org: str(200)
// returns: kind: str?, ids: list
// mode: read
OPTIONAL MATCH (o:Entity {id: $org})
OPTIONAL MATCH (o)<-[:PART_OF*0..]-(c:Entity)
WITH o, collect(DISTINCT c) AS parts
CALL (parts) {
  UNWIND parts AS p
  MATCH (h:Entity)-[:HOLDS]->(p)
  RETURN collect(DISTINCT h) AS holders
}
RETURN o.kind AS kind, [n IN parts | n.id] + [n IN holders WHERE NOT n IN parts | n.id] AS ids
