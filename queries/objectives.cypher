// name: objectives
// doc: The objectives an organisation (or unit) pursues, directly, through its units and posts, or through the plans in force that they are responsible for (`via`), each with its yearly measurements (year, value, unit, indicator) in year order.
// params: org: ref[Organisation|Unit], as_of: date?, include_planned: bool?
// returns: id: str, name: str, description: str, target_year: int, status: str, via: list, source: map, measurements: list
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($include_planned, false) AS planned
MATCH (root:Entity {id: $org})
MATCH (root)
  ((x)-[m]-(y)
    WHERE (m.status <> 'planned' OR planned) AND (m.valid_from IS NULL OR m.valid_from <= d)
      AND (m.valid_to IS NULL OR m.valid_to >= d)
      AND ((type(m) = 'PART_OF' AND endNode(m) = x AND y:Unit|Post)
        OR (type(m) = 'LEADS' AND endNode(m) = x AND y:Post))
  ){0,8} (owner)
WITH DISTINCT owner, d, planned
CALL (owner) {
  MATCH (owner)-[p:PURSUES]->(obj:Objective)
  RETURN obj, p, null AS plan, [p] AS rels
  UNION
  MATCH (owner)-[rf:RESPONSIBLE_FOR]->(plan:Plan)-[p:PURSUES]->(obj:Objective)
  RETURN obj, p, plan, [rf, p, plan] AS rels
}
WITH obj, p, plan, rels, d, planned
WHERE all(x IN rels WHERE (x.status <> 'planned' OR planned) AND (x.status <> 'historical' OR x.valid_to IS NOT NULL)
        AND (x.valid_from IS NULL OR x.valid_from <= d) AND (x.valid_to IS NULL OR x.valid_to >= d))
  AND (obj.status <> 'planned' OR planned)
WITH obj, planned, collect(DISTINCT CASE WHEN plan IS NULL THEN null ELSE plan {.id, .name} END) AS via
OPTIONAL MATCH (s:Source {id: obj.source})
RETURN obj.id AS id, obj.name AS name, obj.description AS description, obj.target_year AS target_year,
       obj.status AS status, via,
       {id: obj.source, title: s.title, file: s.file, quote: obj.quote, inferred: obj.inferred, reason: obj.reason} AS source,
       COLLECT {
         MATCH (obj)-[mb:MEASURED_BY]->(m:Measurement)
         WHERE mb.status <> 'planned' OR planned
         RETURN m {.id, .year, .value, .unit, .indicator, quote: mb.quote, inferred: mb.inferred}
         ORDER BY m.year, m.indicator
       } AS measurements
ORDER BY name
