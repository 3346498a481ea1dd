// name: entity
// doc: One entity with its properties, its source, and every relationship in both directions (type, direction, other end, props, source quote); `current` flags whether a relationship holds at as_of (not planned, within its dates), so planned structure stays visible; a generic (vocabulary) entity's incoming INSTANCE_OF relationships list its named instances, and a named one's outgoing INSTANCE_OF the generic it is one of.
// params: id: ref[Entity], as_of: date?
// returns: id: str, name: str, kind: str, labels: list, properties: map, source: map, relationships: list
// mode: read
WITH coalesce($as_of, date()) AS d
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (ns:Source {id: n.source})
CALL (n, d) {
  MATCH (n)-[r]-(o:Entity)
  OPTIONAL MATCH (s:Source {id: r.source})
  WITH r, o, s, d, startNode(r) = n AS outgoing
  ORDER BY outgoing DESC, type(r), o.name, r.id
  RETURN collect({
    id: r.id, type: type(r), direction: CASE WHEN outgoing THEN 'out' ELSE 'in' END,
    other: {id: o.id, name: o.name, kind: o.kind},
    props: r {.*, quote: null, source: null, inferred: null, reason: null, dataset: null, content_hash: null, id: null},
    status: r.status,
    current: r.status <> 'planned' AND (r.status <> 'historical' OR r.valid_to IS NOT NULL)
      AND (r.valid_from IS NULL OR r.valid_from <= d) AND (r.valid_to IS NULL OR r.valid_to >= d),
    source: {id: r.source, title: s.title, file: s.file, quote: r.quote, inferred: r.inferred, reason: r.reason}
  }) AS relationships
}
RETURN n.id AS id, n.name AS name, n.kind AS kind, labels(n) AS labels,
       n {.*, search_text: null, content_hash: null,
    placed_org_id: null, placed_org_name: null, placed_path: null} AS properties,
       {id: n.source, title: ns.title, file: ns.file, quote: n.quote, inferred: n.inferred, reason: n.reason} AS source,
       relationships
