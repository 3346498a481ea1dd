// name: bulk_fix_entities
// doc: After load --initial: the property values of :Entity nodes that CSV cannot carry exactly (empty lists, lists with an empty string or the array delimiter, lists of dates, text with NUL), set as upsert_entities would have. A row is {id, props}.
// params: rows: list
// returns: count: int
// mode: write
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n += row.props
RETURN count(*) AS count
