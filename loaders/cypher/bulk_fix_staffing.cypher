// name: bulk_fix_staffing
// doc: After load --initial: the property values of :Staffing nodes that CSV cannot carry exactly (empty lists, lists with an empty string or the array delimiter, lists of dates, text with NUL), set as upsert_staffing would have. A row is {id, props}.
// params: rows: list
// returns: count: int
// mode: write
UNWIND $rows AS row
MATCH (n:Staffing {id: row.id})
SET n += row.props
RETURN count(*) AS count
