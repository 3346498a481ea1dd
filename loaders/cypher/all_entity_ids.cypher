// name: all_entity_ids
// doc: Every entity id in the database, so a dataset may reference what is already loaded.
// params:
// returns: id: str
// mode: read
MATCH (n:Entity)
RETURN n.id AS id
