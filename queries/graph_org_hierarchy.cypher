// name: graph_org_hierarchy
// doc: The organigram of one organisation (or unit) as a graph for the hierarchy view: the root, everything PART_OF it (any depth, up to 12 levels), the posts that LEAD any of those, and the persons that HOLD those posts; edges are the PART_OF, LEADS, HOLDS, REPORTS_TO, SUPERVISES and REPLACES relationships among them. Planned and historical structures are included (status tells them apart).
// params: id: ref[Organisation|Unit|PartnerBody]
// returns: one row {root: node map, nodes: [node map], edges: [edge map]} or no row when id is unknown. A node map is every property of the node except search_text/content_hash plus source_title and staffing (its HAS_STAFFING figures as [{count, rank, per, note}], for the cards); an edge map is {id, type, from, to, props (every property), source_title}.
// mode: read
MATCH (root:Entity {id: $id})
WITH root, [root] + COLLECT { MATCH (part:Entity)-[:PART_OF*1..12]->(root) RETURN DISTINCT part } AS tree
WITH root, tree + COLLECT {
  MATCH (leader:Entity:Post)-[:LEADS]->(led:Entity) WHERE led IN tree RETURN DISTINCT leader
} AS tree
WITH root, tree + COLLECT {
  MATCH (holder:Entity:Person)-[:HOLDS]->(post:Entity) WHERE post IN tree RETURN DISTINCT holder
} AS tree
WITH root, reduce(acc = [], n IN tree | CASE WHEN n IN acc THEN acc ELSE acc + n END) AS ns
WITH root, ns, COLLECT {
  UNWIND ns AS a
  MATCH (a)-[r:PART_OF|LEADS|HOLDS|REPORTS_TO|SUPERVISES|REPLACES]->(b)
  WHERE b IN ns
  RETURN DISTINCT r
} AS rels
RETURN
  root {.*, search_text: null, content_hash: null,
    placed_org_id: null, placed_org_name: null, placed_path: null} AS root,
  [n IN ns | n {.*, search_text: null, content_hash: null,
    placed_org_id: null, placed_org_name: null, placed_path: null,
                source_title: COLLECT { MATCH (s:Source {id: n.source}) RETURN s.title }[0],
                staffing: COLLECT { MATCH (n)-[:HAS_STAFFING]->(f:Staffing)
                                    RETURN f {.count, .rank, .per, .note} ORDER BY f.id }}] AS nodes,
  [r IN rels | {id: r.id, type: type(r), from: startNode(r).id, to: endNode(r).id,
                props: properties(r),
                source_title: COLLECT { MATCH (s:Source {id: r.source}) RETURN s.title }[0]}] AS edges
