// name: graph_chain_of_command
// doc: The chain of command above one post (or unit, or person), as a graph to highlight within its organisation's hierarchy: the same upward steps as chain_of_command (REPORTS_TO on any line; HOLDS; a unit that reports to nobody up to its head, or PART_OF upward when its head reports to nobody; a post that reports to nobody up its PART_OF, or past each unit it LEADS to that unit's parent), never sideways: the units a head leads are not drawn as above it (nor the two steps through them). Planned and historical steps are drawn too (status tells them apart). `org` is the organisation the post belongs to (the nearest Organisation on its structural line, else on its reporting line), whose hierarchy (graph_org_hierarchy) is the context to draw the chain in; null when it has none.
// params: id: ref[Post|Unit|Person|Role]
// returns: one row {root: node map, org: str or null, nodes: [node map], edges: [edge map]} or no row when id is unknown. A node map is every property of the node except search_text/content_hash plus source_title; an edge map is {id, type, from, to, props (every property), source_title}.
// mode: read
MATCH (root:Entity {id: $id})
CALL (root) {
  MATCH (root)
    ((x)-[r:REPORTS_TO|HOLDS|LEADS|PART_OF]-(y)
      // CASE fixes the order: first the type, direction and labels, then the EXISTS checks.
      WHERE CASE WHEN (type(r) = 'REPORTS_TO' AND startNode(r) = x)
        OR (type(r) = 'HOLDS' AND startNode(r) = x)
        OR (type(r) = 'LEADS' AND endNode(r) = x AND x:Unit|Organisation|Board AND y:Post|Person|Board
            AND NOT EXISTS { (x)-[:REPORTS_TO]->() })
        OR (type(r) = 'LEADS' AND startNode(r) = x AND x:Post AND y:Unit|Organisation|Board
            AND NOT EXISTS { (x)-[:REPORTS_TO]->() }
            AND NOT EXISTS { MATCH (x)-[:LEADS]->(y2)-[:PART_OF]->()<-[:PART_OF]-(y) WHERE y2.id < y.id })
        OR (type(r) = 'LEADS' AND startNode(r) = x AND x:Person AND y:Unit|Organisation|Board
            AND NOT EXISTS { (x)-[:HOLDS]->() }
            AND NOT EXISTS { MATCH (x)-[:LEADS]->(y2)-[:PART_OF]->()<-[:PART_OF]-(y) WHERE y2.id < y.id })
        OR (type(r) = 'PART_OF' AND startNode(r) = x AND x:Post AND y:Unit|Organisation
            AND NOT EXISTS { (x)-[:REPORTS_TO]->() } AND NOT EXISTS { (x)-[:LEADS]->(y) })
        OR CASE WHEN type(r) = 'PART_OF' AND startNode(r) = x AND x:Unit AND y:Unit|Organisation
             THEN NOT EXISTS { (x)-[:REPORTS_TO]->() }
               AND NOT EXISTS { (x)<-[:LEADS]-(l:Post|Person) WHERE EXISTS { (l)-[:REPORTS_TO|HOLDS]->() } }
             ELSE false END
        THEN true ELSE false END
    ){1,12} (top)
  WITH r, x, y, [i IN range(0, size(r) - 1) WHERE type(r[i]) = 'LEADS' AND startNode(r[i]) = x[i]] AS through
  WHERE NOT size(r) - 1 IN through
    AND all(i IN through WHERE type(r[i + 1]) = 'PART_OF'
          AND NOT EXISTS { WITH x[i] AS h, y[i + 1] AS p MATCH (h)-[:LEADS]->(p) })
  // A step through a led unit (its LEADS and that unit's PART_OF) is not drawn, nor the unit;
  // the parent it leads to is (a node of the chain, joined to it in the organisation's hierarchy).
  WITH r, y, through ORDER BY size(r), [e IN r | e.id]
  WITH collect(r) AS paths, collect(y) AS reached, collect(through) AS throughs
  RETURN reduce(acc = [], k IN range(0, size(paths) - 1) |
           acc + [i IN range(0, size(paths[k]) - 1)
                  WHERE NOT i IN throughs[k] AND NOT i - 1 IN throughs[k] AND NOT paths[k][i] IN acc
                  | paths[k][i]]) AS rels,
         reduce(acc = [root], k IN range(0, size(paths) - 1) |
           acc + [i IN range(0, size(paths[k]) - 1)
                  WHERE NOT i IN throughs[k] AND NOT reached[k][i] IN acc | reached[k][i]]) AS chainNodes
}
WITH root, rels, chainNodes,
     COLLECT {
       MATCH path = (root)-[:HOLDS*0..1]->(:Entity)-[:LEADS|PART_OF]->(:Entity)-[:PART_OF*0..12]->(o:Entity:Organisation)
       RETURN o.id ORDER BY length(path), o.id
     } + COLLECT {
       MATCH path = (root)-[:REPORTS_TO*1..12]->(:Entity)-[:PART_OF|LEADS*0..1]->(o:Entity:Organisation)
       RETURN o.id ORDER BY length(path), o.id
     } AS orgs
WITH root, rels, orgs, chainNodes,
     reduce(acc = [], n IN chainNodes + [r IN rels | startNode(r)] + [r IN rels | endNode(r)] |
       CASE WHEN n IN acc THEN acc ELSE acc + n END) AS ns
RETURN
  root {.*, search_text: null, content_hash: null,
    placed_org_id: null, placed_org_name: null, placed_path: null} AS root,
  CASE WHEN root:Organisation THEN root.id ELSE orgs[0] END AS org,
  [n IN ns | n {.*, search_text: null, content_hash: null,
    placed_org_id: null, placed_org_name: null, placed_path: null,
                source_title: COLLECT { MATCH (s:Source {id: n.source}) RETURN s.title }[0]}] AS nodes,
  [r IN rels | {id: r.id, type: type(r), from: startNode(r).id, to: endNode(r).id,
                props: properties(r),
                source_title: COLLECT { MATCH (s:Source {id: r.source}) RETURN s.title }[0]}] AS edges
