// name: export_relations
// doc: Every relationship between entities with its type, endpoint ids and all its properties, for `orggraph export`.
// params: 
// returns: type: str, from: str, to: str, props: map
// mode: read
MATCH (a:Entity)-[r]->(b:Entity)
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props
ORDER BY r.dataset, type, r.id
