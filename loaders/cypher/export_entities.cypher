// name: export_entities
// doc: Every :Entity node with all its properties, for `orggraph export`.
// params: 
// returns: props: map
// mode: read
MATCH (n:Entity)
RETURN properties(n) AS props
ORDER BY n.id
