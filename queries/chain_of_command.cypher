// name: chain_of_command
// doc: Upward chain of command from a post, unit or person, nearest first: a person via the post it HOLDS; REPORTS_TO on any line (the line is reported); a unit via its leading post, or PART_OF upward when it has no leader who reports on; a post without REPORTS_TO via the unit it leads or belongs to. Depth 0 is the start.
// params: id: ref[Post|Unit|Person|Role], as_of: date?, include_planned: bool?
// returns: depth: int, id: str, name: str, kind: str, via: str, line: str, status: str, source: map
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($include_planned, false) AS planned
MATCH (start:Entity {id: $id})
CALL (start, d, planned) {
  RETURN start AS node, 0 AS depth, null AS r
  UNION
  MATCH (start)
    ((x)-[r:REPORTS_TO|HOLDS|LEADS|PART_OF]-(y)
      // CASE fixes the order: first whether the step goes up the chain (type, direction, labels),
      // then, only for those steps, the validity at as_of (property reads) and the leader check.
      WHERE CASE
        WHEN (type(r) = 'REPORTS_TO' AND startNode(r) = x)
          OR (type(r) = 'HOLDS' AND startNode(r) = x)
          OR (type(r) = 'LEADS' AND startNode(r) = x AND x:Person AND y:Unit|Organisation
              AND NOT EXISTS { (x)-[:HOLDS]->() })
          OR (type(r) = 'LEADS' AND endNode(r) = x AND x:Unit|Organisation AND y:Post|Person
              AND NOT EXISTS { (x)-[:REPORTS_TO]->() })
          OR (type(r) = 'LEADS' AND startNode(r) = x AND x:Post AND y:Unit|Organisation
              AND NOT EXISTS { (x)-[:REPORTS_TO]->() })
          OR (type(r) = 'PART_OF' AND startNode(r) = x AND x:Post AND y:Unit|Organisation
              AND NOT EXISTS { (x)-[:REPORTS_TO]->() })
          OR CASE WHEN type(r) = 'PART_OF' AND startNode(r) = x AND x:Unit AND y:Unit|Organisation
               THEN NOT EXISTS { (x)-[:REPORTS_TO]->() }
                 AND NOT EXISTS { (x)<-[:LEADS]-(l:Post|Person) WHERE EXISTS { (l)-[:REPORTS_TO|HOLDS]->() } }
               ELSE false END
        THEN (r.status <> 'planned' OR planned) AND (r.status <> 'historical' OR r.valid_to IS NOT NULL)
          AND (r.valid_from IS NULL OR r.valid_from <= d) AND (r.valid_to IS NULL OR r.valid_to >= d)
          AND (y.status <> 'planned' OR planned)
        ELSE false
      END
    ){1,12} (top)
  WITH top AS node, size(r) AS depth, last(r) AS r
  RETURN node, depth, r
}
WITH node, depth, r
ORDER BY depth, r.id
WITH node, min(depth) AS depth, collect(r)[0] AS r
ORDER BY depth, node.name, node.id
OPTIONAL MATCH (s:Source {id: r.source})
RETURN depth, node.id AS id, node.name AS name, node.kind AS kind, type(r) AS via, r.line AS line,
       node.status AS status,
       CASE WHEN r IS NULL THEN null ELSE
         {id: r.source, title: s.title, file: s.file, quote: r.quote, inferred: r.inferred, reason: r.reason}
       END AS source
ORDER BY depth, name, id
