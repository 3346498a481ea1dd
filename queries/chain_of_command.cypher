// name: chain_of_command
// doc: Upward chain of command from a post, unit or person, nearest first, climbing only upward lines, never sideways: a person via the post it HOLDS; REPORTS_TO on any line (the line is reported); a unit (or board) that reports to nobody via its head (the post, person or board that LEADS it), or PART_OF upward when its head reports on to nobody; a post that reports to nobody via the unit it belongs to (PART_OF), or past each unit it LEADS to that unit's parent (the units it leads are below it, not above: never listed, nor a parent it leads too). Depth 0 is the start, with no relation of its own; each other row carries the relation of the step that reached it first (`via`, `line`, `source`).
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
          // up from a unit that reports to nobody to its head
          OR (type(r) = 'LEADS' AND endNode(r) = x AND x:Unit|Organisation|Board AND y:Post|Person|Board
              AND NOT EXISTS { (x)-[:REPORTS_TO]->() })
          // a head that reports to nobody passes through a unit it leads (a hidden step: the
          // next one must be that unit's PART_OF, checked after the match)
          // (through one of the units it leads per parent: the lowest id, not each sibling again)
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
        THEN (r.status <> 'planned' OR planned) AND (r.status <> 'historical' OR r.valid_to IS NOT NULL)
          AND (r.valid_from IS NULL OR r.valid_from <= d) AND (r.valid_to IS NULL OR r.valid_to >= d)
          AND (y.status <> 'planned' OR planned)
        ELSE false
      END
    ){1,12} (top)
  // A head's LEADS step is only a way through: it must go on at once along the led unit's
  // PART_OF, to a parent the head does not lead itself, and the led unit is not a row.
  WITH top, r, x, y, [i IN range(0, size(r) - 1) WHERE type(r[i]) = 'LEADS' AND startNode(r[i]) = x[i]] AS through
  WHERE NOT size(r) - 1 IN through
    AND all(i IN through WHERE type(r[i + 1]) = 'PART_OF'
          AND NOT EXISTS { WITH x[i] AS h, y[i + 1] AS p MATCH (h)-[:LEADS]->(p) })
  RETURN top AS node, size(r) - size(through) AS depth, last(r) AS r
}
// Each node once, at its least depth, with the first step (by id) that reached it there; the
// start keeps no step even when a longer path comes back to it.
WITH node, depth, r
ORDER BY depth, r.id
WITH node, collect([depth, r]) AS reached
WITH node, reached[0][0] AS depth, reached[0][1] AS r
OPTIONAL MATCH (s:Source {id: r.source})
RETURN depth, node.id AS id, node.name AS name, node.kind AS kind, type(r) AS via, r.line AS line,
       node.status AS status,
       CASE WHEN r IS NULL THEN null ELSE
         {id: r.source, title: s.title, file: s.file, quote: r.quote, inferred: r.inferred, reason: r.reason}
       END AS source
ORDER BY depth, name, id
