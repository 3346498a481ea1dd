// name: organisations
// doc: Every organisation in the graph (police zones, federal police, cities, prosecutors …) with its type, how many units are PART_OF it (any depth) and its source; the starting list of the API and the landing page.
// params: org_type: str(100)?
// returns: id: str, name: str, abbreviation: str, org_type: str, status: str, dataset: str, units: int, source: map
// mode: read
MATCH (o:Organisation)
WHERE $org_type IS NULL OR o.org_type = $org_type
OPTIONAL MATCH (s:Source {id: o.source})
CALL (o) {
  OPTIONAL MATCH (u:Unit)-[:PART_OF*1..12]->(o)
  RETURN count(DISTINCT u) AS units
}
RETURN o.id AS id, o.name AS name, o.abbreviation AS abbreviation, o.org_type AS org_type,
       o.status AS status, o.dataset AS dataset, units,
       {id: o.source, title: s.title, file: s.file, quote: o.quote, inferred: o.inferred, reason: o.reason} AS source
ORDER BY o.name, o.id
