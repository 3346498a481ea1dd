// name: partner_network
// doc: The partner bodies and forums a unit or organisation takes part in, one row per body: which of its own units, posts, people and roles (and the posts taking those roles) represent, participate, are members, chair, organise or liaise there, on whose behalf (`on_behalf_of` {id, name} as the relation states it, or null), with quotes.
// params: id: ref[Organisation|Unit], as_of: date?, include_planned: bool?
// returns: id: str, name: str, kind: str, level: str, links: list, posts: list
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($include_planned, false) AS planned
MATCH (root:Entity {id: $id})
MATCH (root)
  ((x)-[m]-(y)
    WHERE (m.status <> 'planned' OR planned) AND (m.valid_from IS NULL OR m.valid_from <= d)
      AND (m.valid_to IS NULL OR m.valid_to >= d) AND (y.status <> 'planned' OR planned)
      AND ((type(m) = 'PART_OF' AND endNode(m) = x AND y:Unit|Post)
        OR (type(m) = 'LEADS' AND endNode(m) = x AND y:Post|Person)
        OR (type(m) = 'HOLDS' AND endNode(m) = x)
        OR (type(m) = 'TAKES_ROLE' AND startNode(m) = x))
  ){0,8} (member)
WITH DISTINCT member, d, planned
MATCH (member)-[r:REPRESENTS_AT|PARTICIPATES_IN|MEMBER_OF|CHAIRS|ORGANISES|LIAISES_WITH|COLLABORATES_WITH]->(body:PartnerBody|Forum)
WHERE (r.status <> 'planned' OR planned) AND (r.status <> 'historical' OR r.valid_to IS NOT NULL)
  AND (r.valid_from IS NULL OR r.valid_from <= d) AND (r.valid_to IS NULL OR r.valid_to >= d)
  AND (body.status <> 'planned' OR planned)
OPTIONAL MATCH (s:Source {id: r.source})
OPTIONAL MATCH (behalf:Entity {id: r.on_behalf_of})
WITH body, member, r, s, behalf,
     CASE WHEN member:Post THEN [member {.id, .name}]
          ELSE COLLECT { MATCH (p:Post)-[:TAKES_ROLE]->(member) RETURN p {.id, .name} ORDER BY p.id } END AS posts
ORDER BY member.name, member.id, type(r), r.id
RETURN body.id AS id, body.name AS name, body.kind AS kind, coalesce(body.level, body.frequency) AS level,
       collect({member: member {.id, .name, .kind}, relation: type(r), on_behalf_of: CASE WHEN behalf IS NULL THEN null ELSE behalf {.id, .name} END,
                source: {id: r.source, title: s.title, file: s.file, quote: r.quote, inferred: r.inferred, reason: r.reason}}) AS links,
       reduce(acc = [], ps IN collect(posts) | acc + [p IN ps WHERE NOT p IN acc]) AS posts
ORDER BY name, id
