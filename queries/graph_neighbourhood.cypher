// name: graph_neighbourhood
// doc: Everything within `depth` hops (1-3, any relationship type and direction) of one entity, as a graph for the neighbourhood view. Each node carries `depth`, its distance from the centre; edges are all relationships among the returned nodes. A depth outside 1-3 is refused before the query runs.
// params: id: ref[Entity], depth: int(1..3)
// returns: one row {root: node map, nodes: [node map + depth], edges: [edge map]} or no row when id is unknown. A node map is every property of the node except search_text/content_hash plus source_title; an edge map is {id, type, from, to, props (every property), source_title}.
// mode: read
MATCH (root:Entity {id: $id})
WITH root, CASE WHEN $depth < 1 THEN 1 WHEN $depth > 3 THEN 3 ELSE $depth END AS maxDepth
WITH root, maxDepth, COLLECT { MATCH (root)--(a:Entity) WHERE a <> root RETURN DISTINCT a } AS ring1
WITH root, maxDepth, ring1, COLLECT {
  UNWIND CASE WHEN maxDepth >= 2 THEN ring1 ELSE [] END AS a
  MATCH (a)--(b:Entity)
  WHERE b <> root AND NOT b IN ring1
  RETURN DISTINCT b
} AS ring2
WITH root, ring1, ring2, COLLECT {
  UNWIND CASE WHEN maxDepth >= 3 THEN ring2 ELSE [] END AS b
  MATCH (b)--(c:Entity)
  WHERE c <> root AND NOT c IN ring1 AND NOT c IN ring2
  RETURN DISTINCT c
} AS ring3
WITH root, ring1, ring2, [root] + ring1 + ring2 + ring3 AS ns
WITH root, ring1, ring2, ns, COLLECT {
  UNWIND ns AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b IN ns
  RETURN DISTINCT r
} AS rels
RETURN
  root {.*, search_text: null, content_hash: null,
    placed_org_id: null, placed_org_name: null, placed_path: null} AS root,
  [n IN ns | n {.*, search_text: null, content_hash: null,
    placed_org_id: null, placed_org_name: null, placed_path: null,
                depth: CASE WHEN n = root THEN 0 WHEN n IN ring1 THEN 1 WHEN n IN ring2 THEN 2 ELSE 3 END,
                source_title: COLLECT { MATCH (s:Source {id: n.source}) RETURN s.title }[0]}] AS nodes,
  [r IN rels | {id: r.id, type: type(r), from: startNode(r).id, to: endNode(r).id,
                props: properties(r),
                source_title: COLLECT { MATCH (s:Source {id: r.source}) RETURN s.title }[0]}] AS edges
