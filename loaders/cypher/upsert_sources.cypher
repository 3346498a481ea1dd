// name: upsert_sources
// doc: Create or update :Source nodes (the documents facts cite).
// params: rows: list
// returns: count: int
// mode: write
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s = row.props
RETURN count(*) AS count
