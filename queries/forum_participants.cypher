// name: forum_participants
// doc: Who takes part in a forum or partner body and how: chairs, leads, organises, represents (on whose behalf), participates, is a member; directly or through a role a post takes (`via_role`), with the people holding the posts and quotes. Asked about a generic (vocabulary) body, the participants of its named instances answer too: their source carries `via_instance` (the instance and its INSTANCE_OF quote).
// params: id: ref[PartnerBody|Forum|Board], as_of: date?, include_planned: bool?
// returns: capacity: str, id: str, name: str, kind: str, via_role: map, on_behalf_of: str, holders: list, source: map
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($include_planned, false) AS planned
MATCH (asked:Entity {id: $id})
// The body itself, and the named bodies that are INSTANCE_OF it (`inst` says why a row came).
CALL (asked, d, planned) {
  RETURN asked AS f, null AS inst
  UNION
  MATCH (f:Entity)-[inst:INSTANCE_OF]->(asked)
  WHERE (inst.status <> 'planned' OR planned) AND (inst.status <> 'historical' OR inst.valid_to IS NOT NULL)
    AND (inst.valid_from IS NULL OR inst.valid_from <= d) AND (inst.valid_to IS NULL OR inst.valid_to >= d)
    AND (f.status <> 'planned' OR planned)
  RETURN f, inst
}
CALL (f) {
  MATCH (who:Entity)-[r:CHAIRS|LEADS|ORGANISES|REPRESENTS_AT|PARTICIPATES_IN|MEMBER_OF]->(f)
  RETURN who, r, null AS role, [r] AS rels
  UNION
  MATCH (who:Entity)-[tr:TAKES_ROLE]->(role:Role)-[r:CHAIRS|LEADS|ORGANISES|REPRESENTS_AT|PARTICIPATES_IN|MEMBER_OF]->(f)
  RETURN who, r, role, [r, tr] AS rels
}
WITH who, r, role, rels, f, inst, d, planned
WHERE all(x IN rels WHERE (x.status <> 'planned' OR planned) AND (x.status <> 'historical' OR x.valid_to IS NOT NULL)
        AND (x.valid_from IS NULL OR x.valid_from <= d) AND (x.valid_to IS NULL OR x.valid_to >= d))
  AND (who.status <> 'planned' OR planned)
OPTIONAL MATCH (s:Source {id: r.source})
OPTIONAL MATCH (si:Source {id: inst.source})
WITH who, r, role, f, inst, d, planned,
     {id: r.source, title: s.title, file: s.file, quote: r.quote, inferred: r.inferred, reason: r.reason} AS src,
     CASE WHEN inst IS NULL THEN null ELSE {id: inst.source, title: si.title, file: si.file, quote: inst.quote} END AS isrc
RETURN CASE type(r) WHEN 'CHAIRS' THEN 'chairs' WHEN 'LEADS' THEN 'leads' WHEN 'ORGANISES' THEN 'organises'
         WHEN 'REPRESENTS_AT' THEN 'represents' WHEN 'PARTICIPATES_IN' THEN 'participates'
         ELSE 'member' END AS capacity,
       who.id AS id, who.name AS name, who.kind AS kind,
       CASE WHEN role IS NULL THEN null ELSE role {.id, .name} END AS via_role,
       r.on_behalf_of AS on_behalf_of,
       COLLECT {
         MATCH (p:Person)-[h:HOLDS]->(who)
         WHERE (h.status <> 'planned' OR planned)
           AND (h.valid_from IS NULL OR h.valid_from <= d) AND (h.valid_to IS NULL OR h.valid_to >= d)
         RETURN p {.id, .name} ORDER BY p.id
       } AS holders,
       CASE WHEN inst IS NULL THEN src
            ELSE src {.*, via_instance: f {.id, .name, .kind, source: isrc}} END AS source
ORDER BY inst IS NULL DESC, CASE type(r) WHEN 'CHAIRS' THEN 0 WHEN 'LEADS' THEN 1 WHEN 'ORGANISES' THEN 2 WHEN 'REPRESENTS_AT' THEN 3
         WHEN 'PARTICIPATES_IN' THEN 4 ELSE 5 END, name, id
