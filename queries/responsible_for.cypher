// name: responsible_for
// doc: Who is responsible for a domain, plan, task, objective or functionality: posts, units, roles, organisations, boards and partner bodies that are RESPONSIBLE_FOR, PERFORM, COVER, LEAD or SUPERVISE it (or, for a domain, a unit, partner body, forum or board that ADDRESSES it: the LIVCs for radicalisering), every post or unit that takes such a role (TAKES_ROLE; `via_role`), and, one step removed, those responsible for a plan, task or objective that ADDRESSES the target (`via_entity`). Asked about a generic (vocabulary) entity, those responsible for its named instances answer too (their source carries `via_instance`: the instance and its INSTANCE_OF quote). Each row says how it was found: `via` is every step from the row's entity to the target ({type, from, to, quote, source}), `via_text` the same in words ('direct (RESPONSIBLE_FOR)', 'via rol Becor', 'via plan Plan R'); `direct` is true for a row without role, plan or instance. With `org`, only rows of that organisation (the membership rule of docs/model.md; a role, partner body, forum or board also when something of the organisation takes it or takes part in it).
// params: target: ref[Domain|Plan|Task|Objective|Functionality|Unit|Organisation|Forum|PartnerBody|Board|Post], org: ref[Organisation]?, as_of: date?, include_planned: bool?
// returns: id: str, name: str, kind: str, relation: str, via_role: map, via_entity: map, via: list, via_text: str, holders: list, direct: bool, source: map
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($include_planned, false) AS planned
MATCH (asked:Entity {id: $target})
// The target itself, and the named entities that are INSTANCE_OF it (asked about a generic
// vocabulary unit or post, those responsible for its instances answer; `inst` says why).
CALL (asked, d, planned) {
  RETURN asked AS t, null AS inst
  UNION ALL
  MATCH (t:Entity)-[inst:INSTANCE_OF]->(asked)
  WHERE (inst.status <> 'planned' OR planned) AND (inst.status <> 'historical' OR inst.valid_to IS NOT NULL)
    AND (inst.valid_from IS NULL OR inst.valid_from <= d) AND (inst.valid_to IS NULL OR inst.valid_to >= d)
    AND (t.status <> 'planned' OR planned)
  RETURN t, inst
}
// Who answers for t, and by which relations (in order, from `who` to t).
CALL (t) {
  MATCH (who:Post|Unit|Role|Organisation|Person|Board|PartnerBody)-[r:RESPONSIBLE_FOR|PERFORMS|COVERS|LEADS|SUPERVISES]->(t)
  RETURN who, null AS m, [r] AS rels
  UNION ALL
  // a unit, partner body, forum or board that addresses the domain
  MATCH (who:Unit|PartnerBody|Forum|Board)-[r:ADDRESSES]->(t:Domain)
  RETURN who, null AS m, [r] AS rels
  UNION ALL
  // one step removed: responsible for a plan, task or objective that addresses the target
  MATCH (who:Post|Unit|Role|Organisation|Person|Board|PartnerBody)-[r:RESPONSIBLE_FOR|PERFORMS|PURSUES]->(m:Plan|Task|Objective)-[a:ADDRESSES]->(t)
  RETURN who, m, [r, a] AS rels
}
// A role answers itself, and through every post (or unit) that takes it.
CALL (who) {
  RETURN who AS answerer, null AS role, null AS tr
  UNION ALL
  WITH who WHERE who:Role
  MATCH (p:Post|Unit)-[tr:TAKES_ROLE]->(who)
  RETURN p AS answerer, who AS role, tr
}
WITH answerer AS who, role, m, CASE WHEN tr IS NULL THEN rels ELSE [tr] + rels END AS rels, t, inst, d, planned
WHERE all(x IN rels WHERE (x.status <> 'planned' OR planned) AND (x.status <> 'historical' OR x.valid_to IS NOT NULL)
        AND (x.valid_from IS NULL OR x.valid_from <= d) AND (x.valid_to IS NULL OR x.valid_to >= d))
  AND (who.status <> 'planned' OR planned)
  // the membership rule of docs/model.md ("Organisation scope"): the answerer is in $org; a
  // role, partner body, forum or board also when something in $org takes it or takes part in it
  AND ($org IS NULL OR EXISTS {
    MATCH (scope:Entity {id: $org})
    MATCH (who)((a)-[:PART_OF|LEADS|HOLDS]->(b) WHERE NOT a:Organisation){0,8}(own:Organisation)
          (()-[:PART_OF]->()){0,8}(scope)
  } OR (who:Role|PartnerBody|Forum|Board AND EXISTS {
    MATCH (scope:Entity {id: $org})
    MATCH (who)(()<-[:TAKES_ROLE|PARTICIPATES_IN|MEMBER_OF|REPRESENTS_AT|CHAIRS|ORGANISES]-()){1,2}
          ((a)-[:PART_OF|LEADS|HOLDS]->(b) WHERE NOT a:Organisation){0,8}(own:Organisation)
          (()-[:PART_OF]->()){0,8}(scope)
  }))
