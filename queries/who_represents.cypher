// name: who_represents
// doc: Who represents an organisation at a partner body or forum: posts, roles, people, units and organisations linked by REPRESENTS_AT, PARTICIPATES_IN or MEMBER_OF, directly or through a Role a post takes (then `via_role` names it, and `holders` the people in the post); with on whose behalf (`on_behalf_of` {id, name}: the relation's own, else the representative's organisation) and the quote. Each row says how it was found: `via` is every step from the representative to the body ({type, from, to, quote, source}: its TAKES_ROLE, the relation, an INSTANCE_OF), `via_text` the same in words ('direct (REPRESENTS_AT)', 'via rol Information Officer'). Asked about a generic (vocabulary) body, the representatives at its named instances answer too: their sources carry `via_instance` (the instance and its INSTANCE_OF quote). One page of the answer: `limit` rows (default 50, at most 500) from `offset` (default 0), in a stable order (kind, inferred, name, id, relation, role, on whose behalf); every row carries `total`, the number of rows of the whole answer.
// params: at: ref[PartnerBody|Forum|Board], org: ref[Organisation|Unit|PartnerBody]?, as_of: date?, include_planned: bool?, limit: int(1..500)?, offset: int(0..100000)?
// returns: id: str, name: str, kind: str, relation: str, via_role: map, on_behalf_of: map, via: list, via_text: str, holders: list, inferred: bool, source: map, sources: list, total: int
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($include_planned, false) AS planned
MATCH (asked:Entity {id: $at})
// The asked body itself, and the named bodies that are INSTANCE_OF it (a generic vocabulary
// body is answered by the representatives at its instances; `inst` says why such a row came).
CALL (asked, d, planned) {
  RETURN asked AS body, null AS inst
  UNION ALL
  MATCH (body:Entity)-[inst:INSTANCE_OF]->(asked)
  WHERE (inst.status <> 'planned' OR planned) AND (inst.status <> 'historical' OR inst.valid_to IS NOT NULL)
    AND (inst.valid_from IS NULL OR inst.valid_from <= d) AND (inst.valid_to IS NULL OR inst.valid_to >= d)
    AND (body.status <> 'planned' OR planned)
  RETURN body, inst
}
CALL (body, d, planned) {
  MATCH (rep:Entity)-[r:REPRESENTS_AT|PARTICIPATES_IN|MEMBER_OF]->(body)
  RETURN rep, r, null AS role, null AS t
  UNION ALL
  MATCH (rep:Entity)-[t:TAKES_ROLE]->(role:Role)-[r:REPRESENTS_AT|PARTICIPATES_IN|MEMBER_OF]->(body)
  WHERE (t.status <> 'planned' OR planned)
    AND (t.valid_from IS NULL OR t.valid_from <= d) AND (t.valid_to IS NULL OR t.valid_to >= d)
  RETURN rep, r, role, t
}
WITH rep, r, role, t, body, inst, d, planned
WHERE (r.status <> 'planned' OR planned) AND (r.status <> 'historical' OR r.valid_to IS NOT NULL)
  AND (r.valid_from IS NULL OR r.valid_from <= d) AND (r.valid_to IS NULL OR r.valid_to >= d)
  AND (rep.status <> 'planned' OR planned)
// The organisation a representative belongs to, for relations without on_behalf_of: its
// placement, stored by the loader (graph/cypher/place.cypher, docs/model.md "Placement"); a
// role, which hangs in no unit, belongs to the nearest organisation of what takes it (inside
// CASE the subquery runs only for those rows).
WITH rep, r, role, t, body, inst, d, planned,
     coalesce(r.on_behalf_of, CASE WHEN rep:Organisation THEN rep.id
       WHEN rep.placed_org_id IS NOT NULL THEN rep.placed_org_id
       ELSE COLLECT {
         MATCH (rep)<-[:TAKES_ROLE]-(x:Entity)
         WITH CASE WHEN x:Organisation THEN x.id ELSE x.placed_org_id END AS home,
              CASE WHEN x:Organisation THEN 0 ELSE size(coalesce(x.placed_path, [])) + 1 END AS hops
         WHERE home IS NOT NULL
         RETURN home ORDER BY hops, home
       }[0] END) AS behalf_id
WHERE $org IS NULL OR behalf_id = $org
// The links that found each representative, in the order its sources are listed; their
// sources and steps are built only for the rows of the page (below).
WITH rep, type(r) AS relation, coalesce(role.id, r.in_role) AS role_id, behalf_id, d, planned,
     {r: r, t: t, inst: inst, body: body} AS link
