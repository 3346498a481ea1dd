// name: path_between
// doc: How two entities are connected: one shortest path (at most 8 steps, any direction, only facts valid at as_of; among equally short ones the most structural, deterministically), one row per step with the relationship type, its direction and its source quote.
// params: from_id: str, to_id: str, as_of: date?, include_planned: bool?
// returns: step: int, from_id: str, from_name: str, type: str, direction: str, to_id: str, to_name: str, to_kind: str, source: map
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($include_planned, false) AS planned
MATCH (a:Entity {id: $from_id})
MATCH (b:Entity {id: $to_id})
MATCH p = ALL SHORTEST (a)
  ((x)-[r]-(y)
    WHERE (r.status <> 'planned' OR planned) AND (r.status <> 'historical' OR r.valid_to IS NOT NULL)
      AND (r.valid_from IS NULL OR r.valid_from <= d) AND (r.valid_to IS NULL OR r.valid_to >= d)
  ){1,8} (b)
// Of equally short paths, the one along the organisation's structure explains best; ties are
// broken by relationship ids so the same question always gets the same answer.
WITH p,
     size([r IN relationships(p) WHERE type(r) IN ['REPORTS_TO', 'LEADS', 'PART_OF', 'HOLDS', 'TAKES_ROLE']]) AS structural,
     reduce(k = '', r IN relationships(p) | k + r.id + '|') AS key
ORDER BY structural DESC, key
LIMIT 1
WITH nodes(p) AS ns, relationships(p) AS rs
UNWIND range(0, size(rs) - 1) AS i
WITH i, ns[i] AS f, rs[i] AS r, ns[i + 1] AS t
OPTIONAL MATCH (s:Source {id: r.source})
RETURN i + 1 AS step, f.id AS from_id, f.name AS from_name, type(r) AS type,
       CASE WHEN startNode(r) = f THEN '->' ELSE '<-' END AS direction,
       t.id AS to_id, t.name AS to_name, t.kind AS to_kind,
       {id: r.source, title: s.title, file: s.file, quote: r.quote, inferred: r.inferred, reason: r.reason} AS source
ORDER BY step
