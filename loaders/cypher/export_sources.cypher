// name: export_sources
// doc: Every :Source node with all its properties (its `dataset` says which file it goes back to), for `orggraph export`.
// params: 
// returns: props: map
// mode: read
MATCH (s:Source)
RETURN properties(s) AS props
ORDER BY s.id