ORDER BY r.inferred, inst IS NOT NULL, r.source, r.quote,
         1 + CASE WHEN t IS NULL THEN 0 ELSE 1 END + CASE WHEN inst IS NULL THEN 0 ELSE 1 END
WITH rep, relation, role_id, behalf_id, d, planned, collect(link) AS links
OPTIONAL MATCH (roleNode:Entity {id: role_id})
WITH rep, relation, role_id, behalf_id, d, planned, links, roleNode,
     all(x IN links WHERE x.r.inferred) AS inferred
ORDER BY CASE rep.kind WHEN 'Person' THEN 0 WHEN 'Post' THEN 1 WHEN 'Role' THEN 2 WHEN 'Unit' THEN 3 ELSE 4 END,
         inferred, rep.name, rep.id, relation, roleNode.id, role_id, behalf_id
// The page: the whole answer is counted (`total`) in its order, then only the page's rows are
// built (sources, steps, holders, on whose behalf, the words) and sent.
WITH d, planned, collect({rep: rep, relation: relation, behalf_id: behalf_id, links: links,
                          roleNode: roleNode, inferred: inferred}) AS found
WITH d, planned, size(found) AS total,
     found[coalesce($offset, 0)..coalesce($offset, 0) + coalesce($limit, 50)] AS page
UNWIND range(0, size(page) - 1) AS n
WITH d, planned, total, n, page[n].rep AS rep, page[n].relation AS relation, page[n].behalf_id AS behalf_id,
     page[n].links AS links, page[n].roleNode AS roleNode, page[n].inferred AS inferred
CALL (links) {
  UNWIND range(0, size(links) - 1) AS i
  WITH i, links[i].r AS r, links[i].inst AS inst, links[i].body AS body
  OPTIONAL MATCH (s:Source {id: r.source})
  OPTIONAL MATCH (si:Source {id: inst.source})
  WITH i, inst, body,
       {id: r.source, title: s.title, file: s.file, quote: r.quote, inferred: r.inferred, reason: r.reason} AS src,
       CASE WHEN inst IS NULL THEN null ELSE {id: inst.source, title: si.title, file: si.file, quote: inst.quote} END AS isrc
  ORDER BY i
  RETURN collect(CASE WHEN inst IS NULL THEN src
                      ELSE src {.*, via_instance: body {.id, .name, .kind, source: isrc}} END) AS sources
}
WITH d, planned, total, n, rep, relation, behalf_id, sources, roleNode, inferred,
     {steps: [x IN [links[0].t, links[0].r, links[0].inst] WHERE x IS NOT NULL |
               {type: type(x), from: {id: startNode(x).id, name: startNode(x).name},
                to: {id: endNode(x).id, name: endNode(x).name}, quote: x.quote, source: x.source}],
      instance: CASE WHEN links[0].inst IS NULL THEN null ELSE links[0].body.name END} AS how
OPTIONAL MATCH (behalf:Entity {id: behalf_id})
RETURN rep.id AS id, rep.name AS name, rep.kind AS kind, relation,
       CASE WHEN roleNode IS NULL THEN null ELSE roleNode {.id, .name} END AS via_role,
       CASE WHEN behalf IS NULL THEN null ELSE behalf {.id, .name} END AS on_behalf_of,
       how.steps AS via,
       CASE WHEN roleNode IS NULL AND how.instance IS NULL THEN 'direct (' + relation + ')'
            ELSE substring(CASE WHEN roleNode IS NULL THEN '' ELSE ', via rol ' + roleNode.name
                 + CASE WHEN roleNode.abbreviation IS NULL OR roleNode.abbreviation = roleNode.name THEN ''
                        ELSE ' (' + roleNode.abbreviation + ')' END END
                         + CASE WHEN how.instance IS NULL THEN '' ELSE ', via instantie ' + how.instance END, 2)
       END AS via_text,
       COLLECT {
         MATCH (p:Person)-[h:HOLDS]->(rep)
         WHERE (h.status <> 'planned' OR planned)
           AND (h.valid_from IS NULL OR h.valid_from <= d) AND (h.valid_to IS NULL OR h.valid_to >= d)
         RETURN p {.id, .name} ORDER BY p.id
       } AS holders,
       inferred, sources[0] AS source, sources, total
ORDER BY n
