// name: bulk_fix_datasets
// doc: After load --initial: the property values of :Dataset nodes (the manifests) that CSV cannot carry exactly (an empty list of keys, a file name with the array delimiter), set as save_manifest would have. A row is {id, props}.
// params: rows: list
// returns: count: int
// mode: write
UNWIND $rows AS row
MATCH (d:Dataset {id: row.id})
SET d += row.props
RETURN count(*) AS count
