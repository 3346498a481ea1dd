// name: chairs
// doc: Who chairs what: one row per chair or vice-chair (`capacity`: chairs, or vice-chair for a CHAIRS whose props say `as: vice-chair` or a chair post or role named ondervoorzitter/vicevoorzitter/plaatsvervangend voorzitter) of a board, forum or partner body (`body` {id, name, kind}); the chair is a post or person, or a post or unit through a role it takes (`via_role`), with the people holding the post (`holders`), on whose behalf as the relation states it (`on_behalf_of` {id, name} or null) and the quote. With `org`, the bodies of that organisation and the bodies its own posts and people chair (the membership rule of docs/model.md, read down from the organisation: its sub-organisations by PART_OF, then PART_OF, LEADS and HOLDS down, never into another Organisation); without, every chair in the graph. Each row says how it was found: `via` ({type, from, to, quote, source}: TAKES_ROLE, CHAIRS) and `via_text` ('direct (CHAIRS)', 'via rol Voorzitter').
// params: org: ref[Organisation]?, as_of: date?, include_planned: bool?
// returns: body: map, capacity: str, id: str, name: str, kind: str, via_role: map, on_behalf_of: map, holders: list, via: list, via_text: str, source: map
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($include_planned, false) AS planned
// What the chairs are looked for around: with org, the organisation's own entities (from the
// index on Entity.id, walking down); without, every body.
CALL () {
  MATCH (scope:Entity {id: $org})
  MATCH (scope)(()<-[:PART_OF]-()){0,8}(own:Organisation)
        ((b)<-[:PART_OF|LEADS|HOLDS]-(a) WHERE NOT a:Organisation){0,8}(e)
  RETURN DISTINCT e
  UNION
  MATCH (e:Board|Forum|PartnerBody)
  WHERE $org IS NULL
  RETURN e
}
CALL (e) {
  MATCH (who:Post|Person)-[r:CHAIRS]->(e)
  RETURN who, r, e AS body, null AS role, null AS tr
  UNION
  MATCH (who:Post|Unit)-[tr:TAKES_ROLE]->(role:Role)-[r:CHAIRS]->(e)
  RETURN who, r, e AS body, role, tr
  UNION
  MATCH (e)-[r:CHAIRS]->(body)
  WHERE $org IS NOT NULL AND e:Post|Person
  RETURN e AS who, r, body, null AS role, null AS tr
  UNION
  MATCH (e)-[tr:TAKES_ROLE]->(role:Role)-[r:CHAIRS]->(body)
  WHERE $org IS NOT NULL AND e:Post|Unit
  RETURN e AS who, r, body, role, tr
}
WITH DISTINCT who, r, body, role, tr, d, planned
WHERE all(x IN [r, tr] WHERE x IS NULL OR ((x.status <> 'planned' OR planned) AND (x.status <> 'historical' OR x.valid_to IS NOT NULL)
        AND (x.valid_from IS NULL OR x.valid_from <= d) AND (x.valid_to IS NULL OR x.valid_to >= d)))
  AND (who.status <> 'planned' OR planned) AND (body.status <> 'planned' OR planned)
OPTIONAL MATCH (s:Source {id: r.source})
OPTIONAL MATCH (behalf:Entity {id: r.on_behalf_of})
WITH who, r, body, role, tr, d, planned, behalf, s,
     CASE WHEN toLower(coalesce(r['as'], '')) IN ['vice-chair', 'vice_chair', 'vicevoorzitter', 'ondervoorzitter']
            OR any(n IN [who.name, role.name] WHERE n IS NOT NULL
                   AND toLower(n) =~ '(onder|vice-?|plaatsvervangend )voorzitter\\b.*|vice-?chair\\b.*')
          THEN 'vice-chair' ELSE 'chairs' END AS capacity
RETURN body {.id, .name, .kind} AS body, capacity,
       who.id AS id, who.name AS name, who.kind AS kind,
       CASE WHEN role IS NULL THEN null ELSE role {.id, .name} END AS via_role,
       CASE WHEN behalf IS NULL THEN null ELSE behalf {.id, .name} END AS on_behalf_of,
       COLLECT {
         MATCH (p:Person)-[h:HOLDS]->(who)
         WHERE (h.status <> 'planned' OR planned)
           AND (h.valid_from IS NULL OR h.valid_from <= d) AND (h.valid_to IS NULL OR h.valid_to >= d)
         RETURN p {.id, .name} ORDER BY p.id
       } AS holders,
       [x IN [tr, r] WHERE x IS NOT NULL |
         {type: type(x), from: {id: startNode(x).id, name: startNode(x).name},
          to: {id: endNode(x).id, name: endNode(x).name}, quote: x.quote, source: x.source}] AS via,
       CASE WHEN role IS NULL THEN 'direct (CHAIRS)' ELSE 'via rol ' + role.name
                 + CASE WHEN role.abbreviation IS NULL OR role.abbreviation = role.name THEN ''
                        ELSE ' (' + role.abbreviation + ')' END END AS via_text,
       {id: r.source, title: s.title, file: s.file, quote: r.quote, inferred: r.inferred, reason: r.reason} AS source
ORDER BY body.name, body.id, capacity, name, id, via_role.id, source.quote
