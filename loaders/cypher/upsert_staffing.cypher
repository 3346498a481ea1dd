// name: upsert_staffing
// doc: Create or update staffing figures of a dataset's Units, Posts and Boards as (:Staffing) nodes the entity HAS_STAFFING (the relationship carries the figure's id and provenance). A row is {entity, id, props: {count, rank, per, note}, quote, source, inferred, reason}; data first, provenance last. A figure another dataset owns is not taken over and a figure whose entity is gone is not written: the caller sees count < rows.
// params: rows: list, dataset: str(200)
// returns: count: int
// mode: write
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
MERGE (s:Staffing {id: row.id})
WITH e, s, row WHERE s.dataset IS NULL OR s.dataset = $dataset
SET s = row.props
// Provenance last: a data key can never forge it.
SET s += {
  id: row.id, dataset: $dataset, quote: row.quote, source: row.source,
  inferred: coalesce(row.inferred, false), reason: row.reason
}
// The link carries the figure's id and provenance too: every relationship is cited.
MERGE (e)-[h:HAS_STAFFING]->(s)
SET h = {id: row.id, dataset: $dataset, quote: row.quote, source: row.source,
         inferred: coalesce(row.inferred, false), reason: row.reason}
RETURN count(*) AS count
