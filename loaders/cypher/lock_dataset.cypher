// name: lock_dataset
// doc: Take the dataset's write lock (its :Dataset node) and return its manifest: what it owns, with content hashes. Concurrent loads of one dataset serialise here.
// params: dataset: str(200)
// returns: entity_keys: list, entity_hashes: list, relation_keys: list, relation_hashes: list, staffing_keys: list, staffing_hashes: list
// mode: write
MERGE (d:Dataset {id: $dataset})
SET d.lock = randomUUID()
RETURN coalesce(d.entity_keys, []) AS entity_keys, coalesce(d.entity_hashes, []) AS entity_hashes,
       coalesce(d.relation_keys, []) AS relation_keys, coalesce(d.relation_hashes, []) AS relation_hashes,
       coalesce(d.staffing_keys, []) AS staffing_keys, coalesce(d.staffing_hashes, []) AS staffing_hashes
