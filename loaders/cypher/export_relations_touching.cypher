// name: export_relations_touching
// doc: Every relationship between entities that starts or ends at one of these entities (each once), with its type, endpoint ids and all its properties, for an export scoped to one organisation.
// params: ids: list[str](5000)
// returns: type: str, from: str, to: str, props: map
// mode: read
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r]-(:Entity)
WITH DISTINCT r
RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, properties(r) AS props
