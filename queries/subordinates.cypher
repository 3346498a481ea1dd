// name: subordinates
// doc: Everything under a post, unit or organisation with its depth and parent: who REPORTS_TO it, the units it LEADS or SUPERVISES, their sub-units and posts (PART_OF), the leaders of those units and the people holding posts; `span` is each post's span of control (direct reports and units it leads).
// params: id: ref[Post|Unit|Organisation|Person|Role], max_depth: int(1..20)?, as_of: date?, include_planned: bool?
// returns: depth: int, id: str, name: str, kind: str, parent_id: str, via: str, line: str, status: str, span: int, source: map
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($include_planned, false) AS planned,
     coalesce($max_depth, 8) AS maxd
MATCH (start:Entity {id: $id})
MATCH (start)
  ((x)-[r:REPORTS_TO|LEADS|SUPERVISES|PART_OF|HOLDS]-(y)
    WHERE (r.status <> 'planned' OR planned) AND (r.status <> 'historical' OR r.valid_to IS NOT NULL)
      AND (r.valid_from IS NULL OR r.valid_from <= d) AND (r.valid_to IS NULL OR r.valid_to >= d)
      AND (y.status <> 'planned' OR planned)
      AND (
        (type(r) = 'REPORTS_TO' AND endNode(r) = x)
        OR (type(r) IN ['LEADS', 'SUPERVISES'] AND startNode(r) = x AND y:Unit|Organisation|Post)
        OR (type(r) = 'PART_OF' AND endNode(r) = x AND y:Unit|Post)
        OR (type(r) = 'LEADS' AND endNode(r) = x AND x:Unit AND y:Post|Person AND NOT x:Organisation)
        OR (type(r) = 'HOLDS' AND endNode(r) = x)
      )
  ){1,8} (node)
WHERE size(r) <= maxd AND node <> start
WITH node, size(r) AS depth, last(r) AS r, last(x) AS parent, d, planned
ORDER BY depth, r.id
WITH node, min(depth) AS depth, collect({r: r, parent: parent})[0] AS first, d, planned
WITH node, depth, first.r AS r, first.parent AS parent, d, planned
OPTIONAL MATCH (s:Source {id: r.source})
RETURN depth, node.id AS id, node.name AS name, node.kind AS kind, parent.id AS parent_id,
       type(r) AS via, r.line AS line, node.status AS status,
       CASE WHEN node:Post THEN COUNT {
         (node)-[q:REPORTS_TO|LEADS]-(o)
         WHERE ((type(q) = 'REPORTS_TO' AND endNode(q) = node) OR (type(q) = 'LEADS' AND startNode(q) = node))
           AND (q.status <> 'planned' OR planned)
           AND (q.valid_from IS NULL OR q.valid_from <= d) AND (q.valid_to IS NULL OR q.valid_to >= d)
       } END AS span,
       {id: r.source, title: s.title, file: s.file, quote: r.quote, inferred: r.inferred, reason: r.reason} AS source
ORDER BY depth, name, id
