// name: delete_relations
// doc: Delete relationships of a dataset by (type, id), found through their start node: a dynamic relationship type cannot use the relationship-id index, the start node's id index can.
// params: rows: list, dataset: str(200)
// returns: count: int
// mode: write
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r]->()
WHERE type(r) = row.type AND r.id = row.id AND r.dataset = $dataset
DELETE r
RETURN count(*) AS count
