// name: export_graph_state
// doc: What a paged export compares before and after its reads (one auto-commit read per page, not one long transaction): every dataset's load time and lock, and the entity and relationship counts; a difference means a load committed meanwhile.
// params: 
// returns: datasets: list, entities: int, relations: int
// mode: read
CALL () {
  MATCH (d:Dataset)
  WITH d ORDER BY d.id
  RETURN collect([d.id, toString(d.loaded_at), d.lock IS NOT NULL]) AS datasets
}
RETURN datasets, count {MATCH (:Entity)} AS entities, count {MATCH ()-[]->()} AS relations
