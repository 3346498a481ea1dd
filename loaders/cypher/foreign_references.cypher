// name: foreign_references
// doc: Relationships of other datasets that touch the given entities: pruning those entities would delete another dataset's facts.
// params: ids: list, dataset: str(200)
// returns: entity: str, relation: str, type: str, dataset: str
// mode: read
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-()
WHERE r.dataset <> $dataset
RETURN n.id AS entity, r.id AS relation, type(r) AS type, r.dataset AS dataset
