// name: save_manifest
// doc: Record what a dataset owns after a load, with content hashes, so the next load can diff cheaply.
// params: dataset: str(200), title: str(2000)?, sources_dir: str(4096)?, sources_path: str(4096)?, files: list, entity_keys: list, entity_hashes: list, relation_keys: list, relation_hashes: list, staffing_keys: list, staffing_hashes: list
// returns: dataset: str
// mode: write
MATCH (d:Dataset {id: $dataset})
SET d.title = $title, d.files = $files, d.loaded_at = datetime(),
    // A dataset's own sources folder (as written, and resolved when loaded) for the export;
    // absent for a dataset that uses the global one.
    d.sources_dir = $sources_dir, d.sources_path = $sources_path,
    d.entity_keys = $entity_keys, d.entity_hashes = $entity_hashes,
    d.relation_keys = $relation_keys, d.relation_hashes = $relation_hashes,
    // Absent rather than [] when the dataset has no staffing figures: its node stays as before.
    d.staffing_keys = CASE WHEN size($staffing_keys) > 0 THEN $staffing_keys END,
    d.staffing_hashes = CASE WHEN size($staffing_keys) > 0 THEN $staffing_hashes END
REMOVE d.lock
RETURN d.id AS dataset
