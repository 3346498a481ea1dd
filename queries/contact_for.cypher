// name: contact_for
// doc: Where a citizen (or colleague) goes for a task described in words: full-text search restricted to Task entities, then the units, posts and roles that PERFORM it or are RESPONSIBLE_FOR it (a role's post too), with their organisation; e.g. 'fietsdiefstal' → the Dienst Onthaal of zone 001.
// params: task: str, limit: int?, as_of: date?
// returns: task_id: str, task_name: str, score: float, id: str, name: str, kind: str, relation: str, via_role: map, organisation: map, source: map
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($limit, 10) AS lim,
     [t IN split(reduce(acc = '', c IN split(normalize(toLower($task), NFD), '') |
        acc + CASE WHEN c =~ '[\\p{L}\\p{N}]' THEN c WHEN c =~ '\\p{M}' THEN '' ELSE ' ' END), ' ')
      WHERE t <> '' | left(t, 40)][..8] AS terms
WHERE size(terms) > 0 AND lim > 0
WITH d, lim,
     reduce(acc = '', t IN terms | acc + ' ' + t + '^3'
       + CASE WHEN size(t) >= 3 THEN ' ' + t + '*' ELSE '' END
       + CASE WHEN size(t) >= 5 THEN ' ' + t + '~1' ELSE '' END)
     + CASE WHEN size(terms) > 1
         THEN ' "' + reduce(acc = '', t IN terms | acc + ' ' + t) + '"^5' ELSE '' END AS lucene
CALL db.index.fulltext.queryNodes('entity_search', lucene, {limit: 200}) YIELD node, score
WITH d, lim, node AS task, score
WHERE task:Task
WITH d, lim, collect({task: task, score: score}) AS tasks
UNWIND tasks[..lim] AS hit
WITH d, hit.task AS task, hit.score AS score
CALL (task) {
  MATCH (who:Unit|Post|Role)-[r:PERFORMS|RESPONSIBLE_FOR]->(task)
  RETURN who, r, null AS role, [r] AS rels
  UNION
  MATCH (who:Post|Unit)-[tr:TAKES_ROLE]->(role:Role)-[r:PERFORMS|RESPONSIBLE_FOR]->(task)
  RETURN who, r, role, [r, tr] AS rels
}
WITH d, task, score, who, r, role, rels
WHERE all(x IN rels WHERE x.status <> 'planned' AND (x.status <> 'historical' OR x.valid_to IS NOT NULL)
        AND (x.valid_from IS NULL OR x.valid_from <= d) AND (x.valid_to IS NULL OR x.valid_to >= d))
  AND who.status <> 'planned'
CALL (who) {
  OPTIONAL MATCH (who)
    ((x)-[h:PART_OF|LEADS|TAKES_ROLE]-(y) WHERE (type(h) IN ['PART_OF', 'LEADS'] AND startNode(h) = x)
                       OR (type(h) = 'TAKES_ROLE' AND endNode(h) = x)){0,8}
    (org:Organisation)
  WITH org, size(h) AS hops ORDER BY hops
  RETURN collect(org {.id, .name})[0] AS organisation
}
OPTIONAL MATCH (s:Source {id: r.source})
RETURN task.id AS task_id, task.name AS task_name, score, who.id AS id, who.name AS name,
       who.kind AS kind, type(r) AS relation,
       CASE WHEN role IS NULL THEN null ELSE role {.id, .name} END AS via_role, organisation,
       {id: r.source, title: s.title, file: s.file, quote: r.quote, inferred: r.inferred, reason: r.reason} AS source
ORDER BY score DESC, relation DESC, name
