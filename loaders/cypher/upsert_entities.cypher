// name: upsert_entities
// doc: Create or update entities of one kind by id. A row is [id, props, quote, source, status, inferred, reason, valid_from, valid_to] (positional: packing map keys for every row was a third of the national load; a null or missing source/status/inferred means the file's $source/$status/false). `$kind`/`$other_kinds` come from the EntityKind enum, so a kind change leaves no stale label.
// params: rows: list, dataset: str(200), source: str(200)?, status: str(50), kind: str(50), other_kinds: list
// returns: count: int
// mode: write
UNWIND $rows AS row
MERGE (n:Entity {id: row[0]})
// A node another dataset created meanwhile is not taken over: the caller sees count < rows.
WITH n, row WHERE n.dataset IS NULL OR n.dataset = $dataset
SET n = row[1]
SET n += {
  id: row[0], kind: $kind, dataset: $dataset, quote: row[2], source: coalesce(row[3], $source),
  status: coalesce(row[4], $status), inferred: coalesce(row[5], false), reason: row[6],
  valid_from: row[7], valid_to: row[8]
}
SET n:$($kind)
REMOVE n:$($other_kinds)
RETURN count(*) AS count
