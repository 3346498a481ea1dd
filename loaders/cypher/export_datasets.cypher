// name: export_datasets
// doc: Every :Dataset manifest node, for `orggraph export`: id, title, its own sources folder (as written and where it was when loaded) and the manifest's key order (the order of the original files).
// params: 
// returns: id: str, title: str?, sources_dir: str?, sources_path: str?, entity_keys: list, relation_keys: list
// mode: read
MATCH (d:Dataset)
RETURN d.id AS id, d.title AS title, d.sources_dir AS sources_dir, d.sources_path AS sources_path,
       coalesce(d.entity_keys, []) AS entity_keys, coalesce(d.relation_keys, []) AS relation_keys
ORDER BY id
