// name: bulk_datasets_loaded
// doc: After load --initial: every manifest's loaded_at, the time of the transaction that finishes the load, as save_manifest sets it (CSV carries the rest of each :Dataset node).
// params: 
// returns: count: int
// mode: write
MATCH (d:Dataset)
SET d.loaded_at = datetime()
RETURN count(*) AS count
