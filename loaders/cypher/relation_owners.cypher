// name: relation_owners
// doc: Which dataset owns each given relationship (type, id, start node id); absent ones are left out. Found through the start node's id index.
// params: rows: list
// returns: type: str, id: str, dataset: str
// mode: read
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r]->()
WHERE type(r) = row.type AND r.id = row.id
RETURN row.type AS type, row.id AS id, r.dataset AS dataset
