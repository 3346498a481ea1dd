// name: graph_chain_of_command
// doc: The chain of command above one post (or unit), as a graph to highlight within its organisation's hierarchy: every REPORTS_TO path upwards from it (any line), its structural line upwards (the units it LEADS or is PART_OF and their PART_OF ancestors), the posts that LEAD each of those units, and their REPORTS_TO paths upwards. `org` is the organisation the post belongs to (the nearest Organisation on its structural line, else on its reporting line), whose hierarchy (graph_org_hierarchy) is the context to draw the chain in; null when it has none.
// params: id: ref[Post|Unit|Person|Role]
// returns: one row {root: node map, org: str or null, nodes: [node map], edges: [edge map]} or no row when id is unknown. A node map is every property of the node except search_text/content_hash plus source_title; an edge map is {id, type, from, to, props (every property), source_title}.
// mode: read
MATCH (root:Entity {id: $id})
WITH root,
     COLLECT {
       MATCH path = (root)-[:REPORTS_TO*1..12]->(:Entity)
       UNWIND relationships(path) AS r
       RETURN DISTINCT r
     } AS reportRels,
     COLLECT {
       MATCH path = (root)-[:LEADS|PART_OF]->(:Entity)-[:PART_OF*0..12]->(:Entity)
       UNWIND relationships(path) AS r
       RETURN DISTINCT r
     } AS structRels
WITH root, reportRels, structRels,
     reduce(acc = [root], r IN structRels |
       CASE WHEN endNode(r) IN acc THEN acc ELSE acc + endNode(r) END) AS line
WITH root, reportRels, structRels, line, COLLECT {
  MATCH (leader:Entity:Post)-[r:LEADS]->(led:Entity)
  WHERE led IN line AND led <> root AND leader <> root
  RETURN DISTINCT r
} AS leaderRels
WITH root, reportRels, structRels, leaderRels, COLLECT {
  UNWIND leaderRels AS lr
  WITH startNode(lr) AS leader
  MATCH path = (leader)-[:REPORTS_TO*1..12]->(:Entity)
  UNWIND relationships(path) AS r
  RETURN DISTINCT r
} AS leaderReportRels
WITH root,
     reduce(acc = [], r IN reportRels + structRels + leaderRels + leaderReportRels |
       CASE WHEN r IN acc THEN acc ELSE acc + r END) AS rels,
     COLLECT {
       MATCH path = (root)-[:LEADS|PART_OF]->(:Entity)-[:PART_OF*0..12]->(o:Entity:Organisation)
       RETURN o.id ORDER BY length(path)
     } + COLLECT {
       MATCH path = (root)-[:REPORTS_TO*1..12]->(:Entity)-[:PART_OF|LEADS*0..1]->(o:Entity:Organisation)
       RETURN o.id ORDER BY length(path)
     } AS orgs
WITH root, rels, orgs,
     reduce(acc = [root], r IN rels |
       CASE WHEN startNode(r) IN acc THEN acc ELSE acc + startNode(r) END) AS ns0
WITH root, rels, orgs,
     reduce(acc = ns0, r IN rels | CASE WHEN endNode(r) IN acc THEN acc ELSE acc + endNode(r) END) AS ns
RETURN
  root {.*, search_text: null, content_hash: null} AS root,
  CASE WHEN root:Organisation THEN root.id ELSE orgs[0] END AS org,
  [n IN ns | n {.*, search_text: null, content_hash: null,
                source_title: COLLECT { MATCH (s:Source {id: n.source}) RETURN s.title }[0]}] AS nodes,
  [r IN rels | {id: r.id, type: type(r), from: startNode(r).id, to: endNode(r).id,
                props: properties(r),
                source_title: COLLECT { MATCH (s:Source {id: r.source}) RETURN s.title }[0]}] AS edges
