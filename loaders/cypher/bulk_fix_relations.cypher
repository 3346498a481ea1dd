// name: bulk_fix_relations
// doc: After load --initial: the property values of relationships that CSV cannot carry exactly (as bulk_fix_entities), found from their start node. A row is {from, type, id, props}.
// params: rows: list
// returns: count: int
// mode: write
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r]->()
WHERE type(r) = row.type AND r.id = row.id
SET r += row.props
RETURN count(*) AS count
