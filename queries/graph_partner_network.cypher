// name: graph_partner_network
// doc: The partner network of an organisation as a graph: its internal units, posts and the roles they take (everything PART_OF it at any depth, the posts that LEAD those, their TAKES_ROLE roles) that represent it at, take part in, are members of, chair or organise partner bodies and forums, or liaise/collaborate with or report to bodies outside it; plus those partners, and the structural PART_OF/LEADS/TAKES_ROLE edges that connect each such actor back to the organisation. Each node carries `side`: root, internal or partner.
// params: id: ref[Organisation|Unit]
// returns: one row {root: node map, nodes: [node map + side], edges: [edge map]} or no row when id is unknown. A node map is every property of the node except search_text/content_hash plus source_title; an edge map is {id, type, from, to, props (every property), source_title}.
// mode: read
MATCH (root:Entity {id: $id})
WITH root, [root] + COLLECT { MATCH (part:Entity)-[:PART_OF*1..12]->(root) RETURN DISTINCT part } AS inside
WITH root, inside + COLLECT {
  MATCH (leader:Entity:Post)-[:LEADS]->(led:Entity) WHERE led IN inside AND NOT leader IN inside
  RETURN DISTINCT leader
} AS inside
WITH root, inside + COLLECT {
  MATCH (actor:Entity)-[:TAKES_ROLE]->(role:Entity:Role) WHERE actor IN inside AND NOT role IN inside
  RETURN DISTINCT role
} AS inside
WITH root, inside, COLLECT {
  UNWIND inside AS actor
  MATCH (actor)-[r]->(partner:Entity)
  WHERE (type(r) IN ['REPRESENTS_AT', 'PARTICIPATES_IN', 'MEMBER_OF', 'CHAIRS', 'ORGANISES']
         AND (partner:PartnerBody OR partner:Forum))
     OR (type(r) IN ['LIAISES_WITH', 'COLLABORATES_WITH', 'REPORTS_TO'] AND NOT partner IN inside)
  RETURN DISTINCT r
} AS partnerRels
WITH root, inside, partnerRels,
     reduce(acc = [], r IN partnerRels |
       CASE WHEN startNode(r) IN acc THEN acc ELSE acc + startNode(r) END) AS actors,
     reduce(acc = [], r IN partnerRels |
       CASE WHEN endNode(r) IN acc THEN acc ELSE acc + endNode(r) END) AS partners
// the shortest structural path from each actor back to the organisation, inside it
WITH root, inside, partnerRels, actors, partners, COLLECT {
  UNWIND actors AS actor
  MATCH path = shortestPath((actor)-[:PART_OF|LEADS|TAKES_ROLE*1..12]-(root))
  WHERE actor <> root AND all(x IN nodes(path) WHERE x IN inside)
  UNWIND relationships(path) AS r
  RETURN DISTINCT r
} AS structRels
WITH root, inside, partners, partnerRels + structRels AS rels,
     reduce(acc = [root], r IN structRels + partnerRels |
       CASE WHEN startNode(r) IN acc THEN acc ELSE acc + startNode(r) END) AS ns0
WITH root, inside, partners, rels,
     reduce(acc = ns0, r IN rels |
       CASE WHEN endNode(r) IN acc THEN acc ELSE acc + endNode(r) END) AS ns
RETURN
  root {.*, search_text: null, content_hash: null,
    placed_org_id: null, placed_org_name: null, placed_path: null} AS root,
  [n IN ns | n {.*, search_text: null, content_hash: null,
    placed_org_id: null, placed_org_name: null, placed_path: null,
                side: CASE WHEN n = root THEN 'root' WHEN n IN inside THEN 'internal' ELSE 'partner' END,
                source_title: COLLECT { MATCH (s:Source {id: n.source}) RETURN s.title }[0]}] AS nodes,
  [r IN rels | {id: r.id, type: type(r), from: startNode(r).id, to: endNode(r).id,
                props: properties(r),
                source_title: COLLECT { MATCH (s:Source {id: r.source}) RETURN s.title }[0]}] AS edges
