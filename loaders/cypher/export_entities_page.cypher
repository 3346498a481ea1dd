// name: export_entities_page
// doc: One page of :Entity nodes (ids after `after`, in id order, the unique index's order) with all their properties, for a paged `orggraph export --format …` of the whole graph.
// params: after: str(200), limit: int
// returns: props: map
// mode: read
MATCH (n:Entity)
WHERE n.id > $after
RETURN properties(n) AS props
ORDER BY n.id
LIMIT $limit
