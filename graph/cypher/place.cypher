// name: place
// doc: Store each entity's placement (its organisation and the units between, top first) on the node, so answers read it instead of walking up per row. The rule is docs/model.md's "Organisation scope": the first Organisation up PART_OF, LEADS, HOLDS through no other Organisation (an Organisation climbs by PART_OF only), the shortest path, ties broken by the organisation's id and then the ids along the path. Recomputed for $ids (entities new in this transaction: nothing older hangs below them except through a relation it wrote, whose start is a root), for $roots and every entity whose walk passes through one of them (a rename or a moved unit changes what lies below it), or for every entity when $all; written only where it changed, so a reload that changes nothing writes nothing. The loader runs it in each load's transaction, after the relations; the schema migration runs it with $all; the initial load applies the same rule in Python (graph.placement.walk_all, held to this query by tests/graph/test_placement.py).
// params: ids: list, roots: list, all: bool
// returns: count: int
// mode: write
CALL () {
  WITH 1 AS one WHERE $all
  MATCH (n:Entity)
  RETURN n
  UNION
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  RETURN n
  UNION
  UNWIND $roots AS id
  MATCH (s:Entity {id: id})
  MATCH p = (n:Entity)((a)-[r:PART_OF|LEADS|HOLDS]->(b) WHERE type(r) = 'PART_OF' OR NOT a:Organisation){0,8}(s)
  WHERE none(x IN nodes(p)[1..-1] WHERE x:Organisation)
  RETURN n
}
CALL (n) {
  OPTIONAL MATCH p = (n)((a)-[r:PART_OF|LEADS|HOLDS]->(b) WHERE type(r) = 'PART_OF' OR NOT a:Organisation){1,8}(own:Organisation)
  WHERE none(x IN nodes(p)[1..-1] WHERE x:Organisation)
  // The last key breaks ties between equally short paths (a post leading two units): stable answers.
  WITH own, p ORDER BY length(p), own.id, [x IN nodes(p) | x.id] LIMIT 1
  RETURN own.id AS org_id, own.name AS org_name,
         CASE WHEN p IS NULL OR length(p) = 1 THEN null
              ELSE reverse([x IN nodes(p)[1..-1] | x.name]) END AS path
}
// Nothing stored means no organisation and no path: shared vocabulary costs no write.
WITH n, org_id, org_name, path
WHERE coalesce(n.placed_org_id, '') <> coalesce(org_id, '')
   OR coalesce(n.placed_org_name, '') <> coalesce(org_name, '')
   OR coalesce(n.placed_path, []) <> coalesce(path, [])
SET n.placed_org_id = org_id, n.placed_org_name = org_name, n.placed_path = path
RETURN count(*) AS count
