// name: set_schema_version
// doc: Record that migrations up to $version are applied.
// params: version: int
// returns: version: int
// mode: write
MERGE (v:SchemaVersion {id: 'orggraph'})
SET v.version = $version, v.applied_at = datetime()
RETURN v.version AS version
