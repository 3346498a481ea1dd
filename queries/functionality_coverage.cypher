// name: functionality_coverage
// doc: For a Belgian police zone: each of the seven basic functionalities (in legal order) with the zone's units (PART_OF the zone, any depth) that COVER it, and whether it is covered at all.
// params: zone: ref[Organisation], as_of: date?, include_planned: bool?
// returns: id: str, name: str, code: str, order: int, covered: bool, units: list
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($include_planned, false) AS planned
MATCH (z:Entity {id: $zone})
CALL (z, d, planned) {
  OPTIONAL MATCH (z)
    ((x)<-[p:PART_OF]-(y)
      WHERE (p.status <> 'planned' OR planned) AND (p.status <> 'historical' OR p.valid_to IS NOT NULL)
        AND (p.valid_from IS NULL OR p.valid_from <= d) AND (p.valid_to IS NULL OR p.valid_to >= d)
        AND (y.status <> 'planned' OR planned)){1,8}
    (u:Unit)-[c:COVERS]->(f:Functionality)
  WHERE (c.status <> 'planned' OR planned) AND (c.status <> 'historical' OR c.valid_to IS NOT NULL)
    AND (c.valid_from IS NULL OR c.valid_from <= d) AND (c.valid_to IS NULL OR c.valid_to >= d)
  OPTIONAL MATCH (s:Source {id: c.source})
  WITH DISTINCT f, u, c, s
  RETURN collect({fid: f.id, unit: {id: u.id, name: u.name, quote: c.quote, inferred: c.inferred,
                  reason: c.reason, source: c.source, title: s.title}}) AS covers
}
MATCH (f:Functionality)
WITH f, [c IN covers WHERE c.fid = f.id | c.unit] AS units
RETURN f.id AS id, f.name AS name, f.code AS code, f.order AS order, size(units) > 0 AS covered, units
ORDER BY order, id
