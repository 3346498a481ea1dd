// name: responsible_for
// doc: Who is responsible for a domain, plan, task, objective or functionality: posts, units, roles, organisations, boards and partner bodies that are RESPONSIBLE_FOR, PERFORM, COVER, LEAD or SUPERVISE it (or, for a domain, a unit that ADDRESSES it), posts acting through a role they take (`via_role`), and, one step removed, those responsible for a plan, task or objective that ADDRESSES the target (`via`). Asked about a generic (vocabulary) entity, those responsible for its named instances answer too (not `direct`; their source carries `via_instance`: the instance and its INSTANCE_OF quote).
// params: target: ref[Domain|Plan|Task|Objective|Functionality], as_of: date?, include_planned: bool?
// returns: id: str, name: str, kind: str, relation: str, via_role: map, via: map, holders: list, direct: bool, source: map
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($include_planned, false) AS planned
MATCH (asked:Entity {id: $target})
// The target itself, and the named entities that are INSTANCE_OF it (asked about a generic
// vocabulary unit or post, those responsible for its instances answer; `inst` says why).
CALL (asked, d, planned) {
  RETURN asked AS t, null AS inst
  UNION
  MATCH (t:Entity)-[inst:INSTANCE_OF]->(asked)
  WHERE (inst.status <> 'planned' OR planned) AND (inst.status <> 'historical' OR inst.valid_to IS NOT NULL)
    AND (inst.valid_from IS NULL OR inst.valid_from <= d) AND (inst.valid_to IS NULL OR inst.valid_to >= d)
    AND (t.status <> 'planned' OR planned)
  RETURN t, inst
}
CALL (t) {
  MATCH (who:Post|Unit|Role|Organisation|Person|Board|PartnerBody)-[r:RESPONSIBLE_FOR|PERFORMS|COVERS|LEADS|SUPERVISES]->(t)
  RETURN who, r, null AS role, null AS via, [r] AS rels
  UNION
  MATCH (who:Unit)-[r:ADDRESSES]->(t:Domain)
  RETURN who, r, null AS role, null AS via, [r] AS rels
  UNION
  MATCH (who:Post|Unit)-[tr:TAKES_ROLE]->(role:Role)-[r:RESPONSIBLE_FOR|PERFORMS|COVERS|LEADS|SUPERVISES]->(t)
  RETURN who, r, role, null AS via, [r, tr] AS rels
  UNION
  MATCH (who:Post|Unit|Role|Organisation|Person|Board|PartnerBody)-[r:RESPONSIBLE_FOR|PERFORMS|PURSUES]->(m:Plan|Task|Objective)-[a:ADDRESSES]->(t)
  RETURN who, r, null AS role, m AS via, [r, a] AS rels
}
WITH who, r, role, via, rels, t, inst, d, planned
WHERE all(x IN rels WHERE (x.status <> 'planned' OR planned) AND (x.status <> 'historical' OR x.valid_to IS NOT NULL)
        AND (x.valid_from IS NULL OR x.valid_from <= d) AND (x.valid_to IS NULL OR x.valid_to >= d))
  AND (who.status <> 'planned' OR planned)
OPTIONAL MATCH (s:Source {id: r.source})
OPTIONAL MATCH (si:Source {id: inst.source})
WITH who, r, role, via, t, inst, d, planned,
     {id: r.source, title: s.title, file: s.file, quote: r.quote, inferred: r.inferred, reason: r.reason} AS src,
     CASE WHEN inst IS NULL THEN null ELSE {id: inst.source, title: si.title, file: si.file, quote: inst.quote} END AS isrc
RETURN who.id AS id, who.name AS name, who.kind AS kind, type(r) AS relation,
       CASE WHEN role IS NULL THEN null ELSE role {.id, .name} END AS via_role,
       CASE WHEN via IS NULL THEN null ELSE via {.id, .name, .kind} END AS via,
       COLLECT {
         MATCH (p:Person)-[h:HOLDS]->(who)
         WHERE (h.status <> 'planned' OR planned)
           AND (h.valid_from IS NULL OR h.valid_from <= d) AND (h.valid_to IS NULL OR h.valid_to >= d)
         RETURN p {.id, .name} ORDER BY p.id
       } AS holders,
       via IS NULL AND role IS NULL AND inst IS NULL AS direct,
       CASE WHEN inst IS NULL THEN src
            ELSE src {.*, via_instance: t {.id, .name, .kind, source: isrc}} END AS source
ORDER BY direct DESC, role IS NULL DESC, inst IS NULL DESC,
         CASE who.kind WHEN 'Person' THEN 0 WHEN 'Post' THEN 1 WHEN 'Role' THEN 2 WHEN 'Unit' THEN 3 ELSE 4 END, name, id