WITH who, role, m, rels, t, inst, d, planned,
     [x IN rels WHERE type(x) <> 'TAKES_ROLE' | x][0] AS r,
     CASE WHEN inst IS NULL THEN rels ELSE rels + [inst] END AS steps
OPTIONAL MATCH (s:Source {id: r.source})
OPTIONAL MATCH (si:Source {id: inst.source})
WITH who, role, m, r, t, inst, d, planned, steps,
     {id: r.source, title: s.title, file: s.file, quote: r.quote, inferred: r.inferred, reason: r.reason} AS src,
     CASE WHEN inst IS NULL THEN null ELSE {id: inst.source, title: si.title, file: si.file, quote: inst.quote} END AS isrc
RETURN who.id AS id, who.name AS name, who.kind AS kind, type(r) AS relation,
       CASE WHEN role IS NULL THEN null ELSE role {.id, .name} END AS via_role,
       CASE WHEN m IS NULL THEN null ELSE m {.id, .name, .kind} END AS via_entity,
       [x IN steps | {type: type(x), from: {id: startNode(x).id, name: startNode(x).name},
                      to: {id: endNode(x).id, name: endNode(x).name}, quote: x.quote, source: x.source}] AS via,
       CASE WHEN role IS NULL AND m IS NULL AND inst IS NULL THEN 'direct (' + type(r) + ')'
            ELSE substring(
                   CASE WHEN role IS NULL THEN '' ELSE ', via rol ' + role.name
                 + CASE WHEN role.abbreviation IS NULL OR role.abbreviation = role.name THEN ''
                        ELSE ' (' + role.abbreviation + ')' END END
                 + CASE WHEN m IS NULL THEN ''
                        ELSE ', via ' + CASE m.kind WHEN 'Plan' THEN 'plan' WHEN 'Task' THEN 'taak'
                                                    ELSE 'doelstelling' END + ' ' + m.name END
                 + CASE WHEN inst IS NULL THEN '' ELSE ', via instantie ' + t.name END, 2) END AS via_text,
       COLLECT {
         MATCH (p:Person)-[h:HOLDS]->(who)
         WHERE (h.status <> 'planned' OR planned)
           AND (h.valid_from IS NULL OR h.valid_from <= d) AND (h.valid_to IS NULL OR h.valid_to >= d)
         RETURN p {.id, .name} ORDER BY p.id
       } AS holders,
       m IS NULL AND role IS NULL AND inst IS NULL AS direct,
       CASE WHEN inst IS NULL THEN src
            ELSE src {.*, via_instance: t {.id, .name, .kind, source: isrc}} END AS source
ORDER BY direct DESC, role IS NULL DESC, m IS NULL DESC, inst IS NULL DESC,
         CASE who.kind WHEN 'Person' THEN 0 WHEN 'Post' THEN 1 WHEN 'Role' THEN 2 WHEN 'Unit' THEN 3 ELSE 4 END, name, id,
         relation, via_role.id, via_entity.id, source.quote
