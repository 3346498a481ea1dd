// name: bulk_empty_aliases
// doc: After load --initial: every entity has `aliases`, an empty list when it has none (as upsert_entities writes it); CSV has no empty list, so the importer left those out.
// params: 
// returns: count: int
// mode: write
MATCH (n:Entity) WHERE n.aliases IS NULL
SET n.aliases = []
RETURN count(*) AS count
