// name: schema_version
// doc: The schema version recorded by the last migration, or 0 for a database orggraph never touched.
// params: 
// returns: version: int
// mode: read
OPTIONAL MATCH (v:SchemaVersion {id: 'orggraph'})
RETURN coalesce(v.version, 0) AS version
