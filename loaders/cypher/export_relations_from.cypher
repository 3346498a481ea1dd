// name: export_relations_from
// doc: Every relationship between entities that starts at one of these entities, with its type, endpoint ids and all its properties (a page of a paged export: each relation once, at its start node).
// params: ids: list[str](5000)
// returns: type: str, from: str, to: str, props: map
// mode: read
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b:Entity)
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props
