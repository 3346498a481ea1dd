// name: server_version
// doc: Version and edition of the server, for status lines and /health.
// params: 
// returns: version: str, edition: str
// mode: read
CALL dbms.components() YIELD versions, edition
RETURN versions[0] AS version, edition
