// name: entity_owners
// doc: Which dataset owns each of the given entity ids (absent ids are left out).
// params: ids: list
// returns: id: str, dataset: str
// mode: read
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.dataset AS dataset
