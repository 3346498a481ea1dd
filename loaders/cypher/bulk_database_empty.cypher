// name: bulk_database_empty
// doc: What the database holds besides the schema-version node: load --initial imports only into an empty database (the importer replaces the store).
// params: 
// returns: nodes: int, relationships: int
// mode: read
CALL () { MATCH (n) WHERE NOT n:SchemaVersion RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
