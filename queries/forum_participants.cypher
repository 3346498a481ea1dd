// name: forum_participants
// doc: Who takes part in a forum, partner body or board and how (`capacity`): chairs, vice-chair (a CHAIRS whose props say `as: vice-chair`, or a post or role named ondervoorzitter/vicevoorzitter/plaatsvervangend voorzitter), leads, organises, represents, participates, member (MEMBER_OF, or a post PART_OF the body); directly or through a role a post takes (`via_role`), with the people holding the posts, on whose behalf as the relation states it (`on_behalf_of` {id, name} or null) and quotes. Asked about a generic (vocabulary) body, the participants of its named instances answer too: their source carries `via_instance` (the instance and its INSTANCE_OF quote). Each row says how it was found: `via` is every step from the participant to the body ({type, from, to, quote, source}), `via_text` the same in words ('direct (CHAIRS)', 'via rol Becor'). Every participant of the body is listed, whichever organisation it belongs to (the mayors of a zone's municipalities sit in its council): an `org` in the request only says in which organisation the body's name is looked up. One page of the answer: `limit` rows (default 50, at most 500) from `offset` (default 0), in a stable order (the body's own first, capacity, name, id, role, quote, then the relation itself); every row carries `total`, the number of rows of the whole answer.
// params: id: ref[PartnerBody|Forum|Board|Unit|Organisation], as_of: date?, include_planned: bool?, limit: int(1..500)?, offset: int(0..100000)?
// returns: capacity: str, id: str, name: str, kind: str, via_role: map, on_behalf_of: map, via: list, via_text: str, holders: list, source: map, total: int
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
  RETURN who, r, null AS role, null AS tr
  UNION
  MATCH (who:Post)-[r:PART_OF]->(f:PartnerBody|Forum|Board)
  RETURN who, r, null AS role, null AS tr
  UNION
  MATCH (who:Entity)-[tr:TAKES_ROLE]->(role:Role)-[r:CHAIRS|LEADS|ORGANISES|REPRESENTS_AT|PARTICIPATES_IN|MEMBER_OF]->(f)
  RETURN who, r, role, tr
}
WITH who, r, role, tr, f, inst, d, planned
WHERE all(x IN [r, tr] WHERE x IS NULL OR ((x.status <> 'planned' OR planned) AND (x.status <> 'historical' OR x.valid_to IS NOT NULL)
        AND (x.valid_from IS NULL OR x.valid_from <= d) AND (x.valid_to IS NULL OR x.valid_to >= d)))
  AND (who.status <> 'planned' OR planned)
WITH who, r, role, tr, f, inst, d, planned,
     CASE
       WHEN type(r) IN ['CHAIRS', 'MEMBER_OF']
            AND (toLower(coalesce(r['as'], '')) IN ['vice-chair', 'vice_chair', 'vicevoorzitter', 'ondervoorzitter']
                 OR any(n IN [who.name, role.name] WHERE n IS NOT NULL
                        AND toLower(n) =~ '(onder|vice-?|plaatsvervangend )voorzitter\\b.*|vice-?chair\\b.*'))
         THEN 'vice-chair'
       WHEN type(r) = 'CHAIRS' THEN 'chairs'
       WHEN type(r) = 'LEADS' THEN 'leads'
       WHEN type(r) = 'ORGANISES' THEN 'organises'
       WHEN type(r) = 'REPRESENTS_AT' THEN 'represents'
       WHEN type(r) = 'PARTICIPATES_IN' THEN 'participates'
       ELSE 'member' END AS capacity
ORDER BY inst IS NULL DESC,
         CASE capacity WHEN 'chairs' THEN 0 WHEN 'vice-chair' THEN 1 WHEN 'leads' THEN 2 WHEN 'organises' THEN 3
           WHEN 'represents' THEN 4 WHEN 'participates' THEN 5 ELSE 6 END, who.name, who.id, role IS NULL DESC, role.id,
         r.quote, f.id, type(r), r.source, elementId(r), elementId(tr), elementId(inst)
// The page: the whole answer is counted (`total`) in its order, then only the page's rows are
// built (sources, on whose behalf, holders, the words) and sent.
WITH d, planned, collect({who: who, r: r, role: role, tr: tr, f: f, inst: inst, capacity: capacity}) AS found
WITH d, planned, size(found) AS total,
     found[coalesce($offset, 0)..coalesce($offset, 0) + coalesce($limit, 50)] AS page
UNWIND range(0, size(page) - 1) AS n
WITH d, planned, total, n, page[n].who AS who, page[n].r AS r, page[n].role AS role, page[n].tr AS tr,
     page[n].f AS f, page[n].inst AS inst, page[n].capacity AS capacity
OPTIONAL MATCH (s:Source {id: r.source})
OPTIONAL MATCH (si:Source {id: inst.source})
OPTIONAL MATCH (behalf:Entity {id: r.on_behalf_of})
WITH d, planned, total, n, who, r, role, tr, f, inst, capacity, behalf,
     {id: r.source, title: s.title, file: s.file, quote: r.quote, inferred: r.inferred, reason: r.reason} AS src,
     CASE WHEN inst IS NULL THEN null ELSE {id: inst.source, title: si.title, file: si.file, quote: inst.quote} END AS isrc
RETURN capacity,
       who.id AS id, who.name AS name, who.kind AS kind,
       CASE WHEN role IS NULL THEN null ELSE role {.id, .name} END AS via_role,
       CASE WHEN behalf IS NULL THEN null ELSE behalf {.id, .name} END AS on_behalf_of,
       [x IN [tr, r, inst] WHERE x IS NOT NULL |
         {type: type(x), from: {id: startNode(x).id, name: startNode(x).name},
          to: {id: endNode(x).id, name: endNode(x).name}, quote: x.quote, source: x.source}] AS via,
       CASE WHEN role IS NULL AND inst IS NULL THEN 'direct (' + type(r) + ')'
            ELSE substring(CASE WHEN role IS NULL THEN '' ELSE ', via rol ' + role.name
                 + CASE WHEN role.abbreviation IS NULL OR role.abbreviation = role.name THEN ''
                        ELSE ' (' + role.abbreviation + ')' END END
                         + CASE WHEN inst IS NULL THEN '' ELSE ', via instantie ' + f.name END, 2) END AS via_text,
       COLLECT {
         MATCH (p:Person)-[h:HOLDS]->(who)
         WHERE (h.status <> 'planned' OR planned)
           AND (h.valid_from IS NULL OR h.valid_from <= d) AND (h.valid_to IS NULL OR h.valid_to >= d)
         RETURN p {.id, .name} ORDER BY p.id
       } AS holders,
       CASE WHEN inst IS NULL THEN src
            ELSE src {.*, via_instance: f {.id, .name, .kind, source: isrc}} END AS source,
       total
ORDER BY n
