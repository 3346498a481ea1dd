// name: staffing
// doc: Staffing figures of a unit, post, board or organisation and of everything PART_OF it (units, posts and boards, depth <= 6), each with its entity, depth, quote and source, and totals by rank. A figure is summed when it has a rank and no `per` (a ratio such as "1 per 4000 inwoners" or "2 per dag" is listed, never added; so is a stated total without a rank, "41 medewerkers", beside its breakdown by rank) and no entity above it in the tree states a figure of the same rank (a unit's figure of a rank includes its sub-units' staff of that rank: "De lokale recherche telt 3 hoofdinspecteurs" is not added to its teams' hoofdinspecteurs again). `summed` says which figures the totals add; planned structures only with include_planned.
// params: id: ref[Organisation|Unit|Post|Board], as_of: date?, include_planned: bool?
// returns: id: str, name: str, kind: str, ranked_total: int, totals: list, figures: list
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($include_planned, false) AS planned
MATCH (root:Entity {id: $id})
CALL (root, d, planned) {
  RETURN root AS node, 0 AS depth, [] AS above
  UNION
  MATCH (root)
    ((x)<-[r:PART_OF]-(y)
      WHERE (r.status <> 'planned' OR planned) AND (r.status <> 'historical' OR r.valid_to IS NOT NULL)
        AND (r.valid_from IS NULL OR r.valid_from <= d) AND (r.valid_to IS NULL OR r.valid_to >= d)
        AND (y.status <> 'planned' OR planned) AND y:Unit|Post|Board
    ){1,6} (node)
  WHERE node <> root
  RETURN node, size(r) AS depth, x AS above
}
WITH root, node, depth, above
ORDER BY depth
WITH root, node, min(depth) AS depth, collect(above)[0] AS above
OPTIONAL MATCH (node)-[:HAS_STAFFING]->(f:Staffing)
OPTIONAL MATCH (src:Source {id: f.source})
WITH root, node, depth, f, src,
     f.rank IS NOT NULL AND f.per IS NULL
       AND NOT any(a IN above WHERE EXISTS {
         MATCH (a)-[:HAS_STAFFING]->(g:Staffing) WHERE g.rank = f.rank AND g.per IS NULL
       }) AS summed
ORDER BY depth, node.name, node.id, toInteger(split(f.id, '--staffing-')[1])
WITH root, collect(CASE WHEN f IS NOT NULL THEN {
       id: f.id, entity: node {.id, .name, .kind}, depth: depth,
       count: f.count, rank: f.rank, per: f.per, note: f.note, summed: summed,
       source: {id: f.source, title: src.title, file: src.file, quote: f.quote,
                inferred: f.inferred, reason: f.reason}
     } END) AS figures
WITH root, figures, [x IN figures WHERE x.summed] AS counted
RETURN root.id AS id, root.name AS name, root.kind AS kind,
       reduce(t = 0, x IN counted | t + x.count) AS ranked_total,
       COLLECT {
         UNWIND counted AS x
         WITH x.rank AS rank, sum(x.count) AS count, count(*) AS n
         RETURN {rank: rank, count: count, figures: n} AS total
         ORDER BY rank
       } AS totals,
       figures
