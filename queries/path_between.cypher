// name: path_between
// doc: How two entities are connected: one shortest path (at most 8 steps, any direction, only facts valid at as_of; among equally short ones the most structural, deterministically), one row per step with the relationship type, its direction and its source quote; every relationship type is walked, INSTANCE_OF too, so a generic (vocabulary) entity reaches what its named instances are linked to.
// params: from_id: ref[Entity], to_id: ref[Entity], as_of: date?, include_planned: bool?
// returns: step: int, from_id: str, from_name: str, type: str, direction: str, to_id: str, to_name: str, to_kind: str, source: map
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($include_planned, false) AS planned
MATCH (a:Entity {id: $from_id})
MATCH (b:Entity {id: $to_id})
// allShortestPaths (the kernel's bidirectional search, the validity predicate checked while it
// expands) costs a fraction of an ALL SHORTEST quantified pattern. It refuses a path from a node
// to itself, so that case is the shortest cycle: a first step, then the shortest way back that
// does not reuse it (what a trail from the node to itself is).
CALL (a, b, d, planned) {
  WITH a, b, d, planned WHERE a <> b
  MATCH p = allShortestPaths((a)-[*1..8]-(b))
  WHERE all(r IN relationships(p)
            WHERE (r.status <> 'planned' OR planned) AND (r.status <> 'historical' OR r.valid_to IS NOT NULL)
              AND (r.valid_from IS NULL OR r.valid_from <= d) AND (r.valid_to IS NULL OR r.valid_to >= d))
  RETURN nodes(p) AS ns, relationships(p) AS rs
  UNION ALL
  WITH a, b, d, planned WHERE a = b
  MATCH (a)-[first]-(n)
  WHERE (first.status <> 'planned' OR planned) AND (first.status <> 'historical' OR first.valid_to IS NOT NULL)
    AND (first.valid_from IS NULL OR first.valid_from <= d) AND (first.valid_to IS NULL OR first.valid_to >= d)
  CALL (a, first, n, d, planned) {
    WITH a, first, n WHERE n = a
    RETURN [a, a] AS ns, [first] AS rs
    UNION ALL
    WITH a, first, n, d, planned WHERE n <> a
    MATCH back = allShortestPaths((n)-[*1..7]-(a))
    WHERE all(r IN relationships(back)
              WHERE r <> first
                AND (r.status <> 'planned' OR planned) AND (r.status <> 'historical' OR r.valid_to IS NOT NULL)
                AND (r.valid_from IS NULL OR r.valid_from <= d) AND (r.valid_to IS NULL OR r.valid_to >= d))
    RETURN [a] + nodes(back) AS ns, [first] + relationships(back) AS rs
  }
  RETURN ns, rs
}
// Of equally short paths, the one along the organisation's structure explains best; ties are
// broken by relationship ids so the same question always gets the same answer.
WITH ns, rs,
     size([r IN rs WHERE type(r) IN ['REPORTS_TO', 'LEADS', 'PART_OF', 'HOLDS', 'TAKES_ROLE', 'INSTANCE_OF']]) AS structural,
     reduce(k = '', r IN rs | k + r.id + '|') AS key
ORDER BY size(rs), structural DESC, key
LIMIT 1
UNWIND range(0, size(rs) - 1) AS i
WITH i, ns[i] AS f, rs[i] AS r, ns[i + 1] AS t
OPTIONAL MATCH (s:Source {id: r.source})
RETURN i + 1 AS step, f.id AS from_id, f.name AS from_name, type(r) AS type,
       CASE WHEN startNode(r) = f THEN '->' ELSE '<-' END AS direction,
       t.id AS to_id, t.name AS to_name, t.kind AS to_kind,
       {id: r.source, title: s.title, file: s.file, quote: r.quote, inferred: r.inferred, reason: r.reason} AS source
ORDER BY step
