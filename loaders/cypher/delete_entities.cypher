// name: delete_entities
// doc: Delete entities a dataset owns and no longer states (with their own relationships).
// params: ids: list, dataset: str(200)
// returns: count: int
// mode: write
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.dataset = $dataset
DETACH DELETE n
RETURN count(*) AS count
