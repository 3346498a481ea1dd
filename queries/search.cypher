// name: search
// doc: Ranked full-text search over names, abbreviations and aliases (accent/case-insensitive, typo-tolerant); units, posts and roles that perform a matching task follow it as 'performs' hits. Each row names its organisation and the path of units between (top first), so namesakes are told apart; `org` keeps the hits inside that organisation (and the shared vocabulary, which belongs to none), `kind` those of one kind. The input is reduced to letters and digits here, so no user text ever reaches Lucene syntax.
// params: q: str(500), limit: int(1..100)?, as_of: date?, org: ref[Organisation]?, kind: str(40)?
// returns: rank: int, id: str, name: str, kind: str, type: str, status: str, score: float, match: str, via: list, organisation: map, path: list
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($limit, 20) AS lim,
     [t IN reduce(acc = [], w IN [w IN split(normalize(toLower(left($q, 500)), NFD), ' ') WHERE w <> ''][..16] |
        acc + split(reduce(s = '', c IN split(left(w, 100), '') |
          s + CASE WHEN c =~ '[\\p{L}\\p{N}]' THEN c WHEN c =~ '\\p{M}' THEN '' ELSE ' ' END), ' '))
      WHERE t <> '' | left(t, 40)][..8] AS terms
WHERE size(terms) > 0 AND lim > 0
WITH d, lim, terms, reduce(acc = '', t IN terms | acc + t) AS compact
// The scope, by the Entity.id index, and the Organisations inside it (itself and those PART_OF
// it, at most 8 steps down), read once; filtered searches read more full-text hits, because
// the filters below keep only some of them.
OPTIONAL MATCH (scope:Entity {id: $org}) WHERE scope:Organisation
CALL (scope) {
  OPTIONAL MATCH (o:Organisation)(()-[:PART_OF]->()){0,8}(scope)
  RETURN collect(DISTINCT o) AS inside
}
WITH d, lim, terms, compact, inside,
     CASE WHEN $org IS NULL AND $kind IS NULL THEN lim ELSE 1000 END AS reads
WITH d, lim, inside, reads,
     reduce(acc = '', t IN terms | acc + ' ' + t + '^3'
       + CASE WHEN size(t) >= 3 THEN ' ' + t + '*' ELSE '' END
       + CASE WHEN size(t) >= 5 THEN ' ' + t + '~1' ELSE '' END)
     + CASE WHEN size(terms) > 1
         THEN ' "' + reduce(acc = '', t IN terms | acc + ' ' + t) + '"^5 ' + compact + '^4'
         ELSE '' END AS lucene
// One full-text lookup: each hit is a 'text' row and, when it is a task, also yields the
// units, posts and roles that perform it.
CALL (lucene, reads, d) {
  CALL db.index.fulltext.queryNodes('entity_search', lucene, {limit: reads}) YIELD node AS hit, score AS hit_score
  CALL (hit, hit_score, d) {
    RETURN hit AS node, hit_score AS score, null AS via
    UNION ALL
    WITH hit, hit_score, d WHERE hit:Task
    MATCH (node:Entity)-[p:PERFORMS]->(hit)
    WHERE p.status <> 'planned' AND (p.status <> 'historical' OR p.valid_to IS NOT NULL)
      AND (p.valid_from IS NULL OR p.valid_from <= d) AND (p.valid_to IS NULL OR p.valid_to >= d)
    RETURN node, hit_score * 0.9 AS score, hit {.id, .name} AS via
  }
  RETURN node, score, via
}
WITH lim, inside, node, score, via
WHERE $kind IS NULL OR node.kind = $kind
// The membership rule of docs/model.md ("Organisation scope"): an Organisation the hit climbs to
// (PART_OF, LEADS, HOLDS through no other Organisation) is inside the scope, or it has none
// (shared vocabulary): a short climb per hit, never a walk through the scope.
WITH lim, inside, node, score, via,
     CASE WHEN $org IS NULL THEN [] ELSE COLLECT {
       MATCH (node)((a)-[:PART_OF|LEADS|HOLDS]->(b) WHERE NOT a:Organisation){0,8}(own:Organisation)
       RETURN DISTINCT own
     } END AS owns
WHERE $org IS NULL OR size(owns) = 0 OR any(o IN owns WHERE o IN inside)
WITH lim, node, max(score) AS score, count(via) < count(*) AS direct, collect(via) AS via
ORDER BY score DESC, node.name, node.id
WITH lim, collect({node: node, score: score, direct: direct, via: via}) AS all
WITH all[..lim] AS hits
UNWIND range(0, size(hits) - 1) AS i
WITH i, hits[i] AS h, hits[i].node AS n
// Its organisation and the path of units between (top first): stored on the node by the
// loader (graph/cypher/place.cypher, docs/model.md "Placement"), read here, not walked per row.
RETURN i + 1 AS rank, n.id AS id, n.name AS name, n.kind AS kind,
       n.type AS type, n.status AS status, h.score AS score,
       CASE WHEN h.direct THEN 'text' ELSE 'performs' END AS match, h.via AS via,
       CASE WHEN n.placed_org_id IS NULL THEN null
            ELSE {id: n.placed_org_id, name: n.placed_org_name} END AS organisation,
       coalesce(n.placed_path, []) AS path
ORDER BY rank
