// name: functionality_coverage
// doc: For a Belgian police zone (or any organisation): each of the seven basic functionalities (in legal order), who COVERS it — the organisation itself (its own COVERS: a zone that organises all seven) and its units (PART_OF it, any depth) — and whether it is covered at all. `units` lists every coverer ({id, name, kind, quote, inferred, reason, source, title}: the organisation itself first, then its units by name); each row says how it was found: `via` the COVERS steps ({type, from, to, quote, source}), `via_text` in words ('COVERS door Politiezone X, Dienst Wijkwerking', or 'geen COVERS' when uncovered).
// params: zone: ref[Organisation], as_of: date?, include_planned: bool?
// returns: id: str, name: str, code: str, order: int, covered: bool, units: list, via: list, via_text: str
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($include_planned, false) AS planned
MATCH (z:Entity {id: $zone})
CALL (z, d, planned) {
  OPTIONAL MATCH (z)
    ((x)<-[p:PART_OF]-(y)
      WHERE (p.status <> 'planned' OR planned) AND (p.status <> 'historical' OR p.valid_to IS NOT NULL)
        AND (p.valid_from IS NULL OR p.valid_from <= d) AND (p.valid_to IS NULL OR p.valid_to >= d)
        AND (y.status <> 'planned' OR planned)){0,8}
    (u:Unit|Organisation)-[c:COVERS]->(f:Functionality)
  WHERE (c.status <> 'planned' OR planned) AND (c.status <> 'historical' OR c.valid_to IS NOT NULL)
    AND (c.valid_from IS NULL OR c.valid_from <= d) AND (c.valid_to IS NULL OR c.valid_to >= d)
  WITH DISTINCT f, u, c
  OPTIONAL MATCH (s:Source {id: c.source})
  WITH f, u, c, s ORDER BY u <> z, u.name, u.id
  RETURN collect({fid: f.id,
                  unit: {id: u.id, name: u.name, kind: u.kind, quote: c.quote, inferred: c.inferred,
                         reason: c.reason, source: c.source, title: s.title},
                  step: {type: 'COVERS', from: {id: u.id, name: u.name}, to: {id: f.id, name: f.name},
                         quote: c.quote, source: c.source}}) AS covers
}
MATCH (f:Functionality)
WITH f, [c IN covers WHERE c.fid = f.id] AS mine
RETURN f.id AS id, f.name AS name, f.code AS code, f.order AS order, size(mine) > 0 AS covered,
       [c IN mine | c.unit] AS units, [c IN mine | c.step] AS via,
       CASE WHEN size(mine) = 0 THEN 'geen COVERS'
            ELSE 'COVERS door ' + reduce(acc = '', c IN mine | acc + CASE WHEN acc = '' THEN '' ELSE ', ' END + c.unit.name)
       END AS via_text
ORDER BY order, id
