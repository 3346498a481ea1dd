// name: export_sources_of
// doc: The :Source nodes with these ids and all their properties, for an export scoped to one organisation.
// params: ids: list[str](5000)
// returns: props: map
// mode: read
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN properties(s) AS props
ORDER BY s.id
