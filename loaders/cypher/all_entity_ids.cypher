// name: all_entity_ids
// doc: Every entity and source id in the database, so a dataset may reference (and cite) what is already loaded.
// params: 
// returns: id: str
// mode: read
MATCH (n:Entity)
RETURN n.id AS id
UNION
MATCH (s:Source)
RETURN s.id AS id
