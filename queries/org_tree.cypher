// name: org_tree
// doc: An organisation's (or unit's) tree: units and posts PART_OF it, leaders of each unit, and the people holding posts, each with depth and parent; planned structures (status planned, e.g. the Lokeren pillars of the 2019-2024 mission letter) appear only with include_planned and are flagged.
// params: id: ref[Organisation|Unit|PartnerBody], include_planned: bool?, as_of: date?
// returns: depth: int, id: str, name: str, kind: str, type: str, parent_id: str, via: str, status: str, planned: bool, source: map
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($include_planned, false) AS planned
MATCH (root:Entity {id: $id})
CALL (root, d, planned) {
  RETURN root AS node, 0 AS depth, null AS r, null AS parent
  UNION
  MATCH (root)
    ((x)-[r:PART_OF|LEADS|HOLDS]-(y)
      WHERE (r.status <> 'planned' OR planned) AND (r.status <> 'historical' OR r.valid_to IS NOT NULL)
        AND (r.valid_from IS NULL OR r.valid_from <= d) AND (r.valid_to IS NULL OR r.valid_to >= d)
        AND (y.status <> 'planned' OR planned)
        AND (
          (type(r) = 'PART_OF' AND endNode(r) = x AND y:Unit|Post)
          OR (type(r) = 'LEADS' AND endNode(r) = x AND y:Post|Person)
          OR (type(r) = 'HOLDS' AND endNode(r) = x AND y:Person)
        )
    ){1,10} (node)
  WHERE node <> root
  RETURN node, size(r) AS depth, last(r) AS r, last(x) AS parent
}
WITH node, depth, r, parent
ORDER BY depth, r.id
WITH node, min(depth) AS depth, collect({r: r, parent: parent})[0] AS first
WITH node, depth, first.r AS r, first.parent AS parent
OPTIONAL MATCH (s:Source {id: coalesce(r.source, node.source)})
RETURN depth, node.id AS id, node.name AS name, node.kind AS kind, node.type AS type,
       parent.id AS parent_id, type(r) AS via, node.status AS status,
       node.status = 'planned' OR coalesce(r.status = 'planned', false) AS planned,
       {id: coalesce(r.source, node.source), title: s.title, file: s.file,
        quote: coalesce(r.quote, node.quote), inferred: coalesce(r.inferred, node.inferred),
        reason: coalesce(r.reason, node.reason)} AS source
ORDER BY depth, parent_id, kind, name, id
