// name: collaborations
// doc: With whom a unit or organisation works: COLLABORATES_WITH and LIAISES_WITH links of the entity itself, its sub-units, the posts in or leading them, and the roles those posts take (`member` says which), to anything outside it.
// params: id: ref[Organisation|Unit|Post|Role], as_of: date?, include_planned: bool?
// returns: member: map, relation: str, direction: str, partner_id: str, partner_name: str, partner_kind: str, source: map
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($include_planned, false) AS planned
MATCH (root:Entity {id: $id})
MATCH (root)
  ((x)-[m]-(y)
    WHERE (m.status <> 'planned' OR planned) AND (m.valid_from IS NULL OR m.valid_from <= d)
      AND (m.valid_to IS NULL OR m.valid_to >= d) AND (y.status <> 'planned' OR planned)
      AND ((type(m) = 'PART_OF' AND endNode(m) = x AND y:Unit|Post)
        OR (type(m) = 'LEADS' AND endNode(m) = x AND y:Post|Person)
        OR (type(m) = 'TAKES_ROLE' AND startNode(m) = x))
  ){0,8} (member)
WITH DISTINCT member, d, planned
WITH collect(member) AS members, d, planned
UNWIND members AS member
MATCH (member)-[r:COLLABORATES_WITH|LIAISES_WITH]-(partner:Entity)
WHERE NOT partner IN members
  AND (r.status <> 'planned' OR planned) AND (r.status <> 'historical' OR r.valid_to IS NOT NULL)
  AND (r.valid_from IS NULL OR r.valid_from <= d) AND (r.valid_to IS NULL OR r.valid_to >= d)
OPTIONAL MATCH (s:Source {id: r.source})
RETURN member {.id, .name, .kind} AS member, type(r) AS relation,
       CASE WHEN startNode(r) = member THEN 'out' ELSE 'in' END AS direction,
       partner.id AS partner_id, partner.name AS partner_name, partner.kind AS partner_kind,
       {id: r.source, title: s.title, file: s.file, quote: r.quote, inferred: r.inferred, reason: r.reason, status: r.status} AS source
ORDER BY partner_name, partner_id, member.name, member.id, relation, source.quote
