// name: schema_objects
// doc: Names of all indexes (constraints own one each), to show that applying the schema again changes nothing.
// params: 
// returns: names: list
// mode: read
SHOW INDEXES YIELD name, owningConstraint
RETURN collect(coalesce(owningConstraint, name)) AS names
