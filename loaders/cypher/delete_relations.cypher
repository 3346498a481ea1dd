// name: delete_relations
// doc: Delete relationships of a dataset by (type, id).
// params: rows: list, dataset: str
// returns: count: int
// mode: write
UNWIND $rows AS row
MATCH ()-[r:$(row.type) {id: row.id}]->()
WHERE r.dataset = $dataset
DELETE r
RETURN count(*) AS count
