// name: upsert_relations
// doc: Create relationships of one type (`$type` from the RelType enum) between existing entities. A row is [from, to, id, quote, props, source, status, inferred, reason, valid_from, valid_to]; a null or missing source/status/inferred means the file's $source/$status/false. CREATE, not MERGE: the load deleted every relation it rewrites (the manifest diff), and the per-type id uniqueness constraint turns any duplicate into a ConstraintError, never a second copy; CREATE costs Neo4j less than half of MERGE-then-SET; the data props are set before the provenance, so provenance always wins. Rerunning the load is still a no-op (the diff finds nothing to write).
// params: rows: list, dataset: str(200), source: str(200)?, status: str(50), type: str(50)
// returns: count: int
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row[0]})
MATCH (b:Entity {id: row[1]})
CREATE (a)-[r:$($type)]->(b)
// Data first, provenance last: even a props key the validator missed cannot forge it.
SET r = coalesce(row[4], {})
SET r += {
  id: row[2], dataset: $dataset, quote: row[3], source: coalesce(row[5], $source),
  status: coalesce(row[6], $status), inferred: coalesce(row[7], false), reason: row[8],
  valid_from: row[9], valid_to: row[10]
}
RETURN count(*) AS count
