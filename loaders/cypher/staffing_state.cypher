// name: staffing_state
// doc: The stored properties of the given staffing figures, for --dry-run's old -> new listing (absent ids are left out).
// params: ids: list
// returns: id: str, props: map
// mode: read
UNWIND $ids AS id
MATCH (s:Staffing {id: id})
RETURN s.id AS id, properties(s) AS props
